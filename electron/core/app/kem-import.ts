import type { KemImportLine, KemPreview } from '../../../shared/kem';
import type { MeterStore } from '../gateway';
import { decideImport, monitoredAs, type KemFile } from '../kem';

// A KEM file's meters against the technician's monitored set: what the window previews (never a
// key) and the import itself, shared by the app's requests and `cli keys import`.

/**
 * The monitored key of an id. A meter kept in the file with a key this process cannot open (sealed
 * by a keychain it lacks) gets a key no file can match, so importing it asks before replacing it.
 */
function monitoredKeys(store: MeterStore): (id: string) => Buffer | undefined {
  const locked = new Set(store.lockedIds());
  const unreadable = Buffer.alloc(0);
  return (id) => store.keyFor(id) ?? (locked.has(id) ? unreadable : undefined);
}

/** The file's meters as the window may see them, each compared with the monitored set. */
export function previewKem(file: KemFile, store: MeterStore): KemPreview {
  const monitoredKey = monitoredKeys(store);
  return {
    entryName: file.entryName,
    encrypted: file.encrypted,
    form: file.form,
    meters: file.meters.map((m) => ({
      index: m.index,
      id: m.id,
      model: m.model,
      consumption: m.consumption,
      meterNumber: m.meterNumber,
      manufacturerKey: m.manufacturerKey,
      driver: m.driver,
      problems: m.problems,
      monitored: m.problems.length > 0 ? 'no' : monitoredAs(m, monitoredKey),
    })),
  };
}

export interface KemImportChoices {
  /** Which meters to import (the window's ticks); all when left out (the command line). */
  selected?: (id: string) => boolean;
  /** Whether the technician agreed to replace this meter's monitored key. */
  replace: (id: string) => boolean;
  /** How to agree, for the reason of a meter that is not replaced. */
  replaceHint: string;
}

/**
 * Imports the file's meters into the store (source 'kem') with one save: new ones, and those whose
 * key the technician agreed to replace. One line per meter considered, never with its key.
 */
export function importKemMeters(
  file: KemFile,
  store: MeterStore,
  choices: KemImportChoices,
): KemImportLine[] {
  const considered = choices.selected ? file.meters.filter((m) => choices.selected!(m.id)) : file.meters;
  const decisions = decideImport(considered, {
    monitoredKey: monitoredKeys(store),
    replace: choices.replace,
    replaceHint: choices.replaceHint,
  });
  store.putMany(
    decisions
      .filter((d) => d.write)
      .map(({ meter }) => ({
        deviceId: meter.id,
        manufacturerKey: meter.manufacturerKey,
        encryptionKey: Buffer.from(meter.key!),
        manufacturerDeviceKey: meter.model || null,
      })),
    'kem',
  );
  return decisions.map(({ meter, imported, reason }) => ({
    id: meter.id,
    model: meter.model,
    type: meter.consumption,
    imported,
    reason,
  }));
}
