import { Iu891aFramer, type FramedMessage } from './framer';
import { Iu891aLinkMode } from './link-modes';
import { DeviceManagementId as Dm, encodeIu891aFrame, GatewayId as Gw, Iu891aEndpoint } from './message';
import { MetersOnAir } from './on-air';
import {
  CONFIG_LENGTH,
  ConfigOption,
  encodeApplicationStatus,
  encodeConfig,
  encodeReceiveIndication,
  parseConfig,
  type Iu891aConfig,
} from './payloads';
import { rssiToDbm, type SimulatedMeter, type SimulatedMeterSpec } from './reused';
import { realTimers, type Timers } from '../../timers';

export interface VirtualIu891aOptions {
  meters: SimulatedMeterSpec[];
  /** Time between telegrams of one meter; real OmniPowers send every 15–20 s. Default 16 s. */
  intervalMs?: number;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
  /** The unique id it reports (8 hex digits). Default "56495254". */
  uniqueId?: string;
}

/** Factory state as public simulators of the stick report it: receiver off, indications on. */
const DEFAULT_CONFIG: Iu891aConfig = {
  linkModeCode: Iu891aLinkMode.off,
  options: ConfigOption.receiveIndications | ConfigOption.transmitIndications | ConfigOption.recalibration,
  uiOptions: 0,
  ledFlashMs: 50,
  recalibrateMs: 0,
};
const KNOWN_LINK_MODES = new Set<number>(Object.values(Iu891aLinkMode));
/** OmniPower and Multical 21 send in C mode: a receiver in S or T mode never hears them. */
const HEARS_C_MODE = new Set<number>([Iu891aLinkMode.c, Iu891aLinkMode.cAndT]);
/** Packet info of a C-mode frame, format A. */
const PACKET_INFO_C_A = 0x05;
const RESTART_MS = 500;
const STATUS = { ok: 0x00, notSupported: 0x02, wrongParameter: 0x03 } as const;

/**
 * A simulated iU891A-XL, device side only: it answers every request the driver sends (ping,
 * device and firmware info, restart, get/set active configuration, application status) and sends
 * receive indications of simulated Kamstrup meters while its receiver is in C or C+T mode. Put it
 * behind a port with `VirtualDevicePort`, or behind a pseudo-terminal for `cli stick-sim`.
 */
export class VirtualIu891a {
  private config: Iu891aConfig = { ...DEFAULT_CONFIG };
  private readonly framer = new Iu891aFramer();
  private readonly air: MetersOnAir;
  private readonly now: () => number;
  private readonly listeners = new Set<(bytes: Buffer) => void>();
  private readonly uniqueId: number;
  private restartingUntil = 0;
  private readonly counters = { restarts: 0, received: 0, requests: 0 };

  constructor(options: VirtualIu891aOptions) {
    this.now = options.now ?? Date.now;
    this.uniqueId = Number.parseInt(options.uniqueId ?? '56495254', 16) >>> 0;
    this.air = new MetersOnAir({
      meters: options.meters,
      intervalMs: options.intervalMs ?? 16_000,
      timers: options.timers ?? realTimers,
      random: options.random ?? Math.random,
      onTransmit: (meter) => this.transmit(meter),
    });
  }

  /** The active configuration as the host last set it (for tests and the simulator's log). */
  get activeConfig(): Iu891aConfig {
    return { ...this.config };
  }

  /** Power on: meters' telegrams start arriving. Idempotent. */
  start(): void {
    this.air.start();
  }

  /** Power off (unplugged): it forgets its active configuration; the meters keep their registers. */
  stop(): void {
    this.air.stop();
    this.framer.reset();
    this.config = { ...DEFAULT_CONFIG };
  }

  /** Bytes the stick sends to the host. */
  onData(listener: (bytes: Buffer) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Bytes the host sends to the stick. */
  receive(bytes: Buffer): void {
    for (const framed of this.framer.push(bytes)) this.answer(framed);
  }

  private answer({ message: request }: FramedMessage): void {
    if (request.kind !== 'request' || this.now() < this.restartingUntil) return;
    this.counters.requests++;
    const reply = (status: number, payload?: Buffer) =>
      this.send(
        encodeIu891aFrame({ endpoint: request.endpoint, messageId: request.messageId + 1, status, payload }),
      );
    const ok = (payload?: Buffer) => reply(STATUS.ok, payload);
    if (request.endpoint === Iu891aEndpoint.deviceManagement) {
      switch (request.messageId) {
        case Dm.pingRequest:
          return ok();
        case Dm.deviceInfoRequest:
          return ok(this.deviceInfo());
        case Dm.firmwareInfoRequest:
          return ok(FIRMWARE_INFO);
        case Dm.restartRequest:
          ok();
          // Like the real stick it restarts shortly after answering, with its default configuration.
          this.restartingUntil = this.now() + RESTART_MS;
          this.config = { ...DEFAULT_CONFIG };
          this.counters.restarts++;
          return;
      }
    } else {
      switch (request.messageId) {
        case Gw.getConfigRequest:
          return ok(encodeConfig(this.config));
        case Gw.setConfigRequest:
          return reply(this.setConfig(request.payload));
        case Gw.getStatusRequest:
          return ok(this.applicationStatus());
      }
    }
    reply(STATUS.notSupported);
  }

  private setConfig(payload: Buffer): number {
    if (payload.length !== CONFIG_LENGTH) return STATUS.wrongParameter;
    const config = parseConfig(payload);
    if (!KNOWN_LINK_MODES.has(config.linkModeCode)) return STATUS.wrongParameter;
    this.config = config;
    return STATUS.ok;
  }

  private deviceInfo(): Buffer {
    const out = Buffer.alloc(9);
    out[0] = 0x6e; // iU891A-XL
    out.writeUInt32LE(this.uniqueId, 1);
    out.writeUInt32LE(0x00062dbe, 5); // product type, as a real stick reports it
    return out;
  }

  private applicationStatus(): Buffer {
    const seconds = Math.floor(this.now() / 1000) >>> 0;
    return encodeApplicationStatus({
      time: seconds,
      lastSync: seconds,
      linkModeCode: this.config.linkModeCode,
      statusBits: 0x0006,
      restarts: this.counters.restarts,
      receivedPackets: this.counters.received,
      rejectedPackets: 0,
      receiveErrors: 0,
      sentPackets: 0,
      sendErrors: 0,
    });
  }

  private transmit(meter: SimulatedMeter): void {
    const now = this.now();
    const telegram = meter.nextTelegram(now);
    if (now < this.restartingUntil || !HEARS_C_MODE.has(this.config.linkModeCode)) return;
    this.counters.received++;
    if (!(this.config.options & ConfigOption.receiveIndications)) return;
    const payload = encodeReceiveIndication({
      timestamp: Math.floor(now / 1000),
      decryptionStatus: 0,
      encryptionMode: 0,
      packetInfo: PACKET_INFO_C_A,
      rssiDbm: Math.round(rssiToDbm(telegram.rssi)),
      frame: telegram.frame,
    });
    this.send(
      encodeIu891aFrame({ endpoint: Iu891aEndpoint.wmbusGateway, messageId: Gw.receiveIndication, payload }),
    );
  }

  private send(bytes: Buffer): void {
    for (const listener of this.listeners) listener(bytes);
  }
}

/** Firmware 1.3 build 42, date and name as the stick writes them (ASCII). */
const FIRMWARE_INFO = Buffer.concat([
  Buffer.of(0x03, 0x01, 42, 0),
  Buffer.from('01.02.2024iU891A virtual', 'latin1'),
]);
