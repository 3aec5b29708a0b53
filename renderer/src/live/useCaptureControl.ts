import { useCallback, useEffect, useState } from 'react';
import type { CaptureListView } from '../../../shared/capture';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import { useGatewayApi, useGatewayStore, useStatusRequest, useStoreState } from '../store/hooks';
import { gatewayHistory, startNewRun } from './gateway-history';

type CaptureAction = 'record' | 'stop-recording' | 'open' | 'control' | 'stop-replay';

export interface CaptureControl {
  pending: CaptureAction | null;
  error: BridgeErrorInfo | null;
  /** The captures folder and its files, newest first; null until read. */
  list: CaptureListView | null;
  listError: BridgeErrorInfo | null;
  refreshList(): void;
  record(): void;
  stopRecording(): void;
  openReplay(name: string, speed: number | null): void;
  setPaused(paused: boolean): void;
  setSpeed(speed: number | null): void;
  stopReplay(): void;
}

/**
 * Recording and replaying from the Live gateway screen. Every request answers with a fresh status,
 * which goes to the store as Start's does; the captures folder is read when the panel opens and
 * after each change of what is in it.
 */
export function useCaptureControl(): CaptureControl {
  const store = useGatewayStore();
  const api = useGatewayApi();
  const { pending, error, run } = useStatusRequest<CaptureAction>();
  const [list, setList] = useState<CaptureListView | null>(null);
  const [listError, setListError] = useState<BridgeErrorInfo | null>(null);

  const refreshList = useCallback(() => {
    void api.capture.list().then((result) => {
      if (result.ok) setList(result.value);
      setListError(result.ok ? null : result.error);
    });
  }, [api]);
  // Read when the panel opens and whenever a recording starts or ends (also by the gateway's Stop).
  const recordingFile = useStoreState((state) => state.gateway.value?.capture?.file ?? null);
  useEffect(refreshList, [refreshList, recordingFile]);

  const record = useCallback(() => void run('record', (a) => a.capture.start()), [run]);
  const stopRecording = useCallback(() => void run('stop-recording', (a) => a.capture.stop()), [run]);
  const openReplay = useCallback(
    (name: string, speed: number | null) => {
      // A replay is a new run for the screens: its telegrams are not mixed with the last run's.
      store.updateFeed(gatewayHistory, startNewRun);
      void run('open', (a) => a.replay.open({ name, speed }));
    },
    [store, run],
  );
  const setPaused = useCallback(
    (paused: boolean) => void run('control', (a) => a.replay.control({ paused })),
    [run],
  );
  const setSpeed = useCallback(
    (speed: number | null) => void run('control', (a) => a.replay.control({ speed })),
    [run],
  );
  const stopReplay = useCallback(() => void run('stop-replay', (a) => a.gateway.stop()), [run]);

  return {
    pending,
    error,
    list,
    listError,
    refreshList,
    record,
    stopRecording,
    openReplay,
    setPaused,
    setSpeed,
    stopReplay,
  };
}
