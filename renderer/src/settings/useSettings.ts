import { useCallback, useEffect, useState } from 'react';
import type { GatewayApi } from '../../../shared/ipc/api';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import type { SettingsView } from '../../../shared/settings';
import { isLinkRestored } from '../bridge/link';

export interface SettingsState {
  view: SettingsView | null;
  /** The last request error (e.g. the bridge is unreachable), shown instead of stale data. */
  error: BridgeErrorInfo | null;
  reloading: boolean;
  reload(): void;
}

/** The settings view from main, kept current by `settings.changed` events. */
export function useSettings(api: GatewayApi): SettingsState {
  const [view, setView] = useState<SettingsView | null>(null);
  const [error, setError] = useState<BridgeErrorInfo | null>(null);
  const [reloading, setReloading] = useState(false);

  useEffect(() => {
    let live = true;
    const read = () =>
      void api.settings.get().then((result) => {
        if (!live) return;
        if (result.ok) {
          setView(result.value);
          setError(null);
        } else setError(result.error);
      });
    read();
    const unsubscribe = api.events.subscribe((batch) => {
      if (isLinkRestored(batch)) read();
      for (const event of batch.events) if (event.stream === 'settings.changed') setView(event.payload);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);

  const reload = useCallback(() => {
    setReloading(true);
    void api.settings.reload().then((result) => {
      setReloading(false);
      if (result.ok) {
        setView(result.value);
        setError(null);
      } else setError(result.error);
    });
  }, [api]);

  return { view, error, reloading, reload };
}
