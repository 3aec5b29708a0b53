// The one interface every wM-Bus USB stick driver implements (iM871A, iU891A), so the gateway
// runtime, the survey, captures and the UI never depend on a concrete stick. See
// docs/ARCHITECTURE.md § Sticks.
import type { StickStatusView } from '../../../shared/gateway-types';
import type { LinkMode } from '../../../shared/link-modes';
import type { StickKind } from '../../../shared/stick-kinds';

/** The stick families this app drives (the list lives in shared/ so the UI's schemas name them too). */
export type { StickKind };

/** The stick's state as the UI shows it; `reason` explains 'error' and 'unplugged' in plain words. */
export type StickStatus = StickStatusView;
export type StickState = StickStatus['state'];

/** What a stick says about itself, in terms that mean the same for every kind. */
export interface StickIdentity {
  kind: StickKind;
  /** The module as people name it: "iM871A", "iU891A-XL", "iM891A-XL", … */
  module: string;
  /** Firmware version as the maker prints it, e.g. "1.5" or "1.3.2". */
  firmware: string;
  /** The module's unique id (hex), for the commissioning record. */
  uniqueId: string;
  /** The link modes this very stick (model and firmware) can listen in. */
  linkModes: LinkMode[];
  /** Kind-specific facts worth showing, in words: e.g. "device mode" → "Other", "HCI version" → "2". */
  details: Record<string, string>;
}

/** One wM-Bus telegram as received, the same for every kind of stick. */
export interface StickTelegram {
  /** The wM-Bus frame from the C field on, without L and without data-link CRCs. */
  frame: Buffer;
  /** Raw RSSI byte as the stick reported it, when it has one (the iM871A's unsigned byte). */
  rssi?: number;
  /** Signal strength in dBm, when the stick attached one. */
  rssiDbm?: number;
  /** The stick's own receive timestamp, when attached (its unit and epoch are the stick's). */
  timestamp?: number;
  /** Host clock (ms since epoch) when the frame was complete. */
  receivedAt: number;
}

/** Bytes the framer had to drop, and why: never fatal, the stream goes on. */
export interface StickFrameError {
  /** A short machine word: 'crc', 'bad-length', 'unknown-endpoint', … (kind-specific). */
  reason: string;
  /** Byte offset in the stream read from this port since open. */
  offset: number;
  /** The problem in words, naming what was wrong. */
  message: string;
  /** The dropped bytes, when a whole frame was read. */
  bytes?: Buffer;
}

export interface StickEvents {
  status: StickStatus;
  /** Every chunk as read from the port, before framing (what a capture records). */
  bytes: Buffer;
  telegram: StickTelegram;
  frameError: StickFrameError;
}

/**
 * One stick on one serial path. `open` resolves once the stick answered; a stick unplugged while
 * open goes to 'unplugged' and, when plugged back in, is reopened and given its last link mode
 * again without the caller doing anything.
 */
export interface Stick {
  readonly kind: StickKind;
  readonly path: string;
  readonly status: StickStatus;
  on<K extends keyof StickEvents>(event: K, listener: (payload: StickEvents[K]) => void): () => void;
  /** Opens the port and checks the stick answers (status 'ready'). */
  open(): Promise<void>;
  /** Module, firmware and unique id. */
  identify(): Promise<StickIdentity>;
  /** Listens in `mode` with RSSI attached to every telegram; remembered and re-applied after a replug. */
  setLinkMode(mode: LinkMode): Promise<void>;
  /** Round trip to the stick, in ms. */
  ping(): Promise<number>;
  close(): Promise<void>;
}
