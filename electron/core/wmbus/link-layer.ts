import { deviceTypeName } from './device-types';
import { FrameFormatError } from './errors';
import { HEX_BYTE } from './hex';

/** Who sent a telegram: what a technician needs to recognise the meter. */
export interface MeterIdentity {
  /** The 8-digit meter number as printed on the meter (BCD address, most significant digit first). */
  id: string;
  /** Three-letter manufacturer code (FLAG id), e.g. 'KAM' for Kamstrup. */
  manufacturer: string;
  version: number;
  /** Device type byte; see `medium` for its name. */
  type: number;
  medium: string;
}

/** The wM-Bus link-layer header, EN 13757-4 §5.3 / EN 13757-3 §5: C | M(2) | A(4) | version | type | CI. */
export interface LinkHeader extends MeterIdentity {
  c: number;
  manufacturerCode: number;
  ci: number;
}

/** Bytes from the C field through the CI field. */
export const LINK_HEADER_LENGTH = 10;
export const OFFSET_C = 0;
export const OFFSET_M = 1;
export const OFFSET_A = 3;
export const OFFSET_VERSION = 7;
export const OFFSET_TYPE = 8;
export const OFFSET_CI = 9;

/**
 * Three letters packed as 5-bit values (letter - 64) into 15 bits, EN 13757-3 §5.6 / the DLMS UA
 * FLAG registry: 'KAM' = 0x2C2D.
 */
export function manufacturerLetters(code: number): string {
  return String.fromCharCode(((code >>> 10) & 0x1f) + 64, ((code >>> 5) & 0x1f) + 64, (code & 0x1f) + 64);
}

/** Inverse of {@link manufacturerLetters}: 'KAM' → 0x2C2D. Throws RangeError for anything but A–Z × 3. */
export function manufacturerCode(letters: string): number {
  if (!/^[A-Z]{3}$/.test(letters))
    throw new RangeError(`manufacturer code must be three letters A-Z, got '${letters}'`);
  let code = 0;
  for (let i = 0; i < 3; i++) code = (code << 5) | (letters.charCodeAt(i) - 64);
  return code;
}

/**
 * The meter number from the 4-byte address field: BCD, least significant byte first, so the bytes
 * 57 68 66 32 read as "32666857". Non-BCD nibbles are kept as hex digits rather than rejected:
 * they identify the sender just as well and other tools print them the same way.
 */
export function meterIdFromAddress(frame: Uint8Array, offset = OFFSET_A): string {
  return (
    (HEX_BYTE[frame[offset + 3]!] as string) +
    HEX_BYTE[frame[offset + 2]!] +
    HEX_BYTE[frame[offset + 1]!] +
    HEX_BYTE[frame[offset]!]
  );
}

/** Parses the header of a frame given from the C field (no L field, no data-link CRCs). */
export function parseLinkHeader(frameFromC: Uint8Array): LinkHeader {
  if (frameFromC.length < LINK_HEADER_LENGTH) {
    throw new FrameFormatError(
      `Frame too short: ${frameFromC.length} bytes, but the wM-Bus header (C, manufacturer, address, ` +
        `version, device type, CI) needs ${LINK_HEADER_LENGTH}; the frame ends at offset ${frameFromC.length}.`,
      { offset: frameFromC.length },
    );
  }
  const manufacturer = frameFromC[OFFSET_M]! | (frameFromC[OFFSET_M + 1]! << 8);
  const type = frameFromC[OFFSET_TYPE]!;
  return {
    c: frameFromC[OFFSET_C]!,
    manufacturerCode: manufacturer,
    manufacturer: manufacturerLetters(manufacturer),
    id: meterIdFromAddress(frameFromC),
    version: frameFromC[OFFSET_VERSION]!,
    type,
    medium: deviceTypeName(type),
    ci: frameFromC[OFFSET_CI]!,
  };
}

/** The identity part of a header, without the link-control fields. */
export function meterIdentityOf(header: LinkHeader): MeterIdentity {
  return {
    id: header.id,
    manufacturer: header.manufacturer,
    version: header.version,
    type: header.type,
    medium: header.medium,
  };
}

/** Names of the C field values seen from meters (EN 13757-4 Table 10). */
export function cFieldMeaning(c: number): string {
  switch (c) {
    case 0x44:
      return 'SND_NR: meter sends data, no reply expected';
    case 0x46:
      return 'SND_IR: installation request';
    case 0x47:
      return 'ACC_NR: meter sends no data, access only';
    case 0x48:
      return 'ACC_DMD: access demand';
    case 0x08:
      return 'RSP_UD: response with user data';
    default:
      return 'unusual C field for a meter telegram';
  }
}
