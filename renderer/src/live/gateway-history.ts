// What the live screen remembers between event batches: the latest status snapshot plus bounded
// histories (telegrams, messages, session timeline, notices). Pure; the gateway store keeps the
// value (`gatewayHistory` is its feed) and decides which status snapshots are new.
import type { GatewayEventView, GatewayStatus } from '../../../shared/gateway';
import type { EventBatch } from '../../../shared/ipc/contract';
import type { SessionState } from '../../../shared/mqtt/types';
import type { Feed } from '../store/feed';
import { outcomeLine, type Tone } from './labels';
import { applyMessageEvents, emptyMessageLog, type MessageLog } from './message-log';
import { addReadings, type SeriesByMeter } from './meter-series';

type TelegramEvent = Extract<GatewayEventView, { event: 'telegram' }>;

export interface TelegramRow extends Omit<TelegramEvent, 'event'> {
  /** 1, 2, 3… since the run started: a stable React key and the row's number. */
  seq: number;
}

export interface TimelineEntry {
  at: string;
  state: SessionState;
  detail: string | null;
}

export interface Notice {
  seq: number;
  at: string;
  tone: Tone;
  text: string;
}

export interface GatewayHistory {
  status: GatewayStatus | null;
  /** Newest first, at most `MAX_TELEGRAM_ROWS`. */
  telegrams: TelegramRow[];
  /** All telegrams of this run; more than `telegrams.length` once old rows were dropped. */
  telegramsReceived: number;
  messages: MessageLog;
  /** Session state changes, newest first. */
  timeline: TimelineEntry[];
  /** Commands from the cloud and echo problems, newest first. */
  notices: Notice[];
  noticesSeen: number;
  /** Events the bridge discarded because this window fell behind. */
  eventsLost: number;
  /** Each meter's readings over the run, for its charts. */
  series: SeriesByMeter;
}

export const MAX_TELEGRAM_ROWS = 500;
export const MAX_TIMELINE = 12;
export const MAX_NOTICES = 20;

export const emptyHistory = (status: GatewayStatus | null = null): GatewayHistory => ({
  status,
  telegrams: [],
  telegramsReceived: 0,
  messages: emptyMessageLog(),
  timeline: status ? timelineFrom([], status) : [],
  notices: [],
  noticesSeen: 0,
  eventsLost: 0,
  series: {},
});

/** A new run starts with empty lists but keeps what is known about the gateway. */
export const startNewRun = (history: GatewayHistory): GatewayHistory => emptyHistory(history.status);

export function applyBatch(history: GatewayHistory, batch: EventBatch): GatewayHistory {
  let status = history.status;
  let timeline = history.timeline;
  const gatewayEvents: GatewayEventView[] = [];
  for (const event of batch.events) {
    if (event.stream === 'gateway.status') {
      status = event.payload;
      timeline = timelineFrom(timeline, status);
    } else if (event.stream === 'gateway.event') gatewayEvents.push(event.payload);
  }
  if (status === history.status && gatewayEvents.length === 0 && batch.dropped === 0) return history;
  return {
    ...history,
    status,
    timeline,
    ...telegramsFrom(history, gatewayEvents),
    ...noticesFrom(history, gatewayEvents),
    messages: applyMessageEvents(history.messages, gatewayEvents),
    eventsLost: history.eventsLost + batch.dropped,
    series: addReadings(history.series, gatewayEvents),
  };
}

/** A status the store took from a request's answer (start, stop, the read after an outage). */
export function withStatus(history: GatewayHistory, status: GatewayStatus): GatewayHistory {
  return { ...history, status, timeline: timelineFrom(history.timeline, status) };
}

/** The live screen's feed: everything above, kept by the store from the first batch on. */
export const gatewayHistory: Feed<GatewayHistory> = {
  init: emptyHistory,
  batch: applyBatch,
  status: withStatus,
};

function timelineFrom(timeline: TimelineEntry[], status: GatewayStatus): TimelineEntry[] {
  const session = status.session;
  if (!session) return timeline;
  const last = timeline[0];
  const detail = session.outcome ? outcomeLine(session.outcome) : null;
  if (last && last.state === session.state && last.detail === detail) return timeline;
  return [{ at: session.at, state: session.state, detail }, ...timeline].slice(0, MAX_TIMELINE);
}

function telegramsFrom(history: GatewayHistory, events: GatewayEventView[]) {
  const fresh: TelegramRow[] = [];
  let received = history.telegramsReceived;
  for (const event of events) {
    if (event.event !== 'telegram') continue;
    const { event: _kind, ...row } = event;
    fresh.push({ ...row, seq: ++received });
  }
  if (fresh.length === 0) return {};
  fresh.reverse();
  const telegrams = fresh.concat(history.telegrams);
  if (telegrams.length > MAX_TELEGRAM_ROWS) telegrams.length = MAX_TELEGRAM_ROWS;
  return { telegrams, telegramsReceived: received };
}

function noticesFrom(history: GatewayHistory, events: GatewayEventView[]) {
  const fresh: Notice[] = [];
  let seen = history.noticesSeen;
  for (const event of events) {
    const notice = noticeFor(event);
    if (notice) fresh.push({ ...notice, seq: ++seen, at: event.at });
  }
  if (fresh.length === 0) return {};
  return { notices: fresh.reverse().concat(history.notices).slice(0, MAX_NOTICES), noticesSeen: seen };
}

function noticeFor(event: GatewayEventView): { tone: Tone; text: string } | null {
  switch (event.event) {
    case 'command': {
      const meters = event.meters.length === 0 ? 'no meters' : event.meters.join(', ');
      const rejected = event.rejected.map(
        (r) => `entry ${r.index + 1}${r.deviceId ? ` (${r.deviceId})` : ''}: ${r.reason}`,
      );
      return {
        tone: rejected.length > 0 ? 'warn' : 'ok',
        text: `sensors/set from the cloud: now monitoring ${meters}.${rejected.length > 0 ? ` Rejected ${rejected.join('; ')}.` : ''}`,
      };
    }
    case 'command-refused':
      return { tone: 'error', text: `sensors/set refused: ${event.error}` };
    case 'echo-unavailable':
      return { tone: 'warn', text: event.reason };
    default:
      return null;
  }
}
