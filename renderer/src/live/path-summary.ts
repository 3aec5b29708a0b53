import type { GatewayStatus } from '../../../shared/gateway';
import { sessionStateLabel, sessionStateTone, stickStateLabel, stickStateTone, type Tone } from './labels';
import type { MessageLog } from './message-log';

export interface PathStep {
  id: 'meter' | 'radio' | 'broker' | 'cloud';
  title: string;
  tone: Tone;
  text: string;
}

/** The whole path at a glance: meter → radio → broker → confirmed in the cloud. */
export function pathSteps(
  status: GatewayStatus | null,
  messages: MessageLog,
  telegramsReceived: number,
): PathStep[] {
  const decoded = (status?.meters ?? []).filter((m) => m.monitored && m.counts.ok > 0);
  const meter: PathStep =
    decoded.length > 0
      ? {
          id: 'meter',
          title: 'Meter',
          tone: 'ok',
          text: `${decoded.map((m) => m.deviceId).join(', ')} decoded`,
        }
      : telegramsReceived > 0
        ? { id: 'meter', title: 'Meter', tone: 'warn', text: 'heard, nothing decoded yet' }
        : { id: 'meter', title: 'Meter', tone: 'muted', text: 'no telegram yet' };

  const stick = status?.stick;
  const radio: PathStep = stick
    ? { id: 'radio', title: 'Radio', tone: stickStateTone(stick.state), text: stickStateLabel(stick.state) }
    : { id: 'radio', title: 'Radio', tone: 'muted', text: 'stick not open' };

  const session = status?.session;
  const broker: PathStep = session
    ? {
        id: 'broker',
        title: 'Broker',
        tone: sessionStateTone(session.state),
        text: sessionStateLabel(session.state),
      }
    : { id: 'broker', title: 'Broker', tone: 'muted', text: 'not connected' };

  const { published, confirmed } = messages.totals;
  const cloud: PathStep =
    confirmed > 0
      ? { id: 'cloud', title: 'Cloud', tone: 'ok', text: `${confirmed} of ${published} confirmed by echo` }
      : published > 0
        ? { id: 'cloud', title: 'Cloud', tone: 'busy', text: `${published} published, waiting for echo` }
        : { id: 'cloud', title: 'Cloud', tone: 'muted', text: 'nothing published yet' };

  return [meter, radio, broker, cloud];
}
