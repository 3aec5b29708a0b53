import { useCallback, useState } from 'react';
import type { GatewayStatus } from '../../../shared/gateway';
import type { GatewayApi } from '../../../shared/ipc/api';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import type { MeterDraft } from './meter-input';

export interface MeterEditing {
  busy: boolean;
  error: BridgeErrorInfo | null;
  /** Resolves true when the meter was added (the form then clears itself). */
  add(draft: MeterDraft): Promise<boolean>;
  remove(deviceId: string): void;
}

/** `meters.add` / `meters.remove`; the answer (a fresh status) goes straight to the screen. */
export function useMeterEditing(api: GatewayApi, onStatus: (status: GatewayStatus) => void): MeterEditing {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<BridgeErrorInfo | null>(null);

  const add = useCallback(
    async (draft: MeterDraft) => {
      setBusy(true);
      setError(null);
      const result = await api.meters.add(draft);
      setBusy(false);
      if (!result.ok) {
        setError(result.error);
        return false;
      }
      onStatus(result.value);
      return true;
    },
    [api, onStatus],
  );

  const remove = useCallback(
    (deviceId: string) => {
      setBusy(true);
      setError(null);
      void api.meters.remove({ deviceId }).then((result) => {
        setBusy(false);
        if (result.ok) onStatus(result.value);
        else setError(result.error);
      });
    },
    [api, onStatus],
  );

  return { busy, error, add, remove };
}
