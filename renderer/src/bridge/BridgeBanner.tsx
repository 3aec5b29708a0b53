import { useBridgeLink } from '../store/hooks';

/** Shown while the core cannot be reached; requests made meanwhile fail with their own message. */
export function BridgeBanner() {
  const link = useBridgeLink();
  if (!link.lost) return null;
  return (
    <div className="bridge-banner" role="alert" data-bridge="lost">
      <strong>Connection to the app lost — reconnecting…</strong>{' '}
      <span>
        Nothing shown here is updated until it is back. Is <code>npm run web</code> still running? If you
        restarted it, open the new address it printed.
      </span>
    </div>
  );
}
