import { useCallback, useEffect, useState } from 'react';
import type { SerialPortView } from '../../../shared/gateway';
import type { GatewayApi } from '../../../shared/ipc/api';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import { isLinkRestored } from '../bridge/link';

export interface PortsState {
  ports: SerialPortView[] | null;
  error: BridgeErrorInfo | null;
  refreshing: boolean;
  refresh(): void;
}

/** Serial ports from `ports.list` (the iM871A first, the virtual stick included); refreshed on demand. */
export function usePorts(api: GatewayApi): PortsState {
  const [ports, setPorts] = useState<SerialPortView[] | null>(null);
  const [error, setError] = useState<BridgeErrorInfo | null>(null);
  const [refreshing, setRefreshing] = useState(true);

  const fetchPorts = useCallback(
    (isLive: () => boolean) =>
      api.ports.list().then((result) => {
        if (!isLive()) return;
        setRefreshing(false);
        if (result.ok) {
          setPorts(result.value);
          setError(null);
        } else setError(result.error);
      }),
    [api],
  );

  useEffect(() => {
    let live = true;
    void fetchPorts(() => live);
    // A port plugged in while the link was down, or an error from then, must not linger.
    const unsubscribe = api.events.subscribe((batch) => {
      if (isLinkRestored(batch)) void fetchPorts(() => live);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api, fetchPorts]);

  const refresh = useCallback(() => {
    setRefreshing(true);
    void fetchPorts(() => true);
  }, [fetchPorts]);

  return { ports, error, refreshing, refresh };
}
