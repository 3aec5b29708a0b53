import { hexByte, hexWord, spacedHex } from './hex';
import type { MeterIdentity } from './link-layer';

/**
 * Why a telegram could not be decoded, in four buckets a caller can act on:
 * - PARSE: the bytes are not a wM-Bus frame we can read (truncated, bad lengths);
 * - NO_KEY: the frame is encrypted and no (usable) AES key is configured for the meter;
 * - CRC: a checksum failed (data-link CRC, ELL payload CRC, compact-frame data CRC);
 * - UNSUPPORTED: valid but not implemented (unknown CI, unknown compact format, other encryption).
 */
export type DecodeErrorCode = 'PARSE' | 'NO_KEY' | 'CRC' | 'UNSUPPORTED';

export interface DecodeErrorDetails {
  /** Byte offset of the problem, counted from the C field (0) unless the error says otherwise. */
  offset?: number;
  /** The meter whose header was already parsed when the problem was found. */
  meter?: MeterIdentity;
  cause?: unknown;
}

/** Base of every error the wM-Bus decoder throws; nothing else ever escapes `decodeTelegram`. */
export class DecodeError extends Error {
  readonly code: DecodeErrorCode;
  readonly offset: number | undefined;
  /** Filled in by `decodeTelegram` as soon as the link header is known, so callers can name the meter. */
  meter: MeterIdentity | undefined;

  constructor(code: DecodeErrorCode, message: string, details: DecodeErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.code = code;
    this.offset = details.offset;
    this.meter = details.meter;
  }
}

/** The bytes do not form a frame we can read (too short, lengths disagree, truncated record). */
export class FrameFormatError extends DecodeError {
  constructor(message: string, details: DecodeErrorDetails = {}) {
    super('PARSE', message, details);
  }
}

/**
 * A data record runs past the end of the payload: a truncated telegram, or records decrypted with a
 * wrong key. `offset` is where the payload ends; `recordOffset` where the record began.
 */
export class TruncatedRecordError extends FrameFormatError {
  constructor(
    readonly recordOffset: number,
    what: string,
    needed: number,
    end: number,
  ) {
    super(
      `Record at offset ${recordOffset}: ${what} needs ${needed} more byte(s), but the payload ends at offset ` +
        `${end}; the telegram is truncated or was decrypted with a wrong key.`,
      { offset: end },
    );
  }
}

/** Valid wM-Bus we do not implement (yet): unknown CI, encryption mode, compact format, data type. */
export class UnsupportedError extends DecodeError {
  constructor(message: string, details: DecodeErrorDetails = {}) {
    super('UNSUPPORTED', message, details);
  }
}

/** The meter encrypts its telegrams and no AES key is configured for it. */
export class MissingKeyError extends DecodeError {
  constructor(meterId: string, details: DecodeErrorDetails = {}) {
    super(
      'NO_KEY',
      `Meter ${meterId} sends encrypted telegrams but no AES key is configured for it; ` +
        'add its 32-hex-digit key (from the meter supplier) to decode the values.',
      details,
    );
  }
}

/** A key is configured but cannot be an AES-128 key. */
export class InvalidKeyError extends DecodeError {
  constructor(meterId: string, keyLength: number, details: DecodeErrorDetails = {}) {
    super(
      'NO_KEY',
      `The AES key configured for meter ${meterId} has ${keyLength} bytes; AES-128 needs exactly 16 ` +
        '(32 hex digits). Check the key for typos or missing digits.',
      details,
    );
  }
}

/** A data-link-layer block CRC (EN 13757-4 frame format A or B) does not match its block. */
export class DllCrcError extends DecodeError {
  constructor(
    readonly format: 'A' | 'B',
    readonly block: number,
    readonly expected: number,
    readonly actual: number,
    offset: number,
  ) {
    super(
      'CRC',
      `Data-link CRC of block ${block} (frame format ${format}) at offset ${offset} counted from the L field ` +
        `is wrong: the frame carries ${hexWord(expected)}, the block gives ${hexWord(actual)}. ` +
        'The bytes were corrupted on the radio link or while copying the hex.',
      { offset },
    );
  }
}

/** What most likely broke a payload CRC: the key, or the bytes on the way. */
export type PayloadCrcCause = 'wrong-key' | 'corrupted';

/** TPL-CI values a correctly decrypted ELL payload starts with (EN 13757-7 Table 2 subset). */
const PLAUSIBLE_TPL_CI = new Set([0x78, 0x79, 0x7a, 0x72]);

/** A payload check's conclusion: the likelier cause and the message that says so. */
export interface PayloadCheckVerdict {
  likelyCause: PayloadCrcCause;
  message: string;
}

/**
 * Words for a failed ELL payload CRC. With a wrong key the decrypted bytes are noise, so the byte
 * after the CRC is a valid TPL-CI only by chance (≈1.5 %); with the right key and a corrupted frame it
 * still reads 0x78/0x79 unless that very byte was hit.
 */
function ellPayloadCrcVerdict(
  expected: number,
  actual: number,
  decrypted: Buffer,
  offset: number,
  encrypted: boolean,
  meterId: string,
): PayloadCheckVerdict {
  const tplCi = decrypted.length > 2 ? decrypted[2] : undefined;
  const plausible = tplCi !== undefined && PLAUSIBLE_TPL_CI.has(tplCi);
  const likelyCause: PayloadCrcCause = encrypted && !plausible ? 'wrong-key' : 'corrupted';
  const seen = tplCi === undefined ? 'nothing' : hexByte(tplCi);
  const why =
    likelyCause === 'wrong-key'
      ? `The byte after the CRC is ${seen}, not a TPL-CI (0x78/0x79): the AES key for meter ${meterId} is ` +
        'most likely wrong. Check the key against the one the meter supplier delivered.'
      : encrypted
        ? `The byte after the CRC is ${seen}, a plausible TPL-CI, so the key looks right: the frame was most ` +
          'likely corrupted on the radio link. The next telegram should decode.'
        : 'The frame is not encrypted, so it was corrupted on the radio link or while copying.';
  return {
    likelyCause,
    message:
      `Payload CRC at offset ${offset} does not match: the frame carries ${hexWord(expected)}, ` +
      `the ${encrypted ? 'decrypted ' : ''}payload gives ${hexWord(actual)}. ${why}`,
  };
}

/**
 * A check that proves a payload was decrypted (and received) intact failed: the CRC-16/EN-13757 in
 * front of the ELL payload, or (subclass) the 2F 2F of TPL security mode 5. `likelyCause` says
 * whether the key or the bytes on the way are to blame; callers count wrong keys by it.
 */
export class PayloadCrcError extends DecodeError {
  readonly likelyCause: PayloadCrcCause;

  constructor(
    /** What the check wanted: the CRC the frame carries, or 0x2f2f. */
    readonly expected: number,
    /** What the payload gave. */
    readonly actual: number,
    /** The payload as decrypted, from the CRC on: useful to a technician comparing with another tool. */
    readonly decrypted: Buffer,
    offset: number,
    encrypted: boolean,
    meterId: string,
    verdict: PayloadCheckVerdict = ellPayloadCrcVerdict(
      expected,
      actual,
      decrypted,
      offset,
      encrypted,
      meterId,
    ),
  ) {
    super('CRC', verdict.message, { offset });
    this.likelyCause = verdict.likelyCause;
  }
}

/** Security mode 5 (AES-CBC, EN 13757-7 / OMS Vol. 2): decrypted data must begin with these fill bytes. */
export const DECRYPTION_CHECK = 0x2f2f;

/**
 * The data of a security-mode-5 telegram does not start with 2F 2F after decryption. AES-CBC turns
 * every block into noise under a wrong key, so that is the likely cause; a frame damaged in its first
 * encrypted block (which the data-link CRC normally catches) looks the same.
 */
export class DecryptionCheckError extends PayloadCrcError {
  constructor(
    /** The decrypted blocks. */
    decrypted: Buffer,
    /** Frame offset of the first decrypted byte. */
    offset: number,
    meterId: string,
  ) {
    const actual = ((decrypted[0] ?? 0) << 8) | (decrypted[1] ?? 0);
    super(DECRYPTION_CHECK, actual, decrypted, offset, true, meterId, {
      likelyCause: 'wrong-key',
      message:
        `The AES key for meter ${meterId} is most likely wrong: the data decrypted with it (AES-128-CBC, ` +
        `security mode 5) starts with ${spacedHex(decrypted, 0, 2)} at offset ${offset}, not 2f 2f. Check ` +
        'the key against the one the meter supplier delivered.',
    });
  }
}

/** The compact frame's second CRC (over the equivalent long-frame records) does not match. */
export class CompactDataCrcError extends DecodeError {
  constructor(
    readonly expected: number,
    readonly actual: number,
    offset: number,
  ) {
    super(
      'CRC',
      `Compact-frame data CRC at offset ${offset} does not match: the frame carries ${hexWord(expected)}, ` +
        `the values re-assembled as a long frame give ${hexWord(actual)}. Either the values were corrupted or ` +
        'the meter uses the same format signature for a different record layout; wait for its next long frame.',
      { offset },
    );
  }
}

/** A compact frame whose format signature we have not learned from a long frame yet. */
export class UnknownCompactFormatError extends UnsupportedError {
  constructor(
    readonly signature: number,
    offset: number,
  ) {
    super(
      `The meter sends a compact frame (TPL-CI 0x79) with format signature ${hexWord(signature)} at offset ` +
        `${offset}, a format we have not learned yet. The meter's next long frame (TPL-CI 0x78, about one in ` +
        'eight telegrams) will teach it; until then these values cannot be read.',
      { offset },
    );
  }
}

/** Wraps anything that is not a DecodeError so the decoder's contract (only DecodeError) holds. */
export function asDecodeError(error: unknown, meter: MeterIdentity | undefined): DecodeError {
  if (error instanceof DecodeError) {
    if (error.meter === undefined) error.meter = meter;
    return error;
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new FrameFormatError(`Internal decoder error: ${reason}`, { meter, cause: error });
}
