import fs from 'node:fs';
import path from 'node:path';
import type { PublishProperties } from '../../../shared/ipc/contract';
import type { Qos } from '../../../shared/mqtt/types';
import { syncFolder } from '../settings/editor/atomic-write';

// The outbox's file: an append-only JSON Lines journal. The first line is a header, then one line
// per message added ({"id",…}) and lines listing removed ids ({"del":[…]}). Each line is written
// with one write() call, so a crash (of the app, not the disk) loses at most the line being
// written; reading ignores a torn last line. Compaction rewrites the live messages to a new file
// and renames it over the old one (atomic on POSIX and NTFS).

export type { Qos } from '../../../shared/mqtt/types';

/** MQTT 5 publish properties kept with a queued message: the JSON-safe forms the UI sends (hex correlation data). */
export type StoredPublishProperties = PublishProperties;

export interface OutboxEntry {
  id: number;
  topic: string;
  payload: Buffer;
  qos: Qos;
  retain: boolean;
  properties?: StoredPublishProperties;
  enqueuedAt: string;
  /** Topic plus payload bytes: what counts against the outbox's byte bound. */
  bytes: number;
}

interface Header {
  outbox: 1;
  next: number;
}

export interface JournalContents {
  entries: Map<number, OutboxEntry>;
  nextId: number;
  /** A last line cut off by a crash (ignored). */
  tornLines: number;
  /** Lines that are not valid records (ignored). */
  corruptLines: number;
}

export function entryBytes(topic: string, payload: Buffer): number {
  return Buffer.byteLength(topic) + payload.byteLength;
}

export function encodeAdd(entry: OutboxEntry): string {
  const record: Record<string, unknown> = {
    id: entry.id,
    t: entry.topic,
    q: entry.qos,
    r: entry.retain,
    p: entry.payload.toString('base64'),
    at: entry.enqueuedAt,
  };
  if (entry.properties) record.pr = entry.properties;
  return `${JSON.stringify(record)}\n`;
}

export function encodeDeletes(ids: readonly number[]): string {
  return `{"del":[${ids.join(',')}]}\n`;
}

function encodeHeader(nextId: number): string {
  return `${JSON.stringify({ outbox: 1, next: nextId } satisfies Header)}\n`;
}

/** Reads a journal; a missing file is an empty outbox. */
export function readJournal(file: string): JournalContents {
  const contents: JournalContents = { entries: new Map(), nextId: 1, tornLines: 0, corruptLines: 0 };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return contents;
    throw error;
  }
  const lines = text.split('\n');
  const last = lines.pop();
  if (last) contents.tornLines++;
  for (const line of lines) {
    if (line.length === 0) continue;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      contents.corruptLines++;
      continue;
    }
    if (!applyRecord(contents, record)) contents.corruptLines++;
  }
  return contents;
}

function applyRecord(contents: JournalContents, record: Record<string, unknown>): boolean {
  if (record.outbox === 1) {
    if (typeof record.next === 'number') contents.nextId = Math.max(contents.nextId, record.next);
    return true;
  }
  if (Array.isArray(record.del)) {
    for (const id of record.del) contents.entries.delete(id as number);
    return true;
  }
  const { id, t, q, r, p, at, pr } = record;
  if (
    typeof id !== 'number' ||
    typeof t !== 'string' ||
    (q !== 0 && q !== 1 && q !== 2) ||
    typeof p !== 'string'
  ) {
    return false;
  }
  const payload = Buffer.from(p, 'base64');
  contents.entries.set(id, {
    id,
    topic: t,
    payload,
    qos: q,
    retain: r === true,
    ...(pr && typeof pr === 'object' ? { properties: pr as StoredPublishProperties } : {}),
    enqueuedAt: typeof at === 'string' ? at : new Date(0).toISOString(),
    bytes: entryBytes(t, payload),
  });
  contents.nextId = Math.max(contents.nextId, id + 1);
  return true;
}

/** Writes the live entries to a new journal and renames it over `file`; returns its size. */
export function writeCompacted(file: string, entries: Iterable<OutboxEntry>, nextId: number): number {
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w', 0o600);
  let size = 0;
  try {
    size += writeAll(fd, encodeHeader(nextId));
    let chunk = '';
    for (const entry of entries) {
      chunk += encodeAdd(entry);
      if (chunk.length > 1 << 20) {
        size += writeAll(fd, chunk);
        chunk = '';
      }
    }
    size += writeAll(fd, chunk);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
  syncFolder(path.dirname(file));
  return size;
}

/** Writes all of `text` (write() may write less than asked); returns the bytes written. */
export function writeAll(fd: number, text: string): number {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
  return bytes.length;
}

export class OutboxLockedError extends Error {
  override name = 'OutboxLockedError';
  readonly code = 'ERR_OUTBOX_LOCKED';
}

/**
 * One process per outbox file: a lock file holding our pid. A lock left by a process that no
 * longer runs (a crash) is taken over.
 */
export function acquireLock(file: string): () => void {
  const lock = `${file}.lock`;
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = fs.openSync(lock, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
        throw new OutboxLockedError(
          `the outbox ${file} is in use by process ${pid}${pid === process.pid ? ' (this one)' : ''}; ` +
            'close the other session first (delete the .lock file only if that process is gone)',
        );
      }
      fs.rmSync(lock, { force: true });
    }
  }
  throw new OutboxLockedError(`could not lock the outbox ${file}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
