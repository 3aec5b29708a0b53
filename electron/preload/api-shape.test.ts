import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_REQUEST_CHANNEL, REQUEST_METHODS } from '../../shared/ipc/names';

// Electron cannot run here; the preload's only Electron calls are stood in for so we can check
// what it hands the page. Nothing else about Electron is simulated.
const exposed: Record<string, unknown> = {};
const ipcRenderer = {
  invoke: vi.fn(async () => ({ ok: true, value: 'answer' })),
  on: vi.fn(),
  removeListener: vi.fn(),
};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer,
}));

/** Every leaf of the exposed object, as dotted paths. */
function leaves(value: unknown, prefix = ''): Array<[string, unknown]> {
  if (typeof value !== 'object' || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('preload API', () => {
  beforeEach(async () => {
    await import('./index');
  });

  it('exposes one global with named functions only, never ipcRenderer or a generic invoke', () => {
    expect(Object.keys(exposed)).toEqual(['gatewayDiagnostics']);
    const api = leaves(exposed['gatewayDiagnostics']);
    // Exactly one named method per request of the contract, plus the event subscription.
    expect(api.map(([name]) => name).sort()).toEqual([...REQUEST_METHODS, 'events.subscribe'].sort());
    for (const [, value] of api) expect(typeof value).toBe('function');
    expect(JSON.stringify(Object.keys(exposed['gatewayDiagnostics'] as object))).not.toMatch(
      /ipc|invoke|send/i,
    );
  });

  it('has a method for every request of the contract, each sent on the request channel', async () => {
    const api = Object.fromEntries(leaves(exposed['gatewayDiagnostics'])) as Record<
      string,
      () => Promise<unknown>
    >;
    for (const method of REQUEST_METHODS) {
      await expect(api[method]!()).resolves.toEqual({ ok: true, value: 'answer' });
      expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_REQUEST_CHANNEL, method, undefined);
    }
  });

  it('subscribes to event batches and unsubscribes cleanly', () => {
    const api = exposed['gatewayDiagnostics'] as {
      events: { subscribe(l: (b: unknown) => void): () => void };
    };
    const seen: unknown[] = [];
    const unsubscribe = api.events.subscribe((b) => seen.push(b));
    const [[channel, forward]] = ipcRenderer.on.mock.calls as unknown as [
      [string, (e: unknown, b: unknown) => void],
    ];
    expect(channel).toBe(IPC_EVENT_CHANNEL);
    forward({ sender: 'ignored' }, { events: [], dropped: 0 });
    expect(seen).toEqual([{ events: [], dropped: 0 }]);
    unsubscribe();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, forward);
  });
});
