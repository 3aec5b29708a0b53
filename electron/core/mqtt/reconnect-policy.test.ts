import { describe, expect, it } from 'vitest';
import type { ConnectionOutcome } from '../../../shared/mqtt/types';
import { ReconnectPolicy } from './reconnect-policy';

const outcome = (over: Partial<ConnectionOutcome>): ConnectionOutcome => ({
  ok: false,
  kind: 'network',
  code: null,
  protocolVersion: 4,
  text: '',
  hint: null,
  error: { code: 'ECONNREFUSED', message: '' },
  tls: null,
  retryable: true,
  endpoint: 'mqtt://h:1883',
  clientId: 'c',
  sessionPresent: null,
  brokerProperties: null,
  at: '2026-11-25T10:00:00Z',
  ...over,
});
const backoff = { initialMs: 100, maxMs: 1000, factor: 2, jitter: 0 };

describe('ReconnectPolicy', () => {
  it('backs off exponentially while attempts fail, capped', () => {
    const policy = new ReconnectPolicy({ backoff });
    const delays = [];
    for (let i = 0; i < 6; i++) {
      policy.attempting();
      const decision = policy.ended(outcome({}), false, 0);
      delays.push(decision.next === 'reconnecting' ? decision.delayMs : -1);
    }
    expect(delays).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('starts over after a stable connection, not after a short one', () => {
    const policy = new ReconnectPolicy({ backoff, stableAfterMs: 10_000 });
    for (let i = 0; i < 3; i++) policy.attempting();
    policy.accepted(0);
    expect(policy.ended(outcome({ error: { code: 'ECONNRESET', message: '' } }), true, 500)).toEqual({
      next: 'reconnecting',
      delayMs: 400,
    });
    policy.attempting();
    policy.accepted(1000);
    expect(policy.ended(outcome({}), true, 60_000)).toEqual({ next: 'reconnecting', delayMs: 100 });
  });

  it('notices a broker that closes right after accepting, three times in a row', () => {
    const policy = new ReconnectPolicy({ backoff });
    const closed = outcome({ kind: 'closed', error: { code: 'ERR_CONNECTION_CLOSED', message: '' } });
    const decisions = [1, 2, 3].map((t) => {
      policy.attempting();
      policy.accepted(t * 100);
      return policy.ended(closed, true, t * 100 + 5);
    });
    expect(decisions.map((d) => 'kickedTimes' in d)).toEqual([false, false, true]);
  });

  it('stops on refusals and TLS problems, and when reconnecting is off', () => {
    expect(new ReconnectPolicy().ended(outcome({ kind: 'refused', retryable: false }), false, 0)).toEqual({
      next: 'refused',
    });
    expect(new ReconnectPolicy().ended(outcome({ kind: 'tls', retryable: false }), false, 0)).toEqual({
      next: 'failed',
    });
    expect(new ReconnectPolicy({ reconnect: false }).ended(outcome({}), false, 0)).toEqual({
      next: 'failed',
    });
  });
});
