import { StickError } from './errors';
import type { SerialLike } from './serial-port';
import type { Timers } from '../timers';

interface PendingRequest {
  what: string;
  responseId: number;
  resolve: (payload: Buffer) => void;
  reject: (error: Error) => void;
  timer: unknown;
}

/**
 * Device management requests, one at a time: the HCI has no request ids, so a response can only
 * be matched by endpoint + message id, and that is only unambiguous with one request in flight.
 */
export class HciRequestQueue {
  private pending: PendingRequest | undefined;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly timers: Timers,
    private readonly timeoutMs: number,
    /** The stick's name in the timeout message ("is this port really an iM871A?"). */
    private readonly stickName = 'iM871A',
  ) {}

  /** Runs `job` after every job queued before it, whether those succeeded or not. */
  enqueue<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Writes one request and resolves with the payload of the response `responseId`. */
  exchange(port: SerialLike, what: string, request: Buffer, responseId: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const pending: PendingRequest = { what, responseId, resolve, reject, timer: undefined };
      pending.timer = this.timers.setTimeout(() => {
        this.settle(pending)?.reject(
          new StickError(
            'TIMEOUT',
            `the stick did not answer ${what} within ${this.timeoutMs} ms — is this port really an ${this.stickName}?`,
          ),
        );
      }, this.timeoutMs);
      this.pending = pending;
      port.write(request, (error) => {
        if (error) {
          this.settle(pending)?.reject(
            new StickError('IO', `could not send ${what}: ${error.message}`, error),
          );
        }
      });
    });
  }

  /** Hands a response to the waiting request; false if nobody waited for it. */
  deliver(frame: { messageId: number; payload: Buffer }): boolean {
    const pending = this.pending;
    if (!pending || frame.messageId !== pending.responseId) return false;
    this.settle(pending)?.resolve(frame.payload);
    return true;
  }

  /** Fails the request in flight, e.g. because the port went away. */
  fail(error: (what: string) => StickError): void {
    const pending = this.pending;
    if (pending) this.settle(pending)?.reject(error(pending.what));
  }

  private settle(pending: PendingRequest): PendingRequest | undefined {
    if (this.pending !== pending) return undefined;
    this.pending = undefined;
    this.timers.clearTimeout(pending.timer);
    return pending;
  }
}
