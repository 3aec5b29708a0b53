import { checkAesKey, checkMeterId } from '../../../shared/meter-rules';
import type { MeterListRoot } from './container';
import { driverForModel, manufacturerKeyOfVendor, type KemDriver } from './models';
import { childElements, findElement, textContent, type XmlElement } from './xml';

// The two meter lists a KEM file holds (docs/ARCHITECTURE.md § KEM files), read into one meter
// type. A meter with a bad id or key is reported with its problem and the others are kept.

/** One meter of a KEM file. `key` is not enumerable: JSON.stringify and logging leave it out. */
export interface KemMeter {
  /** Its position in the file, from 1. */
  index: number;
  /** The wM-Bus id: 8 digits when valid, else the text as written (its problem says what is wrong). */
  id: string;
  /** Kamstrup's model name (MeterName / ShortName), e.g. OmniPower, MC21. */
  model: string;
  /** What it measures, as the file says (ConsumptionType / ConsumptionTypeName). */
  consumption: string;
  /** The customer's meter number (MeterNo / CustomerDeviceNumber). */
  meterNumber: string;
  typeNumber: string;
  configNumber: string;
  /** The vendor as written (VendorId / ManufacturerId). */
  vendor: string;
  /** API v2's three letters, lower case. */
  manufacturerKey: string;
  driver: KemDriver | null;
  /** Why this meter cannot be imported; empty when it can. Never contains the key. */
  problems: string[];
  /** The 16-byte AES key; null when missing or not a key. */
  readonly key: Buffer | null;
}

/** Element names of each form: `item` is the meter element, the rest its fields. */
const FORMS = {
  MetersInOrder: {
    item: 'Meter',
    id: 'SerialNo',
    key: 'DEK',
    model: 'MeterName',
    consumption: 'ConsumptionType',
    meterNumber: 'MeterNo',
    typeNumber: 'TypeNo',
    configNumber: 'ConfigNo',
    vendor: 'VendorId',
  },
  Devices: {
    item: 'Device',
    id: 'SerialNumber',
    key: 'Value',
    model: 'ShortName',
    consumption: 'ConsumptionTypeName',
    meterNumber: 'CustomerDeviceNumber',
    typeNumber: 'TypeNumber',
    configNumber: 'ConfigNumber',
    vendor: 'ManufacturerId',
  },
} as const satisfies Record<MeterListRoot, Record<string, string>>;

/** The meters of a MetersInOrder or Devices root, in file order, duplicates flagged. */
export function readMeterList(root: XmlElement, form: MeterListRoot): KemMeter[] {
  const names = FORMS[form];
  const meters = allElements(root, names.item).map((item, i) => readMeter(item, i + 1, names));
  flagDuplicates(meters);
  return meters;
}

function readMeter(item: XmlElement, index: number, names: (typeof FORMS)[MeterListRoot]): KemMeter {
  const field = (name: string): string | null => {
    const found = findElement(item, name);
    return found && found !== item ? textContent(found).trim() : null;
  };
  const text = (name: string) => field(name) ?? '';
  const problems: string[] = [];
  const idText = field(names.id);
  const id = idText === null ? null : checkMeterId(idText, `The id (${names.id}) of meter ${index}`);
  if (id === null) problems.push(`Meter ${index} has no ${names.id} (its wM-Bus id).`);
  else if (!id.ok) problems.push(id.problem);
  const label = id?.ok ? `meter ${id.value}` : `meter ${index}`;
  const keyText = field(names.key);
  const key = keyText === null ? null : checkAesKey(keyText, `The key (${names.key}) of ${label}`);
  if (key === null) problems.push(`The entry of ${label} has no ${names.key} (its AES key).`);
  else if (!key.ok) problems.push(key.problem);
  const vendor = text(names.vendor);
  const manufacturerKey = manufacturerKeyOfVendor(vendor);
  const model = text(names.model);
  const meter = {
    index,
    id: id?.ok ? id.value : (idText ?? ''),
    model,
    consumption: text(names.consumption),
    meterNumber: text(names.meterNumber),
    typeNumber: text(names.typeNumber),
    configNumber: text(names.configNumber),
    vendor,
    manufacturerKey,
    driver: driverForModel(model, manufacturerKey),
    problems,
  };
  return Object.defineProperty(meter, 'key', {
    value: key?.ok ? Buffer.from(key.value, 'hex') : null,
    enumerable: false,
  }) as KemMeter;
}

/** The same id twice: with one key it is imported once; with two keys, neither (which is right?). */
function flagDuplicates(meters: KemMeter[]): void {
  const first = new Map<string, KemMeter>();
  for (const meter of meters) {
    if (meter.problems.length > 0) continue;
    const earlier = first.get(meter.id);
    if (!earlier) {
      first.set(meter.id, meter);
    } else if (earlier.key!.equals(meter.key!)) {
      meter.problems.push(
        `Meter ${meter.id} is listed again (as meters ${earlier.index} and ${meter.index}); it is imported once.`,
      );
    } else {
      const problem = `Meter ${meter.id} is listed twice with different keys (meters ${earlier.index} and ${meter.index}); neither is imported: ask the supplier which key is right.`;
      if (!earlier.problems.includes(problem)) earlier.problems.push(problem);
      meter.problems.push(problem);
    }
  }
}

/** Every element with this local name below `root`, in document order. */
function allElements(root: XmlElement, local: string): XmlElement[] {
  const found: XmlElement[] = [];
  const pending = [...childElements(root)].reverse();
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (next.local === local) found.push(next);
    else pending.push(...childElements(next).reverse());
  }
  return found;
}
