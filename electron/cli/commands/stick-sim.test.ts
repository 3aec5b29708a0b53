import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createStick,
  type Im871a,
  type ReceivedTelegram,
  type Stick,
  type StickKind,
} from '../../core/stick';
import type { Iu891a } from '../../core/stick/iu891a';
import { PtyPair } from '../../core/stick/fixtures/pty-pair';
import { TelegramDecoder } from '../../core/gateway/telegram-decoder';
import { APP_ROOT } from '../paths';
import { DEMO_METER } from '../../core/demo';

// The virtual stick in its own process on one end of a real pty pair, writing in small irregular
// pieces; the real serialport binding and driver on the other end. Both kinds, through the one
// Stick interface.
describe.each<{ kind: StickKind; module: string }>([
  { kind: 'im871a', module: 'iM871A' },
  { kind: 'iu891a', module: 'iU891A-XL' },
])('stick-sim --kind $kind over a pseudo-terminal', ({ kind, module }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `gd-stick-sim-${kind}-`));
  const pair = new PtyPair(path.join(dir, 'host'), path.join(dir, 'stick'));
  let sim: ChildProcess;
  let device: (Im871a | Iu891a) & Stick;

  beforeAll(async () => {
    PtyPair.assertSocatInstalled();
    await pair.start();
    sim = spawn(
      'npm',
      [
        ...['run', '--silent', 'cli', '--', 'stick-sim', '--kind', kind],
        ...['--port', pair.stickPath, '--interval-ms', '40', '--chunked'],
      ],
      { cwd: APP_ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true },
    );
    await new Promise<void>((resolve, reject) => {
      readline.createInterface({ input: sim.stdout! }).once('line', () => resolve());
      sim.once('exit', (code) => reject(new Error(`stick-sim exited with ${code}`)));
    });
    device = createStick(kind, { path: pair.hostPath }) as (Im871a | Iu891a) & Stick;
    await device.open();
  }, 30_000);

  afterAll(async () => {
    await device?.close();
    if (sim?.pid && sim.exitCode === null) process.kill(-sim.pid, 'SIGTERM');
    await pair.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers the driver and delivers whole, decodable telegrams in order despite chunked writes', async () => {
    expect(await device.identify()).toMatchObject({ kind, module });
    await device.setLinkMode('c1a');
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
    expect(telegrams.every((t) => typeof t.rssiDbm === 'number')).toBe(true);
    const access = outcomes.map((o) => (o.ok ? o.telegram.accessNumber! : -1));
    expect(access.every((a, i) => i === 0 || a === (access[i - 1]! + 1) % 256)).toBe(true);
    expect(device.framerStats.crcErrors).toBe(0);
  }, 20_000);
});
