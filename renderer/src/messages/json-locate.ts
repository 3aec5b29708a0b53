/**
 * Finds where JSON text first goes wrong, the same in every engine: V8 only sometimes names the
 * position ("… is not valid JSON" has none), and Firefox's words differ. A small recursive scan.
 */
export interface JsonProblem {
  offset: number;
  message: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export function locateJsonError(text: string): JsonProblem | null {
  let i = 0;
  const fail = (message: string): never => {
    throw new Stop(i, message);
  };
  const describe = () =>
    i >= text.length ? 'the text ends too early' : `unexpected ${JSON.stringify(text[i])}`;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (char: string, what: string) => {
    space();
    if (text[i] !== char) fail(`expected ${what}, found ${describe().replace('unexpected ', '')}`);
    i++;
  };
  const string = () => {
    expect('"', 'a string in double quotes');
    for (;;) {
      if (i >= text.length) fail('the string is not closed');
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c < ' ') fail('a control character (such as a line break) inside a string');
      if (c === '\\') {
        i++;
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 4;
        else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('an invalid escape in a string');
      }
      i++;
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        string();
        expect(':', '":" after the property name');
        value();
        space();
        if (text[i] === ',') i++;
        else return expect('}', '"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        space();
        if (text[i] === ',') i++;
        else return expect(']', '"," or "]"');
      }
    }
    if (c === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i));
    if (literal) return void (i += literal[0].length);
    fail(`expected a value, found ${describe().replace('unexpected ', '')}`);
  };
  try {
    value();
    space();
    if (i < text.length) fail(`unexpected ${JSON.stringify(text[i])} after the end of the JSON value`);
    return null;
  } catch (error) {
    if (error instanceof Stop) return { offset: error.offset, message: error.message };
    throw error;
  }
}
