import { realTimers, type Timers } from '../timers';

export interface ReplayPacerOptions {
  /** A factor of the recorded pace; null = as fast as possible. */
  speed: number | null;
  timers?: Timers;
  now?: () => number;
}

/**
 * Replay time: how far into the recording a replay is, moving at `speed` × real time while not
 * paused. `until(t)` waits until recorded time t is due; a change of speed, a pause or a stop takes
 * effect on the waits already running.
 */
export class ReplayPacer {
  private speedFactor: number | null;
  private isPaused = false;
  private stopped = false;
  private anchorWall: number;
  private anchorPosition: number | null = null;
  private wakeUp: (() => void) | null = null;
  private readonly timers: Timers;
  private readonly now: () => number;

  constructor(options: ReplayPacerOptions) {
    this.speedFactor = options.speed;
    this.timers = options.timers ?? realTimers;
    this.now = options.now ?? Date.now;
    this.anchorWall = this.now();
  }

  get speed(): number | null {
    return this.speedFactor;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  /** Recorded ms reached so far (0 before the first telegram). */
  get position(): number {
    if (this.anchorPosition === null) return 0;
    if (this.isPaused || this.speedFactor === null) return this.anchorPosition;
    return this.anchorPosition + (this.now() - this.anchorWall) * this.speedFactor;
  }

  setSpeed(speed: number | null): void {
    this.reanchor();
    this.speedFactor = speed;
    this.wake();
  }

  setPaused(paused: boolean): void {
    if (paused === this.isPaused) return;
    this.reanchor();
    this.isPaused = paused;
    this.wake();
  }

  stop(): void {
    this.stopped = true;
    this.wake();
  }

  /** Resolves true when recorded time `t` is due, false when the replay was stopped first. */
  async until(t: number): Promise<boolean> {
    if (this.anchorPosition === null) {
      // The replay starts at its first telegram, not at the quiet before it.
      this.anchorPosition = t;
      this.anchorWall = this.now();
    }
    for (;;) {
      if (this.stopped) return false;
      if (!this.isPaused) {
        if (this.speedFactor === null) {
          this.anchorPosition = Math.max(this.anchorPosition, t);
          return true;
        }
        const waitMs = (t - this.position) / this.speedFactor;
        if (waitMs <= 0) return true;
        await this.sleep(waitMs);
      } else {
        await this.sleep(null);
      }
    }
  }

  private reanchor(): void {
    if (this.anchorPosition === null) return;
    this.anchorPosition = this.position;
    this.anchorWall = this.now();
  }

  /** Sleeps `ms` (or until woken when null): a speed change, a pause or a stop wakes it early. */
  private sleep(ms: number | null): Promise<void> {
    return new Promise((resolve) => {
      const handle = ms === null ? null : this.timers.setTimeout(() => done(), ms);
      const done = () => {
        if (handle !== null) this.timers.clearTimeout(handle);
        if (this.wakeUp === done) this.wakeUp = null;
        resolve();
      };
      this.wakeUp = done;
    });
  }

  private wake(): void {
    this.wakeUp?.();
  }
}
