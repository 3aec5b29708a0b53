import { IU891A_USB_ID } from './iu891a/usb-and-wake-up';
import type { StickKind } from './stick';

export interface UsbId {
  /** Lower-case hex, 4 digits. */
  vendorId: string;
  productId: string;
}

/**
 * The USB ids each stick enumerates with (docs/ARCHITECTURE.md § Sticks). The iM871A's CP210x
 * bridge carries IMST's own product id. The iU891A-XL's Cypress bridge uses Cypress's generic
 * USB-serial id, which other adapters share too: a match names the likely stick, and detection
 * pings it before believing it.
 */
export const STICK_USB_IDS: Record<StickKind, UsbId> = {
  im871a: { vendorId: '10c4', productId: '87ed' },
  iu891a: IU891A_USB_ID,
};

/** What udev puts in /dev/serial/by-id names (from the USB product string). */
const BY_ID_NAMES: Record<StickKind, RegExp> = {
  im871a: /im871a/i,
  iu891a: /i[mu]891a/i,
};

export interface PortIds {
  vendorId?: string;
  productId?: string;
  byId?: string;
  product?: string;
}

/** Ids other products share: a match makes that stick the likely one, not a certain one. */
const SHARED_IDS: Record<StickKind, boolean> = { im871a: false, iu891a: true };

export interface StickHint {
  kind: StickKind;
  /** False when only a shared USB id points to it: detection then confirms it with a ping. */
  sure: boolean;
}

/** The stick a port's USB ids or names point to, and how sure that is; undefined when they say nothing. */
export function stickHintOfPort(port: PortIds): StickHint | undefined {
  const kinds = Object.keys(STICK_USB_IDS) as StickKind[];
  const byName = kinds.find((kind) => BY_ID_NAMES[kind].test(`${port.byId ?? ''} ${port.product ?? ''}`));
  if (byName) return { kind: byName, sure: true };
  const byId = kinds.find((kind) => {
    const id = STICK_USB_IDS[kind];
    return port.vendorId?.toLowerCase() === id.vendorId && port.productId?.toLowerCase() === id.productId;
  });
  return byId && { kind: byId, sure: !SHARED_IDS[byId] };
}

/** The stick a port's USB ids or names point to (for naming it in the port list). */
export function stickKindOfPort(port: PortIds): StickKind | undefined {
  return stickHintOfPort(port)?.kind;
}
