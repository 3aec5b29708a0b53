// Pure formatting helpers for meter readings: energy, power and driver fields in the units a technician reads.
import { formatNumber } from '../common/format';

/** A meter driver's value: a number in its unit, or text (a status in words, unit ''). */
export interface Measurement {
  value: number | string;
  unit: string;
}

const ENERGY_TO_KWH: Record<string, number> = { Wh: 1e-3, kWh: 1, MWh: 1e3 };
const POWER_TO_W: Record<string, number> = { W: 1, kW: 1e3, MW: 1e6 };

/** An energy register in kWh; null when the unit is not an energy unit we know. */
export function toKilowattHours(m: Measurement): number | null {
  const factor = ENERGY_TO_KWH[m.unit];
  return factor === undefined || typeof m.value !== 'number' ? null : m.value * factor;
}

/** A power value in W; null when the unit is not a power unit we know. */
export function toWatts(m: Measurement): number | null {
  const factor = POWER_TO_W[m.unit];
  return factor === undefined || typeof m.value !== 'number' ? null : m.value * factor;
}

/** Units as a technician writes them: the decoder's ASCII 'C' is °C. */
const UNIT_WORDS: Record<string, string> = { C: '°C', F: '°F' };

export function displayUnit(unit: string): string {
  return UNIT_WORDS[unit] ?? unit;
}

/** Any driver field as read: "6.408 m3", "19 °C", or the text of a status ("leak now"). */
export function fieldReading(m: Measurement): Reading {
  if (typeof m.value === 'string') return { number: m.value, unit: '' };
  return { number: String(m.value), unit: displayUnit(m.unit) };
}

export interface Reading {
  number: string;
  unit: string;
}

/** "1,234.56" kWh: the OmniPower register resolution is 10 Wh, so two decimals show every step. */
export function energyReading(m: Measurement): Reading {
  const kwh = toKilowattHours(m);
  return kwh === null
    ? { number: String(m.value), unit: m.unit }
    : { number: formatNumber(kwh, 2), unit: 'kWh' };
}

/** Power both ways: kW as the meter reports it, W as ReMoni API v2 publishes it (docs/ARCHITECTURE.md § ReMoni API v2). */
export function powerReadings(m: Measurement): { kw: Reading; w: Reading | null } {
  const watts = toWatts(m);
  if (watts === null) return { kw: { number: String(m.value), unit: m.unit }, w: null };
  return {
    kw: { number: formatNumber(watts / 1000, 3), unit: 'kW' },
    w: { number: formatNumber(watts, 0), unit: 'W' },
  };
}

const joined = (r: Reading) => `${r.number} ${r.unit}`;

export function formatEnergy(m: Measurement): string {
  return joined(energyReading(m));
}

export function formatPower(m: Measurement): { kw: string; w: string } {
  const { kw, w } = powerReadings(m);
  return { kw: joined(kw), w: w ? joined(w) : '' };
}

const OMNIPOWER_VALUES = ['A+', 'A-', 'P+', 'P-'];

/**
 * The values of a telegram row in one short line: "A+ 2.15 kWh · P+ 0.812 kW" for an OmniPower,
 * "total volume 6.408 m3 · info codes leak now" for any other meter's driver fields.
 */
export function summariseValues(values: Readonly<Record<string, Measurement>> | null): string {
  if (!values) return '';
  const parts: string[] = [];
  if (OMNIPOWER_VALUES.some((name) => values[name] !== undefined)) {
    for (const name of ['A+', 'A-'] as const) {
      const m = values[name];
      if (m) parts.push(`${name} ${formatEnergy(m)}`);
    }
    for (const name of ['P+', 'P-'] as const) {
      const m = values[name];
      if (m) parts.push(`${name} ${formatPower(m).kw}`);
    }
    return parts.join(' · ');
  }
  for (const [name, m] of Object.entries(values)) {
    const { number, unit } = fieldReading(m);
    // A driver's field names are identifiers (total_volume); the row reads them as words.
    const words = name.replace(/_/g, ' ');
    parts.push(unit ? `${words} ${number} ${unit}` : `${words} ${number}`);
  }
  return parts.join(' · ');
}
