import type { GatewayStatus } from '../../../shared/gateway';
import type { ProfileView } from '../../../shared/settings';
import { ErrorLine } from '../common/ErrorLine';
import { useGatewayStatus, useSettings } from '../store/hooks';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { Subscriptions } from './Subscriptions';
import { useMessageFeed } from './useMessageFeed';
import './messages.css';

/** The MQTT version the running session speaks: what its profile asks for, else what it connected with. */
export function runningProtocol(status: GatewayStatus | null, profiles: ProfileView[] | null): 4 | 5 | null {
  if (!status?.running) return null;
  const profile = profiles?.find((p) => p.name === status.profile);
  return profile?.protocolVersion ?? status.session?.outcome?.protocolVersion ?? null;
}

/** docs/ARCHITECTURE.md § Who it is for, job 3: send a command, config or data message by hand; subscribe and read what comes back. */
export function MessagesScreen() {
  const { value: status, error: statusError } = useGatewayStatus();
  const profiles = useSettings().view?.profiles ?? null;
  const { list, addOwn, clear } = useMessageFeed();
  const running = status?.running ?? false;
  return (
    <div className="messages-screen">
      <ErrorLine
        error={statusError && { message: `Could not read the gateway status: ${statusError.message}` }}
      />
      {!running && (
        <p role="note" className="msg-banner">
          Start a profile first (Live gateway tab): publishing and subscribing use its broker session.
        </p>
      )}
      {running && (
        <p className="muted msg-banner">
          Profile <strong>{status?.profile}</strong> · gateway {status?.gatewayId ?? 'without id'} · session{' '}
          {status?.session?.state ?? 'none'}
        </p>
      )}
      <div className="msg-grid">
        <Composer status={status} protocolVersion={runningProtocol(status, profiles)} onPublished={addOwn} />
        <Subscriptions />
      </div>
      <MessageList list={list} onClear={clear} />
    </div>
  );
}
