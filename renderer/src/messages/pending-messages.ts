import { MAX_MESSAGES, type ListedMessage } from './message-list';

type NewMessage = Omit<ListedMessage, 'seq'>;

/** What waits for the next commit to React state. */
export interface PendingTake {
  added: NewMessage[];
  /** Oldest waiting entries left out because more than the list keeps were waiting. */
  dropped: number;
  /** Events the bridge reported dropped. */
  missed: number;
}

/**
 * Entries that arrived since the last frame. Bounded like the list itself: while the page is
 * hidden (no animation frames) a flood would otherwise pile up here without limit.
 */
export class PendingMessages {
  private added: NewMessage[] = [];
  private dropped = 0;
  private missed = 0;

  constructor(private readonly limit = MAX_MESSAGES) {}

  get isEmpty(): boolean {
    return this.added.length === 0 && this.dropped === 0 && this.missed === 0;
  }

  push(entries: NewMessage[], missed = 0): void {
    this.missed += missed;
    for (const entry of entries) this.added.push(entry);
    // Trim in chunks, not per entry: splice on every push would be quadratic under a flood.
    if (this.added.length > this.limit * 2) this.trim();
  }

  take(): PendingTake {
    this.trim();
    const taken = { added: this.added, dropped: this.dropped, missed: this.missed };
    this.added = [];
    this.dropped = 0;
    this.missed = 0;
    return taken;
  }

  private trim(): void {
    const excess = this.added.length - this.limit;
    if (excess <= 0) return;
    this.added.splice(0, excess);
    this.dropped += excess;
  }
}

/** Runs `fn` before the next paint; where there are no frames (tests, old runtimes) soon after. */
export function onNextFrame(fn: () => void): () => void {
  if (typeof requestAnimationFrame === 'function') {
    const handle = requestAnimationFrame(fn);
    return () => cancelAnimationFrame(handle);
  }
  const handle = setTimeout(fn, 16);
  return () => clearTimeout(handle);
}
