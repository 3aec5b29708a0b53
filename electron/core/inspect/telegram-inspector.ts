import type { ExplainedTelegramView } from '../../../shared/gateway';
import { driverFor, driverSummary, withBaseOffset, type ExplainedField } from '../wmbus';
import { explainEnvelope } from './frame-envelope';
import { HexInputError, parseHexInput } from './hex-input';
import { TelegramDecoder, type KeyLookup } from '../gateway/telegram-decoder';
import { splitTelegramInput, type FoundFrame, type InputItem } from './telegram-input';
import {
  iu891aFrameAt,
  looksLikeIu891a,
  splitIu891aInput,
  telegramFieldsOnWire,
  type Iu891aInputFrame,
} from './iu891a-input';

/**
 * Every pasted byte of one frame explained: the frame's own fields (offsets into the paste) between
 * those of its envelope (stick header and trailers, pipe-form length and CRC, L field).
 */
export function explainFound(bytes: Buffer, item: FoundFrame, decoder: TelegramDecoder): ExplainedField[] {
  if (item.framing === 'iu891a') return iu891aFields(iu891aFrameAt(bytes, item.offset), decoder);
  const fields = withBaseOffset(decoder.explain(item.frame), frameBase(item));
  // DLL CRC blocks are interleaved with the data, so byte offsets would not line up: frame only.
  if (item.framing === 'wmbus-dll-a' || item.framing === 'wmbus-dll-b') return fields;
  const envelope = explainEnvelope(bytes, item);
  return [...envelope.before, ...fields, ...envelope.after];
}

/** Where the frame from C starts inside an input item, so explanation offsets point into the paste. */
function frameBase(item: InputItem): number {
  if (item.kind !== 'frame') return item.offset;
  return item.offset + (item.framing === 'hci' ? 4 : 1);
}

/**
 * The UI's telegram inspector: any pasted form, every frame in it explained byte by byte, decrypted
 * with the given key or a monitored meter's key. Unlike the gateway it decodes any meter it has a
 * key for; nothing here throws for bad input.
 */
export function inspectTelegrams(
  hex: string,
  keys: { monitored: KeyLookup; extraKey: Buffer | null },
): ExplainedTelegramView[] {
  let bytes: Buffer;
  try {
    bytes = parseHexInput(hex);
  } catch (error) {
    const message = error instanceof HexInputError ? error.message : String(error);
    return [
      {
        framing: null,
        offset: 0,
        ok: false,
        error: { code: 'PARSE', message },
        meter: null,
        driver: null,
        values: null,
        rssiDbm: null,
        fields: [],
      },
    ];
  }
  const decoder = new TelegramDecoder({
    monitored: null,
    fallbackKey: null,
  });
  const keyed = new TelegramDecoder({
    monitored: null,
    fallbackKey: keys.extraKey,
  });
  const decoderFor = (frame: Buffer) => {
    // The monitored meter's own key first, then the key typed into the inspector.
    const header = decoder.decode(frame).meter;
    const ownKey = header ? keys.monitored.get(header.id) : undefined;
    return ownKey ? new TelegramDecoder({ monitored: null, fallbackKey: ownKey }) : keyed;
  };
  if (looksLikeIu891a(bytes)) return splitIu891aInput(bytes).map((frame) => iu891aView(frame, decoderFor));
  return splitTelegramInput(bytes).map((item): ExplainedTelegramView => {
    if (item.kind === 'problem') {
      return {
        framing: null,
        offset: item.offset,
        ok: false,
        error: { code: item.code, message: item.message },
        meter: null,
        driver: null,
        values: null,
        rssiDbm: null,
        fields: [],
      };
    }
    const chosen = decoderFor(item.frame);
    const outcome = chosen.decode(item.frame);
    return {
      framing: item.framing,
      offset: item.offset,
      ok: outcome.ok,
      error: outcome.ok ? null : { code: outcome.error.code, message: outcome.error.message },
      meter: outcome.meter,
      driver: outcome.meter ? driverSummary(driverFor(outcome.meter)) : null,
      values: outcome.ok ? outcome.telegram.values : null,
      rssiDbm: item.rssiDbm,
      fields: explainFound(bytes, item, chosen),
    };
  });
}

/** One iU891A frame: the stick's fields, and for a telegram the decoder's fields in place of its bytes. */
function iu891aView(
  frame: Iu891aInputFrame,
  decoderFor: (telegram: Buffer) => TelegramDecoder,
): ExplainedTelegramView {
  const view = { framing: 'iu891a', offset: frame.offset, meter: null, driver: null, values: null };
  if (!frame.telegram || frame.problem) {
    return { ...view, ok: false, error: frame.problem, rssiDbm: null, fields: frame.fields };
  }
  const chosen = decoderFor(frame.telegram);
  const outcome = chosen.decode(frame.telegram);
  return {
    ...view,
    ok: outcome.ok,
    error: outcome.ok ? null : { code: outcome.error.code, message: outcome.error.message },
    meter: outcome.meter,
    driver: outcome.meter ? driverSummary(driverFor(outcome.meter)) : null,
    values: outcome.ok ? outcome.telegram.values : null,
    rssiDbm: frame.rssiDbm,
    fields: iu891aFields(frame, chosen),
  };
}

/** The stick's fields of an iU891A frame, the telegram decoder's in place of a telegram's bytes. */
function iu891aFields(frame: Iu891aInputFrame, decoder: TelegramDecoder): ExplainedField[] {
  const at = frame.telegramAt;
  if (at === null || frame.telegram === null) return frame.fields;
  return [
    ...frame.fields.slice(0, at),
    ...telegramFieldsOnWire(frame, decoder.explain(frame.telegram)),
    ...frame.fields.slice(at + 1),
  ];
}
