// The IMST iU891A-XL stick: protocol (SLIP, messages, payloads), driver, virtual stick and the
// byte-by-byte explanation for the inspector. See docs/ARCHITECTURE.md § Sticks.
export { Iu891a, IU891A_BAUD_RATE, type Iu891aOptions } from './device';
export { Iu891aFrameError, UnsupportedLinkModeError, type Iu891aFrameReason } from './errors';
export { explainIu891aFrames, type ExplainedIu891aFrame } from './explain';
export { Iu891aFramer, type FramedMessage, type Iu891aFramerStats } from './framer';
export {
  appLinkModesFor,
  IU891A_LINK_MODES,
  iu891aLinkModeCode,
  iu891aLinkModeText,
  Iu891aLinkMode,
} from './link-modes';
export {
  decodeIu891aMessage,
  DeviceManagementId,
  encodeIu891aFrame,
  encodeIu891aMessage,
  GatewayId,
  Iu891aEndpoint,
  type Iu891aMessage,
  type Iu891aMessageFields,
  type Iu891aMessageKind,
} from './message';
export { MetersOnAir, type MetersOnAirOptions } from './on-air';
export * from './payloads';
export {
  SLIP_END,
  SLIP_ESC,
  SLIP_ESC_END,
  SLIP_ESC_ESC,
  SlipDecoder,
  slipEncode,
  type SlipEvent,
  type SlipFrame,
} from './slip';
export { assertOk, statusText } from './status-words';
export { VirtualIu891a, type VirtualIu891aOptions } from './virtual-iu891a';
export { IU891A_USB_ID, IU891A_WAKE_UP } from './usb-and-wake-up';
