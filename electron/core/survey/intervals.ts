/**
 * A meter's send interval, measured from the gaps between its telegrams, and the telegrams missed
 * against it (docs/ARCHITECTURE.md § Meters in range).
 *
 * Why the lower median: a missed telegram makes one gap about twice as long, and a meter heard a
 * while, lost, then heard again makes one very long gap; neither moves the median. Nothing makes a
 * gap shorter than the interval except a repeat, and the survey drops byte-identical repeats before
 * they become gaps. Of the two middle gaps of an even count the shorter is taken, so two gaps of 16 s
 * and 32 s (one telegram missed) give 16 s, not 24 s.
 */

/** It takes this many gaps (three telegrams) before an interval is trusted. */
export const MIN_GAPS = 2;

/** The lower median of the gaps; null with fewer than MIN_GAPS. */
export function intervalOf(gaps: readonly number[]): number | null {
  if (gaps.length < MIN_GAPS) return null;
  const sorted = [...gaps].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** Telegrams that should have arrived inside one gap: a gap of ~2 intervals hides one, ~3 two. */
export function missedIn(gapMs: number, intervalMs: number): number {
  return Math.max(0, Math.round(gapMs / intervalMs) - 1);
}

/**
 * The latest `maxGaps` gaps of one meter (a ring: memory stays flat however long the survey runs),
 * and the telegrams missed in the gaps it no longer keeps, counted against the interval of the moment
 * each gap left the ring.
 */
export class GapHistory {
  private readonly gaps: number[] = [];
  private next = 0;
  private missedBefore = 0;

  constructor(private readonly maxGaps: number) {
    if (!(Number.isInteger(maxGaps) && maxGaps >= MIN_GAPS))
      throw new RangeError(`maxGaps must be a whole number ≥ ${MIN_GAPS}, got ${maxGaps}`);
  }

  add(gapMs: number): void {
    if (this.gaps.length < this.maxGaps) {
      this.gaps.push(gapMs);
      return;
    }
    const interval = this.intervalMs();
    if (interval !== null) this.missedBefore += missedIn(this.gaps[this.next]!, interval);
    this.gaps[this.next] = gapMs;
    this.next = (this.next + 1) % this.maxGaps;
  }

  /** Gaps kept (at most maxGaps). */
  get size(): number {
    return this.gaps.length;
  }

  intervalMs(): number | null {
    return intervalOf(this.gaps);
  }

  /** Every telegram missed since the meter was first heard. */
  missed(): number {
    const interval = this.intervalMs();
    if (interval === null) return this.missedBefore;
    return this.gaps.reduce((sum, gap) => sum + missedIn(gap, interval), this.missedBefore);
  }
}
