import type { Timers } from '../timers';

/**
 * Polls whether a port's path exists: while the port is open, to notice a hang-up serialport
 * missed; while it is unplugged, to know when to reopen. One watch at a time.
 */
export class PathWatch {
  private timer: unknown;
  private generation = 0;

  constructor(
    private readonly path: string,
    private readonly exists: (path: string) => Promise<boolean>,
    private readonly timers: Timers,
  ) {}

  /**
   * Calls `then` once, at the first check that finds the path present (or absent). Replaces any
   * earlier watch; an interval of 0 or less watches nothing. A failing check counts as "no change".
   */
  waitUntil(present: boolean, intervalMs: number, then: () => void): void {
    this.stop();
    if (intervalMs <= 0) return;
    const generation = this.generation;
    const check = async () => {
      const found = await this.exists(this.path).catch(() => !present);
      if (generation !== this.generation) return;
      if (found === present) then();
      else this.timer = this.timers.setTimeout(check, intervalMs);
    };
    this.timer = this.timers.setTimeout(check, intervalMs);
  }

  stop(): void {
    this.generation++;
    this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
