import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HexInputError, parseHexInput } from './hex-input';

const outcome = (text: string) => {
  try {
    return { bytes: parseHexInput(text).toString('hex') };
  } catch (error) {
    return { error: error instanceof HexInputError ? [error.message, error.position] : String(error) };
  }
};

describe('parseHexInput', () => {
  it('reads a plain line of hex digits, either case', () => {
    expect(parseHexInput('a5C2031F').toString('hex')).toBe('a5c2031f');
  });

  it('ignores 0x, spaces, colons and underscores between digits', () => {
    expect(parseHexInput(' 0xA5 c2:03_1f \r').toString('hex')).toBe('a5c2031f');
  });

  it.each([
    ['', 'empty input: no hex digits', null],
    ['a5c', 'odd number of hex digits (3): a byte needs two digits', null],
    ['a5zz', 'not hex: "z" at character 3; expected digits 0-9 and a-f', 2],
    // Node's own hex decoding reads a character beyond Latin-1 by its low byte (U+0130 as '0').
    ['\u01300a', 'not hex: "İ" at character 1; expected digits 0-9 and a-f', 0],
    ['a5é5', 'not hex: "é" at character 3; expected digits 0-9 and a-f', 2],
  ])('says what is wrong with %j', (text, message, position) => {
    expect(outcome(text)).toEqual({ error: [message, position] });
  });

  it('gives any line the bytes it gives the same line between spaces', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '9', 'a', 'F', 'g', 'é', '\u0130', 'x', ' ', ':') });
    fc.assert(
      fc.property(text, (line) => {
        // Surrounding spaces take the tolerant path, never the plain one; both must read the same.
        const plain = outcome(line);
        const spaced = outcome(` ${line} `);
        if ('bytes' in plain) expect(spaced).toEqual(plain);
        else expect(spaced).toHaveProperty('error');
      }),
    );
  });
});
