// Benchmark (not a test), part of `npm run bench`; also runnable alone with
// `npx tsx electron/core/wmbus/decode.bench.ts`. Decodes the real fixture telegrams in a loop.
import { createDecipheriv } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { BenchRow } from '../bench/bench-row';
import { KeyCipherCache } from './aes-ctr';
import { decodeTelegram, type DecodeOptions } from './decode';
import { DecodeError } from './errors';
import { framesFromC, OMNIPOWER_ID, OMNIPOWER_KEY, TELEGRAM_FIXTURES } from './fixtures/telegram-fixtures';
import { FormatRegistry } from './format-registry';

export type { BenchRow } from '../bench/bench-row';

const options: DecodeOptions = {
  keyFor: (id) => (id === OMNIPOWER_ID ? OMNIPOWER_KEY : undefined),
  ciphers: new KeyCipherCache(),
  formats: new FormatRegistry(),
};

const byOutcome = (outcomes: string[]) =>
  TELEGRAM_FIXTURES.filter((f) => f.framing.startsWith('seed-pipe') || f.framing.startsWith('im871a'))
    .flatMap((f) =>
      framesFromC(f).map((frame, i) => ({ frame, outcome: (f.expect.frames ?? [f.expect])[i]!.outcome })),
    )
    .filter((t) => outcomes.includes(t.outcome))
    .map((t) => t.frame);

/** Telegrams per second for `seconds` of running `work` over `frames` round-robin on this thread. */
function throughput(frames: Buffer[], seconds: number, work = decodeOne): number {
  let count = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() < deadline) {
    for (let round = 0; round < 1000; round++) {
      for (const frame of frames) {
        work(frame);
        count++;
      }
    }
  }
  return count / (Number(process.hrtime.bigint() - started) / 1e9);
}

function decodeOne(frame: Buffer): void {
  try {
    decodeTelegram(frame, options);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
  }
}

const ZERO_IV = Buffer.alloc(16);
/**
 * The yardstick: only Node's own AES-128-CTR over the same bytes, one decipher per telegram (what
 * the simplest decoder must do at the least), without parsing, checking or converting anything.
 */
function decryptOnly(frame: Buffer): void {
  createDecipheriv('aes-128-ctr', OMNIPOWER_KEY, ZERO_IV).update(frame.subarray(17));
}

export function runDecodeBench(seconds = 2): BenchRow[] {
  // Before any decoding: what the process (Node, the loader, these modules) holds anyway.
  const startRss = process.memoryUsage().rss / 1024 / 1024;
  const ok = byOutcome(['ok']);
  const compact = ok.filter((f) => f.length === 39);
  const mixed = byOutcome(['ok', 'not this meter', 'cannot decrypt: no key', 'payload CRC failure']);
  const aes = (frames: Buffer[]) => ({
    name: 'Node AES-128-CTR alone, same bytes',
    value: throughput(frames, seconds, decryptOnly),
  });
  const rate = throughput(ok, seconds);
  return [
    {
      name: 'decode: OmniPower telegrams (long + compact)',
      value: rate,
      unit: 'telegrams/s',
      yardstick: aes(ok),
      target: '≥ 250 000',
      met: rate >= 250_000,
    },
    {
      name: 'decode: compact only',
      value: throughput(compact, seconds),
      unit: 'telegrams/s',
      yardstick: aes(compact),
    },
    {
      name: 'decode: all fixture frames incl. failures',
      value: throughput(mixed, seconds),
      unit: 'telegrams/s',
      yardstick: aes(mixed),
    },
    {
      name: 'decode: peak RSS',
      value: process.resourceUsage().maxRSS / 1024,
      unit: 'MiB',
      yardstick: { name: 'RSS before decoding', value: startRss },
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of runDecodeBench())
    console.log(`${row.name.padEnd(48)} ${Math.round(row.value).toLocaleString('en-US')} ${row.unit}`);
}
