import type { TelegramDecoder, TelegramError } from '../../core/gateway/telegram-decoder';
import { HexInputError, parseHexInput } from '../../core/inspect/hex-input';
import { explainFound } from '../../core/inspect/telegram-inspector';
import {
  splitTelegramInput,
  type InputFraming,
  type InputItem,
  type StickCrc,
} from '../../core/inspect/telegram-input';
import { dataPublications, manufacturerKeyOf } from '../../core/recalc';
import {
  driverFor,
  driverNamed,
  recordViews,
  toWmbusmetersFields,
  type DecodedTelegram,
  type MeterIdentity,
  type MeterValues,
  type RecordView,
} from '../../core/wmbus';

/**
 * The JSON objects `cli decode` prints, one per frame (docs/ARCHITECTURE.md § Command line). Their key
 * order is the output's: each shape is built by one object literal below, and decode-json.ts writes
 * the decoded shape in the same order (its test compares it with JSON.stringify on every kind).
 */

export interface DecodeOptions {
  decoder: TelegramDecoder;
  gatewayId: string | null;
  explain: boolean;
  wmbusmeters: boolean;
  now: () => Date;
}

/** A frame that decoded: the common case, millions of times in a capture. */
export interface DecodedResult {
  line: number;
  framing: InputFraming;
  offset: number;
  ok: true;
  meter: MeterIdentity;
  driver: string;
  values: MeterValues;
  frameKind: DecodedTelegram['frameKind'];
  accessNumber: number | null;
  encryption: DecodedTelegram['encryption'];
  records: RecordView[];
  rssi: number | null;
  rssiDbm: number | null;
  stickCrc: StickCrc | null;
  explain?: unknown;
  wmbusmeters?: unknown;
  publish?: unknown;
  unpublishedReason?: string | null;
}

/** A frame that was found but did not decode (no key, CRC, unknown meter, …). */
export interface FailedResult {
  line: number;
  framing: InputFraming;
  offset: number;
  ok: false;
  error: TelegramError;
  meter: MeterIdentity | null;
  driver: string | null;
  rssi: number | null;
  rssiDbm: number | null;
  stickCrc: StickCrc | null;
  explain?: unknown;
}

/** Bytes that held no usable frame (a damaged stick frame, a bad length), or a line that is not hex. */
export interface InputProblemResult {
  line: number;
  framing?: null;
  offset?: number;
  ok: false;
  error: { code: string; message: string };
  meter: MeterIdentity | null;
}

export type DecodeResult = DecodedResult | FailedResult | InputProblemResult;

/** One input line (or argument) → one result per frame found in it. */
export function decodeLine(text: string, line: number, options: DecodeOptions): DecodeResult[] {
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
 * The result for one item, each shape one object literal: this runs for every line of a 200 000-line
 * capture, where spreads and keys added one by one cost more than the decoding itself.
 */
function describeItem(bytes: Buffer, item: InputItem, line: number, options: DecodeOptions): DecodeResult {
  if (item.kind === 'problem') {
    const meter = item.frame ? options.decoder.decode(item.frame).meter : null;
    const error = { code: item.code, message: item.message };
    return { line, framing: null, offset: item.offset, ok: false, error, meter };
  }
  const outcome = options.decoder.decode(item.frame);
  const { framing, offset, rssi, rssiDbm, stickCrc } = item;
  const explain = options.explain ? explainFound(bytes, item, options.decoder) : undefined;
  if (!outcome.ok) {
    const { error, meter } = outcome;
    // Known from the header alone, so a failure still says which kind of meter it was.
    const driver = meter === null ? null : driverFor(meter).name;
    const failed: FailedResult = {
      line,
      framing,
      offset,
      ok: false,
      error,
      meter,
      driver,
      rssi,
      rssiDbm,
      stickCrc,
    };
    if (explain !== undefined) failed.explain = explain;
    return failed;
  }
  const { telegram, meter } = outcome;
  const result: DecodedResult = {
    line,
    framing,
    offset,
    ok: true,
    meter,
    driver: telegram.driver,
    values: telegram.values,
    frameKind: telegram.frameKind,
    accessNumber: telegram.accessNumber,
    encryption: telegram.encryption,
    records: recordViews(telegram.records),
    rssi,
    rssiDbm,
    stickCrc,
  };
  if (explain !== undefined) result.explain = explain;
  if (options.wmbusmeters || options.gatewayId !== null) addExtras(result, telegram, options);
  return result;
}

/** `--wmbusmeters` and `--gateway`: the same telegram as wmbusmeters prints it and as API v2 messages. */
function addExtras(result: DecodedResult, telegram: DecodedTelegram, options: DecodeOptions): void {
  const receivedAt = options.now();
  if (options.wmbusmeters) {
    const { rssiDbm } = result;
    result.wmbusmeters = toWmbusmetersFields(
      telegram,
      rssiDbm === null ? { timestamp: receivedAt } : { timestamp: receivedAt, rssiDbm },
    );
  }
  if (options.gatewayId !== null) {
    const sensor = {
      gatewayId: options.gatewayId,
      manufacturerKey: manufacturerKeyOf(telegram.meter.manufacturer),
      deviceId: telegram.meter.id,
    };
    // The API v2 channels of the meter's driver; a driver without any (a water meter) publishes nothing.
    const driver = driverNamed(telegram.driver);
    const channels = driver?.channels ?? [];
    result.publish = dataPublications(sensor, telegram.values, receivedAt, 'per-channel', channels);
    if (channels.length === 0) result.unpublishedReason = driver?.unpublishedReason ?? null;
  }
}
