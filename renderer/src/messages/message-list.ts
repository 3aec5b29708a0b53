import type { IncomingMessage, PayloadPreview } from '../../../shared/mqtt/types';

export const MAX_MESSAGES = 1000;

export interface ListedMessage {
  seq: number;
  kind: 'received' | 'published';
  topic: string;
  at: string;
  qos: number | null;
  retain: boolean;
  payload: PayloadPreview | null;
  /** MQTT 5 properties (binary ones as hex): as received, or as sent from this screen; else null. */
  properties: Record<string, unknown> | null;
  /** For published entries: what happened to it, in words. */
  status: string | null;
}

export interface MessageListState {
  /** Newest first. */
  items: ListedMessage[];
  /** Older messages that fell off the end of the bounded list. */
  dropped: number;
  /** Events the bridge dropped under load before they reached this page (of any kind). */
  missed: number;
  nextSeq: number;
}

export const emptyList = (): MessageListState => ({ items: [], dropped: 0, missed: 0, nextSeq: 1 });

export function fromIncoming(message: IncomingMessage): Omit<ListedMessage, 'seq'> {
  const { topic, qos, retain, payload, properties, receivedAt } = message;
  return { kind: 'received', topic, at: receivedAt, qos, retain, payload, properties, status: null };
}

/** Counts that come with a set of new entries: already dropped before they were added. */
export interface LostCounts {
  /** Older entries left out before adding (they would have fallen off the list anyway). */
  dropped?: number;
  /** Events the bridge dropped under load. */
  missed?: number;
}

/** Adds entries (oldest first in `added`), keeps the newest `limit`, counts what fell off. */
export function addMessages(
  state: MessageListState,
  added: Omit<ListedMessage, 'seq'>[],
  limit = MAX_MESSAGES,
  lost: LostCounts = {},
): MessageListState {
  const before = lost.dropped ?? 0;
  const missed = lost.missed ?? 0;
  if (added.length === 0 && before === 0 && missed === 0) return state;
  const nextSeq = state.nextSeq + before;
  const fresh = added.map((m, i) => ({ ...m, seq: nextSeq + i })).reverse();
  const all = [...fresh, ...state.items];
  const kept = all.length > limit ? all.slice(0, limit) : all;
  return {
    items: kept,
    dropped: state.dropped + before + (all.length - kept.length),
    missed: state.missed + missed,
    nextSeq: nextSeq + added.length,
  };
}

/** Where the entry with `seq` sits in a newest-first list, or -1 (binary search: seqs only fall). */
export function indexOfSeq(items: ListedMessage[], seq: number): number {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = items[mid]!.seq;
    if (at === seq) return mid;
    if (at > seq) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** Characters of a payload a one-line row carries: enough for a typical JSON reading whole. */
export const SNIPPET_CHARS = 600;

/** The start of a payload on one line, for a list row (the row's CSS cuts it to fit). */
export function payloadSnippet(payload: PayloadPreview | null): string {
  if (!payload || payload.format === 'empty') return payload ? '(empty payload)' : '';
  const source = payload.format === 'binary' ? (payload.hex ?? '') : (payload.text ?? '');
  return source.slice(0, SNIPPET_CHARS).replace(/[\r\n\t]+/g, ' ');
}

export type ListMode = 'received' | 'all';

/** Case-insensitive match on topic or payload text; `received` hides the gateway's own publishes. */
export function filterMessages(items: ListedMessage[], query: string, mode: ListMode): ListedMessage[] {
  const needle = query.trim().toLowerCase();
  return items.filter((m) => {
    if (mode === 'received' && m.kind !== 'received') return false;
    if (!needle) return true;
    return m.topic.toLowerCase().includes(needle) || (m.payload?.text ?? '').toLowerCase().includes(needle);
  });
}

export interface PayloadView {
  body: string;
  format: PayloadPreview['format'];
  note: string | null;
}

/** JSON pretty-printed (unless truncated: then as received), text as is, hex for binary. */
export function payloadView(payload: PayloadPreview, pretty: (text: string) => string): PayloadView {
  const note = payload.truncated
    ? `Cut for display: showing ${formatSize(payload.shownBytes)} of ${formatSize(payload.size)} (the whole message arrived; only its start is shown and copied).`
    : null;
  if (payload.format === 'empty') return { body: '(empty payload)', format: 'empty', note };
  if (payload.format === 'binary') return { body: payload.hex ?? '', format: 'binary', note };
  const text = payload.text ?? '';
  const body = payload.format === 'json' && !payload.truncated ? pretty(text) : text;
  return { body, format: payload.format, note };
}

/** What the Copy button puts on the clipboard: the whole shown payload. */
export function copyText(payload: PayloadPreview, pretty: (text: string) => string): string {
  return payloadView(payload, pretty).body;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Characters of a payload shown before "Show all": a page of 64 kB previews would crawl. */
export const CLIPPED_CHARS = 4096;

/** The body as first shown: whole when short, else its first `CLIPPED_CHARS` characters. */
export function clipBody(body: string): { text: string; clipped: boolean } {
  if (body.length <= CLIPPED_CHARS) return { text: body, clipped: false };
  return { text: body.slice(0, CLIPPED_CHARS), clipped: true };
}

/** MQTT 5 properties as name/value lines; user properties one line each, repeated names repeated. */
export function propertyLines(properties: Record<string, unknown> | null): Array<[string, string]> {
  if (!properties) return [];
  const lines: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(properties)) {
    if (name === 'userProperties' && value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value as Record<string, unknown>))
        for (const one of Array.isArray(v) ? v : [v]) lines.push([`user: ${key}`, String(one)]);
    } else
      lines.push([PROPERTY_NAMES[name] ?? name, typeof value === 'string' ? value : JSON.stringify(value)]);
  }
  return lines;
}

const PROPERTY_NAMES: Record<string, string> = {
  payloadFormatIndicator: 'format indicator (UTF-8 text)',
  messageExpiryInterval: 'message expiry (s)',
  contentType: 'content type',
  responseTopic: 'response topic',
  correlationData: 'correlation data (hex)',
  subscriptionIdentifier: 'subscription id',
  topicAlias: 'topic alias',
};
