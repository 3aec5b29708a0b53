import { describe, expect, it } from 'vitest';
import type { ReceivedTelegram } from '../stick';
import { MeterSurvey } from '../survey';
import { encodeOmniPowerTelegram } from '../wmbus';
import { MeterStore } from './meter-store';
import type { GatewayEvent } from './pipeline';
import { stubPipeline } from './test-support/stub-pipeline';

// The pipeline's tap for the survey of meters in range: every telegram reaches it, monitored or not,
// and listening changes nothing the pipeline publishes.

const MONITORED = { id: '32666857', key: Buffer.alloc(16, 1) };
const NEIGHBOUR = { id: '32666901', key: Buffer.alloc(16, 2) };
const T0 = Date.parse('2026-11-25T10:00:00Z');

const telegram = (meter: { id: string; key: Buffer }, n: number): ReceivedTelegram => ({
  frame: encodeOmniPowerTelegram({
    id: meter.id,
    key: meter.key,
    accessNumber: n,
    kind: 'long',
    values: { aPlusWh10: 1000 + n, aMinusWh10: 0, pPlusW: 700, pMinusW: 0 },
  }),
  rssi: 100,
  rssiDbm: -72.5,
  receivedAt: T0 + n * 16_000,
});

/** A stub pipeline monitoring one meter, on a clock the test moves. */
function pipeline() {
  const meters = new MeterStore({ file: null });
  meters.put({
    deviceId: MONITORED.id,
    manufacturerKey: 'kam',
    encryptionKey: MONITORED.key,
    manufacturerDeviceKey: null,
  });
  let now = T0;
  const clock = () => new Date(now);
  const { pipeline: p, published, logger } = stubPipeline(meters, clock);
  const events: GatewayEvent[] = [];
  p.onEvent((e) => events.push(e));
  const play = () => {
    for (let n = 0; n < 4; n++) {
      now = T0 + n * 16_000;
      p.handleTelegram(telegram(MONITORED, n));
      p.handleTelegram(telegram(NEIGHBOUR, n));
    }
  };
  return { pipeline: p, meters, published, events, play, logger, clock };
}

describe('the pipeline tap for the survey', () => {
  it('hands the survey every telegram, the unmonitored neighbour too, with its decode outcome', () => {
    const { pipeline: p, meters, play, clock } = pipeline();
    const survey = new MeterSurvey({
      clock,
      isMonitored: (id) => meters.has(id),
      hasKey: (id) => meters.has(id),
    });
    p.onHeard((heard) => survey.hear(heard));
    play();
    const rows = survey.snapshot().meters;
    expect(rows.map((m) => [m.deviceId, m.monitored, m.keyHeld, m.telegrams, m.intervalS])).toEqual([
      [MONITORED.id, true, true, 4, 16],
      [NEIGHBOUR.id, false, false, 4, 16],
    ]);
    // The monitored meter's key opened its frames, so its kind is known; the neighbour's stays hidden.
    expect(rows[0]!.frameKinds).toEqual(['long']);
    expect(rows[1]!.frameKinds).toEqual([]);
    expect(rows[1]).toMatchObject({ encrypted: true, rssiMeanDbm: -72.5, verdict: 'good' });
  });

  it('publishes exactly what it publishes without the tap, even when a tap listener throws', () => {
    const plain = pipeline();
    plain.play();
    const tapped = pipeline();
    tapped.pipeline.onHeard(() => {
      throw new Error('survey broke');
    });
    const survey = new MeterSurvey({ clock: tapped.clock });
    tapped.pipeline.onHeard((heard) => survey.hear(heard));
    tapped.play();
    expect(tapped.published.length).toBeGreaterThan(0);
    expect(tapped.published).toEqual(plain.published);
    expect(tapped.published.every((m) => m.topic.includes(`kam-${MONITORED.id}/`))).toBe(true);
    expect(tapped.events).toEqual(plain.events);
    expect(survey.snapshot().meters).toHaveLength(2);
    expect(tapped.logger.lines.filter((l) => l.includes('heard-telegram listener failed'))).toHaveLength(8);
  });

  it('stops telling a listener once it unsubscribes', () => {
    const { pipeline: p, play } = pipeline();
    let heard = 0;
    const off = p.onHeard(() => heard++);
    off();
    play();
    expect(heard).toBe(0);
  });
});
