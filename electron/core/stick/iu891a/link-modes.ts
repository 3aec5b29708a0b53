import { linkModeRow, type LinkMode } from '../../../../shared/link-modes';
import { UnsupportedLinkModeError } from './errors';

/** The receiver settings of the iU891A's active configuration (its first byte). */
export const Iu891aLinkMode = {
  off: 0x00,
  s: 0x01,
  t: 0x02,
  cAndT: 0x03,
  c: 0x05,
  enhancedT: 0x06,
} as const;

const WORDS: Record<number, string> = {
  [Iu891aLinkMode.off]: 'off',
  [Iu891aLinkMode.s]: 'S mode',
  [Iu891aLinkMode.t]: 'T mode',
  [Iu891aLinkMode.cAndT]: 'C and T mode',
  [Iu891aLinkMode.c]: 'C mode',
  [Iu891aLinkMode.enhancedT]: 'enhanced T mode',
};

/**
 * The app's link modes as the iU891A listens for them: it has one receiver setting per mode
 * family, not per sub-mode, so C1 and C2 (frame formats A and B) all become C mode. It has none
 * for S2 and R2; `null` marks those. The `Record` makes a new app link mode a type error here.
 */
const CODES: Record<LinkMode, number | null> = {
  s1: Iu891aLinkMode.s,
  s1m: Iu891aLinkMode.s,
  s2: null,
  t1: Iu891aLinkMode.t,
  t2: Iu891aLinkMode.t,
  r2: null,
  c1a: Iu891aLinkMode.c,
  c1b: Iu891aLinkMode.c,
  c2a: Iu891aLinkMode.c,
  c2b: Iu891aLinkMode.c,
  c1t1: Iu891aLinkMode.cAndT,
};

/** The modes an iU891A can listen in, in the app's order. */
export const IU891A_LINK_MODES: readonly LinkMode[] = (Object.keys(CODES) as LinkMode[]).filter(
  (mode) => CODES[mode] !== null,
);

/** The receiver setting for `mode`; a mode it cannot listen in is refused with the choices in words. */
export function iu891aLinkModeCode(mode: LinkMode): number {
  const code = CODES[mode];
  if (code === undefined || code === null) {
    const label = CODES[mode] === null ? linkModeRow(mode).label : JSON.stringify(mode);
    throw new UnsupportedLinkModeError(
      mode,
      `the iU891A cannot listen in ${label}: it listens in S, T, C or C+T (choose one of ${IU891A_LINK_MODES.join(', ')})`,
    );
  }
  return code;
}

/** A receiver setting in words, e.g. "C mode (0x05)". */
export function iu891aLinkModeText(code: number): string {
  return `${WORDS[code] ?? 'unknown link mode'} (0x${code.toString(16).padStart(2, '0')})`;
}

/** The app modes a receiver setting covers (C mode → c1a, c1b, c2a, c2b). */
export function appLinkModesFor(code: number): LinkMode[] {
  return IU891A_LINK_MODES.filter((mode) => CODES[mode] === code);
}
