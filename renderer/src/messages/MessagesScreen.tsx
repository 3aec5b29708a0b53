import type { GatewayApi } from '../../../shared/ipc/api';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { Subscriptions } from './Subscriptions';
import { useMessageFeed } from './useMessageFeed';
import './messages.css';

/** DESIGN §1 job 3: send a command, config or data message by hand; subscribe and read what comes back. */
export function MessagesScreen({ api }: { api: GatewayApi }) {
  const { status, list, addOwn, clear } = useMessageFeed(api);
  const running = status?.running ?? false;
  return (
    <div className="messages-screen">
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
        <Composer api={api} status={status} onPublished={addOwn} />
        <Subscriptions api={api} />
      </div>
      <MessageList list={list} onClear={clear} />
    </div>
  );
}
