import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventBatch } from '../../shared/ipc/contract';
import type { SettingsView } from '../../shared/settings';
import { type AppCore } from '../core/app/app-core';
import { APP_ORIGIN as APP, createTestAppCore } from '../core/app/app-core-test-support';
import { PtyPair } from '../core/stick/fixtures/pty-pair';
import { eventually, memoryLogger } from '../core/mqtt/test-support/fixtures';
import { requireMosquitto, startMosquitto, type Mosquitto } from '../core/mqtt/test-support/mosquitto';
import { Drill, writeSettings } from './support';

// Drill: the settings file turns to garbage while a gateway runs from one of its profiles. The
// app notices by itself (watchSettings), reports every problem with file, line and key in the
// settings.changed event and the log, and the running session keeps its profile, its connection
// and its data flow.

const GW = '706462169';
const METER = { id: '32666857', key: '9A25139E3244CC2E391A8EF6B915B697' };
const drill = new Drill('settings-garbage');
const pair = new PtyPair(drill.file('host'), drill.file('stick'));
let broker: Mosquitto | undefined;
let core: AppCore | undefined;
let cloud: mqtt.MqttClient | undefined;

afterAll(async () => {
  await cloud?.endAsync(true);
  await core?.dispose();
  await broker?.stop();
  await pair.stop();
  await drill.cleanup();
});

describe('drill: the settings file changed to garbage while running', () => {
  it('reports file, line and key, and the running session stays connected and keeps publishing', async () => {
    requireMosquitto();
    PtyPair.assertSocatInstalled();
    fs.mkdirSync(drill.file('broker'));
    broker = await startMosquitto({
      dir: drill.file('broker'),
      users: { gw: 'gw-pass', cloud: 'cloud-pass' },
    });
    const settings = drill.file('secrets.yaml');
    const good = {
      host: '127.0.0.1',
      port: broker.ports.plain,
      username: 'gw',
      password: 'gw-pass',
      gateway_id: `"${GW}"`,
      qos: 1,
    };
    writeSettings(settings, 'lab', good);
    const received: string[] = [];
    cloud = await mqtt.connectAsync({
      host: '127.0.0.1',
      port: broker.ports.plain,
      username: 'cloud',
      password: 'cloud-pass',
      reconnectPeriod: 0,
    });
    cloud.on('message', (topic) => received.push(topic));
    await cloud.subscribeAsync(`v2/${GW}/+/data`, { qos: 1 });

    await pair.start();
    drill.cli(['stick-sim', '--port', pair.stickPath, '--interval-ms', '100']);
    const logger = memoryLogger();
    core = createTestAppCore({
      settingsPath: settings,
      logger,
      watchSettings: true,
      watchDebounceMs: 50,
    });
    const views: SettingsView[] = [];
    core.events.subscribe((batch: EventBatch) => {
      for (const e of batch.events) if (e.stream === 'settings.changed') views.push(e.payload);
    });
    const call = (method: string, input?: unknown) => core!.router.handle({ origin: APP }, method, input);
    await call('meters.add', { deviceId: METER.id, key: METER.key, manufacturerKey: 'kam' });
    expect(
      await call('gateway.start', { profile: 'lab', port: pair.hostPath, linkMode: 'c1a' }),
    ).toMatchObject({
      ok: true,
    });
    await eventually(() => received.length >= 8, 30_000, 'data at the cloud');

    // 1. A hand edit that breaks the YAML (an unclosed bracket on line 3).
    fs.writeFileSync(settings, `lab:\n  host: 127.0.0.1\n  alpn: [mqtt\n  port: ${good.port}\n`);
    await eventually(() => views.length === 1, 10_000, 'settings.changed after the broken edit');
    expect(views[0]!.profiles.map((p) => p.name)).toEqual(['demo']);
    expect(views[0]!.problems).toEqual([
      expect.objectContaining({ severity: 'error', file: settings, line: 4, key: 'lab.port' }),
    ]);
    expect(views[0]!.problems[0]!.message).toMatch(/YAML syntax error/);
    expect(logger.lines.join('\n')).toContain(`${settings}:4 lab.port: YAML syntax error`);
    let before = received.length;
    await eventually(() => received.length >= before + 8, 10_000, 'data still flowing after the broken edit');

    // 2. An editor's atomic save of binary garbage (a new file renamed over the old one).
    const temporary = drill.file('.secrets.yaml.swp-new');
    fs.writeFileSync(temporary, randomBytes(4096));
    fs.renameSync(temporary, settings);
    await eventually(() => views.length === 2, 10_000, 'settings.changed after the garbage');
    expect(views[1]!.profiles.map((p) => p.name)).toEqual(['demo']);
    expect(views[1]!.problems.length).toBeGreaterThan(0);
    expect(views[1]!.problems.every((p) => p.file === settings && p.severity === 'error')).toBe(true);
    before = received.length;
    await eventually(() => received.length >= before + 8, 10_000, 'data still flowing after the garbage');

    // The running gateway kept its profile and connection the whole time.
    const status = core.gateway.status();
    expect(status).toMatchObject({ running: true, profile: 'lab', session: { state: 'connected' } });
    expect(status.session!.outbox.count).toBeLessThan(8);

    // 3. Fixed again: the profile is back, with no problems.
    writeSettings(settings, 'lab', { ...good, keepalive: 30 });
    await eventually(() => views.length === 3, 10_000, 'settings.changed after the fix');
    expect(views[2]!.problems).toEqual([]);
    expect(views[2]!.profiles.find((p) => p.name === 'lab')).toMatchObject({ keepalive: 30 });
    expect(core.settings()?.profiles.map((p) => p.name)).toEqual(['lab']);
  }, 90_000);
});
