import { Im871a } from './device';
import type { StickOptions } from './device-types';
import { StickError } from './errors';
import type { Stick, StickKind } from './stick';
import { stickName } from '../../../shared/stick-kinds';

/** Builds one kind's driver; every driver takes the same options and opens at its own baud rate. */
export type StickConstructor = (options: StickOptions) => Stick;

/** One constructor per kind; a kind without a driver yet is missing here. */
export const STICK_CONSTRUCTORS: Partial<Record<StickKind, StickConstructor>> = {
  im871a: (options) => new Im871a(options),
};

/** The driver for `kind` on `options.path`, not yet opened. */
export function createStick(kind: StickKind, options: StickOptions): Stick {
  const construct = STICK_CONSTRUCTORS[kind];
  if (!construct) {
    throw new StickError('UNSUPPORTED', `this version of the app has no driver for the ${stickName(kind)}`);
  }
  return construct(options);
}
