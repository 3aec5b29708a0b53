// The pieces of the iM871A layer this driver shares rather than repeats (CRC, error bases, serial
// port handling, listeners, simulated meters). One file holds these import paths, so moving the
// iM871A files changes only this file.
export { crc16X25 } from '../crc16-x25';
export { StickError, HciError, type StickErrorCode } from '../errors';
export { Listeners } from '../listeners';
export { PathWatch } from '../path-watch';
export {
  closeQuietly,
  describeOpenError,
  isDisconnect,
  silence,
  whenOpen,
  type OpenPort,
  type SerialLike,
} from '../serial-port';
export { resolveIm871aOptions, type Im871aOptions } from '../device-types';
export { simulatedMeter, type SimulatedMeterSpec } from '../simulated-meter';
export type { SimulatedMeter } from '../simulated-radio';
export { rssiToDbm } from '../hci';
