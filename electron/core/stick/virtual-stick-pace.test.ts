import { describe, expect, it } from 'vitest';
import { parseLinkHeader } from '../wmbus';
import { decodeHciFrame, encodeSetConfigRequest } from './index';
import type { SimulatedMeterSpec } from './simulated-meter';
import { VirtualStick } from './virtual-stick';

// The virtual stick as a survey needs it: meters at their own pace and signal, one that falls silent.

/** Timers that run when the test says time has passed, in time order. */
function manualClock() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    timers: {
      setTimeout: (run: () => void, ms: number) => {
        pending.set(next, { at: now + ms, run });
        return next++;
      },
      clearTimeout: (handle: unknown) => void pending.delete(handle as number),
    },
    advanceTo(until: number) {
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, t]) => t.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = until;
    },
  };
}

function heardOn(meters: SimulatedMeterSpec[], forMs: number) {
  const clock = manualClock();
  const stick = new VirtualStick({
    meters,
    intervalMs: 1000,
    now: clock.now,
    timers: clock.timers,
    random: () => 0.5,
  });
  const heard: Array<{ id: string; at: number; rssi: number }> = [];
  stick.onData((bytes) => {
    const frame = decodeHciFrame(bytes);
    if (frame.endpoint !== 2) return;
    heard.push({ id: parseLinkHeader(frame.payload).id, at: clock.now(), rssi: frame.rssi! });
  });
  stick.receive(encodeSetConfigRequest({ linkMode: 'c1a', rssi: true }));
  stick.start();
  clock.advanceTo(forMs);
  return heard;
}

const key = Buffer.alloc(16, 3);

describe('VirtualStick pace and silence', () => {
  it('sends each meter at its own pace and around its own signal', () => {
    const heard = heardOn(
      [
        { id: '11111111', key, rssi: 120 },
        { id: '22222222', key, rssi: 60, intervalFactor: 3 },
      ],
      30_000,
    );
    const of = (id: string) => heard.filter((h) => h.id === id);
    expect(of('11111111')).toHaveLength(30);
    expect(of('22222222')).toHaveLength(10);
    const gaps = of('22222222').map((h, i, all) => (i === 0 ? null : h.at - all[i - 1]!.at));
    expect(gaps.slice(1).every((g) => Math.abs(g! - 3000) < 1e-6)).toBe(true);
    expect(of('22222222').every((h) => Math.abs(h.rssi - 60) <= 4)).toBe(true);
    expect(of('11111111').every((h) => Math.abs(h.rssi - 120) <= 4)).toBe(true);
  });

  it('lets a meter fall silent after its last telegram while the others go on', () => {
    const heard = heardOn(
      [
        { id: '11111111', key },
        { id: '33333333', key, silentAfter: 4 },
      ],
      20_000,
    );
    expect(heard.filter((h) => h.id === '33333333')).toHaveLength(4);
    expect(heard.filter((h) => h.id === '11111111')).toHaveLength(20);
    const lastOfSilent = heard.filter((h) => h.id === '33333333').at(-1)!.at;
    expect(heard.some((h) => h.id === '11111111' && h.at > lastOfSilent + 10_000)).toBe(true);
  });
});
