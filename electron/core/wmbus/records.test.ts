import { describe, expect, it } from 'vitest';
import { DecodeError } from './errors';
import { parseRecords, scaleDecimal } from './records';

const parse = (hex: string, frameOffset = 0) => {
  const buf = Buffer.from(hex.replace(/ /g, ''), 'hex');
  return parseRecords(buf, 0, buf.length, frameOffset);
};

describe('parseRecords: OmniPower long frame', () => {
  const records = parse('0404 d7000000 04843c 00000000 042b 03000000 04ab3c 00000000', 19);

  it('finds the four records with offsets from the C field', () => {
    expect(records.map((r) => [r.offset, r.dataOffset, r.dataLength])).toEqual([
      [19, 21, 4],
      [25, 28, 4],
      [32, 34, 4],
      [38, 41, 4],
    ]);
  });

  it('decodes A+ as 215 × 10 Wh = 2150 Wh', () => {
    expect(records[0]).toMatchObject({
      dif: 0x04,
      vif: 0x04,
      vifes: [],
      storage: 0,
      tariff: 0,
      function: 'instantaneous',
      rawValue: 215,
      value: 2150,
      unit: 'Wh',
      exponent: 1,
      description: 'energy',
      backward: false,
    });
  });

  it('marks VIFE 0x3C as backward flow (A-, P-)', () => {
    expect(records[1]).toMatchObject({ vif: 0x84, vifes: [0x3c], unit: 'Wh', backward: true });
    expect(records[1]!.description).toBe('energy, backward flow');
    expect(records[2]).toMatchObject({ vif: 0x2b, rawValue: 3, value: 3, unit: 'W', backward: false });
    expect(records[3]).toMatchObject({ vif: 0xab, vifes: [0x3c], unit: 'W', backward: true });
  });
});

describe('parseRecords: data types', () => {
  it('reads 8-digit BCD and scales volume 10^-3 m3', () => {
    expect(parse('0c13 78563412')[0]).toMatchObject({ rawValue: 12345678, value: 12345.678, unit: 'm3' });
  });

  it('reads negative BCD (top nibble F)', () => {
    expect(parse('0a5a 34f2')[0]).toMatchObject({ rawValue: -234, value: -23.4, unit: '°C' });
  });

  it('keeps invalid BCD digits as hex text with no value', () => {
    expect(parse('0a13 a100')[0]).toMatchObject({ rawValue: '00a1', value: null });
  });

  it('reads 32-bit real, signed 8-bit and 64-bit integers', () => {
    expect(parse('052b 0000c03f')[0]).toMatchObject({ rawValue: 1.5, value: 1.5, unit: 'W' });
    expect(parse('0167 fe')[0]).toMatchObject({ rawValue: -2, value: -2, unit: '°C' });
    expect(parse('0703 ffffffffffffff7f')[0]!.rawValue).toBe(9223372036854775807n);
    expect(parse('0603 010000000000')[0]).toMatchObject({ rawValue: 1, value: 1, unit: 'Wh' });
  });

  it('reads variable-length text (sent last character first)', () => {
    expect(parse('0dfd0c 03 434241')[0]).toMatchObject({
      vif: 0xfd,
      vifes: [0x0c],
      rawValue: 'ABC',
      value: 'ABC',
      description: 'model/version',
      dataLength: 3,
      dataOffset: 4,
    });
  });

  it('collects storage, tariff and function from DIF and DIFE', () => {
    expect(parse('c411 04 01000000')[0]).toMatchObject({ storage: 3, tariff: 1, difes: [0x11] });
    expect(parse('1404 01000000')[0]!.function).toBe('maximum');
  });

  it('formats date (type G) and date-time (type F)', () => {
    expect(parse('026c 0f33')[0]).toMatchObject({ value: '2024-03-15', unit: null });
    expect(parse('046d 1e0c0f33')[0]!.value).toBe('2024-03-15T12:30');
  });

  it('uses the 0xFD and 0xFB extension tables', () => {
    expect(parse('02fd48 e600')[0]).toMatchObject({ description: 'voltage', unit: 'V', value: 23 });
    expect(parse('04fb00 01000000')[0]).toMatchObject({ description: 'energy', unit: 'Wh', value: 100000 });
  });

  it('gives unknown VIFs unit null instead of failing', () => {
    expect(parse('016f 05')[0]).toMatchObject({
      unit: null,
      rawValue: 5,
      value: 5,
      description: 'unknown VIF 0x6f',
    });
  });

  it('skips idle fillers and keeps manufacturer data as hex', () => {
    const records = parse('2f2f 0104 01 0f abcdef');
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({ dif: 0x0f, vif: null, rawValue: 'abcdef', value: null, unit: null });
  });
});

describe('parseRecords: errors', () => {
  it('reports truncated data as PARSE with the offset where the payload ends', () => {
    const call = () => parse('0404 d700', 19);
    expect(call).toThrow(DecodeError);
    expect(call).toThrow(expect.objectContaining({ code: 'PARSE', offset: 23 }));
    expect(call).toThrow(/Record at offset 19: 32-bit integer data needs 4/);
  });

  it('reports a VIFE chain that runs off the end as PARSE', () => {
    expect(() => parse('0484')).toThrow(expect.objectContaining({ code: 'PARSE' }));
  });
});

describe('scaleDecimal', () => {
  it('scales without binary noise', () => {
    expect(scaleDecimal(215, -2)).toBe(2.15);
    expect(scaleDecimal(3, -3)).toBe(0.003);
    expect(scaleDecimal(7, 3)).toBe(7000);
  });
});
