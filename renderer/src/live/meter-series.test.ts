import { describe, expect, it } from 'vitest';
import type { GatewayEventView } from '../../../shared/gateway';
import { addReadings, chartPath, MAX_SERIES_POINTS } from './meter-series';

const telegram = (i: number, deviceId = '32666857', ok = true): GatewayEventView => ({
  event: 'telegram',
  at: new Date(Date.UTC(2026, 10, 25, 10, 0, i)).toISOString(),
  deviceId,
  monitored: true,
  ok,
  driver: ok ? 'omnipower' : null,
  published: ok,
  unpublishedReason: null,
  values: ok
    ? {
        'A+': { value: 2150 + i * 10, unit: 'Wh' },
        'A-': { value: 0, unit: 'Wh' },
        'P+': { value: 0.78 + i / 1000, unit: 'kW' },
        'P-': { value: 0, unit: 'kW' },
      }
    : null,
  rssiDbm: -63.5,
  error: ok ? null : { code: 'CRC', message: 'payload CRC failure' },
});

describe('meter series', () => {
  it('keeps each meter’s P+ in W and A+ in kWh over time, skipping failed telegrams', () => {
    const series = addReadings({}, [
      telegram(0),
      telegram(1, '11112222'),
      telegram(2, '32666857', false),
      telegram(3),
    ]);
    expect(series['32666857']!.points).toEqual([
      { t: Date.UTC(2026, 10, 25, 10, 0, 0), powerW: 780, energyKWh: 2.15 },
      { t: Date.UTC(2026, 10, 25, 10, 0, 3), powerW: 783, energyKWh: 2.18 },
    ]);
    expect(series['11112222']!.points).toHaveLength(1);
  });

  it('is bounded per meter and counts what it dropped', () => {
    const events = Array.from({ length: MAX_SERIES_POINTS + 30 }, (_, i) => telegram(i));
    const series = addReadings({}, events);
    expect(series['32666857']!.points).toHaveLength(MAX_SERIES_POINTS);
    expect(series['32666857']!.dropped).toBe(30);
    expect(series['32666857']!.points[0]!.t).toBe(Date.parse(telegram(30).at as string));
  });

  it('returns the same object when nothing was decoded, so React skips the charts', () => {
    const series = addReadings({}, [telegram(0)]);
    expect(addReadings(series, [telegram(1, '32666857', false)])).toBe(series);
  });

  it('scales a trace to its box: oldest at the left, largest at the top', () => {
    const { points, min, max } = chartPath([0, 50, 100], [10, 30, 20], 200, 40);
    expect([min, max]).toEqual([10, 30]);
    expect(points).toBe('0.0,39.0 100.0,1.0 200.0,20.0');
    expect(chartPath([0, 10], [5, 5], 200, 40).points).toBe('0.0,20.0 200.0,20.0');
  });
});
