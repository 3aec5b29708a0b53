import type { ExplainedField } from '../../wmbus';
import { Iu891aFrameError } from './errors';
import { iu891aLinkModeText } from './link-modes';
import {
  decodeIu891aMessage,
  GatewayId as Gw,
  DeviceManagementId as Dm,
  Iu891aEndpoint,
  MIN_MESSAGE_LENGTH,
  payloadOffset,
  type Iu891aMessage,
} from './message';
import { MODULE_NAMES, packetInfoText, RECEIVE_HEADER_LENGTH } from './payloads';
import { crc16X25 } from './reused';
import { SLIP_END, SlipDecoder, wireOffsetOf, type SlipFrame } from './slip';
import { statusText } from './status-words';

/** One SLIP frame of the input, explained byte by byte (offsets and hex are of the wire bytes). */
export interface ExplainedIu891aFrame {
  /** Offset of the frame's first byte after its END. */
  offset: number;
  fields: ExplainedField[];
  message: Iu891aMessage | null;
  error: { code: string; reason: string; message: string } | null;
  /** For a receive indication: the wM-Bus frame from C (escapes removed), for the telegram decoder. */
  telegram: Buffer | null;
}

type Layout = Array<[length: number, name: string, meaning: (bytes: Buffer) => string]>;

const u16 = (b: Buffer) => b.readUInt16LE(0);
const u32 = (b: Buffer) => b.readUInt32LE(0);
const OPTION_WORDS = [
  'receive only listed meters',
  'receive indications',
  'transmit indications',
  'recalibration',
];

const CONFIG_LAYOUT: Layout = [
  [1, 'link mode', (b) => iu891aLinkModeText(b[0]!)],
  [2, 'options', (b) => OPTION_WORDS.filter((_, bit) => u16(b) & (1 << bit)).join(', ') || 'none'],
  [2, 'UI options', (b) => `0x${u16(b).toString(16).padStart(4, '0')} (signal pins)`],
  [2, 'LED flash', (b) => `${u16(b)} ms`],
  [4, 'recalibration', (b) => `every ${u32(b)} ms`],
];

/** The payload layouts the inspector can name, by endpoint and message id. */
function payloadLayout(message: Iu891aMessage): Layout {
  const { endpoint: ep, messageId: id } = message;
  if (ep === Iu891aEndpoint.deviceManagement && id === Dm.deviceInfoResponse) {
    return [
      [1, 'module type', (b) => MODULE_NAMES[b[0]!] ?? 'unknown module'],
      [4, 'unique id', (b) => u32(b).toString(16).toUpperCase().padStart(8, '0')],
    ];
  }
  if (ep === Iu891aEndpoint.deviceManagement && id === Dm.firmwareInfoResponse) {
    return [
      [1, 'firmware minor', (b) => String(b[0])],
      [1, 'firmware major', (b) => String(b[0])],
      [2, 'firmware build', (b) => String(u16(b))],
      [10, 'firmware date', (b) => b.toString('latin1')],
    ];
  }
  if (ep !== Iu891aEndpoint.wmbusGateway) return [];
  if (id === Gw.getConfigResponse || id === Gw.setConfigRequest) return CONFIG_LAYOUT;
  if (id === Gw.receiveIndication) {
    return [
      [4, 'timestamp', (b) => `${u32(b)} (stick clock, seconds)`],
      [1, 'decryption status', (b) => `0x${b[0]!.toString(16).padStart(2, '0')}`],
      [1, 'encryption mode', (b) => String(b[0])],
      [1, 'packet info', (b) => packetInfoText(b[0]!)],
      [1, 'RSSI', (b) => `${b.readInt8(0)} dBm`],
      [1, 'L field', (b) => `${b[0]} bytes of wM-Bus frame follow (data-link CRCs removed by the stick)`],
    ];
  }
  return [];
}

/**
 * Every SLIP frame in `bytes`, explained: END markers, endpoint, message id, status in words,
 * the payload fields this driver knows, and the CRC with its check. Frames that fail to decode
 * keep the fields read so far and say why.
 */
export function explainIu891aFrames(bytes: Buffer): ExplainedIu891aFrame[] {
  const decoder = new SlipDecoder();
  const out: ExplainedIu891aFrame[] = [];
  for (const event of decoder.push(bytes)) {
    if (event.kind === 'error') {
      const { error } = event;
      out.push({ offset: error.offset, fields: [], message: null, error: describe(error), telegram: null });
    } else {
      out.push(explainFrame(bytes, event.frame));
    }
  }
  return out;
}

type FieldAt = (
  start: number,
  length: number,
  name: string,
  meaning: string,
  check?: ExplainedField['check'],
) => ExplainedField;

/** A field of the unescaped frame, with the offset, length and hex of its bytes on the wire. */
function wireFields(wire: Buffer, frame: SlipFrame): FieldAt {
  return (start, length, name, meaning, check) => {
    const offset = wireOffsetOf(frame, start);
    const last = start + length - 1;
    const end = wireOffsetOf(frame, last) + (frame.escaped.includes(last) ? 2 : 1);
    const escapes = frame.escaped.filter((i) => i >= start && i <= last).length;
    const note = escapes > 0 ? ` (${escapes} byte${escapes > 1 ? 's' : ''} SLIP-escaped)` : '';
    return {
      offset,
      length: end - offset,
      hex: [...wire.subarray(offset, end)].map((b) => b.toString(16).padStart(2, '0')).join(' '),
      name,
      meaning: meaning + note,
      ...(check ? { check } : {}),
    };
  };
}

const slipEnd = (offset: number): ExplainedField => ({
  offset,
  length: 1,
  hex: 'c0',
  name: 'SLIP END',
  meaning: 'frame boundary',
});

const isReceiveIndication = (message: Iu891aMessage | null) =>
  message?.endpoint === Iu891aEndpoint.wmbusGateway && message.messageId === Gw.receiveIndication;

/** Endpoint, message id, status and the payload fields, up to (not including) the CRC. */
function messageFields(
  bytes: Buffer,
  message: Iu891aMessage,
  field: FieldAt,
  crcAt: number,
): ExplainedField[] {
  const [endpointWords, messageWords] = message.name.split(': ');
  const fields = [
    field(0, 1, 'endpoint', `0x${message.endpoint.toString(16).padStart(2, '0')} ${endpointWords}`),
    field(1, 1, 'message id', messageWords ?? message.name),
  ];
  if (message.status !== undefined)
    fields.push(field(2, 1, 'status', statusText(message.endpoint, message.status)));
  let index = payloadOffset(message);
  for (const [length, name, meaning] of payloadLayout(message)) {
    if (index + length > crcAt) break;
    fields.push(field(index, length, name, meaning(bytes.subarray(index, index + length))));
    index += length;
  }
  if (index < crcAt) {
    const telegram = isReceiveIndication(message);
    const rest = crcAt - index;
    fields.push(
      field(
        index,
        rest,
        telegram ? 'wM-Bus frame' : 'payload',
        telegram ? 'C field onwards' : `${rest} bytes`,
      ),
    );
  }
  return fields;
}

function crcField(bytes: Buffer, field: FieldAt): ExplainedField {
  const crcAt = bytes.length - 2;
  const computed = crc16X25(bytes, 0, crcAt);
  const carried = bytes.readUInt16LE(crcAt);
  const hex4 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;
  return field(crcAt, 2, 'CRC', 'CRC-16/X.25 over everything before it, low byte first', {
    ok: carried === computed,
    detail: `carried ${hex4(carried)}, computed ${hex4(computed)}`,
  });
}

function explainFrame(wire: Buffer, frame: SlipFrame): ExplainedIu891aFrame {
  const field = wireFields(wire, frame);
  const { bytes } = frame;
  let message: Iu891aMessage | null = null;
  let error: ExplainedIu891aFrame['error'] = null;
  try {
    message = decodeIu891aMessage(bytes);
  } catch (caught) {
    if (!(caught instanceof Iu891aFrameError)) throw caught;
    error = { ...describe(caught), message: `${caught.message} (frame at stream offset ${frame.offset})` };
  }
  const fields: ExplainedField[] = [];
  if (frame.offset > 0 && wire[frame.offset - 1] === SLIP_END) fields.push(slipEnd(frame.offset - 1));
  const bodyLength = bytes.length >= MIN_MESSAGE_LENGTH ? bytes.length - 2 : bytes.length;
  if (message) fields.push(...messageFields(bytes, message, field, bodyLength));
  else fields.push(field(0, bodyLength, 'bytes', 'not a message this driver can read (see the error)'));
  if (bytes.length >= MIN_MESSAGE_LENGTH) fields.push(crcField(bytes, field));
  const endAt = frame.offset + frame.wireLength;
  if (wire[endAt] === SLIP_END) fields.push(slipEnd(endAt));
  const telegram =
    message && isReceiveIndication(message) && message.payload.length > RECEIVE_HEADER_LENGTH + 1
      ? message.payload.subarray(RECEIVE_HEADER_LENGTH + 1)
      : null;
  return { offset: frame.offset, fields, message, error, telegram };
}

function describe(error: Iu891aFrameError): NonNullable<ExplainedIu891aFrame['error']> {
  return { code: error.code, reason: error.reason, message: error.message };
}
