import { aesCtrTransform, KeyCipherCache, writeEllIv } from './aes-ctr';
import { compactDataCrc, COMPACT_HEADER_LENGTH, TPL_CI_COMPACT } from './compact';
import { TPL_CI_LONG } from './application-layer';
import { crc16En13757 } from './crc';
import { CI_ELL_SESSION, ellSessionField } from './ell';
import { compactFormatOf, OMNIPOWER_DIF_VIF, type CompactFormat } from './format-registry';
import { LINK_HEADER_LENGTH, manufacturerCode } from './link-layer';
import { PAYLOAD_CRC_LENGTH } from './payload';
import type { RecordLayout } from './records';

export { withDllCrcFormatA, withDllCrcFormatB, withLField } from './dll-crc';

/**
 * Builds telegrams exactly as Kamstrup meters send them (EN 13757-4 ELL CI 0x8D with AES-128-CTR,
 * then EN 13757-3 records): for the simulated "virtual stick" and for round-trip tests. Output is
 * the frame from C, like the iM871A delivers.
 */

/** Who sends the telegram and how it is encrypted: the link header and the ELL. */
export interface EllTelegramSpec {
  /** FLAG code, default 'KAM'. */
  manufacturer?: string;
  /** 8-digit meter number, e.g. '32666857'. */
  id: string;
  /** AES-128 key, 16 bytes. */
  key: Buffer;
  version: number;
  /** Device type byte, e.g. 0x02 electricity, 0x16 cold water. */
  type: number;
  /** 0–255; the meter increments it per telegram. */
  accessNumber: number;
  /** 0–15. */
  sessionNumber?: number;
  /** 0–2^25-1. */
  minuteCounter?: number;
}

/** Raw register values, as the meter holds them. */
export interface OmniPowerReading {
  /** A+ in units of 10 Wh. */
  aPlusWh10: number;
  /** A- in units of 10 Wh. */
  aMinusWh10: number;
  /** P+ in W. */
  pPlusW: number;
  /** P- in W. */
  pMinusW: number;
}

export interface OmniPowerTelegramSpec {
  /** 8-digit meter number, e.g. '32666857'. */
  id: string;
  /** AES-128 key, 16 bytes. */
  key: Buffer;
  version?: number;
  /** 0–255; the meter increments it per telegram. */
  accessNumber: number;
  /** 0–15. */
  sessionNumber?: number;
  /** 0–2^25-1. */
  minuteCounter?: number;
  kind: 'long' | 'compact';
  values: OmniPowerReading;
}

const C_SND_NR = 0x44;
const TYPE_ELECTRICITY = 0x02;
/** CC as Kamstrup meters send it: synchronised. */
const CC_SYNCHRONISED = 0x20;
const ELL_LENGTH = 6;
const OMNIPOWER_FORMAT = compactFormatOf(OMNIPOWER_DIF_VIF);

function checkInteger(name: string, value: number, max: number, min = 0): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/**
 * Writes one value in the layout's integer data field (EN 13757-3 type B, little-endian), as a
 * signed value or as the unsigned bit pattern of a register (a 16-bit status 0x8071).
 */
function writeRecordValue(
  out: Buffer,
  at: number,
  layout: RecordLayout,
  value: number,
  index: number,
): number {
  const length = layout.dataLength;
  if (![1, 2, 3, 4, 6].includes(length) || layout.dataField > 0x07 || layout.dataField === 0x05) {
    throw new RangeError(`record ${index}: only 8- to 48-bit integer data fields can be encoded`);
  }
  checkInteger(`value ${index}`, value, 2 ** (8 * length) - 1, -(2 ** (8 * length - 1)));
  if (value >= 2 ** (8 * length - 1)) out.writeUIntLE(value, at, length);
  else out.writeIntLE(value, at, length);
  return at + length;
}

/**
 * TPL-CI and what follows for records of `format` holding `values` (one per record): 0x78 + each
 * record's DIF/VIF and data, or 0x79 + format signature + data CRC + the data alone.
 */
export function encodeApplicationLayer(
  format: CompactFormat,
  kind: 'long' | 'compact',
  values: readonly number[],
): Buffer {
  const { layouts, headerOffsets, difVif, dataLength } = format;
  if (values.length !== layouts.length) {
    throw new RangeError(`the format has ${layouts.length} records, got ${values.length} values`);
  }
  if (kind === 'compact') {
    const out = Buffer.alloc(COMPACT_HEADER_LENGTH + dataLength);
    out[0] = TPL_CI_COMPACT;
    out.writeUInt16LE(format.signature, 1);
    let at = COMPACT_HEADER_LENGTH;
    layouts.forEach((layout, i) => (at = writeRecordValue(out, at, layout, values[i]!, i)));
    out.writeUInt16LE(compactDataCrc(format, out, COMPACT_HEADER_LENGTH), 3);
    return out;
  }
  const out = Buffer.alloc(1 + difVif.length + dataLength);
  out[0] = TPL_CI_LONG;
  let at = 1;
  layouts.forEach((layout, i) => {
    const start = headerOffsets[i]!;
    at += difVif.copy(out, at, start, start + layout.headerLength);
    at = writeRecordValue(out, at, layout, values[i]!, i);
  });
  return out;
}

/** One telegram: link header, ELL II with AES-128-CTR, payload CRC, then `app` (TPL-CI on), encrypted. */
export function encodeEllTelegram(
  spec: EllTelegramSpec,
  app: Buffer,
  ciphers = new KeyCipherCache(1),
): Buffer {
  if (!/^[0-9]{8}$/.test(spec.id))
    throw new RangeError(`meter id must be 8 decimal digits, got '${spec.id}'`);
  if (spec.key.length !== 16) throw new RangeError(`AES-128 key must be 16 bytes, got ${spec.key.length}`);
  const plainLength = PAYLOAD_CRC_LENGTH + app.length;
  const frame = Buffer.alloc(LINK_HEADER_LENGTH + ELL_LENGTH + plainLength);
  frame[0] = C_SND_NR;
  frame.writeUInt16LE(manufacturerCode(spec.manufacturer ?? 'KAM'), 1);
  Buffer.from(spec.id, 'hex').reverse().copy(frame, 3); // BCD, least significant byte first
  frame[7] = checkInteger('version', spec.version, 0xff);
  frame[8] = checkInteger('type', spec.type, 0xff);
  frame[9] = CI_ELL_SESSION;
  frame[10] = CC_SYNCHRONISED;
  frame[11] = checkInteger('accessNumber', spec.accessNumber, 0xff);
  const session = checkInteger('sessionNumber', spec.sessionNumber ?? 0, 0x0f);
  const minutes = checkInteger('minuteCounter', spec.minuteCounter ?? 0, 0x1ffffff);
  frame.writeUInt32LE(ellSessionField('aes-ctr', minutes, session), 12);
  const plainAt = LINK_HEADER_LENGTH + ELL_LENGTH;
  app.copy(frame, plainAt + PAYLOAD_CRC_LENGTH);
  frame.writeUInt16LE(crc16En13757(app), plainAt);
  const cipher = ciphers.cipherFor(spec.id, spec.key);
  const iv = writeEllIv(ciphers.iv, frame, LINK_HEADER_LENGTH);
  aesCtrTransform(cipher, iv, frame, plainAt, frame.length, ciphers.counterBlocks).copy(frame, plainAt);
  return frame;
}

/** One encrypted OmniPower telegram, from the C field (no L, no data-link CRCs). */
export function encodeOmniPowerTelegram(
  spec: OmniPowerTelegramSpec,
  ciphers = new KeyCipherCache(1),
): Buffer {
  const max = 0x7fffffff; // DIF 0x04 is a signed 32-bit integer (EN 13757-3 type B)
  const { values } = spec;
  const registers = [
    checkInteger('aPlusWh10', values.aPlusWh10, max),
    checkInteger('aMinusWh10', values.aMinusWh10, max),
    checkInteger('pPlusW', values.pPlusW, max),
    checkInteger('pMinusW', values.pMinusW, max),
  ];
  const app = encodeApplicationLayer(OMNIPOWER_FORMAT, spec.kind, registers);
  return encodeEllTelegram({ ...spec, version: spec.version ?? 0x30, type: TYPE_ELECTRICITY }, app, ciphers);
}
