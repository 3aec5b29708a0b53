import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Im871a, type ReceivedTelegram } from '../../core/stick';
import { PtyPair } from '../../core/stick/fixtures/pty-pair';
import { TelegramDecoder } from '../../core/gateway/telegram-decoder';
import { APP_ROOT } from '../paths';
import { DEMO_METER } from '../../core/demo';

// The virtual stick in its own process on one end of a real pty pair, writing in small irregular
// pieces; the real serialport binding and driver on the other end.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-stick-sim-'));
const pair = new PtyPair(path.join(dir, 'host'), path.join(dir, 'stick'));
let sim: ChildProcess;
let device: Im871a;

beforeAll(async () => {
  PtyPair.assertSocatInstalled();
  await pair.start();
  sim = spawn(
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
      '40',
      '--chunked',
    ],
    { cwd: APP_ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true },
  );
  await new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: sim.stdout! }).once('line', () => resolve());
    sim.once('exit', (code) => reject(new Error(`stick-sim exited with ${code}`)));
  });
  device = new Im871a({ path: pair.hostPath });
  await device.open();
}, 30_000);

afterAll(async () => {
  await device?.close();
  if (sim?.pid && sim.exitCode === null) process.kill(-sim.pid, 'SIGTERM');
  await pair.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('stick-sim over a pseudo-terminal', () => {
  it('answers the driver and delivers whole, decodable telegrams in order despite chunked writes', async () => {
    expect((await device.getDeviceInfo()).moduleName).toBe('iM871A');
    await device.setConfig({ linkMode: 'c1a', rssi: true });
    const telegrams = await new Promise<ReceivedTelegram[]>((resolve) => {
      const seen: ReceivedTelegram[] = [];
      const stop = device.on('telegram', (t) => {
        seen.push(t);
        if (seen.length === 12) {
          stop();
          resolve(seen);
        }
      });
    });
    const decoder = new TelegramDecoder({
      monitored: new Map([[DEMO_METER.id, Buffer.from(DEMO_METER.keyHex, 'hex')]]),
      fallbackKey: null,
    });
    const outcomes = telegrams.map((t) => decoder.decode(t.frame));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const access = outcomes.map((o) => (o.ok ? o.telegram.accessNumber! : -1));
    expect(access.every((a, i) => i === 0 || a === (access[i - 1]! + 1) % 256)).toBe(true);
    expect(device.framerStats.crcErrors).toBe(0);
  }, 20_000);
});
