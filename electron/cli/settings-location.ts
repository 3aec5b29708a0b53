import fs from 'node:fs';
import os from 'node:os';
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
    userDataDir: defaultUserDataDir(process.platform, process.env, os.homedir()),
    cwd: process.cwd(),
    exists: fs.existsSync,
    ...(options.seed ? { seedFrom: EXAMPLE_SETTINGS } : {}),
  });
}
