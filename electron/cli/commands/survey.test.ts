import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { describe, expect, it } from 'vitest';
import { SurveyMeterSchema, type SurveyMeterView } from '../../../shared/survey';
import { DEMO_METER, demoSimulatedMeters } from '../../core/demo';
import { PtyPair } from '../../core/stick/fixtures/pty-pair';
import { MeterStore } from '../../core/gateway';
import { APP_ROOT } from '../paths';
import { runCliCaptured } from '../test-support';

// `cli survey` as a technician runs it (npm run --silent cli --): the virtual stick's meters at their
// own signal and pace, one falling silent, one line per meter, no key anywhere.

const PLAYED = demoSimulatedMeters();
/** The demo's meters by what they play: the neighbour at half pace, the one that falls silent. */
const byRole = {
  water: PLAYED.find((m) => m.kind === 'multical21' && !m.intervalFactor)!,
  far: PLAYED.find((m) => (m.intervalFactor ?? 1) > 1)!,
  fading: PLAYED.find((m) => m.silentAfter !== undefined)!,
  neighbour: PLAYED.find(
    (m) => m.kind === undefined && m.id !== DEMO_METER.id && m.silentAfter === undefined,
  )!,
};

describe('cli survey --port virtual', () => {
  it('prints one line per meter in range, monitored or not, and flags the one that fell silent', () => {
    const args = 'run --silent cli -- survey --port virtual --seconds 3 --virtual-interval-ms 100'.split(' ');
    const run = spawnSync('npm', [...args, '--meter', `${DEMO_METER.id}=${DEMO_METER.keyHex}`], {
      cwd: APP_ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toContain('listening on virtual');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const meters = lines.map((line) => SurveyMeterSchema.parse(JSON.parse(line)));
    const byId = new Map<string, SurveyMeterView>(meters.map((m) => [m.deviceId, m]));
    expect(meters.map((m) => m.deviceId)).toEqual(PLAYED.map((m) => m.id).sort());

    const demo = byId.get(DEMO_METER.id)!;
    expect(demo).toMatchObject({
      monitored: true,
      keyHeld: true,
      encrypted: true,
      verdict: 'good',
      silent: false,
    });
    expect(demo.frameKinds).toEqual(['long', 'compact']);
    expect(demo.telegrams).toBeGreaterThan(10);
    expect(byId.get(byRole.water.id)).toMatchObject({ monitored: false, keyHeld: false, frameKinds: [] });

    // Different signal: the neighbour next door fair, the water meter further away weak.
    expect(byId.get(byRole.neighbour.id)!.verdict).toBe('fair');
    expect(byId.get(byRole.far.id)).toMatchObject({ verdict: 'weak', driver: 'multical21' });
    // Different pace: the far water meter sends half as often.
    expect(byId.get(byRole.far.id)!.intervalS! / demo.intervalS!).toBeGreaterThan(1.4);

    const fading = byId.get(byRole.fading.id)!;
    expect(fading).toMatchObject({ silent: true, telegrams: byRole.fading.silentAfter });
    expect(meters.filter((m) => m.silent).map((m) => m.deviceId)).toEqual([byRole.fading.id]);

    expect((run.stdout + run.stderr).toUpperCase()).not.toContain(DEMO_METER.keyHex);
  }, 90_000);
});

describe('cli survey on a serial port', () => {
  it('opens the stick as run does and counts the user-data meters as monitored, their keys held', async () => {
    PtyPair.assertSocatInstalled();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-survey-'));
    const pair = new PtyPair(path.join(dir, 'host'), path.join(dir, 'stick'));
    await pair.start();
    const sim = spawn(
      process.execPath,
      ['bin/gateway-diagnostics.js', 'stick-sim', '--port', pair.stickPath, '--interval-ms', '100'],
      { cwd: APP_ROOT, stdio: ['ignore', 'pipe', 'inherit'], detached: true },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        readline.createInterface({ input: sim.stdout! }).once('line', () => resolve());
        sim.once('exit', (code) => reject(new Error(`stick-sim exited with ${code}`)));
      });
      // The technician's meters, as the app or `keys import` left them in the user-data folder.
      new MeterStore({ file: path.join(dir, 'meters.json') }).put({
        deviceId: DEMO_METER.id,
        manufacturerKey: 'kam',
        encryptionKey: Buffer.from(DEMO_METER.keyHex, 'hex'),
        manufacturerDeviceKey: null,
      });
      const result = await runCliCaptured([
        'survey',
        '--port',
        pair.hostPath,
        '--seconds',
        '1.5',
        '--user-data',
        dir,
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout).toEqual([
        expect.objectContaining({ deviceId: DEMO_METER.id, monitored: true, keyHeld: true, verdict: 'good' }),
      ]);
      expect(result.stdout[0]!['frameKinds']).toContain('compact');
      expect(result.stdout[0]!['telegrams']).toBeGreaterThan(5);
    } finally {
      if (sim.pid && sim.exitCode === null) process.kill(-sim.pid, 'SIGTERM');
      await pair.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('cli survey usage', () => {
  const cli = (...argv: string[]) => runCliCaptured(['survey', ...argv]);

  it('exits 2 with the reason when --port or --seconds is missing or wrong', async () => {
    expect(await cli('--seconds', '5')).toMatchObject({
      code: 2,
      stdout: [],
      stderr: expect.stringContaining('--port'),
    });
    expect(await cli('--port', 'virtual')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--seconds N'),
    });
    for (const bad of ['0', 'soon'])
      expect(await cli('--port', 'virtual', '--seconds', bad)).toMatchObject({
        code: 2,
        stderr: expect.stringContaining(`got "${bad}"`),
      });
    expect(await cli('--port', 'virtual', '--seconds', '1', '--link-mode', 'c3')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--link-mode must be one of'),
    });
    expect(await cli('--port', 'virtual', '--seconds', '1', '--bogus')).toMatchObject({ code: 2 });
  });

  it('refuses a malformed --meter without echoing the key', async () => {
    const result = await cli('--port', 'virtual', '--seconds', '1', '--meter', '32666857=9A25139E3244');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/key of meter 32666857/i);
    expect(result.stderr).not.toContain('9A25139E3244');
  });

  it('is listed in --help', async () => {
    const { text } = await runCliCaptured(['--help']);
    expect(text).toMatch(/^ {2}survey --port PATH\|virtual --seconds N/m);
  });
});
