import {
  existsWithVirtual,
  Im871a,
  openSerialPort,
  portExistsOn,
  VIRTUAL_PORT,
  withVirtualStick,
  type DeviceInfo,
  type DongleStatus,
  type LinkModeName,
  type SimulatedMeterSpec,
} from '../dongle';
import type { Logger } from '../logger';
import { MqttSession, Outbox } from '../mqtt';
import type { Profile } from '../settings';
import type { MeterStore } from './meter-store';
import { GatewayPipeline } from './pipeline';

export interface GatewayRuntimeOptions {
  profile: Profile;
  /** A serial device path, or `virtual` for the simulated stick. */
  port: string;
  linkMode: LinkModeName;
  meters: MeterStore;
  /** The meters the virtual stick simulates (ignored for a real port; launchGateway defaults to the demo meters). */
  simulatedMeters?: SimulatedMeterSpec[];
  virtualIntervalMs?: number;
  /** The persistent outbox; null keeps unsent messages in memory only. */
  outboxFile: string | null;
  logger: Logger;
  /** Retry interval when the stick cannot be opened (not there yet, busy). */
  stickRetryMs?: number;
  /** Told when the stick answered and took the link mode. */
  onStickReady?: () => void;
  /** Released after everything else is closed (the demo's in-process broker). */
  afterStop?: () => Promise<void>;
}

/**
 * Everything between a stick and a broker, wired: the iM871A driver (or the virtual stick), the
 * MQTT session with its outbox and the gateway pipeline. Built by `launchGateway`, which the app
 * and `cli run` both use.
 */
export class GatewayRuntime {
  readonly stick: Im871a;
  readonly session: MqttSession;
  readonly pipeline: GatewayPipeline;
  /** What the stick said about itself once it answered (module, firmware, id). */
  stickInfo: DeviceInfo | null = null;
  private stickTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly options: GatewayRuntimeOptions) {
    const profile = options.profile;
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
    this.session = new MqttSession({
      profile,
      logger: options.logger,
      outbox: Outbox.open({ file: options.outboxFile, logger: options.logger }),
    });
    this.pipeline = new GatewayPipeline({
      stick: this.stick,
      session: this.session,
      meters: options.meters,
      gatewayId: profile.gatewayId ?? '0',
      dataFormat: profile.dataFormat,
      qos: profile.qos,
      subscribeTopic: profile.subscribeTopic,
      logger: options.logger,
    });
  }

  /** The profile as used: for the demo, with its broker's port filled in. */
  get profile(): Profile {
    return this.options.profile;
  }

  get meters(): MeterStore {
    return this.options.meters;
  }

  get linkMode(): LinkModeName {
    return this.options.linkMode;
  }

  get port(): string {
    return this.options.port;
  }

  get isVirtual(): boolean {
    return this.options.port === VIRTUAL_PORT;
  }

  /** Connects to the broker and opens the stick; both keep retrying on their own. */
  start(): void {
    this.pipeline.start();
    this.session.start();
    void this.openStick();
  }

  private async openStick(): Promise<void> {
    this.stickTimer = null;
    if (this.stopped) return;
    try {
      await this.stick.open();
      this.stickInfo = await this.stick.getDeviceInfo();
      await this.stick.setConfig({ linkMode: this.options.linkMode, rssi: true });
      this.options.onStickReady?.();
    } catch (error) {
      this.options.logger.warn(`stick ${this.options.port}: ${(error as Error).message}; retrying`);
      this.stickTimer = setTimeout(() => void this.openStick(), this.options.stickRetryMs ?? 2000);
    }
  }

  onStickStatus(listener: (status: DongleStatus) => void): () => void {
    return this.stick.on('status', listener);
  }

  /** Stops taking telegrams, lets the session flush what it can, and closes everything. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.stickTimer) clearTimeout(this.stickTimer);
    this.pipeline.stop();
    await this.stick.close();
    await this.session.stop();
    await this.options.afterStop?.();
  }
}
