import path from 'node:path';
import type {
  ExplainedTelegramView,
  GatewayStatus,
  LinkMode,
  MonitoredMeterView,
  SerialPortView,
} from '../../../shared/gateway';
import type { PublishResult, SubscribeResult } from '../../../shared/mqtt/types';
import type { EventHub } from '../bridge/event-hub';
import { demoProfile } from '../demo';
import { listSerialPorts, VIRTUAL_PORT, type SerialPortInfo, type StickIdentity } from '../stick';
import { stickName, type StickChoice } from '../../../shared/stick-kinds';
import { GatewayError, type GatewayRuntime, type MeterStore } from '../gateway';
import { inspectTelegrams } from '../inspect';
import { readKemFile } from '../kem';
import type { KemImportResult, KemPreview } from '../../../shared/kem';
import { importKemMeters, previewKem } from './kem-import';
import { CaptureService } from './capture-service';
import { MeterSurvey } from '../survey';
import { assertLaunchable, launchGateway } from './launch-gateway';
import type { Logger } from '../logger';
import { outboxFileFor, toIncomingMessage } from '../mqtt';
import type { StoredPublishProperties } from '../mqtt/outbox-journal';
import { DEMO_PROFILE_NAME, type LoadedSettings, type Profile } from '../settings';

export interface GatewayServiceOptions {
  settings: () => LoadedSettings | null;
  /** The technician's monitored meters, persisted (sealed keys) in the user-data folder. */
  meters: MeterStore;
  /** Where outboxes persist; null keeps them in memory. */
  userDataDir: string | null;
  events: EventHub;
  logger: Logger;
  /** Telegram interval of the demo's simulated meters: faster than a real meter, so the demo is lively. */
  demoIntervalMs?: number;
  listPorts?: () => Promise<SerialPortInfo[]>;
  /** "Gateway Diagnostics 0.1.0", written into captures. */
  app?: string;
}

/**
 * Runs at most one gateway (stick + session + pipeline) for the UI, and tells every window what it
 * does: each pipeline event as it happens, and a status snapshot coalesced to a few per second.
 */
export class GatewayService {
  private runtime: GatewayRuntime | null = null;
  /** Meters in range since the last Start; kept after Stop, so it can still be read and exported. */
  private survey: MeterSurvey | null = null;
  private statusTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly detach: Array<() => void> = [];
  private revision = 0;
  /** Recording the running gateway, and replays (docs/ARCHITECTURE.md § Captures). */
  readonly captures: CaptureService;

  constructor(private readonly options: GatewayServiceOptions) {
    this.captures = new CaptureService({
      userDataDir: options.userDataDir,
      app: options.app ?? 'Gateway Diagnostics',
      events: options.events,
      logger: options.logger,
      statusChanged: () => this.statusChanged(),
    });
  }

  status(): GatewayStatus {
    const runtime = this.runtime;
    const replay = this.captures.replay;
    const meters = runtime?.meters ?? replay?.meters ?? this.options.meters;
    return {
      revision: ++this.revision,
      running: runtime !== null,
      profile: runtime?.profile.name ?? null,
      demo: runtime?.profile.demo ?? false,
      broker: runtime ? `${runtime.profile.host}:${runtime.profile.port}` : null,
      port: runtime?.port ?? null,
      linkMode: runtime?.linkMode ?? replay?.linkMode ?? null,
      gatewayId: runtime?.profile.gatewayId ?? null,
      session: runtime?.session.snapshot() ?? null,
      stick: runtime ? { ...runtime.stick.status } : (replay?.stickView() ?? null),
      stickInfo: runtime?.stickInfo ? stickInfoView(runtime.stickInfo) : null,
      meters: (runtime ?? replay)?.pipeline.meterStates() ?? [],
      monitored: this.monitoredViews(meters),
      awaitingEcho: runtime?.pipeline.awaitingEcho ?? 0,
      capture: this.captures.recordingView(),
      replay: replay?.view() ?? null,
      survey: this.survey?.snapshot() ?? null,
    };
  }

  async ports(): Promise<SerialPortView[]> {
    const found = await (this.options.listPorts ?? listSerialPorts)();
    const views = found.map((p) => ({
      path: p.byId ?? p.path,
      label: [
        p.stick ? stickName(p.stick) : (p.product ?? p.manufacturer ?? 'serial port'),
        p.byId ? p.path : null,
      ]
        .filter(Boolean)
        .join(' — '),
      stick: p.stick ?? null,
      virtual: false,
    }));
    return [
      ...views,
      {
        path: VIRTUAL_PORT,
        label: 'Virtual stick (simulated Kamstrup meters)',
        stick: null,
        virtual: true,
      },
    ];
  }

  async start(request: {
    profile: string;
    port: string;
    linkMode: LinkMode;
    stick?: StickChoice;
  }): Promise<GatewayStatus> {
    // Check the new profile first: a Start that cannot work must not stop the gateway that runs.
    const profile = this.findProfile(request.profile);
    assertLaunchable(profile);
    await this.stop();
    const { userDataDir } = this.options;
    const runtime = await launchGateway({
      profile,
      port: request.port,
      stick: request.stick ?? 'auto',
      linkMode: request.linkMode,
      meters: profile.demo ? null : this.options.meters,
      virtualIntervalMs: profile.demo ? (this.options.demoIntervalMs ?? 3000) : 16_000,
      outboxFile:
        userDataDir && !profile.demo ? outboxFileFor(path.join(userDataDir, 'outbox'), profile.name) : null,
      logger: this.options.logger,
      onStickReady: () => this.statusChanged(),
    });
    this.runtime = runtime;
    const survey = new MeterSurvey({
      isMonitored: (id) => runtime.meters.has(id),
      hasKey: (id) => runtime.meters.has(id),
    });
    this.survey = survey;
    this.detach.push(
      runtime.pipeline.onHeard((heard) => survey.hear(heard)),
      runtime.pipeline.onEvent((event) => {
        this.options.events.publish('gateway.event', event);
        this.statusChanged();
      }),
      runtime.session.on('state', () => this.statusChanged()),
      runtime.session.on('message', (message) =>
        this.options.events.publish('mqtt.message', toIncomingMessage(message)),
      ),
      runtime.onStickStatus(() => this.statusChanged()),
    );
    runtime.start();
    this.statusChanged();
    return this.status();
  }

  async stop(): Promise<GatewayStatus> {
    const runtime = this.runtime;
    this.runtime = null;
    for (const off of this.detach.splice(0)) off();
    this.survey?.end();
    if (runtime) await runtime.stop();
    await this.captures.stopAll();
    this.statusChanged();
    return this.status();
  }

  /** Records the running gateway into the captures folder; the status names the file. */
  async startCapture(): Promise<GatewayStatus> {
    await this.captures.startRecording(this.runtime);
    this.statusChanged();
    return this.status();
  }

  async stopCapture(): Promise<GatewayStatus> {
    await this.captures.stopRecording();
    this.statusChanged();
    return this.status();
  }

  /** Stops the gateway and plays a capture through the same screens, read-only. */
  async openReplay(request: { name: string; speed: number | null }): Promise<GatewayStatus> {
    await this.stop();
    await this.captures.openReplay(request, this.options.meters);
    this.statusChanged();
    return this.status();
  }

  controlReplay(request: { paused?: boolean | undefined; speed?: number | null | undefined }): GatewayStatus {
    this.captures.controlReplay(request);
    this.statusChanged();
    return this.status();
  }

  /** Manual testing: publishes through the running session (its outbox, its reconnects). */
  publish(request: {
    topic: string;
    payload: string;
    qos: 0 | 1 | 2;
    retain: boolean;
    /** MQTT 5 properties, passed on to the session (which sends them only under MQTT 5). */
    properties?: StoredPublishProperties | undefined;
  }): Promise<PublishResult> {
    const runtime = this.running();
    // A 3.1.1 session would drop them without a word; say so instead.
    if (request.properties && runtime.profile.protocolVersion !== 5)
      throw new GatewayError(
        'NEEDS_MQTT5',
        `MQTT 5 properties cannot be sent: profile "${runtime.profile.name}" speaks MQTT 3.1.1 (set protocol_version: 5 to use them).`,
      );
    return runtime.session.publish(request);
  }

  subscribe(request: { topic: string; qos: 0 | 1 | 2 }): Promise<SubscribeResult> {
    return this.running().session.subscribe([request]);
  }

  unsubscribe(topic: string): Promise<{ ok: boolean; message: string | null }> {
    return this.running().session.unsubscribe(topic);
  }

  /** The inspector: explained with the given key or a monitored meter's own key. */
  explain(request: { hex: string; key?: string | undefined }): ExplainedTelegramView[] {
    const store = this.runtime?.meters ?? this.options.meters;
    return inspectTelegrams(request.hex, {
      monitored: { has: (id) => store.has(id), get: (id) => store.keyFor(id) },
      extraKey: request.key ? Buffer.from(request.key, 'hex') : null,
    });
  }

  private running(): GatewayRuntime {
    if (!this.runtime) {
      throw new GatewayError(
        'NOT_RUNNING',
        'Start a profile first: manual messages go through its broker connection.',
      );
    }
    return this.runtime;
  }

  addMeter(request: { deviceId: string; key: string; manufacturerKey: string }): GatewayStatus {
    const store = this.runtime?.meters ?? this.options.meters;
    store.put({
      deviceId: request.deviceId,
      manufacturerKey: request.manufacturerKey,
      encryptionKey: Buffer.from(request.key, 'hex'),
      manufacturerDeviceKey: null,
    });
    this.statusChanged();
    return this.status();
  }

  /** The meters of a KEM key file, compared with the technician's monitored set (no keys). */
  previewKem(request: { file: string; password: string }): KemPreview {
    return previewKem(
      readKemFile(Buffer.from(request.file, 'base64'), request.password),
      this.options.meters,
    );
  }

  /**
   * Monitors the chosen meters of a KEM file. They go to the technician's own store, which the next
   * Start uses; the demo monitors only its own meters and never touches it.
   */
  importKem(request: { file: string; password: string; ids: string[]; replace: string[] }): KemImportResult {
    const file = readKemFile(Buffer.from(request.file, 'base64'), request.password);
    const chosen = new Set(request.ids);
    const replace = new Set(request.replace);
    const results = importKemMeters(file, this.options.meters, {
      selected: (id) => chosen.has(id),
      replace: (id) => replace.has(id),
      replaceHint: 'confirm to replace it',
    });
    const imported = results.filter((r) => r.imported).length;
    this.options.logger.info(`KEM file: ${imported} of ${results.length} chosen meters imported`);
    this.statusChanged();
    const demo = this.runtime?.profile.demo ?? false;
    return {
      results,
      status: this.status(),
      note: demo
        ? 'The demo runs with its own meters: the imported ones are monitored from the next Start of one of your profiles.'
        : null,
    };
  }

  removeMeter(deviceId: string): GatewayStatus {
    const store = this.runtime?.meters ?? this.options.meters;
    if (!store.remove(deviceId))
      throw new GatewayError('NOT_MONITORED', `Meter ${deviceId} is not monitored.`);
    this.statusChanged();
    return this.status();
  }

  async dispose(): Promise<void> {
    if (this.statusTimer) clearTimeout(this.statusTimer);
    await this.stop();
    if (this.statusTimer) clearTimeout(this.statusTimer);
  }

  private findProfile(name: string): Profile {
    if (name === DEMO_PROFILE_NAME) return demoProfile();
    const loaded = this.options.settings();
    const profile = loaded?.profiles.find((p) => p.name === name);
    if (profile) return profile;
    const problems =
      loaded?.problems.filter(
        (p) => p.severity === 'error' && (p.key === name || p.key?.startsWith(`${name}.`)),
      ) ?? [];
    if (problems.length === 0)
      throw new GatewayError('NO_SUCH_PROFILE', `There is no profile "${name}" in the settings file.`);
    throw new GatewayError(
      'PROFILE_UNUSABLE',
      `Profile "${name}" cannot be used: ${problems.map((p) => `${p.key}: ${p.message}`).join('; ')}`,
    );
  }

  private monitoredViews(store: MeterStore): MonitoredMeterView[] {
    return store.views();
  }

  /** Status snapshots are coalesced: a burst of telegrams becomes one snapshot, not hundreds. */
  private statusChanged(): void {
    if (this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.options.events.publish('gateway.status', this.status());
    }, 200);
  }
}

/** The stick facts the UI shows, the same fields for every kind. */
function stickInfoView(info: StickIdentity): NonNullable<GatewayStatus['stickInfo']> {
  const { kind, module, firmware, uniqueId, linkModes, details } = info;
  return { kind, module, firmware, uniqueId, linkModes: [...linkModes], details: { ...details } };
}
