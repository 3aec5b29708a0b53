import { VirtualIu891a } from './iu891a';
import type { StickKind } from './stick';
import type { VirtualDevice } from './virtual-device-port';
import { VirtualStick, type VirtualStickOptions } from './virtual-stick';

/** The device side of a simulated stick, whatever its protocol. */
export type SimulatedStickDevice = VirtualDevice;

export type SimulatedStickOptions = VirtualStickOptions;

/** One simulator per kind, each playing the same simulated meters. */
export const SIMULATED_STICKS: Record<StickKind, (options: SimulatedStickOptions) => SimulatedStickDevice> = {
  im871a: (options) => new VirtualStick(options),
  iu891a: (options) => new VirtualIu891a(options),
};

/** The simulated `kind` stick, playing `options.meters`. */
export function simulatedStick(kind: StickKind, options: SimulatedStickOptions): SimulatedStickDevice {
  return SIMULATED_STICKS[kind](options);
}
