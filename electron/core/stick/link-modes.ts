// The iM871A's side of the link-mode table in shared/link-modes.ts: the codes of its set/get
// configuration `link mode` field. The table itself is not repeated here.
import {
  DEFAULT_LINK_MODE,
  IM871A_FIRMWARE_WITH_C1T1,
  LINK_MODES,
  linkModeByIm871aCode,
  linkModeRow,
  type LinkMode,
  type LinkModeRow,
} from '../../../shared/link-modes';

export { DEFAULT_LINK_MODE, LINK_MODES };
export type LinkModeName = LinkMode;

/** First firmware that can listen to C1 and T1 at once. */
export const FIRMWARE_WITH_C1T1 = IM871A_FIRMWARE_WITH_C1T1;

export function linkModeCode(name: LinkModeName): number {
  return linkModeRow(name).im871aCode;
}

export function linkModeByCode(code: number): LinkModeRow | undefined {
  return linkModeByIm871aCode(code);
}
