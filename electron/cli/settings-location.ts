import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultUserDataDir, locateSettings, type LocatedSettings } from '../core/settings';
import { EXAMPLE_SETTINGS } from './paths';

/**
 * The search order of docs/ARCHITECTURE.md § Settings, for plain-Node entry points. `seed` is for `npm start` standing in for
 * the app (first run copies the example into the user-data folder); CLI commands never write files.
 */
export function findSettings(
  explicit: string | undefined,
  options: { seed?: boolean } = {},
): LocatedSettings {
  return locateSettings({
    explicit,
    userDataDir: userDataDir(),
    cwd: process.cwd(),
    exists: fs.existsSync,
    ...(options.seed ? { seedFrom: EXAMPLE_SETTINGS } : {}),
  });
}

/** `--user-data DIR` when given, else the app's own user-data folder (the one the window uses). */
export function userDataDir(explicit?: string): string {
  return explicit ? path.resolve(explicit) : defaultUserDataDir(process.platform, process.env, os.homedir());
}
