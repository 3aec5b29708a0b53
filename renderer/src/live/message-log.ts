// The published messages as the technician follows them: one row per outbox message, its latest
// state, and the broker echo that proves it arrived. Pure functions; the hook keeps the result.
import type { GatewayEventView } from '../../../shared/gateway';
import type { PublishState } from '../../../shared/mqtt/types';

type Published = Extract<GatewayEventView, { event: 'published' }>;
type Confirmed = Extract<GatewayEventView, { event: 'confirmed' }>;

export interface EchoConfirmation {
  at: string;
  latencyMs: number;
}

export interface MessageRow {
  outboxId: number;
  topic: string;
  state: PublishState;
  result: number;
  firstAt: string;
  at: string;
  confirmation: EchoConfirmation | null;
  /** The JSON as published; null for a message queued before this start (restored from the outbox). */
  payload: string | null;
}

export interface MessageLog {
  /** Newest first, at most `MAX_MESSAGE_ROWS`. */
  rows: MessageRow[];
  /** Rows removed from the list because of the bound (they were still counted in the totals). */
  dropped: number;
  totals: { published: number; acknowledged: number; confirmed: number; failed: number };
  /** Echoes that overtook their message's first publish report (a local broker is that quick). */
  early: Array<{ outboxId: number; at: string; latencyMs: number }>;
}

export const MAX_MESSAGE_ROWS = 200;
const MAX_EARLY = 500;

export const emptyMessageLog = (): MessageLog => ({
  rows: [],
  dropped: 0,
  totals: { published: 0, acknowledged: 0, confirmed: 0, failed: 0 },
  early: [],
});

const isFinal = (state: PublishState) => state === 'acknowledged';
const isFailure = (state: PublishState) => state === 'failed' || state === 'rejected';

export function applyMessageEvents(log: MessageLog, events: readonly GatewayEventView[]): MessageLog {
  if (!events.some((e) => e.event === 'published' || e.event === 'confirmed')) return log;
  const next: MessageLog = {
    rows: log.rows.slice(),
    dropped: log.dropped,
    totals: { ...log.totals },
    early: log.early.slice(),
  };
  for (const event of events) {
    if (event.event === 'published') onPublished(next, event);
    else if (event.event === 'confirmed') onConfirmed(next, event);
  }
  if (next.rows.length > MAX_MESSAGE_ROWS) {
    next.dropped += next.rows.length - MAX_MESSAGE_ROWS;
    next.rows.length = MAX_MESSAGE_ROWS;
  }
  if (next.early.length > MAX_EARLY) next.early.splice(0, next.early.length - MAX_EARLY);
  return next;
}

function onPublished(log: MessageLog, event: Published): void {
  const index = log.rows.findIndex((row) => row.outboxId === event.outboxId);
  if (index === -1) {
    const row: MessageRow = {
      outboxId: event.outboxId,
      topic: event.topic,
      state: event.state,
      result: event.result,
      firstAt: event.at,
      at: event.at,
      confirmation: takeEarlyEcho(log, event.outboxId),
      payload: event.payload ?? null,
    };
    log.rows.unshift(row);
    log.totals.published++;
    if (row.confirmation) log.totals.confirmed++;
    countTransition(log, null, row.state);
    return;
  }
  const row = log.rows[index]!;
  // An acknowledged message stays acknowledged; any other report is newer news.
  if (isFinal(row.state) || row.state === event.state) return;
  countTransition(log, row.state, event.state);
  log.rows[index] = { ...row, state: event.state, result: event.result, at: event.at };
}

function countTransition(log: MessageLog, from: PublishState | null, to: PublishState): void {
  if (to === 'acknowledged' && from !== 'acknowledged') log.totals.acknowledged++;
  if (isFailure(to) && (from === null || !isFailure(from))) log.totals.failed++;
}

function onConfirmed(log: MessageLog, event: Confirmed): void {
  const confirmation = { at: event.at, latencyMs: event.latencyMs };
  const index = log.rows.findIndex((row) => row.outboxId === event.outboxId);
  if (index === -1) {
    log.early.push({ outboxId: event.outboxId, ...confirmation });
    return;
  }
  const row = log.rows[index]!;
  if (row.confirmation) return;
  log.rows[index] = { ...row, confirmation };
  log.totals.confirmed++;
}

function takeEarlyEcho(log: MessageLog, outboxId: number): EchoConfirmation | null {
  const index = log.early.findIndex((e) => e.outboxId === outboxId);
  if (index === -1) return null;
  const [echo] = log.early.splice(index, 1);
  return { at: echo!.at, latencyMs: echo!.latencyMs };
}
