// MQTT benchmark (not a test): sustained messages/s through an MqttSession (publish QoS 0 and 1
// with the persistent outbox, subscribe/receive) against a local Mosquitto, measured in the same run
// as Mosquitto's own clients (mosquitto_pub -l, mosquitto_sub -C) as the yardstick, plus RSS over a
// flood. Run: `npx tsx electron/core/mqtt/session.bench.ts`; MQTT_BENCH_FLOOD_S sets the flood
// length (default 60 s), MQTT_BENCH_MESSAGES the messages per rate measurement.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow } from '../bench/bench-row';
import { liveHeapMB } from '../bench/live-heap';
import type { Logger } from '../logger';
import { Outbox } from './outbox';
import { MqttSession } from './session';
import { testProfile } from './test-support/fixtures';
import { startMosquitto, type Mosquitto } from './test-support/mosquitto';

export interface MqttBenchOptions {
  messages?: number;
  floodSeconds?: number;
  payloadBytes?: number;
  progress?: (line: string) => void;
}

const quiet: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Our session at least half as fast as Mosquitto's own C clients (issue 4). */
const HALF = 0.5;
/** "Memory flat" in numbers: what is still in use after a full GC must not climb over the flood. */
const FLAT_MB_PER_MIN = 2;

export async function runMqttBench(options: MqttBenchOptions = {}): Promise<BenchRow[]> {
  const messages = options.messages ?? Number(process.env.MQTT_BENCH_MESSAGES ?? 20_000);
  const floodSeconds = options.floodSeconds ?? Number(process.env.MQTT_BENCH_FLOOD_S ?? 60);
  const payload = sampleJson(options.payloadBytes ?? 120);
  const progress = options.progress ?? (() => undefined);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-bench-'));
  const broker = await startMosquitto({ dir, anonymous: true });
  const rows: BenchRow[] = [];
  const add = (row: BenchRow) => {
    rows.push(row);
    progress(`${row.name}: ${Math.round(row.value * 10) / 10} ${row.unit}`);
  };
  const versus = (name: string, value: number, yardstick: { name: string; value: number }): BenchRow => ({
    name,
    value,
    unit: 'msg/s',
    yardstick,
    target: `≥ ${HALF}× yardstick`,
    met: value >= HALF * yardstick.value,
  });
  try {
    for (const qos of [0, 1] as const) {
      const reference = {
        name: `mosquitto_pub -l, QoS ${qos}`,
        value: await mosquittoPubRate(broker, messages, qos, payload),
      };
      const ours = await sessionPublishRate(broker, dir, messages, qos, payload);
      add(versus(`MQTT publish QoS ${qos} (MqttSession, outbox on disk)`, ours, reference));
    }
    const reference = {
      name: 'mosquitto_sub -C, QoS 1',
      value: await mosquittoSubRate(broker, messages, payload),
    };
    add(
      versus(
        'MQTT receive QoS 1 (MqttSession)',
        await sessionReceiveRate(broker, messages, payload),
        reference,
      ),
    );
    const qos1 = rows.find((r) => r.name.startsWith('MQTT publish QoS 1'))?.yardstick;
    for (const row of await flood(broker, dir, floodSeconds, payload, qos1)) add(row);
  } finally {
    await broker.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

function sampleJson(bytes: number): string {
  const base = {
    channelNumber: 1,
    aggregateType: 'Raw',
    dataType: 'accumulated-power',
    value: 1234.56,
    timestamp: '2026-11-25T10:00:00Z',
  };
  const text = JSON.stringify(base);
  return text.length >= bytes ? text : JSON.stringify({ ...base, pad: 'x'.repeat(bytes - text.length - 10) });
}

async function connectedSession(broker: Mosquitto, outbox?: Outbox): Promise<MqttSession> {
  const session = new MqttSession({
    profile: testProfile({ port: broker.ports.plain, keepalive: 60 }),
    logger: quiet,
    ...(outbox ? { outbox } : {}),
  });
  const outcome = session.nextOutcome();
  session.start();
  if (!(await outcome).ok) throw new Error(`bench session could not connect: ${(await outcome).text}`);
  return session;
}

/** Publishes `count` messages as fast as the outbox bound allows; resolves when all are final. */
async function publishAll(
  session: MqttSession,
  topic: string,
  count: number,
  qos: 0 | 1,
  payload: string,
): Promise<void> {
  const window = 4000;
  let pending: Array<Promise<unknown>> = [];
  for (let i = 0; i < count; i++) {
    pending.push(session.publish({ topic, payload, qos }));
    if (pending.length >= window) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
}

async function sessionPublishRate(
  broker: Mosquitto,
  dir: string,
  count: number,
  qos: 0 | 1,
  payload: string,
): Promise<number> {
  const outbox = Outbox.open({ file: path.join(dir, `bench-q${qos}.jsonl`) });
  const session = await connectedSession(broker, outbox);
  await publishAll(session, `bench/session/q${qos}`, Math.min(2000, count), qos, payload); // warm up the JIT
  const started = performance.now();
  await publishAll(session, `bench/session/q${qos}`, count, qos, payload);
  const seconds = (performance.now() - started) / 1000;
  await session.stop();
  return count / seconds;
}

async function mosquittoPubRate(
  broker: Mosquitto,
  count: number,
  qos: 0 | 1,
  payload: string,
): Promise<number> {
  const started = performance.now();
  await runWithInput(
    'mosquitto_pub',
    ['-h', '127.0.0.1', '-p', String(broker.ports.plain), '-t', `bench/pub/q${qos}`, '-q', String(qos), '-l'],
    `${payload}\n`.repeat(count),
  );
  return count / ((performance.now() - started) / 1000);
}

/** Same publisher (mosquitto_pub -l, QoS 1) for both receivers; time until the receiver has all. */
async function mosquittoSubRate(broker: Mosquitto, count: number, payload: string): Promise<number> {
  const topic = 'bench/recv/sub';
  const base = [
    '-h',
    '127.0.0.1',
    '-p',
    String(broker.ports.plain),
    '-t',
    topic,
    '-q',
    '1',
    '-c',
    '-i',
    'gd-bench-sub',
  ];
  // A persistent session made first (-E: exit once subscribed), so no message can be published
  // before the counting subscriber is there: the broker queues them for it.
  await runWithInput('mosquitto_sub', [...base, '-E'], '');
  const sub = spawn('mosquitto_sub', [...base, '-C', String(count)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const done = new Promise<void>((resolve) => sub.once('exit', () => resolve()));
  const started = performance.now();
  await runWithInput(
    'mosquitto_pub',
    ['-h', '127.0.0.1', '-p', String(broker.ports.plain), '-t', topic, '-q', '1', '-l'],
    `${payload}\n`.repeat(count),
  );
  await done;
  return count / ((performance.now() - started) / 1000);
}

async function sessionReceiveRate(broker: Mosquitto, count: number, payload: string): Promise<number> {
  const topic = 'bench/recv/session';
  const session = await connectedSession(broker);
  let received = 0;
  let resolveAll!: () => void;
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  session.on('message', () => {
    if (++received === count) resolveAll();
  });
  await session.subscribe([{ topic, qos: 1 }]);
  const started = performance.now();
  await runWithInput(
    'mosquitto_pub',
    ['-h', '127.0.0.1', '-p', String(broker.ports.plain), '-t', topic, '-q', '1', '-l'],
    `${payload}\n`.repeat(count),
  );
  await all;
  const rate = count / ((performance.now() - started) / 1000);
  await session.stop();
  return rate;
}

/** QoS 1 publishing for `seconds`, RSS sampled each second: memory must stay flat. */
async function flood(
  broker: Mosquitto,
  dir: string,
  seconds: number,
  payload: string,
  /** Mosquitto's own QoS 1 publishing rate, measured earlier in the same run. */
  reference?: { name: string; value: number },
): Promise<BenchRow[]> {
  const session = await connectedSession(broker, Outbox.open({ file: path.join(dir, 'flood.jsonl') }));
  const rss: number[] = [];
  const live: number[] = [];
  const rssMB = () => process.memoryUsage().rss / 1024 / 1024;
  const started = performance.now();
  let sent = 0;
  let nextSample = started;
  let nextLive = started;
  while (performance.now() - started < seconds * 1000) {
    await publishAll(session, 'bench/flood', 2000, 1, payload);
    sent += 2000;
    if (performance.now() >= nextSample) {
      rss.push(rssMB());
      nextSample += 1000;
    }
    // A full collection every 5 s: often enough for a slope, rare enough not to slow the flood.
    if (performance.now() >= nextLive) {
      live.push(liveHeapMB());
      nextLive += 5000;
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  await session.stop();
  const growth = slopePerMinute(live, 5);
  return [
    {
      name: `MQTT flood QoS 1 for ${seconds} s`,
      value: sent / elapsed,
      unit: 'msg/s',
      ...(reference ? { yardstick: reference } : {}),
    },
    {
      name: 'MQTT flood: RSS peak',
      value: Math.max(...rss),
      unit: 'MB',
      yardstick: { name: 'RSS at flood start', value: rss[0] ?? rssMB() },
    },
    {
      name: `MQTT flood: live heap growth (after GC; ${Math.round(live[0] ?? 0)} MB at the start)`,
      value: growth,
      unit: 'MB/min',
      target: `flat (≤ ${FLAT_MB_PER_MIN} MB/min)`,
      met: growth <= FLAT_MB_PER_MIN,
    },
  ];
}

/** Least-squares slope of readings taken every `secondsApart`, per minute. */
function slopePerMinute(values: number[], secondsApart = 1): number {
  if (values.length < 2) return 0;
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return (num / den) * (60 / secondsApart);
}

function runWithInput(command: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`)),
    );
    child.stdin.end(input);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await runMqttBench({ progress: (line) => process.stderr.write(`${line}\n`) });
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results)
    process.stdout.write(`${r.name.padEnd(width)}  ${String(r.value).padStart(10)} ${r.unit}\n`);
}
