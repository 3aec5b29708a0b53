import { DEFAULT_LINK_MODE, LINK_MODE_NAMES, parseLinkMode, type LinkMode } from '../../shared/link-modes';
import { parseStickChoice, STICK_KINDS, type StickChoice } from '../../shared/stick-kinds';
import { UsageError } from './io';

// The options of the commands that open a stick (`run`, `survey`), read the same way by both.

/** `--link-mode NAME`, C1 format A when not given; a UsageError naming the choices otherwise. */
export function linkModeArg(value: string | undefined): LinkMode {
  const linkMode = parseLinkMode(value ?? DEFAULT_LINK_MODE);
  if (!linkMode)
    throw new UsageError(
      `--link-mode must be one of ${LINK_MODE_NAMES.join(', ')}; got ${JSON.stringify(value)}`,
    );
  return linkMode;
}

/** `--virtual-interval-ms N`: the virtual stick's pace, a whole number of milliseconds; undefined when not given. */
export function virtualIntervalArg(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const interval = Number(value);
  if (!(Number.isInteger(interval) && interval > 0))
    throw new UsageError('--virtual-interval-ms must be a whole number of milliseconds');
  return interval;
}

/** `--stick im871a|iu891a|auto`: which driver; auto (detect from USB ids, then by probing) when not given. */
export function stickArg(value: string | undefined, option = '--stick', allowAuto = true): StickChoice {
  const choice = parseStickChoice(value ?? (allowAuto ? 'auto' : STICK_KINDS[0]));
  if (!choice || (!allowAuto && choice === 'auto')) {
    const choices = allowAuto ? [...STICK_KINDS, 'auto'] : STICK_KINDS;
    throw new UsageError(`${option} must be one of ${choices.join(', ')}; got ${JSON.stringify(value)}`);
  }
  return choice;
}
