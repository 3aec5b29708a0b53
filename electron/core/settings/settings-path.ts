import fs from 'node:fs';
import path from 'node:path';
import type { AppInfo } from '../../../shared/ipc/contract';
import { osReason } from './file-access';

/** Electron names the userData folder after package.json's productName. */
export const APP_NAME = 'Gateway Diagnostics';
const SETTINGS_DIR = 'settings';
const SETTINGS_FILE = 'secrets.yaml';

/** Where the settings came from; the app's header shows it (AppInfo). */
export type SettingsSource = AppInfo['settingsSource'];

export interface SettingsPathOptions {
  /** `--settings FILE`; relative paths start from `cwd`. Used even if missing (loading says so). */
  explicit?: string;
  userDataDir?: string;
  cwd: string;
  exists: (file: string) => boolean;
}

/** `<folder>/settings/secrets.yaml`. */
export function settingsFileIn(folder: string): string {
  return path.join(folder, SETTINGS_DIR, SETTINGS_FILE);
}

/**
 * docs/ARCHITECTURE.md § Settings search order: `--settings FILE`, else `<userData>/settings/secrets.yaml`, else
 * `./settings/secrets.yaml` (development), else none (the demo profile only).
 */
export function resolveSettingsPath(options: SettingsPathOptions): {
  path: string | null;
  source: SettingsSource;
} {
  if (options.explicit !== undefined && options.explicit !== '') {
    return { path: path.resolve(options.cwd, options.explicit), source: 'explicit' };
  }
  if (options.userDataDir !== undefined) {
    const userFile = settingsFileIn(options.userDataDir);
    if (options.exists(userFile)) return { path: userFile, source: 'user-data' };
  }
  const devFile = settingsFileIn(path.resolve(options.cwd));
  if (options.exists(devFile)) return { path: devFile, source: 'development' };
  return { path: null, source: 'none' };
}

export interface SeedResult {
  path: string;
  /** True when the example was copied now; false when a file was already there or on error. */
  seeded: boolean;
  /** Why seeding failed; the app then runs with the demo profile only. */
  error: string | null;
}

/**
 * First run: copies the example to `<userData>/settings/secrets.yaml` so the technician has a
 * file to edit. Never overwrites. Owner-only permissions (0600), since it will hold passwords.
 */
export function seedUserSettings(userDataDir: string, exampleFile: string): SeedResult {
  const target = settingsFileIn(userDataDir);
  if (fs.existsSync(target)) return { path: target, seeded: false, error: null };
  try {
    const example = fs.readFileSync(exampleFile);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    // 'wx' fails instead of overwriting if another instance seeded it in the meantime.
    fs.writeFileSync(target, example, { mode: 0o600, flag: 'wx' });
    fs.chmodSync(target, 0o600); // the umask may have dropped bits; make the mode exact
    return { path: target, seeded: true, error: null };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return { path: target, seeded: false, error: null };
    return { path: target, seeded: false, error: osReason(error) };
  }
}

/**
 * The folder Electron's `app.getPath('userData')` gives this app, computed without Electron so
 * the CLI and the app find the same settings file.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  homedir: string,
): string {
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA || path.win32.join(homedir, 'AppData', 'Roaming'), APP_NAME);
  }
  if (platform === 'darwin') {
    return path.posix.join(homedir, 'Library', 'Application Support', APP_NAME);
  }
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(homedir, '.config'), APP_NAME);
}

export interface LocatedSettings {
  path: string | null;
  source: SettingsSource;
  /** Set when the example was (or could not be) copied into the user-data folder just now. */
  seed: SeedResult | null;
}

/**
 * The search order, then — for the app only (`seedFrom` given) — first-run seeding of the
 * user-data folder when no file was found anywhere. The CLI passes no `seedFrom`: it never writes.
 */
export function locateSettings(options: SettingsPathOptions & { seedFrom?: string }): LocatedSettings {
  const found = resolveSettingsPath(options);
  if (found.source !== 'none' || !options.seedFrom || options.userDataDir === undefined) {
    return { ...found, seed: null };
  }
  const seed = seedUserSettings(options.userDataDir, options.seedFrom);
  return seed.error ? { ...found, seed } : { path: seed.path, source: 'user-data', seed };
}

/** `--settings FILE` or `--settings=FILE` among launcher/Electron arguments (which carry other flags too). */
export function settingsFlag(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((a) => a === '--settings' || a.startsWith('--settings='));
  if (at === -1) return undefined;
  const arg = argv[at]!;
  return arg === '--settings' ? argv[at + 1] : arg.slice('--settings='.length);
}
