import { describe, expect, it } from 'vitest';
import type { PublishResult } from '../../../shared/mqtt/types';
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

  it('names the driver of a meter it cannot decode yet (no key), from the header alone', () => {
    const { pipeline, events, feed } = pipelineWith([]);
    feed(water);
    expect(events[0]).toMatchObject({ ok: false, driver: null, published: false, unpublishedReason: null });
    expect(pipeline.meterStates()[0]!.driver?.name).toBe('multical21');
  });
});
