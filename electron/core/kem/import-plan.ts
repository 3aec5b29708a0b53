import type { KemMeter } from './meters';

// What importing each meter of a KEM file would do to the monitored meters, decided before anything
// is written: the rules the UI and `cli keys import` share. Pure: the caller says which keys are
// monitored now and which replacements were confirmed, and then writes the meters to store.

/** A meter compared with the monitored set: not there, there with the same key, or with another. */
export type MonitoredAs = 'no' | 'same-key' | 'other-key';

export function monitoredAs(meter: KemMeter, monitoredKey: (id: string) => Buffer | undefined): MonitoredAs {
  const known = monitoredKey(meter.id);
  if (!known) return 'no';
  return meter.key && known.equals(meter.key) ? 'same-key' : 'other-key';
}

export interface ImportDecision {
  meter: KemMeter;
  /** True when the meter is monitored with the file's key afterwards. */
  imported: boolean;
  /** Why not imported, or what was special about it; null for a plain new meter. */
  reason: string | null;
  /** True when the meter must be written to the store (new, or its key replaced). */
  write: boolean;
}

export const SAME_KEY_REASON = 'already monitored with this key';
export const REPLACED_REASON = 'replaced the key it was monitored with';

export interface ImportRules {
  monitoredKey: (id: string) => Buffer | undefined;
  /** Whether the technician agreed to replace this meter's monitored key. */
  replace: (id: string) => boolean;
  /** How to agree, appended to "known with another key; " (the CLI: "--replace to replace it"). */
  replaceHint: string;
}

/**
 * One decision per meter, in file order. A meter with problems is not imported (its problems are
 * the reason); the same key again is not an error: the meter counts as imported and is left as it
 * was; another key is replaced only when agreed to.
 */
export function decideImport(meters: readonly KemMeter[], rules: ImportRules): ImportDecision[] {
  return meters.map((meter) => {
    if (meter.problems.length > 0 || !meter.key)
      return { meter, imported: false, reason: meter.problems.join(' '), write: false };
    switch (monitoredAs(meter, rules.monitoredKey)) {
      case 'no':
        return { meter, imported: true, reason: null, write: true };
      case 'same-key':
        return { meter, imported: true, reason: SAME_KEY_REASON, write: false };
      case 'other-key':
        return rules.replace(meter.id)
          ? { meter, imported: true, reason: REPLACED_REASON, write: true }
          : { meter, imported: false, reason: `known with another key; ${rules.replaceHint}`, write: false };
    }
  });
}
