// Captures (docs/ARCHITECTURE.md § Captures): the format, writing one while a gateway runs, and
// reading captures, wmbusmeters simulations and HCI dumps back as telegrams for a replay.
export { CaptureError, type CaptureErrorCode } from './errors';
export {
  CAPTURE_FORMAT,
  CAPTURE_VERSION,
  serializeHeader,
  serializeRecord,
  type CaptureHeader,
  type CaptureRecord,
  type CaptureRecordType,
  type CaptureStickInfo,
} from './format';
export { openReplayFile, type ReplayFile } from './open-replay';
export { ReplayPacer, type ReplayPacerOptions } from './pacer';
export { CaptureRecorder, type MqttMessage, type StickTelegram } from './recorder';
export { redactPayload, redactText, type RedactedText } from './redact';
export { type ReplayItem, type ReplayProblem, type ReplayTelegram } from './replay-item';
export { type SourceFormat } from './sniff';
export { parseSimulationLine, simulationLine, simulationPreamble } from './wmbusmeters';
export { CaptureWriter, type CaptureSummary, type CaptureWriterOptions } from './writer';
