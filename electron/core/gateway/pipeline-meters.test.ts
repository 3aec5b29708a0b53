import { describe, expect, it } from 'vitest';
import type { ReceivedTelegram } from '../dongle';
import { memoryLogger } from '../mqtt/test-support/fixtures';
import type { ReceivedMessage } from '../mqtt';
import { MeterStore } from './meter-store';
import { GatewayPipeline, type MessageSink, type TelegramSource } from './pipeline';

const KEY = Buffer.alloc(16, 7);
const meter = (deviceId: string) => ({
  deviceId,
  manufacturerKey: 'kam',
  encryptionKey: KEY,
  manufacturerDeviceKey: null,
});

/** A pipeline on a stick and a session that do nothing but hand over what the test gives them. */
function pipelineOn(meters: MeterStore) {
  const onMessage: Array<(m: ReceivedMessage) => void> = [];
  const published: string[] = [];
  const stick: TelegramSource = { on: (_e, _l: (t: ReceivedTelegram) => void) => () => undefined };
  const session = {
    awaitingEcho: 0,
    publish: (request: { topic: string }) => {
      published.push(request.topic);
      return new Promise(() => undefined); // stays queued: no broker in this test
    },
    subscribe: async () => ({ topics: [] }),
    on: (event: string, listener: (value: never) => void) => {
      if (event === 'message') onMessage.push(listener as (m: ReceivedMessage) => void);
      return () => onMessage.splice(onMessage.indexOf(listener as never), 1);
    },
  } as unknown as MessageSink;
  const pipeline = new GatewayPipeline({
    stick,
    session,
    meters,
    gatewayId: '706462169',
    dataFormat: 'per-channel',
    qos: 1,
    logger: memoryLogger(),
  });
  const command = (payload: string) =>
    onMessage.forEach((l) =>
      l({ topic: 'v2/706462169/sensors/set', payload: Buffer.from(payload) } as ReceivedMessage),
    );
  const monitored = () =>
    pipeline
      .meterStates()
      .filter((s) => s.monitored)
      .map((s) => s.deviceId);
  return { pipeline, command, monitored, published };
}

describe('the pipeline follows the meter store', () => {
  it('marks meters monitored as the store changes, by hand or by a cloud command, until it stops', () => {
    const meters = new MeterStore({ file: null });
    meters.put(meter('11112222'));
    const { pipeline, command, monitored, published } = pipelineOn(meters);
    pipeline.start();
    expect(monitored()).toEqual(['11112222']);

    meters.put(meter('33334444'));
    expect(monitored()).toEqual(['11112222', '33334444']);
    meters.remove('11112222');
    expect(monitored()).toEqual(['33334444']);

    command(
      JSON.stringify([{ deviceId: '55556666', manufacturerKey: 'kam', encryptionKey: KEY.toString('hex') }]),
    );
    expect(monitored()).toEqual(['55556666']);
    expect(published).toEqual(['v2/706462169/kam-55556666/config']);

    pipeline.stop();
    meters.put(meter('77778888'));
    expect(monitored()).toEqual(['55556666']);
  });
});
