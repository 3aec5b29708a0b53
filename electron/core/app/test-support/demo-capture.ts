import type { GatewayEventView } from '../../../../shared/gateway';
import type { StickChoice } from '../../../../shared/stick-kinds';
import { demoProfile } from '../../demo';
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
