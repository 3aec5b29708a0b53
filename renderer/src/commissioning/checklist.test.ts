import { describe, expect, it } from 'vitest';
import { batch, confirmed, im871aInfo, meterState, published, session, statusWith } from '../live/test-data';
import { applyBatch, checklist, emptyFacts, withStatus } from './checklist';

const T1 = '2026-11-25T12:00:05.000Z';
const T2 = '2026-11-25T12:00:09.000Z';
const stateOf = (facts: ReturnType<typeof emptyFacts>) =>
  Object.fromEntries(checklist(facts).map((s) => [s.id, s.state]));

const running = () =>
  statusWith({
    stick: { state: 'receiving', path: 'virtual' },
    stickInfo: im871aInfo('ab12'),
    session: session('connected', {
      outcome: {
        ok: true,
        kind: 'accepted',
        code: 0,
        protocolVersion: 4,
        text: 'Connection accepted.',
        hint: null,
        error: null,
        tls: null,
        retryable: false,
        endpoint: 'mqtt://127.0.0.1:40000',
        clientId: 'x',
        sessionPresent: false,
        brokerProperties: null,
        at: T1,
      },
    }),
    meters: [
      meterState('32666857', {
        monitored: true,
        lastSeen: T1,
        rssiDbm: -62.5,
        counts: { ok: 3, crc: 0, wrongKey: 0, noKey: 0, other: 0 },
      }),
    ],
  });

describe('commissioning checklist', () => {
  it('is all grey before the gateway runs, and says where to start', () => {
    const steps = checklist(emptyFacts());
    expect(steps.map((s) => s.state)).toEqual(Array(6).fill('pending'));
    expect(steps[0]!.reason).toContain('Live gateway tab');
    expect(steps[4]!.reason).toContain('send sensors/set from the Messages tab');
  });

  it('turns steps 1–4 green from a status, with module, firmware, RSSI and the return code', () => {
    const facts = withStatus(emptyFacts(), running(), T1);
    expect(stateOf(facts)).toMatchObject({
      stick: 'ok',
      meter: 'ok',
      key: 'ok',
      broker: 'ok',
      config: 'pending',
    });
    const steps = checklist(facts);
    expect(steps[0]!.reason).toContain('iM871A, firmware 0x14');
    expect(steps[1]!.reason).toContain('-62.5 dBm');
    expect(steps[3]!.reason).toBe('0 — Connection accepted.');
    expect(steps[0]!.at).toBe(T1);
  });

  it('keeps the time a step first turned green', () => {
    let facts = withStatus(emptyFacts(), running(), T1);
    facts = applyBatch(facts, batch(running()), T2);
    expect(checklist(facts)[0]!.at).toBe(T1);
  });

  it('says "wrong key" in red when nothing decrypts', () => {
    const status = statusWith({
      meters: [
        meterState('1', { monitored: true, counts: { ok: 0, crc: 0, wrongKey: 4, noKey: 0, other: 0 } }),
      ],
    });
    const key = checklist(withStatus(emptyFacts(), status, T1))[2]!;
    expect(key.state).toBe('error');
    expect(key.reason).toContain('wrong key');
  });

  it('reports a refused broker in red with its hint', () => {
    const base = running();
    const status = statusWith({
      session: session('refused', {
        outcome: {
          ...base.session!.outcome!,
          ok: false,
          code: 5,
          text: 'Not authorized.',
          hint: 'Check the password.',
        },
      }),
    });
    const broker = checklist(withStatus(emptyFacts(), status, T1))[3]!;
    expect(broker.state).toBe('error');
    expect(broker.reason).toBe('5 — Not authorized. Check the password.');
  });

  it('needs a published and a confirmed message for config and data', () => {
    const cfg = 'v2/706462169/config';
    let facts = applyBatch(emptyFacts(), batch(published(1, 'acknowledged', cfg), published(2)), T1);
    expect(stateOf(facts)).toMatchObject({ config: 'pending', data: 'pending' });
    expect(checklist(facts)[4]!.reason).toContain('waiting for the broker echo');
    facts = applyBatch(facts, batch(confirmed(2), confirmed(1, 9, cfg)), T2);
    expect(stateOf(facts)).toMatchObject({ config: 'ok', data: 'ok' });
    expect(checklist(facts)[5]!.at).toBe(T2);
    expect(checklist(facts)[5]!.reason).toContain('/data confirmed by echo');
  });

  it('shows a failed publish in red', () => {
    const facts = applyBatch(emptyFacts(), batch(published(3, 'failed')), T1);
    expect(stateOf(facts)['data']).toBe('error');
  });
});
