import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTelegram } from './decode';
import { DecodeError, TruncatedRecordError } from './errors';
import { parseRecords, type MBusRecord } from './records';
import {
  dateG,
  dateTimeF,
  encodeDib,
  encodeOmsTelegram,
  encodeRecord,
  encodeRecords,
  manufacturerData,
  type RecordSpec,
} from './test-support/oms-encoder';

/**
 * Every DIF/VIF record described in full (EN 13757-3 §6): records are built with the encoder from
 * (DIF fields, VIF, VIFEs, value) and must decode to what went in.
 */

const decodeOne = (spec: RecordSpec): MBusRecord => {
  const bytes = encodeRecord(spec);
  const records = parseRecords(bytes, 0, bytes.length, 0);
  expect(records).toHaveLength(1);
  return records[0]!;
};

describe('data fields', () => {
  it.each([
    [0x01, -5, 1],
    [0x01, 127, 1],
    [0x02, -32768, 2],
    [0x03, 8_388_607, 3],
    [0x03, -1, 3],
    [0x04, -2_000_000_000, 4],
    [0x06, 140_737_488_355_327, 6],
    [0x06, -7, 6],
    [0x07, 9_007_199_254_740_991, 8],
    [0x07, -42, 8],
  ])('integer data field %i reads %d (%i bytes, two’s complement)', (dataField, value, length) => {
    const record = decodeOne({ dataField, vif: 0x13, value });
    expect(record).toMatchObject({ dataLength: length, rawValue: value, unit: 'm3' });
    expect(record.value).toBeCloseTo(value / 1000, 6);
  });

  it('keeps a 64-bit integer beyond 2^53 exact as a bigint', () => {
    expect(decodeOne({ dataField: 0x07, vif: 0x03, value: 2n ** 62n + 1n }).rawValue).toBe(2n ** 62n + 1n);
  });

  it.each([
    [0x09, 42, 1],
    [0x0a, 1234, 2],
    [0x0b, 654321, 3],
    [0x0c, 12345678, 4],
    [0x0e, 123456789012, 6],
    [0x0a, -234, 2],
  ])('BCD data field %i reads %d', (dataField, value, length) => {
    expect(decodeOne({ dataField, vif: 0x16, value })).toMatchObject({
      dataLength: length,
      rawValue: value,
      value,
    });
  });

  it('reads a 32-bit real', () => {
    expect(decodeOne({ dataField: 0x05, vif: 0x2b, value: -1.5 })).toMatchObject({ value: -1.5, unit: 'W' });
  });

  it('reads dates of type G and date-times of type F', () => {
    const date = { year: 2031, month: 12, day: 31 };
    expect(decodeOne({ dataField: 0x02, vif: 0x6c, value: dateG(date) }).value).toBe('2031-12-31');
    const at = { ...date, hour: 23, minute: 59 };
    expect(decodeOne({ dataField: 0x04, vif: 0x6d, value: dateTimeF(at) }).value).toBe('2031-12-31T23:59');
  });

  it('reads variable-length text and a record without data', () => {
    expect(decodeOne({ dataField: 0x0d, vif: 0xfd, vifes: [0x0c], value: 'OMS-1' }).value).toBe('OMS-1');
    expect(decodeOne({ dataField: 0x00, vif: 0x13 })).toMatchObject({ dataLength: 0, rawValue: null });
  });
});

describe('storage, tariff, sub-unit and function', () => {
  it('spreads storage, tariff and sub-unit over DIF and DIFEs and reads them back', () => {
    const spec = { dataField: 0x04, vif: 0x03, value: 1, storage: 33, tariff: 5, subunit: 2 };
    expect(encodeDib(spec)).toEqual([0xc4, 0x90, 0x51]); // storage bit 0 in the DIF, the rest in 2 DIFEs
    expect(decodeOne(spec)).toMatchObject({ storage: 33, tariff: 5, subunit: 2, difes: [0x90, 0x51] });
  });

  it.each(['instantaneous', 'maximum', 'minimum', 'error'] as const)('reads function %s', (fn) => {
    expect(decodeOne({ dataField: 0x02, vif: 0x5b, function: fn, value: 21 })).toMatchObject({
      function: fn,
      value: 21,
      unit: '°C',
    });
  });
});

describe('any record the encoder builds reads back (fast-check)', () => {
  const integerField = fc.constantFrom([0x01, 1], [0x02, 2], [0x03, 3], [0x04, 4], [0x06, 6]);
  const bcdField = fc.constantFrom([0x09, 1], [0x0a, 2], [0x0b, 3], [0x0c, 4], [0x0e, 6]);
  const signed = ([dataField, bytes]: readonly number[]) =>
    fc
      .integer({ min: -(2 ** (8 * bytes! - 1)), max: 2 ** (8 * bytes! - 1) - 1 })
      .map((value) => ({ dataField: dataField!, value }));
  const bcd = ([dataField, bytes]: readonly number[]) =>
    fc.integer({ min: 0, max: 10 ** (2 * bytes!) - 1 }).map((value) => ({ dataField: dataField!, value }));
  const record = fc.record({
    data: fc.oneof(integerField.chain(signed), bcdField.chain(bcd)),
    function: fc.constantFrom('instantaneous', 'maximum', 'minimum', 'error' as const),
    storage: fc.integer({ min: 0, max: 2 ** 20 }),
    tariff: fc.integer({ min: 0, max: 1023 }),
    subunit: fc.integer({ min: 0, max: 255 }),
    vif: fc.constantFrom(0x03, 0x13, 0x2b, 0x3b, 0x5b, 0x6e),
  });

  it('data field, function, storage, tariff, sub-unit and raw value survive the trip', () => {
    fc.assert(
      fc.property(record, (r) => {
        const spec = {
          ...r.data,
          function: r.function,
          storage: r.storage,
          tariff: r.tariff,
          subunit: r.subunit,
          vif: r.vif,
        };
        expect(decodeOne(spec)).toMatchObject({
          function: r.function,
          storage: r.storage,
          tariff: r.tariff,
          subunit: r.subunit,
          rawValue: r.data.value,
          vif: r.vif,
        });
      }),
      { numRuns: 1000 },
    );
  });
});

describe('VIFEs are named, never dropped', () => {
  const described = (vif: number, vifes: number[], dataField = 0x04, value: number = 1) =>
    decodeOne({ dataField, vif, vifes, value });

  it('applies per-time and per-quantity units and flow direction', () => {
    expect(described(0x13, [0x22])).toMatchObject({ unit: 'm3/h', description: 'volume' });
    expect(described(0x06, [0x2d])).toMatchObject({ unit: 'Wh/m3' });
    expect(described(0x13, [0x3c])).toMatchObject({ description: 'volume, backward flow', backward: true });
    expect(described(0x13, [0x3b]).description).toBe('volume, forward flow');
  });

  it('names limits, exceed counts, durations and dates of limit exceeds', () => {
    expect(described(0x2b, [0x48]).description).toBe('upper limit of power');
    expect(described(0x2b, [0x41])).toMatchObject({
      description: 'number of exceeds of the lower limit of power',
      unit: null,
      value: 1,
    });
    expect(described(0x2b, [0x56], 0x02, 3)).toMatchObject({
      description: 'duration of last lower limit exceed of power (in h)',
      unit: 's',
      value: 3 * 3600,
    });
    const date = dateTimeF({ year: 2024, month: 6, day: 1, hour: 8, minute: 5 });
    expect(described(0x2b, [0x4b], 0x04, date)).toMatchObject({
      description: 'date/time of end of first upper limit exceed of power',
      value: '2024-06-01T08:05',
    });
  });

  it('applies correction factors and says what a future value or a record error is', () => {
    expect(described(0x13, [0x77], 0x04, 5)).toMatchObject({ value: 0.05, unit: 'm3' }); // 5 l × 10^1
    expect(described(0x13, [0x7d], 0x04, 5)).toMatchObject({ value: 5 }); // litres × 1000 = m3
    expect(described(0x6c, [0x7e], 0x02, dateG({ year: 2025, month: 1, day: 1 }))).toMatchObject({
      description: 'future value of date',
      value: '2025-01-01',
    });
    expect(described(0x13, [0x16]).description).toBe('volume [record error 0x16: data overflow]');
    expect(described(0x13, [0x44]).description).toBe('volume (reserved VIFE 0x44)');
  });

  it('names the extension table after VIFE 0xFC (electrical phases)', () => {
    expect(described(0xfd, [0x48, 0x7c, 0x02], 0x02, 2300)).toMatchObject({
      description: 'voltage, at phase L2',
      unit: 'V',
      value: 230,
    });
  });

  it('lists manufacturer-specific VIFs and VIFEs instead of interpreting them', () => {
    expect(described(0xff, [0x01, 0x02])).toMatchObject({
      description: 'manufacturer-specific VIF with VIFE 0x81 0x02', // as on air
      unit: null,
      rawValue: 1,
    });
    expect(described(0x13, [0x3c, 0x7f, 0x05])).toMatchObject({
      description: 'volume, backward flow, then manufacturer-specific VIFEs 0x05 and data',
      unit: 'm3',
    });
  });

  it('shows compact-profile data (VIFE 0x1E) as hex, not as text', () => {
    const bytes = new Uint8Array([0x02, 0x01, 0x33, 0x00]);
    expect(decodeOne({ dataField: 0x0d, vif: 0x13, vifes: [0x1e], value: { lvar: 4, bytes } })).toMatchObject(
      {
        description: 'volume, compact profile with registers',
        rawValue: '02013300',
        value: null,
      },
    );
  });
});

describe('special records, unknown VIFs and truncation in a telegram', () => {
  const meter = { manufacturer: 'ABC', id: '00000001', version: 1, type: 0x07 };
  const frameWith = (records: Buffer) =>
    encodeOmsTelegram({ meter, tpl: { header: 'short', accessNumber: 1 }, records });

  it('keeps manufacturer data (DIF 0x0F / 0x1F) as hex, described as such, after the standard records', () => {
    const records = Buffer.concat([
      encodeRecords([{ dataField: 0x04, vif: 0x13, value: 10 }]),
      manufacturerData(Buffer.from('cafe', 'hex'), true),
    ]);
    const decoded = decodeTelegram(frameWith(records), { keyFor: () => undefined });
    expect(decoded.records.map((r) => [r.description, r.rawValue])).toEqual([
      ['volume', 10],
      ['manufacturer-specific data, more records follow in the next telegram', 'cafe'],
    ]);
  });

  it('describes an unknown VIF and reads the records after it', () => {
    const records = encodeRecords([
      { dataField: 0x01, vif: 0x6f, value: 5 },
      { dataField: 0x02, vif: 0xfb, vifes: [0x7f], value: 6 },
      { dataField: 0x04, vif: 0x13, value: 7 },
    ]);
    const decoded = decodeTelegram(frameWith(records), { keyFor: () => undefined });
    expect(decoded.records.map((r) => [r.description, r.unit, r.value])).toEqual([
      ['unknown VIF 0x6f', null, 5],
      ['unknown VIF 0x7f in table 0xFB', null, 6],
      ['volume', 'm3', 0.007],
    ]);
  });

  it('reports a truncated record with the offsets of the record and of the end', () => {
    const records = Buffer.concat([
      encodeRecords([{ dataField: 0x04, vif: 0x13, value: 7 }]),
      Buffer.from('0c13aa', 'hex'),
    ]);
    let error: unknown;
    try {
      decodeTelegram(frameWith(records), { keyFor: () => undefined });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TruncatedRecordError);
    expect(error).toBeInstanceOf(DecodeError);
    // C(0)…CI(9), header 10-13, first record 14-19, the cut one at 20, frame ends at 23.
    expect(error).toMatchObject({ code: 'PARSE', recordOffset: 20, offset: 23 });
    expect((error as Error).message).toMatch(/Record at offset 20: 8-digit BCD data needs 4 more byte/);
  });
});
