import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16X25 } from './crc16-x25';

/** Bit-by-bit definition, to check the table-driven version against. */
function crc16X25Bitwise(data: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
  }
  return crc ^ 0xffff;
}

describe('crc16X25', () => {
  it('gives the CRC-16/X-25 check value for "123456789"', () => {
    expect(crc16X25(Buffer.from('123456789', 'ascii'))).toBe(0x906e);
  });

  it('is init ^ xorout = 0x0000 for no bytes', () => {
    expect(crc16X25(Buffer.alloc(0))).toBe(0x0000);
  });

  it('covers only the given range', () => {
    const framed = Buffer.from('xx123456789yy', 'ascii');
    expect(crc16X25(framed, 2, 11)).toBe(0x906e);
  });

  it('matches the bitwise definition on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(crc16X25(bytes)).toBe(crc16X25Bitwise(bytes));
      }),
    );
  });
});
