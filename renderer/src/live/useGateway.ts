import { useCallback, useEffect, useState } from 'react';
import type { GatewayStatus } from '../../../shared/gateway';
import type { GatewayApi } from '../../../shared/ipc/api';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import { isLinkRestored } from '../bridge/link';
import {
  applyBatch,
  emptyHistory,
  replaceStatus,
  startNewRun,
  withStatus,
  type GatewayHistory,
} from './gateway-history';

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
    const read = (afterOutage: boolean) =>
      void api.gateway.status().then((result) => {
        if (!live) return;
        if (!result.ok) return setLoadError(result.error);
        setLoadError(null);
        // After an outage the core may have restarted (its revisions start again at 1): take the
        // answer as it is. Otherwise a snapshot that came while the request was in flight is newer.
        setHistory((h) =>
          afterOutage ? replaceStatus(h, result.value) : h.status ? h : withStatus(h, result.value),
        );
      });
    // Subscribe first: a snapshot that arrives while the request is in flight is newer than its answer.
    const unsubscribe = api.events.subscribe((batch) => {
      if (isLinkRestored(batch)) read(true);
      else setHistory((h) => applyBatch(h, batch));
    });
    read(false);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);

  const acceptStatus = useCallback((status: GatewayStatus) => setHistory((h) => withStatus(h, status)), []);
  const clearForNewRun = useCallback(() => setHistory(startNewRun), []);

  return { history, loadError, acceptStatus, clearForNewRun };
}
