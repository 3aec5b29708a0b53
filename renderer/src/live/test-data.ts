// Builders for the pure tests: a status snapshot and gateway events as main sends them.
import type { GatewayEventView, GatewayStatus, MeterStateView } from '../../../shared/gateway';
import type { EventBatch } from '../../../shared/ipc/contract';
import type { SessionStatus } from '../../../shared/mqtt/types';

/** Snapshots from main carry increasing revisions; so do these, in the order they are built. */
let nextRevision = 1;

export function statusWith(change: Partial<GatewayStatus> = {}): GatewayStatus {
  return {
    revision: nextRevision++,
    running: true,
    profile: 'demo',
    demo: true,
    broker: '127.0.0.1:40000',
    port: 'virtual',
    linkMode: 'c1a',
    gatewayId: '706462169',
    session: null,
    stick: null,
    stickInfo: null,
    meters: [],
    monitored: [],
    awaitingEcho: 0,
    capture: null,
    replay: null,
    survey: null,
    ...change,
  };
}

type StickInfo = NonNullable<GatewayStatus['stickInfo']>;

/** What an iM871A (firmware 0x14, receiver mode) reports, as main passes it on. */
export function im871aInfo(uniqueId: string, details: Partial<StickInfo['details']> = {}): StickInfo {
  return {
    kind: 'im871a',
    module: 'iM871A',
    firmware: '0x14',
    uniqueId,
    linkModes: ['s1', 's1m', 's2', 't1', 't2', 'r2', 'c1a', 'c1b', 'c2a', 'c2b', 'c1t1'],
    details: { 'device mode': 'Other', 'HCI version': '0x01', ...details } as StickInfo['details'],
  };
}

export function session(state: SessionStatus['state'], change: Partial<SessionStatus> = {}): SessionStatus {
  return {
    profile: 'demo',
    state,
    at: '2026-11-25T12:00:00.000Z',
    attempt: 1,
    retryAt: null,
    outcome: null,
    outbox: { count: 0, bytes: 0, maxMessages: 10_000, maxBytes: 1e8, file: null },
    ...change,
  };
}

export function meterState(deviceId: string, change: Partial<MeterStateView> = {}): MeterStateView {
  return {
    deviceId,
    manufacturer: 'KAM',
    medium: 'electricity',
    driver: null,
    monitored: false,
    values: null,
    valuesAt: null,
    lastSeen: null,
    rssi: null,
    rssiDbm: null,
    counts: { ok: 0, crc: 0, wrongKey: 0, noKey: 0, other: 0 },
    lastError: null,
    ...change,
  };
}

export const telegram = (deviceId: string, at = '2026-11-25T12:00:01.000Z'): GatewayEventView => ({
  event: 'telegram',
  at,
  deviceId,
  monitored: true,
  ok: true,
  driver: 'omnipower',
  values: { 'A+': { value: 2.15, unit: 'kWh' } },
  published: true,
  unpublishedReason: null,
  rssiDbm: -62,
  error: null,
});

export const published = (
  outboxId: number,
  state: 'queued' | 'sent' | 'acknowledged' | 'failed' | 'rejected' = 'acknowledged',
  topic = 'v2/706462169/kam-32666857/data',
): GatewayEventView => ({
  event: 'published',
  at: '2026-11-25T12:00:01.000Z',
  topic,
  outboxId,
  state,
  result: 0,
});

export const confirmed = (
  outboxId: number,
  latencyMs = 7,
  topic = 'v2/706462169/kam-32666857/data',
): GatewayEventView => ({ event: 'confirmed', at: '2026-11-25T12:00:01.010Z', topic, outboxId, latencyMs });

export function batch(...items: Array<GatewayEventView | GatewayStatus>): EventBatch {
  return {
    dropped: 0,
    events: items.map((item) =>
      'event' in item
        ? { stream: 'gateway.event' as const, payload: item }
        : { stream: 'gateway.status' as const, payload: item },
    ),
  };
}
