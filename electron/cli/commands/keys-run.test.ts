import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_NEIGHBOUR } from '../../core/demo';
import { kemFile } from '../../core/kem/test-support/kem-writer';
import { eventually } from '../../core/mqtt/test-support/fixtures';
import { APP_ROOT } from '../paths';

// The command line as a technician types it (`npm run --silent cli -- …`, the built bundle): a KEM
// file imported into a user-data folder, then `run` on the virtual stick monitors the meter it
// imported. The virtual stick plays the demo's meters, among them a neighbour nobody monitors:
// the KEM file carries that neighbour's key.

const PASSWORD = 'Kunde-4711';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-keys-run-'));
const userData = path.join(dir, 'user-data');
const kem = path.join(dir, 'street 12.kem');
fs.writeFileSync(
  kem,
  kemFile(
    'MetersInOrder',
    [{ id: DEMO_NEIGHBOUR.id, key: DEMO_NEIGHBOUR.keyHex, model: 'OmniPower' }],
    PASSWORD,
  ),
);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const npmCli = (args: string[], input: string) =>
  spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], { cwd: APP_ROOT, input, encoding: 'utf8' });

describe('keys import, then run, through the built CLI', () => {
  it('npm run --silent cli -- keys import: a wrong password exits 2, the right one prints the line and exits 0', () => {
    const args = ['keys', 'import', kem, '--password-stdin', '--user-data', userData];
    const wrong = npmCli(args, 'kunde-4711\n');
    expect(wrong.status).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/Wrong password/);

    const right = npmCli(args, `${PASSWORD}\n`);
    expect(right.status).toBe(0);
    expect(
      right.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([
      { id: DEMO_NEIGHBOUR.id, model: 'OmniPower', type: 'Electricity', imported: true, reason: null },
    ]);
    expect(right.stdout + right.stderr).not.toContain(DEMO_NEIGHBOUR.keyHex.slice(0, 8));
    if (process.platform !== 'win32')
      expect(fs.statSync(path.join(userData, 'meters.json')).mode & 0o777).toBe(0o600);
  });

  it('`run --user-data` monitors the imported meter: its telegrams decode', async () => {
    const settings = path.join(dir, 'secrets.yaml');
    // A broker that is not there (a closed loopback port): decoding does not wait for it.
    fs.writeFileSync(settings, 'lab:\n  host: 127.0.0.1\n  port: 1\n  gateway_id: "706462169"\n');
    const options = {
      settings,
      profile: 'lab',
      port: 'virtual',
      'virtual-interval-ms': '100',
      outbox: 'none',
    };
    const args = [
      ...Object.entries(options).flatMap(([name, value]) => [`--${name}`, value]),
      '--user-data',
      userData,
    ];
    const child = spawn(process.execPath, ['bin/gateway-diagnostics.js', 'run', ...args], { cwd: APP_ROOT });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const lines: Array<Record<string, unknown>> = [];
    readline
      .createInterface({ input: child.stdout })
      .on('line', (l) => lines.push(JSON.parse(l) as Record<string, unknown>));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const decoded = () => lines.find((l) => l['event'] === 'telegram' && l['deviceId'] === DEMO_NEIGHBOUR.id);
    try {
      await eventually(() => decoded() !== undefined, 20_000, `a telegram of meter ${DEMO_NEIGHBOUR.id}`);
      expect(lines[0]).toMatchObject({ event: 'starting', meters: [DEMO_NEIGHBOUR.id] });
      expect(decoded()).toMatchObject({ monitored: true, ok: true, driver: 'omnipower' });
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toContain(DEMO_NEIGHBOUR.keyHex.slice(0, 8));
  }, 30_000);
});
