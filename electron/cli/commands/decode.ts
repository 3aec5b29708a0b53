import { parseArgs } from 'node:util';
import { TelegramDecoder } from '../../core/gateway/telegram-decoder';
import type { CliHost } from '../host';
import { UsageError, type CliIo } from '../io';
import { lineBatches } from '../line-splitter';
import { parseAesKey, parseMeterKey } from '../meter-args';
import { DecodeOutput } from './decode-output';
import { decodeLine, type DecodeOptions } from './decode-result';

export { decodeLine, type DecodeOptions } from './decode-result';

/** The options `decode` takes, shared with `replay` (which decodes the same way). */
export const DECODE_ARG_OPTIONS = {
  meter: { type: 'string', multiple: true },
  key: { type: 'string' },
  gateway: { type: 'string' },
  explain: { type: 'boolean' },
  wmbusmeters: { type: 'boolean' },
} as const;

interface DecodeArgValues {
  meter?: string[];
  key?: string;
  gateway?: string;
  explain?: boolean;
  wmbusmeters?: boolean;
}

/** The decoder and output options from parsed `DECODE_ARG_OPTIONS`; usage errors in words. */
export function decodeOptionsFrom(values: DecodeArgValues): Omit<DecodeOptions, 'now'> {
  if (values.gateway !== undefined && !/^\d+$/.test(values.gateway)) {
    throw new UsageError(
      `--gateway must be the gateway's number (digits), got ${JSON.stringify(values.gateway)}`,
    );
  }
  const monitored = values.meter
    ? new Map(
        values.meter.map((text) => {
          const { id, key } = parseMeterKey(text);
          return [id, key] as const;
        }),
      )
    : null;
  const fallbackKey = values.key === undefined ? null : parseAesKey(values.key, 'The key given with --key');
  return {
    decoder: new TelegramDecoder({ monitored, fallbackKey }),
    gatewayId: values.gateway ?? null,
    explain: values.explain ?? false,
    wmbusmeters: values.wmbusmeters ?? false,
  };
}

function parseDecodeArgs(argv: string[]): { options: Omit<DecodeOptions, 'now'>; hex: string[] } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: DECODE_ARG_OPTIONS,
  });
  return { options: decodeOptionsFrom(values), hex: positionals };
}

/**
 * `decode [--meter ID=KEYHEX]… [--key KEYHEX] [--gateway GWID] [--explain] [HEX …]`: HEX arguments,
 * or one telegram (or byte stream) per stdin line. Never stops at a bad line; exit 0 at the end.
 * Stdin streams: each chunk's lines are decoded and their JSON gathered into large writes, so memory
 * stays flat on a capture of any size.
 */
export async function decodeCommand(argv: string[], io: CliIo, host: CliHost = {}): Promise<number> {
  const { options, hex } = parseDecodeArgs(argv);
  if (hex.length === 0 && host.noStdin)
    throw new UsageError(
      `decode has no telegrams to read: ${host.noStdin}. Give them as arguments, or put them in a file, one per line, and run replay FILE.`,
    );
  const decodeOptions: DecodeOptions = { ...options, now: () => new Date() };
  const output = new DecodeOutput(io);
  // Arguments are one batch of lines; stdin comes a chunk's lines at a time.
  const batches = hex.length > 0 ? [hex] : lineBatches(process.stdin);
  let line = 0;
  for await (const lines of batches) {
    for (const text of lines) {
      for (const result of decodeLine(text, ++line, decodeOptions)) output.add(result);
      if (output.full) await output.flush();
    }
  }
  await output.flush();
  return 0;
}
