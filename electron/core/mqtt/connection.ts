import type net from 'node:net';
import { TLSSocket } from 'node:tls';
import {
  MqttClient,
  type IClientPublishOptions,
  type IConnackPacket,
  type IDisconnectPacket,
  type IPublishPacket,
  type Packet,
} from 'mqtt';
import type { ConnectionOutcome, TlsDetails } from '../../../shared/mqtt/types';
import type { Logger } from '../logger';
import type { ConnectPlan } from './connect-options';
import type { OutboxEntry } from './outbox-journal';
import {
  connackOutcome,
  failureCode,
  failureOutcome,
  lostOutcome,
  stoppedOutcome,
  type OutcomeContext,
} from './outcome';
import { toPublishProperties } from './properties';
import { redactSecrets } from './redact';
import { CERTIFICATE_ERRORS, inspectPeerCertificate, tlsDetailsOf } from './tls-details';
import { openTransport } from './transport';

export interface ConnectionEvents {
  /** CONNACK with code 0. */
  accepted(outcome: ConnectionOutcome, connack: IConnackPacket): void;
  /** Exactly once: the attempt failed, or the accepted connection ended. */
  ended(outcome: ConnectionOutcome, wasAccepted: boolean): void;
  message(packet: IPublishPacket): void;
}

export interface PublishAck {
  messageId: number | null;
  /** null when the message was acknowledged or (QoS 0) written. */
  error: Error | null;
  packet: 'PUBACK' | 'PUBREC' | 'PUBCOMP' | null;
  reasonCode: number;
}

const TIMEOUT_CODES = {
  tcp: 'ERR_CONNECT_TIMEOUT',
  tls: 'ERR_TLS_HANDSHAKE_TIMEOUT',
  mqtt: 'ERR_CONNACK_TIMEOUT',
} as const;
const ACK_NAMES = { puback: 'PUBACK', pubrec: 'PUBREC', pubcomp: 'PUBCOMP' } as const;

/**
 * One network connection, from CONNECT to close, over a fresh MQTT.js client (its own reconnect
 * is off). It turns MQTT.js's events — some errors arrive twice, some only on the socket — into
 * one `accepted` and exactly one `ended`, each with an outcome in words.
 */
export class Connection {
  private client: MqttClient | null = null;
  private tls: TlsDetails | null = null;
  private errorBeforeAccept: unknown = null;
  private errorAfterAccept: unknown = null;
  private connack: IConnackPacket | null = null;
  private disconnect: IDisconnectPacket | null = null;
  private accepted = false;
  /** How far the connection got, to word a timeout: TCP, then TLS, then the MQTT CONNECT. */
  private phase: 'tcp' | 'tls' | 'mqtt' = 'tcp';
  private ended = false;
  private stopping = false;
  private readonly acks = new Map<number, { packet: PublishAck['packet']; reasonCode: number }>();
  private readonly endedWaiters: Array<() => void> = [];

  constructor(
    readonly plan: ConnectPlan,
    private readonly events: ConnectionEvents,
    private readonly deps: { clock: () => Date; logger: Logger },
  ) {}

  get isOpen(): boolean {
    return this.accepted && !this.ended;
  }

  /** The broker's limit on unacknowledged QoS 1/2 messages (MQTT 5), if it set one. */
  get receiveMaximum(): number | undefined {
    return this.connack?.properties?.receiveMaximum;
  }

  open(): void {
    let client: MqttClient;
    try {
      const hooks = {
        socket: (socket: net.Socket) => this.watch(socket),
        error: (error: Error) => this.noteError(error),
      };
      client = new MqttClient(() => openTransport(this.plan, hooks), { ...this.plan.mqtt });
      this.client = client;
      client.on('packetreceive', (packet: Packet) => this.onPacket(packet));
      client.on('connect', (connack: IConnackPacket) => this.onConnect(connack));
      client.on('error', (error: Error) => this.noteError(error));
      client.on('disconnect', (packet: IDisconnectPacket) => (this.disconnect = packet));
      client.on('message', (_topic: string, _payload: Buffer, packet: IPublishPacket) =>
        this.events.message(packet),
      );
      client.on('close', () => this.finish());
      client.connect();
    } catch (error) {
      // tls.connect throws at once for a bad key, a wrong passphrase or a PEM that is not PEM.
      this.noteError(error);
      queueMicrotask(() => this.finish());
    }
  }

  /** Sends one queued message; `done` is not called if the connection ends first. */
  publish(entry: OutboxEntry, done: (ack: PublishAck) => void): void {
    const client = this.client;
    if (!client || !this.isOpen) return;
    const options: IClientPublishOptions = { qos: entry.qos, retain: entry.retain };
    if (this.plan.protocolVersion === 5 && entry.properties)
      options.properties = toPublishProperties(entry.properties);
    let messageId: number | null = null;
    client.publish(entry.topic, entry.payload, options, (error?: Error) => {
      if (this.ended) return;
      const ack = messageId === null ? undefined : this.acks.get(messageId);
      if (messageId !== null) this.acks.delete(messageId);
      const code = (error as { code?: unknown } | undefined)?.code;
      done({
        messageId,
        error: error ?? null,
        packet: ack?.packet ?? null,
        reasonCode: ack?.reasonCode ?? (typeof code === 'number' ? code : 0),
      });
    });
    // MQTT.js allocates the packet id synchronously while connected.
    if (entry.qos > 0) messageId = client.getLastMessageId() ?? null;
  }

  /** SUBSCRIBE; `done` gets the SUBACK codes, or an error when there was no SUBACK. */
  subscribe(
    subscriptions: ReadonlyArray<{ topic: string; qos: 0 | 1 | 2 }>,
    done: (error: Error | null, codes: number[] | null) => void,
  ): void {
    const client = this.client;
    if (!client || !this.isOpen) return done(new Error('not connected'), null);
    const request = Object.fromEntries(subscriptions.map((s) => [s.topic, { qos: s.qos }]));
    client.subscribe(request, (error, _granted, packet) => {
      const codes = (packet as { granted?: number[] } | undefined)?.granted ?? null;
      done(codes ? null : (error ?? new Error('no SUBACK')), codes);
    });
  }

  unsubscribe(topics: string[], done: (error: Error | null) => void): void {
    const client = this.client;
    if (!client || !this.isOpen) return done(new Error('not connected'));
    client.unsubscribe(topics, (error?: Error) => done(error ?? null));
  }

  /** Sends DISCONNECT (if connected) and waits for the close; forces it after `timeoutMs`. */
  close(timeoutMs = 2000): Promise<void> {
    this.stopping = true;
    if (this.ended || !this.client) return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.endedWaiters.push(resolve));
    const client = this.client;
    if (this.isOpen) {
      const force = setTimeout(() => client.end(true), timeoutMs);
      client.end(false, {}, () => clearTimeout(force));
    } else {
      client.end(true);
    }
    return closed;
  }

  private context(): OutcomeContext {
    return { plan: this.plan, now: this.deps.clock(), tls: this.tls };
  }

  private watch(socket: net.Socket): void {
    socket.on('error', (error) => this.noteError(error));
    socket.once('connect', () => (this.phase = socket instanceof TLSSocket ? 'tls' : 'mqtt'));
    if (socket instanceof TLSSocket) {
      socket.once('secureConnect', () => {
        this.phase = 'mqtt';
        this.tls = tlsDetailsOf(socket, this.plan.tlsInsecure);
      });
    }
    socket.on('error', () => {
      // A failed verification still shows which certificate the broker presented.
      if (socket instanceof TLSSocket && this.tls === null) {
        try {
          const details = tlsDetailsOf(socket, this.plan.tlsInsecure);
          if (details.peer) this.tls = details;
        } catch {
          // The TLS state is gone; the error code alone has to do.
        }
      }
    });
  }

  private onPacket(packet: Packet): void {
    if (packet.cmd === 'connack') this.connack = packet;
    else if (packet.cmd === 'puback' || packet.cmd === 'pubrec' || packet.cmd === 'pubcomp') {
      if (packet.messageId !== undefined) {
        this.acks.set(packet.messageId, {
          packet: ACK_NAMES[packet.cmd],
          reasonCode: packet.reasonCode ?? 0,
        });
      }
    }
  }

  private onConnect(connack: IConnackPacket): void {
    if (this.ended || this.accepted) return;
    this.accepted = true;
    this.events.accepted(connackOutcome(this.context(), connack), connack);
  }

  /** Keeps the first error of each phase: MQTT.js reports some twice, the socket once more. */
  private noteError(error: unknown): void {
    this.deps.logger.debug(
      `mqtt ${this.plan.profileName}: ${redactSecrets(error instanceof Error ? error.message : String(error), this.plan.secrets)}`,
    );
    if (this.accepted) this.errorAfterAccept ??= error;
    else this.errorBeforeAccept ??= error;
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    // Ends MQTT.js's timers and fails its pending callbacks (ignored: `ended` is set); the
    // session re-sends unacknowledged messages from the outbox on the next connection.
    try {
      this.client?.end(true);
    } catch {
      // The stream was never created (tls.connect threw): nothing to end.
    }
    const outcome = this.outcome();
    const code = outcome.error?.code ?? '';
    if (this.tls === null && this.plan.tlsOptions && CERTIFICATE_ERRORS.has(code)) {
      void inspectPeerCertificate(this.plan.tlsOptions, 3000).then((details) => {
        this.tls = details;
        this.report(details ? this.outcome() : outcome);
      });
    } else {
      this.report(outcome);
    }
  }

  private outcome(): ConnectionOutcome {
    const ctx = this.context();
    const refused = this.connack && !this.accepted ? connackOutcome(ctx, this.connack) : null;
    if (this.stopping) return stoppedOutcome(ctx);
    if (this.accepted) return lostOutcome(ctx, { disconnect: this.disconnect, error: this.errorAfterAccept });
    if (refused && !refused.ok) return refused;
    if (this.errorBeforeAccept) {
      const code = failureCode(this.errorBeforeAccept);
      return failureOutcome(
        ctx,
        this.errorBeforeAccept,
        code === 'ERR_CONNACK_TIMEOUT' ? TIMEOUT_CODES[this.phase] : code,
      );
    }
    return failureOutcome(ctx, new Error('connection closed before CONNACK'), 'ERR_CLOSED_BEFORE_CONNACK');
  }

  private report(outcome: ConnectionOutcome): void {
    this.events.ended(outcome, this.accepted);
    for (const resolve of this.endedWaiters.splice(0)) resolve();
  }
}
