// Meter drivers as data (docs/ARCHITECTURE.md, "Where new things go"): one file per meter, the registry, and
// the two things every consumer does with a driver: read its fields, and show it as wmbusmeters would.
export type * from './driver';
export { driverValues, fieldMeasurement, findRecord, recordMatches, unsignedRaw } from './fields';
export { GENERIC, genericValues } from './generic';
export { infoCodesInWords, statusFlagsInWords } from './kamstrup-info-codes';
export { MULTICAL21 } from './multical21';
export { OMNIPOWER } from './omnipower';
export { DRIVERS, driverFor, driverNamed, driverSummary } from './registry';
export {
  toWmbusmetersFields,
  type WmbusmetersExtras,
  type WmbusmetersFields,
  type WmbusmetersSource,
} from './wmbusmeters';
