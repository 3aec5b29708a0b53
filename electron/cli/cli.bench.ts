// Benchmark (not a test), part of `npm run bench`: the command line as a user starts it, whole
// processes timed from spawn to exit. Yardsticks from the same run: `node -e 0` (Node's own start),
// a plain Node line copier over the same lines (the I/O floor), and `npm --version` (npm's own start).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow } from '../core/bench/bench-row';
import { encodeHciFrame } from '../core/stick';
import { encodeOmniPowerTelegram } from '../core/wmbus';
import { pathToFileURL } from 'node:url';
import { APP_ROOT, EXAMPLE_SETTINGS } from './paths';

const KEY_HEX = '9A25139E3244CC2E391A8EF6B915B697';
const BIN = path.join(APP_ROOT, 'bin', 'gateway-diagnostics.js');
const BUNDLE = path.join(APP_ROOT, 'out', 'main', 'cli.js');
const MiB = 1024 * 1024;

/** Reads stdin lines, writes {"line":…} per line in 64 kB chunks: the least any line tool does. */
const LINE_COPIER = `
const rl = require('node:readline').createInterface({ input: process.stdin });
let out = [];
rl.on('line', (line) => {
  out.push(JSON.stringify({ ok: true, line }));
  if (out.length >= 512) { process.stdout.write(out.join('\\n') + '\\n'); out = []; }
});
rl.on('close', () => process.stdout.write(out.length ? out.join('\\n') + '\\n' : ''));
`;

/** Loaded with --import: writes the process's peak resident memory (bytes) to a file at exit. */
const PEAK_RSS_HOOK = `
import fs from 'node:fs';
process.on('exit', () => fs.writeFileSync(process.env.BENCH_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)));
`;

/** OmniPower telegrams as the stick delivers them, one HCI frame in hex per line, 1 in 8 long. */
function writeInput(file: string, lines: number): void {
  const key = Buffer.from(KEY_HEX, 'hex');
  const text: string[] = [];
  for (let i = 0; i < lines; i++) {
    const frame = encodeOmniPowerTelegram({
      id: '32666857',
      key,
      accessNumber: i & 0xff,
      kind: i % 8 === 0 ? 'long' : 'compact',
      values: { aPlusWh10: 215 + i, aMinusWh10: 0, pPlusW: 300 + (i % 50), pMinusW: 0 },
    });
    text.push(encodeHciFrame({ endpoint: 2, messageId: 3, payload: frame, rssi: 120 }).toString('hex'));
  }
  fs.writeFileSync(file, `${text.join('\n')}\n`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Wall-clock seconds of one run of `command`, output thrown away. */
function wallTime(command: string, args: string[]): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: APP_ROOT, stdio: 'ignore' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Median wall time of each command over `runs` rounds, the commands taking turns (fair to both). */
function medianTimes(commands: [string, string[]][], runs: number): number[] {
  const times = commands.map(() => [] as number[]);
  for (let round = 0; round < runs; round++)
    commands.forEach(([command, args], i) => times[i]!.push(wallTime(command, args)));
  return times.map(median);
}

/**
 * One whole run of `node args` with `input` as stdin and stdout piped to this process (as into
 * `jq`): its wall time, the bytes it wrote and its peak memory.
 */
async function pipedRun(
  args: string[],
  input: string,
  hook: string,
): Promise<{ seconds: number; bytes: number; peakRss: number }> {
  const rssFile = path.join(path.dirname(hook), `rss-${process.hrtime.bigint()}`);
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', pathToFileURL(hook).href, ...args], {
    cwd: APP_ROOT,
    env: { ...process.env, BENCH_PEAK_RSS_FILE: rssFile },
    stdio: [fs.openSync(input, 'r'), 'pipe', 'inherit'],
  });
  let bytes = 0;
  child.stdout!.on('data', (chunk: Buffer) => (bytes += chunk.length));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}`);
  return { seconds, bytes, peakRss: Number(fs.readFileSync(rssFile, 'utf8')) };
}

/** Seconds from `npm run --silent web` to the URL on its stdout, with out/ up to date. */
async function webToUrl(scratch: string): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(
    'npm',
    ['run', '--silent', 'web', '--', '--port', '0', '--settings', EXAMPLE_SETTINGS],
    {
      cwd: APP_ROOT,
      env: { ...process.env, XDG_CONFIG_HOME: scratch },
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    },
  );
  try {
    return await new Promise<number>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('"url"')) resolve(Number(process.hrtime.bigint() - started) / 1e9);
      });
      child.once('exit', (code) => reject(new Error(`npm run web exited with ${code} before its URL`)));
    });
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((resolve) => child.once('close', resolve));
  }
}

export async function runCliBench(lines = 200_000): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-bench-'));
  try {
    const input = path.join(dir, 'telegrams.txt');
    const hook = path.join(dir, 'peak-rss.mjs');
    writeInput(input, lines);
    fs.writeFileSync(hook, PEAK_RSS_HOOK);

    const node = process.execPath;
    const [bareNode, helpViaBin, helpBundle] = medianTimes(
      [
        [node, ['-e', '0']],
        [node, [BIN, '--help']],
        [node, [BUNDLE, '--help']],
      ],
      9,
    );

    const decode = [BUNDLE, 'decode', '--meter', `32666857=${KEY_HEX}`];
    const decodeRuns = [];
    const copierRuns = [];
    for (let round = 0; round < 3; round++) {
      decodeRuns.push(await pipedRun(decode, input, hook));
      copierRuns.push(await pipedRun(['-e', LINE_COPIER], input, hook));
    }
    const decodeSeconds = median(decodeRuns.map((r) => r.seconds));
    const copierSeconds = median(copierRuns.map((r) => r.seconds));
    const decodePeak = Math.max(...decodeRuns.map((r) => r.peakRss));
    const copierPeak = Math.max(...copierRuns.map((r) => r.peakRss));
    const outputMiB = decodeRuns[0]!.bytes / MiB;

    const web: number[] = [];
    const npmAlone: number[] = [];
    await webToUrl(dir); // brings out/ up to date if it was not, and warms the file cache
    for (let round = 0; round < 5; round++) {
      web.push(await webToUrl(dir));
      npmAlone.push(wallTime('npm', ['--version']));
    }
    const webSeconds = median(web);
    const rate = lines / decodeSeconds;

    /** A `--help` start-up beside `node -e 0`, against the "at most twice" target. */
    const helpRow = (name: string, seconds: number): BenchRow => ({
      name,
      value: seconds,
      unit: 's',
      yardstick: { name: 'node -e 0', value: bareNode! },
      target: '≤ 2× node -e 0',
      met: seconds <= 2 * bareNode!,
    });

    return [
      helpRow('cli --help, whole process (gateway-diagnostics, incl. its up-to-date check)', helpViaBin!),
      helpRow('cli --help, the bundle alone (node out/main/cli.js)', helpBundle!),
      {
        name: `cli decode: ${lines.toLocaleString('en-US')} telegrams, whole process into a pipe (${outputMiB.toFixed(0)} MiB of JSON)`,
        value: rate,
        unit: 'telegrams/s',
        yardstick: { name: 'plain Node line copier, same lines', value: lines / copierSeconds },
        target: '≥ 250 000',
        met: rate >= 250_000,
      },
      {
        name: 'cli decode: peak RSS of that process',
        value: decodePeak / MiB,
        unit: 'MiB',
        yardstick: { name: 'plain Node line copier, peak RSS', value: copierPeak / MiB },
        target: '< 150 MiB',
        met: decodePeak < 150 * MiB,
      },
      {
        name: 'npm run web: command to printed URL (out/ up to date)',
        value: webSeconds,
        unit: 's',
        yardstick: { name: 'npm --version (npm starting alone)', value: median(npmAlone) },
        target: '< 1 s',
        met: webSeconds < 1,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
