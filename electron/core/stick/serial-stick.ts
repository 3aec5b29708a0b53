import type { LinkMode } from '../../../shared/link-modes';
import { resolveStickOptions, type ResolvedStickOptions, type StickOptions } from './device-types';
import { Listeners } from './listeners';
import { OneRequestAtATime } from './request-queue';
import type { Stick, StickEvents, StickIdentity, StickKind, StickStatus } from './stick';
import { StickConnection } from './stick-connection';

/** What a driver's framer must offer: bytes in, whole checked frames out, and a fresh start. */
export interface StreamFramer<Frame> {
  push(chunk: Buffer): Frame[];
  reset(): void;
}

/**
 * What every serial stick driver shares, whatever its protocol: the listeners, one request at a
 * time, and the connection that opens the port at the stick's baud rate and recovers from
 * unplugging by running `handshake` again. A driver adds its framer, its handshake (check the
 * stick answers, give it back its settings), what to do with each frame, and its requests.
 */
export abstract class SerialStick<Frame, Response> implements Stick {
  abstract readonly kind: StickKind;
  readonly path: string;
  protected readonly options: ResolvedStickOptions;
  protected readonly listeners: Listeners<StickEvents>;
  protected readonly requests: OneRequestAtATime<Response>;
  protected readonly connection: StickConnection;
  protected abstract readonly framer: StreamFramer<Frame>;

  constructor(options: StickOptions, protocol: { name: string; baudRate: number }) {
    this.options = resolveStickOptions(options);
    this.path = options.path;
    this.listeners = new Listeners((error) =>
      options.logger?.error(`${protocol.name} listener failed: ${String(error)}`),
    );
    this.requests = new OneRequestAtATime(
      this.options.timers,
      this.options.requestTimeoutMs,
      ` — is this port really an ${protocol.name}?`,
    );
    this.connection = new StickConnection({
      ...this.options,
      label: protocol.name,
      baudRate: protocol.baudRate,
      onStatus: (status) => this.listeners.emit('status', status),
      onData: (chunk) => {
        this.listeners.emit('bytes', chunk);
        for (const frame of this.framer.push(chunk)) this.handleFrame(frame);
      },
      handshake: () => this.requests.enqueue(() => this.handshake()),
      onDetach: (failure) => {
        this.framer.reset();
        this.requests.abort(failure);
      },
    });
  }

  get status(): StickStatus {
    return this.connection.status;
  }

  on<K extends keyof StickEvents>(event: K, listener: (payload: StickEvents[K]) => void): () => void {
    return this.listeners.on(event, listener);
  }

  /** Opens the port and pings the stick; resolves once it answered (status 'ready'). */
  open(): Promise<void> {
    return this.connection.open();
  }

  close(): Promise<void> {
    return this.connection.close();
  }

  abstract identify(): Promise<StickIdentity>;
  abstract setLinkMode(mode: LinkMode): Promise<void>;
  abstract ping(): Promise<number>;

  /** After every (re)open, inside the request queue: the stick answers and gets its settings back. */
  protected abstract handshake(): Promise<void>;
  protected abstract handleFrame(frame: Frame): void;

  /** Writes `request` and resolves with the first response that `matches`; rejects when not open. */
  protected send(what: string, request: Buffer, matches: (response: Response) => boolean): Promise<Response> {
    const port = this.connection.port;
    if (!port) return Promise.reject(this.connection.notOpenError(what));
    return this.requests.send(port, what, request, matches);
  }
}
