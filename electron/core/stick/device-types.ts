import type { StickStatusView } from '../../../shared/gateway-types';
import type { Logger } from '../logger';
import type { HciFramerError } from './framer';
import { openSerialPort, portExistsOn, type OpenPort } from './serial-port';
import { realTimers, type Timers } from '../timers';

/** The stick's state as the UI shows it; `reason` explains 'error' and 'unplugged' in plain words. */
export type StickStatus = StickStatusView;
export type StickState = StickStatus['state'];

export interface ReceivedTelegram {
  /** The wM-Bus frame from the C field on, without L and without data-link CRCs (docs/ARCHITECTURE.md § iM871A). */
  frame: Buffer;
  /** Raw RSSI byte, when the stick attached one. */
  rssi?: number;
  rssiDbm?: number;
  /** The stick's RX timestamp, when attached. */
  timestamp?: number;
  /** Host clock (ms since epoch) when the frame was complete. */
  receivedAt: number;
}

export interface Im871aEvents {
  status: StickStatus;
  /** Every chunk as read from the port, before framing (what a capture records). */
  bytes: Buffer;
  telegram: ReceivedTelegram;
  frameError: HciFramerError;
}

export interface Im871aOptions {
  /** Prefer the stable /dev/serial/by-id/… path on Linux: ttyUSBn may change on replug. */
  path: string;
  /** Default: `serialport` at 57600 8N1. */
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

export type ResolvedIm871aOptions = Required<Omit<Im871aOptions, 'logger'>> & Pick<Im871aOptions, 'logger'>;

export function resolveIm871aOptions(options: Im871aOptions): ResolvedIm871aOptions {
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
