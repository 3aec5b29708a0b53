import { useCallback } from 'react';
import type { LinkMode } from '../../../shared/gateway';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import type { StickChoice } from '../../../shared/stick-kinds';
import { useGatewayStore, useStatusRequest } from '../store/hooks';
import { gatewayHistory, startNewRun } from './gateway-history';
import type { PendingAction } from './start-progress';

export interface StartChoice {
  profile: string;
  port: string;
  linkMode: LinkMode;
  /** Which stick driver: 'auto' finds out from the USB ids, then by probing (for the virtual port: an iM871A). */
  stick?: StickChoice;
}

export interface GatewayControl {
  pending: PendingAction;
  error: BridgeErrorInfo | null;
  start(choice: StartChoice): void;
  stop(): void;
}

/** Start and Stop, with the request in flight and its failure kept for the start bar to show. */
export function useGatewayControl(): GatewayControl {
  const store = useGatewayStore();
  const { pending, error, run } = useStatusRequest<'start' | 'stop'>();

  const start = useCallback(
    (choice: StartChoice) => {
      // Empty the lists first, so the new run's first events are not mixed with the last run's.
      store.updateFeed(gatewayHistory, startNewRun);
      void run('start', (api) => api.gateway.start(choice));
    },
    [store, run],
  );
  const stop = useCallback(() => void run('stop', (api) => api.gateway.stop()), [run]);

  return { pending, error, start, stop };
}
