import { useCallback, useEffect, useState } from 'react';
import type { ProfileFile } from '../../../shared/profile-form';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import { useGatewayApi } from '../store/hooks';

export interface ProfileFileState {
  file: ProfileFile | null;
  error: BridgeErrorInfo | null;
  /** Reads the file again; resolves with what was read (null on failure). */
  refresh(): Promise<ProfileFile | null>;
  /** After a save or delete, main answers with the file as it is now. */
  replace(file: ProfileFile): void;
}

/** The settings file as the profile form edits it, read again whenever main reloads the settings. */
export function useProfileFile(loadedAt: string | null): ProfileFileState {
  const api = useGatewayApi();
  const [file, setFile] = useState<ProfileFile | null>(null);
  const [error, setError] = useState<BridgeErrorInfo | null>(null);
  const refresh = useCallback(async () => {
    const result = await api.profiles.read();
    setError(result.ok ? null : result.error);
    if (!result.ok) return null;
    setFile(result.value);
    return result.value;
  }, [api]);
  useEffect(() => {
    void refresh();
  }, [refresh, loadedAt]);
  return { file, error, refresh, replace: setFile };
}
