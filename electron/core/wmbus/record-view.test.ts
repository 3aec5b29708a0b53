import { describe, expect, it } from 'vitest';
import { recordViews } from './record-view';
import { parseRecords } from './records';

const views = (hex: string) => {
  const buf = Buffer.from(hex.replaceAll(' ', ''), 'hex');
  return recordViews(parseRecords(buf, 0, buf.length, 0));
};

describe('recordViews (the CLI records list)', () => {
  it('scales energy to kWh exactly, from Wh and from J', () => {
    const [wh, kwh, joules] = views('0403 d7000000  0406 0a000000  040e 02000000');
    expect(wh).toMatchObject({ difvif: '0403', quantity: 'energy', unit: 'kWh', value: 0.215 });
    expect(kwh).toMatchObject({ unit: 'kWh', value: 10 });
    // 2 × 10^6 J = 0.5555… kWh
    expect(joules!.unit).toBe('kWh');
    expect(joules!.value).toBeCloseTo(2e6 / 3.6e6, 12);
  });

  it('gives power in W and volume flow in m3/h whatever the VIF’s time base', () => {
    const [watts, perHour, perMinute, perSecond] = views(
      '042b 05000000  043b 7d000000  0243 0500  024f 0100',
    );
    expect(watts).toMatchObject({ unit: 'W', value: 5 });
    expect(perHour).toMatchObject({ unit: 'm3/h', value: 0.125 });
    expect(perMinute!.unit).toBe('m3/h');
    expect(perMinute!.value).toBeCloseTo(0.0005 * 60, 12);
    expect(perSecond).toMatchObject({ unit: 'm3/h', value: 36 }); // 0.01 m3/s
  });

  it('writes temperatures in C, dates ISO 8601, and keeps function, storage, tariff and sub-unit', () => {
    const [temp, date, stored] = views('215b 0c  426c 3f2c  c4411300100000');
    expect(temp).toMatchObject({ difvif: '215b', unit: 'C', value: 12, function: 'minimum', storage: 0 });
    expect(date).toMatchObject({ difvif: '426c', unit: null, value: '2017-12-31', storage: 1 });
    expect(stored).toMatchObject({ difvif: 'c44113', storage: 3, tariff: 0, subunit: 1, value: 4.096 });
  });

  it('shows manufacturer data and unknown VIFs as what they are, with their raw value', () => {
    const [unknown, manufacturer] = views('016f 05  0f 0a0b0c');
    expect(unknown).toEqual({
      difvif: '016f',
      quantity: 'unknown VIF 0x6f',
      unit: null,
      value: 5,
      storage: 0,
      tariff: 0,
      subunit: 0,
      function: 'instantaneous',
    });
    expect(manufacturer).toMatchObject({ difvif: '0f', unit: null, value: '0a0b0c' });
  });

  it('writes a plain-text unit back into difvif as it was on air', () => {
    const [record] = views('017c 03 6c 6d 68 2a'); // unit "hml" sent last character first
    expect(record).toMatchObject({ difvif: '017c036c6d68', unit: 'hml', value: 42 });
  });
});
