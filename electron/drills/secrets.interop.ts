import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBatch, checklist, emptyFacts, type Facts } from '../../renderer/src/commissioning/checklist';
import { buildRecord, recordJson } from '../../renderer/src/commissioning/record';
import { DEFAULT_QUERY, surveyCsv, surveyJson, surveyRows } from '../../renderer/src/survey/survey-table';
import type { GatewayStatus } from '../../shared/gateway';
import type { EventBatch } from '../../shared/ipc/contract';
import { type AppCore } from '../core/app/app-core';
import { APP_ORIGIN as APP, createTestAppCore } from '../core/app/app-core-test-support';
import { DEMO_METER } from '../core/demo';
import { PtyPair } from '../core/stick/fixtures/pty-pair';
import { SimulatedOmniPower } from '../core/stick/simulated-meter';
import { outboxFileFor } from '../core/mqtt/outbox-path';
import { startTestBroker, type TestBroker } from '../core/mqtt/test-support/aedes-broker';
import { makeTestCertificates, type TestCertificates } from '../core/mqtt/test-support/certs';
import { eventually, memoryLogger } from '../core/mqtt/test-support/fixtures';
import { kemFile, zipArchive } from '../core/kem/test-support/kem-writer';
import { Drill, eventsOf, writeSettings } from './support';

// Secrets never leak. The whole pipeline runs with distinctive secrets — the broker password, a
// meter's AES key (added by hand, sent by the cloud's sensors/set, imported from a KEM key file),
// the KEM file's password, the passphrase of the TLS client key — against a TLS broker that
// requires the client certificate and the password, with a stick on a pseudo-terminal, and the
// broker goes away for a while so the outbox fills. Then no secret, in any spelling, may be in a
// log line, an event or answer the renderer got, the outbox file, CLI output (`run`, `keys import`,
// `survey`), the commissioning record or the meters-in-range exports the renderer makes.

const GW = '706462169';
const PASSWORD = 'Pw-Q7x!v3Zr9-secret-kp41';
const CLOUD_PASSWORD = 'cloud-only-pass';
const METER_ID = '41526373';
const KEY = 'C0FFEE11D15EA5E5BADC0DE5A1B2C3D4';
const KEM_PASSWORD = 'Kem-7Qz!x9Lw';

const drill = new Drill('secrets');
const pair = new PtyPair(drill.file('host'), drill.file('stick'));
let certs: TestCertificates;
let broker: TestBroker | undefined;
let core: AppCore | undefined;
let cloud: mqtt.MqttClient | undefined;

afterAll(async () => {
  await cloud?.endAsync(true);
  await core?.dispose();
  await broker?.close();
  await pair.stop();
  await drill.cleanup();
  if (certs) fs.rmSync(certs.dir, { recursive: true, force: true });
});

/** Every spelling of every secret that must not appear, with a label for the failure message. */
function forbidden(): Array<{ what: string; needle: string; ignoreCase: boolean }> {
  const key = Buffer.from(KEY, 'hex');
  const keyPem = fs
    .readFileSync(certs.client.key, 'utf8')
    .split('\n')
    .filter((l) => l.length >= 16 && !l.startsWith('-----'));
  const list = [
    { what: 'broker password', needle: PASSWORD, ignoreCase: false },
    { what: 'broker password (base64)', needle: Buffer.from(PASSWORD).toString('base64'), ignoreCase: false },
    { what: 'key passphrase', needle: certs.clientPassphrase, ignoreCase: false },
    {
      what: 'key passphrase (base64)',
      needle: Buffer.from(certs.clientPassphrase).toString('base64'),
      ignoreCase: false,
    },
    { what: 'AES key (base64)', needle: key.toString('base64'), ignoreCase: false },
    { what: 'KEM file password', needle: KEM_PASSWORD, ignoreCase: false },
    {
      what: 'KEM file password (base64)',
      needle: Buffer.from(KEM_PASSWORD).toString('base64'),
      ignoreCase: false,
    },
    { what: 'AES key (spaced hex)', needle: KEY.replace(/(..)(?!$)/g, '$1 '), ignoreCase: true },
    ...keyPem.map((line) => ({ what: 'client key file', needle: line, ignoreCase: false })),
  ];
  // Any 6 consecutive hex digits of the key, either case (the last four are shown on purpose).
  for (let at = 0; at + 6 <= KEY.length; at++)
    list.push({ what: `AES key digits ${at}..${at + 5}`, needle: KEY.slice(at, at + 6), ignoreCase: true });
  return list;
}

function leaks(text: string): string[] {
  const lower = text.toLowerCase();
  return forbidden()
    .filter(({ needle, ignoreCase }) =>
      ignoreCase ? lower.includes(needle.toLowerCase()) : text.includes(needle),
    )
    .map(({ what }) => what);
}

function startBroker(port?: number): Promise<TestBroker> {
  const users: Record<string, string> = { gw: PASSWORD, cloud: CLOUD_PASSWORD };
  return startTestBroker({
    tls: {
      key: fs.readFileSync(certs.server.key),
      cert: fs.readFileSync(certs.server.cert),
      ca: fs.readFileSync(certs.ca),
      requestCert: true,
      rejectUnauthorized: true,
    },
    ...(port ? { port } : {}),
    authenticate: (_client, username, password, done) =>
      done(null, username !== undefined && users[username] === password?.toString()),
  });
}

/** A profile that needs every secret: TLS with a passphrase-protected client key, and a password. */
function writeLabSettings(file: string, port: number): void {
  writeSettings(file, 'lab', {
    host: '127.0.0.1',
    port,
    tls: 'true',
    ca_file: certs.ca,
    cert_file: certs.client.cert,
    key_file: certs.client.key,
    key_passphrase: `'${certs.clientPassphrase}'`,
    username: 'gw',
    password: `'${PASSWORD}'`,
    gateway_id: `"${GW}"`,
    qos: 1,
  });
}

/** The cloud sends the key in a sensors/set command (plus one bad entry carrying it too). */
/** A command with the key in it; a malformed one must not be quoted back anywhere either. */
const COMMAND_WITH_KEY = JSON.stringify([
  { deviceId: METER_ID, manufacturerKey: 'kam', encryptionKey: KEY },
  { deviceId: '123', manufacturerKey: 'kam', encryptionKey: KEY },
]);
const MALFORMED_COMMAND_WITH_KEY = `[{"deviceId":"${METER_ID}","manufacturerKey":"kam","encryptionKey":"${KEY}"},]`;

async function sendCommandWithKey(port: number, payload = COMMAND_WITH_KEY): Promise<void> {
  const client = await mqtt.connectAsync({
    host: '127.0.0.1',
    port,
    protocol: 'mqtts',
    ca: fs.readFileSync(certs.ca),
    cert: fs.readFileSync(certs.client.cert),
    key: createPrivateKey({ key: fs.readFileSync(certs.client.key), passphrase: certs.clientPassphrase })
      .export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    username: 'cloud',
    password: CLOUD_PASSWORD,
    reconnectPeriod: 0,
  });
  cloud = client;
  await client.publishAsync(`v2/${GW}/sensors/set`, payload, { qos: 1 });
  await client.endAsync(true);
  cloud = undefined;
}

/**
 * A capture, split in two surfaces: the telegram bytes (`hex`, `frame`), which are encrypted with
 * the key and so hold any 6 hex digits by chance, are checked for the whole key only; everything
 * else (payloads, notes, outcomes) for every spelling. Secrets must be in neither.
 */
function captureSurfaces(file: string, label: string): Record<string, string> {
  const bytes = fs.readFileSync(file);
  const lines = zlib.gunzipSync(bytes).toString('utf8').trim().split('\n');
  const telegramBytes: string[] = [];
  const rest = lines.map((line) => {
    const record = JSON.parse(line) as Record<string, unknown>;
    for (const field of ['hex', 'frame']) {
      if (typeof record[field] === 'string') telegramBytes.push(record[field]);
      delete record[field];
    }
    return JSON.stringify(record);
  });
  const joined = telegramBytes.join('\n').toLowerCase();
  expect(joined.length).toBeGreaterThan(0);
  expect(joined, `the AES key in the telegram bytes of ${label}`).not.toContain(KEY.toLowerCase());
  return { [`${label} (everything but telegram bytes)`]: rest.join('\n') };
}

function expectNoLeaks(surfaces: Record<string, string>): void {
  const found = Object.entries(surfaces).flatMap(([surface, text]) =>
    leaks(text).map((what) => `${what} in ${surface}`),
  );
  expect(found).toEqual([]);
}

beforeAll(() => {
  PtyPair.assertSocatInstalled();
  certs = makeTestCertificates();
});

describe('secrets never leak', () => {
  it('keeps the password, AES key and key passphrase out of logs, renderer traffic, the outbox and the record', async () => {
    broker = await startBroker();
    const port = broker.port;
    const settings = drill.file('secrets.yaml');
    writeLabSettings(settings, port);

    await pair.start();
    drill.cli([
      'stick-sim',
      '--port',
      pair.stickPath,
      '--interval-ms',
      '100',
      '--meter',
      `${METER_ID}=${KEY}`,
    ]);

    const logger = memoryLogger();
    const userData = drill.file('user-data');
    core = createTestAppCore({
      settingsPath: settings,
      logger,
      userDataDir: userData,
    });
    const batches: EventBatch[] = [];
    core.events.subscribe((batch) => batches.push(structuredClone(batch)));
    const answers: string[] = [];
    const call = async (method: string, input?: unknown) => {
      const result = await core!.router.handle({ origin: APP }, method, input);
      answers.push(JSON.stringify(result));
      return result;
    };
    const gatewayEvents = () =>
      batches.flatMap((b) => b.events).flatMap((e) => (e.stream === 'gateway.event' ? [e.payload] : []));
    const published = (state: string) =>
      gatewayEvents().filter((e) => e.event === 'published' && e.state === state);

    expect(await call('settings.get')).toMatchObject({ ok: true });
    expect(await call('meters.add', { deviceId: METER_ID, key: KEY, manufacturerKey: 'kam' })).toMatchObject({
      ok: true,
    });
    expect(
      await call('gateway.start', { profile: 'lab', port: pair.hostPath, linkMode: 'c1a' }),
    ).toMatchObject({ ok: true });
    // A capture records all that follows: the commands with the key, the outage, the inspector.
    const capture = await call('capture.start');
    expect(capture).toMatchObject({ ok: true, value: { capture: { file: expect.any(String) } } });
    const captureFile = (capture as { value: GatewayStatus }).value.capture!.file;
    await eventually(
      () => gatewayEvents().some((e) => e.event === 'confirmed'),
      30_000,
      'a confirmed data message',
    );

    await sendCommandWithKey(port);
    await eventually(() => gatewayEvents().some((e) => e.event === 'command'), 10_000, 'the command');
    await sendCommandWithKey(port, MALFORMED_COMMAND_WITH_KEY);
    await eventually(
      () => gatewayEvents().some((e) => e.event === 'command-refused'),
      10_000,
      'the refused command',
    );

    // The broker goes away: messages wait in the outbox file.
    await broker.close();
    broker = undefined;
    const queuedBefore = published('queued').length;
    await eventually(() => published('queued').length >= queuedBefore + 8, 20_000, 'queued messages');
    const outboxFile = outboxFileFor(path.join(userData, 'outbox'), 'lab');
    const outboxWhileDown = fs.readFileSync(outboxFile, 'utf8');
    expect(outboxWhileDown.split('\n').length).toBeGreaterThan(8);

    broker = await startBroker(port);
    const acknowledged = published('acknowledged').length;
    await eventually(
      () => published('acknowledged').length >= acknowledged + 8,
      30_000,
      'the outbox sent after the restart',
    );

    // The inspector with the key typed in, and with the monitored key.
    // Fixed bytes, so the hex in the answer can never match key digits by chance on some run.
    const telegram = new SimulatedOmniPower(
      { id: METER_ID, key: Buffer.from(KEY, 'hex') },
      () => 0.5,
    ).nextTelegram(Date.parse('2026-11-25T12:00:00Z'));
    const hex = `${telegram.frame.length.toString(16).padStart(2, '0')}${telegram.frame.toString('hex')}`;
    expect(await call('telegram.explain', { hex, key: KEY })).toMatchObject({ ok: true });
    expect(await call('telegram.explain', { hex })).toMatchObject({ ok: true });
    const status = await call('gateway.status');
    expect(status).toMatchObject({ ok: true, value: { running: true, session: { state: 'connected' } } });
    expect(await call('capture.stop')).toMatchObject({ ok: true, value: { capture: null } });
    await call('gateway.stop');
    core.events.flush();

    // The record the Commissioning screen exports, built from exactly what the renderer received.
    const now = new Date().toISOString();
    let facts: Facts = emptyFacts();
    for (const batch of batches) facts = applyBatch(facts, batch, now);
    const finalStatus = (status as { value: GatewayStatus }).value;
    const record = buildRecord(finalStatus, checklist(facts), now);
    expect(record.meters[0]).toMatchObject({ deviceId: METER_ID, key: `…${KEY.slice(-4)}` });

    // The Meters in range exports, from the same snapshot.
    const survey = finalStatus.survey!;
    const rows = surveyRows(survey, DEFAULT_QUERY, Date.parse(now));
    expect(rows.find((r) => r.deviceId === METER_ID)).toMatchObject({ keyHeld: true, monitored: true });

    const surfaces: Record<string, string> = {
      'meters in range CSV': surveyCsv(rows),
      'meters in range JSON': surveyJson(survey, rows, now),
      'log lines': logger.lines.join('\n'),
      'events to the renderer': JSON.stringify(batches),
      'answers to the renderer': answers.join('\n'),
      'outbox file while the broker was down': outboxWhileDown,
      'outbox file at the end': fs.readFileSync(outboxFile, 'utf8'),
      'commissioning record': recordJson(record),
      ...captureSurfaces(captureFile, 'capture file'),
    };
    // Each surface really carried the traffic (so an empty one cannot pass by accident).
    expect(surfaces['events to the renderer']).toContain(`kam-${METER_ID}/data`);
    expect(surfaces['events to the renderer']).toContain('"stream":"mqtt.message"');
    expect(surfaces['answers to the renderer']).toContain(METER_ID);
    expect(surfaces['outbox file while the broker was down']).toContain(`kam-${METER_ID}/data`);
    expect(logger.lines.length).toBeGreaterThan(0);
    const captured = surfaces['capture file (everything but telegram bytes)']!;
    expect(captured).toContain(`"topic":"v2/${GW}/sensors/set"`);
    expect(captured).toContain(`"type":"mqtt-out","topic":"v2/${GW}/kam-${METER_ID}/data"`);
    expect(captured).toContain('"event":"command-refused"');

    expectNoLeaks(surfaces);
  }, 120_000);

  it('keeps them out of what `cli run` prints (events on stdout, log on stderr) and its outbox', async () => {
    const own = await startBroker();
    try {
      const settings = drill.file('secrets-cli.yaml');
      writeLabSettings(settings, own.port);
      const outbox = drill.file('cli-outbox.jsonl');
      const capture = drill.file('cli-capture.gdcap.gz');
      const run = drill.runVirtualGateway({
        settings,
        meter: `${METER_ID}=${KEY}`,
        outbox,
        intervalMs: 50,
        capture,
      });
      const published = (state: string) => eventsOf(run, 'published').filter((p) => p['state'] === state);
      await eventually(() => eventsOf(run, 'confirmed').length > 0, 30_000, 'a confirmed data message');
      await sendCommandWithKey(own.port);
      await eventually(() => eventsOf(run, 'command').length > 0, 10_000, 'the command');
      await own.close();
      const queued = published('queued').length;
      await eventually(() => published('queued').length >= queued + 8, 20_000, 'queued messages');
      const outboxWhileDown = fs.readFileSync(outbox, 'utf8');
      await run.kill('SIGINT');
      expect(await run.exited).toBe(0);

      const stdout = run.lines.map((line) => JSON.stringify(line)).join('\n');
      expect(stdout).toContain(`kam-${METER_ID}/data`);
      expectNoLeaks({
        'cli run stdout': stdout,
        'cli run stderr (its log)': run.stderr(),
        'cli run outbox file': outboxWhileDown,
        ...captureSurfaces(capture, 'cli run --capture file'),
      });
    } finally {
      await own.close();
    }
  }, 90_000);

  it('keeps the keys of a KEM file and its password out of the app, `keys import`, `run` and their outputs', async () => {
    const own = await startBroker();
    const kemPair = new PtyPair(drill.file('kem-host'), drill.file('kem-stick'));
    try {
      const kem = drill.file('delivery.zip');
      fs.writeFileSync(
        kem,
        zipArchive([
          {
            name: 'delivery/meters.kem',
            data: kemFile('Devices', [{ id: METER_ID, key: KEY, model: 'OmniPower' }], KEM_PASSWORD),
            method: 'deflated',
          },
        ]),
      );
      const file = fs.readFileSync(kem).toString('base64');
      await kemPair.start();
      drill.cli([
        'stick-sim',
        '--port',
        kemPair.stickPath,
        '--interval-ms',
        '100',
        '--meter',
        `${METER_ID}=${KEY}`,
      ]);
      const settings = drill.file('secrets-kem.yaml');
      writeLabSettings(settings, own.port);

      // The window: a wrong password, the preview, the import, a Start that decodes and publishes
      // the imported meter, and the record it exports.
      const logger = memoryLogger();
      const app = createTestAppCore({
        settingsPath: settings,
        logger,
        userDataDir: drill.file('kem-app-data'),
      });
      const batches: EventBatch[] = [];
      app.events.subscribe((batch) => batches.push(structuredClone(batch)));
      const answers: string[] = [];
      const call = async (method: string, input?: unknown) => {
        const result = await app.router.handle({ origin: APP }, method, input);
        answers.push(JSON.stringify(result));
        return result;
      };
      expect(await call('kem.preview', { file, password: 'Kem-7Qz!x9LW' })).toMatchObject({ ok: false });
      expect(await call('kem.preview', { file, password: KEM_PASSWORD })).toMatchObject({ ok: true });
      const imported = await call('kem.import', {
        file,
        password: KEM_PASSWORD,
        ids: [METER_ID],
        replace: [],
      });
      expect(imported).toMatchObject({ ok: true, value: { results: [{ id: METER_ID, imported: true }] } });
      expect(
        await call('gateway.start', { profile: 'lab', port: kemPair.hostPath, linkMode: 'c1a' }),
      ).toMatchObject({
        ok: true,
      });
      const confirmed = () =>
        batches
          .flatMap((b) => b.events)
          .some((e) => e.stream === 'gateway.event' && e.payload.event === 'confirmed');
      await eventually(confirmed, 30_000, 'a confirmed data message of the imported meter');
      const status = (await call('gateway.status')) as { value: GatewayStatus };
      await call('gateway.stop');
      app.events.flush();
      await app.dispose();
      let facts: Facts = emptyFacts();
      for (const batch of batches) facts = applyBatch(facts, batch, new Date().toISOString());
      const record = buildRecord(status.value, checklist(facts), new Date().toISOString());

      // The command line: `keys import` into a user-data folder, then `run` monitoring it.
      const userData = drill.file('kem-cli-data');
      const keys = drill.cliWithInput(
        ['keys', 'import', kem, '--password-stdin', '--user-data', userData],
        `${KEM_PASSWORD}\n`,
      );
      expect(keys.status).toBe(0);
      const outbox = drill.file('kem-outbox.jsonl');
      const run = drill.runGateway({ settings, port: kemPair.hostPath, outbox, userData });
      await eventually(() => eventsOf(run, 'confirmed').length > 0, 30_000, 'a confirmed data message');
      await run.kill('SIGINT');
      expect(await run.exited).toBe(0);
      const runStdout = run.lines.map((line) => JSON.stringify(line)).join('\n');

      const surfaces: Record<string, string> = {
        'app log lines': logger.lines.join('\n'),
        'events to the renderer': JSON.stringify(batches),
        'answers to the renderer': answers.join('\n'),
        'commissioning record': recordJson(record),
        'keys import stdout': keys.stdout,
        'keys import stderr': keys.stderr,
        'cli run stdout': runStdout,
        'cli run stderr (its log)': run.stderr(),
        'cli run outbox file': fs.readFileSync(outbox, 'utf8'),
      };
      // Each surface really carried the meter (so an empty one cannot pass by accident).
      expect(surfaces['answers to the renderer']).toContain(`"id":"${METER_ID}"`);
      expect(surfaces['answers to the renderer']).toContain('Wrong password');
      expect(surfaces['events to the renderer']).toContain(`kam-${METER_ID}/data`);
      expect(surfaces['keys import stdout']).toContain(METER_ID);
      expect(surfaces['cli run stdout']).toContain(`kam-${METER_ID}/data`);
      expect(surfaces['cli run outbox file']).toContain(`kam-${METER_ID}/data`);
      expect(record.meters[0]).toMatchObject({ deviceId: METER_ID, key: `…${KEY.slice(-4)}` });
      expectNoLeaks(surfaces);
    } finally {
      await own.close();
      await kemPair.stop();
    }
  }, 90_000);

  it('keeps them out of what `cli survey` prints, with the key given for a meter it hears', async () => {
    // The virtual stick plays the demo's meters: the key is tried on the demo meter's telegrams.
    const survey = drill.cli([
      ...['survey', '--port', 'virtual', '--seconds', '2', '--virtual-interval-ms', '100'],
      ...['--meter', `${DEMO_METER.id}=${KEY}`],
    ]);
    expect(await survey.exited).toBe(0);
    const stdout = survey.lines.map((line) => JSON.stringify(line)).join('\n');
    expect(survey.lines.find((m) => m['deviceId'] === DEMO_METER.id)).toMatchObject({ keyHeld: true });
    expectNoLeaks({ 'cli survey stdout': stdout, 'cli survey stderr': survey.stderr() });
  }, 60_000);
  it('keeps the password and key passphrase out of the profile form: its answers, the events and the log', async () => {
    const formBroker = await startBroker();
    const settings = drill.file('form-secrets.yaml');
    writeLabSettings(settings, formBroker.port);
    const logger = memoryLogger();
    const formCore = createTestAppCore({ settingsPath: settings, logger });
    const batches: EventBatch[] = [];
    formCore.events.subscribe((batch) => batches.push(structuredClone(batch)));
    const answers: string[] = [];
    const call = async (method: string, input?: unknown) => {
      const result = await formCore.router.handle({ origin: APP }, method, input);
      answers.push(JSON.stringify(result));
      return result as { ok: boolean; value?: Record<string, unknown> };
    };
    try {
      const read = await call('profiles.read');
      const lab = (read.value?.['profiles'] as Array<Record<string, unknown>>)[0]!;
      expect(lab).toMatchObject({ name: 'lab', hasPassword: true, hasKeyPassphrase: true });
      // The form's test uses the stored password and passphrase without ever seeing them.
      const draft = {
        name: 'lab',
        values: lab['values'],
        password: { action: 'keep' },
        keyPassphrase: { action: 'keep' },
        secretsFrom: 'lab',
      };
      expect(await call('profiles.test', { draft })).toMatchObject({
        ok: true,
        value: { ok: true, code: 0 },
      });
      expect(await call('profiles.test', { name: 'lab' })).toMatchObject({
        ok: true,
        value: { ok: true, code: 0 },
      });
      // Duplicate, rename and delete: the secrets move inside main only.
      const copy = await call('profiles.save', {
        originalName: null,
        hash: read.value?.['hash'],
        draft: { ...draft, name: 'lab-copy' },
      });
      expect(copy).toMatchObject({ ok: true });
      const renamed = await call('profiles.save', {
        originalName: 'lab-copy',
        hash: copy.value?.['hash'],
        draft: { ...draft, name: 'lab-renamed', secretsFrom: 'lab-copy' },
      });
      expect(renamed).toMatchObject({ ok: true });
      expect(fs.readFileSync(settings, 'utf8').split(PASSWORD).length - 1).toBe(2);
      expect(await call('profiles.test', { name: 'lab-renamed' })).toMatchObject({
        ok: true,
        value: { code: 0 },
      });
      expect(
        await call('profiles.delete', { name: 'lab-renamed', hash: renamed.value?.['hash'] }),
      ).toMatchObject({
        ok: true,
      });
      formCore.events.flush();
      expect(logger.lines.join('\n')).toContain('Connection test of "lab"');
      expectNoLeaks({
        'profile form answers': answers.join('\n'),
        'events to the renderer': JSON.stringify(batches),
        'log lines': logger.lines.join('\n'),
      });
    } finally {
      await formCore.dispose();
      await formBroker.close();
    }
  });
});
