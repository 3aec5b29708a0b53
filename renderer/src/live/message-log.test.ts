import { describe, expect, it } from 'vitest';
import { applyMessageEvents, emptyMessageLog, MAX_MESSAGE_ROWS } from './message-log';
import { confirmed, published } from './test-data';

describe('applyMessageEvents', () => {
  it('keeps one row per outbox message, newest first, with its latest state', () => {
    const log = applyMessageEvents(emptyMessageLog(), [
      published(1, 'queued'),
      published(2, 'queued'),
      published(1, 'sent'),
      published(1, 'acknowledged'),
    ]);
    expect(log.rows.map((r) => [r.outboxId, r.state])).toEqual([
      [2, 'queued'],
      [1, 'acknowledged'],
    ]);
    expect(log.totals).toEqual({ published: 2, acknowledged: 1, confirmed: 0, failed: 0 });
  });

  it('never takes an acknowledged message back to an earlier state', () => {
    const log = applyMessageEvents(emptyMessageLog(), [published(1, 'acknowledged'), published(1, 'sent')]);
    expect(log.rows[0]!.state).toBe('acknowledged');
  });

  it('confirms the row with the echo’s outbox id, and counts failures once', () => {
    const log = applyMessageEvents(emptyMessageLog(), [
      published(1),
      published(2, 'failed'),
      published(2, 'rejected'),
      confirmed(1, 38),
      confirmed(1, 50),
    ]);
    expect(log.rows.find((r) => r.outboxId === 1)!.confirmation).toEqual({
      at: '2026-11-25T12:00:01.010Z',
      latencyMs: 38,
    });
    expect(log.totals).toMatchObject({ confirmed: 1, failed: 1 });
  });

  it('keeps an echo that overtook its publish report and applies it when the row appears', () => {
    let log = applyMessageEvents(emptyMessageLog(), [confirmed(6, 5), confirmed(7, 6)]);
    expect(log.rows).toEqual([]);
    log = applyMessageEvents(log, [published(6), published(7)]);
    expect(log.rows.map((r) => [r.outboxId, r.confirmation?.latencyMs])).toEqual([
      [7, 6],
      [6, 5],
    ]);
    expect(log.early).toEqual([]);
    expect(log.totals.confirmed).toBe(2);
  });

  it('is bounded, counting the rows it let go', () => {
    const events = Array.from({ length: MAX_MESSAGE_ROWS + 25 }, (_, i) => published(i + 1));
    const log = applyMessageEvents(emptyMessageLog(), events);
    expect(log.rows).toHaveLength(MAX_MESSAGE_ROWS);
    expect(log.rows[0]!.outboxId).toBe(MAX_MESSAGE_ROWS + 25);
    expect(log.dropped).toBe(25);
    expect(log.totals.published).toBe(MAX_MESSAGE_ROWS + 25);
  });

  it('returns the same log when a batch has nothing for it', () => {
    const log = emptyMessageLog();
    expect(applyMessageEvents(log, [])).toBe(log);
  });
});
