import { Iu891aFrameError } from './errors';
import { crc16X25 } from './reused';
import { slipEncode } from './slip';

/** The endpoints (service access points) of the iU891A's host controller interface. */
export const Iu891aEndpoint = {
  deviceManagement: 0x01,
  wmbusGateway: 0x09,
} as const;

export const DeviceManagementId = {
  startupIndication: 0x00,
  pingRequest: 0x01,
  pingResponse: 0x02,
  deviceInfoRequest: 0x03,
  deviceInfoResponse: 0x04,
  firmwareInfoRequest: 0x05,
  firmwareInfoResponse: 0x06,
  restartRequest: 0x07,
  restartResponse: 0x08,
} as const;

export const GatewayId = {
  getConfigRequest: 0x01,
  getConfigResponse: 0x02,
  setConfigRequest: 0x03,
  setConfigResponse: 0x04,
  receiveIndication: 0x20,
  getStatusRequest: 0x41,
  getStatusResponse: 0x42,
  getAddressRequest: 0x81,
  getAddressResponse: 0x82,
} as const;

/** Requests carry no status; responses start with one; indications (the stick speaking first) have none. */
export type Iu891aMessageKind = 'request' | 'response' | 'indication';

interface MessageSpec {
  name: string;
  kind: Iu891aMessageKind;
}

/** Request ids (odd) and their names; the response is the id after. */
const DEVICE_MANAGEMENT_PAIRS: Array<[number, string]> = [
  [0x01, 'ping'],
  [0x03, 'device info'],
  [0x05, 'firmware info'],
  [0x07, 'restart'],
  [0x09, 'set system operation mode'],
  [0x0b, 'get system operation mode'],
  [0x0d, 'set date and time'],
  [0x0f, 'get date and time'],
  [0xf7, 'set system options'],
  [0xf9, 'get system options'],
];

const GATEWAY_PAIRS: Array<[number, string]> = [
  [0x01, 'get active configuration'],
  [0x03, 'set active configuration'],
  [0x05, 'get default configuration'],
  [0x07, 'set default configuration'],
  [0x09, 'reset default configuration'],
  [0x11, 'clear device list'],
  [0x13, 'append to device list'],
  [0x15, 'read device list'],
  [0x17, 'save device list'],
  [0x19, 'load device list'],
  [0x21, 'scan mode'],
  [0x31, 'send message'],
  [0x35, 'encrypt and send message'],
  [0x39, 'send packet'],
  [0x3b, 'encrypt and send packet'],
  [0x41, 'application status'],
  [0x43, 'reset application status'],
  [0x51, 'get radio control configuration'],
  [0x53, 'set radio control configuration'],
  [0x81, 'wM-Bus address'],
];

function messageTable(pairs: Array<[number, string]>, indications: Array<[number, string]>) {
  const table: Record<number, MessageSpec> = {};
  for (const [id, name] of pairs) {
    table[id] = { name: `${name} request`, kind: 'request' };
    table[id + 1] = { name: `${name} response`, kind: 'response' };
  }
  for (const [id, name] of indications) table[id] = { name, kind: 'indication' };
  return table;
}

/** Every message id of the protocol, per endpoint, with words for the inspector. */
const MESSAGES: Record<number, { name: string; messages: Record<number, MessageSpec> }> = {
  [Iu891aEndpoint.deviceManagement]: {
    name: 'device management',
    messages: messageTable(DEVICE_MANAGEMENT_PAIRS, [[0x00, 'startup indication']]),
  },
  [Iu891aEndpoint.wmbusGateway]: {
    name: 'wM-Bus gateway',
    messages: messageTable(GATEWAY_PAIRS, [
      [GatewayId.receiveIndication, 'receive indication (wM-Bus telegram)'],
      [0x24, 'scan mode indication'],
      [0x34, 'message transmitted indication'],
      [0x38, 'encrypted message transmitted indication'],
    ]),
  },
};

/** One decoded message: SLIP removed, CRC checked. */
export interface Iu891aMessage {
  endpoint: number;
  messageId: number;
  kind: Iu891aMessageKind;
  /** e.g. "device management: ping response". */
  name: string;
  /** Responses only: 0 = ok, anything else an error code (see `statusText`). */
  status?: number;
  payload: Buffer;
  /** The CRC the message carried (it matched). */
  crc: number;
}

export interface Iu891aMessageFields {
  endpoint: number;
  messageId: number;
  status?: number;
  payload?: Uint8Array;
}

/** Endpoint, message id and CRC; a response has one status byte more. */
export const MIN_MESSAGE_LENGTH = 4;

/** The message before SLIP framing: endpoint | id | [status] | payload | CRC-16/X.25 (LE). */
export function encodeIu891aMessage({ endpoint, messageId, status, payload }: Iu891aMessageFields): Buffer {
  const head = status === undefined ? [endpoint, messageId] : [endpoint, messageId, status];
  const body = Buffer.concat([Buffer.from(head), payload ?? Buffer.alloc(0)]);
  const crc = Buffer.alloc(2);
  crc.writeUInt16LE(crc16X25(body));
  return Buffer.concat([body, crc]);
}

/** The message SLIP-framed, as it goes on the wire: END, escaped bytes, END. */
export function encodeIu891aFrame(fields: Iu891aMessageFields): Buffer {
  return slipEncode(encodeIu891aMessage(fields));
}

export function messageSpec(endpoint: number, messageId: number): MessageSpec | undefined {
  return MESSAGES[endpoint]?.messages[messageId];
}

export function endpointName(endpoint: number): string | undefined {
  return MESSAGES[endpoint]?.name;
}

/**
 * Reads one message (SLIP already removed). Throws `Iu891aFrameError` naming the offset within
 * `bytes` and what was expected: too short, CRC mismatch, unknown endpoint, unknown message id.
 */
export function decodeIu891aMessage(bytes: Uint8Array): Iu891aMessage {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (reason: ConstructorParameters<typeof Iu891aFrameError>[0], message: string, at: number) =>
    new Iu891aFrameError(reason, message, at, Buffer.from(buf));
  if (buf.length < MIN_MESSAGE_LENGTH) {
    throw fail(
      'too-short',
      `message of ${buf.length} bytes: at least ${MIN_MESSAGE_LENGTH} expected (endpoint, message id, CRC)`,
      0,
    );
  }
  const crcAt = buf.length - 2;
  const carried = buf.readUInt16LE(crcAt);
  const computed = crc16X25(buf, 0, crcAt);
  if (carried !== computed) {
    throw fail(
      'crc',
      `CRC mismatch at message offset ${crcAt}: computed 0x${hex4(computed)}, message carries 0x${hex4(carried)}`,
      crcAt,
    );
  }
  const endpoint = buf[0]!;
  const messageId = buf[1]!;
  const endpointWords = endpointName(endpoint);
  if (!endpointWords) {
    throw fail(
      'unknown-endpoint',
      `unknown endpoint 0x${hex2(endpoint)} at message offset 0: expected 0x01 (device management) or 0x09 (wM-Bus gateway)`,
      0,
    );
  }
  const spec = messageSpec(endpoint, messageId);
  if (!spec)
    throw fail(
      'unknown-message',
      `unknown ${endpointWords} message id 0x${hex2(messageId)} at message offset 1`,
      1,
    );
  const name = `${endpointWords}: ${spec.name}`;
  if (spec.kind !== 'response') {
    return { endpoint, messageId, kind: spec.kind, name, payload: buf.subarray(2, crcAt), crc: carried };
  }
  if (crcAt < 3) throw fail('too-short', `${name} without its status byte at message offset 2`, 2);
  return {
    endpoint,
    messageId,
    kind: spec.kind,
    name,
    status: buf[2]!,
    payload: buf.subarray(3, crcAt),
    crc: carried,
  };
}

/** Where a message's payload starts: after endpoint, id and (in responses) the status byte. */
export function payloadOffset(message: Pick<Iu891aMessage, 'kind'>): number {
  return message.kind === 'response' ? 3 : 2;
}

export const hex2 = (byte: number) => byte.toString(16).toUpperCase().padStart(2, '0');
const hex4 = (value: number) => value.toString(16).toUpperCase().padStart(4, '0');
