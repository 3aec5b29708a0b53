import fs from 'node:fs';
import os from 'node:os';
import { defaultUserDataDir, resolveSettingsPath } from '../core/settings';

/** The settings search order of DESIGN §3 for CLI commands (no seeding: the CLI never writes files). */
export function findSettings(explicit: string | undefined) {
  return resolveSettingsPath({
    explicit,
    userDataDir: defaultUserDataDir(process.platform, process.env, os.homedir()),
    cwd: process.cwd(),
    exists: fs.existsSync,
  });
}
