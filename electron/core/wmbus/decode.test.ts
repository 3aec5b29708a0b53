import { describe, expect, it } from 'vitest';
import { KeyCipherCache } from './aes-ctr';
import { decodeTelegram, type DecodeOptions } from './decode';
import { DecodeError, MissingKeyError, PayloadCrcError } from './errors';
import {
  framesFromC,
  keysOf,
  OMNIPOWER_KEY,
  TELEGRAM_FIXTURES,
  type ExpectedFrame,
  type TelegramFixture,
} from './fixtures/telegram-fixtures';
import { FormatRegistry } from './format-registry';
import { parseLinkHeader } from './link-layer';
import { toWmbusmetersFields } from './omnipower';

function caught(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return error as DecodeError;
  }
  throw new Error('expected a DecodeError');
}

const telegramFixtures = TELEGRAM_FIXTURES.filter((f) => f.framing !== 'crc16-en13757');
const cases: [string, Buffer, ExpectedFrame, TelegramFixture][] = telegramFixtures.flatMap((f) => {
  const expectations = f.expect.frames ?? [f.expect];
  return framesFromC(f).map((frame, i): [string, Buffer, ExpectedFrame, TelegramFixture] => [
    `${f.name}#${i}`,
    frame,
    expectations[i]!,
    f,
  ]);
});

describe('decodeTelegram against the shared test telegrams', () => {
  it('cuts the expected number of frames out of every fixture', () => {
    const stream = telegramFixtures.find((f) => f.framing === 'im871a-stream')!;
    expect(framesFromC(stream)).toHaveLength(2);
    expect(cases.length).toBeGreaterThanOrEqual(14);
  });

  it.each(cases)('%s', (_name, frame, expected, f) => {
    const keys = keysOf(f);
    const options: DecodeOptions = { keyFor: (id) => keys.get(id), ciphers: new KeyCipherCache() };
    switch (expected.outcome) {
      case 'ok': {
        const decoded = decodeTelegram(frame, options);
        expect(decoded.meter.id).toBe(expected.meter);
        const values = Object.fromEntries(
          Object.entries(decoded.values).map(([k, m]) => [k, [m.value, m.unit]]),
        );
        expect(values).toEqual(expected.values);
        if (expected.decrypted_hex !== undefined)
          expect(decoded.decrypted.toString('hex')).toBe(expected.decrypted_hex);
        break;
      }
      case 'cannot decrypt: no key': {
        const error = caught(() => decodeTelegram(frame, options));
        expect(error).toBeInstanceOf(MissingKeyError);
        expect(error.code).toBe('NO_KEY');
        expect(error.meter?.id).toBe(expected.meter);
        expect(error.message).toContain(expected.meter);
        break;
      }
      case 'not this meter': {
        expect(parseLinkHeader(frame).id).toBe(expected.meter);
        expect(caught(() => decodeTelegram(frame, options)).meter?.id).toBe(expected.meter);
        break;
      }
      case 'payload CRC failure': {
        const error = caught(() => decodeTelegram(frame, options)) as PayloadCrcError;
        expect(error).toBeInstanceOf(PayloadCrcError);
        expect(error.code).toBe('CRC');
        expect(error.meter?.id).toBe(expected.meter);
        expect(error.offset).toBe(16);
        expect(error.decrypted.toString('hex')).toBe(expected.decrypted_hex);
        // The TPL-CI after the CRC is still 0x79: the key is right, the frame was damaged.
        expect(error.likelyCause).toBe('corrupted');
        expect(error.message).toMatch(/key looks right.*corrupted/);
        break;
      }
      case 'parse error':
        expect(caught(() => decodeTelegram(frame, options)).code).toBe('PARSE');
        break;
      default:
        throw new Error(`unhandled outcome ${expected.outcome}`);
    }
  });
});

describe('decodeTelegram details', () => {
  const compact = framesFromC(telegramFixtures.find((f) => f.name === 'seed-00')!)[0]!;
  const keyFor = () => OMNIPOWER_KEY;

  it('reports the ELL, CRC and frame kind of a compact OmniPower telegram', () => {
    const decoded = decodeTelegram(compact, { keyFor });
    expect(decoded).toMatchObject({
      meter: { id: '32666857', manufacturer: 'KAM', version: 0x30, type: 2, medium: 'electricity' },
      ci: 0x8d,
      accessNumber: 0x8e,
      encryption: 'aes-ctr',
      sessionNumber: 1,
      minuteCounter: 0x3de1,
      frameKind: 'compact',
      payloadCrc: { expected: 0x804d, actual: 0x804d },
      compactSignature: 0x8c13,
      driver: 'omnipower',
    });
    expect(decoded.records).toHaveLength(4);
  });

  it('blames the key when the decrypted payload is noise', () => {
    const error = caught(() =>
      decodeTelegram(compact, { keyFor: () => Buffer.alloc(16, 0x11) }),
    ) as PayloadCrcError;
    expect(error.likelyCause).toBe('wrong-key');
    expect(error.message).toMatch(/key for meter 32666857 is most likely wrong/);
    expect(error.meter?.id).toBe('32666857');
  });

  it('rejects a key of the wrong length as NO_KEY, naming the meter', () => {
    const error = caught(() => decodeTelegram(compact, { keyFor: () => Buffer.alloc(15) }));
    expect(error.code).toBe('NO_KEY');
    expect(error.message).toMatch(/32666857 has 15 bytes/);
  });

  it('turns an exception from keyFor into a NO_KEY DecodeError', () => {
    const error = caught(() =>
      decodeTelegram(compact, {
        keyFor: () => {
          throw new Error('vault locked');
        },
      }),
    );
    expect(error.code).toBe('NO_KEY');
    expect(error.message).toMatch(/Could not look up the AES key for meter 32666857: vault locked/);
    expect(error.meter?.id).toBe('32666857');
  });

  it('decodes unencrypted frames: ELL II mode 0, and plain TPL-CI 0x78 / 0x7A', () => {
    const records = Buffer.from('0404d700000004843c00000000042b0300000004ab3c00000000', 'hex');
    const header = Buffer.from('442d2c57686632300200', 'hex');
    const plainLong = Buffer.concat([header.subarray(0, 9), Buffer.from([0x78]), records]);
    expect(decodeTelegram(plainLong, { keyFor: () => undefined }).values['A+']?.value).toBe(2.15);
    const short = Buffer.concat([header.subarray(0, 9), Buffer.from('7a2a000000', 'hex'), records]);
    expect(decodeTelegram(short, { keyFor: () => undefined })).toMatchObject({
      accessNumber: 0x2a,
      frameKind: 'long',
    });
    // Security mode 7 (AES-CBC with a derived key) is not implemented.
    const mode7 = Buffer.concat([header.subarray(0, 9), Buffer.from('7a2a000007', 'hex'), records]);
    expect(caught(() => decodeTelegram(mode7, { keyFor: () => undefined }))).toMatchObject({
      code: 'UNSUPPORTED',
      offset: 13,
    });
    // Mode 5 (AES-CBC) with 0 encrypted blocks: nothing to decrypt, so no key needed.
    const mode5NoBlocks = Buffer.concat([header.subarray(0, 9), Buffer.from('7a2a000005', 'hex'), records]);
    expect(decodeTelegram(mode5NoBlocks, { keyFor: () => undefined })).toMatchObject({
      encryption: 'none',
      accessNumber: 0x2a,
    });
    // Mode 5 with 1 encrypted block needs the meter's key.
    const mode5 = Buffer.concat([header.subarray(0, 9), Buffer.from('7a2a001005', 'hex'), records]);
    expect(caught(() => decodeTelegram(mode5, { keyFor: () => undefined }))).toMatchObject({
      code: 'NO_KEY',
      offset: 14,
    });
  });

  it('reports an unknown CI as UNSUPPORTED with its offset and the meter', () => {
    const frame = Buffer.from('442d2c5768663230020b00', 'hex');
    const error = caught(() => decodeTelegram(frame, { keyFor }));
    expect(error).toMatchObject({ code: 'UNSUPPORTED', offset: 9 });
    expect(error.meter?.id).toBe('32666857');
  });

  it('learns formats only into the registry it is given', () => {
    const formats = new FormatRegistry({ builtIn: false });
    const long = framesFromC(telegramFixtures.find((f) => f.name === 'seed-01')!)[0]!;
    decodeTelegram(long, { keyFor });
    expect(formats.size).toBe(0);
    decodeTelegram(long, { keyFor, formats });
    expect(formats.size).toBe(1);
  });
});

describe('toWmbusmetersFields', () => {
  it('offers the wmbusmeters names for the OmniPower values', () => {
    const frame = framesFromC(telegramFixtures.find((f) => f.name === 'seed-01')!)[0]!;
    const decoded = decodeTelegram(frame, { keyFor: () => OMNIPOWER_KEY });
    expect(
      toWmbusmetersFields(decoded, { rssiDbm: -71, timestamp: new Date('2024-01-02T03:04:05Z') }),
    ).toEqual({
      _: 'telegram',
      media: 'electricity',
      meter: 'omnipower',
      name: '',
      id: '32666857',
      total_energy_consumption_kwh: 2.15,
      total_energy_production_kwh: 0,
      current_power_consumption_kw: 0.003,
      current_power_production_kw: 0,
      rssi_dbm: -71,
      timestamp: '2024-01-02T03:04:05.000Z',
    });
  });
});
