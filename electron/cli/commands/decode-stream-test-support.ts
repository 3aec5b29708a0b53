// Test support: the shipped CLI (out/main/cli.js, built by the suites' global setup) decoding a long
// stream of telegrams fed to its stdin as it reads them; its output counted as it arrives, not kept.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { encodeHciFrame } from '../../core/stick';
import { encodeOmniPowerTelegram } from '../../core/wmbus';
import { APP_ROOT } from '../paths';
import { OMNIPOWER } from './decode-test-support';

const BUNDLE = path.join(APP_ROOT, 'out', 'main', 'cli.js');

/** Loaded with --import: counts writes to stdout and reports them with the peak memory at exit. */
const PROBE = `
import fs from 'node:fs';
let writes = 0;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (...args) => (writes++, write(...args));
process.on('exit', () =>
  fs.writeFileSync(process.env.PROBE_FILE, JSON.stringify({ writes, peakRss: process.resourceUsage().maxRSS * 1024 })));
`;

/** 256 different OmniPower telegrams (one long in eight) as stick frames in hex, over and over. */
function* telegramLines(count: number): Generator<string> {
  const key = Buffer.from(OMNIPOWER.key, 'hex');
  const lines = Array.from({ length: 256 }, (_, i) => {
    const frame = encodeOmniPowerTelegram({
      id: OMNIPOWER.id,
      key,
      accessNumber: i,
      kind: i % 8 === 0 ? 'long' : 'compact',
      values: { aPlusWh10: 215 + 1000 * i, aMinusWh10: i, pPlusW: 300 + i, pMinusW: 0 },
    });
    const hci = encodeHciFrame({ endpoint: 2, messageId: 3, payload: frame, rssi: 100 + (i % 40) });
    return `${hci.toString('hex')}\n`;
  });
  // In batches, so feeding the pipe costs the test little; the CLI still sees one telegram a line.
  for (let i = 0; i < count; i += 256) yield lines.slice(0, Math.min(256, count - i)).join('');
}

/** Whether `text` is the JSON of a decoded telegram from input line `line`. */
function isOkLine(text: string, line: number): boolean {
  try {
    const parsed = JSON.parse(text) as { line?: unknown; ok?: unknown };
    return parsed.line === line && parsed.ok === true;
  } catch {
    return false;
  }
}

export interface DecodeStreamRun {
  /** Output lines, and how many of them were `ok:true` with the right line number, in order. */
  lines: number;
  okInOrder: number;
  bytes: number;
  /** Calls of process.stdout.write in the CLI. */
  writes: number;
  peakRss: number;
}

export async function decodeStream(count: number): Promise<DecodeStreamRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-decode-stream-'));
  try {
    const probe = path.join(dir, 'probe.mjs');
    const probeFile = path.join(dir, 'probe.json');
    fs.writeFileSync(probe, PROBE);
    const child = spawn(
      process.execPath,
      [
        '--import',
        pathToFileURL(probe).href,
        BUNDLE,
        'decode',
        '--meter',
        `${OMNIPOWER.id}=${OMNIPOWER.key}`,
      ],
      { cwd: APP_ROOT, env: { ...process.env, PROBE_FILE: probeFile }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    Readable.from(telegramLines(count)).pipe(child.stdin);
    const run = { lines: 0, okInOrder: 0, bytes: 0 };
    let tail = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      run.bytes += Buffer.byteLength(chunk);
      const parts = (tail + chunk).split('\n');
      tail = parts.pop()!;
      run.lines += parts.length;
      // Parsed whole: a chunk overwritten before stdout had taken it would garble some line.
      for (const line of parts) if (isOkLine(line, run.okInOrder + 1)) run.okInOrder++;
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    if (code !== 0) throw new Error(`decode exited with ${code}: ${stderr}`);
    const probed = JSON.parse(fs.readFileSync(probeFile, 'utf8')) as { writes: number; peakRss: number };
    return { ...run, ...probed };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
