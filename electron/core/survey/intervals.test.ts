import { describe, expect, it } from 'vitest';
import { GapHistory, intervalOf, missedIn } from './intervals';

const S = 1000;

describe('intervalOf', () => {
  it('needs two gaps (three telegrams) before it names an interval', () => {
    expect(intervalOf([])).toBeNull();
    expect(intervalOf([16 * S])).toBeNull();
    expect(intervalOf([16 * S, 16.4 * S])).toBe(16 * S);
  });

  it('is not moved by a missed telegram, even when that gap is one of only two', () => {
    expect(intervalOf([16 * S, 32 * S])).toBe(16 * S);
    expect(intervalOf([15.8 * S, 32.1 * S, 16.2 * S])).toBe(16.2 * S);
    expect(intervalOf([16 * S, 48 * S, 16 * S, 3600 * S, 16 * S])).toBe(16 * S);
  });

  it('follows a meter whose gaps jitter around its interval', () => {
    expect(intervalOf([14.4, 17.6, 16.0, 15.1, 16.9].map((s) => s * S))).toBe(16 * S);
  });
});

describe('missedIn', () => {
  it('counts the telegrams a gap hides, not its jitter', () => {
    expect(missedIn(16 * S, 16 * S)).toBe(0);
    expect(missedIn(17.6 * S, 16 * S)).toBe(0);
    expect(missedIn(23.9 * S, 16 * S)).toBe(0);
    expect(missedIn(31 * S, 16 * S)).toBe(1);
    expect(missedIn(48 * S, 16 * S)).toBe(2);
    expect(missedIn(0.3 * S, 16 * S)).toBe(0);
  });
});

describe('GapHistory', () => {
  it('adds up the telegrams missed in every gap against the measured interval', () => {
    const gaps = new GapHistory(64);
    for (const s of [16, 32, 16, 48, 16]) gaps.add(s * S);
    expect(gaps.intervalMs()).toBe(16 * S);
    expect(gaps.missed()).toBe(3);
  });

  it('keeps at most maxGaps gaps, and still counts what those it let go had missed', () => {
    const gaps = new GapHistory(4);
    gaps.add(16 * S);
    gaps.add(16 * S);
    gaps.add(48 * S); // two missed
    gaps.add(16 * S);
    for (let i = 0; i < 100; i++) gaps.add(16 * S);
    expect(gaps.size).toBe(4);
    expect(gaps.intervalMs()).toBe(16 * S);
    expect(gaps.missed()).toBe(2);
  });

  it('refuses a bound too small to measure an interval', () => {
    expect(() => new GapHistory(1)).toThrow(/maxGaps must be a whole number ≥ 2/);
  });
});
