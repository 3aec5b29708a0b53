import { parseArgs } from 'node:util';
import { CAPTURE_SOURCE_FORMATS, type CaptureSourceFormat } from '../../../shared/capture';
import { CaptureError, openReplayFile, type ReplayFile, type ReplayItem } from '../../core/capture';
import { UsageError, type CliIo } from '../io';
import { DECODE_ARG_OPTIONS, decodeLine, decodeOptionsFrom, type DecodeOptions } from './decode';
import { DecodeOutput } from './decode-output';
import type { InputProblemResult } from './decode-result';
import { exportSimulation } from './replay-export';

interface ReplayOptions {
  file: string;
  format: CaptureSourceFormat | undefined;
  decode: Omit<DecodeOptions, 'now'>;
  toWmbusmeters: string | undefined;
}

function parseReplayArgs(argv: string[]): ReplayOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      ...DECODE_ARG_OPTIONS,
      format: { type: 'string' },
      'to-wmbusmeters': { type: 'string' },
    },
  });
  if (positionals.length !== 1)
    throw new UsageError(
      `replay takes one FILE (a capture, a wmbusmeters simulation or an HCI dump), got ${positionals.length}`,
    );
  const format = values.format;
  if (format !== undefined && !(CAPTURE_SOURCE_FORMATS as readonly string[]).includes(format))
    throw new UsageError(
      `--format must be one of ${CAPTURE_SOURCE_FORMATS.join(', ')}; got ${JSON.stringify(format)}`,
    );
  return {
    file: positionals[0]!,
    format: format as CaptureSourceFormat | undefined,
    // Keys come from the command line, as for decode: a capture holds none.
    decode: decodeOptionsFrom(values),
    toWmbusmeters: values['to-wmbusmeters'],
  };
}

/**
 * `replay FILE [--meter ID=KEY]… [--key KEY] [--gateway GWID] [--explain] [--wmbusmeters]
 * [--format gdcap|wmbusmeters|hci] [--to-wmbusmeters OUT]`: the telegrams of a capture, a
 * wmbusmeters simulation file or a raw HCI dump, as the same JSON lines `decode` prints, streamed
 * from the file. A line that cannot be read is one ok:false PARSE line with its number; the rest
 * goes on. With --to-wmbusmeters, writes the telegrams as a wmbusmeters simulation file instead.
 * Exit 0; 2 for usage or a file that is none of the formats.
 */
export async function replayCommand(argv: string[], io: CliIo): Promise<number> {
  const options = parseReplayArgs(argv);
  let replay: ReplayFile;
  try {
    replay = await openReplayFile(options.file, options.format);
  } catch (error) {
    if (!(error instanceof CaptureError)) throw error;
    io.err(`error: ${error.message}`);
    return 2;
  }
  if (options.toWmbusmeters !== undefined) return exportSimulation(replay, options.toWmbusmeters, io);

  const startedAt = replay.header ? Date.parse(replay.header.startedAt) : NaN;
  let recordedAt = new Date();
  const decodeOptions: DecodeOptions = { ...options.decode, now: () => recordedAt };
  const out = new DecodeOutput(io);
  let telegrams = 0;
  let problems = 0;
  for await (const item of replay.items) {
    if (item.kind === 'problem') {
      problems++;
      io.err(`${options.file}: ${item.message}`);
      out.add(problemLine(item));
      if (out.full) await out.flush();
      continue;
    }
    telegrams++;
    // API v2 timestamps and wmbusmeters' are those of the recording when it says when that was.
    recordedAt = Number.isNaN(startedAt) || item.t === null ? new Date() : new Date(startedAt + item.t);
    for (const result of decodeLine(item.hex, item.line, decodeOptions)) out.add(result);
    if (out.full) await out.flush();
  }
  await out.flush();
  io.err(
    `replayed ${telegrams} telegram${telegrams === 1 ? '' : 's'} from ${options.file} (${replay.format})` +
      (problems > 0 ? `; ${problems} line${problems === 1 ? '' : 's'} could not be read` : ''),
  );
  return 0;
}

/** A line of the file that could not be read, in decode's shape for a bad input line. */
function problemLine(item: Extract<ReplayItem, { kind: 'problem' }>): InputProblemResult {
  return { line: item.line, ok: false, error: { code: 'PARSE', message: item.message }, meter: null };
}
