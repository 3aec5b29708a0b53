import type { MeterIdentity } from '../link-layer';
import type { MBusRecord } from '../records';
import type { MeterValues } from './driver';
import { driverNamed } from './registry';

/**
 * The JSON wmbusmeters prints for a meter, for technicians who know that tool: its driver name as
 * `meter` and its field names, in its order. Meters wmbusmeters has no driver for here print only
 * the identity, with `meter: 'unknown'`.
 */

export interface WmbusmetersFields {
  _: 'telegram';
  media: string;
  meter: string;
  name: string;
  id: string;
  [field: string]: string | number;
}

export interface WmbusmetersExtras {
  /** The meter's name in the user's configuration. */
  name?: string;
  rssiDbm?: number;
  timestamp?: Date | string;
}

/** What the view needs of a decoded telegram. */
export interface WmbusmetersSource {
  meter: MeterIdentity;
  /** The driver's name, as `decodeTelegram` gives it. */
  driver: string;
  values: MeterValues;
  records: readonly MBusRecord[];
}

export function toWmbusmetersFields(
  decoded: WmbusmetersSource,
  extras: WmbusmetersExtras = {},
): WmbusmetersFields {
  const { values, meter } = decoded;
  const view = driverNamed(decoded.driver)?.wmbusmeters;
  const fields: WmbusmetersFields = {
    _: 'telegram',
    media: meter.medium,
    meter: view?.driver ?? 'unknown',
    name: extras.name ?? '',
    id: meter.id,
  };
  for (const [name, from] of view?.fields ?? []) {
    const value = typeof from === 'string' ? values[from]?.value : from(decoded.records);
    if (value !== undefined) fields[name] = value;
  }
  if (extras.rssiDbm !== undefined) fields['rssi_dbm'] = extras.rssiDbm;
  if (extras.timestamp !== undefined) {
    fields['timestamp'] =
      typeof extras.timestamp === 'string' ? extras.timestamp : extras.timestamp.toISOString();
  }
  return fields;
}
