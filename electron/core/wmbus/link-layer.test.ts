import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from './errors';
import { framesFromC, fixture } from './fixtures/telegram-fixtures';
import { manufacturerCode, manufacturerLetters, parseLinkHeader } from './link-layer';

describe('parseLinkHeader', () => {
  it('reads the OmniPower header: KAM, id 32666857, version 0x30, electricity, CI 0x8D', () => {
    const [frame] = framesFromC(fixture('seed-00'));
    expect(parseLinkHeader(frame!)).toEqual({
      c: 0x44,
      manufacturerCode: 0x2c2d,
      manufacturer: 'KAM',
      id: '32666857',
      version: 0x30,
      type: 0x02,
      medium: 'electricity',
      ci: 0x8d,
    });
  });

  it('names device types from the EN 13757-3 table', () => {
    const frame = Buffer.from('442d2c12500064001b8d', 'hex');
    const medium = (type: number) =>
      parseLinkHeader(Buffer.from(frame.map((b, i) => (i === 8 ? type : b)))).medium;
    expect([medium(0x03), medium(0x07), medium(0x04), medium(0x16), medium(0x0c)]).toEqual([
      'gas',
      'water',
      'heat',
      'cold water',
      'heat (inlet)',
    ]);
    expect(medium(0x99)).toBe('reserved (0x99)');
  });

  it('rejects a short frame with a PARSE error at the end offset', () => {
    const error = (() => {
      try {
        parseLinkHeader(Buffer.from('442d2c', 'hex'));
      } catch (e) {
        return e;
      }
    })() as DecodeError;
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.code).toBe('PARSE');
    expect(error.offset).toBe(3);
    expect(error.message).toMatch(/3 bytes.*needs 10/);
  });
});

describe('manufacturer letters', () => {
  it("maps 0x2C2D to 'KAM' and back", () => {
    expect(manufacturerLetters(0x2c2d)).toBe('KAM');
    expect(manufacturerCode('KAM')).toBe(0x2c2d);
  });

  it('round-trips every three-letter code', () => {
    const letter = fc.integer({ min: 65, max: 90 }).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.tuple(letter, letter, letter), (letters) => {
        const text = letters.join('');
        expect(manufacturerLetters(manufacturerCode(text))).toBe(text);
      }),
    );
  });

  it('refuses anything but three capital letters', () => {
    expect(() => manufacturerCode('kam')).toThrow(RangeError);
    expect(() => manufacturerCode('KAMS')).toThrow(RangeError);
  });
});
