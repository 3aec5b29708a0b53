import {
  decodeHciFrame,
  HCI_SOF,
  HciEndpoint,
  HciParseError,
  RadioLinkMessage,
  rssiToDbm,
  type HciFrame,
} from '../stick';
import { crc16X25 } from '../stick';
import { SLIP_END } from '../stick/iu891a';
import { DecodeError, normalizeFromL } from '../wmbus';
import { inputProblem as problem, type InputItem } from './input-item';
import { splitIu891aStream } from './iu891a-split';

/**
 * Turns the byte forms a technician may paste into wM-Bus frames (from the C field, no L, no
 * data-link CRCs — what `decodeTelegram` takes). Forms (docs/ARCHITECTURE.md § Command line):
 * - iM871A HCI frames, alone or several in one serial read (noise between them is skipped);
 * - iU891A SLIP frames, alone or several in one serial read (see iu891a-split.ts);
 * - the original gateway's pipe form: LEN + frame from C + the 2-byte stick CRC (reported, not
 *   enforced: the original test data carries placeholders such as FFFF);
 * - wM-Bus frames from the L field, with or without data-link CRCs (format A or B).
 */

export type { FoundFrame, InputFraming, InputItem, InputProblem, StickCrc } from './input-item';

/** The pipe form's CRC is the stick's CRC over CE MID LEN payload of a radio-link telegram frame. */
const PIPE_CRC_PREFIX = Buffer.from([0x80 | HciEndpoint.radioLink, RadioLinkMessage.telegramIndication]);

/** The frames found in `bytes` are views of it, not copies: leave `bytes` unchanged while they are used. */
export function splitTelegramInput(bytes: Buffer): InputItem[] {
  if (bytes.length === 0) return [problem('PARSE', 0, 'empty input')];
  const first = bytes[0];
  if (first === HCI_SOF) {
    const items = splitHciStream(bytes);
    if (hasProvenFrame(items)) return items;
    // An A5 of noise before an iU891A's frames: they win when a CRC proves them.
    const slip = provenSlipFrames(bytes);
    if (slip) return slip;
    if (items.length > 0) return items;
  } else if (first === SLIP_END) {
    return fromSlipStart(bytes);
  } else {
    // A serial capture may start mid-frame. Stick frames further in win over reading the first
    // byte as a length, but only when a CRC proves them: encrypted bytes contain 0xA5 and 0xC0 too.
    const hci = provenHciFrames(bytes);
    if (hci) return hci;
    const slip = provenSlipFrames(bytes);
    if (slip) return slip;
  }
  return [fromLengthField(bytes)];
}

/** The iU891A frames in `bytes` when at least one CRC proves them; null otherwise. */
function provenSlipFrames(bytes: Buffer): InputItem[] | null {
  if (!bytes.includes(SLIP_END)) return null;
  const { items, proven } = splitIu891aStream(bytes);
  return proven ? items : null;
}

/** The HCI frames in `bytes` when at least one CRC proves them; null otherwise. */
function provenHciFrames(bytes: Buffer): InputItem[] | null {
  if (!bytes.includes(HCI_SOF)) return null;
  const items = splitHciStream(bytes);
  return hasProvenFrame(items) ? items : null;
}

const hasProvenFrame = (items: InputItem[]): boolean =>
  items.some((item) => item.kind === 'frame' && item.stickCrc?.ok === true);

/**
 * A line starting with END is an iU891A's. Only when no frame's CRC proves it is it read otherwise:
 * iM871A frames a CRC proves (a C0 of noise before them), or exactly one wM-Bus frame or pipe form
 * of length 0xC0.
 */
function fromSlipStart(bytes: Buffer): InputItem[] {
  const { items, proven } = splitIu891aStream(bytes);
  if (proven) return items;
  const hci = provenHciFrames(bytes);
  if (hci) return hci;
  const byLength = fromLengthField(bytes);
  if (byLength.kind === 'frame') return [byLength];
  return items.length > 0 ? items : [problem('PARSE', 0, 'no iU891A frame between the SLIP ENDs (C0)')];
}

/** LEN-prefixed forms: the pipe form, or a wM-Bus frame from L (with or without DLL CRCs). */
function fromLengthField(bytes: Buffer): InputItem {
  const length = bytes[0]!;
  if (bytes.length === length + 3) {
    const frame = bytes.subarray(1, 1 + length);
    const expected = crc16X25(Buffer.concat([PIPE_CRC_PREFIX, bytes.subarray(0, 1 + length)]));
    const actual = bytes.readUInt16LE(1 + length);
    return {
      kind: 'frame',
      framing: 'seed-pipe',
      offset: 0,
      frame,
      rssi: null,
      rssiDbm: null,
      timestamp: null,
      stickCrc: { expected, actual, ok: expected === actual, enforced: false },
    };
  }
  try {
    const { frame, dll } = normalizeFromL(bytes);
    const framing = dll === 'A' ? 'wmbus-dll-a' : dll === 'B' ? 'wmbus-dll-b' : 'wmbus';
    return {
      kind: 'frame',
      framing,
      offset: 0,
      frame,
      rssi: null,
      rssiDbm: null,
      timestamp: null,
      stickCrc: null,
    };
  } catch (error) {
    const code = error instanceof DecodeError && error.code === 'CRC' ? 'CRC' : 'PARSE';
    const message = error instanceof Error ? error.message : String(error);
    const offset = error instanceof DecodeError ? (error.offset ?? 0) : 0;
    // A data-link CRC failure is still "not a frame we can use" for the CLI contract.
    return problem('PARSE', offset, code === 'CRC' ? `data-link CRC: ${message}` : message);
  }
}

/**
 * Several HCI frames in one read. A frame with a bad CRC is reported and the search restarts one
 * byte after its SOF, so a good frame hidden behind a corrupted length is still found; candidates
 * inside the damaged frame's span are only accepted when their own CRC is good.
 */
function splitHciStream(bytes: Buffer): InputItem[] {
  const items: InputItem[] = [];
  let at = 0;
  let quietUntil = 0;
  while (at < bytes.length) {
    if (bytes[at] !== HCI_SOF) {
      at++;
      continue;
    }
    let frame: HciFrame;
    try {
      // `bytes` is the caller's own (parsed from one pasted line or argument): no copies needed.
      frame = decodeHciFrame(bytes, { offset: at, allowBadCrc: true, viewPayload: true });
    } catch (error) {
      if (at >= quietUntil && error instanceof HciParseError && error.reason === 'truncated') {
        items.push(problem('PARSE', at, `HCI frame at byte ${at} is truncated: ${error.message}`));
      }
      at++;
      continue;
    }
    const isTelegram =
      frame.endpoint === HciEndpoint.radioLink && frame.messageId === RadioLinkMessage.telegramIndication;
    if (frame.crc && !frame.crc.ok) {
      if (at >= quietUntil) {
        items.push({
          ...problem(
            'HCI_CRC',
            at,
            `the stick frame at byte ${at} fails its CRC (computed 0x${hex4(frame.crc.expected)}, ` +
              `carried 0x${hex4(frame.crc.actual)}): the bytes were damaged on the serial line`,
          ),
          frame: isTelegram ? frame.payload : null,
        });
        quietUntil = at + frame.length;
      }
      at++;
      continue;
    }
    if (isTelegram) {
      const rssi = frame.rssi ?? null;
      items.push({
        kind: 'frame',
        framing: 'hci',
        offset: at,
        frame: frame.payload,
        rssi,
        rssiDbm: rssi === null ? null : rssiToDbm(rssi),
        timestamp: frame.timestamp ?? null,
        stickCrc: frame.crc
          ? { expected: frame.crc.expected, actual: frame.crc.actual, ok: frame.crc.ok, enforced: true }
          : null,
      });
    } else {
      items.push(
        problem(
          'PARSE',
          at,
          `the stick frame at byte ${at} is endpoint ${frame.endpoint} message 0x${frame.messageId
            .toString(16)
            .padStart(2, '0')}, not a received telegram (endpoint 2, message 0x03)`,
        ),
      );
    }
    at += frame.length;
    quietUntil = at;
  }
  return items;
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
