import { encodeConfigFields, parseConfig, type StickConfig, type StickConfigFields } from './commands';
import { HciFramer } from './framer';
import {
  DeviceManagementMessage as Dm,
  encodeHciFrame,
  HciEndpoint,
  RadioLinkMessage,
  type HciFrame,
} from './hci';
import { linkModeByCode, type LinkModeName } from './link-modes';
import { simulatedMeter, type SimulatedMeterSpec } from './simulated-meter';
import type { SimulatedMeter } from './simulated-radio';
import { realTimers, type Timers } from '../timers';

export interface VirtualStickOptions {
  meters: SimulatedMeterSpec[];
  /** Time between telegrams of one meter; real OmniPowers send every 15–20 s. Default 16 s. */
  intervalMs?: number;
  timers?: Timers;
  now?: () => number;
  random?: () => number;
}

/** What a factory-fresh iM871A reports: C1 format A, no RSSI, no timestamp (docs/ARCHITECTURE.md § iM871A). */
const DEFAULT_CONFIG: StickConfigFields = {
  deviceMode: 0x00,
  linkModeCode: 0x06,
  autoRssi: 0,
  autoTimestamp: 0,
};
/** Module iM871A (0x33), other mode, firmware 0x14 (C1+T1 capable), HCI 1, id "VIRTUAL" 0x56495254. */
const DEVICE_INFO = Buffer.from('3300140154524956', 'hex');
/** OmniPower and Multical 21 transmit in C mode; a stick listening in S or T mode never hears them. */
const HEARS_C_MODE = new Set<LinkModeName>(['c1a', 'c1b', 'c1t1']);
const RESET_MS = 500;

/** A simulated meter on air: its spec (pace, silence) and how many telegrams it has sent. */
interface OnAir {
  spec: SimulatedMeterSpec;
  meter: SimulatedMeter;
  sent: number;
}

/**
 * A simulated iM871A: it answers the host's HCI requests and emits received-telegram indications of
 * simulated Kamstrup meters (OmniPower, Multical 21), byte for byte as a real stick would (CRC,
 * optional RSSI and timestamp trailers as configured). It is the device side only;
 * `VirtualDevicePort` puts it behind the serial-port interface the driver uses, and `cli stick-sim`
 * behind a real pseudo-terminal.
 */
export class VirtualStick {
  private config: StickConfigFields = { ...DEFAULT_CONFIG };
  private readonly framer = new HciFramer();
  private readonly meters: OnAir[];
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly startedAt: number;
  private readonly random: () => number;
  private readonly listeners = new Set<(bytes: Buffer) => void>();
  private handles: unknown[] = [];
  private resettingUntil = 0;

  constructor(options: VirtualStickOptions) {
    this.random = options.random ?? Math.random;
    this.meters = options.meters.map((spec) => ({ spec, meter: simulatedMeter(spec, this.random), sent: 0 }));
    this.timers = options.timers ?? realTimers;
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? 16_000;
    this.startedAt = this.now();
  }

  /** Power on: the meters' telegrams start arriving. Idempotent. */
  start(): void {
    if (this.handles.length > 0) return;
    // Meters are not synchronised: spread their first telegrams over one interval.
    this.meters.forEach((entry, i) =>
      this.schedule(entry, ((i + 1) * this.intervalMs) / (this.meters.length + 1)),
    );
  }

  /** Bytes the stick sends to the host. */
  onData(listener: (bytes: Buffer) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Bytes the host sends to the stick. */
  receive(bytes: Buffer): void {
    for (const frame of this.framer.push(bytes)) this.answer(frame);
  }

  /** Power off (unplugged): no more telegrams until `start()`; the meters keep their registers. */
  stop(): void {
    for (const handle of this.handles) this.timers.clearTimeout(handle);
    this.handles = [];
    this.framer.reset();
    this.config = { ...DEFAULT_CONFIG };
  }

  private answer(request: HciFrame): void {
    if (request.endpoint !== HciEndpoint.deviceManagement || this.now() < this.resettingUntil) return;
    const reply = (payload?: Buffer) =>
      this.send(
        encodeHciFrame({ endpoint: HciEndpoint.deviceManagement, messageId: request.messageId + 1, payload }),
      );
    switch (request.messageId) {
      case Dm.pingRequest:
        return reply();
      case Dm.getDeviceInfoRequest:
        return reply(DEVICE_INFO);
      case Dm.getConfigRequest:
        return reply(encodeConfigFields(this.config));
      case Dm.setConfigRequest:
        try {
          // Payload: NVM flag, then the flag bytes and fields (docs/ARCHITECTURE.md § iM871A).
          this.config = { ...this.config, ...definedFields(parseConfig(request.payload.subarray(1))) };
          return reply(Buffer.of(0x00));
        } catch {
          return reply(Buffer.of(0x01)); // a malformed request is refused, as the stick does
        }
      case Dm.resetRequest:
      case Dm.factoryResetRequest:
        reply(Buffer.of(0x00));
        // The real stick restarts about 500 ms later and forgets its RAM configuration.
        this.resettingUntil = this.now() + RESET_MS;
        this.config = { ...DEFAULT_CONFIG };
        return;
      default:
        return reply(Buffer.of(0x01)); // not supported here
    }
  }

  private schedule(entry: OnAir, inMs: number): void {
    const { spec } = entry;
    if (spec.silentAfter !== undefined && entry.sent >= spec.silentAfter) return;
    const handle = this.timers.setTimeout(() => {
      this.handles = this.handles.filter((h) => h !== handle);
      entry.sent++;
      this.transmit(entry.meter);
      this.schedule(entry, this.intervalMs * (spec.intervalFactor ?? 1) * (0.9 + this.random() * 0.2));
    }, inMs);
    this.handles.push(handle);
  }

  private transmit(meter: SimulatedMeter): void {
    const now = this.now();
    const mode = linkModeByCode(this.config.linkModeCode ?? 0x06)?.name;
    const telegram = meter.nextTelegram(now);
    if (now < this.resettingUntil || !mode || !HEARS_C_MODE.has(mode)) return;
    this.send(
      encodeHciFrame({
        endpoint: HciEndpoint.radioLink,
        messageId: RadioLinkMessage.telegramIndication,
        payload: telegram.frame,
        ...(this.config.autoTimestamp ? { timestamp: (now - this.startedAt) >>> 0 } : {}),
        ...(this.config.autoRssi ? { rssi: telegram.rssi } : {}),
      }),
    );
  }

  private send(bytes: Buffer): void {
    for (const listener of this.listeners) listener(bytes);
  }
}

/** Only the raw wire fields that were sent (parseConfig also adds derived names). */
function definedFields(fields: StickConfig): StickConfigFields {
  const { linkMode: _l, rssi: _r, timestamp: _t, ...raw } = fields;
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as StickConfigFields;
}
