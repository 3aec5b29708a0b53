import { EventEmitter } from 'node:events';
import type { OpenPort, SerialLike } from './serial-port';
import { simulatedStick, type SimulatedStickDevice, type SimulatedStickOptions } from './simulated-sticks';
import type { StickKind } from './stick';

/** The port name that selects the simulated stick instead of a serial device. */
export const VIRTUAL_PORT = 'virtual';

/**
 * The virtual stick behind the same serial-port interface as a real one, so the driver, the
 * pipeline and the UI run unchanged without hardware. Events are delivered asynchronously, like
 * a real port's.
 */
export class VirtualSerialPort extends EventEmitter implements SerialLike {
  private open = false;
  private readonly stop: () => void;

  constructor(private readonly stick: SimulatedStickDevice) {
    super();
    this.stop = stick.onData((bytes) => setImmediate(() => this.open && this.emit('data', bytes)));
    setImmediate(() => {
      this.open = true;
      stick.start();
      this.emit('open');
    });
  }

  get isOpen(): boolean {
    return this.open;
  }

  write(data: Buffer, callback?: (error?: Error | null) => void): boolean {
    if (!this.open) {
      setImmediate(() => callback?.(new Error('Port is not open')));
      return false;
    }
    this.stick.receive(Buffer.from(data));
    setImmediate(() => callback?.(null));
    return true;
  }

  close(callback?: (error?: Error | null) => void): void {
    this.open = false;
    this.stop();
    this.stick.stop();
    setImmediate(() => {
      this.emit('close');
      callback?.(null);
    });
  }
}

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
      path === VIRTUAL_PORT ? new VirtualSerialPort(stick) : real(path, baudRate),
  };
}
