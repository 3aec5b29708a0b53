import { scaleDecimal, type MBusRecord } from '../records';
import type { DriverField, FieldSource, Measurement, MeterDriver, MeterValues } from './driver';

/** Reading a driver's fields out of the generic DIF/VIF records: the one place that interprets `FieldSource`. */

const headerBytesCache = new Map<string, readonly number[]>();

function headerBytes(hex: string): readonly number[] {
  let bytes = headerBytesCache.get(hex);
  if (bytes === undefined) {
    bytes = [...Buffer.from(hex, 'hex')];
    headerBytesCache.set(hex, bytes);
  }
  return bytes;
}

/** Whether the record's DIF, DIFEs, VIF and VIFEs are exactly `hex` (compared byte by byte, no strings built). */
function headerIs(record: MBusRecord, hex: string): boolean {
  const bytes = headerBytes(hex);
  const { difes, vifes } = record;
  if (bytes.length !== 2 + difes.length + vifes.length || bytes[0] !== record.dif) return false;
  let at = 1;
  for (const dife of difes) if (bytes[at++] !== dife) return false;
  if (bytes[at++] !== record.vif) return false;
  for (const vife of vifes) if (bytes[at++] !== vife) return false;
  return true;
}

const matchesNumber = (wanted: number | 'any' | undefined, actual: number): boolean =>
  wanted === 'any' || actual === (wanted ?? 0);

export function recordMatches(source: FieldSource, record: MBusRecord): boolean {
  if (!matchesNumber(source.storage, record.storage)) return false;
  if (!matchesNumber(source.tariff, record.tariff)) return false;
  if (!matchesNumber(source.subunit, record.subunit)) return false;
  const fn = source.function ?? 'instantaneous';
  if (fn !== 'any' && fn !== record.function) return false;
  const direction = source.direction ?? 'forward';
  if (direction !== 'any' && record.backward !== (direction === 'backward')) return false;
  if (source.unit !== undefined && record.unit !== source.unit) return false;
  if (source.vif !== undefined) {
    if (record.vif === null) return false;
    const code = record.vif & 0x7f;
    if (code < source.vif[0] || code > source.vif[1]) return false;
  }
  const { difVif } = source;
  if (difVif === undefined) return true;
  return typeof difVif === 'string' ? headerIs(record, difVif) : difVif.some((hex) => headerIs(record, hex));
}

/** The record's integer as the unsigned register it is (a 16-bit status 0x8001 is not -32767). */
export function unsignedRaw(record: MBusRecord): number | undefined {
  const raw = record.rawValue;
  if (typeof raw !== 'number' || !Number.isInteger(raw)) return undefined;
  return raw >= 0 ? raw : raw + 2 ** (8 * record.dataLength);
}

/** The field's measurement from one record, or undefined when the record holds no usable value. */
export function fieldMeasurement(field: DriverField, record: MBusRecord): Measurement | undefined {
  if (field.kind === 'text') {
    const raw = unsignedRaw(record);
    return raw === undefined ? undefined : { value: field.text(raw, record), unit: '' };
  }
  // Scaled from the raw integer with a decimal exponent, so 215 × 10 Wh is exactly 2.15 kWh.
  if (typeof record.rawValue !== 'number') return undefined;
  return { value: scaleDecimal(record.rawValue, record.exponent + field.scale), unit: field.unit };
}

/** The first record a field's source selects, if any. */
export function findRecord(source: FieldSource, records: readonly MBusRecord[]): MBusRecord | undefined {
  for (const record of records) if (recordMatches(source, record)) return record;
  return undefined;
}

/** The driver's values, in the order it declares its fields; a field no record gives is left out. */
export function driverValues(driver: MeterDriver, records: readonly MBusRecord[]): MeterValues {
  if (driver.deriveValues !== undefined) return driver.deriveValues(records);
  const values: MeterValues = {};
  for (const field of driver.fields) {
    for (const record of records) {
      if (!recordMatches(field.source, record)) continue;
      const measurement = fieldMeasurement(field, record);
      if (measurement === undefined) continue;
      values[field.name] = measurement;
      break;
    }
  }
  return values;
}
