import { Im871a } from './device';
import type { StickOptions } from './device-types';
import { Iu891a, IU891A_BAUD_RATE } from './iu891a';
import { IM871A_BAUD_RATE } from './serial-port';
import type { Stick, StickKind } from './stick';

/** Builds one kind's driver; every driver takes the same options and opens at its own baud rate. */
export type StickConstructor = (options: StickOptions) => Stick;

/** One constructor per kind. */
export const STICK_CONSTRUCTORS: Record<StickKind, StickConstructor> = {
  im871a: (options) => new Im871a(options),
  iu891a: (options) => new Iu891a(options),
};

/** Each stick's serial speed, 8N1 (docs/ARCHITECTURE.md § Sticks). */
export const STICK_BAUD_RATES: Record<StickKind, number> = {
  im871a: IM871A_BAUD_RATE,
  iu891a: IU891A_BAUD_RATE,
};

/** The driver for `kind` on `options.path`, not yet opened. */
export function createStick(kind: StickKind, options: StickOptions): Stick {
  return STICK_CONSTRUCTORS[kind](options);
}
