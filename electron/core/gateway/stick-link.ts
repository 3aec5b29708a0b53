import {
  chooseStick,
  existsWithVirtual,
  Listeners,
  openSerialPort,
  portExistsOn,
  VIRTUAL_PORT,
  withVirtualStick,
  type DetectStickOptions,
  type LinkModeName,
  type SimulatedMeterSpec,
  type Stick,
  type StickDetection,
  type StickEvents,
  type StickIdentity,
  type StickKind,
  type StickStatus,
} from '../stick';
import type { Logger } from '../logger';
import { stickName, type StickChoice } from '../../../shared/stick-kinds';

export interface StickLinkOptions {
  /** A serial device path, or `virtual` for the simulated stick. */
  port: string;
  /** Which driver: one kind, or 'auto' (the default) to tell from the USB ids, then by probing. */
  stick?: StickChoice;
  linkMode: LinkModeName;
  /** The meters the virtual stick simulates (ignored for a real port). */
  simulatedMeters?: SimulatedMeterSpec[];
  virtualIntervalMs?: number;
  logger: Logger;
  /** Retry interval when the stick cannot be opened (not there yet, busy). Default 2 s. */
  retryMs?: number;
  /** Told when the stick answered and took the link mode. */
  onReady?: () => void;
  /** Tests: how ports are listed and drivers built. */
  detect?: Pick<DetectStickOptions, 'listPorts' | 'create' | 'probeTimeoutMs'>;
}

/**
 * The stick, chosen, opened and kept open: the driver for the kind asked for or detected (or the
 * virtual stick), asked for its identity, set to the link mode with RSSI attached, and retried
 * until it answers. Its events and status are passed on whichever driver is behind it, so callers
 * subscribe once, before the stick is known. A driver once open recovers from unplugging itself.
 * The gateway runtime uses it beside its broker session; `cli survey` uses it alone.
 */
export class StickLink {
  /** The driver, once chosen. */
  driver: Stick | null = null;
  /** How the driver's kind was known. */
  detection: StickDetection | null = null;
  /** What the stick said about itself once it answered (module, firmware, id). */
  info: StickIdentity | null = null;
  /** Why the last attempt to open the stick failed, until one succeeds. */
  lastProblem: string | null = null;
  private readonly listeners: Listeners<StickEvents>;
  private readonly openPort;
  private readonly exists;
  private ownStatus: StickStatus;
  private lastEmitted: StickStatus | undefined;
  private unsubscribe: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly options: StickLinkOptions) {
    this.listeners = new Listeners((error) =>
      options.logger.error(`stick listener failed: ${String(error)}`),
    );
    this.ownStatus = { state: 'closed', path: options.port };
    const { openPort } = withVirtualStick(
      openSerialPort,
      {
        meters: options.simulatedMeters ?? [],
        ...(options.virtualIntervalMs ? { intervalMs: options.virtualIntervalMs } : {}),
      },
      this.virtualKind,
    );
    this.openPort = openPort;
    this.exists = existsWithVirtual(portExistsOn(process.platform));
  }

  get status(): StickStatus {
    return this.driver ? this.driver.status : { ...this.ownStatus };
  }

  /** The kind of stick behind the link, once known. */
  get kind(): StickKind | null {
    return this.driver?.kind ?? null;
  }

  on<K extends keyof StickEvents>(event: K, listener: (payload: StickEvents[K]) => void): () => void {
    return this.listeners.on(event, listener);
  }

  /** Opens the stick in the background; failures are logged and retried. */
  start(): void {
    void this.open();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.driver) await this.driver.close();
    else this.setOwnStatus('closed');
  }

  private get virtualKind(): StickKind {
    const choice = this.options.stick ?? 'auto';
    return choice === 'auto' ? 'im871a' : choice;
  }

  private async open(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    try {
      const driver = this.driver ?? (await this.choose());
      if (!driver) return;
      await driver.open();
      this.info = await driver.identify();
      await driver.setLinkMode(this.options.linkMode);
      this.lastProblem = null;
      this.options.onReady?.();
    } catch (error) {
      this.lastProblem = (error as Error).message;
      if (!this.driver) this.setOwnStatus('error', this.lastProblem);
      this.forgetProbedDriver();
      this.options.logger.warn(`stick ${this.options.port}: ${this.lastProblem}; retrying`);
      this.timer = setTimeout(() => void this.open(), this.options.retryMs ?? 2000);
    }
  }

  /** Picks the driver (detecting the kind for 'auto') and passes its events on; null if stopped meanwhile. */
  private async choose(): Promise<Stick | null> {
    this.setOwnStatus('opening');
    const virtual = this.options.port === VIRTUAL_PORT;
    const { stick, detection } = await chooseStick({
      ...this.options.detect,
      path: this.options.port,
      kind: virtual ? this.virtualKind : (this.options.stick ?? 'auto'),
      openPort: this.openPort,
      exists: this.exists,
      logger: this.options.logger,
    });
    if (this.stopped) return null;
    this.options.logger.info(
      `stick ${this.options.port}: ${stickName(detection.kind)} (${DETECTED_BY[detection.by]})`,
    );
    this.driver = stick;
    this.detection = detection;
    this.unsubscribe = [
      this.passOn(stick, 'status'),
      this.passOn(stick, 'bytes'),
      this.passOn(stick, 'telegram'),
      this.passOn(stick, 'frameError'),
    ];
    return stick;
  }

  private passOn<K extends keyof StickEvents>(stick: Stick, event: K): () => void {
    return stick.on(event, (payload) =>
      event === 'status' ? this.emitStatus(payload as StickStatus) : this.listeners.emit(event, payload),
    );
  }

  /** The link's 'opening' while it chooses is followed by the driver's own: told once. */
  private emitStatus(status: StickStatus): void {
    const last = this.lastEmitted;
    if (last && last.state === status.state && last.reason === status.reason) return;
    this.lastEmitted = status;
    this.listeners.emit('status', status);
  }

  /**
   * A driver chosen by probing that then fails to open is dropped, so the next attempt detects
   * again: another stick may have been plugged in meanwhile. One asked for or named by its USB ids stays.
   */
  private forgetProbedDriver(): void {
    if (this.detection?.by !== 'probe' || !this.driver) return;
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.ownStatus = this.driver.status;
    void this.driver.close().catch(() => undefined);
    this.driver = null;
    this.detection = null;
  }

  private setOwnStatus(state: StickStatus['state'], reason?: string): void {
    this.ownStatus =
      reason === undefined ? { state, path: this.options.port } : { state, path: this.options.port, reason };
    this.emitStatus(this.status);
  }
}

const DETECTED_BY: Record<StickDetection['by'], string> = {
  forced: 'as asked',
  'usb-ids': 'named by its USB ids',
  probe: 'answered its ping',
};
