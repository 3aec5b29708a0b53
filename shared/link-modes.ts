// The wM-Bus link modes (EN 13757-4) a receiver can listen in: the one table the IPC schema, the
// CLI's --link-mode and the iM871A driver's set/get-config codes all come from. Free of zod.

/** One row per mode: its name in settings, IPC and CLI, the iM871A's code for it, words for people. */
export interface LinkModeEntry {
  readonly name: string;
  /** The `link mode` byte of the iM871A's set/get configuration (IMST WMBus HCI spec). */
  readonly im871aCode: number;
  readonly label: string;
  /** The first iM871A firmware that can listen in this mode, when older ones cannot. */
  readonly im871aMinFirmware?: number;
}

/** The first iM871A firmware that can listen to C1 and T1 at once. */
export const IM871A_FIRMWARE_WITH_C1T1 = 0x14;

export const LINK_MODES = [
  { name: 's1', im871aCode: 0x00, label: 'S1' },
  { name: 's1m', im871aCode: 0x01, label: 'S1-m' },
  { name: 's2', im871aCode: 0x02, label: 'S2' },
  { name: 't1', im871aCode: 0x03, label: 'T1' },
  { name: 't2', im871aCode: 0x04, label: 'T2' },
  { name: 'r2', im871aCode: 0x05, label: 'R2' },
  { name: 'c1a', im871aCode: 0x06, label: 'C1 format A' },
  { name: 'c1b', im871aCode: 0x07, label: 'C1 format B' },
  { name: 'c2a', im871aCode: 0x08, label: 'C2 format A' },
  { name: 'c2b', im871aCode: 0x09, label: 'C2 format B' },
  { name: 'c1t1', im871aCode: 0x0a, label: 'C1 + T1', im871aMinFirmware: IM871A_FIRMWARE_WITH_C1T1 },
] as const satisfies readonly LinkModeEntry[];

export type LinkMode = (typeof LINK_MODES)[number]['name'];
export type LinkModeRow = (typeof LINK_MODES)[number];

/** The names in the table's order (the iM871A's code order). */
export const LINK_MODE_NAMES: readonly LinkMode[] = LINK_MODES.map((mode) => mode.name);

/** OmniPower meters send in C1 format A, so that is where a new gateway listens first. */
export const DEFAULT_LINK_MODE: LinkMode = 'c1a';

export function isLinkMode(text: string): text is LinkMode {
  return (LINK_MODE_NAMES as readonly string[]).includes(text);
}

/** A link mode as typed (any case, surrounding spaces ignored), or null if there is no such mode. */
export function parseLinkMode(text: string): LinkMode | null {
  const name = text.trim().toLowerCase();
  return isLinkMode(name) ? name : null;
}

/** The row of a mode; a name that slipped past the types (a cast, plain JS) is a RangeError. */
export function linkModeRow(name: LinkMode): LinkModeRow {
  const row = LINK_MODES.find((mode) => mode.name === name);
  if (!row) throw new RangeError(`unknown link mode ${JSON.stringify(name)}`);
  return row;
}

export function linkModeByIm871aCode(code: number): LinkModeRow | undefined {
  return LINK_MODES.find((mode) => mode.im871aCode === code);
}
