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

/** One simulator per kind; a kind without one yet is missing here. */
export const SIMULATED_STICKS: Partial<
  Record<StickKind, (options: SimulatedStickOptions) => SimulatedStickDevice>
> = {
  im871a: (options) => new VirtualStick(options),
};

/** The simulated `kind` stick, playing `options.meters`. */
export function simulatedStick(kind: StickKind, options: SimulatedStickOptions): SimulatedStickDevice {
  const build = SIMULATED_STICKS[kind];
  if (!build) throw new Error(`no simulated ${kind} stick in this version of the app`);
  return build(options);
}
