// The CLI as it ships: the bundle out/main/cli.js (built by the suite's global setup, as by
// `npm run build`) and the `gateway-diagnostics` bin that runs it. Same commands, output and exit
// codes as the TypeScript run in-process by the other CLI tests.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { indicationMessage, slip } from '../core/inspect/iu891a-test-support';
import { fixture, framesFromC, TELEGRAM_FIXTURES } from '../core/wmbus/fixtures/telegram-fixtures';
import { MYTAPWATER_LONG_ENCRYPTED, PUBLISHED_KEY_HEX } from '../core/wmbus/fixtures/multical21-published';
import { APP_ROOT } from './paths';
import { runCliCaptured } from './test-support';

const BUNDLE = path.join(APP_ROOT, 'out', 'main', 'cli.js');
const BIN = path.join(APP_ROOT, 'bin', 'gateway-diagnostics.js');

function run(entry: string, argv: string[], input = '') {
  return spawnSync(process.execPath, [entry, ...argv], { cwd: APP_ROOT, input, encoding: 'utf8' });
}

const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

/** Every fixture telegram and the meters it needs: OmniPower, Multical 21, broken ones. */
const hexes = [...TELEGRAM_FIXTURES.map((f) => f.hex), MYTAPWATER_LONG_ENCRYPTED];
const meters = [
  ...new Set(TELEGRAM_FIXTURES.flatMap((f) => (f.meters ?? []).map((m) => `${m.id}=${m.key}`))),
].flatMap((m) => ['--meter', m]);

describe('the built CLI (out/main/cli.js)', () => {
  it('decodes exactly as the TypeScript does, line for line and byte for byte', async () => {
    const argv = ['decode', ...meters, '--key', PUBLISHED_KEY_HEX, '--explain', ...hexes];
    const inProcess = await runCliCaptured(argv);
    const built = run(BUNDLE, argv);
    expect(built.status).toBe(0);
    expect(built.stderr).toBe('');
    expect(jsonLines(built.stdout)).toEqual(inProcess.stdout);
    expect(built.stdout.split('\n').length).toBeGreaterThan(hexes.length); // one line per frame at least
  });

  it('streams stdin: a bad line gets its error and the next one still decodes', () => {
    const good = TELEGRAM_FIXTURES.find((f) => f.name === 'seed-01')!;
    const built = run(BUNDLE, ['decode', ...meters], `${good.hex}\nnot hex\r\n${good.hex}`);
    expect(built.status).toBe(0);
    expect(jsonLines(built.stdout)).toMatchObject([
      { line: 1, ok: true },
      { line: 2, ok: false, error: { code: 'PARSE' } },
      { line: 3, ok: true },
    ]);
  });

  it('decodes an iU891A read piped in: the OmniPower test telegram in a receive indication', () => {
    const seed = fixture('seed-00');
    // -64 dBm is the byte C0: the indication travels with an escape, as on the stick's line.
    const read = slip(indicationMessage(framesFromC(seed)[0]!, 0x0102, -64));
    const built = run(BUNDLE, ['decode', ...meters], `${read.toString('hex')}\n`);
    expect(built.status).toBe(0);
    expect(built.stderr).toBe('');
    const values = Object.fromEntries(
      Object.entries(seed.expect.values!).map(([name, [value, unit]]) => [name, { value, unit }]),
    );
    expect(jsonLines(built.stdout)).toEqual([
      expect.objectContaining({
        line: 1,
        framing: 'iu891a',
        offset: 1,
        ok: true,
        meter: expect.objectContaining({ id: seed.expect.meter }),
        values,
        rssi: null,
        rssiDbm: -64,
      }),
    ]);
  });

  it('prints its help on stdout and exits 0; a wrong command or option exits 2 with the reason', () => {
    const help = run(BUNDLE, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^ {2}decode\b/m);
    expect(run(BUNDLE, ['frobnicate'])).toMatchObject({
      status: 2,
      stdout: '',
      stderr: expect.stringContaining("unknown command 'frobnicate'"),
    });
    expect(run(BUNDLE, ['decode', '--meter', '1234=00'])).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('"1234" has 4 digits'),
    });
  });

  it('stops quietly with exit 0 when the reader closes the pipe early (… | head -1)', async () => {
    const good = TELEGRAM_FIXTURES.find((f) => f.name === 'seed-01')!;
    const child = spawn(process.execPath, [BUNDLE, 'decode', ...meters], { cwd: APP_ROOT });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    child.stdin.on('error', () => undefined); // the CLI may be gone before all input is written
    child.stdin.end(`${good.hex}\n`.repeat(20_000));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});

describe('the gateway-diagnostics bin (what npm run cli runs)', () => {
  it('runs the bundle: same output as out/main/cli.js', () => {
    const argv = ['decode', ...meters, ...hexes.slice(0, 5)];
    const viaBin = run(BIN, argv);
    expect(viaBin.status).toBe(0);
    expect(viaBin.stdout).toBe(run(BUNDLE, argv).stdout);
  });
});

describe('npm start from the built launcher (out/main/launch.js)', () => {
  // Where Electron's runtime is installed, npm start opens the window instead: nothing to check here.
  const electronInstalled = fs.existsSync(path.join(APP_ROOT, 'node_modules/electron/path.txt'));

  it.skipIf(electronInstalled)('serves the UI to a browser when Electron cannot be had', async () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-start-'));
    const child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: APP_ROOT,
      // No download attempt: the fallback is what a machine without Electron's runtime gets.
      env: { ...process.env, XDG_CONFIG_HOME: scratch, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    });
    try {
      const listening = await new Promise<{ url: string; settings: string }>((resolve, reject) => {
        let text = '';
        child.stdout.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          const line = text.split('\n').find((l) => l.includes('"listening"'));
          if (line) resolve(JSON.parse(line) as { url: string; settings: string });
        });
        child.once('exit', (code) => reject(new Error(`npm start exited with ${code}`)));
      });
      const page = await fetch(listening.url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      // First run: the example settings were copied into the user-data folder, as the app does.
      expect(listening.settings.startsWith(scratch)).toBe(true);
      expect(fs.existsSync(listening.settings)).toBe(true);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('close', resolve));
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  });
});
