import { afterEach, describe, expect, it } from 'vitest';
import type { GatewayStatus } from '../../../shared/gateway';
import type { EventBatch } from '../../../shared/ipc/contract';
import { batchProblems } from '../../../shared/test-support/boundary-checks';
import type { AppCore } from './app-core';
import { APP_ORIGIN as APP, createTestAppCore } from './app-core-test-support';
import {
  DEMO_FADING_NEIGHBOUR,
  DEMO_FAR_NEIGHBOUR,
  DEMO_METER,
  DEMO_NEIGHBOUR,
  DEMO_WATER_METER,
} from '../demo';
import { eventually } from '../mqtt/test-support/fixtures';

// Meters in range reach the UI in the status snapshot: every meter the demo's virtual stick plays,
// monitored or not, one of them falling silent; kept after Stop.

let core: AppCore | undefined;
const problems: string[] = [];
afterEach(async () => {
  await core?.dispose();
  expect(problems.splice(0)).toEqual([]);
});

describe('the survey in the gateway status', () => {
  it('lists every meter heard with its survey, keeps it after Stop and drops it at the next Start', async () => {
    core = createTestAppCore({ demoIntervalMs: 40 });
    const batches: EventBatch[] = [];
    core.events.subscribe((b) => {
      batches.push(b);
      problems.push(...batchProblems(b));
    });
    const call = (method: string, input?: unknown) => core!.router.handle({ origin: APP }, method, input);
    const lastStatus = () =>
      batches
        .flatMap((b) => b.events)
        .filter((e) => e.stream === 'gateway.status')
        .at(-1)?.payload as GatewayStatus | undefined;

    const before = (await call('gateway.status')) as { ok: true; value: GatewayStatus };
    expect(before.value.survey).toBeNull();
    await call('gateway.start', { profile: 'demo', port: 'virtual' });
    const silentSeen = () =>
      lastStatus()?.survey?.meters.some((m) => m.deviceId === DEMO_FADING_NEIGHBOUR.id && m.silent) ?? false;
    await eventually(silentSeen, 15_000, 'the fading neighbour silent in a snapshot');

    const survey = lastStatus()!.survey!;
    expect(survey.endedAt).toBeNull();
    const byId = new Map(survey.meters.map((m) => [m.deviceId, m]));
    expect([...byId.keys()].sort()).toEqual(
      [
        DEMO_METER.id,
        DEMO_NEIGHBOUR.id,
        DEMO_WATER_METER.id,
        DEMO_FAR_NEIGHBOUR.id,
        DEMO_FADING_NEIGHBOUR.id,
      ].sort(),
    );
    expect(byId.get(DEMO_METER.id)).toMatchObject({ monitored: true, keyHeld: true, driver: 'omnipower' });
    expect(byId.get(DEMO_METER.id)!.frameKinds).toContain('compact');
    expect(byId.get(DEMO_NEIGHBOUR.id)).toMatchObject({ monitored: false, keyHeld: false, frameKinds: [] });
    expect(byId.get(DEMO_FAR_NEIGHBOUR.id)).toMatchObject({ driver: 'multical21', verdict: 'weak' });
    expect(byId.get(DEMO_METER.id)!.verdict).toBe('good');
    expect(byId.get(DEMO_METER.id)!.silent).toBe(false);
    // The far neighbour sends half as often as the demo meter.
    const ratio = byId.get(DEMO_FAR_NEIGHBOUR.id)!.intervalS! / byId.get(DEMO_METER.id)!.intervalS!;
    expect(ratio).toBeGreaterThan(1.4);
    expect(ratio).toBeLessThan(2.8);

    const stopped = (await call('gateway.stop')) as { ok: true; value: GatewayStatus };
    expect(stopped.value.running).toBe(false);
    expect(stopped.value.survey?.endedAt).not.toBeNull();
    expect(stopped.value.survey?.meters).toHaveLength(5);

    const restarted = (await call('gateway.start', { profile: 'demo', port: 'virtual' })) as {
      ok: true;
      value: GatewayStatus;
    };
    expect(restarted.value.survey).toMatchObject({ endedAt: null });
    expect(restarted.value.survey!.meters).toHaveLength(0);
  });
});
