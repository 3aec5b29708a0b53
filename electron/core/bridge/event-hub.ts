import type { BridgeEvent, EventBatch, EventPayload } from '../../../shared/ipc/contract';
import type { EventStream } from '../../../shared/ipc/names';

export interface EventHubOptions {
  /** How often queued events are delivered (docs/ARCHITECTURE.md § Layers: batched, e.g. every 50 ms). */
  intervalMs?: number;
  /** At most this many events wait for the next delivery; older ones are dropped and counted. */
  maxQueued?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export type BatchListener = (batch: EventBatch) => void;

/**
 * Collects events from the core and delivers them in bounded batches, so a burst of MQTT
 * messages becomes one IPC/WebSocket message per interval instead of thousands.
 */
export class EventHub {
  private queue: BridgeEvent[] = [];
  private dropped = 0;
  private timer: unknown = null;
  private readonly listeners = new Set<BatchListener>();
  private readonly intervalMs: number;
  private readonly maxQueued: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(options: EventHubOptions = {}) {
    this.intervalMs = options.intervalMs ?? 50;
    this.maxQueued = options.maxQueued ?? 2000;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout));
  }

  publish<S extends EventStream>(stream: S, payload: EventPayload<S>): void {
    this.queue.push({ stream, payload } as BridgeEvent);
    if (this.queue.length > this.maxQueued) {
      const excess = this.queue.length - this.maxQueued;
      this.queue.splice(0, excess);
      this.dropped += excess;
    }
    if (this.timer === null) this.timer = this.setTimer(() => this.flush(), this.intervalMs);
  }

  subscribe(listener: BatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Delivers what is queued now; a listener that throws does not stop the others. */
  flush(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    if (this.queue.length === 0 && this.dropped === 0) return;
    const batch: EventBatch = { events: this.queue, dropped: this.dropped };
    this.queue = [];
    this.dropped = 0;
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch {
        // A broken window or socket must not starve the others.
      }
    }
  }

  dispose(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.queue = [];
    this.listeners.clear();
  }
}
