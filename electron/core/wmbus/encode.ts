import { aesCtrTransform, KeyCipherCache, writeEllIv } from './aes-ctr';
import { compactDataCrc, COMPACT_HEADER_LENGTH, TPL_CI_COMPACT } from './compact';
import { TPL_CI_LONG } from './application-layer';
import { crc16En13757 } from './crc';
import { CI_ELL_SESSION, ellSessionField } from './ell';
import { compactFormatOf, OMNIPOWER_DIF_VIF } from './format-registry';
import { LINK_HEADER_LENGTH, manufacturerCode } from './link-layer';
import { PAYLOAD_CRC_LENGTH } from './payload';

export { withDllCrcFormatA, withDllCrcFormatB, withLField } from './dll-crc';

/**
 * Builds OmniPower telegrams exactly as the meter sends them (DESIGN §6): for the simulated
 * "virtual stick" and for round-trip tests. Output is the frame from C, like the iM871A delivers.
 */

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
const KAMSTRUP = manufacturerCode('KAM');
const TYPE_ELECTRICITY = 0x02;
/** CC as the OmniPower sends it: synchronised. */
const CC_SYNCHRONISED = 0x20;
const ELL_LENGTH = 6;
const OMNIPOWER_FORMAT = compactFormatOf(OMNIPOWER_DIF_VIF);
const VALUE_BYTES = 4;

function checkInteger(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${name} must be an integer from 0 to ${max}, got ${value}`);
  }
  return value;
}

function readingValues(values: OmniPowerReading): number[] {
  const max = 0x7fffffff; // DIF 0x04 is a signed 32-bit integer (EN 13757-3 type B)
  return [
    checkInteger('aPlusWh10', values.aPlusWh10, max),
    checkInteger('aMinusWh10', values.aMinusWh10, max),
    checkInteger('pPlusW', values.pPlusW, max),
    checkInteger('pMinusW', values.pMinusW, max),
  ];
}

/** TPL-CI and what follows: 0x78 + DIF/VIF records, or 0x79 + signature + data CRC + values. */
function applicationLayer(kind: 'long' | 'compact', values: number[]): Buffer {
  const { layouts, headerOffsets, difVif } = OMNIPOWER_FORMAT;
  if (kind === 'compact') {
    const out = Buffer.alloc(COMPACT_HEADER_LENGTH + values.length * VALUE_BYTES);
    out[0] = TPL_CI_COMPACT;
    out.writeUInt16LE(OMNIPOWER_FORMAT.signature, 1);
    values.forEach((value, i) => out.writeInt32LE(value, COMPACT_HEADER_LENGTH + i * VALUE_BYTES));
    out.writeUInt16LE(compactDataCrc(OMNIPOWER_FORMAT, out, COMPACT_HEADER_LENGTH), 3);
    return out;
  }
  const out = Buffer.alloc(1 + difVif.length + values.length * VALUE_BYTES);
  out[0] = TPL_CI_LONG;
  let at = 1;
  layouts.forEach((layout, i) => {
    const start = headerOffsets[i]!;
    at += difVif.copy(out, at, start, start + layout.headerLength);
    at = out.writeInt32LE(values[i]!, at);
  });
  return out;
}

/** One encrypted OmniPower telegram, from the C field (no L, no data-link CRCs). */
export function encodeOmniPowerTelegram(
  spec: OmniPowerTelegramSpec,
  ciphers = new KeyCipherCache(1),
): Buffer {
  if (!/^[0-9]{8}$/.test(spec.id))
    throw new RangeError(`meter id must be 8 decimal digits, got '${spec.id}'`);
  if (spec.key.length !== 16) throw new RangeError(`AES-128 key must be 16 bytes, got ${spec.key.length}`);
  const values = readingValues(spec.values);
  const app = applicationLayer(spec.kind, values);
  const plainLength = PAYLOAD_CRC_LENGTH + app.length;
  const frame = Buffer.alloc(LINK_HEADER_LENGTH + ELL_LENGTH + plainLength);
  frame[0] = C_SND_NR;
  frame.writeUInt16LE(KAMSTRUP, 1);
  Buffer.from(spec.id, 'hex').reverse().copy(frame, 3); // BCD, least significant byte first
  frame[7] = checkInteger('version', spec.version ?? 0x30, 0xff);
  frame[8] = TYPE_ELECTRICITY;
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
