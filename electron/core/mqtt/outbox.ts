import fs from 'node:fs';
import path from 'node:path';
import type { OutboxStats } from '../../../shared/mqtt/types';
import type { Logger } from '../logger';
import {
  acquireLock,
  encodeAdd,
  encodeDeletes,
  entryBytes,
  readJournal,
  writeAll,
  writeCompacted,
  type OutboxEntry,
  type Qos,
  type StoredPublishProperties,
} from './outbox-journal';
import { backgroundTimers, type Timers } from '../timers';

export { OutboxLockedError, type OutboxEntry, type StoredPublishProperties } from './outbox-journal';

export const DEFAULT_OUTBOX_LIMITS = { maxMessages: 10_000, maxBytes: 32 * 1024 * 1024 };
/** Journals smaller than this are never compacted (cheap to read back). */
const COMPACT_MIN_BYTES = 4 * 1024 * 1024;
const FSYNC_DELAY_MS = 1000;

export interface OutboxMessage {
  topic: string;
  payload: Buffer;
  qos: Qos;
  retain: boolean;
  properties?: StoredPublishProperties;
}

export interface OutboxOptions {
  /** The journal file; null keeps the outbox in memory only (probes, tests). */
  file: string | null;
  maxMessages?: number;
  maxBytes?: number;
  clock?: () => Date;
  logger?: Logger;
  timers?: Timers;
}

/** Refusing a message is better than dropping an old one silently (the rule). */
export class OutboxFullError extends Error {
  override name = 'OutboxFullError';
  readonly code = 'ERR_OUTBOX_FULL';
  constructor(readonly stats: OutboxStats) {
    super(
      `the outbox is full (${stats.count} of ${stats.maxMessages} messages, ${stats.bytes} of ${stats.maxBytes} bytes ` +
        'waiting for the broker); new messages are refused until the broker acknowledges older ones',
    );
  }
}

/**
 * Messages waiting for the broker, oldest first, kept on disk so they survive a restart.
 * Bounded by count and bytes.
 */
export class Outbox {
  private readonly entries = new Map<number, OutboxEntry>();
  private nextId = 1;
  private totalBytes = 0;
  private fd: number | null = null;
  private journalBytes = 0;
  private pendingDeletes: number[] = [];
  /** Journal lines of messages added in the current burst, written together in a microtask. */
  private pendingAdds = new Map<number, OutboxEntry>();
  /** Messages kept in memory only until they have to wait (see append's `journal` option). */
  private readonly memoryOnly = new Map<number, OutboxEntry>();
  private lastStampMs = Number.NaN;
  private lastStamp = '';
  private flushTimer: unknown = null;
  private syncTimer: unknown = null;
  private releaseLock: (() => void) | null = null;
  private closed = false;
  private readonly maxMessages: number;
  private readonly maxBytes: number;
  private readonly clock: () => Date;
  private readonly timers: Timers;
  /** What opening found: messages carried over and lines that could not be used. */
  readonly recovered = { messages: 0, tornLines: 0, corruptLines: 0 };

  private constructor(private readonly options: OutboxOptions) {
    this.maxMessages = options.maxMessages ?? DEFAULT_OUTBOX_LIMITS.maxMessages;
    this.maxBytes = options.maxBytes ?? DEFAULT_OUTBOX_LIMITS.maxBytes;
    this.clock = options.clock ?? (() => new Date());
    this.timers = options.timers ?? backgroundTimers;
  }

  /** Opens (and recovers) the outbox; throws OutboxLockedError when another process has it. */
  static open(options: OutboxOptions): Outbox {
    const outbox = new Outbox(options);
    if (options.file) outbox.load(options.file);
    return outbox;
  }

  get file(): string | null {
    return this.options.file;
  }

  get size(): number {
    return this.entries.size;
  }

  stats(): OutboxStats {
    return {
      count: this.entries.size,
      bytes: this.totalBytes,
      maxMessages: this.maxMessages,
      maxBytes: this.maxBytes,
      file: this.options.file,
    };
  }

  /**
   * Adds a message at the end. Its journal line is written together with the others of the same
   * synchronous burst, in a microtask: before any caller can see a result for them, and in one
   * write() instead of one per message. A crash loses at most the burst being written.
   *
   * `journal: false` keeps the message in memory until persistWaiting() or close(): for a QoS 0
   * message handed straight to a live connection, which MQTT delivers at most once anyway, so a
   * crash may lose it but a broker outage does not (the forwarder journals what is left waiting).
   */
  append(message: OutboxMessage, { journal = true }: { journal?: boolean } = {}): OutboxEntry {
    if (this.closed) throw new Error('the outbox is closed');
    const bytes = entryBytes(message.topic, message.payload);
    if (this.entries.size + 1 > this.maxMessages || this.totalBytes + bytes > this.maxBytes) {
      throw new OutboxFullError(this.stats());
    }
    const entry: OutboxEntry = {
      topic: message.topic,
      payload: message.payload,
      qos: message.qos,
      retain: message.retain,
      ...(message.properties ? { properties: message.properties } : {}),
      id: this.nextId++,
      enqueuedAt: this.timestamp(),
      bytes,
    };
    if (this.fd !== null && !journal) this.memoryOnly.set(entry.id, entry);
    else if (this.fd !== null) {
      if (this.pendingAdds.size === 0) queueMicrotask(() => this.flushAdds());
      this.pendingAdds.set(entry.id, entry);
    }
    this.entries.set(entry.id, entry);
    this.totalBytes += bytes;
    return entry;
  }

  /** Removes a message that the broker acknowledged (or that was written, for QoS 0). */
  remove(id: number): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    this.totalBytes -= entry.bytes;
    // Gone before its line was written (a QoS 0 message written to the socket at once): the
    // journal never needs to know.
    if (this.pendingAdds.delete(id) || this.memoryOnly.delete(id)) return true;
    if (this.fd !== null) {
      // Batched: many acknowledgements arrive together. A crash before the batch is written
      // re-sends those messages after the restart, which QoS 1 allows.
      this.pendingDeletes.push(id);
      this.flushTimer ??= this.timers.setTimeout(() => this.flushDeletes(), 0);
    }
    return true;
  }

  /** The clock as ISO text, formatted once per millisecond: a burst shares one string. */
  private timestamp(): string {
    const now = this.clock();
    const ms = now.getTime();
    if (ms !== this.lastStampMs) {
      this.lastStampMs = ms;
      this.lastStamp = now.toISOString();
    }
    return this.lastStamp;
  }

  /** Journals the messages kept in memory only: they now wait for a connection. */
  persistWaiting(): void {
    if (this.memoryOnly.size === 0) return;
    for (const [id, entry] of this.memoryOnly) this.pendingAdds.set(id, entry);
    this.memoryOnly.clear();
    this.flushAdds();
  }

  get(id: number): OutboxEntry | undefined {
    return this.entries.get(id);
  }

  /** Ids oldest first. */
  ids(): number[] {
    return [...this.entries.keys()];
  }

  values(): IterableIterator<OutboxEntry> {
    return this.entries.values();
  }

  close(): void {
    this.closed = true;
    if (this.fd === null) return;
    this.persistWaiting();
    this.flushAdds();
    this.flushDeletes();
    if (this.syncTimer !== null) this.timers.clearTimeout(this.syncTimer);
    this.syncTimer = null;
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
    this.fd = null;
    this.releaseLock?.();
    this.releaseLock = null;
  }

  private load(file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.releaseLock = acquireLock(file);
    try {
      const contents = readJournal(file);
      // By id, not by line: a message kept in memory and journaled later (persistWaiting) has a
      // line after newer ones, yet must still be sent first.
      const byId = [...contents.entries.values()].sort((a, b) => a.id - b.id);
      for (const entry of byId) {
        this.entries.set(entry.id, entry);
        this.totalBytes += entry.bytes;
      }
      this.nextId = contents.nextId;
      Object.assign(this.recovered, {
        messages: contents.entries.size,
        tornLines: contents.tornLines,
        corruptLines: contents.corruptLines,
      });
      if (contents.corruptLines > 0 || contents.tornLines > 0) {
        this.options.logger?.warn(
          `outbox ${file}: ignored ${contents.tornLines} torn and ${contents.corruptLines} unreadable line(s)`,
        );
      }
      // Start from a clean file: drops removed messages and a torn last line.
      this.journalBytes = writeCompacted(file, this.entries.values(), this.nextId);
      this.fd = fs.openSync(file, 'a', 0o600);
    } catch (error) {
      this.releaseLock();
      this.releaseLock = null;
      throw error;
    }
  }

  private flushAdds(): void {
    if (this.fd === null || this.pendingAdds.size === 0) return;
    let lines = '';
    for (const entry of this.pendingAdds.values()) lines += encodeAdd(entry);
    this.journalBytes += writeAll(this.fd, lines);
    this.pendingAdds.clear();
    this.scheduleSync();
  }

  private flushDeletes(): void {
    if (this.flushTimer !== null) this.timers.clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.fd === null || this.pendingDeletes.length === 0) return;
    this.flushAdds();
    this.journalBytes += writeAll(this.fd, encodeDeletes(this.pendingDeletes));
    this.pendingDeletes = [];
    this.scheduleSync();
    this.compactIfWorthIt();
  }

  private compactIfWorthIt(): void {
    if (this.fd === null || !this.options.file || this.journalBytes < COMPACT_MIN_BYTES) return;
    // Base64 makes a line about 4/3 of the message; compact when most of the file is dead.
    if (this.journalBytes < 4 * (this.totalBytes + 200 * this.entries.size)) return;
    fs.closeSync(this.fd);
    this.fd = null;
    this.journalBytes = writeCompacted(this.options.file, this.entries.values(), this.nextId);
    this.memoryOnly.clear(); // the compacted file holds them now, so removing one must be journaled
    this.fd = fs.openSync(this.options.file, 'a', 0o600);
  }

  /** Bounds what a power cut (rather than an app crash) can lose to about a second. */
  private scheduleSync(): void {
    if (this.syncTimer !== null) return;
    this.syncTimer = this.timers.setTimeout(() => {
      this.syncTimer = null;
      if (this.fd !== null) fs.fdatasyncSync(this.fd);
    }, FSYNC_DELAY_MS);
  }
}
