/** Timers the session and outbox use, injected so tests can control time. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers. A pending reconnect keeps the process alive, as a running session should. */
export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** For housekeeping (journal flush and sync) that must never keep a process alive by itself. */
export const backgroundTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: realTimers.clearTimeout,
};
