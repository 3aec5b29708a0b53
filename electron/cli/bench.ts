// `npm run bench`: every speed and memory target of the issues, measured with a yardstick from the
// same run, printed and written to bench/REPORT.md. Never part of `npm test`: benchmarks inform,
// they do not pass or fail a build. BENCH_ONLY=decode,cli,latency,mqtt,ui runs a subset.
// Each benchmark runs in a fresh Node process: one benchmark's JIT and heap state (code V8 has
// seen with other object shapes, a heap grown by the previous flood) must not colour the next.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BenchRow } from '../core/bench/bench-row';
import { describeMachine, formatNumber, ratio, renderReport } from './bench-report';
import { APP_ROOT } from './paths';

// Loaded on demand, so each child process holds only its own benchmark's code (peak RSS is a figure).
const BENCHES: Record<string, () => Promise<BenchRow[]>> = {
  decode: async () => (await import('../core/wmbus/decode.bench')).runDecodeBench(),
  cli: async () => (await import('./cli.bench')).runCliBench(),
  latency: async () => (await import('../core/gateway/latency.bench')).runLatencyBench(),
  mqtt: async () =>
    (await import('../core/mqtt/session.bench')).runMqttBench({
      progress: (line) => process.stderr.write(`  ${line}\n`),
    }),
  ui: async () => (await import('../../bench/ui.bench')).runUiBench(),
};

function printRow(row: BenchRow): void {
  const yardstick = row.yardstick ? `  vs ${formatNumber(row.yardstick.value)} (${ratio(row)})` : '';
  const verdict = row.met === undefined ? '' : row.met ? '  ✓ ' : '  ✗ ';
  console.log(
    `${row.name.padEnd(58)} ${formatNumber(row.value).padStart(10)} ${row.unit}${yardstick}${verdict}${row.target ?? ''}`,
  );
}

const CHILD = 'BENCH_CHILD';
/** Marks the child's result line, whatever else a tool it starts may print. */
const ROWS = 'bench-rows:';

/** Runs one benchmark in a child process (this file again) and returns its rows. */
function runIsolated(name: string): BenchRow[] {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(APP_ROOT, 'electron/cli/bench.ts')],
    {
      cwd: APP_ROOT,
      env: { ...process.env, [CHILD]: name },
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (child.status !== 0) throw new Error(`the ${name} benchmark failed (exit ${child.status})`);
  const line = child.stdout
    .split('\n')
    .filter((l) => l.startsWith(ROWS))
    .pop();
  if (!line) throw new Error(`the ${name} benchmark printed no rows`);
  return JSON.parse(line.slice(ROWS.length)) as BenchRow[];
}

async function main(): Promise<void> {
  const child = process.env[CHILD];
  if (child) {
    const run = BENCHES[child];
    if (!run) throw new Error(`no benchmark called ${child}`);
    return void process.stdout.write(`\n${ROWS}${JSON.stringify(await run())}\n`);
  }
  const only = process.env['BENCH_ONLY']?.split(',');
  const rows: BenchRow[] = [];
  for (const name of Object.keys(BENCHES)) {
    if (only && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}…\n`);
    const measured = runIsolated(name);
    measured.forEach(printRow);
    rows.push(...measured);
  }
  const file = path.join(APP_ROOT, 'bench', 'REPORT.md');
  if (only) return console.log(`\nA subset ran (BENCH_ONLY); ${path.relative(APP_ROOT, file)} is unchanged.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, renderReport(rows, describeMachine(APP_ROOT), new Date()));
  console.log(`\nWrote ${path.relative(APP_ROOT, file)}.`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
