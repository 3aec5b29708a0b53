import {
  VIRTUAL_PORT,
  type LinkModeName,
  type SimulatedMeterSpec,
  type StickDetection,
  type StickIdentity,
  type StickStatus,
} from '../stick';
import type { Logger } from '../logger';
import { MqttSession, Outbox } from '../mqtt';
import type { Profile } from '../settings';
import type { MeterStore } from './meter-store';
import { GatewayPipeline } from './pipeline';
import { StickLink } from './stick-link';
import type { StickChoice } from '../../../shared/stick-kinds';

export interface GatewayRuntimeOptions {
  profile: Profile;
  /** A serial device path, or `virtual` for the simulated stick. */
  port: string;
  /** Which stick driver; 'auto' (the default) tells from the USB ids, then by probing. */
  stick?: StickChoice;
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
 * Everything between a stick and a broker, wired: the stick driver (or the virtual stick), the
 * MQTT session with its outbox and the gateway pipeline. Built by `launchGateway`, which the app
 * and `cli run` both use.
 */
export class GatewayRuntime {
  /** The stick, whichever kind: its status and events, passed on from the driver behind it. */
  readonly stick: StickLink;
  readonly session: MqttSession;
  readonly pipeline: GatewayPipeline;
  private readonly link: StickLink;

  constructor(private readonly options: GatewayRuntimeOptions) {
    const profile = options.profile;
    this.link = new StickLink({
      port: options.port,
      stick: options.stick,
      linkMode: options.linkMode,
      simulatedMeters: options.simulatedMeters,
      virtualIntervalMs: options.virtualIntervalMs,
      logger: options.logger,
      retryMs: options.stickRetryMs,
      onReady: options.onStickReady,
    });
    this.stick = this.link;
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

  /** What the stick said about itself once it answered (module, firmware, id). */
  get stickInfo(): StickIdentity | null {
    return this.link.info;
  }

  /** How the stick's kind was known (asked for, USB ids, probing), once it was chosen. */
  get stickDetection(): StickDetection | null {
    return this.link.detection;
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
    this.link.start();
  }

  onStickStatus(listener: (status: StickStatus) => void): () => void {
    return this.stick.on('status', listener);
  }

  /** Stops taking telegrams, lets the session flush what it can, and closes everything. */
  async stop(): Promise<void> {
    this.pipeline.stop();
    await this.link.stop();
    await this.session.stop();
    await this.options.afterStop?.();
  }
}
