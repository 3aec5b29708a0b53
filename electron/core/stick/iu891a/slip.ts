import { Iu891aFrameError } from './errors';

/** SLIP (RFC 1055) as the iU891A uses it: END ends a frame, ESC + DC/DD stand for END/ESC. */
export const SLIP_END = 0xc0;
export const SLIP_ESC = 0xdb;
export const SLIP_ESC_END = 0xdc;
export const SLIP_ESC_ESC = 0xdd;

/**
 * The longest frame worth waiting for, unescaped. The stick's messages stay far below this (a
 * wM-Bus frame is at most 256 bytes, plus a dozen of header); a stream without ENDs (a stick of
 * another kind, a wrong baud rate) must not grow the buffer for ever.
 */
export const SLIP_MAX_FRAME = 600;

/**
 * One message as it goes on the wire: a leading END (it flushes line noise on the stick's side),
 * the bytes with END and ESC escaped, and the closing END.
 */
export function slipEncode(message: Uint8Array): Buffer {
  const out: number[] = [SLIP_END];
  for (const byte of message) {
    if (byte === SLIP_END) out.push(SLIP_ESC, SLIP_ESC_END);
    else if (byte === SLIP_ESC) out.push(SLIP_ESC, SLIP_ESC_ESC);
    else out.push(byte);
  }
  out.push(SLIP_END);
  return Buffer.from(out);
}

/** A whole frame between two ENDs, escapes removed. */
export interface SlipFrame {
  bytes: Buffer;
  /** Stream offset of the frame's first byte (the one after the END before it). */
  offset: number;
  /** Bytes the frame took on the wire, escapes included, ENDs not. */
  wireLength: number;
  /** Indexes in `bytes` of the bytes that were escaped on the wire (each took two bytes there). */
  escaped: number[];
}

/** Stream offset of `bytes[index]` of a frame: its start plus the escape bytes before it. */
export function wireOffsetOf(frame: SlipFrame, index: number): number {
  return frame.offset + index + frame.escaped.filter((at) => at < index).length;
}

export type SlipEvent = { kind: 'frame'; frame: SlipFrame } | { kind: 'error'; error: Iu891aFrameError };

/**
 * Streaming SLIP decoder. It keeps only the unfinished frame; empty frames (several ENDs in a
 * row) are skipped. A bad escape or an overlong frame spoils only that frame: it is reported when
 * its END arrives, and the next frame is decoded as usual.
 */
export class SlipDecoder {
  private bytes: number[] = [];
  private escaped: number[] = [];
  private start = 0;
  private position = 0;
  private escaping = false;
  private spoiled: Iu891aFrameError | undefined;

  push(chunk: Uint8Array): SlipEvent[] {
    const events: SlipEvent[] = [];
    for (const byte of chunk) {
      const at = this.position++;
      if (byte === SLIP_END) {
        this.finish(at, events);
      } else if (this.escaping) {
        this.escaping = false;
        if (byte === SLIP_ESC_END || byte === SLIP_ESC_ESC) {
          this.escaped.push(this.bytes.length);
          this.add(byte === SLIP_ESC_END ? SLIP_END : SLIP_ESC, at);
        } else this.spoil('bad-escape', `SLIP ESC followed by 0x${hex2(byte)}, expected DC or DD`, at - 1);
      } else if (byte === SLIP_ESC) {
        this.escaping = true;
      } else {
        this.add(byte, at);
      }
    }
    return events;
  }

  /** Forgets the unfinished frame, e.g. after the port was reopened; offsets count on. */
  reset(): void {
    this.bytes = [];
    this.escaped = [];
    this.escaping = false;
    this.spoiled = undefined;
    this.start = this.position;
  }

  private add(byte: number, at: number): void {
    if (this.spoiled) return;
    if (this.bytes.length >= SLIP_MAX_FRAME) {
      this.spoil('oversize', `no SLIP END within ${SLIP_MAX_FRAME} bytes`, at);
      return;
    }
    this.bytes.push(byte);
  }

  private spoil(reason: 'bad-escape' | 'oversize', message: string, at: number): void {
    if (this.spoiled) return;
    this.spoiled = new Iu891aFrameError(reason, `${message} (stream offset ${at})`, at);
    this.bytes = [];
    this.escaped = [];
  }

  private finish(endAt: number, events: SlipEvent[]): void {
    const wireLength = endAt - this.start;
    if (this.spoiled) {
      events.push({ kind: 'error', error: this.spoiled });
    } else if (this.escaping) {
      events.push({
        kind: 'error',
        error: new Iu891aFrameError(
          'bad-escape',
          `SLIP ESC directly before END (stream offset ${endAt - 1})`,
          endAt - 1,
        ),
      });
    } else if (this.bytes.length > 0) {
      const frame = { bytes: Buffer.from(this.bytes), offset: this.start, wireLength, escaped: this.escaped };
      events.push({ kind: 'frame', frame });
    }
    this.bytes = [];
    this.escaped = [];
    this.escaping = false;
    this.spoiled = undefined;
    this.start = endAt + 1;
  }
}

const hex2 = (byte: number) => byte.toString(16).toUpperCase().padStart(2, '0');
