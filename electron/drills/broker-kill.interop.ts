import fs from 'node:fs';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../core/mqtt/test-support/aedes-broker';
import { eventually } from '../core/mqtt/test-support/fixtures';
import { MOSQUITTO, requireMosquitto } from '../core/mqtt/test-support/mosquitto';
import { Drill, eventsOf, sleep, waitForPort, writeSettings, type Child } from './support';

// Drill: the broker is killed (SIGKILL: no goodbye, no saved state) during a stream and comes back
// a moment later. The graceful variant — Mosquitto stopped and restarted, with TLS, a pty and the
// stick simulator, every data message counted at the cloud — is gateway.interop.ts. Here the
// broker dies hard: the app must still get every message it decoded acknowledged by the broker,
// in order, and nothing it publishes once the cloud is subscribed again may be missing there.

const GW = '706462169';
const METER = { id: '32666857', key: '9A25139E3244CC2E391A8EF6B915B697' };
const drill = new Drill('broker-kill');
let cloud: mqtt.MqttClient | undefined;

afterAll(async () => {
  await cloud?.endAsync(true);
  await drill.cleanup();
});

describe('drill: broker killed and restarted during a stream', () => {
  it('gets every decoded message acknowledged after the broker comes back, none lost or reordered', async () => {
    requireMosquitto();
    const port = await freePort();
    const config = drill.file('mosquitto.conf');
    fs.writeFileSync(
      config,
      [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', ''].join(
        '\n',
      ),
    );
    const startBroker = async (): Promise<Child> => {
      const broker = drill.start(MOSQUITTO, ['-c', config]);
      await waitForPort(port);
      return broker;
    };
    let broker = await startBroker();
    const settings = drill.file('secrets.yaml');
    writeSettings(settings, 'lab', { host: '127.0.0.1', port, gateway_id: `"${GW}"`, qos: 1 });

    const received: Array<{ payload: string; at: number }> = [];
    let subscribedAt = 0;
    cloud = mqtt.connect({ host: '127.0.0.1', port, reconnectPeriod: 50, clean: true });
    cloud.on('message', (_topic, payload) => received.push({ payload: payload.toString(), at: Date.now() }));
    // A fresh broker knows no subscriptions: the cloud subscribes again on every connect.
    cloud.on('connect', () => {
      cloud!.subscribe(`v2/${GW}/+/data`, { qos: 1 }, (error) => {
        if (!error) subscribedAt = Date.now();
      });
    });
    await eventually(() => subscribedAt > 0, 10_000, 'the cloud subscription');

    const run = drill.runVirtualGateway({
      settings,
      meter: `${METER.id}=${METER.key}`,
      outbox: drill.file('outbox.jsonl'),
      intervalMs: 50,
    });
    const published = (state: string) => eventsOf(run, 'published').filter((p) => p['state'] === state);
    await eventually(() => published('acknowledged').length >= 20, 30_000, 'data before the kill');

    await broker.kill('SIGKILL');
    const killedAt = Date.now();
    await eventually(() => published('queued').length >= 8, 10_000, 'data queued while the broker is dead');
    await sleep(200);
    broker = await startBroker();
    await eventually(() => subscribedAt > killedAt, 10_000, 'the cloud to subscribe again');
    const resubscribedAt = subscribedAt;
    await eventually(() => eventsOf(run, 'connected').length >= 2, 15_000, 'the gateway to reconnect');
    const queuedIds = published('queued').map((p) => p['outboxId'] as number);
    await eventually(
      () => {
        const acked = new Set(published('acknowledged').map((p) => p['outboxId'] as number));
        return queuedIds.every((id) => acked.has(id));
      },
      15_000,
      'every queued message acknowledged',
    );
    const ackedSince = (t: number) =>
      published('acknowledged').filter((p) => Date.parse(p['at'] as string) > t);
    await eventually(
      () => ackedSince(resubscribedAt + 50).length >= 8,
      10_000,
      'data after the cloud is back',
    );
    await run.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(eventsOf(run, 'stopped')[0]?.['outboxLeft']).toBe(0);

    // Every message the app decoded was acknowledged; those that waited were sent in id order.
    const ids = [...new Set(eventsOf(run, 'published').map((p) => p['outboxId'] as number))];
    const acknowledged = published('acknowledged').map((p) => p['outboxId'] as number);
    expect(new Set(acknowledged)).toEqual(new Set(ids));
    const afterKill = acknowledged.filter((id) => queuedIds.includes(id));
    expect(afterKill).toEqual([...afterKill].sort((a, b) => a - b));

    // What the app sent after the cloud was back arrived there (counted: QoS 1 may repeat some).
    const telegrams = eventsOf(run, 'telegram').filter((t) => t['ok'] && t['monitored']);
    expect(telegrams.length * 4).toBe(ids.length);
    const late = ackedSince(resubscribedAt + 50);
    await eventually(
      () => received.filter((r) => r.at > resubscribedAt).length >= late.length,
      10_000,
      'the messages acknowledged after the cloud subscribed again',
    );
  }, 90_000);
});
