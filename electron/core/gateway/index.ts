export { startDemoBroker, type DemoBroker } from './demo-broker';
export { EchoCheck, type Confirmation } from './echo-check';
export { HexInputError, parseHexInput } from './hex-input';
export { AES_KEY_HEX, METER_ID, MeterKeyError, parseAesKey, parseMeterKey } from './meter-keys';
export { MeterStates, type MeterState, type TelegramCounts } from './meter-state';
export {
  fileOnlyBox,
  MeterStore,
  type MeterSource,
  type MeterView,
  type MonitoredMeter,
  type SecretBox,
} from './meter-store';
export { GatewayPipeline, type GatewayEvent, type GatewayPipelineOptions } from './pipeline';
export { GatewayRuntime, type GatewayRuntimeOptions } from './runtime';
export { TelegramDecoder, type KeyLookup, type MeterKeys, type TelegramOutcome } from './telegram-decoder';
export { splitTelegramInput, type InputItem } from './telegram-input';
