import { describe, expect, it } from 'vitest';
import type { PublishResult } from '../../../shared/mqtt/types';
import { DEMO_WATER_METER, demoSimulatedMeters } from '../demo';
import { decodeHciFrame, VirtualStick } from '../stick';
import { memoryLogger } from '../mqtt/test-support/fixtures';
import { encodeMultical21Telegram } from '../wmbus';
import { fixture, framesFromC, OMNIPOWER_KEY } from '../wmbus/fixtures/telegram-fixtures';
import { MeterStore } from './meter-store';
import { GatewayPipeline, type GatewayEvent, type MessageSink, type TelegramSource } from './pipeline';

const GW = '706462169';
const KEY = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
const AT = new Date('2026-11-25T12:00:00Z');

/** A pipeline with a hand-fed stick and a session that records what it is asked to publish. */
function pipelineWith(meters: Array<[deviceId: string, key: Buffer]>) {
  const published: Array<{ topic: string; payload: string }> = [];
  let feed: ((frame: Buffer) => void) | undefined;
  const stick: TelegramSource = {
    on: (_event, listener) => {
      feed = (frame) => listener({ frame, receivedAt: AT.getTime() });
      return () => undefined;
    },
  };
  let outboxId = 0;
  const session = {
    publish: async (message: { topic: string; payload: string }) => {
      published.push({ topic: message.topic, payload: message.payload });
      return {
        outboxId: ++outboxId,
        state: 'acknowledged',
        topic: message.topic,
        result: 0,
      } as PublishResult;
    },
    subscribe: async () => ({ topics: [] }),
    on: () => () => undefined,
  } as unknown as MessageSink;
  const store = new MeterStore({ file: null });
  store.replaceAll(
    meters.map(([deviceId, encryptionKey]) => ({
      deviceId,
      manufacturerKey: 'kam',
      encryptionKey,
      manufacturerDeviceKey: null,
    })),
  );
  const pipeline = new GatewayPipeline({
    stick,
    session,
    meters: store,
    gatewayId: GW,
    dataFormat: 'per-channel',
    qos: 1,
    logger: memoryLogger(),
    clock: () => AT,
  });
  const events: GatewayEvent[] = [];
  pipeline.onEvent((e) => events.push(e));
  pipeline.start();
  return { pipeline, published, events, feed: (frame: Buffer) => feed!(frame) };
}

const water = encodeMultical21Telegram({
  id: '76348799',
  key: KEY,
  accessNumber: 1,
  kind: 'long',
  reading: {
    infoCodes: 0x0404,
    totalLitres: 6408,
    targetLitres: 6000,
    flowTemperatureC: 11,
    externalTemperatureC: 19,
  },
});
/** A real OmniPower long telegram (A+ 2.15 kWh, P+ 3 W) of meter 32666857. */
const electricity = framesFromC(fixture('seed-01'))[0]!;

describe('gateway pipeline and meter drivers', () => {
  it('shows a monitored Multical 21’s values but publishes nothing, and says why', () => {
    const { pipeline, published, events, feed } = pipelineWith([['76348799', KEY]]);
    feed(water);
    expect(published).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: 'telegram',
      ok: true,
      driver: 'multical21',
      published: false,
      unpublishedReason: expect.stringMatching(/API v2 defines no channels for water meters/),
      values: {
        total_volume: { value: 6.408, unit: 'm3' },
        info_codes: { value: 'leak now (active 1-8 hours)', unit: '' },
      },
    });
    const state = pipeline.meterStates().find((s) => s.deviceId === '76348799')!;
    expect(state.driver).toMatchObject({ name: 'multical21', published: false });
    expect(state.values?.['external_temperature']).toEqual({ value: 19, unit: 'C' });
  });

  it('publishes an OmniPower’s four channels from its driver, as before', async () => {
    const { published, events, feed } = pipelineWith([['32666857', OMNIPOWER_KEY]]);
    feed(electricity);
    expect(events[0]).toMatchObject({ driver: 'omnipower', published: true, unpublishedReason: null });
    expect(
      published.map((p) => [p.topic, JSON.parse(p.payload).channelNumber, JSON.parse(p.payload).value]),
    ).toEqual([
      [`v2/${GW}/kam-32666857/data`, 1, 2.15],
      [`v2/${GW}/kam-32666857/data`, 2, 0],
      [`v2/${GW}/kam-32666857/data`, 3, 3],
      [`v2/${GW}/kam-32666857/data`, 4, 0],
    ]);
  });

  it('decodes the demo water meter from the virtual stick with the multical21 driver, publishing nothing', () => {
    // The demo's own Multical 21, on a virtual stick with a hand-driven clock: 9 telegrams, 16 s apart.
    const spec = demoSimulatedMeters().find((m) => m.id === DEMO_WATER_METER.id)!;
    expect(spec.kind).toBe('multical21');
    let now = Date.parse('2026-11-25T12:00:00Z');
    const pending: Array<() => void> = [];
    const stick = new VirtualStick({
      meters: [spec],
      intervalMs: 16_000,
      now: () => now,
      random: () => 0.75,
      timers: { setTimeout: (fn) => pending.push(fn), clearTimeout: () => undefined },
    });
    const frames: Buffer[] = [];
    stick.onData((bytes) => frames.push(decodeHciFrame(bytes).payload));
    stick.start();
    for (let i = 0; i < 9; i++) {
      now += 16_000;
      pending.shift()!();
    }
    const { pipeline, published, events, feed } = pipelineWith([[spec.id, spec.key]]);
    frames.forEach(feed);

    expect(published).toEqual([]);
    expect(events).toHaveLength(9);
    for (const event of events) {
      expect(event).toMatchObject({
        event: 'telegram',
        ok: true,
        driver: 'multical21',
        published: false,
        unpublishedReason: expect.stringMatching(/API v2 defines no channels for water meters/),
      });
    }
    const values = events.map((e) => (e.event === 'telegram' ? e.values! : {}));
    const volumes = values.map((v) => Number(v['total_volume']!.value));
    // 48 217 litres at the start; the volume never falls and rises by a few litres in two minutes.
    expect(volumes[0]).toBeCloseTo(48.217, 6);
    expect(volumes.every((v, i) => i === 0 || v >= volumes[i - 1]!)).toBe(true);
    expect(volumes.at(-1)! - volumes[0]!).toBeGreaterThan(0.001);
    expect(volumes.at(-1)! - volumes[0]!).toBeLessThan(0.05);
    for (const v of values) {
      expect(Number(v['flow_temperature']!.value)).toBeGreaterThanOrEqual(8);
      expect(Number(v['flow_temperature']!.value)).toBeLessThanOrEqual(14);
      expect(Number(v['external_temperature']!.value)).toBeGreaterThanOrEqual(17);
      expect(Number(v['external_temperature']!.value)).toBeLessThanOrEqual(24);
      expect(v['info_codes']!.value).toBe('OK'); // no dry, reverse, leak or burst, now or recently
    }
    expect(pipeline.meterStates()[0]!.driver).toMatchObject({ name: 'multical21', published: false });
  });

  it('names the driver of a meter it cannot decode yet (no key), from the header alone', () => {
    const { pipeline, events, feed } = pipelineWith([]);
    feed(water);
    expect(events[0]).toMatchObject({ ok: false, driver: null, published: false, unpublishedReason: null });
    expect(pipeline.meterStates()[0]!.driver?.name).toBe('multical21');
  });
});
