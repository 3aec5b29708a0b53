import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../shared/ipc/contract';
import { EventHub } from './event-hub';

/** A manual timer, so batching is observed without waiting. */
function manualTimers() {
  let pending: (() => void) | null = null;
  return {
    setTimer: (fn: () => void) => {
      pending = fn;
      return 1;
    },
    clearTimer: () => {
      pending = null;
    },
    fire: () => pending?.(),
    get armed() {
      return pending !== null;
    },
  };
}

const log = (message: string) => ({ time: '2026-11-25T10:00:00.000Z', level: 'info' as const, message });

describe('EventHub', () => {
  it('delivers many events as one batch per interval', () => {
    const timers = manualTimers();
    const hub = new EventHub(timers);
    const batches: EventBatch[] = [];
    hub.subscribe((b) => batches.push(b));
    for (let i = 0; i < 500; i++) hub.publish('log', log(`m${i}`));
    expect(batches).toHaveLength(0);
    timers.fire();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.events).toHaveLength(500);
    expect(batches[0]!.dropped).toBe(0);
    expect(timers.armed).toBe(false);
  });

  it('is bounded: drops the oldest events beyond the limit and says how many', () => {
    const timers = manualTimers();
    const hub = new EventHub({ ...timers, maxQueued: 10 });
    const batches: EventBatch[] = [];
    hub.subscribe((b) => batches.push(b));
    for (let i = 0; i < 25; i++) hub.publish('log', log(`m${i}`));
    timers.fire();
    expect(batches[0]!.dropped).toBe(15);
    expect(batches[0]!.events.map((e) => (e.payload as { message: string }).message)).toEqual(
      Array.from({ length: 10 }, (_, i) => `m${i + 15}`),
    );
  });

  it('keeps delivering to other listeners when one throws, and stops after unsubscribe', () => {
    const timers = manualTimers();
    const hub = new EventHub(timers);
    const seen: number[] = [];
    hub.subscribe(() => {
      throw new Error('window gone');
    });
    const unsubscribe = hub.subscribe((b) => seen.push(b.events.length));
    hub.publish('log', log('a'));
    timers.fire();
    unsubscribe();
    hub.publish('log', log('b'));
    timers.fire();
    expect(seen).toEqual([1]);
  });
});
