import { StickError, HciError } from './reused';
import type { LinkMode } from '../../../../shared/link-modes';

/** Why bytes read from an iU891A could not be taken as a message. */
export type Iu891aFrameReason =
  | 'bad-escape' // SLIP ESC followed by something other than DC or DD
  | 'oversize' // no SLIP END within the longest message the stick sends
  | 'too-short' // fewer bytes than endpoint, message id, [status] and CRC need
  | 'crc' // the CRC-16/X.25 over the message does not match its last two bytes
  | 'unknown-endpoint' // an endpoint (service access point) other than 0x01 and 0x09
  | 'unknown-message' // a message id the endpoint does not have
  | 'bad-payload'; // a payload shorter than its layout needs

/**
 * A frame or message that could not be read. `offset` is where it went wrong: in the stream read
 * since open when the framer reports it, or in the decoded message (SLIP escapes removed) when
 * `decodeIu891aMessage` throws it directly.
 */
export class Iu891aFrameError extends HciError {
  constructor(
    readonly reason: Iu891aFrameReason,
    message: string,
    offset: number,
    /** The frame's bytes after SLIP decoding, when a whole frame was read. */
    readonly bytes?: Buffer,
  ) {
    super(reason === 'crc' ? 'HCI_CRC' : 'HCI_PARSE', message, offset);
  }

  /** The same error, seen from a position `by` bytes further into a larger input. */
  shifted(by: number, bytes = this.bytes): Iu891aFrameError {
    return new Iu891aFrameError(this.reason, this.message, this.offset + by, bytes);
  }
}

/** A link mode the iU891A has no receiver setting for: refused before anything is sent. */
export class UnsupportedLinkModeError extends StickError {
  constructor(
    readonly mode: LinkMode,
    message: string,
  ) {
    super('REJECTED', message);
    this.name = 'UnsupportedLinkModeError';
  }
}
