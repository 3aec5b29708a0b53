// @ts-check
// Keeps out/ in step with the sources for what runs the built app from a checkout (npm run cli, web
// and start; the test suites' global setup): it builds only when a source changed since the last
// build, so a second `npm run web` starts at once. Plain JavaScript: it runs before any build exists.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** What the build reads: the source folders, the build's configuration, the installed packages. */
const SOURCE_DIRS = ['electron', 'shared', 'renderer', 'assets'];
const SOURCE_FILES = [
  'package.json',
  'electron.vite.config.ts',
  'tsconfig.base.json',
  'node_modules/.package-lock.json',
];
/** Test code is never bundled, so editing a test needs no rebuild. */
const NOT_BUILT = /\.(test|interop|bench|e2e)\.tsx?$|^(test-support|fixtures|e2e|drills)$/;
/** What the build writes; the oldest of them dates the build. */
export const OUTPUTS = [
  'out/main/index.js',
  'out/main/cli.js',
  'out/main/launch.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];
const LOCK = 'out/.build-lock';
const LOCK_STALE_MS = 120_000;

/**
 * @param {string} dir
 * @param {(file: string, mtimeMs: number) => boolean} visit stops the walk when it returns true
 * @returns {boolean} whether the walk was stopped
 */
function walk(dir, visit) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false; // a source folder that does not exist has nothing newer
  }
  for (const entry of entries) {
    if (NOT_BUILT.test(entry.name)) continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory() ? walk(file, visit) : visit(file, fs.statSync(file).mtimeMs)) return true;
  }
  return false;
}

/**
 * Whether out/ must be rebuilt, and why in words (the first file found newer than the build).
 * @param {string} [root]
 * @returns {{ stale: boolean, reason: string }}
 */
export function staleness(root = ROOT) {
  let builtAt = Infinity;
  for (const output of OUTPUTS) {
    const stat = fs.statSync(path.join(root, output), { throwIfNoEntry: false });
    if (!stat) return { stale: true, reason: `${output} is missing` };
    builtAt = Math.min(builtAt, stat.mtimeMs);
  }
  /** @type {string | null} */
  let newer = null;
  const visit = (/** @type {string} */ file, /** @type {number} */ mtimeMs) => {
    if (mtimeMs <= builtAt) return false;
    newer = path.relative(root, file).split(path.sep).join('/');
    return true;
  };
  for (const file of SOURCE_FILES) {
    const stat = fs.statSync(path.join(root, file), { throwIfNoEntry: false });
    if (stat && visit(path.join(root, file), stat.mtimeMs)) break;
  }
  if (newer === null) SOURCE_DIRS.some((dir) => walk(path.join(root, dir), visit));
  return newer === null
    ? { stale: false, reason: 'out/ is up to date' }
    : { stale: true, reason: `${newer} changed since the last build` };
}

/** @param {number} ms */
function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `build` holding out/.build-lock, so test files starting the CLI side by side build once.
 * @param {string} root
 * @param {() => void} build
 */
function withBuildLock(root, build) {
  const lock = path.join(root, LOCK);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
      const stat = fs.statSync(lock, { throwIfNoEntry: false });
      // A lock left by a build that was killed: take it over rather than wait for ever.
      if (stat && Date.now() - stat.mtimeMs > LOCK_STALE_MS)
        fs.rmSync(lock, { recursive: true, force: true });
      else sleep(100);
    }
  }
  try {
    build();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * `electron-vite build` in `root`. Its own output is passed to `log` only if it fails, so a
 * command's stdout stays its JSON.
 * @param {string} root
 * @param {(text: string) => void} log
 */
function electronViteBuild(root, log) {
  const manifest = createRequire(path.join(root, 'package.json')).resolve('electron-vite/package.json');
  const electronVite = path.join(path.dirname(manifest), 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [electronVite, 'build'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) {
    log(`${result.stdout}${result.stderr}`);
    throw new Error(`the build failed (electron-vite build exited with ${result.status ?? result.signal})`);
  }
}

/**
 * Builds out/ when a source changed since the last build; otherwise does nothing.
 * @param {{ root?: string, log?: (text: string) => void, build?: (root: string, log: (text: string) => void) => void }} [options]
 *   `build` stands in for electron-vite in tests of this module.
 */
export function ensureBuilt({
  root = ROOT,
  log = (text) => process.stderr.write(text),
  build = electronViteBuild,
} = {}) {
  if (!staleness(root).stale) return;
  withBuildLock(root, () => {
    const state = staleness(root); // another process may have built while this one waited
    if (!state.stale) return;
    log(`Building the app first: ${state.reason}.\n`);
    build(root, log);
  });
}

/**
 * Runs one of the built entries (out/main/<entry>.js) in this process, building first when a
 * source changed. Without sources beside it (an unpacked package) it runs what is there.
 * @param {'cli' | 'launch'} entry
 */
export async function runBuilt(entry) {
  if (fs.existsSync(path.join(ROOT, 'electron'))) {
    try {
      ensureBuilt();
    } catch (error) {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  }
  await import(pathToFileURL(path.join(ROOT, 'out', 'main', `${entry}.js`)).href);
}
