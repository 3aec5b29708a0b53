import { StickError } from './errors';

/** The part of `serialport`'s SerialPort the stick driver uses; tests may pass anything shaped like it. */
export interface SerialLike {
  readonly isOpen: boolean;
  on(event: 'open', listener: () => void): unknown;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** `error` is set (with `disconnected: true` from serialport) when the device went away. */
  on(event: 'close', listener: (error?: Error | null) => void): unknown;
  removeAllListeners(): unknown;
  write(data: Buffer, callback?: (error?: Error | null) => void): unknown;
  close(callback?: (error?: Error | null) => void): void;
}

/** Creates a port that opens itself and emits 'open' or 'error'. */
export type OpenPort = (path: string, baudRate: number) => SerialLike | Promise<SerialLike>;

export const IM871A_BAUD_RATE = 57600;

/**
 * Opens a real port with `serialport`: 8N1, no flow control, at the stick's baud rate (57 600 for
 * the iM871A, 115 200 for the iU891A; docs/ARCHITECTURE.md § Sticks). Loaded on demand so
 * code that only decodes frames never loads the native binding.
 */
export const openSerialPort: OpenPort = async (path, baudRate) => {
  const { SerialPort } = await import('serialport');
  return new SerialPort({
    path,
    baudRate,
    dataBits: 8,
    stopBits: 1,
    parity: 'none',
    rtscts: false,
    xon: false,
    xoff: false,
  });
};

/** Whether a port path exists; COM ports are not files, so Windows asks the port lister instead. */
export function portExistsOn(platform: string): (path: string) => Promise<boolean> {
  if (platform === 'win32') {
    return async (path) => {
      const { SerialPort } = await import('serialport');
      const ports = await SerialPort.list();
      return ports.some((port) => port.path.toLowerCase() === path.toLowerCase());
    };
  }
  return async (path) => {
    const { access } = await import('node:fs/promises');
    return access(path).then(
      () => true,
      () => false,
    );
  };
}

/** Opens `path` at `baudRate`; rejects with installer advice (see describeOpenError). */
/** Waits for a freshly created port to open; rejects with the port's error. */
export function whenOpen(port: SerialLike): Promise<void> {
  if (port.isOpen) return Promise.resolve();
  return new Promise((resolve, reject) => {
    port.on('open', () => resolve());
    port.on('error', reject);
  });
}

const DISCONNECT_CODES = new Set(['EIO', 'ENXIO', 'ENODEV', 'ENOENT', 'EBADF', 'ECONNRESET']);

/** True for errors that mean the device is gone rather than a one-off failure. */
export function isDisconnect(error: unknown): boolean {
  const { code, disconnected } = error as { code?: unknown; disconnected?: unknown };
  return disconnected === true || (typeof code === 'string' && DISCONNECT_CODES.has(code));
}

/**
 * Turns an error from opening a port into advice an installer can act on. `serialport` errors
 * often carry no `code`, only the OS text ("Permission denied, cannot open …"), so both are read.
 */
export function describeOpenError(error: unknown, path: string, platform: string): StickError {
  const { code, message = String(error) } = error as { code?: unknown; message?: string };
  const text = `${typeof code === 'string' ? code : ''} ${message}`;
  const says = (pattern: RegExp) => pattern.test(text);

  if (says(/EACCES|EPERM|permission denied|access denied/i)) {
    // On Windows "access denied" means another program holds the port; on Linux it is the group.
    if (platform === 'win32') return busy(path, error);
    if (platform === 'darwin') {
      return new StickError(
        'PERMISSION_DENIED',
        `permission denied on ${path}: check the port's permissions`,
        error,
      );
    }
    return new StickError(
      'PERMISSION_DENIED',
      `permission denied on ${path}: add your user to the dialout group (sudo usermod -aG dialout $USER) and log in again`,
      error,
    );
  }
  if (says(/ENOENT|no such file|file not found|cannot find the file/i)) {
    return new StickError('PORT_NOT_FOUND', `no serial port at ${path}: is the stick plugged in?`, error);
  }
  if (says(/EBUSY|resource busy|cannot lock port|in use/i)) return busy(path, error);
  return new StickError('IO', `could not open ${path}: ${message}`, error);
}

function busy(path: string, cause: unknown): StickError {
  return new StickError(
    'PORT_BUSY',
    `${path} is in use by another program (a terminal, ModemManager, wmbusmeters?): close it and try again`,
    cause,
  );
}

/** Drops our listeners but keeps one for 'error': an EventEmitter throws on an unheard 'error'. */
export function silence(port: SerialLike): SerialLike {
  port.removeAllListeners();
  port.on('error', () => undefined);
  return port;
}

export function closeQuietly(port: SerialLike | undefined): void {
  if (port?.isOpen) port.close(() => undefined);
}
