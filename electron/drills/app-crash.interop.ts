import fs from 'node:fs';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { readJournal } from '../core/mqtt/outbox-journal';
import { eventually } from '../core/mqtt/test-support/fixtures';
import { requireMosquitto, startMosquitto, type Mosquitto } from '../core/mqtt/test-support/mosquitto';
import { Drill, eventsOf, writeSettings } from './support';

// Drill: the app is killed (SIGKILL: no flush, no cleanup, a stale outbox lock left behind) while
// messages wait in its outbox for a broker that is down. After a restart with the same outbox
// every queued message reaches a subscriber, in order.

const GW = '706462169';
const METER = { id: '32666857', key: '9A25139E3244CC2E391A8EF6B915B697' };
const drill = new Drill('app-crash');
let broker: Mosquitto | undefined;
let cloud: mqtt.MqttClient | undefined;

afterAll(async () => {
  await cloud?.endAsync(true);
  await broker?.stop();
  await drill.cleanup();
});

describe('drill: app killed with messages in the outbox', () => {
  it('sends every queued message after a restart of the app, in order', async () => {
    requireMosquitto();
    fs.mkdirSync(drill.file('broker'));
    broker = await startMosquitto({
      dir: drill.file('broker'),
      users: { gw: 'gw-pass', cloud: 'cloud-pass' },
    });
    await broker.stop(); // the broker is down while the app queues
    const settings = drill.file('secrets.yaml');
    writeSettings(settings, 'lab', {
      host: '127.0.0.1',
      port: broker.ports.plain,
      username: 'gw',
      password: 'gw-pass',
      gateway_id: `"${GW}"`,
      qos: 1,
    });
    const outbox = drill.file('outbox.jsonl');
    const runGateway = () =>
      drill.runVirtualGateway({ settings, meter: `${METER.id}=${METER.key}`, outbox, intervalMs: 60 });

    const first = runGateway();
    const queued = () => eventsOf(first, 'published').filter((p) => p['state'] === 'queued');
    await eventually(() => queued().length >= 24, 30_000, 'the first run to queue 24 messages');
    expect(eventsOf(first, 'connected')).toHaveLength(0);
    expect(queued().every((p) => p['result'] === 4)).toBe(true); // 4: no connection
    await first.kill('SIGKILL');
    expect(first.process.signalCode).toBe('SIGKILL');

    // Whatever the app reported as queued is on disk (the journal is written before the event).
    const journal = readJournal(outbox);
    const ids = [...journal.entries.keys()].sort((a, b) => a - b);
    const reported = queued().map((p) => p['outboxId'] as number);
    expect(ids).toEqual(expect.arrayContaining(reported));
    expect(journal.corruptLines).toBe(0);
    const expected = ids.map((id) => {
      const entry = journal.entries.get(id)!;
      return `${entry.topic} ${entry.payload.toString()}`;
    });
    expect(expected.length).toBeGreaterThanOrEqual(24);

    await broker.restart();
    const received: string[] = [];
    cloud = await mqtt.connectAsync({
      host: '127.0.0.1',
      port: broker.ports.plain,
      username: 'cloud',
      password: 'cloud-pass',
      reconnectPeriod: 0,
    });
    cloud.on('message', (topic, payload) => received.push(`${topic} ${payload.toString()}`));
    await cloud.subscribeAsync(`v2/${GW}/+/data`, { qos: 1 });

    const second = runGateway();
    await eventually(() => received.length >= expected.length, 30_000, 'the queued messages at the cloud');
    // The outbox is sent oldest first, before anything the second run decodes itself.
    expect(received.slice(0, expected.length)).toEqual(expected);
    expect(second.stderr()).not.toMatch(/locked|OutboxLocked/i);

    await second.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(eventsOf(second, 'stopped')[0]?.['outboxLeft']).toBe(0);
  }, 90_000);
});
