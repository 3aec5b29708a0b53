import { describe, expect, it } from 'vitest';
import {
  checkAesKey,
  checkManufacturerKey,
  checkMeterId,
  isMeterId,
  normaliseAesKey,
  stripKeySeparators,
} from './meter-rules';
import { AesKeySchema, ManufacturerKeySchema, MeterIdSchema } from './meter-schemas';

const KEY = '9A25139E3244CC2E391A8EF6B915B697';
const grouped = (size: number, separator: string, key = KEY) =>
  key.match(new RegExp(`.{${size}}`, 'g'))!.join(separator);

describe('the AES key rule', () => {
  it.each([
    ['as printed', KEY],
    ['lower case', KEY.toLowerCase()],
    ['bytes with colons (key files, Wireshark)', grouped(2, ':')],
    ['groups of four with spaces (meter sheets)', grouped(4, ' ')],
    ['dashes', grouped(4, '-')],
    ['underscores', grouped(8, '_')],
    ['surrounding whitespace and a line break', `  ${grouped(16, '\n')}\t`],
    ['a non-breaking space from a PDF', grouped(16, '\u00a0')],
  ])('accepts a key %s and normalises it to 32 upper-case hex digits', (_how, text) => {
    expect(checkAesKey(text)).toEqual({ ok: true, value: KEY });
    expect(normaliseAesKey(text)).toBe(KEY);
  });

  it('says how many digits a short or long key has', () => {
    expect(checkAesKey(KEY.slice(0, 30))).toEqual({
      ok: false,
      problem: 'The AES key is 32 hex digits (16 bytes); this one has 30.',
    });
    expect(checkAesKey(`${KEY}00`, 'encryptionKey')).toEqual({
      ok: false,
      problem: 'encryptionKey is 32 hex digits (16 bytes); this one has 34.',
    });
  });

  it('names the first character that is not a hex digit, an invisible one by its code point', () => {
    expect(checkAesKey(`${KEY.slice(0, 31)}G`)).toEqual({
      ok: false,
      problem: 'The AES key may contain only 0–9 and A–F; "G" is not a hex digit.',
    });
    expect(checkAesKey(`${KEY.slice(0, 16)}\u200b${KEY.slice(16)}`)).toMatchObject({
      problem: expect.stringContaining('U+200B is not a hex digit'),
    });
    expect(checkAesKey(`0x${KEY}`)).toMatchObject({ problem: expect.stringContaining('"x"') });
  });

  it('calls an empty key empty, separators alone included', () => {
    expect(checkAesKey(' : - ')).toEqual({
      ok: false,
      problem: 'The AES key is empty: enter 32 hex digits (0–9, A–F).',
    });
    expect(normaliseAesKey('')).toBeNull();
  });

  it('never repeats the key in a problem', () => {
    for (const text of [KEY.slice(0, 31), `${KEY}Z`, `${KEY}${KEY}`, grouped(4, '/')]) {
      const checked = checkAesKey(text);
      expect(checked.ok).toBe(false);
      const problem = checked.ok ? '' : checked.problem;
      for (let i = 0; i + 4 <= 31; i++) expect(problem).not.toContain(KEY.slice(i, i + 4));
    }
  });

  it('strips only separators, leaving every other character for the check', () => {
    expect(stripKeySeparators('9A:25 13-9E_32\t44')).toBe('9A25139E3244');
    expect(stripKeySeparators('9A/25.13')).toBe('9A/25.13');
  });
});

describe('the meter id rule', () => {
  it('takes 8 digits, with the spaces of a printed label ignored', () => {
    expect(checkMeterId('32666857')).toEqual({ ok: true, value: '32666857' });
    expect(checkMeterId(' 3266 6857 ')).toEqual({ ok: true, value: '32666857' });
    expect(checkMeterId('01234567')).toEqual({ ok: true, value: '01234567' });
    expect(isMeterId('32666857')).toBe(true);
  });

  it('explains a wrong id, in the words of the subject', () => {
    expect(checkMeterId('3266685')).toEqual({
      ok: false,
      problem: 'The meter id is 8 digits (e.g. 32666857); "3266685" has 7 digits.',
    });
    expect(checkMeterId('KAM12345', 'deviceId')).toEqual({
      ok: false,
      problem: 'deviceId is 8 digits (e.g. 32666857); "KAM12345" has characters that are not digits.',
    });
    expect(checkMeterId('1')).toMatchObject({ problem: expect.stringContaining('has 1 digit.') });
    expect(checkMeterId('')).toEqual({
      ok: false,
      problem: 'The meter id is empty: enter the 8 digits printed on the meter.',
    });
    expect(isMeterId('326668570')).toBe(false);
  });

  it('measures a long paste instead of quoting it', () => {
    const pasted = `32666857=${KEY}`;
    const checked = checkMeterId(pasted);
    expect(checked).toMatchObject({ ok: false, problem: expect.stringContaining('this 41-character text') });
    expect(JSON.stringify(checked)).not.toContain(KEY.slice(0, 8));
  });
});

describe('the manufacturer key rule', () => {
  it('takes three letters in any case and gives them in lower case', () => {
    expect(checkManufacturerKey(' KAM ')).toEqual({ ok: true, value: 'kam' });
  });

  it('refuses anything else', () => {
    expect(checkManufacturerKey('kamstrup')).toEqual({
      ok: false,
      problem: 'The manufacturer key is three letters, e.g. "kam" for Kamstrup; got "kamstrup".',
    });
    expect(checkManufacturerKey('')).toMatchObject({ problem: expect.stringContaining('it is empty') });
    expect(checkManufacturerKey('k4m').ok).toBe(false);
  });
});

describe('the schemas built on the rules', () => {
  it('hand on the normalised value', () => {
    expect(AesKeySchema.parse(grouped(2, ':', KEY.toLowerCase()))).toBe(KEY);
    expect(MeterIdSchema.parse('3266 6857')).toBe('32666857');
    expect(ManufacturerKeySchema.parse('KAM')).toBe('kam');
  });

  it("fail with the rule's words and no copy of the input", () => {
    const result = AesKeySchema.safeParse(KEY.slice(0, 30));
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      { code: 'custom', path: [], message: 'The AES key is 32 hex digits (16 bytes); this one has 30.' },
    ]);
    expect(JSON.stringify(result.error)).not.toContain(KEY.slice(0, 8));
  });

  it('refuse text far longer than any paste of a valid value before running the rule', () => {
    expect(AesKeySchema.safeParse(grouped(1, '   ')).success).toBe(true);
    expect(AesKeySchema.safeParse('0'.repeat(257)).success).toBe(false);
    expect(MeterIdSchema.safeParse(' '.repeat(65)).success).toBe(false);
  });
});
