import { ErrorLine } from '../common/ErrorLine';
import { useNow } from '../common/useNow';
import { useFeed, useGatewayStatus, usePorts, useSettings } from '../store/hooks';
import { CapturePanel } from './CapturePanel';
import { ConnectionCard } from './ConnectionCard';
import { MessagesCard } from './MessagesCard';
import { MetersSection } from './MetersSection';
import { pathSteps } from './path-summary';
import { PathSummary } from './PathSummary';
import { RadioCard } from './RadioCard';
import { StartBar } from './StartBar';
import { TelegramList } from './TelegramList';
import { gatewayHistory } from './gateway-history';
import { useCaptureControl } from './useCaptureControl';
import { useGatewayControl } from './useGatewayControl';
import { useMeterEditing } from './useMeterEditing';
import './live.css';
import './live-lists.css';

/** The technician's live view: start bar, the path at a glance, then radio, meters and cloud in detail. */
export function LiveScreen() {
  const history = useFeed(gatewayHistory);
  const loadError = useGatewayStatus().error;
  const settings = useSettings();
  const control = useGatewayControl();
  const capture = useCaptureControl();
  const ports = usePorts();
  const editing = useMeterEditing();
  const now = useNow();
  const status = history.status;
  const idle =
    !status?.running && !status?.replay && control.pending === null && history.telegramsReceived === 0;

  return (
    <div className="live" data-running={status?.running ?? false}>
      <StartBar
        profiles={settings.view?.profiles ?? null}
        profilesError={settings.error}
        ports={ports}
        status={status}
        control={control}
      />
      <CapturePanel status={status} control={capture} />
      <ErrorLine error={loadError} />
      {history.eventsLost > 0 && (
        <p className="problem" role="status">
          {history.eventsLost} events were skipped because this window fell behind; the counts on the meter
          cards are still complete.
        </p>
      )}
      {idle ? (
        <p className="getting-started" role="note">
          Pick the <strong>Demo</strong> profile and press <strong>Start</strong> to see the whole path work:
          simulated OmniPower and Multical 21 meters, a simulated iM871A stick and a built-in broker. With a
          real stick, choose its port and your broker's profile.
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
