import { Iu891aFramer } from './framer';
import { DeviceManagementId as Dm, encodeIu891aFrame, Iu891aEndpoint } from './message';
import { parseDeviceInfo, type Iu891aDeviceInfo } from './payloads';
import { SLIP_END } from './slip';

/**
 * The USB id the iU891A-XL enumerates with: Cypress's generic CY7C65213 UART bridge (lsusb shows
 * "04b4:0003 Cypress Semiconductor Corp. iU891A"). Other products use the same bridge and id
 * (e.g. Rainforest's EMU-2), so this id makes a port a candidate; the probe confirms it.
 */
export const IU891A_USB_ID = { vendorId: '04b4', productId: '0003' } as const;

/**
 * Written after every open and before a probe: a run of ENDs wakes the stick and ends any frame
 * it had half-received (wmbusmeters and other public drivers send 30).
 */
export const IU891A_WAKE_UP = Buffer.alloc(30, SLIP_END);

/** What to write to a port (at 115 200 baud) to ask "are you an iU891A?": wake-up, then a device info request. */
export function iu891aProbeRequest(): Buffer {
  return Buffer.concat([
    IU891A_WAKE_UP,
    encodeIu891aFrame({ endpoint: Iu891aEndpoint.deviceManagement, messageId: Dm.deviceInfoRequest }),
  ]);
}

/** The device info in what a port answered the probe, or null when nothing there is an iU891A's answer. */
export function findIu891aDeviceInfo(answer: Buffer): Iu891aDeviceInfo | null {
  const framer = new Iu891aFramer();
  for (const { message } of framer.push(answer)) {
    if (message.endpoint !== Iu891aEndpoint.deviceManagement) continue;
    if (message.messageId !== Dm.deviceInfoResponse || message.status !== 0) continue;
    try {
      return parseDeviceInfo(message.payload);
    } catch {
      return null; // a device info response too short to be one
    }
  }
  return null;
}
