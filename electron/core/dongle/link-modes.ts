// Link modes of the iM871A (DESIGN §5): the radio mode the stick listens in.

/** Link mode codes of the set/get config `link mode` field. */
export const LINK_MODES = [
  { code: 0x00, name: 's1', label: 'S1' },
  { code: 0x01, name: 's1m', label: 'S1-m' },
  { code: 0x02, name: 's2', label: 'S2' },
  { code: 0x03, name: 't1', label: 'T1' },
  { code: 0x04, name: 't2', label: 'T2' },
  { code: 0x05, name: 'r2', label: 'R2' },
  { code: 0x06, name: 'c1a', label: 'C1 format A' },
  { code: 0x07, name: 'c1b', label: 'C1 format B' },
  { code: 0x08, name: 'c2a', label: 'C2 format A' },
  { code: 0x09, name: 'c2b', label: 'C2 format B' },
  { code: 0x0a, name: 'c1t1', label: 'C1 + T1' }, // needs firmware >= 0x14
] as const;

export type LinkModeName = (typeof LINK_MODES)[number]['name'];
/** The original gateway received the OmniPower in C1 format A (DESIGN §5). */
export const DEFAULT_LINK_MODE: LinkModeName = 'c1a';
/** First firmware that can listen to C1 and T1 at once. */
export const FIRMWARE_WITH_C1T1 = 0x14;

export function linkModeCode(name: LinkModeName): number {
  const mode = LINK_MODES.find((entry) => entry.name === name);
  if (!mode) throw new RangeError(`unknown link mode '${String(name)}'`);
  return mode.code;
}

export function linkModeByCode(code: number): (typeof LINK_MODES)[number] | undefined {
  return LINK_MODES.find((entry) => entry.code === code);
}
