// Per-meter readings over the session, for the meter cards' charts. Pure; bounded per meter.
import type { GatewayEventView } from '../../../shared/gateway';
import { toKilowattHours, toWatts } from './format';

export interface SeriesPoint {
  /** Milliseconds since the epoch, from the telegram's time. */
  t: number;
  /** P+ (power imported) in W. */
  powerW: number | null;
  /** A+ (energy imported) in kWh. */
  energyKWh: number | null;
}

export interface MeterSeries {
  points: SeriesPoint[];
  /** Readings that fell off the start because the chart keeps the newest MAX_SERIES_POINTS. */
  dropped: number;
}

/** Twelve hours of an OmniPower at one telegram per minute; a day of the usual 16 s is cut. */
export const MAX_SERIES_POINTS = 720;

export type SeriesByMeter = Readonly<Record<string, MeterSeries>>;

/** Adds the decoded telegrams among `events` to each meter's series. */
export function addReadings(series: SeriesByMeter, events: readonly GatewayEventView[]): SeriesByMeter {
  // Each meter's points are copied once per batch, then appended to and trimmed at the end.
  const grown = new Map<string, { points: SeriesPoint[]; dropped: number }>();
  for (const event of events) {
    if (event.event !== 'telegram' || !event.ok || !event.values || !event.deviceId) continue;
    const plus = event.values['P+'];
    const energy = event.values['A+'];
    const point: SeriesPoint = {
      t: Date.parse(event.at),
      powerW: plus ? toWatts(plus) : null,
      energyKWh: energy ? toKilowattHours(energy) : null,
    };
    let meter = grown.get(event.deviceId);
    if (!meter) {
      const current = series[event.deviceId];
      meter = { points: current ? [...current.points] : [], dropped: current?.dropped ?? 0 };
      grown.set(event.deviceId, meter);
    }
    meter.points.push(point);
  }
  if (grown.size === 0) return series;
  const next: Record<string, MeterSeries> = { ...series };
  for (const [deviceId, meter] of grown) {
    const over = Math.max(0, meter.points.length - MAX_SERIES_POINTS);
    next[deviceId] = {
      points: over ? meter.points.slice(over) : meter.points,
      dropped: meter.dropped + over,
    };
  }
  return next;
}

/** Polyline coordinates for `values` over `times` in a width × height box (y grows downward). */
export function chartPath(
  times: readonly number[],
  values: readonly number[],
  width: number,
  height: number,
): { points: string; min: number; max: number } {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const t0 = times[0]!;
  const span = Math.max(1, times[times.length - 1]! - t0);
  const range = max - min || 1;
  const points = values
    .map((v, i) => {
      const x = times.length === 1 ? width : ((times[i]! - t0) / span) * width;
      // A flat trace (nothing changed yet) runs through the middle rather than along an edge.
      const y = max === min ? height / 2 : height - ((v - min) / range) * (height - 2) - 1;
      return `${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
  return { points, min, max };
}
