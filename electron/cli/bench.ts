// `npm run bench`: every speed and memory target of the issues, measured with a yardstick from the
// same run, printed and written to bench/REPORT.md. Never part of `npm test`: benchmarks inform,
// they do not pass or fail a build. BENCH_ONLY=decode,cli,latency,mqtt,ui runs a subset.
import fs from 'node:fs';
import path from 'node:path';
import { runUiBench } from '../../bench/ui.bench';
import type { BenchRow } from '../core/bench/bench-row';
import { runLatencyBench } from '../core/gateway/latency.bench';
import { runMqttBench } from '../core/mqtt/session.bench';
import { runDecodeBench } from '../core/wmbus/decode.bench';
import { describeMachine, formatNumber, ratio, renderReport } from './bench-report';
import { runCliDecodeBench } from './cli-decode.bench';
import { APP_ROOT } from './paths';

const BENCHES: Record<string, () => BenchRow[] | Promise<BenchRow[]>> = {
  decode: () => runDecodeBench(),
  cli: () => runCliDecodeBench(),
  latency: () => runLatencyBench(),
  mqtt: () => runMqttBench({ progress: (line) => process.stderr.write(`  ${line}\n`) }),
  ui: () => runUiBench(),
};

function printRow(row: BenchRow): void {
  const yardstick = row.yardstick ? `  vs ${formatNumber(row.yardstick.value)} (${ratio(row)})` : '';
  const verdict = row.met === undefined ? '' : row.met ? '  ✓ ' : '  ✗ ';
  console.log(
    `${row.name.padEnd(58)} ${formatNumber(row.value).padStart(10)} ${row.unit}${yardstick}${verdict}${row.target ?? ''}`,
  );
}

async function main(): Promise<void> {
  const only = process.env['BENCH_ONLY']?.split(',');
  const rows: BenchRow[] = [];
  for (const [name, run] of Object.entries(BENCHES)) {
    if (only && !only.includes(name)) continue;
    process.stderr.write(`bench: ${name}…\n`);
    const measured = await run();
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
