// Benchmark (not a test), part of `npm run bench`: 200 000 stdin lines through `cli decode`. Is the
// run dominated by decoding, not start-up or output? The yardstick, in the same run: a plain Node
// process that reads the same lines and writes one small JSON object per line (the I/O floor).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow } from '../core/bench/bench-row';
import { encodeHciFrame } from '../core/dongle';
import { encodeOmniPowerTelegram } from '../core/wmbus';
import { APP_ROOT } from './paths';

const KEY_HEX = '9A25139E3244CC2E391A8EF6B915B697';

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

/** Wall-clock seconds of `args` run by Node with `file` as stdin and stdout thrown away. */
function timed(args: string[], file: string): number {
  const started = process.hrtime.bigint();
  const input = fs.openSync(file, 'r');
  const result = spawnSync(process.execPath, args, { cwd: APP_ROOT, stdio: [input, 'ignore', 'inherit'] });
  fs.closeSync(input);
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited with ${result.status}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export function runCliDecodeBench(lines = 200_000): BenchRow[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-bench-'));
  try {
    const input = path.join(dir, 'telegrams.txt');
    const empty = path.join(dir, 'empty.txt');
    writeInput(input, lines);
    fs.writeFileSync(empty, '');
    const cli = ['--import', 'tsx', 'electron/cli/index.ts', 'decode', '--meter', `32666857=${KEY_HEX}`];
    const copier = ['-e', LINE_COPIER];
    const startup = timed(cli, empty);
    const total = timed(cli, input);
    const copierStartup = timed(copier, empty);
    const copierTotal = timed(copier, input);
    const rate = lines / (total - startup);
    return [
      {
        name: `cli decode: ${lines.toLocaleString('en-US')} stdin lines, wall time`,
        value: total,
        unit: 's',
        yardstick: { name: 'plain Node line copier, same lines', value: copierTotal },
      },
      {
        name: 'cli decode: start-up alone (empty input)',
        value: startup,
        unit: 's',
        yardstick: { name: 'plain Node start-up', value: copierStartup },
      },
      {
        name: 'cli decode: lines/s after start-up',
        value: rate,
        unit: 'lines/s',
        yardstick: { name: 'plain Node line copier', value: lines / (copierTotal - copierStartup) },
        target: 'decoding dominates: start-up < half the wall time',
        met: startup < total / 2,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
