import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyCipherCache } from '../aes-ctr';
import { decodeTelegram, type DecodedTelegram, type DecodeOptions } from '../decode';
import { normalizeFromL } from '../dll-crc';
import { encodeApplicationLayer, encodeEllTelegram } from '../encode';
import {
  encodeMultical21Telegram,
  multical21ApplicationLayer,
  type Multical21TelegramSpec,
} from '../encode-multical21';
import { FrameFormatError, PayloadCrcError, UnknownCompactFormatError } from '../errors';
import { caught } from '../test-support/caught';
import {
  MYTAPWATER_COMPACT_PLAIN,
  MYTAPWATER_LONG_ENCRYPTED,
  MYTAPWATER_LONG_PLAIN,
  MYTAPWATER_WMBUSMETERS,
  PUBLISHED_KEY_HEX,
  VADDEN_COMPACT_PLAIN,
  VADDEN_LONG_PLAIN,
  VADDEN_WMBUSMETERS,
  WMBUSMETERS_TEST_TIMESTAMP,
} from '../fixtures/multical21-published';
import { compactFormatOf, FormatRegistry } from '../format-registry';
import { recordViews } from '../record-view';
import { toWmbusmetersFields } from './index';
import { infoCodesInWords, statusFlagsInWords } from './kamstrup-info-codes';

const PUBLISHED_KEY = Buffer.from(PUBLISHED_KEY_HEX, 'hex');
/** wmbusmeters' own output for a telegram, as its test prints it: same name, same timestamp. */
const asWmbusmeters = (decoded: DecodedTelegram, name: string) =>
  toWmbusmetersFields(decoded, { name, timestamp: WMBUSMETERS_TEST_TIMESTAMP });

const fromL = (hex: string) => normalizeFromL(Buffer.from(hex.replace('_', ''), 'hex')).frame;
/** The published payload from the payload CRC on (frame offset 16), as decryption must give it back. */
const publishedPlain = (hex: string) => fromL(hex).subarray(16).toString('hex');

/**
 * A published "already decrypted" telegram encrypted as the meter sends it: the same link header and
 * ELL (CC, ACC, session field), the same application layer; `key` stands in for the meter's key.
 */
function encryptPublished(hex: string, key: Buffer): Buffer {
  const frame = fromL(hex);
  const session = frame.readUInt32LE(12);
  const encrypted = encodeEllTelegram(
    {
      id: Buffer.from(frame.subarray(3, 7)).reverse().toString('hex'),
      key,
      version: frame[7]!,
      type: frame[8]!,
      accessNumber: frame[11]!,
      sessionNumber: session & 0x0f,
      minuteCounter: (session >>> 4) & 0x1ffffff,
    },
    frame.subarray(18), // after the payload CRC: the encoder computes it again
  );
  // The link header and ELL are the published bytes; what follows is encrypted.
  expect(encrypted.subarray(0, 16).toString('hex')).toBe(frame.subarray(0, 16).toString('hex'));
  return encrypted;
}

const options = (key: Buffer): DecodeOptions => ({ keyFor: () => key, ciphers: new KeyCipherCache() });
const asObject = (values: Record<string, { value: number | string; unit: string }>) =>
  Object.fromEntries(Object.entries(values).map(([k, m]) => [k, [m.value, m.unit]]));

describe('Multical 21 driver on published telegrams', () => {
  it('decodes the encrypted long telegram of wmbusmeters’ AES test with its key', () => {
    const decoded = decodeTelegram(fromL(MYTAPWATER_LONG_ENCRYPTED), options(PUBLISHED_KEY));
    expect(decoded).toMatchObject({
      driver: 'multical21',
      meter: { id: '76348799', manufacturer: 'KAM', version: 0x1b, type: 0x16, medium: 'cold water' },
      encryption: 'aes-ctr',
      frameKind: 'long',
    });
    // wmbusmeters prints the same telegram decrypted: our decryption gives those very bytes.
    expect(decoded.decrypted.toString('hex')).toBe(publishedPlain(MYTAPWATER_LONG_PLAIN));
    expect(asObject(decoded.values)).toEqual({
      total_volume: [6.408, 'm3'],
      target_volume: [6.408, 'm3'],
      flow_temperature: [127, 'C'],
      external_temperature: [19, 'C'],
      info_codes: ['dry now (active 22-31 days)', ''],
    });
    expect(asWmbusmeters(decoded, 'MyTapWater')).toEqual(JSON.parse(MYTAPWATER_WMBUSMETERS));
  });

  it('decodes its compact telegram (format signature 0xA8ED) without a long frame first', () => {
    const frame = encryptPublished(MYTAPWATER_COMPACT_PLAIN, PUBLISHED_KEY);
    const decoded = decodeTelegram(frame, options(PUBLISHED_KEY));
    expect(decoded).toMatchObject({ frameKind: 'compact', compactSignature: 0xa8ed, driver: 'multical21' });
    expect(decoded.decrypted.toString('hex')).toBe(publishedPlain(MYTAPWATER_COMPACT_PLAIN));
    expect(decoded.values['info_codes']).toEqual({ value: 'dry now (active 22-31 days)', unit: '' });
    expect(asWmbusmeters(decoded, 'MyTapWater')).toEqual(JSON.parse(MYTAPWATER_WMBUSMETERS));
  });

  it('reads the max-flow layout (signature 0xC412), long and compact, as wmbusmeters does', () => {
    const key = Buffer.alloc(16, 0x42);
    for (const hex of [VADDEN_LONG_PLAIN, VADDEN_COMPACT_PLAIN]) {
      const decoded = decodeTelegram(encryptPublished(hex, key), options(key));
      expect(decoded.decrypted.toString('hex')).toBe(publishedPlain(hex));
      expect(decoded.values['max_flow']).toEqual({ value: 0.317, unit: 'm3/h' });
      expect(decoded.values['info_codes']).toEqual({ value: 'OK', unit: '' });
      expect(decoded.values['target_volume']).toBeUndefined();
      expect(asWmbusmeters(decoded, 'Vadden')).toEqual(JSON.parse(VADDEN_WMBUSMETERS));
    }
  });
});

describe('Multical 21 telegrams built from the EN 13757-3 rules', () => {
  const key = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
  const base: Multical21TelegramSpec = {
    id: '12345678',
    key,
    accessNumber: 1,
    kind: 'long',
    reading: {
      infoCodes: 0,
      totalLitres: 123456,
      targetLitres: 120000,
      flowTemperatureC: 12,
      externalTemperatureC: 21,
    },
  };

  it('decodes what it encodes, long and compact, warm and cold', () => {
    const ciphers = new KeyCipherCache();
    const reading = fc.record({
      infoCodes: fc.integer({ min: 0, max: 0xffff }),
      totalLitres: fc.integer({ min: 0, max: 0x7fffffff }),
      targetLitres: fc.integer({ min: 0, max: 0x7fffffff }),
      flowTemperatureC: fc.integer({ min: -128, max: 127 }),
      externalTemperatureC: fc.integer({ min: -128, max: 127 }),
    });
    const spec = fc.record({
      type: fc.constantFrom(0x06 as const, 0x16 as const),
      accessNumber: fc.integer({ min: 0, max: 255 }),
      kind: fc.constantFrom('long' as const, 'compact' as const),
      reading,
    });
    fc.assert(
      fc.property(spec, (s) => {
        const frame = encodeMultical21Telegram({ ...base, ...s }, ciphers);
        const decoded = decodeTelegram(frame, { keyFor: () => key, ciphers });
        expect(decoded.meter.medium).toBe(s.type === 0x06 ? 'warm water' : 'cold water');
        expect(decoded.frameKind).toBe(s.kind);
        expect(decoded.values).toEqual({
          total_volume: { value: s.reading.totalLitres / 1000, unit: 'm3' },
          target_volume: { value: s.reading.targetLitres / 1000, unit: 'm3' },
          flow_temperature: { value: s.reading.flowTemperatureC, unit: 'C' },
          external_temperature: { value: s.reading.externalTemperatureC, unit: 'C' },
          info_codes: { value: infoCodesInWords(s.reading.infoCodes), unit: '' },
        });
      }),
      { numRuns: 150 },
    );
  });

  it('shows every record normalised for the CLI: m3, C, function and storage', () => {
    const decoded = decodeTelegram(encodeMultical21Telegram(base), options(key));
    expect(recordViews(decoded.records)).toEqual([
      {
        difvif: '02ff20',
        quantity: 'manufacturer-specific VIF with VIFE 0x20',
        unit: null,
        value: 0,
        storage: 0,
        tariff: 0,
        subunit: 0,
        function: 'instantaneous',
      },
      {
        difvif: '0413',
        quantity: 'volume',
        unit: 'm3',
        value: 123.456,
        storage: 0,
        tariff: 0,
        subunit: 0,
        function: 'instantaneous',
      },
      {
        difvif: '4413',
        quantity: 'volume',
        unit: 'm3',
        value: 120,
        storage: 1,
        tariff: 0,
        subunit: 0,
        function: 'instantaneous',
      },
      {
        difvif: '615b',
        quantity: 'flow temperature',
        unit: 'C',
        value: 12,
        storage: 1,
        tariff: 0,
        subunit: 0,
        function: 'minimum',
      },
      {
        difvif: '6167',
        quantity: 'external temperature',
        unit: 'C',
        value: 21,
        storage: 1,
        tariff: 0,
        subunit: 0,
        function: 'minimum',
      },
    ]);
  });

  it('learns a compact format from a long frame of a layout no driver lists', () => {
    const format = compactFormatOf(Buffer.from('02ff2004134413', 'hex')); // info, total, target only
    const telegram = (kind: 'long' | 'compact') =>
      encodeMultical21Telegram(base, undefined, encodeApplicationLayer(format, kind, [0x0004, 5000, 4000]));
    const formats = new FormatRegistry();
    const unknown = caught(() => decodeTelegram(telegram('compact'), { keyFor: () => key, formats }));
    expect(unknown).toBeInstanceOf(UnknownCompactFormatError);
    expect(unknown.message).toMatch(/next long frame .* will teach it/);
    decodeTelegram(telegram('long'), { keyFor: () => key, formats });
    const compact = decodeTelegram(telegram('compact'), { keyFor: () => key, formats });
    expect(compact.values).toEqual({
      total_volume: { value: 5, unit: 'm3' },
      target_volume: { value: 4, unit: 'm3' },
      info_codes: { value: 'leak now', unit: '' },
    });
  });

  it('wrong key, truncated record and unknown VIF: each said clearly, and the next telegram decodes', () => {
    const opts: DecodeOptions = {
      keyFor: () => key,
      ciphers: new KeyCipherCache(),
      formats: new FormatRegistry(),
    };
    const good = encodeMultical21Telegram(base);
    const long = multical21ApplicationLayer('long', base.reading);
    const stream = [
      () => decodeTelegram(good, { ...opts, keyFor: () => Buffer.alloc(16, 0x11) }),
      () => decodeTelegram(encodeMultical21Telegram(base, undefined, long.subarray(0, -1)), opts),
      () =>
        decodeTelegram(
          encodeMultical21Telegram(base, undefined, Buffer.concat([long, Buffer.from('016f05', 'hex')])),
          opts,
        ),
      () => decodeTelegram(encodeMultical21Telegram({ ...base, kind: 'compact', accessNumber: 2 }), opts),
    ];
    const wrongKey = caught(stream[0]!) as PayloadCrcError;
    expect(wrongKey).toBeInstanceOf(PayloadCrcError);
    expect(wrongKey.likelyCause).toBe('wrong-key');
    expect(wrongKey.message).toMatch(/AES key for meter 12345678 is most likely wrong/);

    const truncated = caught(stream[1]!);
    expect(truncated).toBeInstanceOf(FrameFormatError);
    expect(truncated.message).toMatch(
      /Record at offset 39: 8-bit integer data needs 1 more byte\(s\), but the payload ends at offset 41.*truncated/,
    );
    expect(truncated.meter?.id).toBe('12345678');

    const withUnknown = stream[2]!() as ReturnType<typeof decodeTelegram>;
    expect(withUnknown.values['total_volume']).toEqual({ value: 123.456, unit: 'm3' });
    expect(recordViews(withUnknown.records).at(-1)).toMatchObject({
      difvif: '016f',
      quantity: 'unknown VIF 0x6f',
      unit: null,
      value: 5,
    });

    const next = stream[3]!() as ReturnType<typeof decodeTelegram>;
    expect(next.frameKind).toBe('compact');
    expect(next.values['total_volume']).toEqual({ value: 123.456, unit: 'm3' });
  });
});

describe('Kamstrup info codes in words', () => {
  const cases: Array<[number, string]> = [
    [0x0000, 'OK'],
    [0x0001, 'dry now'],
    [0x0071, 'dry now (active 22-31 days)'],
    [0x0800, 'leak recently (active 9-24 hours)'],
    [0x0404 | 0x2008, 'leak now (active 1-8 hours); burst now (active 1-8 hours)'],
    [0x0082, 'reverse flow now (active 1-8 hours)'],
  ];
  it.each(cases.map(([raw, words]) => [`0x${raw.toString(16).padStart(4, '0')}`, words, raw] as const))(
    '%s → %s',
    (_hex, words, raw) => {
      expect(infoCodesInWords(raw)).toBe(words);
    },
  );

  it('reads the 32-bit status of flowIQ 2200 and later, naming bits it does not know', () => {
    expect(statusFlagsInWords(0)).toBe('OK');
    expect(statusFlagsInWords(0x24)).toBe('leak now; low battery now');
    expect(statusFlagsInWords(0x800)).toBe('unknown status bits 0x800');
    expect(statusFlagsInWords(0x80000001)).toBe('dry now; unknown status bits 0x80000000');
  });
});
