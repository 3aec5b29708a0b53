// Public API of the wM-Bus decoder (docs/ARCHITECTURE.md § wM-Bus): pure functions over Buffer, typed errors, no I/O.
export { aesCtrTransform, KeyCipherCache, writeEllIv } from './aes-ctr';
export { decodeApplicationLayer, type ApplicationLayer, type FrameKind } from './application-layer';
export { compactDataCrc, decodeCompactFrame, type CompactFrame } from './compact';
export { CRC16_EN13757_CHECK, crc16En13757, crc16En13757Continue, crc16En13757Finish } from './crc';
export { type RawValue } from './data-field';
export { decodeTelegram, type DecodedTelegram, type DecodeOptions } from './decode';
export { deviceTypeName } from './device-types';
export * from './drivers';
export {
  normalizeFromL,
  withDllCrcFormatA,
  withDllCrcFormatB,
  withLField,
  type DllFormat,
  type NormalizedFrame,
} from './dll-crc';
export { ellSessionField, parseEll, type EllEncryption, type ExtendedLinkLayer } from './ell';
export {
  encodeApplicationLayer,
  encodeEllTelegram,
  encodeOmniPowerTelegram,
  type EllTelegramSpec,
  type OmniPowerReading,
  type OmniPowerTelegramSpec,
} from './encode';
export {
  encodeMultical21Telegram,
  MULTICAL21_FORMAT,
  multical21ApplicationLayer,
  type Multical21Reading,
  type Multical21TelegramSpec,
} from './encode-multical21';
export {
  CompactDataCrcError,
  DecodeError,
  DecryptionCheckError,
  DllCrcError,
  FrameFormatError,
  InvalidKeyError,
  MissingKeyError,
  PayloadCrcError,
  TruncatedRecordError,
  UnknownCompactFormatError,
  UnsupportedError,
  type DecodeErrorCode,
  type PayloadCrcCause,
} from './errors';
export { explainTelegram, withBaseOffset, type ExplainedField } from './explain';
export { summarizeFrame, type FrameSummary, type HeaderEncryption } from './frame-summary';
export {
  compactFormatOf,
  formatSignature,
  FormatRegistry,
  OMNIPOWER_DIF_VIF,
  type CompactFormat,
  type FormatRegistryOptions,
} from './format-registry';
export {
  manufacturerCode,
  manufacturerLetters,
  meterIdFromAddress,
  meterIdentityOf,
  parseLinkHeader,
  type LinkHeader,
  type MeterIdentity,
} from './link-layer';
export { openPayload, type KeyOptions, type OpenedPayload, type PayloadEncryption } from './payload';
export { recordView, recordViews, type RecordView } from './record-view';
export {
  parseRecords,
  scaleDecimal,
  type MBusRecord,
  type RecordFunction,
  type RecordLayout,
} from './records';
export {
  describeConfiguration,
  describeStatus,
  readTplHeader,
  securityModeName,
  type TplHeader,
} from './tpl-header';
export { describeVif, type VifMeaning } from './vif-table';
