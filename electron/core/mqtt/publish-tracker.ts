import type { PublishResult } from '../../../shared/mqtt/types';

/**
 * The fate of one published message, in one place. Every message waits for its acknowledgement
 * (PUBACK/PUBCOMP, or the socket write for QoS 0) and the `publish` promise resolves with its next
 * report. A message watched for its echo (the gateway's own data and config messages, published on
 * topics it also subscribes to) is confirmed only when the broker both acknowledged it and
 * delivered it back: the proof that the cloud path works end to end.
 *
 * - awaiting-ack:  in the outbox or in flight, nothing heard yet;
 * - echo-parked:   the broker delivered it back before acknowledging it (Mosquitto often does);
 *                  the confirmation waits for the acknowledgement, which may still be a refusal;
 * - awaiting-echo: acknowledged, waiting to be delivered back;
 * - confirmed:     acknowledged and delivered back (final);
 * - failed:        refused or discarded: never confirmed, whatever comes back on the topic (final).
 *
 * A closed connection changes nothing: the outbox sends the message again on the next one.
 */
export type Fate = 'awaiting-ack' | 'echo-parked' | 'awaiting-echo' | 'confirmed' | 'failed';

/** What can happen to a message: its acknowledgement, its echo, its failure, its connection closing. */
export type FateInput = 'ack' | 'echo' | 'fail' | 'close';

/** The state machine. A final fate stays final; an echo for an acknowledged-and-echoed message is another message's. */
export const FATE_TABLE: Readonly<Record<Fate, Readonly<Record<FateInput, Fate>>>> = {
  'awaiting-ack': { ack: 'awaiting-echo', echo: 'echo-parked', fail: 'failed', close: 'awaiting-ack' },
  'echo-parked': { ack: 'confirmed', echo: 'echo-parked', fail: 'failed', close: 'echo-parked' },
  'awaiting-echo': { ack: 'awaiting-echo', echo: 'confirmed', fail: 'failed', close: 'awaiting-echo' },
  confirmed: { ack: 'confirmed', echo: 'confirmed', fail: 'confirmed', close: 'confirmed' },
  failed: { ack: 'failed', echo: 'failed', fail: 'failed', close: 'failed' },
};

/** What the tracker tells about watched messages: each state the session reports, and each confirmation. */
export type TrackedEvent =
  | { kind: 'state'; result: PublishResult }
  | { kind: 'confirmed'; topic: string; outboxId: number; latencyMs: number };

interface Tracked {
  readonly outboxId: number;
  readonly topic: string;
  /** Topic and payload, as the echo must match them; null when the message is not watched. */
  readonly echoKey: string | null;
  readonly publishedAt: number;
  fate: Fate;
  /** When the echo came (ms after publishing). */
  echoLatencyMs: number | null;
  /** The `publish` promise, until the message's next report. */
  reply: ((result: PublishResult) => void) | null;
}

export interface PublishTrackerOptions {
  now: () => number;
  /** Told about watched messages only. */
  emit: (event: TrackedEvent) => void;
  /**
   * Acknowledged messages still waiting for their echo, at most: when the broker never delivers
   * them back (an ACL refused the subscription), the oldest are given up first.
   */
  maxAwaitingEcho?: number;
}

/** A report's meaning for the fate: acknowledged (or written, QoS 0), refused, or still waiting. */
function inputOf(result: PublishResult): FateInput {
  if (result.state === 'failed' || result.state === 'rejected') return 'fail';
  if (result.state === 'sent' || result.state === 'acknowledged') return 'ack';
  return 'close';
}

const echoKey = (topic: string, payload: Buffer | string) =>
  `${topic}\n${typeof payload === 'string' ? payload : payload.toString('utf8')}`;

export class PublishTracker {
  private readonly byId = new Map<number, Tracked>();
  /** Watched messages not yet delivered back, by topic and payload, oldest first. */
  private readonly unechoed = new Map<string, Tracked[]>();
  /** Watched, acknowledged, waiting only for the echo; insertion order = oldest first. */
  private readonly acknowledged = new Set<Tracked>();
  private unechoedCount = 0;

  constructor(private readonly options: PublishTrackerOptions) {}

  /** Watched messages published but not yet delivered back by the broker. */
  get awaitingEcho(): number {
    return this.unechoedCount;
  }

  /** The fate of a message still tracked (null once it is settled and forgotten). */
  fateOf(outboxId: number): Fate | null {
    return this.byId.get(outboxId)?.fate ?? null;
  }

  /**
   * A message just put in the outbox (before it is sent: the echo can be quick). Resolves with its
   * next report: sent, acknowledged or failed on a live connection, or queued while there is none.
   */
  add(entry: { id: number; topic: string; payload: Buffer }, watchEcho: boolean): Promise<PublishResult> {
    const tracked: Tracked = {
      outboxId: entry.id,
      topic: entry.topic,
      echoKey: watchEcho ? echoKey(entry.topic, entry.payload) : null,
      publishedAt: this.options.now(),
      fate: 'awaiting-ack',
      echoLatencyMs: null,
      reply: null,
    };
    this.byId.set(entry.id, tracked);
    if (tracked.echoKey !== null) this.expectEcho(tracked, tracked.echoKey);
    return new Promise((resolve) => (tracked.reply = resolve));
  }

  /** A message refused before it entered the outbox (bad topic, outbox full): reported, never tracked. */
  refused(result: PublishResult, watchEcho: boolean): void {
    if (watchEcho) this.options.emit({ kind: 'state', result });
  }

  /** Every report the outbox gives about a message (queued, sent, acknowledged, failed). */
  reported(result: PublishResult): void {
    const tracked = this.byId.get(result.outboxId);
    if (!tracked) return;
    const reply = tracked.reply;
    tracked.reply = null;
    if (tracked.echoKey === null) {
      // An unwatched message is tracked only while its `publish` promise waits.
      this.byId.delete(tracked.outboxId);
    } else {
      this.options.emit({ kind: 'state', result });
      this.apply(tracked, inputOf(result));
    }
    reply?.(result);
  }

  /** Messages whose `publish` promise still waits; the outbox reports them as queued when a connection closes. */
  waitingForReply(): number[] {
    return [...this.byId.values()].filter((t) => t.reply !== null).map((t) => t.outboxId);
  }

  /** A message the broker delivered: confirms (or parks) the oldest watched message it matches. */
  delivered(topic: string, payload: Buffer): void {
    if (this.unechoedCount === 0) return;
    const key = echoKey(topic, payload);
    const tracked = this.unechoed.get(key)?.[0];
    if (!tracked) return;
    this.forgetEcho(tracked, key);
    tracked.echoLatencyMs = this.options.now() - tracked.publishedAt;
    this.apply(tracked, 'echo');
  }

  private apply(tracked: Tracked, input: FateInput): void {
    const before = tracked.fate;
    tracked.fate = FATE_TABLE[before][input];
    if (tracked.fate === before) return;
    if (tracked.fate === 'confirmed') {
      const { topic, outboxId, echoLatencyMs } = tracked;
      this.options.emit({ kind: 'confirmed', topic, outboxId, latencyMs: echoLatencyMs ?? 0 });
    }
    if (tracked.fate === 'confirmed' || tracked.fate === 'failed') {
      this.settle(tracked);
    } else if (tracked.fate === 'awaiting-echo') {
      this.acknowledged.add(tracked);
      if (this.acknowledged.size > (this.options.maxAwaitingEcho ?? 20_000)) this.giveUpOldest();
    }
  }

  private settle(tracked: Tracked): void {
    this.byId.delete(tracked.outboxId);
    this.acknowledged.delete(tracked);
    if (tracked.echoKey !== null) this.forgetEcho(tracked, tracked.echoKey);
  }

  private giveUpOldest(): void {
    const oldest = this.acknowledged.values().next().value;
    if (oldest) this.settle(oldest);
  }

  private expectEcho(tracked: Tracked, key: string): void {
    const list = this.unechoed.get(key);
    if (list) list.push(tracked);
    else this.unechoed.set(key, [tracked]);
    this.unechoedCount++;
  }

  private forgetEcho(tracked: Tracked, key: string): void {
    const list = this.unechoed.get(key);
    const at = list?.indexOf(tracked) ?? -1;
    if (!list || at === -1) return;
    list.splice(at, 1);
    if (list.length === 0) this.unechoed.delete(key);
    this.unechoedCount--;
  }
}
