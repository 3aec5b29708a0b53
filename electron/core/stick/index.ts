export { crc16X25 } from './crc16-x25';
export {
  StickError,
  HciCrcError,
  HciError,
  HciParseError,
  type StickErrorCode,
  type HciErrorCode,
  type HciParseReason,
} from './errors';
export {
  DeviceManagementMessage,
  HCI_HEADER_LENGTH,
  HCI_MAX_FRAME_LENGTH,
  HCI_SOF,
  HciEndpoint,
  HciFlag,
  RadioLinkMessage,
  decodeHciFrame,
  encodeHciFrame,
  hciFrameLength,
  hciHeaderProblem,
  rssiToDbm,
  type DecodeHciFrameOptions,
  type HciCrcCheck,
  type HciFrame,
  type HciFrameFields,
  type HciHeaderProblem,
} from './hci';
export { HciFramer, type HciFramerError, type HciFramerOptions, type HciFramerStats } from './framer';
export {
  assertAccepted,
  deviceManagementRequest,
  encodeConfigFields,
  encodeGetConfigRequest,
  encodeGetDeviceInfoRequest,
  encodePingRequest,
  encodeResetRequest,
  encodeSetConfigRequest,
  parseConfig,
  parseDeviceInfo,
  type ConfigChange,
  type DeviceInfo,
  type RequestOptions,
  type StickConfig,
  type StickConfigFields,
} from './commands';
export {
  DEFAULT_LINK_MODE,
  FIRMWARE_WITH_C1T1,
  LINK_MODES,
  linkModeByCode,
  linkModeCode,
  type LinkModeName,
} from './link-modes';
export {
  IM871A_BAUD_RATE,
  describeOpenError,
  isDisconnect,
  closeQuietly,
  openSerialPort,
  silence,
  portExistsOn,
  whenOpen,
  type OpenPort,
  type SerialLike,
} from './serial-port';
export type { Stick, StickEvents, StickFrameError, StickIdentity, StickKind, StickTelegram } from './stick';
export { Im871a } from './device';
export { im871aIdentity, im871aLinkModes } from './im871a-identity';
export {
  resolveStickOptions,
  type StickState,
  type StickStatus,
  type StickOptions,
  type Im871aEvents,
  type Im871aOptions,
  type ReceivedTelegram,
  type ResolvedStickOptions,
} from './device-types';
export { createStick, STICK_BAUD_RATES, STICK_CONSTRUCTORS, type StickConstructor } from './create-stick';
export {
  chooseStick,
  detectStickKind,
  openStick,
  PROBE_ORDER,
  type DetectStickOptions,
  type StickDetection,
} from './detect-stick';
export { STICK_USB_IDS, stickKindOfPort, type UsbId } from './usb-ids';
export { Listeners } from './listeners';
export { PathWatch } from './path-watch';
export { OneRequestAtATime } from './request-queue';
export { StickConnection, type StickConnectionOptions } from './stick-connection';
export { VirtualDevicePort, virtualPlug, type VirtualDevice, type VirtualPlug } from './virtual-device-port';
export { delay, realTimers, type Timers } from '../timers';
export {
  IM871A_USB_ID,
  listSerialPorts,
  looksLikeIm871a,
  type ListSerialPortsOptions,
  type SerialPortInfo,
  type SerialportListEntry,
} from './discovery';
export { simulatedMeter, SimulatedOmniPower, type SimulatedMeterSpec } from './simulated-meter';
export { SimulatedMultical21 } from './simulated-multical21';
export type { SimulatedMeter, SimulatedTelegram } from './simulated-radio';
export { VirtualStick, type VirtualStickOptions } from './virtual-stick';
export {
  SIMULATED_STICKS,
  simulatedStick,
  type SimulatedStickDevice,
  type SimulatedStickOptions,
} from './simulated-sticks';
export { existsWithVirtual, VIRTUAL_PORT, withVirtualStick } from './virtual-port';
