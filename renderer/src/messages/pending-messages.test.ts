import { describe, expect, it } from 'vitest';
import type { ListedMessage } from './message-list';
import { PendingMessages } from './pending-messages';

const entry = (n: number): Omit<ListedMessage, 'seq'> => ({
  kind: 'received',
  topic: `t/${n}`,
  at: '2026-01-01T00:00:00.000Z',
  qos: 0,
  retain: false,
  payload: null,
  properties: null,
  status: null,
});

describe('pending messages', () => {
  it('hands over everything waiting once, with the missed count', () => {
    const pending = new PendingMessages(10);
    expect(pending.isEmpty).toBe(true);
    pending.push([entry(1), entry(2)], 4);
    pending.push([], 1);
    expect(pending.isEmpty).toBe(false);
    const taken = pending.take();
    expect(taken.added.map((e) => e.topic)).toEqual(['t/1', 't/2']);
    expect(taken).toMatchObject({ dropped: 0, missed: 5 });
    expect(pending.isEmpty).toBe(true);
    expect(pending.take()).toEqual({ added: [], dropped: 0, missed: 0 });
  });

  it('stays bounded while nothing takes (a hidden page has no frames) and counts the oldest it let go', () => {
    const pending = new PendingMessages(10);
    for (let i = 0; i < 1000; i++) pending.push([entry(i)]);
    const taken = pending.take();
    expect(taken.added.map((e) => e.topic)).toEqual(Array.from({ length: 10 }, (_, i) => `t/${990 + i}`));
    expect(taken.dropped).toBe(990);
  });
});
