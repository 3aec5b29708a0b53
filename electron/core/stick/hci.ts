import { crc16X25 } from './crc16-x25';
import { HciCrcError, HciParseError, type HciParseReason } from './errors';

// iM871A host controller interface (docs/ARCHITECTURE.md § iM871A):
//   A5 | CE | MID | LEN | payload[LEN] | [timestamp 4 B LE] | [RSSI 1 B] | [CRC 2 B LE]
// CE = control flags (high nibble) | endpoint (low nibble). Trailers always come in that order.

export const HCI_SOF = 0xa5;
export const HCI_HEADER_LENGTH = 4;
/** Largest possible frame: header, 255 payload bytes and all three trailers. */
export const HCI_MAX_FRAME_LENGTH = HCI_HEADER_LENGTH + 255 + 4 + 1 + 2;

export const HciFlag = {
  reserved: 0x10,
  timestamp: 0x20,
  rssi: 0x40,
  crc: 0x80,
} as const;

export const HciEndpoint = {
  deviceManagement: 0x01,
  radioLink: 0x02,
  radioLinkTest: 0x03,
  hardwareTest: 0x04,
} as const;

/** Device management message ids; every response id is its request id + 1. */
export const DeviceManagementMessage = {
  pingRequest: 0x01,
  pingResponse: 0x02,
  setConfigRequest: 0x03,
  setConfigResponse: 0x04,
  getConfigRequest: 0x05,
  getConfigResponse: 0x06,
  resetRequest: 0x07,
  resetResponse: 0x08,
  factoryResetRequest: 0x09,
  factoryResetResponse: 0x0a,
  getDeviceInfoRequest: 0x0f,
  getDeviceInfoResponse: 0x10,
  getSystemStatusRequest: 0x11,
  getSystemStatusResponse: 0x12,
  getFirmwareInfoRequest: 0x13,
  getFirmwareInfoResponse: 0x14,
} as const;

export const RadioLinkMessage = {
  /** A received wM-Bus telegram: payload is the frame from the C field on (LEN stands in for L). */
  telegramIndication: 0x03,
} as const;

export interface HciFrameFields {
  endpoint: number;
  messageId: number;
  payload?: Uint8Array;
  /** Attach a CRC; real requests should (default), the docs/ARCHITECTURE.md § iM871A set-config example does not. */
  crc?: boolean;
  /** uint32 written little-endian; the stick attaches it when RX timestamps are switched on. */
  timestamp?: number;
  /** Raw RSSI byte as the stick attaches it. */
  rssi?: number;
}

/** `expected` is computed from the received bytes, `actual` is the CRC the frame carried. */
export interface HciCrcCheck {
  expected: number;
  actual: number;
  ok: boolean;
}

export interface HciFrame {
  endpoint: number;
  messageId: number;
  payload: Buffer;
  timestamp?: number;
  /** Raw RSSI byte; see `rssiToDbm` for the conversion. */
  rssi?: number;
  crc?: HciCrcCheck;
  /** Bytes the frame occupies on the wire, SOF to CRC. */
  length: number;
}

export function encodeHciFrame({
  endpoint,
  messageId,
  payload = Buffer.alloc(0),
  crc = true,
  timestamp,
  rssi,
}: HciFrameFields): Buffer {
  if (!Number.isInteger(endpoint) || endpoint < 1 || endpoint > 4) {
    throw new RangeError(`HCI endpoint must be 1..4, got ${endpoint}`);
  }
  checkByte('message id', messageId);
  if (payload.length > 255) throw new RangeError(`HCI payload is at most 255 bytes, got ${payload.length}`);
  if (rssi !== undefined) checkByte('RSSI', rssi);
  if (
    timestamp !== undefined &&
    !(Number.isInteger(timestamp) && timestamp >= 0 && timestamp <= 0xffffffff)
  ) {
    throw new RangeError(`HCI timestamp must be a uint32, got ${timestamp}`);
  }

  const flags =
    (timestamp !== undefined ? HciFlag.timestamp : 0) |
    (rssi !== undefined ? HciFlag.rssi : 0) |
    (crc ? HciFlag.crc : 0);
  const controlByte = flags | endpoint;
  const frame = Buffer.alloc(hciFrameLength(controlByte, payload.length));
  frame[0] = HCI_SOF;
  frame[1] = controlByte;
  frame[2] = messageId;
  frame[3] = payload.length;
  frame.set(payload, HCI_HEADER_LENGTH);
  let at = HCI_HEADER_LENGTH + payload.length;
  if (timestamp !== undefined) at = frame.writeUInt32LE(timestamp, at);
  if (rssi !== undefined) frame[at++] = rssi;
  // The CRC covers CE..last trailer byte; the SOF is excluded (docs/ARCHITECTURE.md § iM871A).
  if (crc) frame.writeUInt16LE(crc16X25(frame, 1, at), at);
  return frame;
}

/** Total frame length implied by a control byte and LEN. */
export function hciFrameLength(controlByte: number, payloadLength: number): number {
  return (
    HCI_HEADER_LENGTH +
    payloadLength +
    (controlByte & HciFlag.timestamp ? 4 : 0) +
    (controlByte & HciFlag.rssi ? 1 : 0) +
    (controlByte & HciFlag.crc ? 2 : 0)
  );
}

export type HciHeaderProblem = Extract<HciParseReason, 'reserved-flag' | 'unknown-endpoint'>;

/**
 * Why a control byte cannot start a real frame, or undefined when it is plausible. Checked as soon
 * as the byte after a 0xA5 arrives, so noise is rejected without waiting for LEN bytes.
 */
export function hciHeaderProblem(controlByte: number): HciHeaderProblem | undefined {
  if (controlByte & HciFlag.reserved) return 'reserved-flag';
  const endpoint = controlByte & 0x0f;
  if (endpoint < HciEndpoint.deviceManagement || endpoint > HciEndpoint.hardwareTest) {
    return 'unknown-endpoint';
  }
  return undefined;
}

export interface DecodeHciFrameOptions {
  /** Where the frame starts in `buf` (default 0); bytes after the frame are ignored. */
  offset?: number;
  /** Return a frame whose CRC does not match (with `crc.ok === false`) instead of throwing. */
  allowBadCrc?: boolean;
  /**
   * The payload as a view of `buf`, not a copy: for a caller that never reuses `buf` (pasted or
   * logged bytes, one buffer per line), where the copy is pure cost.
   */
  viewPayload?: boolean;
}

/**
 * Decodes the frame starting at `offset`. Throws `HciParseError` (bad SOF, impossible header,
 * truncated) or `HciCrcError`; error offsets index into `buf`.
 */
export function decodeHciFrame(buf: Uint8Array, options: DecodeHciFrameOptions = {}): HciFrame {
  const { offset = 0, allowBadCrc = false, viewPayload = false } = options;
  const available = buf.length - offset;
  if (available < 1 || buf[offset] !== HCI_SOF) {
    throw new HciParseError('no-sof', 'HCI frame must start with 0xA5', offset);
  }
  if (available < 2) throw truncated(HCI_HEADER_LENGTH, available, offset);
  const controlByte = buf[offset + 1]!;
  const problem = hciHeaderProblem(controlByte);
  if (problem) throw headerError(problem, controlByte, offset + 1);
  if (available < HCI_HEADER_LENGTH) throw truncated(HCI_HEADER_LENGTH, available, offset);

  const payloadLength = buf[offset + 3]!;
  const length = hciFrameLength(controlByte, payloadLength);
  if (available < length) throw truncated(length, available, offset);

  const payloadStart = offset + HCI_HEADER_LENGTH;
  let at = payloadStart + payloadLength;
  const frame: HciFrame = {
    endpoint: controlByte & 0x0f,
    messageId: buf[offset + 2]!,
    // By default a copy, so the frame outlives the (reused) read buffer it came from.
    payload: viewPayload
      ? asBuffer(buf).subarray(payloadStart, at)
      : Buffer.from(buf.subarray(payloadStart, at)),
    length,
  };
  if (controlByte & HciFlag.timestamp) {
    frame.timestamp = (buf[at]! | (buf[at + 1]! << 8) | (buf[at + 2]! << 16) | (buf[at + 3]! << 24)) >>> 0;
    at += 4;
  }
  if (controlByte & HciFlag.rssi) frame.rssi = buf[at++]!;
  if (controlByte & HciFlag.crc) {
    const expected = crc16X25(buf, offset + 1, at);
    const actual = buf[at]! | (buf[at + 1]! << 8);
    frame.crc = { expected, actual, ok: expected === actual };
    if (!frame.crc.ok && !allowBadCrc) throw new HciCrcError(expected, actual, offset);
  }
  return frame;
}

/**
 * Approximate dBm for a raw RSSI byte: -100 + (raw - 45) * 80 / 160, capped at 0 dBm.
 *
 * This is the linear fit of the Si1002 "RSSI vs input power" curve (raw 45 ≈ -100 dBm, raw 205 ≈
 * -20 dBm) used by wmbusmeters and noted in docs/ARCHITECTURE.md § iM871A. Other published conversions differ by up to
 * ~4 dB, so treat the value as a guide and keep showing the raw byte next to it.
 */
export function rssiToDbm(raw: number): number {
  return Math.min(0, -100 + ((raw - 45) * 80) / 160);
}

const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function checkByte(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 255) {
    throw new RangeError(`HCI ${what} must be a byte (0..255), got ${value}`);
  }
}

function truncated(needed: number, available: number, offset: number): HciParseError {
  return new HciParseError(
    'truncated',
    `HCI frame needs ${needed} bytes, only ${available} available`,
    offset,
  );
}

function headerError(reason: HciParseReason, controlByte: number, offset: number): HciParseError {
  const ce = `0x${controlByte.toString(16).padStart(2, '0')}`;
  const message =
    reason === 'reserved-flag'
      ? `HCI control byte ${ce} sets the reserved flag 0x10`
      : `HCI control byte ${ce} names endpoint ${controlByte & 0x0f}; only 1..4 exist`;
  return new HciParseError(reason, message, offset);
}
