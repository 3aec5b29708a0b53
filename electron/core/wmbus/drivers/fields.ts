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

/**
 * A FieldSource with every selector present (-1 / null = any), so matching reads one object shape:
 * it runs for every record of every telegram.
 */
interface Matcher {
  unit: string | null;
  /** 0 forward only, 1 backward only, 2 either. */
  direction: 0 | 1 | 2;
  storage: number;
  tariff: number;
  subunit: number;
  fn: string | null;
  vifFrom: number;
  vifTo: number;
  difVifs: readonly string[] | null;
}

const ANY = -1;
const selector = (wanted: number | 'any' | undefined): number => (wanted === 'any' ? ANY : (wanted ?? 0));

function compileSource(source: FieldSource): Matcher {
  const fn = source.function ?? 'instantaneous';
  const direction = source.direction ?? 'forward';
  const { difVif } = source;
  return {
    unit: source.unit ?? null,
    direction: direction === 'forward' ? 0 : direction === 'backward' ? 1 : 2,
    storage: selector(source.storage),
    tariff: selector(source.tariff),
    subunit: selector(source.subunit),
    fn: fn === 'any' ? null : fn,
    vifFrom: source.vif?.[0] ?? ANY,
    vifTo: source.vif?.[1] ?? ANY,
    difVifs: difVif === undefined ? null : typeof difVif === 'string' ? [difVif] : difVif,
  };
}

const matchers = new WeakMap<FieldSource, Matcher>();

function matcherOf(source: FieldSource): Matcher {
  let matcher = matchers.get(source);
  if (matcher === undefined) {
    matcher = compileSource(source);
    matchers.set(source, matcher);
  }
  return matcher;
}

function matches(m: Matcher, record: MBusRecord): boolean {
  if (m.unit !== null && record.unit !== m.unit) return false;
  if (m.direction !== 2 && record.backward !== (m.direction === 1)) return false;
  if (m.storage !== ANY && record.storage !== m.storage) return false;
  if (m.tariff !== ANY && record.tariff !== m.tariff) return false;
  if (m.subunit !== ANY && record.subunit !== m.subunit) return false;
  if (m.fn !== null && record.function !== m.fn) return false;
  if (m.vifFrom !== ANY) {
    if (record.vif === null) return false;
    const code = record.vif & 0x7f;
    if (code < m.vifFrom || code > m.vifTo) return false;
  }
  return m.difVifs === null || m.difVifs.some((hex) => headerIs(record, hex));
}

export function recordMatches(source: FieldSource, record: MBusRecord): boolean {
  return matches(matcherOf(source), record);
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
  const matcher = matcherOf(source);
  for (const record of records) if (matches(matcher, record)) return record;
  return undefined;
}

/** A driver's fields and their matchers, compiled once per driver. */
interface CompiledFields {
  fields: readonly DriverField[];
  matchers: readonly Matcher[];
}

const compiled = new WeakMap<MeterDriver, CompiledFields>();

function compiledOf(driver: MeterDriver): CompiledFields {
  let fields = compiled.get(driver);
  if (fields === undefined) {
    fields = {
      fields: driver.fields,
      matchers: driver.fields.map((field) => matcherOf(field.source)),
    };
    compiled.set(driver, fields);
  }
  return fields;
}

/** Index of the first record from `from` on that the matcher selects, or -1. */
function firstMatch(matcher: Matcher, records: readonly MBusRecord[], from: number): number {
  for (let r = from; r < records.length; r++) if (matches(matcher, records[r]!)) return r;
  return -1;
}

/**
 * Which record each field of a driver first matches, for one record layout (a compact format):
 * matching reads only what the layout fixes, so a compact frame skips it (7 telegrams in 8).
 */
interface Plan {
  driver: MeterDriver;
  compiled: CompiledFields;
  firstMatches: Int16Array;
}

const plans = new WeakMap<object, Plan>();

function planFor(driver: MeterDriver, records: readonly MBusRecord[], layout: object): Plan {
  const known = plans.get(layout);
  if (known !== undefined && known.driver === driver) return known;
  const compiled = compiledOf(driver);
  const firstMatches = new Int16Array(compiled.matchers.length);
  compiled.matchers.forEach((matcher, f) => (firstMatches[f] = firstMatch(matcher, records, 0)));
  const plan = { driver, compiled, firstMatches };
  plans.set(layout, plan);
  return plan;
}

/**
 * The driver's values, in the order it declares its fields: each from the first record its source
 * selects that holds a usable value; a field no record gives is left out. `layout` names the
 * records' layout when the caller knows one (the compact format of a compact frame).
 */
export function driverValues(
  driver: MeterDriver,
  records: readonly MBusRecord[],
  layout?: object,
): MeterValues {
  if (driver.deriveValues !== undefined) return driver.deriveValues(records);
  const plan = layout === undefined ? undefined : planFor(driver, records, layout);
  const { fields, matchers } = plan?.compiled ?? compiledOf(driver);
  const firstMatches = plan?.firstMatches;
  const values: MeterValues = {};
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f]!;
    const matcher = matchers[f]!;
    const first = firstMatches === undefined ? firstMatch(matcher, records, 0) : firstMatches[f]!;
    for (let at = first; at >= 0; at = firstMatch(matcher, records, at + 1)) {
      const measurement = fieldMeasurement(field, records[at]!);
      if (measurement === undefined) continue;
      values[field.name] = measurement;
      break;
    }
  }
  return values;
}
