// Sandboxed preload: exposes the contract's named methods, never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createGatewayApi } from '../../shared/ipc/api';
import type { EventBatch } from '../../shared/ipc/contract';
import { API_GLOBAL, IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL } from '../../shared/ipc/names';
import type { Result } from '../../shared/ipc/result';

const api = createGatewayApi({
  invoke: (method, input) =>
    ipcRenderer.invoke(IPC_REQUEST_CHANNEL, method, input) as Promise<Result<unknown>>,
  subscribe(listener) {
    const forward = (_event: IpcRendererEvent, batch: EventBatch) => listener(batch);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
});

contextBridge.exposeInMainWorld(API_GLOBAL, api);
