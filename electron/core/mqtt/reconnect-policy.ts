import type { ConnectionOutcome } from '../../../shared/mqtt/types';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff';

/** Quick kicks in a row after which we say "duplicate client id" rather than "closed". */
export const KICKS_BEFORE_HINT = 3;

export type ReconnectDecision =
  | { next: 'refused' | 'failed' }
  | { next: 'reconnecting'; delayMs: number }
  /** Like reconnecting, but the broker keeps closing right after accepting: say so. */
  | { next: 'reconnecting'; delayMs: number; kickedTimes: number };

export interface ReconnectPolicyOptions {
  backoff?: Partial<BackoffOptions>;
  /** false: never retry (probes). */
  reconnect?: boolean;
  /** A connection that lasted this long counts as stable: the backoff starts over (ms). */
  stableAfterMs?: number;
  random?: () => number;
}

/**
 * Pure bookkeeping of the session's retries: counts attempts, decides after each ended
 * connection whether and when to try again, and notices a broker that keeps kicking us out.
 */
export class ReconnectPolicy {
  /** Attempts since the last stable connection. */
  attempt = 0;
  private quickKicks = 0;
  private connectedAt = 0;
  private readonly backoff: BackoffOptions;

  constructor(private readonly options: ReconnectPolicyOptions = {}) {
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
  }

  reset(): void {
    this.attempt = 0;
    this.quickKicks = 0;
  }

  attempting(): void {
    this.attempt++;
  }

  accepted(now: number): void {
    this.connectedAt = now;
  }

  ended(outcome: ConnectionOutcome, wasAccepted: boolean, now: number): ReconnectDecision {
    let kicked = false;
    if (wasAccepted) {
      const stable = now - this.connectedAt >= (this.options.stableAfterMs ?? 10_000);
      if (stable) this.attempt = 0;
      const plainClose = outcome.error?.code === 'ERR_CONNECTION_CLOSED';
      this.quickKicks = !stable && plainClose ? this.quickKicks + 1 : 0;
      kicked = this.quickKicks >= KICKS_BEFORE_HINT;
    }
    if (!outcome.retryable || this.options.reconnect === false) {
      return { next: outcome.kind === 'refused' ? 'refused' : 'failed' };
    }
    const delayMs = backoffDelay(Math.max(1, this.attempt), this.backoff, this.options.random ?? Math.random);
    return kicked
      ? { next: 'reconnecting', delayMs, kickedTimes: this.quickKicks }
      : { next: 'reconnecting', delayMs };
  }
}
