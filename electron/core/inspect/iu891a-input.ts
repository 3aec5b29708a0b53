import {
  explainIu891aFrames,
  GatewayId,
  Iu891aEndpoint,
  parseReceiveIndication,
  SLIP_END,
  SLIP_ESC,
} from '../stick/iu891a';
import { withBaseOffset, type ExplainedField } from '../wmbus';

/**
 * iU891A serial traffic pasted into the inspector: SLIP frames (docs/ARCHITECTURE.md § Sticks).
 * The stick's own explanation covers every wire byte (ENDs, escapes, endpoint, message, status,
 * CRC); for a receive indication its one "wM-Bus frame" field is where the telegram decoder's
 * fields go, each moved onto the wire bytes it came from (an escaped byte took two there).
 */
export interface Iu891aInputFrame {
  /** Offset in the paste of the frame's first byte after its END. */
  offset: number;
  /** The stick's fields, wire offsets; `telegramAt` is the index of the telegram's own field. */
  fields: ExplainedField[];
  telegramAt: number | null;
  /**
   * Where each telegram byte lies on the wire, counted from the start of the telegram's field,
   * and one entry more for the end: escapes make some bytes take two.
   */
  telegramWire: number[] | null;
  /** The wM-Bus frame from C of a receive indication (escapes removed). */
  telegram: Buffer | null;
  rssiDbm: number | null;
  /** Why this frame is no telegram to decode: a damaged frame, or another message. */
  problem: { code: string; message: string } | null;
}

/** Every iU891A frame is sent after an END, and a capture of its line starts with one. */
export function looksLikeIu891a(bytes: Buffer): boolean {
  return bytes[0] === SLIP_END;
}

export function splitIu891aInput(bytes: Buffer): Iu891aInputFrame[] {
  return explainIu891aFrames(bytes).map((explained) => {
    const { message, telegram, fields } = explained;
    const base = {
      offset: explained.offset,
      fields,
      telegramAt: null,
      telegramWire: null,
      telegram: null,
      rssiDbm: null,
    };
    if (explained.error) {
      const { code, message: words } = explained.error;
      return { ...base, problem: { code, message: words } };
    }
    if (!message || !telegram || !isReceiveIndication(message)) {
      const name = message?.name ?? 'unreadable frame';
      return { ...base, problem: { code: 'NOT_A_TELEGRAM', message: `${name}: not a received telegram` } };
    }
    const index = fields.findIndex((field) => field.name === 'wM-Bus frame');
    return {
      ...base,
      telegramAt: index >= 0 ? index : null,
      telegramWire: index >= 0 ? wireOffsets(bytes, fields[index]!.offset, telegram.length) : null,
      telegram,
      rssiDbm: parseReceiveIndication(message.payload).rssiDbm,
      problem: null,
    };
  });
}

/**
 * The one frame whose first byte after its END is at `offset` in `bytes` (a frame `cli decode` found
 * in a longer line), explained alone: from the END before it to the END after it, wire offsets of
 * `bytes`.
 */
export function iu891aFrameAt(bytes: Buffer, offset: number): Iu891aInputFrame {
  const from = offset > 0 && bytes[offset - 1] === SLIP_END ? offset - 1 : offset;
  const end = bytes.indexOf(SLIP_END, offset);
  const [frame] = splitIu891aInput(bytes.subarray(from, end < 0 ? bytes.length : end + 1));
  return { ...frame!, offset, fields: withBaseOffset(frame!.fields, from) };
}

/**
 * The telegram decoder's fields (offsets into the telegram) on the wire: each covers the bytes its
 * telegram bytes took there, and says how many of them were escaped.
 */
export function telegramFieldsOnWire(
  frame: Iu891aInputFrame,
  telegramFields: readonly ExplainedField[],
): ExplainedField[] {
  const wire = frame.telegramWire!;
  const base = frame.fields[frame.telegramAt!]!.offset;
  const last = wire.length - 1;
  return telegramFields.map((field) => {
    const start = Math.min(field.offset, last);
    const end = Math.min(field.offset + field.length, last);
    const length = wire[end]! - wire[start]!;
    const escapes = length - (end - start);
    const note = escapes > 0 ? ` (${escapes} byte${escapes > 1 ? 's' : ''} SLIP-escaped on the wire)` : '';
    return { ...field, offset: base + wire[start]!, length, meaning: field.meaning + note };
  });
}

/** Wire offsets of `count` unescaped bytes from `from`, relative to it, and of the end. */
function wireOffsets(bytes: Buffer, from: number, count: number): number[] {
  const offsets: number[] = [];
  let at = from;
  for (let i = 0; i < count; i++) {
    offsets.push(at - from);
    at += bytes[at] === SLIP_ESC ? 2 : 1;
  }
  offsets.push(at - from);
  return offsets;
}

function isReceiveIndication(message: { endpoint: number; messageId: number }): boolean {
  return (
    message.endpoint === Iu891aEndpoint.wmbusGateway && message.messageId === GatewayId.receiveIndication
  );
}
