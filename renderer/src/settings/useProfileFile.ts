import { useCallback, useEffect, useState } from 'react';
import type { ProfileFile } from '../../../shared/profile-form';
import type { BridgeErrorInfo, Result } from '../../../shared/ipc/result';
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
  const apply = useCallback((result: Result<ProfileFile>): ProfileFile | null => {
    setError(result.ok ? null : result.error);
    if (!result.ok) return null;
    setFile(result.value);
    return result.value;
  }, []);
  const refresh = useCallback(async () => apply(await api.profiles.read()), [api, apply]);
  useEffect(() => {
    let current = true;
    void api.profiles.read().then((result) => current && apply(result));
    return () => {
      current = false;
    };
  }, [api, apply, loadedAt]);
  return { file, error, refresh, replace: setFile };
}
