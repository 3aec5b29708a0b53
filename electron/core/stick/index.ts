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
  openIm871aPort,
  openSerialPort,
  silence,
  portExistsOn,
  whenOpen,
  type OpenPort,
  type SerialLike,
} from './serial-port';
export { Im871a } from './device';
export {
  resolveIm871aOptions,
  type StickState,
  type StickStatus,
  type Im871aEvents,
  type Im871aOptions,
  type ReceivedTelegram,
  type ResolvedIm871aOptions,
} from './device-types';
export { PathWatch } from './path-watch';
export { HciRequestQueue } from './request-queue';
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
export { existsWithVirtual, VIRTUAL_PORT, VirtualSerialPort, withVirtualStick } from './virtual-port';
