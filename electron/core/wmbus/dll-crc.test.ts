import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeFromL, withDllCrcFormatA, withDllCrcFormatB, withLField } from './dll-crc';
import { DecodeError, DllCrcError } from './errors';
import { framesFromC, fixture } from './fixtures/telegram-fixtures';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** Frames from C of every wM-Bus length (9 … 251 bytes). */
const frameFromC = fc.uint8Array({ minLength: 9, maxLength: 251 }).map((bytes) => Buffer.from(bytes));

describe('normalizeFromL', () => {
  const [omniPower] = framesFromC(fixture('seed-01'));

  it('passes a frame without data-link CRCs through', () => {
    const { frame, dll } = normalizeFromL(withLField(omniPower!));
    expect(dll).toBe('none');
    expect(frame.equals(omniPower!)).toBe(true);
  });

  it('removes format A CRCs: after 10 bytes, then after each 16-byte block', () => {
    const withA = withDllCrcFormatA(omniPower!);
    // L + 45 bytes: blocks 9 (+L) | 16 | 16 | 4 → 4 CRCs
    expect(withA.length).toBe(1 + 45 + 8);
    expect(withA[0]).toBe(45);
    const { frame, dll } = normalizeFromL(withA);
    expect(dll).toBe('A');
    expect(frame.equals(omniPower!)).toBe(true);
  });

  it('removes the format B CRC (L counts the CRC)', () => {
    const withB = withDllCrcFormatB(omniPower!);
    expect(withB[0]).toBe(47);
    const { frame, dll } = normalizeFromL(withB);
    expect(dll).toBe('B');
    expect(frame.equals(omniPower!)).toBe(true);
  });

  it('round-trips any frame length through all three forms', () => {
    fc.assert(
      fc.property(frameFromC, (frame) => {
        for (const [form, dll] of [
          [withLField(frame), 'none'],
          [withDllCrcFormatA(frame), 'A'],
          [withDllCrcFormatB(frame), 'B'],
        ] as const) {
          const normalized = normalizeFromL(form);
          // A CRC-less frame whose last two bytes happen to be a valid format-B CRC is ambiguous.
          if (dll === 'none' && normalized.dll === 'B') continue;
          expect(normalized.dll).toBe(dll);
          expect(normalized.frame.equals(frame)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('handles the two-CRC format B of long frames (> 125 bytes from C)', () => {
    const frame = Buffer.alloc(200, 0x5a);
    const withB = withDllCrcFormatB(frame);
    expect(withB.length).toBe(205);
    expect(normalizeFromL(withB)).toEqual({ frame, dll: 'B' });
  });

  it('names the block and offset of a broken format-A CRC', () => {
    const withA = withDllCrcFormatA(omniPower!);
    withA[12 + 16]! ^= 0xff; // the CRC of block 2: after L+9+CRC(2) and 16 data bytes
    const error = thrown(() => normalizeFromL(withA)) as DllCrcError;
    expect(error).toBeInstanceOf(DllCrcError);
    expect(error.code).toBe('CRC');
    expect(error.block).toBe(2);
    expect(error.offset).toBe(28);
    expect(error.message).toMatch(/data-link CRC of block 2 .* offset 28/i);
  });

  it('names the expected lengths when the L field fits no form', () => {
    const error = thrown(() =>
      normalizeFromL(Buffer.concat([withLField(omniPower!), Buffer.from([0xff, 0xff])])),
    );
    expect(error).toBeInstanceOf(DecodeError);
    expect((error as DecodeError).code).toBe('PARSE');
    expect((error as DecodeError).message).toMatch(/46 bytes .* 54 with format A .* got 48/);
  });

  it('throws only DecodeError for random input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          normalizeFromL(Buffer.from(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(DecodeError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('with* encoders', () => {
  it('refuse frames that cannot get an L field', () => {
    expect(() => withLField(Buffer.alloc(256))).toThrow(RangeError);
    expect(() => withDllCrcFormatA(Buffer.alloc(5))).toThrow(RangeError);
    expect(() => withDllCrcFormatB(Buffer.alloc(252))).toThrow(RangeError);
  });
});
