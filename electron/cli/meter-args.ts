import { checkAesKey, checkMeterId } from '../../shared/meter-rules';
import { UsageError } from './io';

// The CLI's meter arguments, read with the shared rules (shared/meter-rules.ts) and turned into the
// bytes the decoder needs. A problem names what is wrong without echoing the key.

/** A usage error (exit 2) like any other bad argument; its own class so tests can tell it apart. */
export class MeterKeyError extends UsageError {
  override name = 'MeterKeyError';
}

/** Parses `ID=KEYHEX` (the CLI's `--meter`); the key may carry the separators a paste brings. */
export function parseMeterKey(text: string): { id: string; key: Buffer } {
  const at = text.indexOf('=');
  const checked = checkMeterId(at === -1 ? text : text.slice(0, at), 'The meter id of --meter ID=KEY');
  if (!checked.ok) throw new MeterKeyError(checked.problem);
  const id = checked.value;
  return { id, key: parseAesKey(at === -1 ? '' : text.slice(at + 1), `The key of meter ${id}`) };
}

/** An AES-128 key as typed (any case, separators ignored) → its 16 bytes. */
export function parseAesKey(text: string, subject = 'The AES key'): Buffer {
  const checked = checkAesKey(text, subject);
  if (!checked.ok) throw new MeterKeyError(checked.problem);
  return Buffer.from(checked.value, 'hex');
}
