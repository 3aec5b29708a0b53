// The commissioning record an installer takes home: plain facts, never a secret (the renderer has
// no password or key anyway; keys appear only as "…" + their last four hex digits).
import type { GatewayStatus, MeterValuesView } from '../../../shared/gateway';
import { silenceInWords, silentMonitoredMeters } from '../common/silence';
import { toKilowattHours, toWatts } from '../live/format';
import type { Step } from './checklist';

export interface RecordValue {
  /** A number in `unit`, or text (a driver's status field). */
  value: number | string;
  unit: string;
}

export interface RecordMeter {
  deviceId: string;
  manufacturer: string | null;
  values: Partial<Record<'A+' | 'A-' | 'P+' | 'P-', RecordValue>>;
  rssiDbm: number | null;
  counts: { ok: number; crc: number; wrongKey: number; noKey: number; other: number };
  lastSeen: string | null;
  key: string | null;
  /** The send interval measured by the survey of meters in range, in seconds. */
  intervalS: number | null;
  /** Set when the meter had been silent for three of its intervals when the record was made. */
  silent: { forS: number; intervals: number; text: string } | null;
}

export interface CommissioningRecord {
  createdAt: string;
  profile: string | null;
  broker: string | null;
  tls: { protocol: string | null; cipher: string | null; peerSubject: string | null } | null;
  returnCode: { code: number | string | null; text: string } | null;
  gatewayId: string | null;
  linkMode: string | null;
  stick: { module: string; firmware: string; deviceId: string } | null;
  meters: RecordMeter[];
  steps: Array<{ step: number; title: string; state: string; at: string | null; reason: string }>;
}

/** Energy in kWh, power in W (as ReMoni API v2 publishes it). */
function recordValues(values: MeterValuesView | null): RecordMeter['values'] {
  const out: RecordMeter['values'] = {};
  for (const name of ['A+', 'A-', 'P+', 'P-'] as const) {
    const m = values?.[name];
    if (!m) continue;
    const energy = name.startsWith('A');
    const converted = energy ? toKilowattHours(m) : toWatts(m);
    out[name] =
      converted === null
        ? { value: m.value, unit: m.unit }
        : { value: Number(converted.toFixed(energy ? 3 : 1)), unit: energy ? 'kWh' : 'W' };
  }
  return out;
}

export function buildRecord(status: GatewayStatus | null, steps: Step[], now: string): CommissioningRecord {
  const silent = silentMonitoredMeters(status?.survey ?? null, Date.parse(now));
  const outcome = status?.session?.outcome ?? null;
  const tls = outcome?.tls ?? null;
  const info = status?.stickInfo ?? null;
  return {
    createdAt: now,
    profile: status?.profile ?? null,
    broker: status?.broker ?? null,
    tls: tls ? { protocol: tls.protocol, cipher: tls.cipher, peerSubject: tls.peer?.subject ?? null } : null,
    returnCode: outcome ? { code: outcome.code ?? outcome.error?.code ?? null, text: outcome.text } : null,
    gatewayId: status?.gatewayId ?? null,
    linkMode: status?.linkMode ?? null,
    stick: info
      ? {
          module: info.module,
          firmware: info.firmware,
          deviceId: info.uniqueId,
        }
      : null,
    meters: (status?.meters ?? [])
      .filter((m) => m.monitored)
      .map((m) => {
        const hint = status?.monitored.find((k) => k.deviceId === m.deviceId)?.keyHint;
        const quiet = silent.get(m.deviceId);
        return {
          deviceId: m.deviceId,
          manufacturer: m.manufacturer,
          values: recordValues(m.values),
          rssiDbm: m.rssiDbm,
          counts: { ...m.counts },
          lastSeen: m.lastSeen,
          key: hint ? `…${hint.slice(-4)}` : null,
          intervalS: status?.survey?.meters.find((s) => s.deviceId === m.deviceId)?.intervalS ?? null,
          silent: quiet
            ? {
                forS: Math.round(quiet.silence.forMs / 1000),
                intervals: quiet.silence.intervals,
                text: silenceInWords(quiet),
              }
            : null,
        };
      }),
    steps: steps.map((s, i) => ({ step: i + 1, title: s.title, state: s.state, at: s.at, reason: s.reason })),
  };
}

const safe = (part: string) => part.replace(/[^A-Za-z0-9_.-]+/g, '_') || 'unknown';

/** `commissioning-<gateway>-<meter>-<date>.json`, safe on Windows, macOS and Linux. */
export function recordFileName(record: CommissioningRecord): string {
  const gateway = safe(record.gatewayId ?? 'unknown');
  const meter = safe(record.meters[0]?.deviceId ?? 'no-meter');
  const date = safe(record.createdAt.slice(0, 10));
  return `commissioning-${gateway}-${meter}-${date}.json`;
}

export const recordJson = (record: CommissioningRecord): string => `${JSON.stringify(record, null, 2)}\n`;

export function formatValue(v: RecordValue): string {
  return `${v.value.toLocaleString('en-US', { maximumFractionDigits: 3 })} ${v.unit}`;
}
