import { describe, expect, it } from 'vitest';
import { decodeTelegram } from '../decode';
import { encodeEllTelegram } from '../encode';
import { caught } from '../test-support/caught';
import { fixture, framesFromC, OMNIPOWER_KEY } from '../fixtures/telegram-fixtures';
import { FormatRegistry } from '../format-registry';
import { manufacturerCode } from '../link-layer';
import { recordViews } from '../record-view';
import { parseRecords } from '../records';
import {
  DRIVERS,
  driverFor,
  driverNamed,
  driverSummary,
  driverValues,
  GENERIC,
  MULTICAL21,
  OMNIPOWER,
} from './index';
import { toWmbusmetersFields } from './wmbusmeters';

/** A plain (unencrypted) telegram of a meter no driver knows: TPL short header (CI 0x7A), then records. */
function plainTelegram(manufacturer: string, type: number, records: string): Buffer {
  const header = Buffer.alloc(10);
  header[0] = 0x44;
  header.writeUInt16LE(manufacturerCode(manufacturer), 1);
  Buffer.from('87654321', 'hex').copy(header, 3); // meter 21436587
  header[7] = 0x01;
  header[8] = type;
  header[9] = 0x7a;
  return Buffer.concat([header, Buffer.from('2a000000', 'hex'), Buffer.from(records, 'hex')]);
}

/** Records of a water meter (EN 13757-3): BCD volume, BCD flow, flow temperature, date and time, manufacturer data. */
const WATER_RECORDS = [
  '0c13 78563412', // volume, 8-digit BCD, 10^-3 m3: 12345.678 m3
  '4c13 00500000', // volume, storage 1: 5.000 m3
  '0b3b 250100', // volume flow, 6-digit BCD, 10^-3 m3/h: 0.125 m3/h
  '025a d200', // flow temperature, 16-bit, 10^-1 °C: 21.0 °C
  '046d 1e0b2131', // date and time (type F): 2025-01-01T11:30
  '0406 e8030000', // energy, 32-bit, 10^3 Wh: 1000 kWh
  '0f 0102', // manufacturer-specific data to the end
]
  .join('')
  .replaceAll(' ', '');

describe('driver registry', () => {
  it('detects by manufacturer, device type and version, and falls back to the generic driver', () => {
    expect(driverFor({ manufacturer: 'KAM', type: 0x02, version: 0x30 })).toBe(OMNIPOWER);
    expect(driverFor({ manufacturer: 'KAM', type: 0x02, version: 0x99 })).toBe(OMNIPOWER);
    expect(driverFor({ manufacturer: 'KAM', type: 0x16, version: 0x1b })).toBe(MULTICAL21);
    expect(driverFor({ manufacturer: 'KAM', type: 0x06, version: 0x1b })).toBe(MULTICAL21);
    expect(driverFor({ manufacturer: 'KAW', type: 0x16, version: 0x3a })).toBe(MULTICAL21);
    expect(driverFor({ manufacturer: 'KAM', type: 0x16, version: 0x30 })).toBe(GENERIC);
    expect(driverFor({ manufacturer: 'ABC', type: 0x02, version: 0x30 })).toBe(GENERIC);
    expect(driverNamed('multical21')).toBe(MULTICAL21);
    expect(driverNamed('generic')).toBe(GENERIC);
    expect(driverNamed('nope')).toBeUndefined();
  });

  it('keeps every driver consistent: unique names, channels on declared fields, parseable formats', () => {
    const names = [...DRIVERS, GENERIC].map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    for (const driver of DRIVERS) {
      const fields = new Set(driver.fields.map((f) => f.name));
      expect(fields.size).toBe(driver.fields.length);
      for (const channel of driver.channels) expect(fields.has(channel.field)).toBe(true);
      for (const [, from] of driver.wmbusmeters?.fields ?? [])
        if (typeof from === 'string') expect(fields.has(from)).toBe(true);
      expect(driver.channels.length > 0 || driver.unpublishedReason !== null).toBe(true);
    }
    // Every driver format is known to a fresh registry without learning anything.
    const registry = new FormatRegistry({ learning: false });
    expect(registry.size).toBe(DRIVERS.reduce((n, d) => n + d.compactFormats.length, 0));
  });

  it('summarises a driver for the UI: fields with units, and why it is not published', () => {
    expect(driverSummary(OMNIPOWER)).toMatchObject({
      name: 'omnipower',
      published: true,
      unpublishedReason: null,
      fields: [
        { name: 'A+', label: 'energy imported', unit: 'kWh' },
        { name: 'A-', label: 'energy exported', unit: 'kWh' },
        { name: 'P+', label: 'power imported', unit: 'kW' },
        { name: 'P-', label: 'power exported', unit: 'kW' },
      ],
    });
    const water = driverSummary(MULTICAL21);
    expect(water.published).toBe(false);
    expect(water.unpublishedReason).toMatch(/no channels for water meters/);
    expect(water.fields.find((f) => f.name === 'info_codes')).toEqual({
      name: 'info_codes',
      label: 'info codes',
      unit: '',
    });
  });
});

describe('OmniPower driver', () => {
  it('reads A± and P± by meaning in whatever order the records come', () => {
    const records = parseRecords(
      Buffer.from('042b0300000004ab3c010000000404d700000004843c02000000', 'hex'),
      0,
      26,
      0,
    );
    expect(driverValues(OMNIPOWER, records)).toEqual({
      'A+': { value: 2.15, unit: 'kWh' },
      'A-': { value: 0.02, unit: 'kWh' },
      'P+': { value: 0.003, unit: 'kW' },
      'P-': { value: 0.001, unit: 'kW' },
    });
    // Keys in the driver's order: the CLI's JSON stays as it was.
    expect(Object.keys(driverValues(OMNIPOWER, records))).toEqual(['A+', 'A-', 'P+', 'P-']);
  });

  it('ignores stored, tariff and maximum registers', () => {
    const records = parseRecords(
      Buffer.from('4404d7000000' + '840104d7000000' + '1404d7000000', 'hex'),
      0,
      19,
      0,
    );
    expect(driverValues(OMNIPOWER, records)).toEqual({});
  });
});

describe('driver values for a known record layout (compact frames)', () => {
  const recordsOf = (hex: string) => {
    const buf = Buffer.from(hex.replaceAll(' ', ''), 'hex');
    return parseRecords(buf, 0, buf.length, 0);
  };

  it('reads the same fields as a full match, also when a planned record holds no usable value', () => {
    const layout = {}; // stands for one compact format
    // Two A+ candidates (8-digit BCD energy, 10 Wh); the first is usable in one telegram, not the next.
    const usable = recordsOf('0c04 00010000  0c04 15020000');
    const bcdError = recordsOf('0c04 ffffffff  0c04 15020000');
    // First seen with the unusable one: the next telegram must still read the first record again.
    expect(driverValues(OMNIPOWER, bcdError, layout)).toEqual({ 'A+': { value: 2.15, unit: 'kWh' } });
    expect(driverValues(OMNIPOWER, usable, layout)).toEqual({ 'A+': { value: 1, unit: 'kWh' } });
    expect(driverValues(OMNIPOWER, bcdError, layout)).toEqual(driverValues(OMNIPOWER, bcdError));
  });

  it('keeps one layout’s answer per driver', () => {
    const layout = {};
    const records = recordsOf('0413 39300000  0404 d7000000');
    expect(driverValues(OMNIPOWER, records, layout)).toEqual({ 'A+': { value: 2.15, unit: 'kWh' } });
    expect(driverValues(MULTICAL21, records, layout)).toEqual({
      total_volume: { value: 12.345, unit: 'm3' },
    });
    expect(driverValues(OMNIPOWER, records, layout)).toEqual({ 'A+': { value: 2.15, unit: 'kWh' } });
  });
});

describe('generic driver', () => {
  it('makes every record a value, with normalised units, for a plain telegram of an unknown meter', () => {
    const decoded = decodeTelegram(plainTelegram('ABC', 0x07, WATER_RECORDS), { keyFor: () => undefined });
    expect(decoded.driver).toBe('generic');
    expect(decoded.meter).toMatchObject({ id: '21436587', manufacturer: 'ABC', medium: 'water' });
    expect(decoded.values).toEqual({
      volume: { value: 12345.678, unit: 'm3' },
      'volume, storage 1': { value: 5, unit: 'm3' },
      'volume flow': { value: 0.125, unit: 'm3/h' },
      'flow temperature': { value: 21, unit: 'C' },
      'date and time': { value: '2025-01-01T11:30', unit: '' },
      energy: { value: 1000, unit: 'kWh' },
      'manufacturer-specific data': { value: '0102', unit: '' },
    });
    expect(recordViews(decoded.records).map((r) => [r.difvif, r.unit, r.value])).toEqual([
      ['0c13', 'm3', 12345.678],
      ['4c13', 'm3', 5],
      ['0b3b', 'm3/h', 0.125],
      ['025a', 'C', 21],
      ['046d', null, '2025-01-01T11:30'],
      ['0406', 'kWh', 1000],
      ['0f', null, '0102'],
    ]);
    expect(toWmbusmetersFields(decoded)).toEqual({
      _: 'telegram',
      media: 'water',
      meter: 'unknown',
      name: '',
      id: '21436587',
    });
  });

  it('decodes an encrypted telegram (ELL AES-128-CTR) of an unknown meter with its key', () => {
    const key = Buffer.alloc(16, 7);
    const app = Buffer.concat([Buffer.from([0x78]), Buffer.from('0413a0860100' + '02fd170100', 'hex')]);
    const frame = encodeEllTelegram(
      { manufacturer: 'XYZ', id: '55554444', key, version: 2, type: 0x07, accessNumber: 9 },
      app,
    );
    const decoded = decodeTelegram(frame, { keyFor: () => key });
    expect(decoded).toMatchObject({ driver: 'generic', encryption: 'aes-ctr' });
    expect(decoded.values).toEqual({
      volume: { value: 100, unit: 'm3' },
      'error flags': { value: 1, unit: '' },
    });
  });

  it('decodes a security mode 5 (AES-128-CBC) telegram of any meter: OMS Vol. 2 Annex N.2.1', () => {
    // The published gas meter example with its key, as reproduced in github.com/tudborg/exmbus
    // test/spec/oms_vol2_annex_n_test.exs (from the L field; the decoder takes the frame from C).
    const frame = Buffer.from(
      '2E4493157856341233037A2A0020255923C95AAA26D1B2E7493B013EC4A6F6D3529B520EDFF0EA6DEFC99D6D69EBF3',
      'hex',
    ).subarray(1);
    const decoded = decodeTelegram(frame, {
      keyFor: () => Buffer.from('0102030405060708090A0B0C0D0E0F11', 'hex'),
    });
    expect(decoded).toMatchObject({
      driver: 'generic',
      encryption: 'aes-cbc',
      meter: { manufacturer: 'ELS' },
    });
    expect(decoded.values).toEqual({
      volume: { value: 28504.27, unit: 'm3' },
      'date and time': { value: '2008-05-31T23:50', unit: '' },
      'error flags': { value: 0, unit: '' },
    });
    const wrongKey = caught(() => decodeTelegram(frame, { keyFor: () => Buffer.alloc(16, 0x11) }));
    expect(wrongKey.code).toBe('CRC');
    expect(wrongKey.message).toMatch(/AES key for meter 12345678 is most likely wrong.*not 2f 2f/);
  });

  it('leaves an OmniPower telegram to the OmniPower driver', () => {
    const frame = framesFromC(fixture('seed-01'))[0]!;
    expect(decodeTelegram(frame, { keyFor: () => OMNIPOWER_KEY }).driver).toBe('omnipower');
  });
});
