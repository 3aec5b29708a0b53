import type { MeterIdentity } from '../link-layer';
import type { DriverSummary, MeterDriver } from './driver';
import { GENERIC } from './generic';
import { MULTICAL21 } from './multical21';
import { OMNIPOWER } from './omnipower';

/** The meter drivers: one file each; a new meter is a new file listed here (docs/ARCHITECTURE.md, "Where new things go"). */

/** Every driver that detects meters, most specific first; `generic` takes the rest. */
export const DRIVERS: readonly MeterDriver[] = [OMNIPOWER, MULTICAL21];

/** The driver for a meter: the first whose detection matches, else the generic one. */
export function driverFor(meter: Pick<MeterIdentity, 'manufacturer' | 'type' | 'version'>): MeterDriver {
  for (const driver of DRIVERS) {
    for (const d of driver.detect) {
      if (
        d.type === meter.type &&
        d.manufacturer === meter.manufacturer &&
        (d.version ?? meter.version) === meter.version
      )
        return driver;
    }
  }
  return GENERIC;
}

/** A driver by its name ('omnipower', 'multical21', 'generic'); undefined for a name no driver has. */
export function driverNamed(name: string): MeterDriver | undefined {
  if (name === GENERIC.name) return GENERIC;
  return DRIVERS.find((driver) => driver.name === name);
}

const summaries = new Map<MeterDriver, DriverSummary>();

/** What the UI shows of a driver: its name, words, fields and whether API v2 publishes it. */
export function driverSummary(driver: MeterDriver): DriverSummary {
  let summary = summaries.get(driver);
  if (summary === undefined) {
    summary = {
      name: driver.name,
      label: driver.label,
      published: driver.channels.length > 0,
      unpublishedReason: driver.channels.length > 0 ? null : driver.unpublishedReason,
      fields: driver.fields.map((f) => ({
        name: f.name,
        label: f.label,
        unit: f.kind === 'number' ? f.unit : '',
      })),
    };
    summaries.set(driver, summary);
  }
  return summary;
}
