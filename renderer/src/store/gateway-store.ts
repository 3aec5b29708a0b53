// The renderer's one view of the core: it alone subscribes to the event stream, reads the state
// the screens share, keeps status snapshots in revision order and reads everything again when the
// web bridge's link comes back. Screens use it through the hooks in `./hooks`; no React here.
import type { GatewayStatus, SerialPortView } from '../../../shared/gateway';
import type { GatewayApi } from '../../../shared/ipc/api';
import type { AppInfo, EventBatch } from '../../../shared/ipc/contract';
import type { BridgeErrorInfo, Result } from '../../../shared/ipc/result';
import type { SettingsView } from '../../../shared/settings';
import { FeedStates, type Feed } from './feed';

/** A value read from the core, or why the last read failed (the value read before stays). */
export interface Loaded<T> {
  value: T | null;
  error: BridgeErrorInfo | null;
}

export interface BridgeLink {
  /** True between a `lost` and the next `restored` (never under Electron). */
  lost: boolean;
  /** When the link went down, for the banner. */
  lostAt: number | null;
}

export interface GatewayStoreState {
  link: BridgeLink;
  info: Loaded<AppInfo>;
  settings: Loaded<SettingsView> & { reloading: boolean };
  ports: Loaded<SerialPortView[]> & { refreshing: boolean };
  /** The newest status snapshot (by `revision`), or why it could not be read. */
  gateway: Loaded<GatewayStatus>;
}

/** The parts read with one request each and replaced by its answer. */
type ReadPart = 'info' | 'settings' | 'ports';

const initialState = (): GatewayStoreState => ({
  link: { lost: false, lostAt: null },
  info: { value: null, error: null },
  settings: { value: null, error: null, reloading: false },
  ports: { value: null, error: null, refreshing: true },
  gateway: { value: null, error: null },
});

export class GatewayStore {
  private state = initialState();
  private readonly listeners = new Set<() => void>();
  private readonly batchListeners = new Set<(batch: EventBatch) => void>();
  private readonly feeds = new FeedStates();
  private connections = 0;
  private unsubscribeTransport: (() => void) | null = null;
  /** Bumped on disconnect: answers to an earlier connection's requests are not shown. */
  private generation = 0;
  /** Set when the link comes back: the core may have restarted and count revisions from 1 again. */
  private revisionsRestart = false;

  constructor(readonly api: GatewayApi) {}

  getState = (): GatewayStoreState => this.state;

  /** For `useSyncExternalStore`: called after every change of the state or of a feed. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Every batch from the core once the store has taken it (stale snapshots left out). */
  onBatch(listener: (batch: EventBatch) => void): () => void {
    this.batchListeners.add(listener);
    return () => this.batchListeners.delete(listener);
  }

  /**
   * Subscribes to the transport (once, however many callers) and reads the shared state. The
   * returned function undoes it; the last one unsubscribes from the transport.
   */
  connect(): () => void {
    if (this.connections++ === 0) {
      this.unsubscribeTransport = this.api.events.subscribe((batch) => this.take(batch));
      // Subscribed first: a snapshot sent while a read is in flight is not lost.
      this.readAll();
    }
    let connected = true;
    return () => {
      if (!connected) return;
      connected = false;
      if (--this.connections > 0) return;
      this.unsubscribeTransport?.();
      this.unsubscribeTransport = null;
      this.generation++;
    };
  }

  /** A feed's state, started from the status shown the first time it is asked for. */
  feed<S>(feed: Feed<S>): S {
    return this.feeds.get(feed, this.state.gateway.value);
  }

  /** A change a screen makes to its feed (a new run empties the lists, for one). */
  updateFeed<S>(feed: Feed<S>, change: (state: S) => S): void {
    if (this.feeds.update(feed, change, this.state.gateway.value)) this.notify();
  }

  /** Shows the status a request answers with (start, stop, meters.add…) if it is the newest. */
  async statusFrom(request: Promise<Result<GatewayStatus>>): Promise<Result<GatewayStatus>> {
    const generation = this.generation;
    const result = await request;
    if (result.ok && generation === this.generation && this.takeStatus(result.value)) this.notify();
    return result;
  }

  refreshPorts(): void {
    this.set('ports', { ...this.state.ports, refreshing: true });
    this.notify();
    this.read('ports', this.api.ports.list(), { refreshing: false });
  }

  reloadSettings(): void {
    this.set('settings', { ...this.state.settings, reloading: true });
    this.notify();
    this.read('settings', this.api.settings.reload(), { reloading: false });
  }

  private take(batch: EventBatch): void {
    const before = this.state;
    if (batch.link === 'lost' && !this.state.link.lost) {
      this.set('link', { lost: true, lostAt: Date.now() });
    } else if (batch.link === 'restored') {
      // Events sent during the outage are gone: what is shown may be stale.
      this.set('link', { lost: false, lostAt: null });
      this.revisionsRestart = true;
      this.readAll();
    }
    const taken = this.withoutStaleStatus(batch);
    for (const event of taken.events) {
      if (event.stream === 'settings.changed')
        this.set('settings', { ...this.state.settings, value: event.payload });
    }
    const feedsChanged = this.feeds.batch(taken);
    if (feedsChanged || this.state !== before) this.notify();
    for (const listener of [...this.batchListeners]) listener(taken);
  }

  /** The batch without the status snapshots that are not newer than the one shown before them. */
  private withoutStaleStatus(batch: EventBatch): EventBatch {
    const events = batch.events.filter((event) => {
      if (event.stream !== 'gateway.status') return true;
      if (!this.newer(event.payload)) return false;
      this.show(event.payload);
      return true;
    });
    return events.length === batch.events.length ? batch : { ...batch, events };
  }

  /** The one rule for snapshots: a revision not newer than the one shown is ignored. */
  private newer(status: GatewayStatus): boolean {
    const shown = this.state.gateway.value;
    return !shown || this.revisionsRestart || status.revision > shown.revision;
  }

  private show(status: GatewayStatus): void {
    this.revisionsRestart = false;
    this.set('gateway', { ...this.state.gateway, value: status });
  }

  /** A snapshot from a request's answer: shown and passed to the feeds when it is the newest. */
  private takeStatus(status: GatewayStatus): boolean {
    if (!this.newer(status)) return false;
    this.show(status);
    this.feeds.status(status);
    return true;
  }

  private readAll(): void {
    this.read('info', this.api.app.info());
    this.read('settings', this.api.settings.get());
    this.read('ports', this.api.ports.list(), { refreshing: false });
    const generation = this.generation;
    void this.api.gateway.status().then((result) => {
      if (generation !== this.generation) return;
      if (result.ok) this.takeStatus(result.value);
      this.set('gateway', { ...this.state.gateway, error: result.ok ? null : result.error });
      this.notify();
    });
  }

  /** Sends a read: its answer replaces the value, its failure keeps the value and says why. */
  private read<P extends ReadPart>(
    part: P,
    request: Promise<Result<NonNullable<GatewayStoreState[P]['value']>>>,
    done: Partial<GatewayStoreState[P]> = {},
  ): void {
    const generation = this.generation;
    void request.then((result) => {
      if (generation !== this.generation) return;
      const settled = result.ok ? { value: result.value, error: null } : { error: result.error };
      this.set(part, { ...this.state[part], ...settled, ...done });
      this.notify();
    });
  }

  private set<P extends keyof GatewayStoreState>(part: P, value: GatewayStoreState[P]): void {
    this.state = { ...this.state, [part]: value };
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

export const createGatewayStore = (api: GatewayApi): GatewayStore => new GatewayStore(api);
