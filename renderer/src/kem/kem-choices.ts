// The pure part of importing a KEM key file in the window: which meters start ticked, which ticked
// ones need the technician's yes before their key is replaced, and the words for each meter and for
// the outcome. No React here.
import type { KemImportLine, KemMeterPreview, KemPreview } from '../../../shared/kem';

/** A meter can be ticked when the file gives it a valid id and key. */
export const canImport = (meter: KemMeterPreview): boolean => meter.problems.length === 0;

/** Ticked at first: every importable meter that the import would change (new, or another key). */
export function initialSelection(preview: KemPreview): Set<string> {
  return new Set(preview.meters.filter((m) => canImport(m) && m.monitored !== 'same-key').map((m) => m.id));
}

/** The ticked meters that are monitored with another key: importing them replaces it. */
export function replacementsAmong(preview: KemPreview, selected: ReadonlySet<string>): string[] {
  return preview.meters.filter((m) => selected.has(m.id) && m.monitored === 'other-key').map((m) => m.id);
}

/** What importing this meter would do, in a few words, and how it should look. */
export function meterStatus(meter: KemMeterPreview): {
  words: string;
  tone: 'ok' | 'warn' | 'error' | 'muted';
} {
  if (!canImport(meter)) return { words: meter.problems.join(' '), tone: 'error' };
  if (meter.monitored === 'same-key') return { words: 'already monitored with this key', tone: 'muted' };
  if (meter.monitored === 'other-key') return { words: 'monitored with another key', tone: 'warn' };
  return { words: 'new', tone: 'ok' };
}

const meters = (n: number) => `${n} meter${n === 1 ? '' : 's'}`;

/** "2 meters imported; 1 not imported." */
export function importSummary(results: readonly KemImportLine[]): string {
  const imported = results.filter((r) => r.imported).length;
  const refused = results.length - imported;
  return `${meters(imported)} imported${refused > 0 ? `; ${refused} not imported` : ''}.`;
}

/** The file's bytes as base64, in slices (a whole file at once would overflow the argument list). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}
