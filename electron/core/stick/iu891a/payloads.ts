import { Iu891aFrameError } from './errors';

/** Module types in the device info response. */
export const MODULE_NAMES: Record<number, string> = {
  0x6d: 'iM891A-XL',
  0x6e: 'iU891A-XL',
  0xa3: 'iM881A-XL',
  0x71: 'iU893A-XL',
};

export interface Iu891aDeviceInfo {
  moduleType: number;
  /** "iU891A-XL", or "unknown module 0x.." */
  moduleName: string;
  /** The 4-byte LE unique id as 8 hex digits. */
  uniqueId: string;
  /** What follows the unique id (product type and id on current firmware), unparsed. */
  extra: Buffer;
}

export interface Iu891aFirmwareInfo {
  major: number;
  minor: number;
  build: number;
  /** As the stick writes it, e.g. "09.04.2020"; empty when absent. */
  buildDate: string;
  /** e.g. "WMBus_Gateway"; empty when absent. */
  name: string;
}

/** The active configuration (11 bytes): receiver setting and options. */
export interface Iu891aConfig {
  linkModeCode: number;
  /** Bit 0 receive only listed meters, 1 receive indications, 2 transmit indications, 3 recalibration. */
  options: number;
  /** Bits that drive the module's signal pins on receive and transmit. */
  uiOptions: number;
  ledFlashMs: number;
  recalibrateMs: number;
}

export const ConfigOption = {
  filterByDeviceList: 0x0001,
  receiveIndications: 0x0002,
  transmitIndications: 0x0004,
  recalibration: 0x0008,
} as const;

export const CONFIG_LENGTH = 11;

export interface Iu891aReceiveIndication {
  /** The stick's receive time stamp (seconds, the stick's clock). */
  timestamp: number;
  decryptionStatus: number;
  encryptionMode: number;
  /** How the frame came in (its radio mode); see `packetInfoText`. */
  packetInfo: number;
  rssiDbm: number;
  /** The L field as received. */
  lengthField: number;
  /** The wM-Bus frame from the C field on, without data-link CRCs. */
  frame: Buffer;
}

/** Application status (counters since the last restart); fields the payload lacks are left out. */
export interface Iu891aApplicationStatus {
  time?: number;
  lastSync?: number;
  linkModeCode?: number;
  statusBits?: number;
  restarts?: number;
  receivedPackets?: number;
  rejectedPackets?: number;
  receiveErrors?: number;
  sentPackets?: number;
  sendErrors?: number;
}

/**
 * Payload readers take the payload and where it starts in its message, so an error names the
 * offset in the message.
 */
function need(payload: Buffer, length: number, base: number, what: string): void {
  if (payload.length < length) {
    throw new Iu891aFrameError(
      'bad-payload',
      `${what}: ${payload.length} payload bytes, at least ${length} expected (message offset ${base + payload.length})`,
      base + payload.length,
    );
  }
}

export function parseDeviceInfo(payload: Buffer, base = 3): Iu891aDeviceInfo {
  need(payload, 5, base, 'device info');
  const moduleType = payload[0]!;
  return {
    moduleType,
    moduleName: MODULE_NAMES[moduleType] ?? `unknown module 0x${moduleType.toString(16).padStart(2, '0')}`,
    uniqueId: payload.readUInt32LE(1).toString(16).toUpperCase().padStart(8, '0'),
    extra: payload.subarray(5),
  };
}

export function parseFirmwareInfo(payload: Buffer, base = 3): Iu891aFirmwareInfo {
  need(payload, 4, base, 'firmware info');
  return {
    minor: payload[0]!,
    major: payload[1]!,
    build: payload.readUInt16LE(2),
    buildDate: payload.subarray(4, 14).toString('latin1').replace(/\0+$/, ''),
    name: payload.subarray(14).toString('latin1').replace(/\0+$/, ''),
  };
}

export function encodeConfig(config: Iu891aConfig): Buffer {
  const out = Buffer.alloc(CONFIG_LENGTH);
  out[0] = config.linkModeCode;
  out.writeUInt16LE(config.options, 1);
  out.writeUInt16LE(config.uiOptions, 3);
  out.writeUInt16LE(config.ledFlashMs, 5);
  out.writeUInt32LE(config.recalibrateMs >>> 0, 7);
  return out;
}

export function parseConfig(payload: Buffer, base = 3): Iu891aConfig {
  need(payload, CONFIG_LENGTH, base, 'active configuration');
  return {
    linkModeCode: payload[0]!,
    options: payload.readUInt16LE(1),
    uiOptions: payload.readUInt16LE(3),
    ledFlashMs: payload.readUInt16LE(5),
    recalibrateMs: payload.readUInt32LE(7),
  };
}

/** Receive indication 0x20: timestamp(4) | decryption | encryption mode | packet info | RSSI | frame from L. */
export const RECEIVE_HEADER_LENGTH = 8;

export function parseReceiveIndication(payload: Buffer, base = 2): Iu891aReceiveIndication {
  // The frame needs at least L and C.
  need(payload, RECEIVE_HEADER_LENGTH + 2, base, 'receive indication');
  return {
    timestamp: payload.readUInt32LE(0),
    decryptionStatus: payload[4]!,
    encryptionMode: payload[5]!,
    packetInfo: payload[6]!,
    rssiDbm: payload.readInt8(7),
    lengthField: payload[RECEIVE_HEADER_LENGTH]!,
    frame: payload.subarray(RECEIVE_HEADER_LENGTH + 1),
  };
}

export function encodeReceiveIndication(fields: Omit<Iu891aReceiveIndication, 'lengthField'>): Buffer {
  const head = Buffer.alloc(RECEIVE_HEADER_LENGTH);
  head.writeUInt32LE(fields.timestamp >>> 0, 0);
  head[4] = fields.decryptionStatus;
  head[5] = fields.encryptionMode;
  head[6] = fields.packetInfo;
  head.writeInt8(Math.max(-128, Math.min(127, Math.round(fields.rssiDbm))), 7);
  return Buffer.concat([head, Buffer.of(fields.frame.length & 0xff), fields.frame]);
}

/** The packet info byte: low nibble the radio mode, 0x10 frame format B (inferred, see report). */
export function packetInfoText(packetInfo: number): string {
  const mode = { 0x01: 'S mode', 0x02: 'T mode', 0x04: 'C mode', 0x05: 'C mode', 0x06: 'enhanced T mode' }[
    packetInfo & 0x0f
  ];
  const format = packetInfo & 0x10 ? ', frame format B' : '';
  return `${mode ?? 'unknown mode'}${format} (0x${packetInfo.toString(16).padStart(2, '0')})`;
}

const STATUS_LAYOUT: Array<[keyof Iu891aApplicationStatus, 1 | 2 | 4]> = [
  ['time', 4],
  ['lastSync', 4],
  ['linkModeCode', 1],
  ['statusBits', 2],
  ['restarts', 4],
  ['receivedPackets', 4],
  ['rejectedPackets', 4],
  ['receiveErrors', 4],
  ['sentPackets', 4],
  ['sendErrors', 4],
];

/** Application status 0x42; older firmware may send fewer fields, so what is there is read. */
export function parseApplicationStatus(payload: Buffer): Iu891aApplicationStatus {
  const status: Iu891aApplicationStatus = {};
  let at = 0;
  for (const [field, size] of STATUS_LAYOUT) {
    if (at + size > payload.length) break;
    status[field] =
      size === 1 ? payload[at]! : size === 2 ? payload.readUInt16LE(at) : payload.readUInt32LE(at);
    at += size;
  }
  return status;
}

export function encodeApplicationStatus(status: Required<Iu891aApplicationStatus>): Buffer {
  const out = Buffer.alloc(STATUS_LAYOUT.reduce((sum, [, size]) => sum + size, 0) + 4);
  let at = 0;
  for (const [field, size] of STATUS_LAYOUT) {
    const value = status[field];
    if (size === 1) out[at] = value;
    else if (size === 2) out.writeUInt16LE(value, at);
    else out.writeUInt32LE(value >>> 0, at);
    at += size;
  }
  return out;
}
