export { GatewayError, type GatewayErrorCode } from './errors';
export { MeterStates, type MeterState, type TelegramCounts } from './meter-state';
export {
  fileOnlyBox,
  MeterStore,
  type MeterSource,
  type MeterView,
  type MonitoredMeter,
  type SecretBox,
} from './meter-store';
export {
  GatewayPipeline,
  type GatewayEvent,
  type GatewayPipelineOptions,
  type HeardTelegram,
} from './pipeline';
export { GatewayRuntime, type GatewayRuntimeOptions } from './runtime';
export { StickLink, type StickLinkOptions } from './stick-link';
export { TelegramDecoder, type KeyLookup, type MeterKeys, type TelegramOutcome } from './telegram-decoder';
