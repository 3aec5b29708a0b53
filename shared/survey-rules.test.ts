import { describe, expect, it } from 'vitest';
import { SIGNAL_BANDS, signalVerdict, SILENT_AFTER_INTERVALS, silenceOf } from './survey-rules';

describe('signalVerdict', () => {
  it.each([
    [-40, 'good'],
    [-80, 'good'],
    [-80.05, 'fair'],
    [-90, 'fair'],
    [-90.05, 'weak'],
    [-100, 'weak'],
    [-100.05, 'poor'],
    [-122.5, 'poor'],
  ] as const)('a mean of %s dBm is %s', (dbm, verdict) => {
    expect(signalVerdict(dbm)).toBe(verdict);
  });

  it('says unknown when the stick attached no RSSI', () => {
    expect(signalVerdict(null)).toBe('unknown');
  });

  it('states every band strongest first, each with advice, the last open below', () => {
    const edges = SIGNAL_BANDS.map((b) => b.minDbm);
    expect(edges).toEqual([-80, -90, -100, null]);
    for (const band of SIGNAL_BANDS) expect(band.advice.length).toBeGreaterThan(10);
  });
});

describe('silenceOf', () => {
  const interval = 16_000;
  it('is silent from three whole intervals on, not a moment before', () => {
    expect(SILENT_AFTER_INTERVALS).toBe(3);
    expect(silenceOf(0, interval, 3 * interval - 1)).toMatchObject({ silent: false, intervals: 2 });
    expect(silenceOf(0, interval, 3 * interval)).toMatchObject({ silent: true, intervals: 3 });
    expect(silenceOf(1000, interval, 1000 + 5 * interval + 10)).toEqual({
      forMs: 5 * interval + 10,
      intervals: 5,
      intervalMs: interval,
      silent: true,
    });
  });

  it('cannot judge a meter whose interval is not measured yet', () => {
    expect(silenceOf(0, null, 10 * interval)).toBeNull();
  });

  it('never counts negative silence when clocks disagree', () => {
    expect(silenceOf(5000, interval, 1000)).toMatchObject({ forMs: 0, silent: false });
  });
});
