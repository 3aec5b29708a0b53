// The pieces of the iM871A layer this driver shares rather than repeats (CRC, error bases, serial
// port handling, listeners, simulated meters). One file holds these import paths, so moving the
// iM871A files changes only this file.
export { crc16X25 } from '../../dongle/crc16-x25';
export { DongleError, HciError, type DongleErrorCode } from '../../dongle/errors';
export { Listeners } from '../../dongle/listeners';
export { PathWatch } from '../../dongle/path-watch';
export {
  closeQuietly,
  describeOpenError,
  isDisconnect,
  silence,
  whenOpen,
  type OpenPort,
  type SerialLike,
} from '../../dongle/serial-port';
export { resolveIm871aOptions, type Im871aOptions } from '../../dongle/device-types';
export { simulatedMeter, type SimulatedMeterSpec } from '../../dongle/simulated-meter';
export type { SimulatedMeter } from '../../dongle/simulated-radio';
export { rssiToDbm } from '../../dongle/hci';
