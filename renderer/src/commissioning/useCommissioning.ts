import { useEffect, useState } from 'react';
import type { GatewayApi } from '../../../shared/ipc/api';
import { applyBatch, emptyFacts, withStatus, type Facts } from './checklist';

/** Status and publish/echo facts from `gateway.status` and `gateway.event` batches. */
export function useCommissioning(api: GatewayApi): { facts: Facts; loadError: string | null } {
  const [facts, setFacts] = useState<Facts>(emptyFacts);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // Subscribe first: a snapshot that arrives while the request is in flight is newer than its answer.
    const unsubscribe = api.events.subscribe((batch) =>
      setFacts((f) => applyBatch(f, batch, new Date().toISOString())),
    );
    void api.gateway.status().then((result) => {
      if (!live) return;
      if (result.ok) {
        setLoadError(null);
        setFacts((f) => withStatus(f, result.value, new Date().toISOString()));
      } else setLoadError(result.error.message);
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);
  return { facts, loadError };
}
