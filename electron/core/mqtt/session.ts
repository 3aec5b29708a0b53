import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type {
  ConnectionOutcome,
  PublishResult,
  SessionState,
  SessionStatus,
  SubscribeResult,
} from '../../../shared/mqtt/types';
import {
  ConnectPlanError,
  buildConnectPlan,
  generatedClientId,
  profileSecrets,
  type ConnectPlan,
} from './connect-options';
import { Connection } from './connection';
import { Emitter } from './emitter';
import { DEFAULT_MAX_INFLIGHT, Forwarder, type PublishRequest } from './forwarder';
import { receivedMessage, type ReceivedMessage } from './incoming';
import { Outbox } from './outbox';
import { failureOutcome, repeatedKickOutcome, withSuspectHint } from './outcome';
import { PublishTracker } from './publish-tracker';
import { ReconnectPolicy } from './reconnect-policy';
import { mqttTraceLog } from './redact';
import type { MqttSessionEvents, MqttSessionOptions } from './session-options';
import { Subscriptions, type SubscribeRequest } from './subscriptions';
import { realTimers, type Timers } from '../timers';

/** Broker closes in a row with the same message unacknowledged before we point at it. */
const SUSPECT_STRIKES = 2;

/**
 * One MQTT session per profile: idle → connecting → connected → reconnecting → … and finally
 * closed, refused or failed, each change an event with a timestamp and the outcome in words.
 * Reconnects with capped exponential backoff and jitter after any network error (MQTT.js's own
 * reconnect is off so every attempt is visible here).
 */
export class MqttSession {
  private readonly emitter: Emitter<MqttSessionEvents>;
  private readonly outbox: Outbox;
  private readonly forwarder: Forwarder;
  private readonly tracker: PublishTracker;
  private readonly subscriptions: Subscriptions;
  private readonly clock: () => Date;
  private readonly timers: Timers;
  private readonly retries: ReconnectPolicy;
  private readonly clientId: string;
  private connection: Connection | null = null;
  private current: SessionStatus;
  private retryTimer: unknown = null;
  private stopping = false;

  constructor(private readonly options: MqttSessionOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.timers = options.timers ?? realTimers;
    this.retries = new ReconnectPolicy(options);
    this.clientId = generatedClientId(randomBytes(4).toString('hex'));
    this.emitter = new Emitter(options.logger);
    this.outbox = options.outbox ?? Outbox.open({ file: null, clock: this.clock });
    this.tracker = new PublishTracker({
      now: () => this.clock().getTime(),
      emit: (event) => this.emitter.emit('tracked', event),
    });
    this.forwarder = new Forwarder(this.outbox, {
      clock: this.clock,
      logger: options.logger,
      maxInflight: options.maxInflight ?? DEFAULT_MAX_INFLIGHT,
      emit: (result) => this.emitter.emit('publish', result),
      tracker: this.tracker,
    });
    this.subscriptions = new Subscriptions({
      clock: this.clock,
      emit: (r) => this.emitter.emit('subscribe', r),
    });
    this.current = this.status('idle', null);
  }

  get profileName(): string {
    return this.options.profile.name;
  }

  get state(): SessionState {
    return this.current.state;
  }

  /** Messages published with `watchEcho` that the broker has not delivered back yet. */
  get awaitingEcho(): number {
    return this.tracker.awaitingEcho;
  }

  /** The latest status (state, outcome, outbox counts). */
  snapshot(): SessionStatus {
    return { ...this.current, outbox: this.outbox.stats() };
  }

  on<K extends keyof MqttSessionEvents>(
    event: K,
    listener: (value: MqttSessionEvents[K]) => void,
  ): () => void {
    return this.emitter.on(event, listener);
  }

  /** Starts connecting; again after refused or failed. A stopped (closed) session stays closed. */
  start(): void {
    if (this.current.state === 'closed') throw new Error('this session was stopped; create a new one');
    if (['connecting', 'connected', 'reconnecting'].includes(this.current.state)) return;
    this.stopping = false;
    this.retries.reset();
    this.connect();
  }

  /** Resolves with the outcome of the next attempt that ends connecting (accepted or not). */
  nextOutcome(): Promise<ConnectionOutcome> {
    return new Promise((resolve) => {
      const off = this.on('state', (status) => {
        if (status.state !== 'connecting' && status.outcome) {
          off();
          resolve(status.outcome);
        }
      });
    });
  }

  /**
   * Disconnects cleanly (in-flight messages get up to 2 s for their acknowledgement), keeps
   * unsent messages in the outbox and closes it. Final: the state is closed.
   */
  async stop(): Promise<void> {
    if (this.current.state === 'closed') return;
    this.stopping = true;
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const connection = this.connection;
    this.connection = null;
    if (connection) await connection.close();
    this.forwarder.detach();
    this.outbox.close();
    this.setState('closed', this.current.outcome);
  }

  /**
   * Puts a message in the outbox; resolves with its next report (see Forwarder.publish). With
   * `watchEcho`, its later states and its confirmation arrive as `tracked` events.
   */
  publish(request: PublishRequest): Promise<PublishResult> {
    this.emitter.emit('outgoing', request);
    return this.forwarder.publish(request);
  }

  /** Removes a waiting message from the outbox (reported as failed); null if it is not there. */
  discard(outboxId: number): PublishResult | null {
    return this.forwarder.discard(outboxId);
  }

  subscribe(requests: string | readonly SubscribeRequest[]): Promise<SubscribeResult> {
    const list = typeof requests === 'string' ? [{ topic: requests }] : requests;
    return this.subscriptions.subscribe(this.connection, list);
  }

  unsubscribe(topics: string | readonly string[]): Promise<{ ok: boolean; message: string | null }> {
    return this.subscriptions.unsubscribe(this.connection, typeof topics === 'string' ? [topics] : topics);
  }

  private connect(): void {
    this.retryTimer = null;
    this.retries.attempting();
    let plan: ConnectPlan;
    try {
      plan = this.plan();
    } catch (error) {
      if (!(error instanceof ConnectPlanError) || !error.facts) throw error;
      this.setState(
        'failed',
        failureOutcome({ plan: error.facts, now: this.clock(), tls: null }, error, error.code),
      );
      return;
    }
    this.setState('connecting', this.current.outcome);
    const connection = new Connection(
      plan,
      {
        accepted: (outcome, connack) => this.onAccepted(connection, outcome, connack.sessionPresent),
        ended: (outcome, wasAccepted) => this.onEnded(connection, outcome, wasAccepted),
        message: (packet) => this.received(receivedMessage(packet, this.clock())),
      },
      { clock: this.clock, logger: this.options.logger },
    );
    this.connection = connection;
    connection.open();
  }

  /** An incoming message: told to listeners, then checked for being one of ours coming back. */
  private received(message: ReceivedMessage): void {
    this.emitter.emit('message', message);
    this.tracker.delivered(message.topic, message.payload);
  }

  private plan(): ConnectPlan {
    const { profile, logger } = this.options;
    return buildConnectPlan(profile, {
      readFile: this.options.readFile ?? ((file) => fs.readFileSync(file)),
      connectTimeoutMs: this.options.connectTimeoutMs ?? 30_000,
      clientId: this.clientId,
      ...(this.options.traceMqtt
        ? { log: mqttTraceLog((m) => logger.debug(m), profileSecrets(profile)) }
        : {}),
    });
  }

  private onAccepted(connection: Connection, outcome: ConnectionOutcome, sessionPresent: boolean): void {
    if (connection !== this.connection) return;
    this.retries.accepted(this.clock().getTime());
    this.setState('connected', outcome);
    this.forwarder.attach(connection);
    this.subscriptions.restore(connection, sessionPresent);
  }

  private onEnded(connection: Connection, outcome: ConnectionOutcome, wasAccepted: boolean): void {
    if (connection !== this.connection) return;
    this.connection = null;
    const brokerClosed = ['ERR_CONNECTION_CLOSED', 'ERR_SERVER_DISCONNECT'].includes(
      outcome.error?.code ?? '',
    );
    const suspect = wasAccepted && brokerClosed ? this.forwarder.brokerClosed() : null;
    this.forwarder.detach();
    if (this.stopping) return;
    const decision = this.retries.ended(outcome, wasAccepted, this.clock().getTime());
    if (decision.next !== 'reconnecting') {
      this.setState(decision.next, outcome);
      return;
    }
    if ('kickedTimes' in decision) {
      outcome = repeatedKickOutcome(
        { plan: connection.plan, now: this.clock(), tls: outcome.tls },
        decision.kickedTimes,
      );
    }
    if (suspect && suspect.strikes >= SUSPECT_STRIKES)
      outcome = withSuspectHint(outcome, suspect.entry, suspect.strikes);
    this.retryTimer = this.timers.setTimeout(() => this.connect(), decision.delayMs);
    this.setState('reconnecting', outcome, new Date(this.clock().getTime() + decision.delayMs).toISOString());
  }

  private setState(
    state: SessionState,
    outcome: ConnectionOutcome | null,
    retryAt: string | null = null,
  ): void {
    this.current = this.status(state, outcome, retryAt);
    const { logger, profile } = this.options;
    const words = outcome && state !== 'connecting' ? `: ${outcome.text}` : '';
    logger.info(
      `mqtt ${profile.name}: ${state}${state === 'connecting' ? ` (attempt ${this.retries.attempt})` : ''}${words}`,
    );
    this.emitter.emit('state', this.current);
  }

  private status(
    state: SessionState,
    outcome: ConnectionOutcome | null,
    retryAt: string | null = null,
  ): SessionStatus {
    return {
      profile: this.options.profile.name,
      state,
      at: this.clock().toISOString(),
      attempt: this.retries.attempt,
      retryAt,
      outcome,
      outbox: this.outbox.stats(),
    };
  }
}
