import { describe, expect, it } from 'vitest';
import type { PublishResult, PublishState } from '../../../shared/mqtt/types';
import { PublishTracker, type Fate, type FateInput, type TrackedEvent } from './publish-tracker';

const TOPIC = 'v2/706462169/kam-32666857/data';
const PAYLOAD = '{"channelNumber":1,"value":2.15}';

function result(outboxId: number, state: PublishState): PublishResult {
  return {
    outboxId,
    messageId: null,
    topic: TOPIC,
    qos: 1,
    retain: false,
    payloadBytes: PAYLOAD.length,
    state,
    result: state === 'queued' ? 4 : 0,
    resultText: '',
    ack: null,
    error: null,
    at: '2026-11-25T10:00:00.000Z',
  };
}

/** A tracker on a hand-moved clock, with one watched message (outbox id 1) published at t = 0. */
function oneMessage(options: { watchEcho?: boolean } = {}) {
  let now = 0;
  const events: TrackedEvent[] = [];
  const tracker = new PublishTracker({ now: () => now, emit: (e) => events.push(e) });
  const replies: PublishResult[] = [];
  void tracker
    .add({ id: 1, topic: TOPIC, payload: Buffer.from(PAYLOAD) }, options.watchEcho ?? true)
    .then((r) => replies.push(r));
  const happen: Record<FateInput, () => void> = {
    ack: () => tracker.reported(result(1, 'acknowledged')),
    fail: () => tracker.reported(result(1, 'failed')),
    close: () => tracker.reported(result(1, 'queued')),
    echo: () => tracker.delivered(TOPIC, Buffer.from(PAYLOAD)),
  };
  const run = async (inputs: FateInput[]) => {
    for (const input of inputs) {
      now += 10;
      happen[input]();
    }
    await Promise.resolve();
  };
  const confirmations = () => events.filter((e) => e.kind === 'confirmed');
  const states = () => events.flatMap((e) => (e.kind === 'state' ? [e.result.state] : []));
  return { tracker, run, confirmations, states, replies };
}

/** Every ordering of every subset of the four things that can happen to a message. */
function orderings(items: FateInput[]): FateInput[][] {
  const out: FateInput[][] = [[]];
  items.forEach((item, i) => {
    const rest = items.filter((_, j) => j !== i);
    for (const tail of orderings(rest)) out.push([item, ...tail]);
  });
  return out.filter((o, i) => out.findIndex((p) => p.join() === o.join()) === i);
}

describe('PublishTracker: the fate of one watched message', () => {
  // The orderings that matter, written out; the test below checks all 65 against the rule.
  it.each<[string, Fate | null, number | null]>([
    // sequence              fate afterwards     confirmed, with the echo's latency (ms)
    ['', 'awaiting-ack', null],
    ['ack', 'awaiting-echo', null],
    ['echo', 'echo-parked', null],
    ['ack echo', null, 20],
    ['echo ack', null, 10], // Mosquitto: the echo overtakes the PUBACK; latency is the echo's
    ['echo fail', null, null], // parked, then refused: never confirmed (fixed in 4d39ccd)
    ['fail echo', null, null],
    ['echo close ack', null, 10], // the connection dropped before the PUBACK; resent and acknowledged
    ['close echo ack', null, 20],
    ['echo close fail', null, null], // parked, then discarded from the outbox
    ['ack close echo', null, 30],
    ['close', 'awaiting-ack', null],
  ])('%s → %s, confirmed after %s ms', async (sequence, fate, latencyMs) => {
    const m = oneMessage();
    await m.run(sequence ? (sequence.split(' ') as FateInput[]) : []);
    expect(m.tracker.fateOf(1)).toBe(fate);
    expect(m.confirmations()).toEqual(
      latencyMs === null ? [] : [{ kind: 'confirmed', topic: TOPIC, outboxId: 1, latencyMs }],
    );
  });

  it.each(orderings(['ack', 'echo', 'fail', 'close']).map((o) => [o.join(' ') || '(nothing)', o] as const))(
    '%s: confirmed exactly when acknowledged and echoed before any failure',
    async (_name, inputs) => {
      const m = oneMessage();
      await m.run([...inputs]);
      const before = (a: FateInput, b: FateInput) =>
        inputs.includes(a) && (!inputs.includes(b) || inputs.indexOf(a) < inputs.indexOf(b));
      const confirmed = before('ack', 'fail') && before('echo', 'fail');
      const failed = inputs.includes('fail') && !confirmed;
      expect(m.confirmations()).toHaveLength(confirmed ? 1 : 0);
      // Settled messages are forgotten; the others still wait for what is missing.
      if (confirmed || failed) expect(m.tracker.fateOf(1)).toBeNull();
      else expect(m.tracker.fateOf(1)).not.toBeNull();
      // Awaiting echo: published, not yet delivered back, not failed.
      const echoed = inputs.includes('echo') && before('echo', 'fail');
      expect(m.tracker.awaitingEcho).toBe(echoed || failed ? 0 : 1);
      // Each report up to the settlement is told; the publish promise gets the first one.
      const settledAt = confirmed
        ? Math.max(inputs.indexOf('ack'), inputs.indexOf('echo'))
        : failed
          ? inputs.indexOf('fail')
          : inputs.length;
      const reports = inputs.slice(0, settledAt + 1).filter((i) => i !== 'echo');
      const stateOf = { ack: 'acknowledged', fail: 'failed', close: 'queued' } as const;
      expect(m.states()).toEqual(reports.map((i) => stateOf[i as keyof typeof stateOf]));
      expect(m.replies.map((r) => r.state)).toEqual(m.states().slice(0, 1));
    },
  );
});

describe('PublishTracker: many messages', () => {
  it('confirms identical messages oldest first', () => {
    const events: TrackedEvent[] = [];
    const tracker = new PublishTracker({ now: () => 0, emit: (e) => events.push(e) });
    for (const id of [1, 2]) void tracker.add({ id, topic: TOPIC, payload: Buffer.from(PAYLOAD) }, true);
    tracker.reported(result(2, 'acknowledged'));
    tracker.delivered(TOPIC, Buffer.from(PAYLOAD)); // parks 1, the older
    expect(tracker.fateOf(1)).toBe('echo-parked');
    tracker.delivered(TOPIC, Buffer.from(PAYLOAD)); // confirms 2
    tracker.reported(result(1, 'acknowledged'));
    expect(
      events.filter((e) => e.kind === 'confirmed').map((e) => e.kind === 'confirmed' && e.outboxId),
    ).toEqual([2, 1]);
    expect(tracker.awaitingEcho).toBe(0);
  });

  it('ignores messages it does not watch, other payloads and unknown ids', async () => {
    const m = oneMessage({ watchEcho: false });
    m.tracker.delivered(TOPIC, Buffer.from(PAYLOAD));
    m.tracker.delivered(TOPIC, Buffer.from('{"other":1}'));
    m.tracker.reported(result(99, 'acknowledged'));
    expect(m.tracker.awaitingEcho).toBe(0);
    await m.run(['close']);
    // An unwatched message is forgotten once its publish promise has its answer; no events.
    expect(m.replies.map((r) => r.state)).toEqual(['queued']);
    expect(m.tracker.fateOf(1)).toBeNull();
    expect(m.states()).toEqual([]);
  });

  it('tells a refusal of a watched message (never in the outbox) and nothing for an unwatched one', () => {
    const events: TrackedEvent[] = [];
    const tracker = new PublishTracker({ now: () => 0, emit: (e) => events.push(e) });
    tracker.refused(result(0, 'rejected'), true);
    tracker.refused(result(0, 'rejected'), false);
    expect(events).toEqual([{ kind: 'state', result: result(0, 'rejected') }]);
  });

  it('gives up the oldest acknowledged messages when the broker never delivers them back', () => {
    const tracker = new PublishTracker({ now: () => 0, emit: () => undefined, maxAwaitingEcho: 2 });
    for (const id of [1, 2, 3]) {
      void tracker.add({ id, topic: TOPIC, payload: Buffer.from(`${PAYLOAD}${id}`) }, true);
      tracker.reported(result(id, 'acknowledged'));
    }
    expect([1, 2, 3].map((id) => tracker.fateOf(id))).toEqual([null, 'awaiting-echo', 'awaiting-echo']);
    expect(tracker.awaitingEcho).toBe(2);
    // A message still waiting for its acknowledgement is never given up: its reports must be told.
    void tracker.add({ id: 4, topic: TOPIC, payload: Buffer.from(PAYLOAD) }, true);
    expect(tracker.fateOf(4)).toBe('awaiting-ack');
  });

  it('lists the messages whose publish promise still waits (the outbox answers them when a connection closes)', () => {
    const tracker = new PublishTracker({ now: () => 0, emit: () => undefined });
    for (const id of [1, 2, 3])
      void tracker.add({ id, topic: TOPIC, payload: Buffer.from(PAYLOAD) }, id !== 2);
    tracker.reported(result(3, 'queued'));
    expect(tracker.waitingForReply()).toEqual([1, 2]);
  });
});
