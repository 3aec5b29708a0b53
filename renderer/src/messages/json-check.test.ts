import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkPayload, describeCheck, lineColumn, prettyJson } from './json-check';
import { locateJsonError } from './json-locate';

describe('checkPayload', () => {
  it('accepts JSON and pretty-prints it', () => {
    expect(checkPayload('{"hello":1}')).toEqual({ kind: 'json', pretty: '{\n  "hello": 1\n}' });
    expect(describeCheck(checkPayload('[1,2]'))).toBe('Valid JSON.');
  });

  it('calls blank text empty', () => {
    expect(checkPayload('  \n')).toEqual({ kind: 'empty' });
  });

  it('says where JSON breaks, as line and column', () => {
    const check = checkPayload('{\n  "a": 1,\n  "b" 2\n}');
    expect(check.kind).toBe('text');
    if (check.kind !== 'text') return;
    expect(check.line).toBe(3);
    expect(check.column).toBe(7);
    expect(describeCheck(check)).toMatch(
      /^Not valid JSON at line 3, column 7: .+\. It will be sent as plain text\.$/,
    );
    expect(check.problem).not.toMatch(/position/);
  });

  it('allows plain text but marks it', () => {
    expect(describeCheck(checkPayload('hello'))).toContain('sent as plain text');
  });
});

describe('lineColumn', () => {
  it('counts from 1', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('prettyJson', () => {
  it('leaves non-JSON alone', () => {
    expect(prettyJson('{"a":')).toBe('{"a":');
    expect(prettyJson('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
  });
});

describe('locateJsonError', () => {
  it('finds the first wrong character in any engine', () => {
    expect(locateJsonError('{"hello":}')).toEqual({ offset: 9, message: 'expected a value, found "}"' });
    expect(locateJsonError('{"a":1 "b":2}')?.message).toBe('expected "," or "}", found "\\""');
    expect(locateJsonError('[1,2')?.message).toBe('expected "," or "]", found the text ends too early');
    expect(locateJsonError('{"a":"x\ny"}')?.offset).toBe(7);
    expect(locateJsonError('{} x')?.message).toBe('unexpected "x" after the end of the JSON value');
    expect(locateJsonError('"\\q"')?.message).toBe('an invalid escape in a string');
  });

  it('agrees with JSON.parse on what is valid', () => {
    for (const ok of ['1', '-0.5e+3', '"\\u00e9\\n"', ' {"a":[true,false,null,{}]} ', '[]']) {
      expect(() => JSON.parse(ok) as unknown).not.toThrow();
      expect(locateJsonError(ok)).toBeNull();
    }
    for (const bad of ['', '01', '{a:1}', "'x'", '[1,]', '{"a":1,}', 'tru', '1.']) {
      expect(() => JSON.parse(bad) as unknown).toThrow();
      expect(locateJsonError(bad)).not.toBeNull();
    }
  });
});

describe('locateJsonError (property)', () => {
  it('says "valid" exactly when JSON.parse does, and never throws', () => {
    const pieces = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"a"',
      '"',
      '1',
      '-',
      '.5',
      'true',
      'nul',
      ' ',
      '\n',
      '\\',
      'x',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((p) => p.join('')),
        ),
        (text) => {
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          const problem = locateJsonError(text);
          expect(problem === null).toBe(valid);
          if (problem) expect(problem.offset).toBeLessThanOrEqual(text.length);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
