// What the commissioning checklist remembers (status + the publish/echo events it needs) and the
// six steps evaluated from it. Pure; the gateway store keeps the value (see `facts-feed.ts`) and
// decides which status snapshots are new.
import type { GatewayEventView, GatewayStatus, MeterStateView } from '../../../shared/gateway';
import type { EventBatch } from '../../../shared/ipc/contract';
import { formatDbm, formatLatency } from '../common/format';
import { silenceInWords, silentMonitoredMeters } from '../common/silence';
import { outcomeLine } from '../live/labels';

export type StepId = 'stick' | 'meter' | 'key' | 'broker' | 'config' | 'data';
export type StepState = 'ok' | 'error' | 'pending';

export interface Step {
  id: StepId;
  title: string;
  state: StepState;
  reason: string;
  /** When the step first turned green (ISO); null while it is not green. */
  at: string | null;
}

export interface Echo {
  topic: string;
  at: string;
  latencyMs: number | null;
}

export interface Facts {
  status: GatewayStatus | null;
  /** The latest publish of each kind, with its state, and its echo when it came back. */
  config: { published: Echo & { state: string }; confirmed: Echo | null } | null;
  data: { published: Echo & { state: string }; confirmed: Echo | null } | null;
  greenAt: Partial<Record<StepId, string>>;
}

export const STEP_TITLES: Record<StepId, string> = {
  stick: 'Stick found',
  meter: 'Meter heard',
  key: 'Key decrypts',
  broker: 'Broker connected',
  config: 'Config published and echoed',
  data: 'Data published and echoed',
};

export const emptyFacts = (): Facts => ({ status: null, config: null, data: null, greenAt: {} });

const kindOf = (topic: string): 'config' | 'data' | null =>
  topic.endsWith('/config') ? 'config' : topic.endsWith('/data') ? 'data' : null;

function withEvent(facts: Facts, event: GatewayEventView): Facts {
  if (event.event !== 'published' && event.event !== 'confirmed') return facts;
  const kind = kindOf(event.topic);
  if (!kind) return facts;
  if (event.event === 'published') {
    const previous = facts[kind];
    // Re-sending the same message (state change) keeps an echo that already came back.
    const confirmed = previous && previous.published.topic === event.topic ? previous.confirmed : null;
    return {
      ...facts,
      [kind]: {
        published: { topic: event.topic, at: event.at, latencyMs: null, state: event.state },
        confirmed,
      },
    };
  }
  const published = facts[kind]?.published ?? {
    topic: event.topic,
    at: event.at,
    latencyMs: null,
    state: 'sent',
  };
  return {
    ...facts,
    [kind]: { published, confirmed: { topic: event.topic, at: event.at, latencyMs: event.latencyMs } },
  };
}

/** A replay shows a recording, not this site now: it proves no step and goes into no record. */
const liveOnly = (status: GatewayStatus): GatewayStatus | null => (status.replay ? null : status);

/** A status the store took from a request's answer (start, stop, the read after an outage). */
export function withStatus(facts: Facts, status: GatewayStatus, now: string): Facts {
  return stamp({ ...facts, status: liveOnly(status) }, now);
}

export function applyBatch(facts: Facts, batch: EventBatch, now: string): Facts {
  let next = facts;
  for (const event of batch.events) {
    if (event.stream === 'gateway.status') next = { ...next, status: liveOnly(event.payload) };
    else if (event.stream === 'gateway.event') next = withEvent(next, event.payload);
  }
  return next === facts ? facts : stamp(next, now);
}

/** Records when each step first turned green. */
function stamp(facts: Facts, now: string): Facts {
  let greenAt = facts.greenAt;
  for (const step of evaluate(facts)) {
    if (step.state === 'ok' && !greenAt[step.id]) greenAt = { ...greenAt, [step.id]: now };
  }
  return greenAt === facts.greenAt ? facts : { ...facts, greenAt };
}

type Verdict = Omit<Step, 'id' | 'title' | 'at'>;
const ok = (reason: string): Verdict => ({ state: 'ok', reason });
const bad = (reason: string): Verdict => ({ state: 'error', reason });
const wait = (reason: string): Verdict => ({ state: 'pending', reason });

export const monitoredMeters = (status: GatewayStatus | null): MeterStateView[] =>
  status?.meters.filter((m) => m.monitored) ?? [];

function stickStep(status: GatewayStatus | null): Verdict {
  const stick = status?.stick;
  if (!stick) return wait('Start the gateway on the Live gateway tab.');
  const info = status.stickInfo;
  const what = info ? `${info.module}, firmware ${info.firmware}` : 'Stick';
  if (stick.state === 'ready' || stick.state === 'receiving')
    return ok(`${what} on ${stick.path} (${stick.state}).`);
  if (stick.state === 'unplugged' || stick.state === 'error')
    return bad(`Stick ${stick.state} on ${stick.path}${stick.reason ? `: ${stick.reason}` : ''}.`);
  return wait(`Stick ${stick.state} on ${stick.path}…`);
}

function meterStep(status: GatewayStatus | null, nowMs: number | null): Verdict {
  const meters = monitoredMeters(status);
  if (!status?.running) return wait('Start the gateway on the Live gateway tab.');
  if (meters.length === 0)
    return wait('No monitored meter: add one on the Live gateway tab or send sensors/set.');
  const [silent] = silentMonitoredMeters(status.survey, nowMs).values();
  if (silent) return bad(`Meter ${silent.meter.deviceId} ${silenceInWords(silent)}.`);
  const heard = meters.find((m) => m.lastSeen !== null);
  if (heard) return ok(`Meter ${heard.deviceId} heard at ${formatDbm(heard.rssiDbm)}.`);
  return wait(`Waiting for a telegram from ${meters.map((m) => m.deviceId).join(', ')}.`);
}

function keyStep(status: GatewayStatus | null): Verdict {
  const meters = monitoredMeters(status);
  const good = meters.find((m) => m.counts.ok > 0);
  if (good)
    return ok(
      `Meter ${good.deviceId}: ${good.counts.ok} telegram${good.counts.ok === 1 ? '' : 's'} decrypted.`,
    );
  const wrong = meters.find((m) => m.counts.wrongKey > 0);
  if (wrong)
    return bad(`Meter ${wrong.deviceId}: wrong key — ${wrong.counts.wrongKey} telegrams failed to decrypt.`);
  const noKey = meters.find((m) => m.counts.noKey > 0);
  if (noKey) return bad(`Meter ${noKey.deviceId}: no key stored for it.`);
  return wait('Waiting for a telegram from a monitored meter to decrypt.');
}

function brokerStep(status: GatewayStatus | null): Verdict {
  const session = status?.session;
  if (!session) return wait('Start the gateway on the Live gateway tab.');
  const line = session.outcome ? outcomeLine(session.outcome) : session.state;
  if (session.state === 'connected') return ok(line);
  if (session.state === 'refused' || session.state === 'failed' || session.state === 'reconnecting') {
    const hint = session.outcome?.hint;
    return bad(hint ? `${line} ${hint}` : line);
  }
  return wait(`${session.state}: ${line}`);
}

function echoStep(facts: Facts, kind: 'config' | 'data'): Verdict {
  const entry = facts[kind];
  if (entry?.confirmed)
    return ok(
      `${entry.confirmed.topic} confirmed by echo${entry.confirmed.latencyMs !== null ? ` in ${formatLatency(entry.confirmed.latencyMs)}` : ''}.`,
    );
  if (entry && (entry.published.state === 'failed' || entry.published.state === 'rejected'))
    return bad(`${entry.published.topic} ${entry.published.state}.`);
  if (entry) return wait(`${entry.published.topic} ${entry.published.state}; waiting for the broker echo.`);
  if (kind === 'config')
    return wait(
      'Config is published only after a cloud sensors/set command; waiting for one — send sensors/set from the Messages tab.',
    );
  return wait('Waiting for the first data message.');
}

/**
 * The six steps as the facts prove them. `nowMs` judges silence (a monitored meter quiet for three
 * of its intervals fails "Meter heard"); without it, as of the last status snapshot.
 */
export function evaluate(facts: Facts, nowMs: number | null = null): Omit<Step, 'at'>[] {
  const { status } = facts;
  const verdicts: Record<StepId, Verdict> = {
    stick: stickStep(status),
    meter: meterStep(status, nowMs),
    key: keyStep(status),
    broker: brokerStep(status),
    config: echoStep(facts, 'config'),
    data: echoStep(facts, 'data'),
  };
  return (Object.keys(STEP_TITLES) as StepId[]).map((id) => ({
    id,
    title: STEP_TITLES[id],
    ...verdicts[id],
  }));
}

/** The steps with the time each turned green (only shown while it is green). */
export const checklist = (facts: Facts, nowMs: number | null = null): Step[] =>
  evaluate(facts, nowMs).map((s) => ({ ...s, at: s.state === 'ok' ? (facts.greenAt[s.id] ?? null) : null }));
