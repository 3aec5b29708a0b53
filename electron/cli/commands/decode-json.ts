import type { StickCrc } from '../../core/inspect/telegram-input';
import type { Measurement, MeterValues, RecordView } from '../../core/wmbus';
import { jsonFragment, type JsonBytes } from '../json-bytes';
import type { DecodedResult, DecodeResult } from './decode-result';

/**
 * Writes `cli decode` results as JSON lines: byte for byte what JSON.stringify gives
 * (decode-json.test.ts compares the two on every kind of result), in a fraction of the time for
 * decoded telegrams. Nearly all of such a line repeats from one telegram to the next: the keys, the
 * meter and its driver, each value's name and unit, each record's description. Those runs of text
 * are encoded once and copied, each after a check that the new telegram has the same parts (so a
 * part that changed is never reused); only the numbers are written afresh. Failures and the
 * optional extras (--explain, --wmbusmeters, --gateway) are rare and go through JSON.stringify whole.
 */
export class DecodeJson {
  private readonly framings = new LabelFragments(',"framing":', ',"offset":');
  private readonly senders = new FragmentCache<DecodedResult, Uint8Array>();
  private readonly measurements = new ListFragments<Measurement>(sameUnit, aroundMeasurement);
  private readonly frameKinds = new LabelFragments('},"frameKind":', ',"accessNumber":');
  private readonly encryptions = new LabelFragments(',"encryption":', ',"records":[');
  private readonly records = new ListFragments<RecordView>(sameDescription, aroundRecord);

  write(result: DecodeResult, out: JsonBytes): void {
    if (result.ok) this.decoded(result, out);
    else out.value(result);
    out.newline();
  }

  /** The keys in the order decode-result.ts builds them. */
  private decoded(r: DecodedResult, out: JsonBytes): void {
    out.fragment(LINE);
    out.number(r.line);
    out.fragment(this.framings.get(r.framing));
    out.number(r.offset);
    out.fragment(this.sender(r));
    this.values(r.values, out);
    out.fragment(this.frameKinds.get(r.frameKind));
    out.number(r.accessNumber);
    out.fragment(this.encryptions.get(r.encryption));
    this.recordList(r.records, out);
    out.fragment(RSSI);
    out.number(r.rssi);
    out.fragment(RSSI_DBM);
    out.number(r.rssiDbm);
    writeStickCrc(r.stickCrc, out);
    for (const key of EXTRAS) {
      if (r[key] === undefined) continue;
      out.fragment(EXTRA_KEY[key]);
      out.value(r[key]);
    }
    out.fragment(CLOSE_BRACE);
  }

  /** `,"ok":true,"meter":{…},"driver":"…","values":{`: the same for every telegram of a meter. */
  private sender(r: DecodedResult): Uint8Array {
    return (
      this.senders.last(r.meter.id, r, sameSender) ??
      this.senders.get(r.meter.id, r, sameSender) ??
      this.senders.set(
        r.meter.id,
        r,
        jsonFragment(`,"ok":true,"meter":${json(r.meter)},"driver":${json(r.driver)},"values":{`),
      )
    );
  }

  private values(values: MeterValues, out: JsonBytes): void {
    let position = 0;
    for (const name of Object.keys(values)) {
      const measurement = values[name]!;
      writeAround(this.measurements.get(position, name, measurement), position === 0, measurement.value, out);
      position++;
    }
  }

  private recordList(records: readonly RecordView[], out: JsonBytes): void {
    for (let i = 0; i < records.length; i++) {
      const record = records[i]!;
      writeAround(this.records.get(i, record.difvif, record), i === 0, record.value, out);
    }
  }
}

/** The JSON of a record or measurement around its value, with the comma before it or without. */
interface Around {
  first: Uint8Array;
  next: Uint8Array;
  after: Uint8Array;
}

function around(before: string, after: string): Around {
  return { first: jsonFragment(before), next: jsonFragment(`,${before}`), after: jsonFragment(after) };
}

/** Keys in the order of `recordView` (record-view.ts). */
function aroundRecord(_difvif: string, record: RecordView): Around {
  const { difvif, quantity, unit, storage, tariff, subunit } = record;
  return around(
    `{"difvif":${json(difvif)},"quantity":${json(quantity)},"unit":${json(unit)},"value":`,
    `,"storage":${json(storage)},"tariff":${json(tariff)},"subunit":${json(subunit)},` +
      `"function":${json(record.function)}}`,
  );
}

/** Keys in the order of `fieldMeasurement` (drivers/fields.ts) and `genericValues` (drivers/generic.ts). */
function aroundMeasurement(name: string, { unit }: Measurement): Around {
  return around(`${json(name)}:{"value":`, `,"unit":${json(unit)}}`);
}

function writeAround(around: Around, first: boolean, value: number | string | null, out: JsonBytes): void {
  out.fragment(first ? around.first : around.next);
  if (typeof value === 'number') out.number(value);
  else if (typeof value === 'string') out.string(value);
  else out.value(value);
  out.fragment(around.after);
}

/** Its keys in the order telegram-input.ts builds them. */
function writeStickCrc(crc: StickCrc | null, out: JsonBytes): void {
  if (crc === null) {
    out.fragment(NO_STICK_CRC);
    return;
  }
  out.fragment(STICK_CRC_EXPECTED);
  out.number(crc.expected);
  out.fragment(STICK_CRC_ACTUAL);
  out.number(crc.actual);
  out.fragment(STICK_CRC_FLAGS[Number(crc.ok) * 2 + Number(crc.enforced)]!);
}

const json = (value: unknown): string => JSON.stringify(value);

const LINE = jsonFragment('{"line":');
const RSSI = jsonFragment('],"rssi":');
const RSSI_DBM = jsonFragment(',"rssiDbm":');
const NO_STICK_CRC = jsonFragment(',"stickCrc":null');
const STICK_CRC_EXPECTED = jsonFragment(',"stickCrc":{"expected":');
const STICK_CRC_ACTUAL = jsonFragment(',"actual":');
/** By ok × 2 + enforced. */
const STICK_CRC_FLAGS = [false, true].flatMap((ok) =>
  [false, true].map((enforced) => jsonFragment(`,"ok":${ok},"enforced":${enforced}}`)),
);
const EXTRAS = ['explain', 'wmbusmeters', 'publish', 'unpublishedReason'] as const;
const EXTRA_KEY = Object.fromEntries(EXTRAS.map((key) => [key, jsonFragment(`,"${key}":`)])) as Record<
  (typeof EXTRAS)[number],
  Uint8Array
>;
const CLOSE_BRACE = jsonFragment('}');

/** Every field of a record view but its value. */
function sameDescription(a: RecordView, b: RecordView): boolean {
  return (
    a.quantity === b.quantity &&
    a.unit === b.unit &&
    a.storage === b.storage &&
    a.tariff === b.tariff &&
    a.subunit === b.subunit &&
    a.function === b.function
  );
}

/** The label is the whole key: nothing else to compare. */
const always = (): boolean => true;

function sameUnit(a: Measurement, b: Measurement): boolean {
  return a.unit === b.unit;
}

function sameSender(a: DecodedResult, b: DecodedResult): boolean {
  const [m, n] = [a.meter, b.meter];
  return (
    a.driver === b.driver &&
    m.manufacturer === n.manufacturer &&
    m.version === n.version &&
    m.type === n.type &&
    m.medium === n.medium
  );
}

/**
 * Fragments by name, each kept with the object it was made from and reused only while `same` holds
 * between that and the new object. Bounded: an input with endless distinct names starts over rather
 * than growing.
 */
class FragmentCache<T, F> {
  private readonly entries = new Map<string, { name: string; made: T; fragment: F }>();
  /** The entry found or made last, tried before the map: the next telegram is most often the same meter's. */
  private recent: { name: string; made: T; fragment: F } | undefined;
  constructor(private readonly max = 1024) {}

  /** The fragment `get` gave or `set` took last, if it is for `name` and `same` holds. */
  last(name: string, object: T, same: (made: T, object: T) => boolean): F | undefined {
    const recent = this.recent;
    return recent !== undefined && recent.name === name && same(recent.made, object)
      ? recent.fragment
      : undefined;
  }

  get(name: string, object: T, same: (made: T, object: T) => boolean): F | undefined {
    const entry = this.entries.get(name);
    if (entry === undefined || !same(entry.made, object)) return undefined;
    this.recent = entry;
    return entry.fragment;
  }

  set(name: string, made: T, fragment: F): F {
    if (this.entries.size >= this.max) this.entries.clear();
    const entry = { name, made, fragment };
    this.entries.set(name, entry);
    this.recent = entry;
    return fragment;
  }
}

/** Lists longer than this (no wM-Bus telegram has so many records) use the cache by name only. */
const MAX_POSITIONS = 64;

/**
 * The fragments around the parts of a list (a telegram's records or values): first the one used last
 * at the same position (a meter's next telegram lists the same parts), else the cache by name.
 */
class ListFragments<T> {
  private readonly byName = new FragmentCache<T, Around>();
  private readonly atPosition: ({ name: string; made: T; fragment: Around } | undefined)[] = [];

  constructor(
    private readonly same: (made: T, object: T) => boolean,
    private readonly make: (name: string, object: T) => Around,
  ) {}

  get(position: number, name: string, object: T): Around {
    const last = this.atPosition[position];
    if (last !== undefined && last.name === name && this.same(last.made, object)) return last.fragment;
    const fragment =
      this.byName.get(name, object, this.same) ?? this.byName.set(name, object, this.make(name, object));
    if (position < MAX_POSITIONS) this.atPosition[position] = { name, made: object, fragment };
    return fragment;
  }
}

/** `before` + a label as a JSON string + `after`, per label (framing, frame kind, encryption: a handful). */
class LabelFragments {
  private readonly fragments = new FragmentCache<string, Uint8Array>();
  constructor(
    private readonly before: string,
    private readonly after: string,
  ) {}

  get(label: string): Uint8Array {
    return (
      this.fragments.last(label, label, always) ??
      this.fragments.get(label, label, always) ??
      this.fragments.set(label, label, jsonFragment(`${this.before}${json(label)}${this.after}`))
    );
  }
}
