import type { PublishResult, SessionStatus, SubscribeResult } from '../../../shared/mqtt/types';
import type { Logger } from '../logger';
import type { Profile } from '../settings/profile';
import type { BackoffOptions } from './backoff';
import type { ReceivedMessage } from './incoming';
import type { PublishRequest } from './forwarder';
import type { Outbox } from './outbox';
import type { TrackedEvent } from './publish-tracker';
import type { Timers } from '../timers';

export interface MqttSessionOptions {
  profile: Profile;
  logger: Logger;
  /** Persistent outbox (the session closes it on stop); default: in memory only. */
  outbox?: Outbox;
  clock?: () => Date;
  timers?: Timers;
  random?: () => number;
  readFile?: (file: string) => Buffer;
  backoff?: Partial<BackoffOptions>;
  /** TCP + TLS + CONNACK must complete within this (ms). Default 30 s. */
  connectTimeoutMs?: number;
  /** Retry after network errors and transient refusals (default true). */
  reconnect?: boolean;
  /** Unacknowledged QoS 1/2 messages at a time (the broker's Receive Maximum may lower it). */
  maxInflight?: number;
  /** A connection that lasted this long counts as stable: the backoff starts over (ms). */
  stableAfterMs?: number;
  /** Route MQTT.js's internal log (redacted) to logger.debug. Off by default: it is verbose. */
  traceMqtt?: boolean;
}

export interface MqttSessionEvents extends Record<string, unknown> {
  state: SessionStatus;
  publish: PublishResult;
  subscribe: SubscribeResult;
  message: ReceivedMessage;
  /** Every message handed to publish(), as given (a capture records it; its fate follows as `publish`). */
  outgoing: PublishRequest;
  /** States and confirmations of the messages published with `watchEcho` (PublishTracker). */
  tracked: TrackedEvent;
}
