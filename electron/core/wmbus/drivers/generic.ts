import { recordView, type RecordView } from '../record-view';
import type { MBusRecord } from '../records';
import type { MeterDriver, MeterValues } from './driver';

/**
 * Any other wM-Bus meter: nothing is known in advance, so every record with a value becomes a value,
 * named by what the record says it is (quantity, and function, storage, tariff, sub-unit when they
 * are not the current value's). The full record list is in the decoded telegram as for every meter.
 */

/** 'volume', 'flow temperature, minimum, storage 1', …: unique within one telegram. */
function valueName(view: RecordView): string {
  let name = view.quantity;
  if (view.function !== 'instantaneous') name += `, ${view.function}`;
  if (view.storage !== 0) name += `, storage ${view.storage}`;
  if (view.tariff !== 0) name += `, tariff ${view.tariff}`;
  if (view.subunit !== 0) name += `, sub-unit ${view.subunit}`;
  return name;
}

export function genericValues(records: readonly MBusRecord[]): MeterValues {
  const values: MeterValues = {};
  for (const record of records) {
    const view = recordView(record);
    if (view.value === null) continue;
    const base = valueName(view);
    let name = base;
    for (let n = 2; Object.hasOwn(values, name); n++) name = `${base} (${n})`;
    values[name] = { value: view.value, unit: view.unit ?? '' };
  }
  return values;
}

export const GENERIC: MeterDriver = {
  name: 'generic',
  label: 'wM-Bus meter (generic decoder)',
  detect: [],
  linkModes: ['S1', 'S1-m', 'S2', 'T1', 'T2', 'R2', 'C1', 'C2'],
  compactFormats: [],
  fields: [],
  channels: [],
  unpublishedReason:
    'ReMoni API v2 defines channels only for the OmniPower electricity meter, so this meter is decoded and ' +
    'shown but not published.',
  wmbusmeters: null,
  deriveValues: genericValues,
};
