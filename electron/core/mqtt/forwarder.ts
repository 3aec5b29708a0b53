import { explainReasonCode } from '../../../shared/mqtt/reason-codes';
import { GATEWAY_RESULT_TEXT, type PublishResult, type PublishState } from '../../../shared/mqtt/types';
import type { Logger } from '../logger';
import type { Connection, PublishAck } from './connection';
import { OutboxFullError, type Outbox, type OutboxEntry } from './outbox';
import { PoisonDetector } from './poison-detector';
import type { PublishTracker } from './publish-tracker';
import { topicNameProblem } from './topics';
import type { Qos, StoredPublishProperties } from './outbox-journal';

export interface PublishRequest {
  topic: string;
  payload: Buffer | string;
  qos?: Qos;
  retain?: boolean;
  /** MQTT 5 only; ignored under 3.1.1. */
  properties?: StoredPublishProperties;
  /** Watch for the broker delivering it back (we subscribe to its topic): see PublishTracker. */
  watchEcho?: boolean;
  /** Told the message's outbox id once it has one, before any of its states is reported. */
  onQueued?: (outboxId: number) => void;
}

export const DEFAULT_MAX_INFLIGHT = 256;

/** QoS 0 messages handed to the socket but not yet written (bounds memory when the socket is slow). */
const MAX_UNWRITTEN = 512;

/**
 * Store-and-forward: every message goes into the outbox first and leaves it only when the
 * broker acknowledged it (QoS 1/2) or it was written to the socket (QoS 0). On each new
 * connection the outbox is sent oldest first, with at most `window` messages unacknowledged.
 */
export class Forwarder {
  private connection: Connection | null = null;
  /** Ids still to send on this connection, oldest first (consumed from `head`). */
  private queue: number[] = [];
  private head = 0;
  private readonly inflight = new Set<number>();
  /** How many of `inflight` are QoS 0 (waiting to be written, not acknowledged). */
  private unwritten = 0;
  private window = DEFAULT_MAX_INFLIGHT;
  private protocolVersion: 4 | 5 = 4;
  private pumping = false;
  private readonly poison = new PoisonDetector();
  private again = false;

  constructor(
    private readonly outbox: Outbox,
    private readonly deps: {
      clock: () => Date;
      logger: Logger;
      maxInflight: number;
      emit: (result: PublishResult) => void;
      /** Follows each message from the outbox to its acknowledgement (and echo). */
      tracker: PublishTracker;
    },
  ) {}

  attach(connection: Connection): void {
    this.connection = connection;
    this.protocolVersion = connection.plan.protocolVersion;
    this.window = Math.max(1, Math.min(this.deps.maxInflight, connection.receiveMaximum ?? Infinity));
    this.queue = this.outbox.ids();
    this.head = 0;
    this.inflight.clear();
    this.unwritten = 0;
    this.pump();
  }

  /**
   * The broker closed the connection (rather than the network failing). Returns the message it
   * probably closed over, once that is clear, with how many closes in a row it was the one
   * waiting. Call before detach().
   */
  brokerClosed(): { entry: OutboxEntry; strikes: number } | null {
    const suspect = this.poison.brokerClosed([...this.inflight]);
    const entry = suspect && this.outbox.get(suspect.id);
    return entry ? { entry, strikes: suspect.strikes } : null;
  }

  /** Takes a queued message out of the outbox on request; it is reported as failed. */
  discard(outboxId: number): PublishResult | null {
    const entry = this.outbox.get(outboxId);
    if (!entry) return null;
    this.outbox.remove(outboxId);
    this.poison.forget(outboxId);
    return this.report(entry, 'failed', 0, {
      error: {
        code: 'ERR_DISCARDED',
        message: 'removed from the outbox on request, never acknowledged',
        hint: null,
      },
    });
  }

  /** The connection is gone: unacknowledged messages stay queued for the next one. */
  detach(): void {
    this.connection = null;
    this.outbox.persistWaiting(); // what was on its way now waits for the next connection
    this.queue = [];
    this.head = 0;
    this.inflight.clear();
    this.unwritten = 0;
    // Whoever still waits for a message's fate hears that it waits for the next connection.
    for (const id of this.deps.tracker.waitingForReply()) {
      const entry = this.outbox.get(id);
      if (entry) this.report(entry, 'queued', 4);
    }
  }

  /**
   * Queues a message. Resolves when it reaches a final state on this connection (sent, acknowledged,
   * failed), or at once with state "queued" (result 4, no connection) when it has to wait for one;
   * later changes arrive as events. A full outbox refuses the message (result 15). The tracker
   * follows it from here (PublishTracker).
   */
  publish(request: PublishRequest): Promise<PublishResult> {
    const payload = typeof request.payload === 'string' ? Buffer.from(request.payload) : request.payload;
    const message = {
      topic: request.topic,
      payload,
      qos: request.qos ?? 0,
      retain: request.retain ?? false,
      ...(request.properties ? { properties: request.properties } : {}),
    };
    const watchEcho = request.watchEcho ?? false;
    const refuse = (result: number, error: NonNullable<PublishResult['error']>) => {
      const report = this.report({ ...message, id: 0 }, 'rejected', result, { error });
      this.deps.tracker.refused(report, watchEcho);
      return Promise.resolve(report);
    };
    // Checked here: a bad topic would make the broker drop the connection, and the message,
    // kept in the outbox, would do so again after every reconnect.
    const problem = topicNameProblem(request.topic);
    if (problem)
      return refuse(3, { code: 'ERR_INVALID_TOPIC', message: problem, hint: 'Correct the topic.' });
    let entry: OutboxEntry;
    try {
      // QoS 0 going straight to a live connection skips the journal (at most once, by MQTT's rules).
      entry = this.outbox.append(message, { journal: !(message.qos === 0 && this.connection?.isOpen) });
    } catch (error) {
      if (!(error instanceof OutboxFullError)) throw error;
      return refuse(15, {
        code: error.code,
        message: error.message,
        hint: 'Wait until the broker is reachable and the outbox drains.',
      });
    }
    request.onQueued?.(entry.id);
    const done = this.deps.tracker.add(entry, watchEcho);
    if (!this.connection?.isOpen) {
      this.report(entry, 'queued', 4);
      return done;
    }
    this.queue.push(entry.id);
    this.pump();
    return done;
  }

  private pump(): void {
    if (this.pumping) {
      this.again = true; // a QoS 0 write completed synchronously inside the loop below
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        const connection = this.connection;
        while (connection?.isOpen && this.head < this.queue.length) {
          const id = this.queue[this.head]!;
          const entry = this.outbox.get(id);
          if (!entry || this.inflight.has(id)) {
            this.head++;
            continue;
          }
          // In order: the oldest message waits for room, and so does everything behind it.
          if (
            entry.qos === 0
              ? this.unwritten >= (this.poison.oneAtATime ? 1 : MAX_UNWRITTEN)
              : this.inflight.size - this.unwritten >= (this.poison.oneAtATime ? 1 : this.window)
          )
            break;
          this.head++;
          this.inflight.add(id);
          if (entry.qos === 0) this.unwritten++;
          connection.publish(entry, (ack) => this.settle(connection, entry, ack));
        }
      } while (this.again);
      if (this.head > 4096 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
    } finally {
      this.pumping = false;
    }
  }

  private settle(connection: Connection, entry: OutboxEntry, ack: PublishAck): void {
    if (connection !== this.connection) return;
    this.inflight.delete(entry.id);
    if (entry.qos === 0) this.unwritten--;
    if (!this.outbox.get(entry.id)) return this.pump(); // discarded meanwhile
    const v5 = this.protocolVersion === 5;
    if (!ack.error) {
      this.poison.acknowledged(entry.id);
      this.outbox.remove(entry.id);
      const words = v5 && ack.packet ? explainReasonCode(ack.reasonCode, 'puback') : null;
      this.report(entry, entry.qos === 0 ? 'sent' : 'acknowledged', 0, {
        messageId: ack.messageId,
        ack: ack.packet
          ? {
              packet: ack.packet,
              reasonCode: ack.reasonCode,
              text: words?.text ?? 'Acknowledged.',
              hint: words?.hint ?? null,
            }
          : null,
      });
    } else if (ack.packet !== null && ack.reasonCode >= 0x80) {
      // The broker answered and refused this message: sending it again cannot help.
      this.outbox.remove(entry.id);
      const words = explainReasonCode(ack.reasonCode, 'puback');
      this.report(entry, 'failed', 0, {
        messageId: ack.messageId,
        ack: { packet: ack.packet, reasonCode: ack.reasonCode, text: words.text, hint: words.hint },
        error: {
          code: 'ERR_PUBLISH_REFUSED',
          message: `${words.name} (${ack.reasonCode})`,
          hint: words.hint,
        },
      });
    } else {
      // A local failure (e.g. the client is closing): the message stays in the outbox.
      this.deps.logger.warn(`publish to ${entry.topic} not sent yet: ${ack.error.message}`);
    }
    this.pump();
  }

  private report(
    entry: Pick<OutboxEntry, 'id' | 'topic' | 'payload' | 'qos' | 'retain'>,
    state: PublishState,
    result: number,
    extra: Partial<PublishResult> = {},
  ): PublishResult {
    const report: PublishResult = {
      outboxId: entry.id,
      messageId: null,
      topic: entry.topic,
      qos: entry.qos,
      retain: entry.retain,
      payloadBytes: entry.payload.byteLength,
      state,
      result,
      resultText: GATEWAY_RESULT_TEXT[result] ?? 'error',
      ack: null,
      error: null,
      at: this.deps.clock().toISOString(),
      ...extra,
    };
    this.deps.emit(report);
    this.deps.tracker.reported(report);
    return report;
  }
}
