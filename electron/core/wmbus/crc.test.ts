import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRC16_EN13757_CHECK, crc16En13757, crc16En13757Continue, crc16En13757Finish } from './crc';
import { fixture } from './fixtures/telegram-fixtures';

describe('crc16En13757', () => {
  it('has the catalogue check value 0xC2B7 for "123456789"', () => {
    expect(crc16En13757(Buffer.from('123456789'))).toBe(CRC16_EN13757_CHECK);
  });

  it.each(['seed-69', 'seed-71'])('matches the %s vector', (name) => {
    const f = fixture(name);
    const crc = crc16En13757(Buffer.from(f.hex, 'hex'));
    expect(crc).toBe(Number(f.expect.crc_value));
    const le = Buffer.alloc(2);
    le.writeUInt16LE(crc);
    expect(le.toString('hex')).toBe(f.expect.crc_le_hex);
  });

  it('gives the OmniPower compact format signature 0x8C13', () => {
    expect(crc16En13757(Buffer.from('040404843c042b04ab3c', 'hex'))).toBe(0x8c13);
  });

  it('honours start/end and clamps them to the buffer', () => {
    const data = Buffer.from('xx123456789yy');
    expect(crc16En13757(data, 2, 11)).toBe(CRC16_EN13757_CHECK);
    expect(crc16En13757(Buffer.from('123456789'), -5, 100)).toBe(CRC16_EN13757_CHECK);
  });

  it('computes the same CRC in pieces as in one go', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(), (bytes, cut) => {
        const split = bytes.length === 0 ? 0 : cut % bytes.length;
        const reg = crc16En13757Continue(
          crc16En13757Continue(0, bytes, 0, split),
          bytes,
          split,
          bytes.length,
        );
        expect(crc16En13757Finish(reg)).toBe(crc16En13757(bytes));
      }),
    );
  });
});
