import crypto from 'node:crypto';
import { crc16En13757 } from '../crc';
import { manufacturerCode } from '../link-layer';

/**
 * Builds wM-Bus telegrams from the rules, for tests: data records per EN 13757-3 §6 (DIF, DIFEs,
 * VIF, VIFEs, data), the link header (EN 13757-4), an optional extended link layer, the TPL header
 * (CI 0x78 none, 0x7A short, 0x72 long) with its configuration field, and security mode 5 (AES-128-CBC,
 * EN 13757-7). Written from the standard, not from the decoder, and encrypting with Node's own
 * AES-CBC/CTR, so a round trip checks the decoder against an independent reading. Output: the frame
 * from the C field, as the iM871A delivers it.
 */

export type FunctionName = 'instantaneous' | 'maximum' | 'minimum' | 'error';
const FUNCTIONS: readonly FunctionName[] = ['instantaneous', 'maximum', 'minimum', 'error'];
const MAX_EXTENSIONS = 10;
const BLOCK = 16;
export const IDLE_FILLER = 0x2f;

export interface DataInformation {
  /** DIF bits 3-0: 0 no data, 1-4, 6, 7 integers of 1-4, 6, 8 bytes, 5 real, 9-C and E BCD, D variable. */
  dataField: number;
  function?: FunctionName;
  storage?: number;
  tariff?: number;
  subunit?: number;
}

/** DIF, then as many DIFEs as storage, tariff and sub-unit need (each: 4 storage, 2 tariff, 1 sub-unit bits). */
export function encodeDib(info: DataInformation): number[] {
  let storage = info.storage ?? 0;
  let tariff = info.tariff ?? 0;
  let subunit = info.subunit ?? 0;
  const dif =
    (info.dataField & 0x0f) |
    (FUNCTIONS.indexOf(info.function ?? 'instantaneous') << 4) |
    ((storage & 1) << 6);
  storage = Math.floor(storage / 2);
  const difes: number[] = [];
  while (storage > 0 || tariff > 0 || subunit > 0) {
    difes.push((storage % 16) | ((tariff % 4) << 4) | ((subunit % 2) << 6));
    storage = Math.floor(storage / 16);
    tariff = Math.floor(tariff / 4);
    subunit = Math.floor(subunit / 2);
  }
  if (difes.length > MAX_EXTENSIONS) throw new RangeError('storage/tariff/subunit need more than 10 DIFEs');
  return withExtensionBits(dif, difes);
}

/** VIF, then the VIFEs (7-bit codes); the extension bits (bit 7) are set here. */
export function encodeVib(vif: number, vifes: readonly number[] = []): number[] {
  return withExtensionBits(vif, vifes);
}

function withExtensionBits(first: number, rest: readonly number[]): number[] {
  const bytes = [first, ...rest.map((b) => b & 0x7f)];
  for (let i = 0; i < bytes.length - 1; i++) bytes[i] = bytes[i]! | 0x80;
  if (rest.length === 0) bytes[0] = first & 0x7f;
  return bytes;
}

/** Variable-length data (DIF data field 0xD): LVAR then the bytes as sent. */
export interface VariableData {
  lvar: number;
  bytes: Uint8Array;
}
export type DataValue = number | bigint | string | VariableData | null;

const FIXED_LENGTH = [0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, -1, 6, 0];

/** The data bytes for a data field: two's-complement LE integers, float32 LE, BCD, or variable. */
export function encodeData(dataField: number, value: DataValue): number[] {
  const length = FIXED_LENGTH[dataField & 0x0f]!;
  if (dataField === 0x0d) return encodeVariable(value);
  if (length === 0 || value === null) return [];
  if (dataField === 0x05) {
    const out = Buffer.alloc(4);
    out.writeFloatLE(Number(value));
    return [...out];
  }
  if (dataField >= 0x09) return encodeBcd(Number(value), length);
  let v = BigInt(value as number | bigint);
  const bytes: number[] = [];
  for (let i = 0; i < length; i++) {
    bytes.push(Number(v & 0xffn));
    v >>= 8n;
  }
  return bytes;
}

/** BCD, least significant byte first; a negative value has 0xF as its top nibble (EN 13757-3 Annex A). */
function encodeBcd(value: number, length: number): number[] {
  const magnitude = String(Math.abs(value));
  if (magnitude.length > length * 2 - (value < 0 ? 1 : 0)) {
    throw new RangeError(`${value} does not fit ${length} BCD bytes`);
  }
  const digits = magnitude.padStart(length * 2, '0');
  const bytes: number[] = [];
  for (let i = 0; i < length; i++) {
    const at = digits.length - 2 * (i + 1);
    bytes.push(Number.parseInt(digits.slice(at, at + 2), 16));
  }
  if (value < 0) bytes[length - 1] = bytes[length - 1]! | 0xf0;
  return bytes;
}

/** Text is sent last character first, LVAR = its length (0x00-0xBF). */
function encodeVariable(value: DataValue): number[] {
  if (typeof value === 'string') {
    return [value.length, ...[...value].reverse().map((ch) => ch.charCodeAt(0))];
  }
  if (value === null || typeof value !== 'object')
    throw new RangeError('variable-length data needs text or {lvar, bytes}');
  return [value.lvar, ...value.bytes];
}

export interface RecordSpec extends DataInformation {
  vif: number;
  vifes?: readonly number[];
  value?: DataValue;
}

/** One data record: DIB, VIB, data. */
export function encodeRecord(spec: RecordSpec): Buffer {
  return Buffer.from([
    ...encodeDib(spec),
    ...encodeVib(spec.vif, spec.vifes),
    ...encodeData(spec.dataField, spec.value ?? null),
  ]);
}

export function encodeRecords(specs: readonly RecordSpec[]): Buffer {
  return Buffer.concat(specs.map(encodeRecord));
}

/** DIF 0x0F (or 0x1F: more records follow in the next telegram) and manufacturer data to the end. */
export function manufacturerData(bytes: Uint8Array, moreRecordsFollow = false): Buffer {
  return Buffer.from([moreRecordsFollow ? 0x1f : 0x0f, ...bytes]);
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Type G (2 bytes): day, month and a two-digit year split across both bytes. Encode with data field 2. */
export function dateG({ year, month, day }: CalendarDate): number {
  const yy = year % 100;
  return (day & 0x1f) | ((yy & 0x07) << 5) | ((month & 0x0f) << 8) | ((yy >> 3) << 12);
}

/** Type F (4 bytes): minute, hour, then a type G date. Encode with data field 4. */
export function dateTimeF(date: CalendarDate & { hour: number; minute: number }): number {
  return ((date.minute & 0x3f) | ((date.hour & 0x1f) << 8) | (dateG(date) << 16)) >>> 0;
}

// ---- telegram ----

export interface MeterAddress {
  /** Three letters, e.g. 'ELS'. */
  manufacturer: string;
  /** Eight BCD digits, most significant first, e.g. '12345678'. */
  id: string;
  version: number;
  type: number;
}

export interface TplSpec {
  header: 'none' | 'short' | 'long';
  accessNumber?: number;
  status?: number;
  /** CW bits other than mode and block count: 0x8000 bidirectional, 0x4000 accessible, 0x2000 synchronous, … */
  flags?: number;
  /** Long header: the meter the data belongs to (default: the link-layer meter). */
  meter?: MeterAddress;
}

export interface Mode5Spec {
  key: Buffer;
  /** Bytes after the encrypted blocks, sent in clear (partial encryption). */
  plaintextTail?: Uint8Array;
}

export interface EllSpec {
  /** 0x8C: CC, ACC. 0x8D: CC, ACC, SN, payload CRC, and AES-128-CTR when a key is given. */
  ci: 0x8c | 0x8d;
  cc?: number;
  accessNumber: number;
  key?: Buffer;
  minuteCounter?: number;
  sessionNumber?: number;
}

export interface OmsTelegramSpec {
  /** Default 0x44 (SND-NR). */
  c?: number;
  meter: MeterAddress;
  ell?: EllSpec;
  tpl: TplSpec;
  /** The data records (for mode 5: what gets encrypted, behind 2F 2F and filled to whole blocks with 2F). */
  records: Uint8Array;
  mode5?: Mode5Spec;
}

const TPL_CI = { none: 0x78, short: 0x7a, long: 0x72 } as const;

/** M(2) | A(4) | version | type, as on air: the link header's and the long TPL header's identity. */
function addressBytes(meter: MeterAddress): Buffer {
  if (!/^[0-9]{8}$/.test(meter.id)) throw new RangeError(`meter id must be 8 digits, got '${meter.id}'`);
  const out = Buffer.alloc(8);
  out.writeUInt16LE(manufacturerCode(meter.manufacturer), 0);
  Buffer.from(meter.id, 'hex').reverse().copy(out, 2);
  out[6] = meter.version;
  out[7] = meter.type;
  return out;
}

/** Records to encrypt in mode 5: 2F 2F first, 2F fill to a whole number of blocks. */
function mode5Plaintext(records: Uint8Array): Buffer {
  const length = Math.ceil((records.length + 2) / BLOCK) * BLOCK;
  const out = Buffer.alloc(length, IDLE_FILLER);
  Buffer.from(records).copy(out, 2);
  return out;
}

function transportLayer(spec: OmsTelegramSpec): Buffer {
  const { tpl } = spec;
  const body = spec.mode5 === undefined ? Buffer.from(spec.records) : mode5Plaintext(spec.records);
  if (tpl.header === 'none') {
    if (spec.mode5 !== undefined) throw new RangeError('security mode 5 needs a TPL header');
    return Buffer.concat([Buffer.from([TPL_CI.none]), body]);
  }
  const tplMeter = tpl.meter ?? spec.meter;
  const blocks = body.length / BLOCK;
  if (spec.mode5 !== undefined && blocks > 15) throw new RangeError('mode 5 carries at most 15 blocks');
  const cw = (tpl.flags ?? 0) | (spec.mode5 === undefined ? 0 : (5 << 8) | (blocks << 4));
  const acc = tpl.accessNumber ?? 0;
  const head = Buffer.from([acc, tpl.status ?? 0, cw & 0xff, cw >>> 8]);
  let long = Buffer.alloc(0);
  if (tpl.header === 'long') {
    const address = addressBytes(tplMeter); // ID comes before M in the long header
    long = Buffer.concat([address.subarray(2, 6), address.subarray(0, 2), address.subarray(6, 8)]);
  }
  let payload = body;
  if (spec.mode5 !== undefined) {
    const iv = Buffer.concat([
      addressBytes(tpl.header === 'long' ? tplMeter : spec.meter),
      Buffer.alloc(8, acc),
    ]);
    const cipher = crypto.createCipheriv('aes-128-cbc', spec.mode5.key, iv);
    cipher.setAutoPadding(false);
    payload = Buffer.concat([
      cipher.update(body),
      cipher.final(),
      Buffer.from(spec.mode5.plaintextTail ?? []),
    ]);
  }
  return Buffer.concat([Buffer.from([TPL_CI[tpl.header]]), long, head, payload]);
}

function extendedLinkLayer(ell: EllSpec, linkAddress: Buffer, app: Buffer): Buffer {
  const cc = ell.cc ?? 0x20;
  if (ell.ci === 0x8c) return Buffer.concat([Buffer.from([cc, ell.accessNumber]), app]);
  const encrypt = ell.key !== undefined;
  const sn = Buffer.alloc(4);
  const minutes = ell.minuteCounter ?? 0;
  sn.writeUInt32LE(
    (((encrypt ? 1 : 0) << 29) | ((minutes & 0x1ffffff) << 4) | ((ell.sessionNumber ?? 0) & 0x0f)) >>> 0,
  );
  const crc = Buffer.alloc(2);
  crc.writeUInt16LE(crc16En13757(app));
  let payload = Buffer.concat([crc, app]);
  if (ell.key !== undefined) {
    // IV: M, A, version, type, CC, SN, frame number 00 00, block counter 00 (EN 13757-4 ELL).
    const iv = Buffer.concat([linkAddress, Buffer.from([cc]), sn, Buffer.alloc(3)]);
    const cipher = crypto.createCipheriv('aes-128-ctr', ell.key, iv);
    payload = Buffer.concat([cipher.update(payload), cipher.final()]);
  }
  return Buffer.concat([Buffer.from([cc, ell.accessNumber]), sn, payload]);
}

/** A whole telegram from the C field. */
export function encodeOmsTelegram(spec: OmsTelegramSpec): Buffer {
  const address = addressBytes(spec.meter);
  const app = transportLayer(spec);
  const link = Buffer.concat([Buffer.from([spec.c ?? 0x44]), address]);
  if (spec.ell === undefined) return Buffer.concat([link, app]);
  return Buffer.concat([link, Buffer.from([spec.ell.ci]), extendedLinkLayer(spec.ell, address, app)]);
}
