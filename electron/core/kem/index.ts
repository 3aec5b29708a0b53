// Kamstrup KEM key files (docs/ARCHITECTURE.md § KEM files): pure functions over Buffer with typed
// errors. The zip reader, the XML reader, the XML Encryption envelope and the two meter lists.
export {
  KEM_MAX_BYTES,
  METER_LIST_ROOTS,
  openKemFile,
  type KemContainer,
  type MeterListRoot,
} from './container';
export { KEM_PASSWORD_MAX_BYTES, kemKeyFromPassword } from './envelope';
export { KemError, NotKemError, WrongPasswordError, XmlError, ZipError, type KemErrorCode } from './errors';
export {
  decideImport,
  monitoredAs,
  REPLACED_REASON,
  SAME_KEY_REASON,
  type ImportDecision,
  type ImportRules,
  type MonitoredAs,
} from './import-plan';
export type { KemMeter } from './meters';
export type { KemDriver } from './models';
export { readKemContainer, readKemFile, type KemFile } from './read-kem';
