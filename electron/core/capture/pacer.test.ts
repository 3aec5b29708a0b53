import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReplayPacer } from './pacer';

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

/** Lets recorded times through one after another and notes the (fake) wall time of each. */
function play(pacer: ReplayPacer, times: number[]): { at: number[]; done: Promise<boolean[]> } {
  const at: number[] = [];
  const start = Date.now();
  const done = (async () => {
    const results: boolean[] = [];
    for (const t of times) {
      results.push(await pacer.until(t));
      at.push(Date.now() - start);
    }
    return results;
  })();
  return { at, done };
}

describe('replay pace', () => {
  it('at 1× keeps the recorded gaps, starting at the first telegram', async () => {
    const pacer = new ReplayPacer({ speed: 1 });
    const run = play(pacer, [5_000, 6_000, 9_000]);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(await run.done).toEqual([true, true, true]);
    expect(run.at).toEqual([0, 1_000, 4_000]);
    expect(pacer.position).toBe(9_000);
  });

  it('at 10× takes a tenth of the time; as fast as possible takes none', async () => {
    const fast = play(new ReplayPacer({ speed: 10 }), [0, 1_000, 3_000]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fast.at).toEqual([0, 100, 300]);
    const unpaced = play(new ReplayPacer({ speed: null }), [0, 60_000, 120_000]);
    await vi.advanceTimersByTimeAsync(0);
    expect(await unpaced.done).toEqual([true, true, true]);
    expect(unpaced.at).toEqual([0, 0, 0]);
  });

  it('holds while paused and goes on from where it was; a new speed applies to the wait under way', async () => {
    const pacer = new ReplayPacer({ speed: 1 });
    const run = play(pacer, [0, 10_000, 20_000]);
    await vi.advanceTimersByTimeAsync(2_000);
    pacer.setPaused(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run.at).toEqual([0]);
    expect(pacer.position).toBe(2_000);
    pacer.setPaused(false);
    await vi.advanceTimersByTimeAsync(8_000);
    expect(run.at).toEqual([0, 70_000]);
    pacer.setSpeed(5); // the remaining 10 s of recording take 2 s
    await vi.advanceTimersByTimeAsync(2_000);
    expect(run.at).toEqual([0, 70_000, 72_000]);
  });

  it('a stop ends the wait under way with false', async () => {
    const pacer = new ReplayPacer({ speed: 1 });
    const run = play(pacer, [0, 3_600_000]);
    await vi.advanceTimersByTimeAsync(1_000);
    pacer.stop();
    expect(await run.done).toEqual([true, false]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
