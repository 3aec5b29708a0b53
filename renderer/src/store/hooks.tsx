// How components use the gateway store: one provider at the root, small selector hooks below it.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { GatewayStatus, SerialPortView } from '../../../shared/gateway';
import type { GatewayApi } from '../../../shared/ipc/api';
import type { AppInfo, EventBatch } from '../../../shared/ipc/contract';
import type { BridgeErrorInfo, Result } from '../../../shared/ipc/result';
import type { SettingsView } from '../../../shared/settings';
import { useLatest } from '../common/useLatest';
import type { Feed } from './feed';
import type { BridgeLink, GatewayStore, GatewayStoreState, Loaded } from './gateway-store';

const StoreContext = createContext<GatewayStore | null>(null);

/** Makes `store` available below and keeps it connected to the core while mounted. */
export function GatewayStoreProvider({ store, children }: { store: GatewayStore; children: ReactNode }) {
  useEffect(() => store.connect(), [store]);
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useGatewayStore(): GatewayStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useGatewayStore: render this component inside <GatewayStoreProvider>.');
  return store;
}

/** The API for requests whose answer only the asking screen needs (publish, explain…). */
export const useGatewayApi = (): GatewayApi => useGatewayStore().api;

/** One part of the store's state; `select` must return a part as stored, not a new object. */
export function useStoreState<T>(select: (state: GatewayStoreState) => T): T {
  const store = useGatewayStore();
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}

export const useGatewayStatus = (): Loaded<GatewayStatus> => useStoreState((s) => s.gateway);
export const useBridgeLink = (): BridgeLink => useStoreState((s) => s.link);
export const useAppInfo = (): Loaded<AppInfo> => useStoreState((s) => s.info);

export interface SettingsState {
  view: SettingsView | null;
  /** The last request error (e.g. the bridge is unreachable), shown instead of stale data. */
  error: BridgeErrorInfo | null;
  reloading: boolean;
  reload(): void;
}

/** The settings view from main, kept current by `settings.changed` events. */
export function useSettings(): SettingsState {
  const store = useGatewayStore();
  const { value, error, reloading } = useStoreState((s) => s.settings);
  return { view: value, error, reloading, reload: () => store.reloadSettings() };
}

export interface PortsState {
  ports: SerialPortView[] | null;
  error: BridgeErrorInfo | null;
  refreshing: boolean;
  refresh(): void;
}

/** Serial ports from `ports.list` (the iM871A first, the virtual stick included); refreshed on demand. */
export function usePorts(): PortsState {
  const store = useGatewayStore();
  const { value, error, refreshing } = useStoreState((s) => s.ports);
  return { ports: value, error, refreshing, refresh: () => store.refreshPorts() };
}

/** A feed's state (see `Feed`), kept by the store and current with every batch. */
export function useFeed<S>(feed: Feed<S>): S {
  const store = useGatewayStore();
  return useSyncExternalStore(store.subscribe, () => store.feed(feed));
}

/** Calls `listener` with every batch the store took, for work that is not state (a frame queue). */
export function useGatewayEvents(listener: (batch: EventBatch) => void): void {
  const store = useGatewayStore();
  const latest = useLatest(listener);
  useEffect(() => store.onBatch((batch) => latest.current(batch)), [store, latest]);
}

export interface StatusRequest<K extends string> {
  /** Which request is in flight, if any. */
  pending: K | null;
  /** Why the last one failed, until the next is sent. */
  error: BridgeErrorInfo | null;
  /** Sends the request; its answer (a fresh status) is shown. Resolves true when it succeeded. */
  run(kind: K, send: (api: GatewayApi) => Promise<Result<GatewayStatus>>): Promise<boolean>;
}

/** A request that answers with the gateway's status (start, stop, meters.add…), as a button needs it. */
export function useStatusRequest<K extends string>(): StatusRequest<K> {
  const store = useGatewayStore();
  const [pending, setPending] = useState<K | null>(null);
  const [error, setError] = useState<BridgeErrorInfo | null>(null);
  const run = useCallback(
    async (kind: K, send: (api: GatewayApi) => Promise<Result<GatewayStatus>>) => {
      setPending(kind);
      setError(null);
      const result = await store.statusFrom(send(store.api));
      setPending(null);
      if (!result.ok) setError(result.error);
      return result.ok;
    },
    [store],
  );
  return { pending, error, run };
}
