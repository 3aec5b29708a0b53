import { aesCtrTransform, KeyCipherCache, writeEllIv } from './aes-ctr';
import { crc16En13757 } from './crc';
import { DecodeError, FrameFormatError, InvalidKeyError, MissingKeyError, PayloadCrcError } from './errors';
import { CI_ELL_SESSION, CI_ELL_SHORT, parseEll, type ExtendedLinkLayer } from './ell';
import { LINK_HEADER_LENGTH, type LinkHeader } from './link-layer';

/**
 * From the link header to the plaintext application layer: the extended link layer (if any), AES
 * decryption, and the ELL payload CRC (DESIGN §6, EN 13757-4 §13.2.12).
 */

export interface KeyOptions {
  /** The AES-128 key (16 bytes) configured for a meter id, or undefined if none. */
  keyFor(id: string): Buffer | undefined;
  /** Reuse ciphers across telegrams; without one, each call builds its own (slow for bulk decoding). */
  ciphers?: KeyCipherCache;
}

export interface LinkPayload {
  ell: ExtendedLinkLayer | null;
  /** Offset (from C) where the payload after the link layers starts. */
  plainOffset: number;
  /** ELL II carries a payload CRC in front of the application layer. */
  hasPayloadCrc: boolean;
}

export interface OpenedPayload extends LinkPayload {
  /** The payload from `plainOffset` on, decrypted if it was encrypted. */
  plain: Buffer;
  payloadCrc: { expected: number; actual: number } | null;
  /** Index in `plain` of the TPL-CI. */
  tplIndex: number;
}

export const PAYLOAD_CRC_LENGTH = 2;

/** Reads the ELL if the CI announces one; otherwise the CI is already the TPL-CI. */
export function readLinkPayload(frame: Uint8Array, header: LinkHeader): LinkPayload {
  if (header.ci === CI_ELL_SESSION || header.ci === CI_ELL_SHORT) {
    const ell = parseEll(frame, LINK_HEADER_LENGTH, header.ci);
    return { ell, plainOffset: LINK_HEADER_LENGTH + ell.length, hasPayloadCrc: header.ci === CI_ELL_SESSION };
  }
  return { ell: null, plainOffset: LINK_HEADER_LENGTH - 1, hasPayloadCrc: false };
}

/** Looks up and validates the meter's key; throws MissingKeyError / InvalidKeyError. */
export function keyForMeter(header: LinkHeader, options: KeyOptions, offset: number): Buffer {
  let key: Buffer | undefined;
  try {
    key = options.keyFor(header.id);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DecodeError('NO_KEY', `Could not look up the AES key for meter ${header.id}: ${reason}`, {
      offset,
      cause: error,
    });
  }
  if (key === undefined) throw new MissingKeyError(header.id, { offset });
  if (key.length !== 16) throw new InvalidKeyError(header.id, key.length, { offset });
  return key;
}

/** The payload after the link layers, decrypted with AES-128-CTR when the ELL says so. */
export function decryptPayload(
  frame: Buffer,
  header: LinkHeader,
  link: LinkPayload,
  options: KeyOptions,
): Buffer {
  if (link.ell === null || link.ell.encryption === 'none') return frame.subarray(link.plainOffset);
  const key = keyForMeter(header, options, link.plainOffset);
  const ciphers = options.ciphers ?? new KeyCipherCache(1);
  const cipher = ciphers.cipherFor(header.id, key);
  const iv = writeEllIv(ciphers.iv, frame, LINK_HEADER_LENGTH);
  return aesCtrTransform(cipher, iv, frame, link.plainOffset, frame.length, ciphers.counterBlocks);
}

/** Checks the ELL payload CRC at plain[0..1] over the rest; throws PayloadCrcError on mismatch. */
export function checkPayloadCrc(
  plain: Buffer,
  link: LinkPayload,
  meterId: string,
): { expected: number; actual: number } | null {
  if (!link.hasPayloadCrc) return null;
  if (plain.length < PAYLOAD_CRC_LENGTH) {
    throw new FrameFormatError(
      `Frame ends at offset ${link.plainOffset + plain.length}, inside the 2-byte payload CRC at offset ` +
        `${link.plainOffset}: the telegram is truncated.`,
      { offset: link.plainOffset + plain.length },
    );
  }
  const expected = plain[0]! | (plain[1]! << 8);
  const actual = crc16En13757(plain, PAYLOAD_CRC_LENGTH);
  if (expected !== actual) {
    throw new PayloadCrcError(
      expected,
      actual,
      plain,
      link.plainOffset,
      link.ell?.encryption === 'aes-ctr',
      meterId,
    );
  }
  return { expected, actual };
}

/** ELL + decryption + payload CRC in one step. */
export function openPayload(frame: Buffer, header: LinkHeader, options: KeyOptions): OpenedPayload {
  const link = readLinkPayload(frame, header);
  const plain = decryptPayload(frame, header, link, options);
  const payloadCrc = checkPayloadCrc(plain, link, header.id);
  return {
    ell: link.ell,
    plainOffset: link.plainOffset,
    hasPayloadCrc: link.hasPayloadCrc,
    plain,
    payloadCrc,
    tplIndex: link.hasPayloadCrc ? PAYLOAD_CRC_LENGTH : 0,
  };
}
