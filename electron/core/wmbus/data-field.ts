/**
 * The data field (low nibble of the DIF) and how its bytes encode a value, EN 13757-3 §6.3.2
 * Table 4 and Annex A (data types A = BCD, B = signed binary, F/G/I/J = date/time, H = real).
 */

export type RawValue = number | bigint | string | null;

/** Fixed data lengths per data field; -1 = variable length (LVAR byte first). */
export const DATA_FIELD_LENGTH: readonly number[] = [0, 1, 2, 3, 4, 4, 6, 8, 0, 1, 2, 3, 4, -1, 6, 0];

const DATA_FIELD_NAMES: readonly string[] = [
  'no data',
  '8-bit integer',
  '16-bit integer',
  '24-bit integer',
  '32-bit integer',
  '32-bit real',
  '48-bit integer',
  '64-bit integer',
  'selection for readout',
  '2-digit BCD',
  '4-digit BCD',
  '6-digit BCD',
  '8-digit BCD',
  'variable length',
  '12-digit BCD',
  'special function',
];

export function dataFieldName(dataField: number): string {
  return DATA_FIELD_NAMES[dataField & 0x0f] as string;
}

export function isBcdField(dataField: number): boolean {
  return dataField >= 0x09 && dataField <= 0x0c ? true : dataField === 0x0e;
}

/** Signed little-endian integer of 1–8 bytes (type B); 64-bit values beyond 2^53 stay bigint. */
export function readSignedLE(buf: Uint8Array, pos: number, length: number): number | bigint {
  if (length === 4) return buf[pos]! | (buf[pos + 1]! << 8) | (buf[pos + 2]! << 16) | (buf[pos + 3]! << 24);
  if (length === 8) {
    let big = 0n;
    for (let i = 7; i >= 0; i--) big = (big << 8n) | BigInt(buf[pos + i]!);
    big = BigInt.asIntN(64, big);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(big)
      : big;
  }
  let value = 0;
  for (let i = length - 1; i >= 0; i--) value = value * 256 + buf[pos + i]!;
  const limit = 2 ** (8 * length - 1);
  return value >= limit ? value - 2 * limit : value;
}

/** Unsigned little-endian integer of up to 6 bytes (date/time types are bit fields, never signed). */
export function readUnsignedLE(buf: Uint8Array, pos: number, length: number): number {
  let value = 0;
  for (let i = length - 1; i >= 0; i--) value = value * 256 + buf[pos + i]!;
  return value;
}

/**
 * BCD, least significant byte first (type A). A top nibble of 0xF means negative. Returns a number,
 * or the digits as a hex string when a nibble is not a decimal digit (the meter flags an error so).
 */
export function readBcd(buf: Uint8Array, pos: number, length: number): number | string {
  let value = 0;
  let negative = false;
  for (let i = length - 1; i >= 0; i--) {
    const byte = buf[pos + i]!;
    let high = byte >>> 4;
    const low = byte & 0x0f;
    if (i === length - 1 && high === 0x0f) {
      negative = true;
      high = 0;
    }
    if (high > 9 || low > 9) return bcdHex(buf, pos, length);
    value = value * 100 + high * 10 + low;
  }
  return negative ? -value : value;
}

function bcdHex(buf: Uint8Array, pos: number, length: number): string {
  let text = '';
  for (let i = length - 1; i >= 0; i--) text += buf[pos + i]!.toString(16).padStart(2, '0');
  return text;
}

/** Decodes fixed-length data of a DIF data field (not 0x0D, not special functions). */
export function readFixedValue(buf: Uint8Array, pos: number, dataField: number, length: number): RawValue {
  if (length === 0) return null;
  if (dataField === 0x05) {
    return new DataView(buf.buffer, buf.byteOffset, buf.byteLength).getFloat32(pos, true);
  }
  if (isBcdField(dataField)) return readBcd(buf, pos, length);
  return readSignedLE(buf, pos, length);
}

export interface VariableData {
  /** Bytes of the value after the LVAR byte. */
  length: number;
  raw: RawValue;
}

/**
 * Variable-length data (DIF 0x0D): LVAR 0x00–0xBF = text of LVAR characters (sent last character
 * first), 0xC0–0xC9 = positive BCD, 0xD0–0xD9 = negative BCD, 0xE0–0xEF = binary number of
 * LVAR-0xE0 bytes. Returns undefined for LVAR codes whose length we cannot know.
 */
export function readVariableValue(
  buf: Uint8Array,
  pos: number,
  lvar: number,
  end: number,
): VariableData | undefined {
  let length: number;
  if (lvar <= 0xbf) length = lvar;
  else if (lvar >= 0xc0 && lvar <= 0xc9) length = lvar - 0xc0;
  else if (lvar >= 0xd0 && lvar <= 0xd9) length = lvar - 0xd0;
  else if (lvar >= 0xe0 && lvar <= 0xef) length = lvar - 0xe0;
  else return undefined;
  if (pos + length > end) return { length, raw: null };
  if (lvar <= 0xbf) {
    let text = '';
    for (let i = length - 1; i >= 0; i--) text += String.fromCharCode(buf[pos + i]!);
    return { length, raw: text };
  }
  if (lvar <= 0xd9) {
    const bcd = readBcd(buf, pos, length);
    return { length, raw: lvar >= 0xd0 && typeof bcd === 'number' ? -bcd : bcd };
  }
  return { length, raw: length <= 6 ? readUnsignedLE(buf, pos, length) : bcdHex(buf, pos, length) };
}

const two = (n: number): string => (n < 10 ? `0${n}` : String(n));
/** Two-digit years: 81–99 are 19xx, the rest 20xx (as libmbus does). */
const fullYear = (year: number): number => (year > 80 && year < 100 ? 1900 + year : 2000 + year);

/**
 * Date/time types: G (2 bytes, date), J (3 bytes, time), F (4 bytes, date and minute), I (6 bytes,
 * date and second). Returns ISO-like text, or null when the meter flags the value invalid.
 */
export function formatDateTime(buf: Uint8Array, pos: number, length: number): string | null {
  if (length === 2) {
    const b0 = buf[pos]!;
    const b1 = buf[pos + 1]!;
    const year = fullYear(((b0 & 0xe0) >>> 5) | ((b1 & 0xf0) >>> 1));
    return `${year}-${two(b1 & 0x0f)}-${two(b0 & 0x1f)}`;
  }
  if (length === 3)
    return `${two(buf[pos + 2]! & 0x1f)}:${two(buf[pos + 1]! & 0x3f)}:${two(buf[pos]! & 0x3f)}`;
  if (length === 4 || length === 6) {
    const shift = length === 6 ? 1 : 0;
    const seconds = length === 6 ? `:${two(buf[pos]! & 0x3f)}` : '';
    const minuteByte = buf[pos + shift]!;
    if ((minuteByte & 0x80) !== 0) return null;
    const hour = buf[pos + shift + 1]! & 0x1f;
    const b2 = buf[pos + shift + 2]!;
    const b3 = buf[pos + shift + 3]!;
    const year = fullYear(((b2 & 0xe0) >>> 5) | ((b3 & 0xf0) >>> 1));
    return `${year}-${two(b3 & 0x0f)}-${two(b2 & 0x1f)}T${two(hour)}:${two(minuteByte & 0x3f)}${seconds}`;
  }
  return null;
}
