// Micro benchmark (not a test): `npx tsx electron/core/wmbus/decode.bench.ts`.
// Decodes the fixture telegrams in a loop for ~2 s per scenario; prints telegrams/s and peak RSS.
import { KeyCipherCache } from './aes-ctr';
import { decodeTelegram, type DecodeOptions } from './decode';
import { DecodeError } from './errors';
import { framesFromC, OMNIPOWER_ID, OMNIPOWER_KEY, TELEGRAM_FIXTURES } from './fixtures/telegram-fixtures';
import { FormatRegistry } from './format-registry';

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

function run(name: string, frames: Buffer[], seconds = 2): void {
  let count = 0;
  let failures = 0;
  let checksum = 0;
  const deadline = process.hrtime.bigint() + BigInt(seconds * 1e9);
  const started = process.hrtime.bigint();
  while (process.hrtime.bigint() < deadline) {
    for (let round = 0; round < 1000; round++) {
      for (const frame of frames) {
        try {
          checksum += decodeTelegram(frame, options).records.length;
        } catch (error) {
          if (!(error instanceof DecodeError)) throw error;
          failures++;
        }
        count++;
      }
    }
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const perSecond = Math.round(count / elapsed);
  console.log(
    `${name.padEnd(42)} ${perSecond.toLocaleString('en-US').padStart(11)} telegrams/s  ` +
      `(${frames.length} frames, ${failures} DecodeErrors, checksum ${checksum})`,
  );
}

const ok = byOutcome(['ok']);
run('OmniPower ok telegrams (long + compact)', ok);
run(
  'OmniPower compact only',
  ok.filter((frame) => frame.length === 39),
);
run(
  'all fixture frames incl. errors (thrown)',
  byOutcome(['ok', 'not this meter', 'cannot decrypt: no key', 'payload CRC failure']),
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`);
