import fs from 'node:fs';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { CaptureError } from './errors';
import {
  CAPTURE_FORMAT,
  CAPTURE_VERSION,
  serializeHeader,
  serializeRecord,
  type CaptureHeader,
  type CaptureRecord,
} from './format';

export interface CaptureWriterOptions {
  file: string;
  header: Omit<CaptureHeader, 'format' | 'version' | 'startedAt'>;
  /** Default: gzip when the name ends in `.gz`. */
  gzip?: boolean;
  /** Refuse to replace an existing file (the app's timestamped names); default false. */
  exclusive?: boolean;
  /** Clock in ms; records carry `t` = now − the start. */
  now?: () => number;
  /** Lines held while the disk is slow; beyond this, records are dropped and a gap is written. */
  maxPendingBytes?: number;
  /** gzip: how often the compressor is flushed, so a crash loses at most this much (ms). */
  syncFlushMs?: number;
}

export interface CaptureSummary {
  file: string;
  records: number;
  dropped: number;
}

const DEFAULT_MAX_PENDING = 8 * 1024 * 1024;
/** `writeAndWait` waits above this, so a producer that can wait never loses a record. */
const WAIT_ABOVE = 1024 * 1024;

/**
 * Streams a capture to disk, one JSON line per record. Records come from event listeners (the
 * stick, the pipeline, the session), which must never wait, so `write` queues the line and returns
 * at once; the queue is written as fast as the disk takes it and is bounded: when the disk cannot
 * keep up, records are dropped, counted and marked by a `gap` record rather than growing memory.
 * Every line is handed to the file whole, and gzip output is flushed every second, so a crash
 * leaves a file that reads up to the last line or second before it.
 */
export class CaptureWriter {
  readonly file: string;
  readonly startedAt: Date;
  private readonly out: Writable;
  private readonly done: Promise<void>;
  private readonly now: () => number;
  private readonly startMs: number;
  private readonly maxPending: number;
  private pending: string[] = [];
  private pendingBytes = 0;
  private scheduled = false;
  private blocked = false;
  private waiters: Array<() => void> = [];
  private written = 0;
  private droppedCount = 0;
  private unreportedDrops = 0;
  private failure: Error | null = null;
  private closed = false;
  private syncTimer: ReturnType<typeof setInterval> | null = null;
  private dirtySinceSync = false;

  private constructor(
    options: CaptureWriterOptions,
    private readonly stream: fs.WriteStream,
  ) {
    this.file = options.file;
    this.now = options.now ?? Date.now;
    this.startMs = this.now();
    this.startedAt = new Date(this.startMs);
    this.maxPending = options.maxPendingBytes ?? DEFAULT_MAX_PENDING;
    const gzip = options.gzip ?? options.file.endsWith('.gz');
    this.done = new Promise((resolve) => stream.once('close', resolve));
    stream.on('error', (error) => this.fail(error));
    if (gzip) {
      const compressor = zlib.createGzip();
      compressor.on('error', (error) => this.fail(error));
      compressor.pipe(stream);
      this.out = compressor;
      this.syncTimer = setInterval(() => this.syncFlush(compressor), options.syncFlushMs ?? 1000);
      this.syncTimer.unref();
    } else {
      this.out = stream;
    }
    const header: CaptureHeader = {
      format: CAPTURE_FORMAT,
      version: CAPTURE_VERSION,
      ...options.header,
      startedAt: this.startedAt.toISOString(),
    };
    this.queue(`${serializeHeader(header)}\n`);
  }

  /** Creates the file (resolving once it is open, so a bad path fails here) and writes the header. */
  static async open(options: CaptureWriterOptions): Promise<CaptureWriter> {
    const stream = fs.createWriteStream(options.file, { flags: options.exclusive ? 'wx' : 'w' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error) =>
        reject(
          new CaptureError('IO', `cannot write the capture ${options.file}: ${error.message}`, {
            cause: error,
          }),
        ),
      );
    });
    return new CaptureWriter(options, stream);
  }

  /** Milliseconds since the capture started: the `t` of a record made now. */
  elapsed(): number {
    return this.now() - this.startMs;
  }

  get records(): number {
    return this.written;
  }

  get dropped(): number {
    return this.droppedCount;
  }

  /** Queues a record; false when it was dropped (disk too slow, or the writer is closed). */
  write(record: CaptureRecord): boolean {
    if (this.closed || this.failure) return false;
    const line = `${serializeRecord(record)}\n`;
    if (this.pendingBytes + line.length > this.maxPending) {
      this.droppedCount++;
      this.unreportedDrops++;
      return false;
    }
    if (this.unreportedDrops > 0) {
      const dropped = this.unreportedDrops;
      this.unreportedDrops = 0;
      this.queue(`${serializeRecord({ t: record.t, type: 'gap', dropped })}\n`);
    }
    this.written++;
    this.queue(line);
    return true;
  }

  /** For producers that can wait (an export, a generator): never drops, waits while the disk is behind. */
  async writeAndWait(record: CaptureRecord): Promise<void> {
    while (this.pendingBytes > WAIT_ABOVE && !this.failure && !this.closed) await this.drained();
    if (this.failure) throw this.ioError();
    this.write(record);
  }

  /** Writes the end record, flushes everything and closes the file. */
  async close(): Promise<CaptureSummary> {
    if (!this.closed) {
      const t = this.elapsed();
      if (this.unreportedDrops > 0)
        this.queue(`${serializeRecord({ t, type: 'gap', dropped: this.unreportedDrops })}\n`);
      this.queue(
        `${serializeRecord({ t, type: 'end', records: this.written, dropped: this.droppedCount })}\n`,
      );
      this.closed = true;
      if (this.syncTimer) clearInterval(this.syncTimer);
      while (this.pendingBytes > 0 && !this.failure) {
        this.flush();
        if (this.pendingBytes > 0) await this.drained();
      }
      this.out.end();
    }
    await this.done;
    if (this.failure) throw this.ioError();
    return { file: this.file, records: this.written, dropped: this.droppedCount };
  }

  private queue(line: string): void {
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  /** Hands the queued lines to the stream in one write; waits for 'drain' when it is full. */
  private flush(): void {
    if (this.blocked || this.pending.length === 0 || this.failure) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    this.dirtySinceSync = true;
    if (!this.out.write(chunk)) {
      this.blocked = true;
      this.out.once('drain', () => {
        this.blocked = false;
        this.flush();
        this.wake();
      });
    } else {
      this.wake();
    }
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private syncFlush(compressor: zlib.Gzip): void {
    if (!this.dirtySinceSync || this.failure) return;
    this.dirtySinceSync = false;
    compressor.flush(zlib.constants.Z_SYNC_FLUSH);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    if (this.syncTimer) clearInterval(this.syncTimer);
    this.wake();
    this.stream.destroy();
  }

  private ioError(): CaptureError {
    return new CaptureError('IO', `writing the capture ${this.file} failed: ${this.failure?.message}`, {
      cause: this.failure,
    });
  }
}
