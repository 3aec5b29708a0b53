import type { Logger } from '../logger';

/** A small typed event emitter; a listener that throws is logged and does not stop the others. */
export class Emitter<Events extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof Events, Set<(value: never) => void>>();

  constructor(private readonly logger: Logger) {}

  on<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (value: never) => void);
    return () => set.delete(listener as (value: never) => void);
  }

  emit<K extends keyof Events>(event: K, value: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as (value: Events[K]) => void)(value);
      } catch (error) {
        this.logger.error(
          `listener for ${String(event)} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}
