import type { GatewayEventView } from '../../../../shared/gateway';
import type { StickChoice } from '../../../../shared/stick-kinds';
import { expect } from 'vitest';
import { runCliCaptured } from '../../../cli/test-support';
import { DEMO_METER, DEMO_WATER_METER, demoProfile } from '../../demo';
import { eventually, memoryLogger } from '../../mqtt/test-support/fixtures';
import { CaptureRecording } from '../capture-recording';
import { launchGateway } from '../launch-gateway';

type TelegramEvent = Extract<GatewayEventView, { event: 'telegram' }>;

/**
 * Records the demo on a virtual stick into `file` until `enough` says so: the telegrams the live
 * gateway decoded and the topics it saw confirmed, for a replay to be compared with.
 */
export async function recordDemoCapture(
  file: string,
  stick: StickChoice,
  enough: (live: TelegramEvent[], confirmed: string[]) => boolean,
): Promise<{ live: TelegramEvent[]; confirmed: string[] }> {
  const live: TelegramEvent[] = [];
  const confirmed: string[] = [];
  const runtime = await launchGateway({
    profile: demoProfile(),
    port: 'virtual',
    stick,
    linkMode: 'c1a',
    meters: null,
    virtualIntervalMs: 60,
    outboxFile: null,
    logger: memoryLogger(),
  });
  const recording = await CaptureRecording.start(runtime, { file, app: 'Gateway Diagnostics test' });
  runtime.pipeline.onEvent((event) => {
    if (event.event === 'telegram') live.push(event);
    if (event.event === 'confirmed') confirmed.push(event.topic);
  });
  runtime.start();
  await eventually(() => enough(live, confirmed), 15_000, 'telegrams and confirmed messages');
  await runtime.stop();
  await recording.stop();
  return { live, confirmed };
}

/** What must agree between live and replay, per telegram. */
export const essence = (e: { deviceId?: unknown; ok?: unknown; values?: unknown }) => [
  e.deviceId,
  e.ok,
  e.values,
];

/**
 * `cli replay` of `file` with the demo meters' keys: the live gateway's values and signal for every
 * telegram, each read in `framing` (the stick's own frames).
 */
export async function expectCliReplayMatchesLive(
  file: string,
  live: TelegramEvent[],
  framing: 'hci' | 'iu891a',
): Promise<void> {
  const meters = [DEMO_METER, DEMO_WATER_METER].flatMap((m) => ['--meter', `${m.id}=${m.keyHex}`]);
  const run = await runCliCaptured(['replay', file, ...meters]);
  expect(run.code).toBe(0);
  expect(
    run.stdout.map((line) => [line['meter']?.id ?? null, line['ok'], line['ok'] ? line['values'] : null]),
  ).toEqual(live.map(essence));
  expect(run.stdout.every((line) => line['framing'] === framing)).toBe(true);
  expect(run.stdout.map((line) => line['rssiDbm'])).toEqual(live.map((e) => e.rssiDbm));
  expect(run.stderr).toContain(`replayed ${live.length} telegrams`);
}
