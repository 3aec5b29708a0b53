// `cli decode` of a long capture on stdin, through the shipped CLI (out/main/cli.js, built by the
// suite's global setup): every line decoded, written in large chunks, and the peak memory of the
// whole process the same for 1 000 000 lines as for 100 000. Holding the input (95 MB here) or the
// output (950 MB) would show; so would writing line by line. No timing.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHciFrame } from '../../core/dongle';
import { encodeOmniPowerTelegram } from '../../core/wmbus';
import { APP_ROOT } from '../paths';
import { OMNIPOWER } from './decode-test-support';

const BUNDLE = path.join(APP_ROOT, 'out', 'main', 'cli.js');
const MiB = 1024 * 1024;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-decode-stream-'));
const HOOK = path.join(dir, 'probe.mjs');

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
    return `${encodeHciFrame({ endpoint: 2, messageId: 3, payload: frame, rssi: 100 + (i % 40) }).toString('hex')}\n`;
  });
  // In batches, so feeding the pipe costs the test little; the CLI still sees one telegram a line.
  for (let i = 0; i < count; i += 256) yield lines.slice(0, Math.min(256, count - i)).join('');
}

interface Run {
  lines: number;
  ok: number;
  bytes: number;
  writes: number;
  peakRss: number;
}

/** The shipped CLI decoding `count` lines fed to its stdin as it reads them; its output counted, not kept. */
async function decodeStream(count: number): Promise<Run> {
  const probeFile = path.join(dir, `probe-${count}.json`);
  const child = spawn(
    process.execPath,
    ['--import', pathToFileURL(HOOK).href, BUNDLE, 'decode', '--meter', `${OMNIPOWER.id}=${OMNIPOWER.key}`],
    { cwd: APP_ROOT, env: { ...process.env, PROBE_FILE: probeFile }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  Readable.from(telegramLines(count)).pipe(child.stdin!);
  const run = { lines: 0, ok: 0, bytes: 0 };
  let tail = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    run.bytes += Buffer.byteLength(chunk);
    const parts = (tail + chunk).split('\n');
    tail = parts.pop()!;
    run.lines += parts.length;
    for (const line of parts)
      if (line.startsWith(`{"line":${run.ok + 1},`) && line.includes('"ok":true')) run.ok++;
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`decode exited with ${code}: ${stderr}`);
  return {
    ...run,
    ...(JSON.parse(fs.readFileSync(probeFile, 'utf8')) as { writes: number; peakRss: number }),
  };
}

beforeAll(() => fs.writeFileSync(HOOK, PROBE));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cli decode of a long capture on stdin', () => {
  it(
    'decodes every line in order, in large writes, with the same peak memory as for a tenth of it',
    { timeout: 600_000 },
    async () => {
      const small = await decodeStream(100_000);
      const large = await decodeStream(1_000_000);
      expect(small).toMatchObject({ lines: 100_000, ok: 100_000 });
      expect(large).toMatchObject({ lines: 1_000_000, ok: 1_000_000 });
      // Chunks of about 64 KiB: a write per line would be a million writes.
      expect(large.writes).toBeLessThan(large.bytes / (32 * 1024));
      console.info(
        `decode peak RSS: ${(small.peakRss / MiB).toFixed(1)} MiB for 100 000 lines, ` +
          `${(large.peakRss / MiB).toFixed(1)} MiB for 1 000 000 (${(large.bytes / MiB).toFixed(0)} MiB of JSON)`,
      );
      // V8 sizes its heap up a little over a long run; holding the input would add over 100 MiB.
      expect(large.peakRss - small.peakRss).toBeLessThan(48 * MiB);
      expect(large.peakRss).toBeLessThan(150 * MiB);
    },
  );
});
