import type { OpenPort } from './serial-port';
import { simulatedStick, type SimulatedStickDevice, type SimulatedStickOptions } from './simulated-sticks';
import type { StickKind } from './stick';
import { VirtualDevicePort } from './virtual-device-port';

/** The port name that selects the simulated stick instead of a serial device. */
export const VIRTUAL_PORT = 'virtual';

/** Port presence for the driver's unplug detection: the virtual stick is always there. */
export function existsWithVirtual(
  real: (path: string) => Promise<boolean>,
): (path: string) => Promise<boolean> {
  return (path) => (path === VIRTUAL_PORT ? Promise.resolve(true) : real(path));
}

/**
 * An `OpenPort` that gives the virtual stick (an iM871A unless `kind` says otherwise) for `virtual`
 * and defers to `real` for anything else. One simulated stick lives as long as this opener, so
 * reopening the port finds the same meters.
 */
export function withVirtualStick(
  real: OpenPort,
  options: SimulatedStickOptions,
  kind: StickKind = 'im871a',
): { openPort: OpenPort; stick: SimulatedStickDevice } {
  const stick = simulatedStick(kind, options);
  return {
    stick,
    openPort: (path, baudRate) =>
      path === VIRTUAL_PORT ? new VirtualDevicePort(stick) : real(path, baudRate),
  };
}
