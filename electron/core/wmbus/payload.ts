import { aesCbcDecrypt, writeMode5Iv } from './aes-cbc';
import { AES_BLOCK, aesCtrTransform, KeyCipherCache, writeEllIv } from './aes-ctr';
import { crc16En13757 } from './crc';
import {
  DecodeError,
  DecryptionCheckError,
  FrameFormatError,
  InvalidKeyError,
  MissingKeyError,
  PayloadCrcError,
} from './errors';
import { CI_ELL_SESSION, CI_ELL_SHORT, parseEll, type EllEncryption, type ExtendedLinkLayer } from './ell';
import { LINK_HEADER_LENGTH, OFFSET_A, OFFSET_M, OFFSET_VERSION, type LinkHeader } from './link-layer';
import {
  checkSecurityMode,
  readTplHeader,
  SECURITY_MODE_AES_CBC,
  TPL_CI_LONG_HEADER,
  tplHeaderLength,
  type TplHeader,
} from './tpl-header';

/**
 * From the link header to the plaintext application layer: the extended link layer (if any), its
 * AES-128-CTR and payload CRC (EN 13757-4 §13.2.12), then the TPL header and its security mode 5
 * (AES-128-CBC with the 2F 2F check, EN 13757-7). See docs/ARCHITECTURE.md for the layers.
 */

/** How the payload was protected on air. */
export type PayloadEncryption = EllEncryption | 'aes-cbc';

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
  /** The short (0x7A) or long (0x72) TPL header after the TPL-CI, else null. */
  tpl: TplSecurity | null;
  /** 'aes-cbc' when security mode 5 encrypted at least one block (then `plain` holds them decrypted). */
  encryption: PayloadEncryption;
}

/** A payload's TPL header and what security mode 5 encrypted behind it. */
export interface TplSecurity {
  tpl: TplHeader;
  tplIndex: number;
  /** Index in `plain` of the first byte after the header: the first encrypted one in mode 5. */
  start: number;
  /** 16-byte blocks encrypted from `start`; 0 in mode 0 (and mode 5 with N = 0): nothing to decrypt. */
  blocks: number;
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

/**
 * Reads the TPL header when plain[tplIndex] announces one (null otherwise: 0x78, 0x79, unknown CIs).
 * Throws UnsupportedError for a security mode we cannot open, FrameFormatError when the encrypted
 * blocks the header announces are not all there.
 */
export function readTplSecurity(plain: Buffer, tplIndex: number, plainOffset: number): TplSecurity | null {
  if (tplIndex >= plain.length || tplHeaderLength(plain[tplIndex]!) === undefined) return null;
  const tpl = readTplHeader(plain, tplIndex, plainOffset);
  checkSecurityMode(tpl, tplIndex, plainOffset);
  const start = tplIndex + 1 + tpl.length;
  const blocks = tpl.securityMode === SECURITY_MODE_AES_CBC ? tpl.encryptedBlocks : 0;
  const end = start + blocks * AES_BLOCK;
  if (end > plain.length) {
    throw new FrameFormatError(
      `The TPL configuration field announces ${blocks} encrypted blocks (${end - start} bytes) from offset ` +
        `${plainOffset + start}, but the frame ends at offset ${plainOffset + plain.length}: the telegram is ` +
        'truncated.',
      { offset: plainOffset + plain.length },
    );
  }
  return { tpl, tplIndex, start, blocks };
}

/**
 * Security mode 5: decrypts the announced blocks with AES-128-CBC (IV from the meter's M and A and the
 * TPL access number) and checks the 2F 2F they must open with. Returns a copy of `plain` with the
 * blocks decrypted (without ELL encryption `plain` is a view of the caller's frame); throws
 * DecryptionCheckError (most likely a wrong key) when the check fails.
 */
export function decryptTplPart(
  frame: Buffer,
  header: LinkHeader,
  plain: Buffer,
  plainOffset: number,
  security: TplSecurity,
  options: KeyOptions,
): Buffer {
  const { tpl, tplIndex, start } = security;
  const offset = plainOffset + start;
  const key = keyForMeter(header, options, offset);
  const ciphers = options.ciphers ?? new KeyCipherCache(1);
  // CI 0x7A: the link layer's M and A; CI 0x72: the TPL's own, whose ID comes before its M.
  const iv =
    tpl.ci === TPL_CI_LONG_HEADER
      ? writeMode5Iv(ciphers.iv, plain, tplIndex + 5, tplIndex + 1, tplIndex + 7, tpl.accessNumber)
      : writeMode5Iv(ciphers.iv, frame, OFFSET_M, OFFSET_A, OFFSET_VERSION, tpl.accessNumber);
  const decrypted = aesCbcDecrypt(ciphers.decipherFor(header.id, key), iv, plain, start, security.blocks);
  if (decrypted[0] !== 0x2f || decrypted[1] !== 0x2f) {
    throw new DecryptionCheckError(decrypted, offset, header.id);
  }
  return Buffer.concat([plain.subarray(0, start), decrypted, plain.subarray(start + decrypted.length)]);
}

/** ELL + its decryption + payload CRC, then the TPL header and its mode-5 decryption, in one step. */
export function openPayload(frame: Buffer, header: LinkHeader, options: KeyOptions): OpenedPayload {
  const link = readLinkPayload(frame, header);
  let plain = decryptPayload(frame, header, link, options);
  const payloadCrc = checkPayloadCrc(plain, link, header.id);
  const tplIndex = link.hasPayloadCrc ? PAYLOAD_CRC_LENGTH : 0;
  let encryption: PayloadEncryption = link.ell?.encryption ?? 'none';
  const tpl = readTplSecurity(plain, tplIndex, link.plainOffset);
  if (tpl !== null && tpl.blocks > 0) {
    plain = decryptTplPart(frame, header, plain, link.plainOffset, tpl, options);
    encryption = 'aes-cbc';
  }
  return {
    ell: link.ell,
    plainOffset: link.plainOffset,
    hasPayloadCrc: link.hasPayloadCrc,
    plain,
    payloadCrc,
    tplIndex,
    tpl,
    encryption,
  };
}
