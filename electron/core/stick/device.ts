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
import { im871aIdentity } from './im871a-identity';
import type { Im871aOptions } from './device-types';
import { HciFramer, type HciFramerStats } from './framer';
import {
  DeviceManagementMessage as Dm,
  HciEndpoint,
  RadioLinkMessage,
  rssiToDbm,
  type HciFrame,
} from './hci';
import { SerialStick } from './serial-stick';
import { IM871A_BAUD_RATE } from './serial-port';
import type { StickIdentity } from './stick';
import { delay } from '../timers';
import type { LinkMode } from '../../../shared/link-modes';

/**
 * One iM871A on one serial path: requests one at a time, telegram indications as events, and
 * recovery from unplugging (SerialStick). The stick's RAM configuration is lost when it restarts,
 * so the last configuration set here is applied again after a replug or a reset.
 */
export class Im871a extends SerialStick<HciFrame, HciFrame> {
  readonly kind = 'im871a' as const;
  protected readonly framer = new HciFramer({ onError: (error) => this.listeners.emit('frameError', error) });
  private appliedConfig: ConfigChange | undefined;

  constructor(options: Im871aOptions) {
    super(options, { name: 'iM871A', baudRate: IM871A_BAUD_RATE });
  }

  get framerStats(): HciFramerStats {
    return this.framer.stats;
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

  /** The stick answers, and gets back the configuration it lost. */
  protected async handshake(): Promise<void> {
    await this.exchange('ping', encodePingRequest(), Dm.pingResponse);
    if (this.appliedConfig) await this.sendConfig(this.appliedConfig);
  }

  private async exchange(what: string, request: Buffer, responseId: number): Promise<Buffer> {
    const response = await this.send(
      what,
      request,
      (frame) => frame.endpoint === HciEndpoint.deviceManagement && frame.messageId === responseId,
    );
    return response.payload;
  }

  private async sendConfig(change: ConfigChange): Promise<void> {
    assertAccepted(
      await this.exchange('set config', encodeSetConfigRequest(change), Dm.setConfigResponse),
      'set config',
    );
  }

  protected handleFrame(frame: HciFrame): void {
    if (frame.endpoint === HciEndpoint.deviceManagement) {
      if (!this.requests.offer(frame)) {
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
      this.connection.noteTelegram();
    }
  }
}
