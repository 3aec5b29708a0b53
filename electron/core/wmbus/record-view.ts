import { scaleDecimal, type MBusRecord, type RecordFunction } from './records';

/**
 * Every record of a telegram as plain JSON for the CLI (`records` of `cli decode`, docs/ARCHITECTURE.md, "Command line"):
 * units normalised to energy kWh, volume m3, power W, volume flow m3/h, temperature C, dates ISO 8601;
 * any other unit as the VIF table gives it.
 */
export interface RecordView {
  /** DIF [DIFE…] VIF [VIFE…] as lower-case hex, e.g. '0413'. */
  difvif: string;
  /** What the record measures, as the record parser names it (e.g. 'volume', 'unknown VIF 0x6f'). */
  quantity: string;
  unit: string | null;
  /** A number in `unit`, text for dates and strings, null when the meter sent no valid value. */
  value: number | string | null;
  storage: number;
  tariff: number;
  subunit: number;
  function: RecordFunction;
}

/** How a base unit of the VIF table becomes the normalised one: decimal shift, then an exact factor. */
interface Normalisation {
  unit: string;
  shift: number;
  /** Applied after the decimal shift; 1 keeps the value exact. */
  times?: number;
  divide?: number;
}

const NORMALISED: Readonly<Record<string, Normalisation>> = {
  Wh: { unit: 'kWh', shift: -3 },
  J: { unit: 'kWh', shift: 0, divide: 3_600_000 },
  m3: { unit: 'm3', shift: 0 },
  W: { unit: 'W', shift: 0 },
  'J/h': { unit: 'W', shift: 0, divide: 3600 },
  'm3/h': { unit: 'm3/h', shift: 0 },
  'm3/min': { unit: 'm3/h', shift: 0, times: 60 },
  'm3/s': { unit: 'm3/h', shift: 0, times: 3600 },
  '°C': { unit: 'C', shift: 0 },
  '°F': { unit: 'F', shift: 0 },
};

function normalisedValue(record: MBusRecord, how: Normalisation): number | string | null {
  // From the raw integer where there is one, so 215 × 10 Wh is exactly 2.15 kWh.
  const raw = record.rawValue;
  let base: number;
  if (typeof raw === 'number') base = scaleDecimal(raw, record.exponent + how.shift);
  else if (typeof record.value === 'number') base = scaleDecimal(record.value, how.shift);
  else return shownValue(record);
  if (how.times !== undefined) return base * how.times;
  if (how.divide !== undefined) return base / how.divide;
  return base;
}

/** The value as the parser gives it; where it gives none, raw text or hex (manufacturer data, BCD errors). */
function shownValue(record: MBusRecord): number | string | null {
  if (record.value !== null) return record.value;
  return typeof record.rawValue === 'string' ? record.rawValue : null;
}

export function recordView(record: MBusRecord): RecordView {
  const how = record.unit === null ? undefined : NORMALISED[record.unit];
  return {
    difvif: record.headerHex,
    quantity: record.description,
    unit: how?.unit ?? record.unit,
    value: how === undefined ? shownValue(record) : normalisedValue(record, how),
    storage: record.storage,
    tariff: record.tariff,
    subunit: record.subunit,
    function: record.function,
  };
}

export function recordViews(records: readonly MBusRecord[]): RecordView[] {
  return records.map(recordView);
}
