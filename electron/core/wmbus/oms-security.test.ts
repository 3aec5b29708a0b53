import { describe, expect, it } from 'vitest';
import { KeyCipherCache } from './aes-ctr';
import { decodeTelegram, type DecodeOptions } from './decode';
import { DecryptionCheckError, MissingKeyError, PayloadCrcError, TruncatedRecordError } from './errors';
import { FormatRegistry } from './format-registry';
import { caught } from './test-support/caught';
import {
  dateTimeF,
  encodeOmsTelegram,
  encodeRecords,
  type MeterAddress,
  type OmsTelegramSpec,
  type RecordSpec,
} from './test-support/oms-encoder';

/** Security mode 5 (EN 13757-7, OMS Vol. 2 profile A) and plain TPL headers, built with the encoder. */

const KEY = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
const WRONG_KEY = Buffer.from('00112233445566778899aabbccddeef0', 'hex');
const GAS_METER: MeterAddress = { manufacturer: 'ELS', id: '12345678', version: 0x33, type: 0x03 };
const CONVERTER: MeterAddress = { manufacturer: 'QDS', id: '11223344', version: 0x55, type: 0x37 };

const RECORDS: RecordSpec[] = [
  { dataField: 0x0c, vif: 0x13, value: 12345678 }, // 12345.678 m3, 8-digit BCD
  { dataField: 0x04, vif: 0x6d, value: dateTimeF({ year: 2024, month: 3, day: 15, hour: 12, minute: 30 }) },
  { dataField: 0x02, vif: 0xfd, vifes: [0x17], value: 0 }, // error flags
  { dataField: 0x04, vif: 0x13, storage: 1, value: 12000 },
];

/** Options whose keyFor answers `key` for every meter; null: no key configured. */
const options = (key: Buffer | null = KEY): DecodeOptions => ({
  keyFor: () => key ?? undefined,
  ciphers: new KeyCipherCache(),
  formats: new FormatRegistry(),
});

const telegram = (overrides: Partial<OmsTelegramSpec> = {}): Buffer =>
  encodeOmsTelegram({
    meter: GAS_METER,
    tpl: { header: 'short', accessNumber: 0x2a, flags: 0x2000 },
    records: encodeRecords(RECORDS),
    mode5: { key: KEY },
    ...overrides,
  });

const summary = (frame: Buffer, opts: DecodeOptions) =>
  decodeTelegram(frame, opts).records.map((r) => [r.description, r.value, r.unit, r.storage]);

const EXPECTED = [
  ['volume', 12345.678, 'm3', 0],
  ['date and time', '2024-03-15T12:30', null, 0],
  ['error flags', 0, null, 0],
  ['volume', 12, 'm3', 1],
];

describe('security mode 5 with a short TPL header (CI 0x7A)', () => {
  it('decrypts with the IV from the link M and A and the access number, and reads every record', () => {
    const frame = telegram();
    expect(frame[9]).toBe(0x7a);
    expect(frame.readUInt16LE(12)).toBe(0x2520); // synchronous, mode 5, 2 blocks
    const decoded = decodeTelegram(frame, options());
    expect(decoded).toMatchObject({ encryption: 'aes-cbc', accessNumber: 0x2a, frameKind: 'long' });
    expect(decoded.meter).toMatchObject({ id: '12345678', manufacturer: 'ELS', medium: 'gas' });
    expect(summary(frame, options())).toEqual(EXPECTED);
    // `decrypted` is the payload from the TPL-CI on, with the blocks decrypted: 2F 2F first.
    expect(decoded.decrypted.subarray(0, 7).toString('hex')).toBe('7a2a0020252f2f');
  });

  it('uses the access number of each telegram (a wrong ACC in the IV would break the 2F 2F check)', () => {
    for (const accessNumber of [0, 1, 0x7f, 0xff]) {
      const frame = telegram({ tpl: { header: 'short', accessNumber } });
      expect(decodeTelegram(frame, options()).accessNumber).toBe(accessNumber);
    }
  });

  it('decodes the plaintext bytes after the encrypted blocks (partial encryption)', () => {
    const tail = encodeRecords([{ dataField: 0x0c, vif: 0xfd, vifes: [0x10], value: 87654321 }]);
    const frame = telegram({ mode5: { key: KEY, plaintextTail: tail } });
    const records = decodeTelegram(frame, options()).records;
    expect(records.at(-1)).toMatchObject({ description: 'customer location', value: 87654321 });
    expect(records).toHaveLength(5);
  });

  it('decodes mode 0 (no encryption) behind a short header without asking for a key', () => {
    const plain = telegram({ mode5: undefined });
    expect(decodeTelegram(plain, options(null))).toMatchObject({ encryption: 'none' });
    expect(summary(plain, options(null))).toEqual(EXPECTED);
  });
});

describe('security mode 5 with a long TPL header (CI 0x72)', () => {
  it("uses the TPL's own M and A in the IV, not the link layer's (a radio converter)", () => {
    const frame = telegram({ meter: CONVERTER, tpl: { header: 'long', accessNumber: 7, meter: GAS_METER } });
    expect(frame[9]).toBe(0x72);
    const decoded = decodeTelegram(frame, options());
    expect(decoded.meter.id).toBe('11223344'); // the sender
    expect(decoded).toMatchObject({ encryption: 'aes-cbc', accessNumber: 7 });
    expect(summary(frame, options())).toEqual(EXPECTED);
  });

  it('decodes a long header in mode 0', () => {
    const frame = telegram({ mode5: undefined, tpl: { header: 'long', accessNumber: 9, status: 0x04 } });
    expect(summary(frame, options(null))).toEqual(EXPECTED);
  });

  it('opens mode 5 behind an unencrypted ELL I (CI 0x8C) and behind an AES-CTR ELL II (CI 0x8D)', () => {
    const behindEllI = telegram({
      ell: { ci: 0x8c, accessNumber: 0x75 },
      tpl: { header: 'long', accessNumber: 3 },
    });
    expect(summary(behindEllI, options())).toEqual(EXPECTED);
    const behindCtr = telegram({
      ell: { ci: 0x8d, accessNumber: 0x10, key: KEY, minuteCounter: 99, sessionNumber: 2 },
      tpl: { header: 'short', accessNumber: 4 },
      mode5: undefined,
    });
    expect(decodeTelegram(behindCtr, options())).toMatchObject({ encryption: 'aes-ctr', accessNumber: 0x10 });
    expect(summary(behindCtr, options())).toEqual(EXPECTED);
  });
});

describe('the 2F 2F check turns a wrong key into words', () => {
  it('throws DecryptionCheckError: code CRC, likely cause wrong-key, the meter and the offset named', () => {
    const frame = telegram();
    const error = caught(() => decodeTelegram(frame, options(WRONG_KEY)));
    expect(error).toBeInstanceOf(DecryptionCheckError);
    // What the pipeline asks of any payload check to count a wrong key (telegram-decoder, meter-state).
    expect(error).toBeInstanceOf(PayloadCrcError);
    expect(error).toMatchObject({ code: 'CRC', likelyCause: 'wrong-key', offset: 14, expected: 0x2f2f });
    expect(error.meter?.id).toBe('12345678');
    expect(error.message).toMatch(/AES key for meter 12345678 is most likely wrong/);
    expect(error.message).toMatch(/at offset 14, not 2f 2f/);
  });

  it('says NO_KEY, with the offset of the encrypted data, when no key is configured', () => {
    const error = caught(() => decodeTelegram(telegram(), options(null)));
    expect(error).toBeInstanceOf(MissingKeyError);
    expect(error).toMatchObject({ code: 'NO_KEY', offset: 14 });
  });

  it('reports fewer bytes than the announced blocks as a truncated telegram', () => {
    const frame = telegram().subarray(0, 40);
    const error = caught(() => decodeTelegram(frame, options()));
    expect(error).toMatchObject({ code: 'PARSE', offset: 40 });
    expect(error.message).toMatch(/announces 2 encrypted blocks \(32 bytes\) from offset 14/);
  });

  it('keeps going: the next telegram decodes with the same decoder state, one decipher per key', () => {
    const opts = options();
    const good = telegram();
    expect(caught(() => decodeTelegram(telegram({ mode5: { key: WRONG_KEY } }), opts)).code).toBe('CRC');
    const truncatedRecord = telegram({ mode5: undefined, records: Buffer.from('0c1378', 'hex') });
    expect(caught(() => decodeTelegram(truncatedRecord, opts))).toBeInstanceOf(TruncatedRecordError);
    for (let i = 0; i < 20; i++) expect(summary(good, opts)).toEqual(EXPECTED);
    expect(opts.ciphers!.ciphersCreated).toBe(1);
  });
});
