/** Broker closes in a row, each with messages unacknowledged, before sending one at a time. */
const CLOSES_BEFORE_CAREFUL = 2;
/** Acknowledgements in a row, one at a time, before the full window is used again. */
const ACKS_BEFORE_NORMAL = 50;

/**
 * Finds a message the broker disconnects over instead of refusing it (too large, forbidden topic
 * on some brokers). Kept in the outbox it would block everything behind it after every
 * reconnect. With many messages in flight the culprit is unknown, so after repeated closes the
 * forwarder sends one message at a time: the one in flight at the next closes is the suspect.
 */
export class PoisonDetector {
  private closesWithInflight = 0;
  private careful = false;
  private acksWhileCareful = 0;
  private suspect: { id: number; strikes: number } | null = null;

  /** Send one message at a time. */
  get oneAtATime(): boolean {
    return this.careful;
  }

  /** The broker closed the connection with these messages (oldest first) unacknowledged. */
  brokerClosed(inflight: readonly number[]): { id: number; strikes: number } | null {
    if (inflight.length === 0) {
      this.closesWithInflight = 0;
      return null;
    }
    if (!this.careful) {
      this.careful = ++this.closesWithInflight >= CLOSES_BEFORE_CAREFUL;
      this.acksWhileCareful = 0;
      return null;
    }
    const id = inflight[0]!;
    this.suspect = { id, strikes: this.suspect?.id === id ? this.suspect.strikes + 1 : 1 };
    return this.suspect;
  }

  acknowledged(id: number): void {
    if (this.suspect?.id === id) this.suspect = null;
    if (this.careful && ++this.acksWhileCareful >= ACKS_BEFORE_NORMAL) {
      this.careful = false;
      this.closesWithInflight = 0;
    }
  }

  forget(id: number): void {
    if (this.suspect?.id === id) this.suspect = null;
  }
}
