import type { GatewayStatus } from '../../../shared/gateway';
import type { EventBatch } from '../../../shared/ipc/contract';

/**
 * What a screen remembers from the event stream (a history, a checklist), as pure functions the
 * store runs: the store keeps the state, so it survives the screen being hidden, and hands each
 * feed only the status snapshots it took, in revision order.
 */
export interface Feed<S> {
  /** The state before anything arrived; `status` is the snapshot shown when it is first asked for. */
  init(status: GatewayStatus | null): S;
  /** One batch from the core, its stale status snapshots left out. Return `state` if nothing changed. */
  batch(state: S, batch: EventBatch): S;
  /** A snapshot the store took from a request's answer (start, stop, the read after an outage). */
  status(state: S, status: GatewayStatus): S;
}

/** The states of the feeds asked for so far, each started on first use. */
export class FeedStates {
  private readonly states = new Map<Feed<unknown>, unknown>();

  get<S>(feed: Feed<S>, status: GatewayStatus | null): S {
    if (!this.states.has(feed)) this.states.set(feed, feed.init(status));
    return this.states.get(feed) as S;
  }

  /** True when the state changed. */
  update<S>(feed: Feed<S>, change: (state: S) => S, status: GatewayStatus | null): boolean {
    const before = this.get(feed, status);
    const after = change(before);
    this.states.set(feed, after);
    return after !== before;
  }

  batch(batch: EventBatch): boolean {
    return this.each((feed, state) => feed.batch(state, batch));
  }

  status(status: GatewayStatus): boolean {
    return this.each((feed, state) => feed.status(state, status));
  }

  private each(step: (feed: Feed<unknown>, state: unknown) => unknown): boolean {
    let changed = false;
    for (const [feed, state] of this.states) {
      const next = step(feed, state);
      if (next === state) continue;
      this.states.set(feed, next);
      changed = true;
    }
    return changed;
  }
}
