// `npm run bench`: the speed and memory targets of the issues, measured, printed as a table.
// Never part of `npm test`: benchmarks inform, they do not pass or fail a build.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeHciFrame } from '../core/dongle';
import { encodeOmniPowerTelegram } from '../core/wmbus';
import { runLatencyBench } from '../core/gateway/latency.bench';
import { runMqttBench } from '../core/mqtt/session.bench';
import { runDecodeBench, type BenchRow } from '../core/wmbus/decode.bench';
import { APP_ROOT } from './paths';

const KEY_HEX = '9A25139E3244CC2E391A8EF6B915B697';

/** 200 000 stdin lines through `cli decode`: is the run dominated by decoding, not start-up or output? */
function cliDecodeBench(lines = 200_000): BenchRow[] {
  const key = Buffer.from(KEY_HEX, 'hex');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-bench-'));
  const input = path.join(dir, 'telegrams.txt');
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
  fs.writeFileSync(input, `${text.join('\n')}\n`);
  const run = (file: string) => {
    const started = process.hrtime.bigint();
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/index.ts', 'decode', '--meter', `32666857=${KEY_HEX}`],
      { cwd: APP_ROOT, stdio: [fs.openSync(file, 'r'), 'ignore', 'inherit'] },
    );
    if (result.status !== 0) throw new Error(`cli decode exited with ${result.status}`);
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  const empty = path.join(dir, 'empty.txt');
  fs.writeFileSync(empty, '');
  const startup = run(empty);
  const total = run(input);
  fs.rmSync(dir, { recursive: true, force: true });
  return [
    { name: `cli decode: ${lines.toLocaleString('en-US')} stdin lines, wall time`, value: total, unit: 's' },
    { name: 'cli decode: start-up alone (empty input)', value: startup, unit: 's' },
    { name: 'cli decode: lines/s after start-up', value: lines / (total - startup), unit: 'lines/s' },
  ];
}

function printTable(rows: BenchRow[]): void {
  const format = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(3));
  console.log(`${'benchmark'.padEnd(52)} ${'value'.padStart(14)}  unit            target`);
  for (const row of rows) {
    console.log(
      `${row.name.padEnd(52)} ${format(row.value).padStart(14)}  ${row.unit.padEnd(15)} ${row.target ?? ''}`,
    );
  }
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [
    ...runDecodeBench(),
    ...cliDecodeBench(),
    ...(await runLatencyBench()),
    ...(await runMqttBench()),
  ];
  printTable(rows);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
