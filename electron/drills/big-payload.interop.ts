import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { IncomingMessage } from '../../shared/mqtt/types';
import type { EventBatch } from '../../shared/ipc/contract';
import { type AppCore } from '../core/app/app-core';
import { APP_ORIGIN as APP, createTestAppCore } from '../core/app/app-core-test-support';
import { DEFAULT_PREVIEW_BYTES } from '../core/mqtt/payload-preview';
import { eventually } from '../core/mqtt/test-support/fixtures';
import { requireMosquitto, startMosquitto, type Mosquitto } from '../core/mqtt/test-support/mosquitto';
import { Drill, writeSettings } from './support';

// Drill: a 5 MB payload arrives on a topic the technician subscribed to. The core hands the
// renderer a bounded preview that says it is cut, the process's memory stays sane, and the
// session carries on. (What the screen does with the preview is the renderer's own test.)

const SIZE = 5 * 1024 * 1024;
const drill = new Drill('big-payload');
let broker: Mosquitto | undefined;
let core: AppCore | undefined;

afterAll(async () => {
  await core?.dispose();
  await broker?.stop();
  await drill.cleanup();
});

function publish(topic: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const args = ['-h', '127.0.0.1', '-p', String(broker!.ports.plain), '-u', 'cloud', '-P', 'cloud-pass'];
    const pub = spawn('mosquitto_pub', [...args, '-q', '1', '-t', topic, '-f', file]);
    pub.on('error', reject);
    pub.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mosquitto_pub exited ${code}`))));
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe('drill: a 5 MB MQTT payload', () => {
  it('reaches the renderer as a flagged, bounded preview while memory and the session stay fine', async () => {
    requireMosquitto();
    fs.mkdirSync(drill.file('broker'));
    broker = await startMosquitto({
      dir: drill.file('broker'),
      users: { gw: 'gw-pass', cloud: 'cloud-pass' },
    });
    const settings = drill.file('secrets.yaml');
    writeSettings(settings, 'lab', {
      host: '127.0.0.1',
      port: broker.ports.plain,
      username: 'gw',
      password: 'gw-pass',
      gateway_id: '"706462169"',
    });
    core = createTestAppCore({
      settingsPath: settings,
    });
    const batchSizes: number[] = [];
    const messages: IncomingMessage[] = [];
    core.events.subscribe((batch: EventBatch) => {
      batchSizes.push(JSON.stringify(batch).length);
      for (const e of batch.events) if (e.stream === 'mqtt.message') messages.push(e.payload);
    });
    const call = (method: string, input?: unknown) => core!.router.handle({ origin: APP }, method, input);
    expect(await call('gateway.start', { profile: 'lab', port: 'virtual', linkMode: 'c1a' })).toMatchObject({
      ok: true,
    });
    await eventually(() => core!.gateway.status().session?.state === 'connected', 20_000, 'the session');
    expect(await call('mqtt.subscribe', { topic: 'drill/#', qos: 1 })).toMatchObject({ ok: true });

    // One JSON text (too big to check as JSON) and one binary payload, 5 MB each.
    const text = drill.file('big.json');
    fs.writeFileSync(text, JSON.stringify({ blob: 'x'.repeat(SIZE - 11) }));
    expect(fs.statSync(text).size).toBe(SIZE);
    const binary = drill.file('big.bin');
    fs.writeFileSync(binary, randomBytes(SIZE));

    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
    try {
      await publish('drill/text', text);
      await publish('drill/binary', binary);
      await eventually(
        () => messages.filter((m) => m.topic.startsWith('drill/')).length >= 2,
        20_000,
        'both',
      );
    } finally {
      clearInterval(sampler);
    }

    const shown = (topic: string) => messages.find((m) => m.topic === topic)!.payload;
    expect(shown('drill/text')).toMatchObject({ format: 'text', size: SIZE, truncated: true, hex: null });
    expect(shown('drill/text').shownBytes).toBeLessThanOrEqual(DEFAULT_PREVIEW_BYTES);
    expect(shown('drill/text').text!.length).toBe(shown('drill/text').shownBytes);
    expect(shown('drill/binary')).toMatchObject({
      format: 'binary',
      size: SIZE,
      truncated: true,
      text: null,
    });
    expect(shown('drill/binary').hex!.length).toBeLessThanOrEqual(DEFAULT_PREVIEW_BYTES);
    // No batch to the renderer carries more than the previews (never the 5 MB).
    expect(Math.max(...batchSizes)).toBeLessThan(3 * DEFAULT_PREVIEW_BYTES);

    const growth = rssPeak - rssBefore;
    console.info(`two 5 MB payloads: RSS ${mb(rssBefore)} → peak ${mb(rssPeak)} (+${mb(growth)})`);
    expect(growth).toBeLessThan(128 * 1024 * 1024);

    // The session carries on: a small message after them arrives as a whole.
    fs.writeFileSync(drill.file('small.txt'), 'still here');
    await publish('drill/after', drill.file('small.txt'));
    await eventually(() => messages.some((m) => m.topic === 'drill/after'), 10_000, 'the next message');
    expect(shown('drill/after')).toMatchObject({ text: 'still here', truncated: false });
    expect(core.gateway.status().session?.state).toBe('connected');
  }, 60_000);
});
