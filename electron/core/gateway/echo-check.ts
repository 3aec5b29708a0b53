/**
 * The proof of the cloud path: every message we publish on our own data/config topics should come
 * back from the broker on our subscription. A message is confirmed when the exact same topic and
 * payload arrive; messages of the real gateway on the same topics never match ours by accident
 * because our payloads carry their own timestamps.
 */
export interface PendingEcho {
  /** Known once the session has put the message in its outbox; an echo may arrive before that. */
  outboxId: number | null;
  topic: string;
  publishedAt: number;
}

export interface Confirmation {
  /** The registration `expect` returned; its outboxId may still be unknown. */
  entry: PendingEcho;
  latencyMs: number;
}

export class EchoCheck {
  private readonly pending = new Map<string, PendingEcho[]>();
  private count = 0;

  constructor(
    private readonly now: () => number,
    /** Bounded: the oldest expectations are forgotten first (they will never be confirmed). */
    private readonly maxPending = 20_000,
  ) {}

  get waiting(): number {
    return this.count;
  }

  /** Registers a message about to be published; call before publishing, the echo can be quick. */
  expect(topic: string, payload: string): PendingEcho {
    const key = `${topic}\n${payload}`;
    const entry: PendingEcho = { outboxId: null, topic, publishedAt: this.now() };
    const list = this.pending.get(key) ?? [];
    list.push(entry);
    this.pending.set(key, list);
    this.count++;
    if (this.count > this.maxPending) this.dropOldest();
    return entry;
  }

  /** The broker refused the message: no echo will come. */
  cancel(topic: string, payload: string, entry: PendingEcho): void {
    const key = `${topic}\n${payload}`;
    const list = this.pending.get(key);
    const at = list?.indexOf(entry) ?? -1;
    if (!list || at === -1) return;
    list.splice(at, 1);
    if (list.length === 0) this.pending.delete(key);
    this.count--;
  }

  /** A message the broker delivered; returns the confirmation when it is one of ours. */
  received(topic: string, payload: Buffer): Confirmation | null {
    const key = `${topic}\n${payload.toString('utf8')}`;
    const list = this.pending.get(key);
    const first = list?.shift();
    if (!first) return null;
    if (list!.length === 0) this.pending.delete(key);
    this.count--;
    return { entry: first, latencyMs: this.now() - first.publishedAt };
  }

  private dropOldest(): void {
    const [key, list] = this.pending.entries().next().value as [string, PendingEcho[]];
    list.shift();
    if (list.length === 0) this.pending.delete(key);
    this.count--;
  }
}
