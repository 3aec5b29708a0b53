import { VirtualIu891a } from './iu891a';
import type { StickKind } from './stick';
import { VirtualStick, type VirtualStickOptions } from './virtual-stick';

/**
 * The device side of a simulated stick, whatever its protocol: it answers the bytes the host
 * writes and sends telegram indications of its simulated meters while powered on.
 */
export interface SimulatedStickDevice {
  /** Power on: telegrams start arriving. */
  start(): void;
  /** Power off (unplugged). */
  stop(): void;
  /** Bytes the stick sends to the host. */
  onData(listener: (bytes: Buffer) => void): () => void;
  /** Bytes the host sends to the stick. */
  receive(bytes: Buffer): void;
}

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
