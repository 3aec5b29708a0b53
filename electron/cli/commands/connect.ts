import { parseArgs } from 'node:util';
import type { ConnectionOutcome } from '../../../shared/mqtt/types';
import { createStreamLogger } from '../../core/logger';
import { probeConnection } from '../../core/mqtt';
import { UsageError, type CliIo } from '../io';
import { findProfile } from '../profile-lookup';

/** Exit codes of `connect` (docs/ARCHITECTURE.md § Command line). */
export const CONNECT_EXIT = { accepted: 0, usage: 2, refused: 3, failed: 4 } as const;

const DEFAULT_TIMEOUT_S = 10;

/**
 * `connect --settings FILE --profile NAME [--timeout S]`: connects once and prints one JSON line
 * `{ok, code, protocolVersion, text, hint, error, tls}`. Exit 0 accepted, 3 refused by the
 * broker, 4 network or TLS failure, 2 usage or settings error.
 */
export async function connectCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { settings: { type: 'string' }, profile: { type: 'string' }, timeout: { type: 'string' } },
    strict: true,
  });
  if (!values.profile)
    throw new UsageError('connect needs --profile NAME (see the profiles command for the names)');
  const timeoutS = values.timeout === undefined ? DEFAULT_TIMEOUT_S : Number(values.timeout);
  if (!Number.isFinite(timeoutS) || timeoutS <= 0 || timeoutS > 600) {
    throw new UsageError(
      `--timeout must be a number of seconds above 0 and at most 600, got "${values.timeout}"`,
    );
  }

  const profile = findProfile(values.settings, values.profile, io, { allowDemo: false });
  if (!profile) return CONNECT_EXIT.usage;

  const logger = createStreamLogger((line) => io.err(line.trimEnd()), 'warn');
  const outcome = await probeConnection(profile, { logger, timeoutMs: timeoutS * 1000 });
  io.out(outcomeLine(outcome));
  io.err(`${outcome.ok ? 'connected' : 'not connected'} (${outcome.endpoint}): ${outcome.text}`);
  if (outcome.hint) io.err(`hint: ${outcome.hint}`);
  return exitCodeOf(outcome);
}

/** The line of docs/ARCHITECTURE.md § Command line, exactly these keys in this order. */
export function outcomeLine(outcome: ConnectionOutcome) {
  return {
    ok: outcome.ok,
    code: outcome.code,
    protocolVersion: outcome.protocolVersion,
    text: outcome.text,
    hint: outcome.hint,
    error: outcome.error,
    tls: outcome.tls,
  };
}

export function exitCodeOf(outcome: ConnectionOutcome): number {
  if (outcome.ok) return CONNECT_EXIT.accepted;
  if (outcome.kind === 'refused') return CONNECT_EXIT.refused;
  if (outcome.kind === 'config') return CONNECT_EXIT.usage;
  return CONNECT_EXIT.failed;
}
