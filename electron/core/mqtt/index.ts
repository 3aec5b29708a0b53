// One MQTT session per profile (docs/ARCHITECTURE.md § Layers and § MQTT). Plain Node: no Electron.
export { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff';
export {
  ConnectPlanError,
  buildConnectPlan,
  generatedClientId,
  type ConnectPlan,
  type ConnectPlanDeps,
} from './connect-options';
export { DEFAULT_MAX_INFLIGHT, type PublishRequest } from './forwarder';
export { receivedMessage, toIncomingMessage, type ReceivedMessage } from './incoming';
export {
  DEFAULT_OUTBOX_LIMITS,
  Outbox,
  OutboxFullError,
  OutboxLockedError,
  type OutboxEntry,
  type OutboxMessage,
  type OutboxOptions,
  type StoredPublishProperties,
} from './outbox';
export { outboxFileFor } from './outbox-path';
export { connackOutcome, failureCode, failureOutcome, lostOutcome } from './outcome';
export { DEFAULT_PREVIEW_BYTES, previewPayload } from './payload-preview';
export { probeConnection, type ProbeOptions } from './probe';
export { FATE_TABLE, PublishTracker, type Fate, type FateInput, type TrackedEvent } from './publish-tracker';
export { mqttTraceLog, redactSecrets } from './redact';
export { MqttSession } from './session';
export type { MqttSessionEvents, MqttSessionOptions } from './session-options';
export { type SubscribeRequest } from './subscriptions';
export { topicFilterProblem, topicNameProblem } from './topics';
export { backgroundTimers, realTimers, type Timers } from '../timers';
