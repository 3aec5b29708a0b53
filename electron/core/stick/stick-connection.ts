import { StickError } from './errors';
import { PathWatch } from './path-watch';
import {
  closeQuietly,
  describeOpenError,
  isDisconnect,
  silence,
  whenOpen,
  type OpenPort,
  type SerialLike,
} from './serial-port';
import type { StickState, StickStatus } from './stick';
import type { Logger } from '../logger';
import type { Timers } from '../timers';

export interface StickConnectionOptions {
  path: string;
  /** The stick's name in messages, e.g. "iU891A". */
  label: string;
  baudRate: number;
  openPort: OpenPort;
  exists: (path: string) => Promise<boolean>;
  timers: Timers;
  platform: string;
  /** How often an open port's path is checked (0: never, e.g. COM ports). */
  presenceCheckMs: number;
  /** How often an unplugged port's path is checked. */
  reconnectIntervalMs: number;
  logger?: Logger;
  onStatus: (status: StickStatus) => void;
  /** Every chunk read. */
  onData: (chunk: Buffer) => void;
  /** Runs after every (re)open with the port attached: check the stick answers, restore its settings. */
  handshake: () => Promise<void>;
  /** The port is gone or closed: drop partial frames and fail the waiting request with `failure`. */
  onDetach: (failure: (what: string) => StickError) => void;
}

/**
 * The serial side every stick driver shares, whatever its framing: open at the stick's baud rate,
 * status in words, and recovery from unplugging. A port that goes away (an error, a close, or its
 * device node vanishing, which serialport does not always report) makes the status 'unplugged';
 * when the path is back the port is reopened and `handshake` runs again, without the caller.
 */
export class StickConnection {
  private current: StickStatus;
  private attached: SerialLike | undefined;
  private wantOpen = false;
  private readonly pathWatch: PathWatch;

  constructor(private readonly options: StickConnectionOptions) {
    this.current = { state: 'closed', path: options.path };
    this.pathWatch = new PathWatch(options.path, options.exists, options.timers);
  }

  get status(): StickStatus {
    return { ...this.current };
  }

  /** The open port, or undefined while closed, opening or unplugged. */
  get port(): SerialLike | undefined {
    return this.attached;
  }

  async open(): Promise<void> {
    if (this.wantOpen) return;
    this.wantOpen = true;
    try {
      await this.connect();
    } catch (error) {
      this.wantOpen = false;
      this.setStatus('error', (error as Error).message);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.wantOpen = false;
    const port = this.detach(() => new StickError('CLOSED', `${this.options.path} was closed`));
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.setStatus('closed');
  }

  /** A telegram arrived: 'ready' becomes 'receiving'. */
  noteTelegram(): void {
    if (this.current.state === 'ready') this.setStatus('receiving');
  }

  /** Why a request cannot be sent now, in words. */
  notOpenError(what: string): StickError {
    const why = this.current.state === 'unplugged' ? ' (the stick is unplugged)' : '';
    return new StickError('NOT_OPEN', `cannot send ${what}: ${this.options.path} is not open${why}`);
  }

  private async connect(): Promise<void> {
    const { path, openPort, baudRate, platform } = this.options;
    this.setStatus('opening');
    let port: SerialLike | undefined;
    try {
      port = await openPort(path, baudRate);
      await whenOpen(port);
    } catch (error) {
      if (port) silence(port);
      throw describeOpenError(error, path, platform);
    }
    if (!this.wantOpen) {
      closeQuietly(silence(port));
      throw new StickError('CLOSED', `${path} was closed while opening`);
    }
    this.attach(port);
    try {
      await this.options.handshake();
    } catch (error) {
      if (this.attached === port) closeQuietly(this.detach());
      throw error;
    }
    this.setStatus('ready');
  }

  private attach(port: SerialLike): void {
    const { path, logger, presenceCheckMs } = this.options;
    this.attached = port;
    port.on('data', (chunk) => this.options.onData(chunk));
    port.on('error', (error) => {
      if (port !== this.attached) return;
      logger?.warn(`${this.options.label}: serial error on ${path}: ${error.message}`);
      if (isDisconnect(error)) this.unplugged(error.message);
    });
    port.on('close', (error) => {
      if (port === this.attached) this.unplugged(error?.message ?? 'the port closed');
    });
    this.pathWatch.waitUntil(false, presenceCheckMs, () => this.unplugged(`${path} no longer exists`));
  }

  private unplugged(reason: string): void {
    closeQuietly(this.detach());
    this.setStatus('unplugged', `${this.options.path} went away (${reason}); waiting for it to come back`);
    this.reconnectWhenBack();
  }

  private reconnectWhenBack(): void {
    if (!this.wantOpen) return;
    this.pathWatch.waitUntil(true, this.options.reconnectIntervalMs, () => {
      if (!this.wantOpen || this.attached) return;
      this.connect().catch((error: Error) => {
        if (!this.wantOpen) return;
        this.setStatus('unplugged', `${this.options.path} is back but not answering yet (${error.message})`);
        this.reconnectWhenBack();
      });
    });
  }

  /** Forgets the port: its late events are ignored and a waiting request fails. */
  private detach(
    failure = (what: string) =>
      new StickError('UNPLUGGED', `${this.options.path} went away while waiting for ${what}`),
  ): SerialLike | undefined {
    const port = this.attached;
    this.attached = undefined;
    if (port) silence(port);
    this.pathWatch.stop();
    this.options.onDetach(failure);
    return port;
  }

  private setStatus(state: StickState, reason?: string): void {
    if (this.current.state === state && this.current.reason === reason) return;
    const { path } = this.options;
    this.current = reason === undefined ? { state, path } : { state, path, reason };
    this.options.onStatus(this.status);
  }
}
