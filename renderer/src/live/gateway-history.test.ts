import { describe, expect, it } from 'vitest';
import { applyBatch, emptyHistory, MAX_TELEGRAM_ROWS, MAX_TIMELINE, startNewRun } from './gateway-history';
import { batch, published, session, statusWith, telegram } from './test-data';

describe('applyBatch', () => {
  it('takes the latest status snapshot and lists telegrams newest first', () => {
    const history = applyBatch(
      emptyHistory(),
      batch(telegram('32666857', 'a'), statusWith(), telegram('32666901', 'b')),
    );
    expect(history.status?.running).toBe(true);
    expect(history.telegrams.map((t) => [t.seq, t.deviceId])).toEqual([
      [2, '32666901'],
      [1, '32666857'],
    ]);
    expect(history.telegramsReceived).toBe(2);
  });

  it('keeps the last 500 telegrams and still counts every one', () => {
    let history = emptyHistory();
    for (let i = 0; i < 12; i++) {
      history = applyBatch(history, batch(...Array.from({ length: 50 }, () => telegram('32666857'))));
    }
    expect(history.telegrams).toHaveLength(MAX_TELEGRAM_ROWS);
    expect(history.telegramsReceived).toBe(600);
    expect(history.telegrams[0]!.seq).toBe(600);
    expect(history.telegrams.at(-1)!.seq).toBe(101);
  });

  it('records session state changes once each, with the outcome in words', () => {
    const accepted = {
      ok: true,
      kind: 'accepted' as const,
      code: 0,
      protocolVersion: 4 as const,
      text: 'Connection accepted.',
      hint: null,
      error: null,
      tls: null,
      retryable: true,
      endpoint: 'mqtt://127.0.0.1:40000',
      clientId: 'gw',
      sessionPresent: false,
      brokerProperties: null,
      at: '2026-11-25T12:00:01.000Z',
    };
    const history = applyBatch(
      emptyHistory(),
      batch(
        statusWith({ session: session('connecting') }),
        statusWith({ session: session('connecting') }),
        statusWith({ session: session('connected', { outcome: accepted }) }),
      ),
    );
    expect(history.timeline.map((t) => [t.state, t.detail])).toEqual([
      ['connected', '0 — Connection accepted.'],
      ['connecting', null],
    ]);
  });

  it('bounds the timeline', () => {
    let history = emptyHistory();
    for (let i = 0; i < 30; i++) {
      const state = i % 2 === 0 ? 'reconnecting' : 'connecting';
      history = applyBatch(history, batch(statusWith({ session: session(state) })));
    }
    expect(history.timeline).toHaveLength(MAX_TIMELINE);
  });

  it('turns cloud commands and echo problems into notices', () => {
    const history = applyBatch(
      emptyHistory(),
      batch(
        {
          event: 'command',
          at: 'a',
          meters: ['32666857'],
          rejected: [{ index: 1, deviceId: null, reason: 'no key' }],
        },
        { event: 'echo-unavailable', at: 'b', reason: 'the broker refused v2/+/+/data' },
      ),
    );
    expect(history.notices.map((n) => [n.tone, n.text])).toEqual([
      ['warn', 'the broker refused v2/+/+/data'],
      ['warn', 'sensors/set from the cloud: now monitoring 32666857. Rejected entry 2: no key.'],
    ]);
  });

  it('counts events the bridge dropped, and passes messages to the message log', () => {
    const history = applyBatch(emptyHistory(), { ...batch(published(1)), dropped: 3 });
    expect(history.eventsLost).toBe(3);
    expect(history.messages.rows).toHaveLength(1);
  });

  it('returns the same object for a batch with nothing for the gateway', () => {
    const history = emptyHistory();
    expect(applyBatch(history, { events: [], dropped: 0 })).toBe(history);
  });
});

describe('new runs and monitored meters', () => {
  it('starts a new run with empty lists but the known status', () => {
    const running = applyBatch(emptyHistory(), batch(statusWith(), telegram('32666857'), published(1)));
    const fresh = startNewRun(running);
    expect(fresh.status).toBe(running.status);
    expect(fresh.telegrams).toEqual([]);
    expect(fresh.telegramsReceived).toBe(0);
    expect(fresh.messages.rows).toEqual([]);
  });
});
