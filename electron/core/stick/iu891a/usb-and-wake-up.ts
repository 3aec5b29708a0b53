import { SLIP_END } from './slip';

/**
 * The USB id the iU891A-XL enumerates with: Cypress's generic CY7C65213 UART bridge (lsusb shows
 * "04b4:0003 Cypress Semiconductor Corp. iU891A"). Other products use the same bridge and id
 * (e.g. Rainforest's EMU-2), so this id makes a port a candidate, and detection (detect-stick.ts)
 * confirms it by opening the driver.
 */
export const IU891A_USB_ID = { vendorId: '04b4', productId: '0003' } as const;

/**
 * Written after every open (detection's included): a run of ENDs wakes the stick and ends any frame
 * it had half-received (wmbusmeters and other public drivers send 30).
 */
export const IU891A_WAKE_UP = Buffer.alloc(30, SLIP_END);
