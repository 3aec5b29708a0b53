import {
  existsWithVirtual,
  Im871a,
  openSerialPort,
  portExistsOn,
  withVirtualStick,
  type DeviceInfo,
  type LinkModeName,
  type SimulatedMeterSpec,
} from '../stick';
import type { Logger } from '../logger';

export interface StickLinkOptions {
  /** A serial device path, or `virtual` for the simulated stick. */
  port: string;
  linkMode: LinkModeName;
  /** The meters the virtual stick simulates (ignored for a real port). */
  simulatedMeters?: SimulatedMeterSpec[];
  virtualIntervalMs?: number;
  logger: Logger;
  /** Retry interval when the stick cannot be opened (not there yet, busy). Default 2 s. */
  retryMs?: number;
  /** Told when the stick answered and took the link mode. */
  onReady?: () => void;
}

/**
 * The stick, opened and kept open: the iM871A driver (or the virtual stick) asked for its identity,
 * set to the link mode with RSSI attached, and retried until it answers. The gateway runtime uses it
 * beside its broker session; `cli survey` uses it alone, to listen without a broker.
 */
export class StickLink {
  readonly stick: Im871a;
  /** What the stick said about itself once it answered (module, firmware, id). */
  info: DeviceInfo | null = null;
  /** Why the last attempt to open the stick failed, until one succeeds. */
  lastProblem: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly options: StickLinkOptions) {
    const { openPort } = withVirtualStick(openSerialPort, {
      meters: options.simulatedMeters ?? [],
      ...(options.virtualIntervalMs ? { intervalMs: options.virtualIntervalMs } : {}),
    });
    this.stick = new Im871a({
      path: options.port,
      openPort,
      exists: existsWithVirtual(portExistsOn(process.platform)),
      logger: options.logger,
    });
  }

  /** Opens the stick in the background; failures are logged and retried. */
  start(): void {
    void this.open();
  }

  private async open(): Promise<void> {
    this.timer = null;
    if (this.stopped) return;
    try {
      await this.stick.open();
      this.info = await this.stick.getDeviceInfo();
      await this.stick.setConfig({ linkMode: this.options.linkMode, rssi: true });
      this.lastProblem = null;
      this.options.onReady?.();
    } catch (error) {
      this.lastProblem = (error as Error).message;
      this.options.logger.warn(`stick ${this.options.port}: ${this.lastProblem}; retrying`);
      this.timer = setTimeout(() => void this.open(), this.options.retryMs ?? 2000);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.stick.close();
  }
}
