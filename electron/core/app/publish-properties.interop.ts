import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt, { type IPublishPacket } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../shared/ipc/contract';
import type { IncomingMessage } from '../../../shared/mqtt/types';
import { type AppCore } from './app-core';
import { APP_ORIGIN as APP, createTestAppCore } from './app-core-test-support';
import { eventually } from '../mqtt/test-support/fixtures';
import { requireMosquitto, startMosquitto, type Mosquitto } from '../mqtt/test-support/mosquitto';

// MQTT 5 properties typed in the composer, through the IPC contract and the running gateway's
// session, to a real Mosquitto and back: Aedes speaks 3.1.1 only, so this needs the real broker.

let dir: string;
let broker: Mosquitto;
let core: AppCore;
const batches: EventBatch[] = [];

beforeAll(async () => {
  requireMosquitto();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-props-'));
  broker = await startMosquitto({ dir, anonymous: true });
  const settings = path.join(dir, 'secrets.yaml');
  fs.writeFileSync(
    settings,
    `mqtt5:\n  host: 127.0.0.1\n  port: ${broker.ports.plain}\n  protocol_version: 5\n  gateway_id: "706462169"\n`,
  );
  core = createTestAppCore({
    settingsPath: settings,
    demoIntervalMs: 1000,
  });
  core.events.subscribe((b) => batches.push(b));
  const started = await call('gateway.start', { profile: 'mqtt5', port: 'virtual' });
  expect(started).toMatchObject({ ok: true, value: { running: true } });
  await eventually(
    () =>
      batches.some((b) =>
        b.events.some((e) => e.stream === 'gateway.status' && e.payload.session?.state === 'connected'),
      ),
    10_000,
    'the MQTT 5 session to connect',
  );
});

afterAll(async () => {
  await core?.dispose();
  await broker?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const call = (method: string, input?: unknown) => core.router.handle({ origin: APP }, method, input);

const PROPERTIES = {
  payloadFormatIndicator: true,
  messageExpiryInterval: 120,
  contentType: 'application/json',
  responseTopic: 'test/props/reply',
  correlationData: '0a0b0c',
  userProperties: { site: 'Aarhus', tag: ['a', 'b'] },
};

describe('MQTT 5 publish properties (real Mosquitto)', () => {
  it('arrive at an independent subscriber exactly as typed', async () => {
    const subscriber = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.ports.plain}`, {
      protocolVersion: 5,
      reconnectPeriod: 0,
    });
    try {
      const got = new Promise<IPublishPacket>((resolve) =>
        subscriber.on('message', (_topic, _payload, packet) => resolve(packet)),
      );
      await subscriber.subscribeAsync('test/props/out', { qos: 1 });
      const published = await call('mqtt.publish', {
        topic: 'test/props/out',
        payload: '{"hello":1}',
        qos: 1,
        properties: PROPERTIES,
      });
      expect(published).toMatchObject({ ok: true, value: { state: 'acknowledged', result: 0 } });
      const packet = await got;
      expect(packet.properties?.contentType).toBe('application/json');
      expect(packet.properties?.responseTopic).toBe('test/props/reply');
      expect(packet.properties?.payloadFormatIndicator).toBe(true);
      expect(packet.properties?.correlationData).toEqual(Buffer.from([0x0a, 0x0b, 0x0c]));
      // The broker subtracts the time the message waited, so at most what was sent.
      expect(packet.properties?.messageExpiryInterval).toBeLessThanOrEqual(120);
      expect(packet.properties?.userProperties).toEqual({ site: 'Aarhus', tag: ['a', 'b'] });
    } finally {
      await subscriber.endAsync();
    }
  });

  it('come back on the gateway’s own subscription as plain JSON for the message list', async () => {
    const subscribed = await call('mqtt.subscribe', { topic: 'test/props/echo', qos: 1 });
    expect(subscribed).toMatchObject({ ok: true, value: { ok: true } });
    await call('mqtt.publish', { topic: 'test/props/echo', payload: 'x', qos: 1, properties: PROPERTIES });
    const incoming = (): IncomingMessage | undefined =>
      batches
        .flatMap((b) => b.events)
        .find((e) => e.stream === 'mqtt.message' && e.payload.topic === 'test/props/echo')?.payload as
        IncomingMessage | undefined;
    await eventually(() => incoming() !== undefined, 10_000, 'the echoed message');
    expect(incoming()!.properties).toMatchObject({
      contentType: 'application/json',
      correlationData: '0a 0b 0c',
      userProperties: { site: 'Aarhus', tag: ['a', 'b'] },
    });
  });

  it('are refused by the contract when malformed, naming the field', async () => {
    const bad = await call('mqtt.publish', {
      topic: 'test/props/out',
      payload: '',
      properties: { correlationData: 'xyz', responseTopic: 'a/#', messageExpiryInterval: -1 },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const message = (bad as { error: { message: string } }).error.message;
    expect(message).toMatch(/correlationData/);
    expect(message).toMatch(/responseTopic/);
    expect(message).toMatch(/messageExpiryInterval/);
  });
});
