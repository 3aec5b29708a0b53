// Benchmark (not a test), part of `npm run bench`: latency from the last byte of a telegram on a
// real serial line (a socat pseudo-terminal) to the PUBLISH arriving at a subscriber on loopback
// (Mosquitto). The yardstick, measured in the same run over the same line and broker: a bare relay
// that publishes the serial bytes as they are, i.e. what the platform costs before our code adds
// decoding, API v2 messages, the outbox and the echo check. Both include socat relaying between
// the two ptys, which a real USB stick does not have.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { SerialPort } from 'serialport';
import type { BenchRow } from '../bench/bench-row';
import { encodeHciFrame, VirtualStick } from '../stick';
import { IM871A_BAUD_RATE, openSerialPort } from '../stick/serial-port';
import { PtyPair } from '../stick/fixtures/pty-pair';
import { createStreamLogger } from '../logger';
import { startMosquitto } from '../mqtt/test-support/mosquitto';
import { loopbackProfile, type Profile } from '../settings';
import { encodeOmniPowerTelegram } from '../wmbus';
import { MeterStore } from './meter-store';
import { launchGateway } from '../app/launch-gateway';

const KEY = Buffer.from('9A25139E3244CC2E391A8EF6B915B697', 'hex');
const ID = '32666857';
const WARM_UP = 100;
/**
 * One telegram every 10 ms: 100 telegrams/s, some thirty times what a stick hears at a busy site
 * (OmniPower meters send every 16 s), yet each telegram finds the gateway done with the previous
 * one's four messages, echoes and acknowledgements, so the figure is latency, not queueing.
 */
const PACE_MS = 10;
const TARGET_P99_MS = 5;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

/** Frames encoded up front, so the generator's AES and CRC work is not part of the measurement. */
function telegramFrames(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => {
    const frame = encodeOmniPowerTelegram({
      id: ID,
      key: KEY,
      accessNumber: i & 0xff,
      kind: 'compact',
      values: { aPlusWh10: 100_000 + i, aMinusWh10: 0, pPlusW: 500, pMinusW: 0 },
    });
    return encodeHciFrame({ endpoint: 2, messageId: 3, payload: frame, rssi: 120 });
  });
}

/**
 * Writes a frame every PACE_MS, waits until `arrival(i)` resolves, and returns the latencies after
 * the warm-up (the first telegrams run through code V8 has not optimised yet). A synchronous write:
 * when it returns, the last byte is on the line (serialport's own write goes through the thread
 * pool). Waiting on a promise, not polling, leaves the CPU to socat, Mosquitto and the reader.
 */
async function timeTelegrams(
  linePath: string,
  frames: Buffer[],
  arrival: (i: number) => Promise<number>,
  onMeasured: (sentAt: number, arrivedAt: number) => void = () => undefined,
): Promise<number[]> {
  const line = fs.openSync(linePath, fs.constants.O_WRONLY | fs.constants.O_NOCTTY);
  const latencies: number[] = [];
  try {
    for (const [i, bytes] of frames.entries()) {
      const arrived = arrival(i);
      fs.writeSync(line, bytes);
      const sentAt = performance.now();
      const arrivedAt = await arrived;
      const pause = sentAt + PACE_MS - performance.now();
      if (pause > 0) await new Promise((r) => setTimeout(r, pause));
      if (i < WARM_UP) continue;
      latencies.push(arrivedAt - sentAt);
      onMeasured(sentAt, arrivedAt);
    }
  } finally {
    fs.closeSync(line);
  }
  return latencies;
}

/** Resolves `arrival(i)` when the subscriber sees marker i; `markerOf` reads it from a message. */
function arrivals(subscriber: MqttClient, markerOf: (payload: Buffer) => number | null) {
  const waiting = new Map<number, (at: number) => void>();
  subscriber.on('message', (_topic, payload) => {
    const at = performance.now();
    const marker = markerOf(payload);
    if (marker === null) return;
    waiting.get(marker)?.(at);
    waiting.delete(marker);
  });
  return (i: number) => new Promise<number>((resolve) => waiting.set(i, resolve));
}

/** The demo profile's settings (QoS 1, MQTT 3.1.1) against the bench's broker. */
function latencyProfile(port: number): Profile {
  return { ...loopbackProfile('latency', port), gatewayId: '706462169' };
}

interface GatewayLatencies {
  total: number[];
  serial: number[];
  pipeline: number[];
}

async function measureGateway(
  hostPath: string,
  stickPath: string,
  brokerPort: number,
  frames: Buffer[],
): Promise<GatewayLatencies> {
  const meters = new MeterStore({ file: null });
  meters.put({ deviceId: ID, manufacturerKey: 'kam', encryptionKey: KEY, manufacturerDeviceKey: null });
  const runtime = await launchGateway({
    profile: latencyProfile(brokerPort),
    port: hostPath,
    linkMode: 'c1a',
    meters,
    outboxFile: null,
    logger: createStreamLogger(() => undefined, 'error'),
  });
  runtime.start();
  const subscriber = await mqtt.connectAsync(`mqtt://127.0.0.1:${brokerPort}`);
  await subscriber.subscribeAsync(`v2/${runtime.profile.gatewayId}/kam-${ID}/data`, { qos: 0 });
  while (runtime.stick.status.state !== 'ready' && runtime.stick.status.state !== 'receiving') {
    await new Promise((r) => setTimeout(r, 20));
  }
  // The A+ channel carries the marker: 100 000 + i in units of 10 Wh, i.e. value × 100 in kWh.
  const arrival = arrivals(subscriber, (payload) => {
    const message = JSON.parse(payload.toString()) as { channelNumber: number; value: number };
    return message.channelNumber === 1 ? Math.round(message.value * 100) - 100_000 : null;
  });
  // The driver's telegram event splits the latency into the serial part and our part.
  let decodedAt = 0;
  runtime.stick.on('telegram', () => (decodedAt = performance.now()));
  const serial: number[] = [];
  const pipeline: number[] = [];
  const total = await timeTelegrams(stickPath, frames, arrival, (sentAt, arrivedAt) => {
    serial.push(decodedAt - sentAt);
    pipeline.push(arrivedAt - decodedAt);
  });
  await subscriber.endAsync();
  await runtime.stop();
  return { total, serial, pipeline };
}

/** The yardstick: serial bytes published as they arrive, no decoding, no outbox, no echo check. */
async function measureBareRelay(hostPath: string, stickPath: string, brokerPort: number, frames: Buffer[]) {
  // Opened the way the gateway opens its stick (same binding, same settings).
  const host = await openSerialPort(hostPath, IM871A_BAUD_RATE);
  await new Promise<void>((resolve, reject) => {
    host.on('open', resolve);
    host.on('error', reject);
  });
  const publisher = await mqtt.connectAsync(`mqtt://127.0.0.1:${brokerPort}`);
  host.on('data', (chunk: Buffer) =>
    publisher.publish('bench/raw', chunk, { qos: latencyProfile(brokerPort).qos }),
  );
  const subscriber = await mqtt.connectAsync(`mqtt://127.0.0.1:${brokerPort}`);
  await subscriber.subscribeAsync('bench/raw', { qos: 0 });
  // A telegram has arrived when all of its bytes have (the pty may split it into chunks).
  let received = 0;
  let expected = 0;
  let next = 0;
  const arrival = arrivals(subscriber, (payload) => {
    received += payload.length;
    if (received < expected) return null;
    return next;
  });
  const latencies = await timeTelegrams(stickPath, frames, (i) => {
    received = 0;
    expected = frames[i]!.length;
    next = i;
    return arrival(i);
  });
  await subscriber.endAsync();
  await publisher.endAsync();
  await new Promise((r) => host.close(r));
  return latencies;
}

export async function runLatencyBench(telegrams = 1000): Promise<BenchRow[]> {
  PtyPair.assertSocatInstalled();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-latency-'));
  const pair = new PtyPair(path.join(dir, 'host'), path.join(dir, 'stick'));
  await pair.start();
  // The far end answers the driver's requests as a stick would; telegrams are written by the bench.
  const stickPort = new SerialPort({ path: pair.stickPath, baudRate: 57600 });
  const stick = new VirtualStick({ meters: [] });
  stick.onData((bytes) => stickPort.write(bytes));
  stickPort.on('data', (chunk: Buffer) => stick.receive(chunk));
  fs.mkdirSync(path.join(dir, 'broker'));
  const broker = await startMosquitto({ dir: path.join(dir, 'broker'), anonymous: true });
  const frames = telegramFrames(WARM_UP + telegrams);
  try {
    const ours = await measureGateway(pair.hostPath, pair.stickPath, broker.ports.plain, frames);
    const floor = await measureBareRelay(pair.hostPath, pair.stickPath, broker.ports.plain, frames);
    const p99 = percentile(ours.total, 99);
    return [
      {
        name: `serial → subscriber latency p50 (${telegrams} telegrams at ${1000 / PACE_MS}/s)`,
        value: percentile(ours.total, 50),
        unit: 'ms',
        yardstick: { name: 'bare serial → MQTT relay, p50', value: percentile(floor, 50) },
      },
      {
        name: 'serial → subscriber latency p99',
        value: p99,
        unit: 'ms',
        yardstick: { name: 'bare serial → MQTT relay, p99', value: percentile(floor, 99) },
        target: `< ${TARGET_P99_MS} ms`,
        met: p99 < TARGET_P99_MS,
      },
      {
        name: 'serial → subscriber latency max',
        value: Math.max(...ours.total),
        unit: 'ms',
        yardstick: { name: 'bare serial → MQTT relay, max', value: Math.max(...floor) },
      },
      {
        name: '… of which serial line → decoded telegram, p99',
        value: percentile(ours.serial, 99),
        unit: 'ms',
      },
      {
        name: '… of which decoded telegram → subscriber, p99',
        value: percentile(ours.pipeline, 99),
        unit: 'ms',
      },
    ];
  } finally {
    await broker.stop();
    await new Promise((r) => stickPort.close(r));
    await pair.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
