import type { Logger } from '../logger';
import { openSerialPort, portExistsOn, type OpenPort } from './serial-port';
import type { StickEvents, StickTelegram } from './stick';
import { realTimers, type Timers } from '../timers';

export type { StickState, StickStatus } from './stick';

/** A telegram as any stick delivers it (the name the pipeline has always used). */
export type ReceivedTelegram = StickTelegram;
export type Im871aEvents = StickEvents;

/** What every stick driver is constructed with; each opens the port at its own baud rate. */
export interface StickOptions {
  /** Prefer the stable /dev/serial/by-id/… path on Linux: ttyUSBn may change on replug. */
  path: string;
  /** Default: `serialport`, 8N1 at the stick's baud rate. */
  openPort?: OpenPort;
  /** Whether the port's path exists (again). */
  exists?: (path: string) => Promise<boolean>;
  timers?: Timers;
  now?: () => number;
  /** Default 1000. */
  requestTimeoutMs?: number;
  /** How often an unplugged port's path is checked; default 500. */
  reconnectIntervalMs?: number;
  /** How often an open port's path is checked; default 1000 (0 on Windows: COM ports are no files). */
  presenceCheckMs?: number;
  /** The stick restarts ≈500 ms after answering a reset (docs/ARCHITECTURE.md § iM871A). */
  resetSettleMs?: number;
  platform?: string;
  logger?: Logger;
}

export type Im871aOptions = StickOptions;
export type ResolvedStickOptions = Required<Omit<StickOptions, 'logger'>> & Pick<StickOptions, 'logger'>;

/** Fills in the defaults every driver shares. */
export function resolveStickOptions(options: StickOptions): ResolvedStickOptions {
  const platform = options.platform ?? process.platform;
  return {
    path: options.path,
    platform,
    openPort: options.openPort ?? openSerialPort,
    exists: options.exists ?? portExistsOn(platform),
    timers: options.timers ?? realTimers,
    now: options.now ?? Date.now,
    requestTimeoutMs: options.requestTimeoutMs ?? 1000,
    reconnectIntervalMs: options.reconnectIntervalMs ?? 500,
    presenceCheckMs: options.presenceCheckMs ?? (platform === 'win32' ? 0 : 1000),
    resetSettleMs: options.resetSettleMs ?? 500,
    logger: options.logger,
  };
}
