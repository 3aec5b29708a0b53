import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { scratch } from '../core/capture/test-support/telegrams';
import { DEMO_METER, DEMO_WATER_METER } from '../core/demo';
import { APP_ROOT } from './paths';

// The shipped CLI (out/main/cli.js) recording the demo (its in-process broker, the virtual stick)
// with `run --capture`, stopped cleanly or killed, and `replay` reading what it left.

const BUNDLE = path.join(APP_ROOT, 'out', 'main', 'cli.js');
const tmp = scratch('capture-process');
afterAll(() => tmp.remove());

const METERS = [DEMO_METER, DEMO_WATER_METER].flatMap((m) => ['--meter', `${m.id}=${m.keyHex}`]);
type Line = Record<string, unknown>;

/** `run` of the demo with a capture; resolves once `telegrams` telegram events were printed. */
async function runDemo(capture: string, telegrams: number): Promise<{ child: ChildProcess; lines: Line[] }> {
  const child = spawn(
    process.execPath,
    [
      BUNDLE,
      'run',
      '--profile',
      'demo',
      '--port',
      'virtual',
      '--virtual-interval-ms',
      '40',
      '--outbox',
      'none',
      '--capture',
      capture,
    ],
    {
      cwd: APP_ROOT,
      env: { ...process.env, XDG_CONFIG_HOME: tmp.file('config') },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: Line[] = [];
  await new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (text) => {
      lines.push(JSON.parse(text) as Line);
      if (lines.filter((l) => l['event'] === 'telegram').length === telegrams) resolve();
    });
    child.once('exit', (code) => reject(new Error(`run exited with ${code}`)));
  });
  return { child, lines };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

function replay(file: string): { status: number | null; lines: Line[]; stderr: string } {
  const run = spawnSync(process.execPath, [BUNDLE, 'replay', file, ...METERS], {
    cwd: APP_ROOT,
    encoding: 'utf8',
  });
  return {
    status: run.status,
    lines:
      run.stdout.trim() === ''
        ? []
        : run.stdout
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l) as Line),
    stderr: run.stderr,
  };
}

const essence = (line: Line) => [
  line['deviceId'] ?? (line['meter'] as Line | null)?.['id'] ?? null,
  line['ok'],
  line['ok'] ? line['values'] : null,
];

describe('run --capture and replay, as shipped', () => {
  it('a clean stop: the replay decodes the telegrams into the values run printed', async () => {
    const file = tmp.file('clean.gdcap.gz');
    const { child, lines } = await runDemo(file, 24);
    child.kill('SIGINT');
    expect(await exited(child)).toBe(0);
    expect(lines.find((l) => l['event'] === 'capture' && l['state'] === 'recording')).toMatchObject({ file });
    const stopped = lines.find((l) => l['event'] === 'capture' && l['state'] === 'stopped');
    expect(stopped).toMatchObject({ file, dropped: 0 });

    const live = lines.filter((l) => l['event'] === 'telegram');
    const replayed = replay(file);
    expect(replayed.status).toBe(0);
    expect(replayed.lines.map(essence)).toEqual(live.map(essence));
    expect(replayed.stderr).toContain(`replayed ${live.length} telegrams`);
  });

  it('a crash (SIGKILL): the gzip capture replays up to the last flush and says where it ends', async () => {
    const file = tmp.file('killed.gdcap.gz');
    const { child, lines } = await runDemo(file, 40);
    // The compressor is flushed every second: give it one, then kill without warning.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    child.kill('SIGKILL');
    await exited(child);
    const live = lines.filter((l) => l['event'] === 'telegram');
    const replayed = replay(file);
    expect(replayed.status).toBe(0);
    // Frames have a framing; the lines that could not be read (the cut) have none.
    const frames = replayed.lines.filter((l) => 'framing' in l);
    expect(frames.length).toBeGreaterThanOrEqual(40);
    expect(frames.map(essence)).toEqual(live.slice(0, frames.length).map(essence));
    expect(replayed.stderr).toMatch(/compressed file ends early|cut short/);
  });

  it('a crash with a plain capture: every line but the last is whole', async () => {
    const file = tmp.file('killed.gdcap');
    // 30 telegrams: two of the demo's five meters are monitored, so about a dozen decode.
    const { child } = await runDemo(file, 30);
    child.kill('SIGKILL');
    await exited(child);
    const text = fs.readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const whole = lines.slice(0, -1); // after the last newline: nothing, or the line being written
    for (const line of whole) expect(() => JSON.parse(line), line.slice(0, 60)).not.toThrow();
    expect(whole.length).toBeGreaterThan(20);
    const replayed = replay(file);
    expect(replayed.status).toBe(0);
    expect(replayed.lines.filter((l) => l['ok'] === true).length).toBeGreaterThanOrEqual(10);
  });
});
