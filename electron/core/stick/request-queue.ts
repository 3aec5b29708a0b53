import { StickError } from './errors';
import type { SerialLike } from './serial-port';
import type { Timers } from '../timers';

interface Pending<Frame> {
  what: string;
  matches: (frame: Frame) => boolean;
  resolve: (frame: Frame) => void;
  reject: (error: Error) => void;
  timer: unknown;
}

/**
 * Requests to a stick, one at a time, for any framing: the sticks' protocols carry no request
 * ids, so a response is recognised by what it is (`matches`), which is only unambiguous with one
 * request in flight. `timeoutAdvice` finishes the sentence "the stick did not answer X within N ms".
 */
export class OneRequestAtATime<Frame> {
  private pending: Pending<Frame> | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly timers: Timers,
    private readonly timeoutMs: number,
    private readonly timeoutAdvice: string,
  ) {}

  /** Runs `job` after every job queued before it, whether those succeeded or not. */
  enqueue<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Writes `request` and resolves with the first frame that `matches`. */
  send(port: SerialLike, what: string, request: Buffer, matches: (frame: Frame) => boolean): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const entry: Pending<Frame> = { what, matches, resolve, reject, timer: undefined };
      const fail = (error: Error) => this.take(entry)?.reject(error);
      entry.timer = this.timers.setTimeout(
        () =>
          fail(
            new StickError(
              'TIMEOUT',
              `the stick did not answer ${what} within ${this.timeoutMs} ms${this.timeoutAdvice}`,
            ),
          ),
        this.timeoutMs,
      );
      this.pending = entry;
      port.write(request, (error) => {
        if (error) fail(new StickError('IO', `could not send ${what}: ${error.message}`, error));
      });
    });
  }

  /** Gives `frame` to the request waiting for it; false when none was. */
  offer(frame: Frame): boolean {
    const entry = this.pending;
    if (!entry?.matches(frame)) return false;
    this.take(entry)?.resolve(frame);
    return true;
  }

  /** Fails the request in flight (the port went away, or was closed). */
  abort(errorFor: (what: string) => StickError): void {
    const entry = this.pending;
    if (entry) this.take(entry)?.reject(errorFor(entry.what));
  }

  private take(entry: Pending<Frame>): Pending<Frame> | undefined {
    if (this.pending !== entry) return undefined;
    this.pending = undefined;
    this.timers.clearTimeout(entry.timer);
    return entry;
  }
}
