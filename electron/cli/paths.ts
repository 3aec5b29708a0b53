import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The app's root: the folder holding its package.json, found by walking up from this module. That
 * is the repository from the TypeScript sources (electron/cli/) and from the bundle (out/main/ or a
 * chunk below it), and app.asar in an installed app. So the CLI works from any cwd.
 */
function findAppRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${start}`);
  }
}

export const APP_ROOT = findAppRoot(path.dirname(fileURLToPath(import.meta.url)));
export const RENDERER_DIR = path.join(APP_ROOT, 'out', 'renderer');
export const PACKAGE_JSON = path.join(APP_ROOT, 'package.json');

const EXAMPLE = path.join('settings', 'secrets.example.yaml');
/**
 * The read-only example settings: in the repository, or, in an installed app, among the resources
 * beside app.asar (electron-builder's extraResources).
 */
export const EXAMPLE_SETTINGS =
  [path.join(APP_ROOT, EXAMPLE), path.join(path.dirname(APP_ROOT), EXAMPLE)].find((file) =>
    fs.existsSync(file),
  ) ?? path.join(APP_ROOT, EXAMPLE);
