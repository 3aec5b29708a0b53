import path from 'node:path';
import { settingsFileIn } from '../core/settings';

const EXAMPLE = path.join('settings', 'secrets.example.yaml');

export interface AppLayout {
  packaged: boolean;
  /** process.resourcesPath: where electron-builder's extraResources land. */
  resourcesPath: string;
  /** app.getAppPath(): the repository root in development. */
  appPath: string;
}

/**
 * The read-only example the first run copies into the user-data folder: shipped as an extra
 * resource in installers (outside app.asar), read from the repository in development.
 */
export function exampleSettingsFile(layout: AppLayout): string {
  return path.join(layout.packaged ? layout.resourcesPath : layout.appPath, EXAMPLE);
}

/** The folder "Open Settings Folder" shows: that of the file in use, else the user-data one. */
export function settingsFolder(settingsPath: string | null, userDataDir: string): string {
  return path.dirname(settingsPath ?? settingsFileIn(userDataDir));
}
