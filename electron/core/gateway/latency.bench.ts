// Benchmark (not a test), part of `npm run bench`: latency from the last byte of a telegram on a
// real serial line (a socat pseudo-terminal) to the PUBLISH arriving at a subscriber on loopback.
// The serial part includes socat relaying between the two ptys, which a real USB stick does not have.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { SerialPort } from 'serialport';
import { encodeHciFrame, VirtualStick } from '../dongle';
import { PtyPair } from '../dongle/fixtures/pty-pair';
import { createStreamLogger } from '../logger';
import { startMosquitto } from '../mqtt/test-support/mosquitto';
import { demoProfile } from '../settings';
import { encodeOmniPowerTelegram } from '../wmbus';
import type { BenchRow } from '../wmbus/decode.bench';
import { MeterStore } from './meter-store';
import { GatewayRuntime } from './runtime';

const KEY = Buffer.from('9A25139E3244CC2E391A8EF6B915B697', 'hex');
const ID = '32666857';
const WARM_UP = 100;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function runLatencyBench(telegrams = 1000): Promise<BenchRow[]> {
  PtyPair.assertSocatInstalled();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-latency-'));
  const pair = new PtyPair(path.join(dir, 'host'), path.join(dir, 'stick'));
  await pair.start();
  // The far end plays the stick for the driver's requests; telegrams are written by the bench.
  const stickPort = new SerialPort({ path: pair.stickPath, baudRate: 57600 });
  const stick = new VirtualStick({ meters: [] });
  stick.onData((bytes) => stickPort.write(bytes));
  stickPort.on('data', (chunk: Buffer) => stick.receive(chunk));

  const meters = new MeterStore({ file: null });
  meters.put({ deviceId: ID, manufacturerKey: 'kam', encryptionKey: KEY, manufacturerDeviceKey: null });
  // Mosquitto as the broker, so the measured process holds only the gateway and the subscriber.
  const brokerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-latency-broker-'));
  const broker = await startMosquitto({ dir: brokerDir, anonymous: true });
  const runtime = await GatewayRuntime.create({
    profile: { ...demoProfile(), name: 'latency', demo: false, port: broker.ports.plain },
    port: pair.hostPath,
    linkMode: 'c1a',
    meters,
    outboxFile: null,
    logger: createStreamLogger(() => undefined, 'error'),
  });
  runtime.start();
  const subscriber = await mqtt.connectAsync(`mqtt://127.0.0.1:${runtime.profile.port}`);
  await subscriber.subscribeAsync(`v2/${runtime.profile.gatewayId}/kam-${ID}/data`, { qos: 0 });
  while (runtime.stick.status.state !== 'ready' && runtime.stick.status.state !== 'receiving') {
    await new Promise((r) => setTimeout(r, 20));
  }

  // Each telegram waits on a promise resolved by the subscriber: a polling loop would compete with
  // socat, Mosquitto and the serial reader for the CPU and inflate the very tail being measured.
  const arrivals = new Map<number, (at: number) => void>();
  subscriber.on('message', (_topic, payload) => {
    const at = performance.now();
    const message = JSON.parse(payload.toString()) as { channelNumber: number; value: number };
    if (message.channelNumber !== 1) return;
    arrivals.get(Math.round(message.value * 100))?.(at);
  });

  // Frames are encoded up front so the generator's AES and CRC work is not part of the measurement.
  const frames = Array.from({ length: WARM_UP + telegrams }, (_, i) => {
    const frame = encodeOmniPowerTelegram({
      id: ID,
      key: KEY,
      accessNumber: i & 0xff,
      kind: 'compact',
      values: { aPlusWh10: 100_000 + i, aMinusWh10: 0, pPlusW: 500, pMinusW: 0 },
    });
    return encodeHciFrame({ endpoint: 2, messageId: 3, payload: frame, rssi: 120 });
  });
  const latencies: number[] = [];
  const serialLatencies: number[] = [];
  const pipelineLatencies: number[] = [];
  let lastTelegramAt = 0;
  const telegramLine = fs.openSync(pair.stickPath, fs.constants.O_WRONLY | fs.constants.O_NOCTTY);
  // The driver's telegram event splits the latency into the serial part and the MQTT part.
  runtime.stick.on('telegram', () => (lastTelegramAt = performance.now()));
  for (const [i, bytes] of frames.entries()) {
    const marker = 100_000 + i;
    const arrived = new Promise<number>((resolve) => arrivals.set(marker, resolve));
    // A synchronous write: when it returns, the last byte is on the line (serialport's own write
    // goes through the thread pool, and its callback time says little about the bytes).
    fs.writeSync(telegramLine, bytes);
    const sentAt = performance.now();
    const arrivedAt = await arrived;
    arrivals.delete(marker);
    // The first telegrams run through code V8 has not optimised yet; they are not the steady state.
    if (i < WARM_UP) continue;
    latencies.push(arrivedAt - sentAt);
    serialLatencies.push(lastTelegramAt - sentAt);
    pipelineLatencies.push(arrivedAt - lastTelegramAt);
  }

  fs.closeSync(telegramLine);
  await subscriber.endAsync();
  await runtime.stop();
  await broker.stop();
  await new Promise((r) => stickPort.close(r));
  await pair.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  serialLatencies.sort((a, b) => a - b);
  pipelineLatencies.sort((a, b) => a - b);
  return [
    {
      name: `serial → subscriber latency p50 (${telegrams} telegrams after ${WARM_UP} warm-up)`,
      value: percentile(latencies, 50),
      unit: 'ms',
    },
    {
      name: 'serial → subscriber latency p99',
      value: percentile(latencies, 99),
      unit: 'ms',
      target: '< 5 ms',
    },
    {
      name: '  of which serial line → decoded telegram, p50',
      value: percentile(serialLatencies, 50),
      unit: 'ms',
    },
    {
      name: '  of which serial line → decoded telegram, p99',
      value: percentile(serialLatencies, 99),
      unit: 'ms',
    },
    {
      name: '  of which decoded telegram → subscriber, p50',
      value: percentile(pipelineLatencies, 50),
      unit: 'ms',
    },
    {
      name: '  of which decoded telegram → subscriber, p99',
      value: percentile(pipelineLatencies, 99),
      unit: 'ms',
    },
  ];
}
