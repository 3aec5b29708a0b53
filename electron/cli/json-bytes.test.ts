import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonBytes, jsonFragment } from './json-bytes';

/** Any UTF-16 code unit, lone surrogates included, with the characters JSON escapes made likely. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('"', '\\', '\u0000', '\n', '\u001f', '\u007f', 'é', '\u2028', '\ud800', '\udfff', '😀'),
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('a', 'Z', '0', ' ', ':'),
  ),
});

/** Short decimals as meters give them (2.15, 0.003, -62.5), and the ones at the fast path's limits. */
const anyDecimal = fc.oneof(
  fc
    .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 8 }))
    .map(([digits, places]) => digits / 10 ** places),
  fc
    .tuple(fc.integer({ min: -(2 ** 53), max: 2 ** 53 }), fc.integer({ min: 0, max: 8 }))
    .map(([digits, places]) => digits / 10 ** places),
  fc.constantFrom(0.000001, -0.000001, 0.0000015, 0.1 + 0.2, 1 / 3, 99999999999999.9, 999999999.999999),
);

const anyNumber = fc.oneof(
  fc.double(),
  anyDecimal,
  fc.integer(),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.constantFrom(
    0,
    -0,
    -1,
    9,
    10,
    2 ** 31 - 1,
    2 ** 31,
    -(2 ** 31),
    1e21,
    1e-7,
    2.15,
    -62.5,
    Number.NaN,
    Infinity,
  ),
);

function written(write: (out: JsonBytes) => void): string {
  const out = new JsonBytes();
  write(out);
  return out.take();
}

describe('JsonBytes writes what JSON.stringify writes', () => {
  it('for any string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(written((o) => o.string(text))).toBe(JSON.stringify(text));
      }),
    );
  });

  it('for any number, and null', () => {
    fc.assert(
      fc.property(anyNumber, (value) => {
        expect(written((o) => o.number(value))).toBe(JSON.stringify(value));
      }),
    );
    expect(written((o) => o.number(null))).toBe('null');
  });

  it('for any decimal, as short as String writes it', () => {
    fc.assert(
      fc.property(anyDecimal, (value) => {
        expect(written((o) => o.number(value))).toBe(JSON.stringify(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it('for any JSON value through value(), and booleans', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(written((o) => o.value(value))).toBe(JSON.stringify(value));
      }),
    );
    expect(written((o) => (o.boolean(true), o.boolean(false)))).toBe('truefalse');
  });

  it('for values in a row, fragments between them, across growth of its buffer and across take()', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(anyText, anyNumber), { maxLength: 40 }),
        fc.nat(200_000),
        (pairs, padding) => {
          const out = new JsonBytes();
          const open = jsonFragment('{"pad":');
          out.fragment(open);
          out.string('x'.repeat(padding));
          for (const [text, value] of pairs) {
            out.fragment(jsonFragment(',"t":'));
            out.string(text);
            out.fragment(jsonFragment(',"n":'));
            out.number(value);
          }
          out.fragment(jsonFragment('}'));
          out.newline();
          const expected = `{"pad":${JSON.stringify('x'.repeat(padding))}${pairs
            .map(([text, value]) => `,"t":${JSON.stringify(text)},"n":${JSON.stringify(value)}`)
            .join('')}}\n`;
          expect(out.size).toBe(Buffer.byteLength(expected));
          expect(out.take()).toBe(expected);
          expect(out.size).toBe(0);
          out.number(7);
          expect(out.take()).toBe('7');
        },
      ),
      { numRuns: 30 },
    );
  });
});
