// Test support: a pipeline on a stick and a session that do nothing but hand over what the test gives
// them, and record what the pipeline asks to publish.
import type { ReceivedMessage } from '../../mqtt';
import { memoryLogger } from '../../mqtt/test-support/fixtures';
import type { MeterStore } from '../meter-store';
import { GatewayPipeline, type MessageSink, type TelegramSource } from '../pipeline';

export function stubPipeline(meters: MeterStore, clock?: () => Date) {
  const onMessage: Array<(m: ReceivedMessage) => void> = [];
  const published: Array<{ topic: string; payload: string }> = [];
  const stick: TelegramSource = { on: () => () => undefined };
  const session = {
    awaitingEcho: 0,
    publish: (request: { topic: string; payload: string }) => {
      published.push({ topic: request.topic, payload: request.payload });
      return new Promise(() => undefined); // stays queued: no broker in these tests
    },
    subscribe: async () => ({ topics: [] }),
    on: (event: string, listener: (value: never) => void) => {
      if (event === 'message') onMessage.push(listener as (m: ReceivedMessage) => void);
      return () => onMessage.splice(onMessage.indexOf(listener as never), 1);
    },
  } as unknown as MessageSink;
  const logger = memoryLogger();
  const pipeline = new GatewayPipeline({
    stick,
    session,
    meters,
    gatewayId: '706462169',
    dataFormat: 'per-channel',
    qos: 1,
    logger,
    ...(clock ? { clock } : {}),
  });
  /** A `sensors/set` command as the broker would deliver it. */
  const command = (payload: string) =>
    onMessage.forEach((l) =>
      l({ topic: 'v2/706462169/sensors/set', payload: Buffer.from(payload) } as ReceivedMessage),
    );
  return { pipeline, published, command, logger };
}
