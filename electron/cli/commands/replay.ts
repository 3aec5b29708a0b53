import { parseArgs } from 'node:util';
import { CAPTURE_SOURCE_FORMATS, type CaptureSourceFormat } from '../../../shared/capture';
import { CaptureError, openReplayFile, type ReplayFile, type ReplayItem } from '../../core/capture';
import { TelegramDecoder } from '../../core/gateway/telegram-decoder';
import { MeterKeyError, parseAesKey, parseMeterKey } from '../meter-args';
import { UsageError, type CliIo } from '../io';
import { JsonLinesOut } from '../json-lines-out';
import { decodeLine, type DecodeOptions } from './decode';
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
      meter: { type: 'string', multiple: true },
      key: { type: 'string' },
      gateway: { type: 'string' },
      explain: { type: 'boolean' },
      wmbusmeters: { type: 'boolean' },
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
  if (values.gateway !== undefined && !/^\d+$/.test(values.gateway))
    throw new UsageError(
      `--gateway must be the gateway's number (digits), got ${JSON.stringify(values.gateway)}`,
    );
  try {
    // Keys come from the command line, as for decode: a capture holds none.
    const monitored = values.meter
      ? new Map(values.meter.map((m) => Object.values(parseMeterKey(m)) as [string, Buffer]))
      : null;
    const fallbackKey = values.key === undefined ? null : parseAesKey(values.key, 'The key given with --key');
    return {
      file: positionals[0]!,
      format: format as CaptureSourceFormat | undefined,
      decode: {
        decoder: new TelegramDecoder({ monitored, fallbackKey }),
        gatewayId: values.gateway ?? null,
        explain: values.explain ?? false,
        wmbusmeters: values.wmbusmeters ?? false,
      },
      toWmbusmeters: values['to-wmbusmeters'],
    };
  } catch (error) {
    if (error instanceof MeterKeyError) throw new UsageError(error.message);
    throw error;
  }
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
  const out = new JsonLinesOut(io);
  let telegrams = 0;
  let problems = 0;
  for await (const item of replay.items) {
    if (item.kind === 'problem') {
      problems++;
      io.err(`${options.file}: ${item.message}`);
      await out.write(problemLine(item));
      continue;
    }
    telegrams++;
    // API v2 timestamps and wmbusmeters' are those of the recording when it says when that was.
    recordedAt = Number.isNaN(startedAt) || item.t === null ? new Date() : new Date(startedAt + item.t);
    for (const object of decodeLine(item.hex, item.line, decodeOptions)) await out.write(object);
  }
  await out.flush();
  io.err(
    `replayed ${telegrams} telegram${telegrams === 1 ? '' : 's'} from ${options.file} (${replay.format})` +
      (problems > 0 ? `; ${problems} line${problems === 1 ? '' : 's'} could not be read` : ''),
  );
  return 0;
}

/** A line of the file that could not be read, in decode's shape for a bad input line. */
function problemLine(item: Extract<ReplayItem, { kind: 'problem' }>): object {
  return { line: item.line, ok: false, error: { code: 'PARSE', message: item.message }, meter: null };
}
