import { deviceTypeName } from './device-types';
import { FrameFormatError, UnsupportedError } from './errors';
import { hexByte } from './hex';
import { manufacturerLetters, meterIdFromAddress, type MeterIdentity } from './link-layer';

/**
 * The transport-layer (TPL) header in front of data records, EN 13757-7:2018 clause 7:
 * - CI 0x7A, short: ACC | STS | CW(2, LE)
 * - CI 0x72, long:  ID(4) | M(2) | version | type | ACC | STS | CW(2, LE); it names the meter the data
 *   belongs to, which may differ from the link-layer sender (a radio converter, a repeater).
 * CW, the configuration field (clause 7.5.8, Tables 18 and 19): bits 12-8 security mode; in modes 0
 * and 5 bit 15 bidirectional, 14 accessibility, 13 synchronous, 7-4 number of encrypted 16-byte
 * blocks, 3-2 content of message, 1 repeated access, 0 hop counter.
 */

export const TPL_CI_SHORT_HEADER = 0x7a;
export const TPL_CI_LONG_HEADER = 0x72;
/** Bytes after the CI. */
export const SHORT_HEADER_LENGTH = 4;
export const LONG_HEADER_LENGTH = 12;

export interface TplHeader {
  ci: number;
  /** Header bytes after the CI. */
  length: number;
  /** The long header's meter (whose M, A, version and type make the mode-5 IV); null for 0x7A. */
  meter: MeterIdentity | null;
  accessNumber: number;
  status: number;
  configuration: number;
  securityMode: number;
  /** CW bits 7-4: 16-byte blocks encrypted right after the header (mode 5); the rest is plaintext. */
  encryptedBlocks: number;
}

export const SECURITY_MODE_NONE = 0;
/** AES-128-CBC, IV from M, A and the access number (OMS security profile A). */
export const SECURITY_MODE_AES_CBC = 5;

/** Header length after the CI, or undefined when `ci` is not a TPL header CI. */
export function tplHeaderLength(ci: number): number | undefined {
  if (ci === TPL_CI_SHORT_HEADER) return SHORT_HEADER_LENGTH;
  if (ci === TPL_CI_LONG_HEADER) return LONG_HEADER_LENGTH;
  return undefined;
}

/** Reads the 0x7A/0x72 header whose CI is plain[tplIndex]; plain[0] is at frame offset `plainOffset`. */
export function readTplHeader(plain: Uint8Array, tplIndex: number, plainOffset: number): TplHeader {
  const ci = plain[tplIndex]!;
  const length = tplHeaderLength(ci);
  if (length === undefined) throw new RangeError(`CI ${hexByte(ci)} has no TPL header`);
  if (tplIndex + length >= plain.length) {
    throw new FrameFormatError(
      `Frame ends at offset ${plainOffset + plain.length}, inside the ${length}-byte TPL header at offset ` +
        `${plainOffset + tplIndex + 1}.`,
      { offset: plainOffset + plain.length },
    );
  }
  const at = tplIndex + 1 + length - SHORT_HEADER_LENGTH; // ACC
  const configuration = plain[at + 2]! | (plain[at + 3]! << 8);
  return {
    ci,
    length,
    meter: ci === TPL_CI_LONG_HEADER ? longHeaderMeter(plain, tplIndex + 1) : null,
    accessNumber: plain[at]!,
    status: plain[at + 1]!,
    configuration,
    securityMode: (configuration >>> 8) & 0x1f,
    encryptedBlocks: (configuration >>> 4) & 0x0f,
  };
}

function longHeaderMeter(plain: Uint8Array, at: number): MeterIdentity {
  const type = plain[at + 7]!;
  return {
    id: meterIdFromAddress(plain, at),
    manufacturer: manufacturerLetters(plain[at + 4]! | (plain[at + 5]! << 8)),
    version: plain[at + 6]!,
    type,
    medium: deviceTypeName(type),
  };
}

/** Frame offset of the CW's high byte, which holds the security mode. */
export function securityModeOffset(header: TplHeader, tplIndex: number, plainOffset: number): number {
  return plainOffset + tplIndex + header.length;
}

/** Throws UnsupportedError for security modes other than 0 (none) and 5 (AES-128-CBC). */
export function checkSecurityMode(header: TplHeader, tplIndex: number, plainOffset: number): void {
  const mode = header.securityMode;
  if (mode === SECURITY_MODE_NONE || mode === SECURITY_MODE_AES_CBC) return;
  const offset = securityModeOffset(header, tplIndex, plainOffset);
  throw new UnsupportedError(
    `The TPL configuration field at offset ${offset - 1} announces security mode ${mode} ` +
      `(${securityModeName(mode)}); supported are 0 (none), 5 (AES-128-CBC) and ELL AES-128-CTR.`,
    { offset },
  );
}

/** Names of the security modes, EN 13757-7:2018 Table 19. */
export function securityModeName(mode: number): string {
  const names: Record<number, string> = {
    0: 'no encryption',
    1: 'manufacturer specific',
    2: 'DES-CBC, IV zero',
    3: 'DES-CBC, IV non-zero',
    4: 'specific usage',
    5: 'AES-128-CBC, IV non-zero',
    7: 'AES-128-CBC, IV zero, dynamic key',
    8: 'AES-128-CTR with CMAC',
    9: 'AES-128-GCM',
    10: 'AES-128-CCM',
    13: 'specific usage (TLS)',
    15: 'specific usage',
  };
  return names[mode] ?? 'reserved';
}

/** The CW in words, for the inspector. */
export function describeConfiguration(header: TplHeader): string {
  const cw = header.configuration;
  const parts = [`security mode ${header.securityMode} (${securityModeName(header.securityMode)})`];
  if (header.securityMode === SECURITY_MODE_AES_CBC) {
    const n = header.encryptedBlocks;
    parts.push(`${n} encrypted block${n === 1 ? '' : 's'} (${n * 16} bytes)`);
  }
  const flags: [number, string][] = [
    [0x8000, 'bidirectional'],
    [0x4000, 'accessible'],
    [0x2000, 'synchronous'],
  ];
  for (const [mask, name] of flags) if ((cw & mask) !== 0) parts.push(name);
  const content = (cw >>> 2) & 0x03;
  if (content !== 0) parts.push(`content of message ${content}`);
  if ((cw & 0x02) !== 0) parts.push('repeated access');
  if ((cw & 0x01) !== 0) parts.push('hop counter 1');
  return parts.join(', ');
}

/** The status byte in words (EN 13757-7): application status, power low, errors, manufacturer bits. */
export function describeStatus(status: number): string {
  const application = ['no error', 'application busy', 'application error', 'abnormal condition/alarm'];
  const parts = [application[status & 0x03]!];
  if ((status & 0x04) !== 0) parts.push('power low');
  if ((status & 0x08) !== 0) parts.push('permanent error');
  if ((status & 0x10) !== 0) parts.push('temporary error');
  if ((status & 0xe0) !== 0) parts.push(`manufacturer bits ${hexByte(status & 0xe0)}`);
  return parts.join(', ');
}
