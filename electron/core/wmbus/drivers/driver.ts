import type { MeterDriverView, MeterValuesView } from '../../../../shared/gateway';
import type { MBusRecord, RecordFunction } from '../records';

/**
 * What a meter driver is: plain data that says which meters it is for, which records its fields
 * come from and what they mean, and what of it ReMoni API v2 can carry. Adding a meter means adding
 * one file beside this one and listing it in `registry.ts` (docs/ARCHITECTURE.md, "Where new things go").
 */

/** A telegram's values, keyed by the driver's field names (OmniPower: 'A+', 'A-', 'P+', 'P-'). */
export type MeterValues = MeterValuesView;

/** A value as shown and exported: a number in its unit, or text (a status in words, unit ''). */
export type Measurement = MeterValues[string];

/** One (manufacturer, device type, version) a driver is for; no version means any version. */
export interface Detection {
  /** FLAG code, e.g. 'KAM'. */
  manufacturer: string;
  /** Device type byte of the link header (EN 13757-3 Table 12), e.g. 0x02 electricity. */
  type: number;
  version?: number;
}

/** EN 13757-4 radio modes a meter transmits in. */
export type RadioMode = 'S1' | 'S1-m' | 'S2' | 'T1' | 'T2' | 'R2' | 'C1' | 'C2';

/**
 * Which record a field is read from. Selectors left out mean "the meter's current value": storage 0,
 * tariff 0, sub-unit 0, function instantaneous, forward direction. The first matching record wins.
 */
export interface FieldSource {
  /** The record's header exactly (DIF [DIFE…] VIF [VIFE…]) as lower-case hex, e.g. '02ff20'; or several. */
  difVif?: string | readonly string[];
  /** Primary-table VIF range, extension bit masked off (EN 13757-3 Table 10), e.g. [0x10, 0x17] volume. */
  vif?: readonly [number, number];
  /** The record's base unit from the VIF table ('Wh', 'W', 'm3', '°C', 'm3/h'). */
  unit?: string;
  storage?: number | 'any';
  tariff?: number | 'any';
  subunit?: number | 'any';
  function?: RecordFunction | 'any';
  /** VIFE 0x3C marks a register counting only the backward direction (energy exported: A-). */
  direction?: 'forward' | 'backward' | 'any';
}

interface FieldBase {
  /** Key in `values`, e.g. 'A+' or 'total_volume'. */
  name: string;
  /** Words for a technician, e.g. 'energy imported'. */
  label: string;
  source: FieldSource;
}

export interface NumberField extends FieldBase {
  kind: 'number';
  /** The unit shown and exported, e.g. 'kWh'. */
  unit: string;
  /** Decimal exponent from the record's base unit to `unit`: -3 for Wh → kWh, 0 for m3 → m3. */
  scale: number;
}

export interface TextField extends FieldBase {
  kind: 'text';
  /** The record's unsigned integer in words (a status register): data cannot say it, a function can. */
  text(raw: number, record: MBusRecord): string;
}

export type DriverField = NumberField | TextField;

/** A ReMoni API v2 channel: only where the API defines one (docs/ARCHITECTURE.md, "ReMoni API v2"). */
export interface ApiChannel {
  number: number;
  /** The driver field whose value the channel carries. */
  field: string;
  dataType: 'accumulated-power' | 'power';
  name: string;
  /** The unit the API carries: energy in kWh, power in W. */
  unit: 'kWh' | 'W';
}

/** A wmbusmeters field computed from the records where no single driver field says it (status words). */
export type WmbusmetersDerived = (records: readonly MBusRecord[]) => string | number | undefined;

/** How wmbusmeters prints this meter, for technicians who know that tool (`cli decode --wmbusmeters`). */
export interface WmbusmetersView {
  /** wmbusmeters' driver name, printed as `meter`. */
  driver: string;
  /** In wmbusmeters' order: its field name and our field name (or a function of the records). */
  fields: ReadonlyArray<readonly [string, string | WmbusmetersDerived]>;
}

export interface MeterDriver {
  /** 'omnipower', 'multical21', 'generic', … */
  name: string;
  /** The meter in words, e.g. 'Kamstrup OmniPower electricity meter'. */
  label: string;
  detect: readonly Detection[];
  linkModes: readonly RadioMode[];
  /** DIF/VIF strings (hex) of the compact-frame formats the meter is known to send. */
  compactFormats: readonly string[];
  fields: readonly DriverField[];
  /** Empty when API v2 defines no channels for this meter: then it is decoded and shown, never published. */
  channels: readonly ApiChannel[];
  /** Why nothing is published, when `channels` is empty. */
  unpublishedReason: string | null;
  wmbusmeters: WmbusmetersView | null;
  /** For a driver that cannot list its fields in advance (generic): values straight from the records. */
  deriveValues?: (records: readonly MBusRecord[]) => MeterValues;
}

/** What the UI needs to know about a meter's driver: its name, words, fields and whether API v2 publishes it. */
export type DriverSummary = MeterDriverView;
