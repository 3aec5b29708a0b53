import { useCallback, useState } from 'react';
import type { LinkMode } from '../../../shared/gateway';
import type { GatewayApi } from '../../../shared/ipc/api';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import type { PendingAction } from './start-progress';
import type { GatewayState } from './useGateway';

export interface StartChoice {
  profile: string;
  port: string;
  linkMode: LinkMode;
}

export interface GatewayControl {
  pending: PendingAction;
  error: BridgeErrorInfo | null;
  start(choice: StartChoice): void;
  stop(): void;
}

/** Start and Stop, with the request in flight and its failure kept for the start bar to show. */
export function useGatewayControl(api: GatewayApi, gateway: GatewayState): GatewayControl {
  const [pending, setPending] = useState<PendingAction>(null);
  const [error, setError] = useState<BridgeErrorInfo | null>(null);
  const { acceptStatus, clearForNewRun } = gateway;

  const start = useCallback(
    (choice: StartChoice) => {
      setPending('start');
      setError(null);
      clearForNewRun();
      void api.gateway.start(choice).then((result) => {
        setPending(null);
        if (result.ok) acceptStatus(result.value);
        else setError(result.error);
      });
    },
    [api, acceptStatus, clearForNewRun],
  );

  const stop = useCallback(() => {
    setPending('stop');
    setError(null);
    void api.gateway.stop().then((result) => {
      setPending(null);
      if (result.ok) acceptStatus(result.value);
      else setError(result.error);
    });
  }, [api, acceptStatus]);

  return { pending, error, start, stop };
}
