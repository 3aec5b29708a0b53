import { describe, expect, it } from 'vitest';
import type { PublishResult } from '../../../shared/mqtt/types';
import { describeError, describeGrant, describePublish, publishTone } from './words';

const result = (over: Partial<PublishResult> = {}): PublishResult => ({
  outboxId: 1,
  messageId: 7,
  topic: 'test/a',
  qos: 1,
  retain: false,
  payloadBytes: 11,
  state: 'acknowledged',
  result: 0,
  resultText: 'success',
  ack: { packet: 'PUBACK', reasonCode: 0, text: 'Success', hint: null },
  error: null,
  at: '2026-01-01T00:00:00Z',
  ...over,
});

describe('describePublish', () => {
  it('puts state, result code, message id and ack reason in words', () => {
    expect(describePublish(result())).toEqual([
      'State: acknowledged by the broker',
      'Result 0 — success',
      'Message id: 7',
      'PUBACK reason 0 — Success',
    ]);
    expect(publishTone(result())).toBe('ok');
  });

  it('explains a queued message with result 4', () => {
    const queued = result({
      state: 'queued',
      result: 4,
      resultText: 'no connection',
      messageId: null,
      ack: null,
    });
    const lines = describePublish(queued);
    expect(lines[0]).toContain('queued');
    expect(lines[1]).toBe('Result 4 — no connection');
    expect(lines[2]).toContain('none');
    expect(publishTone(queued)).toBe('warn');
    expect(describePublish(result({ state: 'failed', result: 15, ack: null }))[1]).toBe(
      'Result 15 — queue full',
    );
  });
});

describe('describeGrant', () => {
  it('shows the granted QoS, and a downgrade', () => {
    const grant = {
      topic: 'test/#',
      requestedQos: 1 as const,
      grantedQos: 1 as const,
      code: 1,
      text: 'Granted QoS 1',
      hint: null,
    };
    expect(describeGrant(grant)).toEqual({ text: 'test/#: granted QoS 1', tone: 'ok' });
    expect(describeGrant({ ...grant, grantedQos: 0 }).text).toBe('test/#: granted QoS 0 (asked for 1)');
  });

  it('shows a refusal with its words', () => {
    const refused = {
      topic: '$SYS/#',
      requestedQos: 0 as const,
      grantedQos: null,
      code: 128,
      text: 'Not authorised',
      hint: 'Check the ACL.',
    };
    expect(describeGrant(refused)).toEqual({
      text: '$SYS/#: refused (code 128) — Not authorised. Check the ACL.',
      tone: 'error',
    });
  });
});

describe('describeError', () => {
  it('tells what to do when nothing runs', () => {
    expect(describeError({ code: 'NOT_RUNNING', message: 'No session.' })).toBe(
      'Start a profile first (Live gateway tab). No session.',
    );
  });
});
