import { checkManufacturerKey } from '../../../shared/meter-rules';
import { driverNamed, manufacturerLetters } from '../wmbus';

// Which of our meter drivers reads a meter named in a KEM file, and its manufacturer as API v2's
// three letters. The model names are Kamstrup's own, as their KEM files spell them (the names
// wmbusmeters' utils/kem-import.py maps: MC21 with type numbers 021…, KWM2210 for flowIQ 2200).

/** Model names (MeterName / ShortName) → the driver in electron/core/wmbus/drivers that reads them. */
const MODEL_DRIVERS: ReadonlyArray<{ model: RegExp; driver: string }> = [
  { model: /^omni\s*power/i, driver: 'omnipower' },
  { model: /^(mc\s*21|multical\s*21)\b/i, driver: 'multical21' },
  // flowIQ 2200 (KWM2210) and the KWM2230 / 3230 the Multical 21 driver detects.
  { model: /^(flowiq\s*2200|kwm\s*(2210|2230|3230))\b/i, driver: 'multical21' },
];

/** Manufacturers whose meters our drivers read (FLAG codes of Kamstrup). */
const KAMSTRUP = new Set(['kam', 'kaw']);

export interface KemDriver {
  name: string;
  label: string;
}

/** The driver for a model of this manufacturer, or null when none of ours is known to read it. */
export function driverForModel(model: string, manufacturerKey: string): KemDriver | null {
  if (!KAMSTRUP.has(manufacturerKey)) return null;
  const known = MODEL_DRIVERS.find((m) => m.model.test(model.trim()));
  const driver = known ? driverNamed(known.driver) : undefined;
  return driver ? { name: driver.name, label: driver.label } : null;
}

/**
 * The API v2 manufacturer key for a vendor as a KEM file writes it: three letters ("KAM"), or the
 * wM-Bus manufacturer number (11309 = 0x2C2D = KAM). KEM is Kamstrup's format, so anything else (a company
 * name, nothing) is taken as Kamstrup.
 */
export function manufacturerKeyOfVendor(vendor: string): string {
  const text = vendor.trim();
  const letters = checkManufacturerKey(text);
  if (letters.ok) return letters.value;
  if (/^\d{1,5}$/.test(text) && Number(text) <= 0xffff) {
    const fromNumber = checkManufacturerKey(manufacturerLetters(Number(text)));
    if (fromNumber.ok) return fromNumber.value;
  }
  return 'kam';
}
