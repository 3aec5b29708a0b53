import type { DecodedTelegram } from './decode';
import type { MeterIdentity } from './link-layer';
import { scaleDecimal, type MBusRecord } from './records';

/**
 * Kamstrup OmniPower driver (DESIGN §6): the four values it sends, found by meaning (energy/power,
 * forward/backward from the generic DIF/VIF decode), not by byte patterns. Works for the single-phase,
 * three-phase and CT variants alike, long or compact.
 */

export interface Measurement {
  value: number;
  unit: string;
}

export type OmniPowerQuantity = 'A+' | 'A-' | 'P+' | 'P-';
export type MeterValues = Partial<Record<OmniPowerQuantity, Measurement>>;

export const OMNIPOWER_DRIVER = 'omnipower';

export function isOmniPower(meter: MeterIdentity): boolean {
  return meter.manufacturer === 'KAM' && meter.type === 0x02;
}

/** Whether a record is a current (not stored, not tariffed, not min/max) value of the main unit. */
function isCurrentTotal(record: MBusRecord): boolean {
  return (
    record.function === 'instantaneous' && record.storage === 0 && record.tariff === 0 && record.subunit === 0
  );
}

/**
 * A± in kWh from Wh records, P± in kW from W records. Scaled from the raw integer with a decimal
 * exponent so 215 × 10 Wh is exactly 2.15 kWh (no 2.1500000000000004).
 */
export function omniPowerValues(records: readonly MBusRecord[]): MeterValues {
  let aPlus: Measurement | undefined;
  let aMinus: Measurement | undefined;
  let pPlus: Measurement | undefined;
  let pMinus: Measurement | undefined;
  for (const record of records) {
    if (typeof record.rawValue !== 'number' || !isCurrentTotal(record)) continue;
    if (record.unit === 'Wh') {
      const measurement = { value: scaleDecimal(record.rawValue, record.exponent - 3), unit: 'kWh' };
      if (record.backward) aMinus ??= measurement;
      else aPlus ??= measurement;
    } else if (record.unit === 'W') {
      const measurement = { value: scaleDecimal(record.rawValue, record.exponent - 3), unit: 'kW' };
      if (record.backward) pMinus ??= measurement;
      else pPlus ??= measurement;
    }
  }
  const values: MeterValues = {};
  if (aPlus !== undefined) values['A+'] = aPlus;
  if (aMinus !== undefined) values['A-'] = aMinus;
  if (pPlus !== undefined) values['P+'] = pPlus;
  if (pMinus !== undefined) values['P-'] = pMinus;
  return values;
}

/** The JSON wmbusmeters prints for its `omnipower` driver, for technicians who know that tool. */
export interface WmbusmetersFields {
  _: 'telegram';
  media: string;
  meter: string;
  name: string;
  id: string;
  total_energy_consumption_kwh?: number;
  total_energy_production_kwh?: number;
  current_power_consumption_kw?: number;
  current_power_production_kw?: number;
  rssi_dbm?: number;
  timestamp?: string;
}

export interface WmbusmetersExtras {
  /** The meter's name in the user's configuration. */
  name?: string;
  rssiDbm?: number;
  timestamp?: Date | string;
}

export function toWmbusmetersFields(
  decoded: DecodedTelegram,
  extras: WmbusmetersExtras = {},
): WmbusmetersFields {
  const { values, meter } = decoded;
  const fields: WmbusmetersFields = {
    _: 'telegram',
    media: meter.medium,
    meter: decoded.driver ?? 'unknown',
    name: extras.name ?? '',
    id: meter.id,
  };
  if (values['A+'] !== undefined) fields.total_energy_consumption_kwh = values['A+'].value;
  if (values['A-'] !== undefined) fields.total_energy_production_kwh = values['A-'].value;
  if (values['P+'] !== undefined) fields.current_power_consumption_kw = values['P+'].value;
  if (values['P-'] !== undefined) fields.current_power_production_kw = values['P-'].value;
  if (extras.rssiDbm !== undefined) fields.rssi_dbm = extras.rssiDbm;
  if (extras.timestamp !== undefined) {
    fields.timestamp =
      typeof extras.timestamp === 'string' ? extras.timestamp : extras.timestamp.toISOString();
  }
  return fields;
}
