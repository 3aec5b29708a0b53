import { realpath } from 'node:fs/promises';
import { createStick } from './create-stick';
import type { StickOptions } from './device-types';
import { listSerialPorts, type SerialPortInfo } from './discovery';
import { StickError } from './errors';
import type { Stick, StickKind } from './stick';
import { stickHintOfPort, type StickHint } from './usb-ids';
import { stickName, type StickChoice } from '../../../shared/stick-kinds';

/** The order protocols are tried in when the USB ids say nothing: the iM871A's ping, then the iU891A's. */
export const PROBE_ORDER: readonly StickKind[] = ['im871a', 'iu891a'];

export interface DetectStickOptions extends StickOptions {
  /** The ports with their USB ids; default `listSerialPorts()`. */
  listPorts?: () => Promise<SerialPortInfo[]>;
  /** Builds a driver; default `createStick`. Probing opens each kind's driver in turn. */
  create?: (kind: StickKind, options: StickOptions) => Stick;
  /** How long each protocol's ping may take while probing; default 500 ms. */
  probeTimeoutMs?: number;
}

export interface StickDetection {
  kind: StickKind;
  /** How the kind was known: asked for, from the port's USB ids or by-id name, or by a ping that was answered. */
  by: 'forced' | 'usb-ids' | 'probe';
}

/**
 * Which stick is on `options.path`: its by-id name or its own USB ids when they name one, otherwise
 * the first driver whose ping is answered, each at its own baud rate (the stick a shared USB id
 * points to first). Rejects with the open error when
 * the port cannot be opened at all (missing, busy, no permission), and with NOT_A_STICK when
 * nothing answered.
 */
export async function detectStickKind(options: DetectStickOptions): Promise<StickDetection> {
  const hint = await hintFromPortIds(options);
  if (hint?.sure) return { kind: hint.kind, by: 'usb-ids' };
  // A shared USB id makes its stick the first one tried, not a certainty.
  const order = hint ? [hint.kind, ...PROBE_ORDER.filter((kind) => kind !== hint.kind)] : PROBE_ORDER;
  const create = options.create ?? createStick;
  const unanswered: string[] = [];
  for (const kind of order) {
    const probe = create(kind, {
      ...options,
      requestTimeoutMs: options.probeTimeoutMs ?? 500,
      presenceCheckMs: 0,
    });
    try {
      await probe.open();
      return { kind, by: 'probe' };
    } catch (error) {
      if (!(error instanceof StickError) || error.code !== 'TIMEOUT') throw error;
      unanswered.push(stickName(kind));
    } finally {
      await probe.close().catch(() => undefined);
    }
  }
  throw new StickError(
    'NOT_A_STICK',
    `${options.path} did not answer as ${unanswered.join(' or as ') || 'any known stick'}: is the stick plugged in there, and not held by another program? Name the stick with --stick to skip detection.`,
  );
}

/** The driver for `choice` on the path, not yet opened; 'auto' detects the kind first. */
export async function chooseStick(
  options: DetectStickOptions & { kind?: StickChoice },
): Promise<{ stick: Stick; detection: StickDetection }> {
  const choice = options.kind ?? 'auto';
  const detection: StickDetection =
    choice === 'auto' ? await detectStickKind(options) : { kind: choice, by: 'forced' };
  return { stick: (options.create ?? createStick)(detection.kind, options), detection };
}

/** `chooseStick`, then opened: resolves once the stick answered. */
export async function openStick(
  options: DetectStickOptions & { kind?: StickChoice },
): Promise<{ stick: Stick; detection: StickDetection }> {
  const chosen = await chooseStick(options);
  await chosen.stick.open();
  return chosen;
}

async function hintFromPortIds(options: DetectStickOptions): Promise<StickHint | undefined> {
  const ports = await (options.listPorts ?? listSerialPorts)().catch(() => [] as SerialPortInfo[]);
  const device = await realpath(options.path).catch(() => options.path);
  const port = ports.find((p) => p.path === options.path || p.byId === options.path || p.path === device);
  return port && stickHintOfPort(port);
}
