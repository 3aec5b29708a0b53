import { useCallback, useEffect, useState } from 'react';
import type { GatewayStatus } from '../../../shared/gateway';
import type { GatewayApi } from '../../../shared/ipc/api';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import { applyBatch, emptyHistory, startNewRun, withStatus, type GatewayHistory } from './gateway-history';

export interface GatewayState {
  history: GatewayHistory;
  /** Why the first status could not be read (e.g. the bridge is down). */
  loadError: BridgeErrorInfo | null;
  /** Take a status from a request's answer. */
  acceptStatus(status: GatewayStatus): void;
  /** Empty the lists before a new run, so its first events are not mixed with the last run's. */
  clearForNewRun(): void;
}

/** The gateway's status and bounded event history, from `gateway.status` and `gateway.event` batches. */
export function useGateway(api: GatewayApi): GatewayState {
  const [history, setHistory] = useState<GatewayHistory>(emptyHistory);
  const [loadError, setLoadError] = useState<BridgeErrorInfo | null>(null);

  useEffect(() => {
    let live = true;
    // Subscribe first: a snapshot that arrives while the request is in flight is newer than its answer.
    const unsubscribe = api.events.subscribe((batch) => setHistory((h) => applyBatch(h, batch)));
    void api.gateway.status().then((result) => {
      if (!live) return;
      if (result.ok) {
        setLoadError(null);
        setHistory((h) => (h.status ? h : withStatus(h, result.value)));
      } else setLoadError(result.error);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);

  const acceptStatus = useCallback((status: GatewayStatus) => setHistory((h) => withStatus(h, status)), []);
  const clearForNewRun = useCallback(() => setHistory(startNewRun), []);

  return { history, loadError, acceptStatus, clearForNewRun };
}
