import type { GatewayEventView } from '../../../shared/gateway';
import type { PublishResult } from '../../../shared/mqtt/types';
import type { ReceivedTelegram } from '../stick';
import type { Logger } from '../logger';
import type { MqttSession, ReceivedMessage, TrackedEvent } from '../mqtt';
import {
  commandTopic,
  configPublication,
  dataPublications,
  parseSensorsSet,
  sensorTopicFilter,
  type DataFormat,
  type OutgoingMessage,
} from '../recalc';
import { driverNamed, type MeterValues } from '../wmbus';
import { MeterStates, type MeterState } from './meter-state';
import type { MeterStore } from './meter-store';
import { TelegramDecoder, type TelegramOutcome } from './telegram-decoder';

/** The parts of the stick driver and the MQTT session the pipeline uses. */
export interface TelegramSource {
  on(event: 'telegram', listener: (telegram: ReceivedTelegram) => void): () => void;
}

/** The session's side the pipeline uses (the real MqttSession; its outbox does store-and-forward). */
export type MessageSink = Pick<MqttSession, 'publish' | 'subscribe' | 'on' | 'awaitingEcho'>;

/** What happened, one event at a time: the CLI prints them as JSON lines, the UI lists them. */
export type GatewayEvent = GatewayEventView;

/** Every telegram the stick delivered and what decoding made of it, monitored meter or not. */
export interface HeardTelegram {
  telegram: ReceivedTelegram;
  outcome: TelegramOutcome;
  at: Date;
}

export interface GatewayPipelineOptions {
  stick: TelegramSource;
  session: MessageSink;
  meters: MeterStore;
  gatewayId: string;
  dataFormat: DataFormat;
  qos: 0 | 1 | 2;
  /** The command topic; default v2/<gateway_id>/sensors/set. */
  subscribeTopic?: string | null;
  logger: Logger;
  clock?: () => Date;
  /** A replay: nothing is published, and a monitored meter's telegram says this instead. */
  readOnlyReason?: string;
}

/**
 * The gateway: stick telegrams → decode → for monitored meters, API v2 data messages through the
 * session's outbox; `sensors/set` commands replace the monitored set and are answered with a config
 * message per meter. Our own data/config topics are subscribed too, so every published message is
 * confirmed when the broker delivers it back — the proof that the cloud path works end to end (the
 * session's PublishTracker follows each message's fate).
 */
export class GatewayPipeline {
  readonly states = new MeterStates();
  private readonly decoder: TelegramDecoder;
  private readonly clock: () => Date;
  private readonly listeners = new Set<(event: GatewayEvent) => void>();
  private readonly heardListeners = new Set<(heard: HeardTelegram) => void>();
  private readonly unsubscribe: Array<() => void> = [];
  /** The JSON of messages queued but not yet reported (each is reported at least once). */
  private readonly unreportedPayloads = new Map<number, string>();

  constructor(private readonly options: GatewayPipelineOptions) {
    this.clock = options.clock ?? (() => new Date());
    const { meters } = options;
    this.decoder = new TelegramDecoder({
      monitored: { has: (id) => meters.has(id), get: (id) => meters.keyFor(id) },
      fallbackKey: null,
    });
    this.showMonitored();
  }

  /** Keeps the per-meter states' "monitored" marks in step with the store. */
  private showMonitored(): void {
    this.states.setMonitored(this.options.meters.list().map((m) => m.deviceId));
  }

  get commandTopic(): string {
    return this.options.subscribeTopic ?? commandTopic(this.options.gatewayId);
  }

  /** Messages published but not yet delivered back by the broker. */
  get awaitingEcho(): number {
    return this.options.session.awaitingEcho;
  }

  onEvent(listener: (event: GatewayEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * A tap on every telegram before anything is decided about it (the survey of meters in range);
   * listening changes nothing the pipeline publishes.
   */
  onHeard(listener: (heard: HeardTelegram) => void): () => void {
    this.heardListeners.add(listener);
    return () => this.heardListeners.delete(listener);
  }

  start(): void {
    const { stick, session, meters } = this.options;
    this.showMonitored();
    this.unsubscribe.push(
      meters.onChange(() => this.showMonitored()),
      stick.on('telegram', (t) => this.handleTelegram(t)),
      session.on('message', (m) => this.handleMessage(m)),
      session.on('tracked', (t) => this.handleTracked(t)),
      // Subscriptions are restored by the session on reconnect; (re)subscribing on each connect
      // covers a broker that lost its session state.
      session.on('state', (s) => s.state === 'connected' && void this.subscribeAll()),
    );
  }

  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  /** A telegram from the stick. Never throws: a bad telegram never stops the stream. */
  handleTelegram(telegram: ReceivedTelegram): void {
    const at = this.clock();
    const outcome = this.decoder.decode(telegram.frame);
    this.tell(this.heardListeners, { telegram, outcome, at }, 'heard-telegram');
    const rssiDbm = telegram.rssiDbm ?? null;
    const state = this.states.record(outcome, at, telegram.rssi ?? null, rssiDbm);
    const publication = outcome.ok ? this.publicationOf(outcome.meter.id, outcome.telegram, at) : null;
    this.emit({
      event: 'telegram',
      at: at.toISOString(),
      deviceId: outcome.meter?.id ?? null,
      monitored: state?.monitored ?? false,
      ok: outcome.ok,
      driver: outcome.ok ? outcome.telegram.driver : null,
      values: outcome.ok ? outcome.telegram.values : null,
      published: publication !== null && publication.messages.length > 0,
      unpublishedReason: publication?.unpublishedReason ?? null,
      rssiDbm,
      error: outcome.ok ? null : outcome.error,
    });
    if (publication) this.publishAll(publication.messages);
  }

  /**
   * The API v2 data messages of a decoded telegram, from its driver's channels. A meter whose driver
   * declares none (a water meter) is decoded and shown but not published, and the event says why.
   */
  private publicationOf(
    deviceId: string,
    telegram: { driver: string; values: MeterValues },
    at: Date,
  ): { messages: OutgoingMessage[]; unpublishedReason: string | null } {
    const meter = this.options.meters.get(deviceId);
    if (!meter) return { messages: [], unpublishedReason: `meter ${deviceId} is not monitored` };
    if (this.options.readOnlyReason) return { messages: [], unpublishedReason: this.options.readOnlyReason };
    const driver = driverNamed(telegram.driver);
    if (!driver || driver.channels.length === 0) {
      return {
        messages: [],
        unpublishedReason: driver?.unpublishedReason ?? `no driver named ${telegram.driver}`,
      };
    }
    const sensor = {
      gatewayId: this.options.gatewayId,
      manufacturerKey: meter.manufacturerKey,
      deviceId: meter.deviceId,
    };
    const messages = dataPublications(sensor, telegram.values, at, this.options.dataFormat, driver.channels);
    return {
      messages,
      unpublishedReason:
        messages.length > 0 ? null : 'the telegram carries none of the values API v2 publishes',
    };
  }

  /** Commands; our own messages coming back are the session's tracker's business. */
  private handleMessage(message: ReceivedMessage): void {
    if (message.topic === this.commandTopic) this.handleCommand(message.payload);
  }

  private handleCommand(payload: Buffer): void {
    const at = this.clock().toISOString();
    const command = parseSensorsSet(payload);
    if (!command.ok) {
      this.options.logger.warn(`sensors/set refused: ${command.error}`);
      this.emit({ event: 'command-refused', at, error: command.error });
      return;
    }
    this.options.meters.replaceAll(command.meters);
    this.emit({
      event: 'command',
      at,
      meters: command.meters.map((m) => m.deviceId),
      rejected: command.rejected,
    });
    this.publishAll(
      command.meters.map((m) =>
        configPublication({
          gatewayId: this.options.gatewayId,
          manufacturerKey: m.manufacturerKey,
          deviceId: m.deviceId,
        }),
      ),
    );
  }

  /**
   * Hands the messages to the session in order (its outbox takes them synchronously) without
   * waiting for each acknowledgement; their states and confirmations come back as tracked events.
   */
  private publishAll(messages: OutgoingMessage[]): void {
    for (const message of messages) {
      const payload = JSON.stringify(message.payload);
      void this.options.session.publish({
        topic: message.topic,
        payload,
        qos: this.options.qos,
        watchEcho: true,
        // Its first report carries the JSON, so the Live screen can show what was sent.
        onQueued: (outboxId) => this.unreportedPayloads.set(outboxId, payload),
      });
    }
  }

  /** Each state of our messages (queued, sent, acknowledged, failed, rejected), and each confirmation. */
  private handleTracked(tracked: TrackedEvent): void {
    if (tracked.kind === 'state') return this.reportPublish(tracked.result);
    const { topic, outboxId, latencyMs } = tracked;
    this.emit({ event: 'confirmed', at: this.clock().toISOString(), topic, outboxId, latencyMs });
  }

  private reportPublish(result: PublishResult): void {
    const payload = this.unreportedPayloads.get(result.outboxId);
    this.unreportedPayloads.delete(result.outboxId);
    this.emit({
      event: 'published',
      at: result.at,
      topic: result.topic,
      outboxId: result.outboxId,
      state: result.state,
      result: result.result,
      ...(payload === undefined ? {} : { payload }),
    });
  }

  private async subscribeAll(): Promise<void> {
    const gw = this.options.gatewayId;
    const result = await this.options.session.subscribe([
      { topic: this.commandTopic, qos: 1 },
      { topic: sensorTopicFilter(gw, 'data'), qos: 1 },
      { topic: sensorTopicFilter(gw, 'config'), qos: 1 },
    ]);
    const refused = result.topics.filter((g) => g.grantedQos === null);
    if (refused.some((g) => g.topic === this.commandTopic)) {
      this.options.logger.error(`the broker refused the command topic ${this.commandTopic}`);
    }
    const echoRefused = refused.filter((g) => g.topic !== this.commandTopic);
    if (echoRefused.length > 0) {
      this.emit({
        event: 'echo-unavailable',
        at: this.clock().toISOString(),
        reason: `the broker refused ${echoRefused.map((g) => g.topic).join(', ')}: ${echoRefused[0]!.text}. Published messages cannot be confirmed by echo; check the ACL.`,
      });
    }
  }

  private emit(event: GatewayEvent): void {
    this.tell(this.listeners, event, 'gateway event');
  }

  /** A listener that throws is logged; it never stops the stream or the other listeners. */
  private tell<T>(listeners: Set<(value: T) => void>, value: T, what: string): void {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch (error) {
        this.options.logger.error(`${what} listener failed: ${String(error)}`);
      }
    }
  }

  meterStates(): MeterState[] {
    return this.states.list();
  }
}
