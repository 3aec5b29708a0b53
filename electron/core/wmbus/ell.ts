import { FrameFormatError, UnsupportedError } from './errors';
import { hexByte } from './hex';

/**
 * Extended link layer (EN 13757-4 §13.2.12, CI 0x8C / 0x8D):
 * - ELL I (0x8C):  CC(1) | ACC(1)
 * - ELL II (0x8D): CC(1) | ACC(1) | SN(4, LE), then the (possibly encrypted) payload, which starts
 *   with the 2-byte payload CRC.
 * SN: bits 31-29 encryption mode, 28-4 minute counter, 3-0 session number.
 */

export const CI_ELL_SHORT = 0x8c;
export const CI_ELL_SESSION = 0x8d;
export const ELL_SHORT_LENGTH = 2;
export const ELL_SESSION_LENGTH = 6;

export type EllEncryption = 'none' | 'aes-ctr';

export interface ExtendedLinkLayer {
  /** Communication control: bidirectional, response delay, synchronised, hop, priority, … bits. */
  cc: number;
  /** Access number, incremented by the meter per telegram. */
  accessNumber: number;
  /** The whole SN field, or null for ELL I (which has none). */
  sessionField: number | null;
  encryption: EllEncryption;
  minuteCounter: number | null;
  sessionNumber: number | null;
  /** Length of the ELL fields after the CI. */
  length: number;
}

/** Parses the ELL fields that start at `offset` (right after the CI byte `ci`). */
export function parseEll(frame: Uint8Array, offset: number, ci: number): ExtendedLinkLayer {
  const length = ci === CI_ELL_SESSION ? ELL_SESSION_LENGTH : ELL_SHORT_LENGTH;
  if (frame.length < offset + length) {
    throw new FrameFormatError(
      `Frame ends at offset ${frame.length} inside the extended link layer (CI ${hexByte(ci)} needs ${length} ` +
        `bytes from offset ${offset}): the telegram is truncated.`,
      { offset: frame.length },
    );
  }
  const cc = frame[offset]!;
  const accessNumber = frame[offset + 1]!;
  if (ci !== CI_ELL_SESSION) {
    return {
      cc,
      accessNumber,
      sessionField: null,
      encryption: 'none',
      minuteCounter: null,
      sessionNumber: null,
      length,
    };
  }
  const sn =
    (frame[offset + 2]! |
      (frame[offset + 3]! << 8) |
      (frame[offset + 4]! << 16) |
      (frame[offset + 5]! << 24)) >>>
    0;
  const mode = sn >>> 29;
  if (mode !== 0 && mode !== 1) {
    throw new UnsupportedError(
      `The SN field at offset ${offset + 2} announces encryption mode ${mode}; only 0 (none) and ` +
        '1 (AES-128-CTR, EN 13757-4 ELL) are supported.',
      { offset: offset + 2 },
    );
  }
  return {
    cc,
    accessNumber,
    sessionField: sn,
    encryption: mode === 1 ? 'aes-ctr' : 'none',
    minuteCounter: (sn >>> 4) & 0x1ffffff,
    sessionNumber: sn & 0x0f,
    length,
  };
}

/** Builds an SN field from its parts (used by the encoder). */
export function ellSessionField(
  encryption: EllEncryption,
  minuteCounter: number,
  sessionNumber: number,
): number {
  return (
    (((encryption === 'aes-ctr' ? 1 : 0) << 29) |
      ((minuteCounter & 0x1ffffff) << 4) |
      (sessionNumber & 0x0f)) >>>
    0
  );
}

/** Human words for the CC bits (EN 13757-4 Table 47). */
export function describeCommunicationControl(cc: number): string {
  const bits: [number, string][] = [
    [0x80, 'bidirectional'],
    [0x40, 'response delay'],
    [0x20, 'synchronised'],
    [0x10, 'hopped'],
    [0x08, 'priority'],
    [0x04, 'accessible'],
    [0x02, 'repeated'],
  ];
  const set = bits.filter(([mask]) => (cc & mask) !== 0).map(([, name]) => name);
  return set.length === 0 ? 'no flags' : set.join(', ');
}
