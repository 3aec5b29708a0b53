import { Iu891aFrameError } from './errors';
import { decodeIu891aMessage, type Iu891aMessage } from './message';
import { SlipDecoder, wireOffsetOf } from './slip';

export interface Iu891aFramerStats {
  messages: number;
  crcErrors: number;
  /** Frames dropped for any other reason: bad escape, too short, unknown endpoint or message. */
  otherErrors: number;
}

/** A message as it came off the stream. */
export interface FramedMessage {
  message: Iu891aMessage;
  /** Stream offset of the message's first byte (after its leading END). */
  offset: number;
}

/**
 * Bytes from the port → messages: SLIP first, then endpoint, message id and CRC. A frame that
 * fails is reported through `onError` with its stream offset and dropped alone; the frames
 * around it are unaffected.
 */
export class Iu891aFramer {
  private readonly slip = new SlipDecoder();
  private readonly counts: Iu891aFramerStats = { messages: 0, crcErrors: 0, otherErrors: 0 };

  constructor(private readonly options: { onError?: (error: Iu891aFrameError) => void } = {}) {}

  get stats(): Iu891aFramerStats {
    return { ...this.counts };
  }

  push(chunk: Uint8Array): FramedMessage[] {
    const out: FramedMessage[] = [];
    for (const event of this.slip.push(chunk)) {
      if (event.kind === 'error') {
        this.reject(event.error);
        continue;
      }
      const { frame } = event;
      try {
        out.push({ message: decodeIu891aMessage(frame.bytes), offset: frame.offset });
        this.counts.messages++;
      } catch (error) {
        if (!(error instanceof Iu891aFrameError)) throw error;
        this.reject(error.shifted(wireOffsetOf(frame, error.offset) - error.offset));
      }
    }
    return out;
  }

  /** Drops the unfinished frame (the port was reopened, the stick restarted). */
  reset(): void {
    this.slip.reset();
  }

  private reject(error: Iu891aFrameError): void {
    if (error.reason === 'crc') this.counts.crcErrors++;
    else this.counts.otherErrors++;
    this.options.onError?.(error);
  }
}
