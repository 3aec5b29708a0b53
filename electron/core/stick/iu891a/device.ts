import type { LinkMode } from '../../../../shared/link-modes';
import type { StickIdentity } from '../stick';
import { Iu891aFramer, type FramedMessage, type Iu891aFramerStats } from './framer';
import { iu891aLinkModeCode, iu891aLinkModeText, IU891A_LINK_MODES } from './link-modes';
import { Iu891aFrameError } from './errors';
import {
  DeviceManagementId as Dm,
  encodeIu891aFrame,
  GatewayId as Gw,
  Iu891aEndpoint,
  type Iu891aMessage,
} from './message';
import {
  ConfigOption,
  encodeConfig,
  parseApplicationStatus,
  parseConfig,
  parseDeviceInfo,
  parseFirmwareInfo,
  parseReceiveIndication,
  type Iu891aApplicationStatus,
  type Iu891aConfig,
} from './payloads';
import type { StickOptions } from './reused';
import { IU891A_WAKE_UP } from './usb-and-wake-up';
import { SerialStick } from '../serial-stick';
import { assertOk } from './status-words';
import { delay } from '../../timers';

export const IU891A_BAUD_RATE = 115_200;

/**
 * The same options as the iM871A driver (path, openPort, exists, timers, now, requestTimeoutMs,
 * reconnectIntervalMs, presenceCheckMs, resetSettleMs, platform, logger); the port is opened at
 * 115 200 baud 8N1.
 */
export type Iu891aOptions = StickOptions;

/**
 * One iU891A on one serial path: requests one at a time, receive indications as telegrams, and
 * recovery from unplugging. The link mode set here is remembered and set again after a replug
 * or a restart, as the stick starts with its saved default configuration.
 */
export class Iu891a extends SerialStick<FramedMessage, Iu891aMessage> {
  readonly kind = 'iu891a' as const;
  protected readonly framer = new Iu891aFramer({
    onError: (error) =>
      this.listeners.emit('frameError', {
        reason: error.reason,
        offset: error.offset,
        message: error.message,
        ...(error.bytes ? { bytes: error.bytes } : {}),
      }),
  });
  private wantedMode: LinkMode | undefined;

  constructor(options: Iu891aOptions) {
    super(options, { name: 'iU891A', baudRate: IU891A_BAUD_RATE });
  }

  get framerStats(): Iu891aFramerStats {
    return this.framer.stats;
  }

  ping(): Promise<number> {
    return this.requests.enqueue(async () => {
      const sentAt = this.options.now();
      await this.management('ping', Dm.pingRequest);
      return this.options.now() - sentAt;
    });
  }

  identify(): Promise<StickIdentity> {
    return this.requests.enqueue(async () => {
      const info = parseDeviceInfo(await this.management('device info', Dm.deviceInfoRequest));
      const firmware = parseFirmwareInfo(await this.management('firmware info', Dm.firmwareInfoRequest));
      const details: Record<string, string> = {
        'module type': `0x${info.moduleType.toString(16).padStart(2, '0')}`,
        'firmware build': String(firmware.build),
      };
      if (firmware.buildDate) details['firmware date'] = firmware.buildDate;
      if (firmware.name) details['firmware name'] = firmware.name;
      if (info.extra.length > 0) details['device info (more)'] = info.extra.toString('hex');
      return {
        kind: this.kind,
        module: info.moduleName,
        firmware: `${firmware.major}.${firmware.minor}`,
        uniqueId: info.uniqueId,
        linkModes: [...IU891A_LINK_MODES],
        details,
      };
    });
  }

  /** Listens in `mode` (see link-modes.ts for how app modes map); refused before sending if unsupported. */
  async setLinkMode(mode: LinkMode): Promise<void> {
    iu891aLinkModeCode(mode);
    await this.requests.enqueue(() => this.applyLinkMode(mode));
    this.wantedMode = mode;
  }

  getConfig(): Promise<Iu891aConfig> {
    return this.requests.enqueue(() => this.readConfig());
  }

  getApplicationStatus(): Promise<Iu891aApplicationStatus> {
    return this.requests.enqueue(async () =>
      parseApplicationStatus(await this.gateway('application status', Gw.getStatusRequest)),
    );
  }

  /** Restarts the stick, waits for it to come back and sets the last link mode again. */
  restart(): Promise<void> {
    return this.requests.enqueue(async () => {
      await this.management('restart', Dm.restartRequest);
      await delay(this.options.timers, this.options.resetSettleMs);
      this.framer.reset(); // bytes from before the restart cannot complete a frame
      if (this.wantedMode) await this.applyLinkMode(this.wantedMode);
    });
  }

  /** Keeps the stick's other settings, switches receive indications on and the device-list filter off. */
  private async applyLinkMode(mode: LinkMode): Promise<void> {
    const current = await this.readConfig();
    const options = (current.options | ConfigOption.receiveIndications) & ~ConfigOption.filterByDeviceList;
    const wanted = { ...current, linkModeCode: iu891aLinkModeCode(mode), options };
    const what = `set active configuration (${iu891aLinkModeText(wanted.linkModeCode)})`;
    await this.gateway(what, Gw.setConfigRequest, encodeConfig(wanted));
  }

  private async readConfig(): Promise<Iu891aConfig> {
    return parseConfig(await this.gateway('get active configuration', Gw.getConfigRequest));
  }

  private management(what: string, messageId: number): Promise<Buffer> {
    return this.exchange(what, Iu891aEndpoint.deviceManagement, messageId);
  }

  private gateway(what: string, messageId: number, payload?: Buffer): Promise<Buffer> {
    return this.exchange(what, Iu891aEndpoint.wmbusGateway, messageId, payload);
  }

  /**
   * Sends a request and resolves with the payload of its response (the message id after the
   * request's); a status other than ok rejects with the status in words.
   */
  /** Wakes the stick (a run of ENDs), checks it answers and sets its link mode again. */
  protected async handshake(): Promise<void> {
    this.connection.port?.write(IU891A_WAKE_UP);
    await this.management('ping', Dm.pingRequest);
    if (this.wantedMode) await this.applyLinkMode(this.wantedMode);
  }

  private async exchange(
    what: string,
    endpoint: number,
    messageId: number,
    payload?: Buffer,
  ): Promise<Buffer> {
    const request = encodeIu891aFrame({ endpoint, messageId, payload });
    const response = await this.send(
      what,
      request,
      (m) => m.endpoint === endpoint && m.messageId === messageId + 1,
    );
    assertOk(response, what);
    return response.payload;
  }

  protected handleFrame({ message, offset }: FramedMessage): void {
    if (message.endpoint === Iu891aEndpoint.wmbusGateway && message.messageId === Gw.receiveIndication) {
      this.emitTelegram(message, offset);
    } else if (!this.requests.offer(message)) {
      this.options.logger?.debug(`iU891A sent unrequested ${message.name}`);
    }
  }

  private emitTelegram(message: Iu891aMessage, offset: number): void {
    try {
      const indication = parseReceiveIndication(message.payload);
      this.listeners.emit('telegram', {
        frame: indication.frame,
        rssiDbm: indication.rssiDbm,
        timestamp: indication.timestamp,
        receivedAt: this.options.now(),
      });
      this.connection.noteTelegram();
    } catch (error) {
      if (!(error instanceof Iu891aFrameError)) throw error;
      // The parser's offset counts from the message start.
      this.listeners.emit('frameError', {
        reason: error.reason,
        offset: offset + error.offset,
        message: error.message,
      });
    }
  }
}
