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
  /** For published entries: what happened to it, in words. */
  status: string | null;
}

export interface MessageListState {
  /** Newest first. */
  items: ListedMessage[];
  dropped: number;
  nextSeq: number;
}

export const emptyList = (): MessageListState => ({ items: [], dropped: 0, nextSeq: 1 });

export function fromIncoming(message: IncomingMessage): Omit<ListedMessage, 'seq'> {
  const { topic, qos, retain, payload, receivedAt } = message;
  return { kind: 'received', topic, at: receivedAt, qos, retain, payload, status: null };
}

/** Adds entries (oldest first in `added`), keeps the newest `limit`, counts what fell off. */
export function addMessages(
  state: MessageListState,
  added: Omit<ListedMessage, 'seq'>[],
  limit = MAX_MESSAGES,
): MessageListState {
  if (added.length === 0) return state;
  const fresh = added.map((m, i) => ({ ...m, seq: state.nextSeq + i })).reverse();
  const all = [...fresh, ...state.items];
  const kept = all.slice(0, limit);
  return {
    items: kept,
    dropped: state.dropped + (all.length - kept.length),
    nextSeq: state.nextSeq + added.length,
  };
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
  const note = payload.truncated ? `truncated: showing ${payload.shownBytes} of ${payload.size} bytes` : null;
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
  return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} kB`;
}
