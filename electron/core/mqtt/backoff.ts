export interface BackoffOptions {
  /** Pause before the first retry (ms). */
  initialMs: number;
  /** Upper bound for any pause (ms). */
  maxMs: number;
  /** Growth per failed attempt. */
  factor: number;
  /** Share of the pause that is random (0–1), so many gateways do not reconnect in lockstep. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1000, maxMs: 60_000, factor: 2, jitter: 0.3 };

/**
 * Pause before retry number `attempt` (1-based): exponential, capped, with jitter taken off the
 * top so the cap is never exceeded. `random` is injected for tests.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const exponent = Math.max(0, attempt - 1);
  const base = Math.min(options.maxMs, options.initialMs * options.factor ** Math.min(exponent, 64));
  return Math.round(base * (1 - options.jitter * random()));
}
