import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { HexInputError, parseHexInput } from '../../core/inspect/hex-input';
import { MeterKeyError, parseAesKey, parseMeterKey } from '../meter-args';
import { TelegramDecoder } from '../../core/gateway/telegram-decoder';
import { explainFound } from '../../core/inspect/telegram-inspector';
import { splitTelegramInput, type InputItem } from '../../core/inspect/telegram-input';
import { dataPublications, manufacturerKeyOf } from '../../core/recalc';
import { rssiToDbm } from '../../core/dongle';
import { driverFor, driverNamed, recordViews, toWmbusmetersFields } from '../../core/wmbus';
import { UsageError, type CliIo } from '../io';

export interface DecodeOptions {
  decoder: TelegramDecoder;
  gatewayId: string | null;
  explain: boolean;
  wmbusmeters: boolean;
  now: () => Date;
}

function parseDecodeArgs(argv: string[]): { options: Omit<DecodeOptions, 'now'>; hex: string[] } {
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
    },
  });
  try {
    const monitored = values.meter
      ? new Map(values.meter.map((m) => Object.values(parseMeterKey(m)) as [string, Buffer]))
      : null;
    const fallbackKey = values.key === undefined ? null : parseAesKey(values.key, 'The key given with --key');
    if (values.gateway !== undefined && !/^\d+$/.test(values.gateway)) {
      throw new UsageError(
        `--gateway must be the gateway's number (digits), got ${JSON.stringify(values.gateway)}`,
      );
    }
    return {
      options: {
        decoder: new TelegramDecoder({ monitored, fallbackKey }),
        gatewayId: values.gateway ?? null,
        explain: values.explain ?? false,
        wmbusmeters: values.wmbusmeters ?? false,
      },
      hex: positionals,
    };
  } catch (error) {
    if (error instanceof MeterKeyError) throw new UsageError(error.message);
    throw error;
  }
}

/** One input line (or argument) → one JSON object per frame found in it. */
export function decodeLine(text: string, line: number, options: DecodeOptions): object[] {
  let bytes: Buffer;
  try {
    bytes = parseHexInput(text);
  } catch (error) {
    const message = error instanceof HexInputError ? error.message : String(error);
    return [{ line, ok: false, error: { code: 'PARSE', message }, meter: null }];
  }
  return splitTelegramInput(bytes).map((item) => describeItem(bytes, item, line, options));
}

/**
 * The JSON object for one item. Built field by field rather than with object spreads: this runs for
 * every line of a 200 000-line capture, and spreads cost more here than the decoding itself.
 */
function describeItem(bytes: Buffer, item: InputItem, line: number, options: DecodeOptions): object {
  if (item.kind === 'problem') {
    const meter = item.frame ? options.decoder.decode(item.frame).meter : null;
    return {
      line,
      framing: null,
      offset: item.offset,
      ok: false,
      error: { code: item.code, message: item.message },
      meter,
    };
  }
  const outcome = options.decoder.decode(item.frame);
  const result: Record<string, unknown> = {
    line,
    framing: item.framing,
    offset: item.offset,
    ok: outcome.ok,
  };
  if (outcome.ok) {
    const { telegram } = outcome;
    result['meter'] = outcome.meter;
    result['driver'] = telegram.driver;
    result['values'] = telegram.values;
    result['frameKind'] = telegram.frameKind;
    result['accessNumber'] = telegram.accessNumber;
    result['encryption'] = telegram.encryption;
    result['records'] = recordViews(telegram.records);
  } else {
    result['error'] = outcome.error;
    result['meter'] = outcome.meter;
    // Known from the header alone, so a failure still says which kind of meter it was.
    result['driver'] = outcome.meter === null ? null : driverFor(outcome.meter).name;
  }
  const rssiDbm = item.rssi === null ? null : rssiToDbm(item.rssi);
  result['rssi'] = item.rssi;
  result['rssiDbm'] = rssiDbm;
  result['stickCrc'] = item.stickCrc;
  if (options.explain) result['explain'] = explainFound(bytes, item, options.decoder);
  if (!outcome.ok) return result;

  const receivedAt = options.now();
  if (options.wmbusmeters) {
    result['wmbusmeters'] = toWmbusmetersFields(
      outcome.telegram,
      rssiDbm === null ? { timestamp: receivedAt } : { timestamp: receivedAt, rssiDbm },
    );
  }
  if (options.gatewayId !== null) {
    const sensor = {
      gatewayId: options.gatewayId,
      manufacturerKey: manufacturerKeyOf(outcome.meter.manufacturer),
      deviceId: outcome.meter.id,
    };
    // The API v2 channels of the meter's driver; a driver without any (a water meter) publishes nothing.
    const driver = driverNamed(outcome.telegram.driver);
    const channels = driver?.channels ?? [];
    result['publish'] = dataPublications(
      sensor,
      outcome.telegram.values,
      receivedAt,
      'per-channel',
      channels,
    );
    if (channels.length === 0) result['unpublishedReason'] = driver?.unpublishedReason ?? null;
  }
  return result;
}

/**
 * `decode [--meter ID=KEYHEX]… [--key KEYHEX] [--gateway GWID] [--explain] [HEX …]`: HEX arguments,
 * or one telegram (or byte stream) per stdin line. Never stops at a bad line; exit 0 at the end.
 */
export async function decodeCommand(argv: string[], io: CliIo): Promise<number> {
  const { options, hex } = parseDecodeArgs(argv);
  const decodeOptions: DecodeOptions = { ...options, now: () => new Date() };
  if (hex.length > 0) {
    hex.forEach((text, i) => decodeLine(text, i + 1, decodeOptions).forEach((o) => io.out(o)));
    return 0;
  }
  const output = new LineBuffer(io);
  let line = 0;
  for await (const text of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    line++;
    for (const object of decodeLine(text, line, decodeOptions)) await output.write(object);
  }
  await output.flush();
  return 0;
}

/** Batches JSON lines into large writes and honours stdout back-pressure (200 000 lines must not crawl). */
class LineBuffer {
  private chunks: string[] = [];
  private size = 0;
  constructor(private readonly io: CliIo) {}

  async write(value: unknown): Promise<void> {
    const text = `${JSON.stringify(value)}\n`;
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.chunks.length === 0) return;
    const text = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    await this.io.raw(text);
  }
}
