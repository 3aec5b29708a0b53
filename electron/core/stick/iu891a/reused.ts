// The pieces of the stick layer this driver shares with the iM871A's rather than repeats (CRC,
// error bases, listeners, options, simulated meters). The connection, the request queue and the
// virtual port both drivers use live beside them in the stick folder.
export { crc16X25 } from '../crc16-x25';
export { StickError, HciError, type StickErrorCode } from '../errors';
export { Listeners } from '../listeners';
export { resolveStickOptions, type StickOptions } from '../device-types';
export { simulatedMeter, type SimulatedMeterSpec } from '../simulated-meter';
export type { SimulatedMeter } from '../simulated-radio';
export { rssiToDbm } from '../hci';
