import {
  assertAccepted,
  encodeGetConfigRequest,
  encodeGetDeviceInfoRequest,
  encodePingRequest,
  encodeResetRequest,
  encodeSetConfigRequest,
  parseConfig,
  parseDeviceInfo,
  type ConfigChange,
  type DeviceInfo,
  type StickConfig,
} from './commands';
import { StickError } from './errors';
import { im871aIdentity } from './im871a-identity';
import {
  resolveIm871aOptions,
  type StickState,
  type StickStatus,
  type Im871aEvents,
  type Im871aOptions,
  type ResolvedIm871aOptions,
} from './device-types';
import { HciFramer, type HciFramerStats } from './framer';
import {
  DeviceManagementMessage as Dm,
  HciEndpoint,
  RadioLinkMessage,
  rssiToDbm,
  type HciFrame,
} from './hci';
import { Listeners } from './listeners';
import { PathWatch } from './path-watch';
import { HciRequestQueue } from './request-queue';
import { closeQuietly, isDisconnect, openIm871aPort, silence, type SerialLike } from './serial-port';
import type { Stick, StickIdentity } from './stick';
import { delay } from '../timers';
import type { LinkMode } from '../../../shared/link-modes';

/**
 * One iM871A on one serial path: requests one at a time, telegram indications as events, and
 * recovery from unplugging. The stick's RAM configuration is lost when it restarts, so the last
 * configuration set here is applied again after a replug or a reset.
 */
export class Im871a implements Stick {
  readonly kind = 'im871a' as const;
  readonly path: string;
  private readonly options: ResolvedIm871aOptions;
  private readonly listeners: Listeners<Im871aEvents>;
  private readonly framer: HciFramer;
  private readonly requests: HciRequestQueue;
  private readonly pathWatch: PathWatch;

  private port: SerialLike | undefined;
  private wantOpen = false;
  private appliedConfig: ConfigChange | undefined;
  private current: StickStatus;

  constructor(options: Im871aOptions) {
    this.options = resolveIm871aOptions(options);
    this.path = options.path;
    this.listeners = new Listeners((error) =>
      options.logger?.error(`iM871A listener failed: ${String(error)}`),
    );
    this.framer = new HciFramer({ onError: (error) => this.listeners.emit('frameError', error) });
    this.requests = new HciRequestQueue(this.options.timers, this.options.requestTimeoutMs);
    this.pathWatch = new PathWatch(this.path, this.options.exists, this.options.timers);
    this.current = { state: 'closed', path: this.path };
  }

  get status(): StickStatus {
    return { ...this.current };
  }

  get framerStats(): HciFramerStats {
    return this.framer.stats;
  }

  on<K extends keyof Im871aEvents>(event: K, listener: (payload: Im871aEvents[K]) => void): () => void {
    return this.listeners.on(event, listener);
  }

  /** Opens the port and pings the stick; resolves once it answered (status 'ready'). */
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
    const port = this.detachPort(() => new StickError('CLOSED', `${this.path} was closed`));
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
    this.setStatus('closed');
  }

  /** Resolves with the round-trip time in ms. */
  ping(): Promise<number> {
    return this.requests.enqueue(async () => {
      const sentAt = this.options.now();
      await this.exchange('ping', encodePingRequest(), Dm.pingResponse);
      return this.options.now() - sentAt;
    });
  }

  getDeviceInfo(): Promise<DeviceInfo> {
    return this.requests.enqueue(async () =>
      parseDeviceInfo(
        await this.exchange('get device info', encodeGetDeviceInfoRequest(), Dm.getDeviceInfoResponse),
      ),
    );
  }

  /** Module, firmware and unique id in the terms every stick shares. */
  async identify(): Promise<StickIdentity> {
    return im871aIdentity(await this.getDeviceInfo());
  }

  /** Listens in `mode` with RSSI attached (RAM only, so a replug or reset re-applies it). */
  setLinkMode(mode: LinkMode): Promise<void> {
    return this.setConfig({ linkMode: mode, rssi: true });
  }

  getConfig(): Promise<StickConfig> {
    return this.requests.enqueue(async () =>
      parseConfig(await this.exchange('get config', encodeGetConfigRequest(), Dm.getConfigResponse)),
    );
  }

  /** RAM only unless `saveToNvm`; RSSI attachment defaults to on and timestamps to off. */
  async setConfig(change: ConfigChange): Promise<void> {
    const wanted = { ...change, rssi: change.rssi ?? true, timestamp: change.timestamp ?? false };
    await this.requests.enqueue(() => this.sendConfig(wanted));
    this.appliedConfig = { ...this.appliedConfig, ...wanted, saveToNvm: false };
  }

  /** Restarts the stick, waits for it to come back and re-applies the last configuration. */
  reset(): Promise<void> {
    return this.requests.enqueue(async () => {
      assertAccepted(await this.exchange('reset', encodeResetRequest(), Dm.resetResponse), 'reset');
      await delay(this.options.timers, this.options.resetSettleMs);
      this.framer.reset(); // bytes from before the restart cannot complete a frame
      if (this.appliedConfig) await this.sendConfig(this.appliedConfig);
    });
  }

  private exchange(what: string, request: Buffer, responseId: number): Promise<Buffer> {
    if (!this.port) {
      const why = this.current.state === 'unplugged' ? ' (the stick is unplugged)' : '';
      return Promise.reject(
        new StickError('NOT_OPEN', `cannot send ${what}: ${this.path} is not open${why}`),
      );
    }
    return this.requests.exchange(this.port, what, request, responseId);
  }

  private async sendConfig(change: ConfigChange): Promise<void> {
    assertAccepted(
      await this.exchange('set config', encodeSetConfigRequest(change), Dm.setConfigResponse),
      'set config',
    );
  }

  private async connect(): Promise<void> {
    this.setStatus('opening');
    const port = await openIm871aPort(this.options.openPort, this.path, this.options.platform);
    if (!this.wantOpen) {
      closeQuietly(silence(port));
      throw new StickError('CLOSED', `${this.path} was closed while opening`);
    }
    this.attach(port);
    try {
      await this.requests.enqueue(async () => {
        await this.exchange('ping', encodePingRequest(), Dm.pingResponse);
        if (this.appliedConfig) await this.sendConfig(this.appliedConfig);
      });
    } catch (error) {
      if (this.port === port) closeQuietly(this.detachPort());
      throw error;
    }
    this.setStatus('ready');
  }

  private attach(port: SerialLike): void {
    this.port = port;
    port.on('data', (chunk) => {
      this.listeners.emit('bytes', chunk);
      for (const frame of this.framer.push(chunk)) this.handleFrame(frame);
    });
    port.on('error', (error) => {
      if (port !== this.port) return;
      this.options.logger?.warn(`serial error on ${this.path}: ${error.message}`);
      if (isDisconnect(error)) this.handleUnplug(error.message);
    });
    port.on('close', (error) => {
      if (port === this.port) this.handleUnplug(error?.message ?? 'the port closed');
    });
    // serialport does not always notice a hang-up: a hung-up tty reads 0 bytes, which its reader
    // retries forever (seen with socat ptys). The device node vanishing is the reliable sign.
    this.pathWatch.waitUntil(false, this.options.presenceCheckMs, () =>
      this.handleUnplug(`${this.path} no longer exists`),
    );
  }

  private handleFrame(frame: HciFrame): void {
    if (frame.endpoint === HciEndpoint.deviceManagement) {
      if (!this.requests.deliver(frame)) {
        this.options.logger?.debug(`iM871A sent unrequested message 0x${frame.messageId.toString(16)}`);
      }
    } else if (
      frame.endpoint === HciEndpoint.radioLink &&
      frame.messageId === RadioLinkMessage.telegramIndication
    ) {
      this.listeners.emit('telegram', {
        frame: frame.payload,
        rssi: frame.rssi,
        rssiDbm: frame.rssi === undefined ? undefined : rssiToDbm(frame.rssi),
        timestamp: frame.timestamp,
        receivedAt: this.options.now(),
      });
      if (this.current.state === 'ready') this.setStatus('receiving');
    }
  }

  private handleUnplug(reason: string): void {
    closeQuietly(this.detachPort());
    this.setStatus('unplugged', `${this.path} went away (${reason}); waiting for it to come back`);
    this.reconnectWhenBack();
  }

  private reconnectWhenBack(): void {
    if (!this.wantOpen) return;
    this.pathWatch.waitUntil(true, this.options.reconnectIntervalMs, () => {
      if (!this.wantOpen || this.port) return;
      this.connect().catch((error: Error) => {
        if (!this.wantOpen) return;
        this.setStatus('unplugged', `${this.path} is back but not answering yet (${error.message})`);
        this.reconnectWhenBack();
      });
    });
  }

  /** Forgets the current port: its late events are ignored and a waiting request fails. */
  private detachPort(
    failure = (what: string) =>
      new StickError('UNPLUGGED', `${this.path} went away while waiting for ${what}`),
  ): SerialLike | undefined {
    const port = this.port;
    this.port = undefined;
    if (port) silence(port);
    this.pathWatch.stop();
    this.framer.reset();
    this.requests.fail(failure);
    return port;
  }

  private setStatus(state: StickState, reason?: string): void {
    if (this.current.state === state && this.current.reason === reason) return;
    this.current = reason === undefined ? { state, path: this.path } : { state, path: this.path, reason };
    this.listeners.emit('status', this.status);
  }
}
