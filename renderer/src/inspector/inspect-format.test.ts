import { describe, expect, it } from 'vitest';
import {
  dumpRows,
  formatMeasurement,
  frameSpans,
  framingWords,
  inRange,
  normaliseKey,
  outcomeWords,
  parseHexBytes,
} from './inspect-format';

describe('parseHexBytes', () => {
  it('reads hex with spaces, colons, underscores and a 0x prefix', () => {
    expect(parseHexBytes('0xA5 82:03_27')).toEqual([0xa5, 0x82, 0x03, 0x27]);
    expect(parseHexBytes(' a5\n82 ')).toEqual([0xa5, 0x82]);
  });
  it('gives null for what main would refuse', () => {
    expect(parseHexBytes('xyz')).toBeNull();
    expect(parseHexBytes('a58')).toBeNull();
    expect(parseHexBytes('   ')).toBeNull();
  });
});

describe('normaliseKey', () => {
  it('treats an empty field as no key', () => {
    expect(normaliseKey('  ')).toEqual({ key: undefined });
  });
  it('accepts 32 hex digits with separators', () => {
    expect(normaliseKey('9a25 139e 3244 cc2e 391a 8ef6 b915 b697')).toEqual({
      key: '9A25139E3244CC2E391A8EF6B915B697',
    });
  });
  it('says what is wrong without echoing the key', () => {
    const short = normaliseKey('9A25139E3244CC2E391A8EF6B915B6');
    expect(short).toEqual({ error: 'The AES key is 32 hex digits (16 bytes); this one has 30.' });
    const bad = normaliseKey('9A25139E3244CC2E391A8EF6B915B6ZZ');
    expect('error' in bad && bad.error).toContain('"Z" is not a hex digit');
    expect(JSON.stringify(bad)).not.toContain('9A25');
  });
});

describe('words', () => {
  it('names the outcome with its code', () => {
    expect(outcomeWords({ ok: true, error: null })).toBe('Decoded');
    expect(outcomeWords({ ok: false, error: { code: 'NO_KEY', message: 'm' } })).toBe('No key (NO_KEY)');
    expect(outcomeWords({ ok: false, error: { code: 'PARSE', message: 'm' } })).toBe(
      'Could not read the input (PARSE)',
    );
    expect(outcomeWords({ ok: false, error: { code: 'NEW', message: 'm' } })).toBe('Failed (NEW)');
  });
  it('names the framing', () => {
    expect(framingWords('hci')).toBe('iM871A HCI frame');
    expect(framingWords(null)).toBe('not recognised');
    expect(framingWords('other')).toBe('other');
  });
  it('formats values at the precision the meter sends', () => {
    expect(formatMeasurement({ value: 3.41, unit: 'kWh' })).toBe('3.41 kWh');
    expect(formatMeasurement({ value: 0.003, unit: 'kW' })).toBe('0.003 kW');
    expect(formatMeasurement({ value: 7, unit: 'm3' })).toBe('7 m3');
    expect(formatMeasurement({ value: 19, unit: 'C' })).toBe('19 °C');
    expect(formatMeasurement({ value: 'dry now (active 22-31 days)', unit: '' })).toBe(
      'dry now (active 22-31 days)',
    );
  });
});

describe('byte ranges', () => {
  it('highlights exactly the field bytes, nothing for an empty field', () => {
    const field = { offset: 5, length: 2 };
    expect([4, 5, 6, 7].map((o) => inRange(o, field))).toEqual([false, true, true, false]);
    expect(inRange(5, { offset: 5, length: 0 })).toBe(false);
    expect(inRange(5, null)).toBe(false);
  });
  it('gives each frame the bytes up to the next frame', () => {
    expect(frameSpans([0, 45], 96)).toEqual([
      { offset: 0, length: 45 },
      { offset: 45, length: 51 },
    ]);
    expect(frameSpans([0], 0)).toEqual([{ offset: 0, length: 0 }]);
    expect(frameSpans([10, 10], 20)).toEqual([
      { offset: 10, length: 10 },
      { offset: 10, length: 10 },
    ]);
  });
  it('splits a dump into rows aligned on 16', () => {
    expect(dumpRows({ offset: 0, length: 20 })).toEqual([
      { offset: 0, length: 16 },
      { offset: 16, length: 4 },
    ]);
    expect(dumpRows({ offset: 45, length: 5 })).toEqual([
      { offset: 45, length: 3 },
      { offset: 48, length: 2 },
    ]);
    expect(dumpRows({ offset: 3, length: 0 })).toEqual([]);
  });
});
