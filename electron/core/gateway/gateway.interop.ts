import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT } from '../../cli/paths';
import { PtyPair } from '../stick/fixtures/pty-pair';
import { eventually } from '../mqtt/test-support/fixtures';
import { makeTestCertificates } from '../mqtt/test-support/certs';
import { startMosquitto, type Mosquitto } from '../mqtt/test-support/mosquitto';
import { dataMessages } from '../recalc';
import type { MeterValues } from '../wmbus';

// The headless gateway end to end, every part real: Mosquitto with TLS and passwords, a socat
// pseudo-terminal, the virtual stick in its own process writing badly chunked bytes, `cli run`,
// and the cloud played by mosquitto_pub / mosquitto_sub. The broker is restarted mid-stream.

const GW = '706462169';
const METER_A = { id: '32666857', key: '9A25139E3244CC2E391A8EF6B915B697' };
const METER_B = { id: '11112222', key: '00112233445566778899AABBCCDDEEFF' };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-gateway-interop-'));
const pair = new PtyPair(path.join(dir, 'host'), path.join(dir, 'stick'));
const children: ChildProcess[] = [];
let broker: Mosquitto;
let certs: ReturnType<typeof makeTestCertificates>;
const runLines: Array<Record<string, unknown>> = [];
const received: Array<{ topic: string; payload: string }> = [];

function start(command: string, args: string[], onLine: (line: string) => void): ChildProcess {
  const child = spawn(command, args, { cwd: APP_ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  child.on('exit', (code, signal) => {
    if (code !== 0 && signal === null) console.error(`${command} exited with ${code}:\n${stderr}`);
  });
  readline.createInterface({ input: child.stdout! }).on('line', onLine);
  children.push(child);
  return child;
}

const tlsArgs = () => [
  '-h',
  '127.0.0.1',
  '-p',
  String(broker.ports.tls),
  '--cafile',
  certs.ca,
  '-u',
  'cloud',
  '-P',
  'cloud-pass',
];

beforeAll(async () => {
  PtyPair.assertSocatInstalled();
  certs = makeTestCertificates();
  fs.mkdirSync(path.join(dir, 'broker'));
  broker = await startMosquitto({
    dir: path.join(dir, 'broker'),
    certs,
    users: { gw: 'gw-pass', cloud: 'cloud-pass' },
  });
  const settings = path.join(dir, 'secrets.yaml');
  fs.writeFileSync(
    settings,
    [
      'lab:',
      '  host: 127.0.0.1',
      `  port: ${broker.ports.tls}`,
      '  tls: true',
      `  ca_file: ${certs.ca}`,
      '  username: gw',
      '  password: gw-pass',
      `  gateway_id: "${GW}"`,
      '  qos: 1',
      '',
    ].join('\n'),
  );
  await pair.start();
  start(
    'npm',
    [
      'run',
      '--silent',
      'cli',
      '--',
      'stick-sim',
      '--port',
      pair.stickPath,
      '--interval-ms',
      '150',
      '--chunked',
      '--meter',
      `${METER_A.id}=${METER_A.key}`,
      '--meter',
      `${METER_B.id}=${METER_B.key}`,
    ],
    () => undefined,
  );
  // The cloud's view: a persistent QoS 1 session, so nothing is lost while the broker restarts.
  start(
    'mosquitto_sub',
    [
      ...tlsArgs(),
      '-i',
      'cloud-sub',
      '-c',
      '-q',
      '1',
      '-v',
      '-t',
      `v2/${GW}/+/data`,
      '-t',
      `v2/${GW}/+/config`,
    ],
    (line) => {
      const space = line.indexOf(' ');
      received.push({ topic: line.slice(0, space), payload: line.slice(space + 1) });
    },
  );
  // Node directly (what `npm run --silent cli --` runs), so SIGINT reaches the gateway itself.
  start(
    process.execPath,
    [
      'bin/gateway-diagnostics.js',
      'run',
      '--settings',
      settings,
      '--profile',
      'lab',
      '--port',
      pair.hostPath,
      '--outbox',
      path.join(dir, 'outbox.jsonl'),
    ],
    (line) => runLines.push(JSON.parse(line) as Record<string, unknown>),
  );
}, 90_000);

afterAll(async () => {
  for (const child of children) if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  await broker?.stop();
  await pair.stop();
});

const events = (name: string) => runLines.filter((l) => l['event'] === name);
const okTelegramsOfA = () => events('telegram').filter((t) => t['deviceId'] === METER_A.id && t['ok']);

describe('cli run against Mosquitto over TLS with a stick on a pseudo-terminal', () => {
  it('publishes config and every data message for the requested meter only, across a broker restart', async () => {
    await eventually(() => events('connected').length > 0, 30_000, 'run to connect');
    await eventually(() => events('telegram').length >= 4, 30_000, 'telegrams');
    expect(events('published')).toHaveLength(0); // nobody asked for a meter yet

    const command = JSON.stringify([
      { DeviceId: METER_A.id, ManufacturerKey: 'kam', EncryptionKey: METER_A.key },
    ]);
    await new Promise<void>((resolve, reject) => {
      const pub = spawn('mosquitto_pub', [
        ...tlsArgs(),
        '-q',
        '1',
        '-t',
        `v2/${GW}/sensors/set`,
        '-m',
        command,
      ]);
      pub.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`mosquitto_pub exited ${code}`))));
    });
    await eventually(() => events('command').length === 1, 20_000, 'the command');
    const beforeRestart = okTelegramsOfA().length;
    await eventually(() => okTelegramsOfA().length >= beforeRestart + 6, 30_000, 'data before the restart');

    // The proof of the cloud path: every acknowledged message also came back from the broker
    // (Mosquitto usually delivers the echo before our PUBACK), and each confirmation names it.
    const acknowledged = events('published')
      .filter((p) => p['state'] === 'acknowledged')
      .map((p) => p['outboxId'] as number);
    expect(acknowledged.length).toBeGreaterThanOrEqual(7); // config + six telegrams' data
    const confirmed = () => new Set(events('confirmed').map((c) => c['outboxId'] as number));
    await eventually(() => acknowledged.every((id) => confirmed().has(id)), 10_000, 'echo confirmations');

    await broker.restart();
    const afterRestart = okTelegramsOfA().length;
    await eventually(
      () => okTelegramsOfA().length >= afterRestart + 6,
      30_000,
      'telegrams after the restart',
    );
    await eventually(() => events('connected').length >= 2, 30_000, 'the reconnect');

    const run = children[2]!;
    const exited = new Promise<number | null>((resolve) => run.once('exit', (code) => resolve(code)));
    run.kill('SIGINT');
    expect(await exited).toBe(0);
    const stopped = events('stopped')[0]!;
    expect(stopped['outboxLeft']).toBe(0);

    // What the cloud must have: each published telegram's four channels (QoS 1: at least once).
    const published = okTelegramsOfA().filter((t) => t['monitored']);
    const expected = published.flatMap((t) =>
      dataMessages(t['values'] as MeterValues, new Date(t['at'] as string)).map((m) => JSON.stringify(m)),
    );
    const dataTopic = `v2/${GW}/kam-${METER_A.id}/data`;
    // Payloads repeat legitimately (A- = 0 within one second), so compare counts, not sets.
    const count = (payloads: string[]) =>
      payloads.reduce((m, p) => m.set(p, (m.get(p) ?? 0) + 1), new Map<string, number>());
    const wanted = count(expected);
    const data = () => received.filter((r) => r.topic === dataTopic).map((r) => r.payload);
    const missing = () =>
      [...wanted].reduce((n, [p, c]) => n + Math.max(0, c - (count(data()).get(p) ?? 0)), 0);
    await eventually(() => missing() === 0, 30_000, 'every data message at the subscriber');
    expect(received.some((r) => r.topic === `v2/${GW}/kam-${METER_A.id}/config`)).toBe(true);
    expect(received.filter((r) => r.topic.includes(METER_B.id))).toHaveLength(0);
    // Nothing invented, and extra copies only as QoS 1 allows (redelivery around the restart).
    const got = count(data());
    expect([...got.keys()].every((p) => wanted.has(p))).toBe(true);
    const extra = [...got].reduce((n, [p, c]) => n + Math.max(0, c - wanted.get(p)!), 0);
    expect(extra).toBeLessThanOrEqual(expected.length / 4);
    expect(published.length).toBeGreaterThanOrEqual(12);
    // Telegrams decoded while the broker was away went through the outbox (result 4: no connection).
    expect(events('published').some((p) => p['state'] === 'queued' && p['result'] === 4)).toBe(true);
  }, 180_000);
});
