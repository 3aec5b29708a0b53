import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository (or installed app) root, found from this file so the CLI works from any cwd. */
export const APP_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RENDERER_DIR = path.join(APP_ROOT, 'out', 'renderer');
export const PACKAGE_JSON = path.join(APP_ROOT, 'package.json');
export const EXAMPLE_SETTINGS = path.join(APP_ROOT, 'settings', 'secrets.example.yaml');
