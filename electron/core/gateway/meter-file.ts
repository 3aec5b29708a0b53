import fs from 'node:fs';
import path from 'node:path';
import type { MonitoredMeterView } from '../../../shared/gateway';
import type { MonitoredMeterSpec } from '../recalc';

// The monitored meters on disk (`<userData>/meters.json`), keys sealed. The app seals with the OS
// keychain; the command line in plain Node has none and relies on owner-only file permissions. So
// each meter records how its key was sealed: a key sealed without the keychain is opened by anyone
// (and resealed with the keychain by the next process that has one); a keychain-sealed key that
// this process cannot open is kept in the file untouched ("locked") instead of being lost.

export type KeyProtection = MonitoredMeterView['keyProtection'];
export type MeterSource = MonitoredMeterView['source'];

/**
 * Encryption at rest for meter keys. Electron's main process passes one backed by the OS keychain
 * (safeStorage); plain Node has none, and the file then relies on owner-only permissions.
 */
export interface SecretBox {
  readonly protection: KeyProtection;
  seal(plain: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

export const fileOnlyBox: SecretBox = {
  protection: 'file-permissions',
  seal: (plain) => Buffer.from(plain),
  open: (sealed) => Buffer.from(sealed),
};

export interface MonitoredMeter extends MonitoredMeterSpec {
  source: MeterSource;
  addedAt: string;
}

/** One meter as written; `protection` per meter (older files have only the file's). */
export interface StoredMeter {
  deviceId: string;
  manufacturerKey: string;
  manufacturerDeviceKey: string | null;
  source: MeterSource;
  addedAt: string;
  sealedKey: string;
  protection?: KeyProtection;
}

interface StoredFile {
  version: 1;
  /** How the writer sealed what it could open; a meter's own `protection` says more. */
  protection: KeyProtection;
  meters: StoredMeter[];
}

export interface LoadedMeters {
  meters: MonitoredMeter[];
  /** Meters whose keys this process cannot open (sealed by a keychain it has not): kept as written. */
  locked: StoredMeter[];
  /** True when some key was sealed more weakly than this process can seal it: save to upgrade. */
  reseal: boolean;
  /** True when the file is there but not a meter file at all: saving would replace what it holds. */
  unreadable: boolean;
  problems: string[];
}

/** Reads the file; never throws: what cannot be read is in `problems` (and, if a key, in `locked`). */
export function readMeterFile(file: string, box: SecretBox): LoadedMeters {
  const loaded: LoadedMeters = { meters: [], locked: [], reseal: false, unreadable: false, problems: [] };
  if (!fs.existsSync(file)) return loaded;
  let stored: StoredFile;
  try {
    stored = JSON.parse(fs.readFileSync(file, 'utf8')) as StoredFile;
    if (stored.version !== 1 || !Array.isArray(stored.meters)) throw new Error('unknown format');
  } catch (error) {
    loaded.problems.push(
      `${file}: the saved meters cannot be read (${(error as Error).message}); starting empty`,
    );
    loaded.unreadable = true;
    return loaded;
  }
  for (const m of stored.meters) {
    const protection = m.protection ?? stored.protection;
    if (protection === 'os-keychain' && box.protection !== 'os-keychain') {
      loaded.locked.push({ ...m, protection });
      continue;
    }
    try {
      const opener = protection === box.protection ? box : fileOnlyBox;
      const encryptionKey = opener.open(Buffer.from(m.sealedKey, 'base64'));
      if (encryptionKey.length !== 16) throw new Error('not a 16-byte key');
      if (protection !== box.protection) loaded.reseal = true;
      const { sealedKey: _sealed, protection: _protection, ...meter } = m;
      loaded.meters.push({ ...meter, encryptionKey });
    } catch (error) {
      loaded.problems.push(
        `${file}: the key of meter ${m.deviceId} cannot be unsealed (${(error as Error).message})`,
      );
    }
  }
  if (loaded.locked.length > 0) loaded.problems.push(lockedProblem(file, loaded.locked));
  return loaded;
}

function lockedProblem(file: string, locked: StoredMeter[]): string {
  const ids = locked.map((m) => m.deviceId);
  const shown = ids.length > 5 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
  return (
    `${file}: the keys of ${ids.length === 1 ? 'meter' : `${ids.length} meters`} ${shown} were sealed with the OS keychain, ` +
    'which this process cannot open (the command line runs without it); they stay in the file for the app and are not monitored here'
  );
}

/** Atomic replace, owner-only: a crash leaves the old file or the new one, never half of each. */
export function writeMeterFile(
  file: string,
  box: SecretBox,
  meters: readonly MonitoredMeter[],
  locked: readonly StoredMeter[],
): void {
  const stored: StoredFile = {
    version: 1,
    protection: box.protection,
    meters: [
      ...meters.map((m) => ({
        deviceId: m.deviceId,
        manufacturerKey: m.manufacturerKey,
        manufacturerDeviceKey: m.manufacturerDeviceKey,
        source: m.source,
        addedAt: m.addedAt,
        sealedKey: box.seal(m.encryptionKey).toString('base64'),
        protection: box.protection,
      })),
      ...locked,
    ],
  };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(temporary, file);
}
