import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureWriter } from '../core/capture';
import { METER_ID, METER_KEY_HEX, scratch, stickFrame } from '../core/capture/test-support/telegrams';
import { encodeOmniPowerTelegram } from '../core/wmbus';
import { APP_ROOT } from './paths';

// In the interop suite (it writes and replays 1.1 million telegrams, about 40 s): a capture of
// 1 000 000 telegrams replays with flat memory: the shipped CLI streams the file (gzip)
// and its output. Peak resident memory of the whole process is measured for 100 000 and for
// 1 000 000 telegrams; ten times the telegrams may not cost much more. No timing.

const BUNDLE = path.join(APP_ROOT, 'out', 'main', 'cli.js');
const MiB = 1024 * 1024;
const tmp = scratch('replay-memory');
const HOOK = tmp.file('peak-rss.mjs');

/** Loaded with --import: writes the process's peak resident memory (bytes) to a file at exit. */
const PEAK_RSS_HOOK = `
import fs from 'node:fs';
process.on('exit', () => fs.writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)));
`;

/** 256 different OmniPower telegrams (access numbers, values; one long in eight), as stick frames. */
function telegramHexes(): string[] {
  const key = Buffer.from(METER_KEY_HEX, 'hex');
  return Array.from({ length: 256 }, (_, i) =>
    stickFrame(
      encodeOmniPowerTelegram({
        id: METER_ID,
        key,
        accessNumber: i,
        kind: i % 8 === 0 ? 'long' : 'compact',
        values: { aPlusWh10: 215 + i, aMinusWh10: 0, pPlusW: 300 + i, pMinusW: 0 },
      }),
      100 + (i % 40),
    ).toString('hex'),
  );
}

async function writeCapture(file: string, telegrams: number): Promise<void> {
  const hexes = telegramHexes();
  const writer = await CaptureWriter.open({
    file,
    header: {
      app: 'test',
      port: 'virtual',
      linkMode: 'c1a',
      profile: 'demo',
      demo: true,
      gatewayId: '1',
      broker: null,
      stick: null,
      raw: true,
    },
  });
  // Written as the recorder writes them, each with the read's time: 16 s apart per meter.
  for (let i = 0; i < telegrams; i++)
    await writer.writeAndWait({ t: i * 16, type: 'rx', hex: hexes[i % 256]! });
  await writer.close();
}

/** The shipped CLI replaying `file`: its output counted as it streams in, and its peak memory. */
async function replay(file: string): Promise<{ lines: number; ok: number; first: string; peakRss: number }> {
  const rssFile = `${file}.rss`;
  const child = spawn(
    process.execPath,
    ['--import', pathToFileURL(HOOK).href, BUNDLE, 'replay', file, '--meter', `${METER_ID}=${METER_KEY_HEX}`],
    { cwd: APP_ROOT, env: { ...process.env, PEAK_RSS_FILE: rssFile }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let lines = 0;
  let ok = 0;
  let first = '';
  let tail = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    const text = tail + chunk;
    const parts = text.split('\n');
    tail = parts.pop()!;
    if (!first) first = parts[0] ?? '';
    lines += parts.length;
    for (const line of parts) if (line.includes('"ok":true')) ok++;
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (code !== 0) throw new Error(`replay exited with ${code}: ${stderr}`);
  return { lines, ok, first, peakRss: Number(fs.readFileSync(rssFile, 'utf8')) };
}

beforeAll(() => fs.writeFileSync(HOOK, PEAK_RSS_HOOK));
afterAll(() => tmp.remove());

describe('replaying a capture of a million telegrams', () => {
  it('decodes every one with the same peak memory as a tenth of them', { timeout: 600_000 }, async () => {
    const small = tmp.file('100k.gdcap.gz');
    const large = tmp.file('1m.gdcap.gz');
    await writeCapture(small, 100_000);
    await writeCapture(large, 1_000_000);
    // The large file, uncompressed, is far bigger than the memory bound below.
    expect(fs.statSync(large).size).toBeGreaterThan(10 * MiB);

    const a = await replay(small);
    const b = await replay(large);
    expect(a).toMatchObject({ lines: 100_000, ok: 100_000 });
    expect(b).toMatchObject({ lines: 1_000_000, ok: 1_000_000 });
    expect(JSON.parse(b.first)).toMatchObject({ line: 2, ok: true, meter: { id: METER_ID } });
    console.info(
      `replay peak RSS: ${(a.peakRss / MiB).toFixed(1)} MiB for 100 000 telegrams, ${(b.peakRss / MiB).toFixed(1)} MiB for 1 000 000`,
    );
    // V8 grows its heap with the work done (by 20–50 MiB here, varying run to run; the live heap
    // stays flat), so the bound leaves room for that; holding the file, or the output, would cost
    // hundreds of MiB.
    expect(b.peakRss - a.peakRss).toBeLessThan(64 * MiB);
    expect(b.peakRss).toBeLessThan(150 * MiB);
  });
});
