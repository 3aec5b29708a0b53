import {
  HCI_HEADER_LENGTH,
  HCI_SOF,
  HciFlag,
  decodeHciFrame,
  hciFrameLength,
  hciHeaderProblem,
  type HciFrame,
  type HciHeaderProblem,
} from './hci';

/** A candidate frame the framer threw away. `offset` counts bytes since the framer was created/reset. */
export interface HciFramerError {
  /** `overlaps-checked-frame`: a candidate (unchecked or incomplete) that a CRC-proven frame starts inside. */
  reason: 'crc' | 'overlaps-checked-frame' | HciHeaderProblem;
  offset: number;
  message: string;
  /** The dropped bytes (only for CRC failures, where a whole frame was read). */
  bytes?: Buffer;
}

export interface HciFramerStats {
  /** Frames returned. */
  frames: number;
  /** Complete frames dropped because their CRC did not match. */
  crcErrors: number;
  /** 0xA5 bytes whose next byte cannot be a control byte. */
  rejectedHeaders: number;
  /** Bytes that were not part of a returned frame (noise, bad frames, false SOFs). */
  skippedBytes: number;
}

export interface HciFramerOptions {
  /** Told about every dropped candidate frame, after the framer's state is consistent again. */
  onError?: (error: HciFramerError) => void;
}

const EMPTY = Buffer.alloc(0);

/**
 * Cuts a serial byte stream into HCI frames. One read may hold a partial frame, several frames or
 * noise (docs/ARCHITECTURE.md § iM871A), so the only state kept is the unfinished tail of the input.
 *
 * Resynchronisation always restarts the search one byte after a rejected SOF, never after the
 * whole announced length: a corrupted LEN must not swallow the good frame that follows. The tail is
 * never longer than one maximal frame, so each byte is examined a bounded number of times.
 *
 * Noise announces frames now and then (an 0xA5, a plausible control byte, any LEN). A candidate
 * that a complete CRC-proven frame starts inside cannot be real: it is skipped, whether it has no
 * CRC of its own (it would swallow the good frame) or is still incomplete (it would hold the good
 * frame back until LEN bytes more arrived). The tail is never longer than one maximal frame.
 */
export class HciFramer {
  private pending: Buffer = EMPTY;
  /** Stream offset of `pending[0]`. */
  private pendingOffset = 0;
  private readonly counters: HciFramerStats = {
    frames: 0,
    crcErrors: 0,
    rejectedHeaders: 0,
    skippedBytes: 0,
  };

  constructor(private readonly options: HciFramerOptions = {}) {}

  get stats(): Readonly<HciFramerStats> {
    return { ...this.counters };
  }

  /** Bytes held back waiting for the rest of a frame. */
  get bufferedBytes(): number {
    return this.pending.length;
  }

  /** Forget any partial frame, e.g. after the port was reopened. Counters are kept. */
  reset(): void {
    this.pendingOffset += this.pending.length;
    this.counters.skippedBytes += this.pending.length;
    this.pending = EMPTY;
  }

  /** Feeds one chunk; returns the frames it completed, in stream order. Never throws. */
  push(chunk: Uint8Array): HciFrame[] {
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : asBuffer(chunk);
    const frames: HciFrame[] = [];
    const errors: HciFramerError[] = [];
    let pos = 0;

    while (pos < buf.length) {
      if (buf[pos] !== HCI_SOF) {
        const next = buf.indexOf(HCI_SOF, pos);
        const end = next < 0 ? buf.length : next;
        this.counters.skippedBytes += end - pos;
        pos = end;
        continue;
      }
      if (buf.length - pos < 2) break;

      const controlByte = buf[pos + 1]!;
      const problem = hciHeaderProblem(controlByte);
      if (problem) {
        this.counters.rejectedHeaders++;
        errors.push({
          reason: problem,
          offset: this.pendingOffset + pos,
          message: `0xA5 followed by impossible control byte 0x${controlByte.toString(16).padStart(2, '0')} (${problem})`,
        });
        pos = this.skipFalseStart(pos);
        continue;
      }
      if (buf.length - pos < HCI_HEADER_LENGTH) break;
      const length = hciFrameLength(controlByte, buf[pos + 3]!);
      if (buf.length - pos < length) {
        // Noise often announces a long frame; a proven frame inside it must not wait for its end.
        const inner = checkedFrameInside(buf, pos, length);
        if (inner === null) break;
        pos = this.rejectOverlap(pos, length, inner, errors);
        continue;
      }

      const frame = decodeHciFrame(buf, { offset: pos, allowBadCrc: true });
      if (!frame.crc) {
        const inner = checkedFrameInside(buf, pos, length);
        if (inner !== null) {
          pos = this.rejectOverlap(pos, length, inner, errors);
          continue;
        }
      }
      if (frame.crc && !frame.crc.ok) {
        this.counters.crcErrors++;
        errors.push({
          reason: 'crc',
          offset: this.pendingOffset + pos,
          message: `dropped a ${length}-byte frame (endpoint ${frame.endpoint}, message 0x${frame.messageId.toString(16).padStart(2, '0')}): CRC computed 0x${hex4(frame.crc.expected)}, frame carries 0x${hex4(frame.crc.actual)}`,
          bytes: Buffer.from(buf.subarray(pos, pos + length)),
        });
        pos = this.skipFalseStart(pos);
        continue;
      }
      this.counters.frames++;
      frames.push(frame);
      pos += length;
    }

    this.pendingOffset += pos;
    // Copy the tail so a large caller buffer is not kept alive by a few leftover bytes.
    this.pending = pos < buf.length ? Buffer.from(buf.subarray(pos)) : EMPTY;
    this.report(errors);
    return frames;
  }

  /** A candidate that a CRC-proven frame starts inside cannot be real: step over its SOF. */
  private rejectOverlap(pos: number, length: number, inner: number, errors: HciFramerError[]): number {
    this.counters.rejectedHeaders++;
    errors.push({
      reason: 'overlaps-checked-frame',
      offset: this.pendingOffset + pos,
      message: `ignored a ${length}-byte candidate frame: a frame with a good CRC starts inside it at offset ${this.pendingOffset + inner}`,
    });
    return this.skipFalseStart(pos);
  }

  /** Steps over a rejected SOF only; the next 0xA5 may start a good frame inside the bad one. */
  private skipFalseStart(pos: number): number {
    this.counters.skippedBytes++;
    return pos + 1;
  }

  private report(errors: HciFramerError[]): void {
    const { onError } = this.options;
    if (!onError) return;
    for (const error of errors) {
      try {
        onError(error);
      } catch (listenerError) {
        // A failing listener must not cost the caller the frames of this chunk: surface it later.
        queueMicrotask(() => {
          throw listenerError;
        });
      }
    }
  }
}

/**
 * Where a complete frame with a good CRC starts inside `buf[start + 1 .. start + length)`, or null.
 * A candidate there that is not complete yet does not count: waiting for it would hold back a
 * genuine frame without CRC that merely ends in bytes looking like a header.
 */
function checkedFrameInside(buf: Buffer, start: number, length: number): number | null {
  for (let at = buf.indexOf(HCI_SOF, start + 1); at >= 0 && at < start + length;) {
    const controlByte = buf[at + 1];
    if (
      controlByte !== undefined &&
      !hciHeaderProblem(controlByte) &&
      controlByte & HciFlag.crc &&
      at + HCI_HEADER_LENGTH <= buf.length &&
      at + hciFrameLength(controlByte, buf[at + 3]!) <= buf.length &&
      decodeHciFrame(buf, { offset: at, allowBadCrc: true }).crc?.ok
    ) {
      return at;
    }
    at = buf.indexOf(HCI_SOF, at + 1);
  }
  return null;
}

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, '0');
}
