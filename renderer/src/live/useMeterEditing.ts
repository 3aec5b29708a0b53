import { useCallback } from 'react';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import { useStatusRequest } from '../store/hooks';
import type { MeterDraft } from './meter-input';

export interface MeterEditing {
  busy: boolean;
  error: BridgeErrorInfo | null;
  /** Resolves true when the meter was added (the form then clears itself). */
  add(draft: MeterDraft): Promise<boolean>;
  remove(deviceId: string): void;
}

/** `meters.add` / `meters.remove`; the answer (a fresh status) goes straight to the store. */
export function useMeterEditing(): MeterEditing {
  const { pending, error, run } = useStatusRequest<'add' | 'remove'>();
  const add = useCallback((draft: MeterDraft) => run('add', (api) => api.meters.add(draft)), [run]);
  const remove = useCallback(
    (deviceId: string) => void run('remove', (api) => api.meters.remove({ deviceId })),
    [run],
  );
  return { busy: pending !== null, error, add, remove };
}
