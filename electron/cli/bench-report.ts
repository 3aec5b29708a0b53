// bench/REPORT.md: every figure of `npm run bench` beside its yardstick and target, with the
// machine it ran on. Rendering is pure so it is tested; describing the machine reads the system.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { BenchRow } from '../core/bench/bench-row';

export interface MachineFacts {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  tools: string[];
  commit: string | null;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** value ÷ yardstick, e.g. "0.53×"; the reader knows from the unit whether higher is better. */
export function ratio(row: BenchRow): string {
  if (!row.yardstick || row.yardstick.value === 0) return '—';
  return `${(row.value / row.yardstick.value).toFixed(2)}×`;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

function targetCell(row: BenchRow): string {
  if (!row.target) return '—';
  if (row.met === undefined) return cell(row.target);
  return `${cell(row.target)} ${row.met ? '✅ met' : '❌ missed'}`;
}

export function renderReport(rows: BenchRow[], machine: MachineFacts, when: Date): string {
  const missed = rows.filter((r) => r.met === false);
  const lines = [
    '# Benchmark report',
    '',
    `Written by \`npm run bench\` on ${when.toISOString().replace(/\.\d+Z$/, 'Z')}` +
      (machine.commit ? ` at commit \`${machine.commit}\`.` : '.'),
    'Each yardstick was measured in the same run on the same machine; ratio = value ÷ yardstick.',
    '',
    '## Machine',
    '',
    `- CPU: ${machine.cpu}, ${machine.cores} cores; memory ${machine.memoryGiB} GiB`,
    `- OS: ${machine.os}`,
    `- Node.js ${machine.node}`,
    ...machine.tools.map((tool) => `- ${tool}`),
    '',
    '## Figures',
    '',
    '| Figure | Value | Unit | Yardstick | Yardstick value | Ratio | Target |',
    '| --- | ---: | --- | --- | ---: | ---: | --- |',
    ...rows.map((row) =>
      [
        '',
        cell(row.name),
        formatNumber(row.value),
        cell(row.unit),
        row.yardstick ? cell(row.yardstick.name) : '—',
        row.yardstick ? formatNumber(row.yardstick.value) : '—',
        ratio(row),
        targetCell(row),
        '',
      ]
        .join(' | ')
        .trim(),
    ),
    '',
    missed.length === 0
      ? 'Every target was met in this run.'
      : `Missed in this run: ${missed.map((r) => r.name).join('; ')}.`,
    '',
  ];
  return lines.join('\n');
}

const firstLine = (command: string, args: string[]): string | null => {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  if (result.error) return null;
  const text = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n')[0];
  return text || null;
};

export function describeMachine(cwd: string): MachineFacts {
  const release = fs.existsSync('/etc/os-release') ? fs.readFileSync('/etc/os-release', 'utf8') : '';
  const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(release)?.[1];
  const mosquitto = firstLine('mosquitto', ['-h']);
  const chromium = firstLine('/usr/bin/chromium', ['--version']);
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' });
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown CPU',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${pretty ?? os.type()} (${os.platform()} ${os.release()}, ${os.arch()})`,
    node: process.versions.node,
    tools: [mosquitto, chromium].filter((t): t is string => t !== null),
    commit: commit.status === 0 ? commit.stdout.trim() : null,
  };
}
