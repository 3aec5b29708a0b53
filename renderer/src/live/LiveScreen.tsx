import type { GatewayApi } from '../../../shared/ipc/api';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import type { ProfileView } from '../../../shared/settings';
import { ConnectionCard } from './ConnectionCard';
import { MessagesCard } from './MessagesCard';
import { MetersSection } from './MetersSection';
import { pathSteps } from './path-summary';
import { PathSummary } from './PathSummary';
import { RadioCard } from './RadioCard';
import { StartBar } from './StartBar';
import { ErrorLine } from '../common/StatusDot';
import { TelegramList } from './TelegramList';
import { useGateway } from './useGateway';
import { useGatewayControl } from './useGatewayControl';
import { useMeterEditing } from './useMeterEditing';
import { useNow } from '../common/useNow';
import { usePorts } from './usePorts';
import './live.css';
import './live-lists.css';

/** The technician's live view: start bar, the path at a glance, then radio, meters and cloud in detail. */
export function LiveScreen({
  api,
  profiles,
  profilesError = null,
}: {
  api: GatewayApi;
  profiles: ProfileView[] | null;
  /** Why the profiles could not be read (shown here too: the Profiles tab may not be open). */
  profilesError?: BridgeErrorInfo | null;
}) {
  const gateway = useGateway(api);
  const control = useGatewayControl(api, gateway);
  const ports = usePorts(api);
  const editing = useMeterEditing(api, gateway.acceptStatus);
  const now = useNow();
  const { history } = gateway;
  const status = history.status;
  const idle = !status?.running && control.pending === null && history.telegramsReceived === 0;

  return (
    <div className="live" data-running={status?.running ?? false}>
      <StartBar
        profiles={profiles}
        profilesError={profilesError}
        ports={ports}
        status={status}
        control={control}
      />
      <ErrorLine error={gateway.loadError} />
      {history.eventsLost > 0 && (
        <p className="problem" role="status">
          {history.eventsLost} events were skipped because this window fell behind; the counts on the meter
          cards are still complete.
        </p>
      )}
      {idle ? (
        <p className="getting-started" role="note">
          Pick the <strong>Demo</strong> profile and press <strong>Start</strong> to see the whole path work:
          a simulated OmniPower meter, a simulated iM871A stick and a built-in broker. With a real stick,
          choose its port and your broker's profile.
        </p>
      ) : (
        <PathSummary steps={pathSteps(status, history.messages, history.telegramsReceived)} />
      )}
      <div className="live-grid">
        <ConnectionCard status={status} timeline={history.timeline} now={now} />
        <RadioCard status={status} telegrams={history.telegrams} now={now} />
        <MetersSection status={status} series={history.series} editing={editing} now={now} />
        <TelegramList rows={history.telegrams} received={history.telegramsReceived} />
        <MessagesCard
          log={history.messages}
          notices={history.notices}
          awaitingEcho={status?.awaitingEcho ?? null}
        />
      </div>
    </div>
  );
}
