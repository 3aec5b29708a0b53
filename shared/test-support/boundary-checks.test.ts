import { describe, expect, it } from 'vitest';
import { GatewayEventSchema } from '../gateway';
import { batchProblems, schemaProblems } from './boundary-checks';

const telegram = {
  event: 'telegram',
  at: '2026-11-25T10:00:00.000Z',
  deviceId: '32666857',
  monitored: true,
  ok: false,
  driver: null,
  values: null,
  published: false,
  unpublishedReason: null,
  rssiDbm: -61,
  error: { code: 'CRC', message: 'payload CRC failed', likelyCause: 'wrong-key' },
};

describe('boundary checks for tests', () => {
  it('passes an event that parses whole', () => {
    expect(schemaProblems(GatewayEventSchema, telegram, 'telegram event')).toEqual([]);
  });

  it('names a field the schema refuses', () => {
    const [problem] = schemaProblems(GatewayEventSchema, { ...telegram, rssiDbm: '-61' }, 'telegram event');
    expect(problem).toMatch(/^telegram event does not match its schema: rssiDbm: /);
  });

  it('names a field the schema would silently drop, however deep', () => {
    const extra = { ...telegram, frameKind: 'long', error: { ...telegram.error, offset: 12 } };
    expect(schemaProblems(GatewayEventSchema, extra, 'telegram event')).toEqual([
      'telegram event loses error.offset, frameKind in its schema',
    ]);
  });

  it('checks each event of a batch against its own stream', () => {
    const batch = {
      dropped: 0,
      events: [
        { stream: 'gateway.event', payload: telegram },
        { stream: 'log', payload: { time: 'now', level: 'loud', message: 'x' } },
      ],
    } as never;
    expect(batchProblems(batch)).toEqual([
      expect.stringMatching(/^log event does not match its schema: level: /),
    ]);
  });
});
