import { useEffect, useState } from 'react';
import type { GatewayApi } from '../../../shared/ipc/api';
import { isLinkRestored } from '../bridge/link';
import { applyBatch, emptyFacts, replaceStatus, withStatus, type Facts } from './checklist';

/** Status and publish/echo facts from `gateway.status` and `gateway.event` batches. */
export function useCommissioning(api: GatewayApi): { facts: Facts; loadError: string | null } {
  const [facts, setFacts] = useState<Facts>(emptyFacts);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const read = (afterOutage: boolean) =>
      void api.gateway.status().then((result) => {
        if (!live) return;
        if (!result.ok) return setLoadError(result.error.message);
        setLoadError(null);
        const take = afterOutage ? replaceStatus : withStatus;
        setFacts((f) => take(f, result.value, new Date().toISOString()));
      });
    // Subscribe first: a snapshot that arrives while the request is in flight is newer than its answer.
    const unsubscribe = api.events.subscribe((batch) => {
      if (isLinkRestored(batch)) read(true);
      setFacts((f) => applyBatch(f, batch, new Date().toISOString()));
    });
    read(false);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);
  return { facts, loadError };
}
