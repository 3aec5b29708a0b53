import { StickError, HciParseError } from './errors';
import { DeviceManagementMessage, HciEndpoint, encodeHciFrame } from './hci';
import { FIRMWARE_WITH_C1T1, linkModeByCode, linkModeCode, type LinkModeName } from './link-modes';

// Device management requests and response parsers (docs/ARCHITECTURE.md § iM871A). Pure functions over Buffer.

export interface RequestOptions {
  /** Attach a CRC (default true). Off only reproduces captures such as the docs/ARCHITECTURE.md § iM871A example. */
  crc?: boolean;
}

export function encodePingRequest(options: RequestOptions = {}): Buffer {
  return deviceManagementRequest(DeviceManagementMessage.pingRequest, undefined, options);
}

export function encodeGetDeviceInfoRequest(options: RequestOptions = {}): Buffer {
  return deviceManagementRequest(DeviceManagementMessage.getDeviceInfoRequest, undefined, options);
}

export function encodeGetConfigRequest(options: RequestOptions = {}): Buffer {
  return deviceManagementRequest(DeviceManagementMessage.getConfigRequest, undefined, options);
}

/** The stick answers first and restarts ≈500 ms later (docs/ARCHITECTURE.md § iM871A). */
export function encodeResetRequest(options: RequestOptions = {}): Buffer {
  return deviceManagementRequest(DeviceManagementMessage.resetRequest, undefined, options);
}

export function deviceManagementRequest(
  messageId: number,
  payload: Uint8Array | undefined,
  { crc = true }: RequestOptions,
): Buffer {
  return encodeHciFrame({ endpoint: HciEndpoint.deviceManagement, messageId, payload, crc });
}

// ---- device info -------------------------------------------------------------------------------

const MODULE_NAMES: Record<number, string> = { 0x33: 'iM871A', 0x36: 'iM170A' };
const DEVICE_MODE_NAMES: Record<number, string> = { 0x00: 'other', 0x01: 'meter' };

export interface DeviceInfo {
  moduleType: number;
  /** 'iM871A', 'iM170A', or 'unknown (0x..)'. */
  moduleName: string;
  deviceMode: number;
  deviceModeName: string;
  firmwareVersion: number;
  hciVersion: number;
  /** The stick's own 32-bit id (sent little-endian) as 8 upper-case hex digits. */
  deviceId: string;
  supportsC1T1: boolean;
}

/** Get device info response: module type · device mode · firmware version · HCI version · id (4 B LE). */
export function parseDeviceInfo(payload: Uint8Array): DeviceInfo {
  if (payload.length < 8) throw shortPayload('device info', 8, payload.length);
  const bytes = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const [moduleType, deviceMode, firmwareVersion, hciVersion] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  return {
    moduleType,
    moduleName: MODULE_NAMES[moduleType] ?? `unknown (${hex2(moduleType)})`,
    deviceMode,
    deviceModeName: DEVICE_MODE_NAMES[deviceMode] ?? `unknown (${hex2(deviceMode)})`,
    firmwareVersion,
    hciVersion,
    deviceId: bytes.readUInt32LE(4).toString(16).toUpperCase().padStart(8, '0'),
    supportsC1T1: firmwareVersion >= FIRMWARE_WITH_C1T1,
  };
}

// ---- configuration -----------------------------------------------------------------------------

/** Raw configuration fields, in wire order. Multi-byte fields are little-endian. */
export interface StickConfigFields {
  deviceMode?: number;
  linkModeCode?: number;
  cField?: number;
  manufacturerId?: number;
  wmbusId?: number;
  wmbusVersion?: number;
  deviceType?: number;
  radioChannel?: number;
  powerLevel?: number;
  dataRate?: number;
  rxWindow?: number;
  autoPowerSaving?: number;
  autoRssi?: number;
  autoTimestamp?: number;
  ledControl?: number;
  rtcControl?: number;
}

type FieldKey = keyof StickConfigFields;
interface FieldLayout {
  bit: number;
  key: FieldKey;
  size: 1 | 2 | 4;
}

/** Flag byte 1 and flag byte 2: each set bit means its field follows, in bit order. */
const FLAG_GROUPS: readonly (readonly FieldLayout[])[] = [
  [
    { bit: 0x01, key: 'deviceMode', size: 1 },
    { bit: 0x02, key: 'linkModeCode', size: 1 },
    { bit: 0x04, key: 'cField', size: 1 },
    { bit: 0x08, key: 'manufacturerId', size: 2 },
    { bit: 0x10, key: 'wmbusId', size: 4 },
    { bit: 0x20, key: 'wmbusVersion', size: 1 },
    { bit: 0x40, key: 'deviceType', size: 1 },
    { bit: 0x80, key: 'radioChannel', size: 1 },
  ],
  [
    { bit: 0x01, key: 'powerLevel', size: 1 },
    { bit: 0x02, key: 'dataRate', size: 1 },
    { bit: 0x04, key: 'rxWindow', size: 1 },
    { bit: 0x08, key: 'autoPowerSaving', size: 1 },
    { bit: 0x10, key: 'autoRssi', size: 1 },
    { bit: 0x20, key: 'autoTimestamp', size: 1 },
    { bit: 0x40, key: 'ledControl', size: 1 },
    { bit: 0x80, key: 'rtcControl', size: 1 },
  ],
];

export interface StickConfig extends StickConfigFields {
  /** Named link mode, when the code is one we know. */
  linkMode?: LinkModeName;
  /** RSSI byte attached to received telegrams. */
  rssi?: boolean;
  /** RX timestamp attached to received telegrams. */
  timestamp?: boolean;
}

/** Flag byte 1 · its fields · flag byte 2 · its fields (flag byte 2 is always written, maybe 00). */
export function encodeConfigFields(fields: StickConfigFields): Buffer {
  const bytes: number[] = [];
  for (const group of FLAG_GROUPS) {
    const flagIndex = bytes.push(0) - 1;
    for (const { bit, key, size } of group) {
      const value = fields[key];
      if (value === undefined) continue;
      if (!Number.isInteger(value) || value < 0 || value >= 2 ** (8 * size)) {
        throw new RangeError(`config field ${key} must fit in ${size} byte(s), got ${value}`);
      }
      bytes[flagIndex]! |= bit;
      for (let i = 0; i < size; i++) bytes.push(Math.floor(value / 2 ** (8 * i)) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** Get config response; flag byte 2 and its fields may be absent. */
export function parseConfig(payload: Uint8Array): StickConfig {
  const config: StickConfig = {};
  let at = 0;
  for (const group of FLAG_GROUPS) {
    if (at >= payload.length) {
      if (at === 0) throw shortPayload('configuration', 1, 0);
      break;
    }
    const flags = payload[at++]!;
    for (const { bit, key, size } of group) {
      if (!(flags & bit)) continue;
      if (at + size > payload.length)
        throw shortPayload(`configuration field ${key}`, at + size, payload.length);
      let value = 0;
      for (let i = 0; i < size; i++) value += payload[at + i]! * 2 ** (8 * i);
      config[key] = value;
      at += size;
    }
  }
  if (config.linkModeCode !== undefined) config.linkMode = linkModeByCode(config.linkModeCode)?.name;
  if (config.autoRssi !== undefined) config.rssi = config.autoRssi !== 0;
  if (config.autoTimestamp !== undefined) config.timestamp = config.autoTimestamp !== 0;
  return config;
}

/** What to change; fields left out stay as they are on the stick. */
export interface ConfigChange extends Omit<StickConfigFields, 'linkModeCode' | 'autoRssi' | 'autoTimestamp'> {
  linkMode?: LinkModeName;
  rssi?: boolean;
  timestamp?: boolean;
  /** Write to non-volatile memory. Default false (RAM only): a commissioning tool should not
   *  permanently change a stick that a gateway may use afterwards. */
  saveToNvm?: boolean;
}

/**
 * Set config request: NVM flag · flag byte 1 · fields · flag byte 2 · fields. docs/ARCHITECTURE.md § iM871A example
 * (C1a, RSSI on, timestamp off, no CRC): A5 01 03 06 | 00 | 02 06 | 30 01 00.
 */
export function encodeSetConfigRequest(change: ConfigChange, options: RequestOptions = {}): Buffer {
  const { linkMode, rssi, timestamp, saveToNvm = false, ...fields } = change;
  const raw: StickConfigFields = {
    ...fields,
    linkModeCode: linkMode === undefined ? undefined : linkModeCode(linkMode),
    autoRssi: rssi === undefined ? undefined : Number(rssi),
    autoTimestamp: timestamp === undefined ? undefined : Number(timestamp),
  };
  const payload = Buffer.concat([Buffer.of(saveToNvm ? 1 : 0), encodeConfigFields(raw)]);
  return deviceManagementRequest(DeviceManagementMessage.setConfigRequest, payload, options);
}

/**
 * Set config, reset and factory reset answer with one status byte, 00 = done. An empty payload is
 * taken as success: there is nothing to contradict it.
 */
export function assertAccepted(payload: Uint8Array, what: string): void {
  const status = payload[0];
  if (status !== undefined && status !== 0) {
    throw new StickError('REJECTED', `the stick refused ${what} (status ${hex2(status)})`);
  }
}

function shortPayload(what: string, needed: number, got: number): HciParseError {
  return new HciParseError('bad-payload', `${what} needs ${needed} bytes, the stick sent ${got}`, got);
}

function hex2(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(2, '0')}`;
}
