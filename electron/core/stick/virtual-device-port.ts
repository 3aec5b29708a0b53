import { EventEmitter } from 'node:events';
import type { OpenPort, SerialLike } from './serial-port';

/** The device side of any simulated stick. */
export interface VirtualDevice {
  start(): void;
  stop(): void;
  /** Bytes from the host. */
  receive(bytes: Buffer): void;
  /** Bytes to the host; returns the unsubscribe function. */
  onData(listener: (bytes: Buffer) => void): () => void;
}

/**
 * A simulated stick behind the serial-port interface the drivers use. Events arrive
 * asynchronously, as a real port's do. `unplug()` ends it the way serialport reports a pulled
 * USB stick: a 'close' event carrying an error with `disconnected: true`.
 */
export class VirtualDevicePort extends EventEmitter implements SerialLike {
  private open = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly device: VirtualDevice) {
    super();
    this.unsubscribe = device.onData((bytes) => setImmediate(() => this.open && this.emit('data', bytes)));
    setImmediate(() => {
      this.open = true;
      device.start();
      this.emit('open');
    });
  }

  get isOpen(): boolean {
    return this.open;
  }

  write(data: Buffer, callback?: (error?: Error | null) => void): boolean {
    const open = this.open;
    if (open) this.device.receive(Buffer.from(data));
    setImmediate(() => callback?.(open ? null : new Error('Port is not open')));
    return open;
  }

  close(callback?: (error?: Error | null) => void): void {
    this.end();
    setImmediate(() => {
      this.emit('close');
      callback?.(null);
    });
  }

  /** The stick is pulled out: the device powers off and the port closes with a disconnect error. */
  unplug(): void {
    if (!this.open) return;
    this.end();
    const error = Object.assign(new Error('device disconnected'), { disconnected: true });
    setImmediate(() => this.emit('close', error));
  }

  private end(): void {
    this.open = false;
    this.unsubscribe();
    this.device.stop();
  }
}

/** One simulated stick on one made-up path, with a plug the tests can pull. */
export interface VirtualPlug {
  openPort: OpenPort;
  exists: (path: string) => Promise<boolean>;
  /** Pulls the stick: the open port reports a disconnect and the path is gone until `replug`. */
  unplug(): void;
  replug(): void;
}

/**
 * An `OpenPort` and path check for `path` that reach `device` (anything else goes to `real`).
 * The same device lives on across reopenings, so its meters keep counting.
 */
export function virtualPlug(
  path: string,
  device: VirtualDevice,
  real: { openPort: OpenPort; exists: (path: string) => Promise<boolean> },
): VirtualPlug {
  let plugged = true;
  let current: VirtualDevicePort | undefined;
  return {
    openPort: (at, baudRate) => {
      if (at !== path) return real.openPort(at, baudRate);
      if (!plugged)
        throw Object.assign(new Error(`no such file or directory, cannot open ${at}`), { code: 'ENOENT' });
      current = new VirtualDevicePort(device);
      return current;
    },
    exists: (at) => (at === path ? Promise.resolve(plugged) : real.exists(at)),
    unplug: () => {
      plugged = false;
      current?.unplug();
    },
    replug: () => {
      plugged = true;
    },
  };
}
