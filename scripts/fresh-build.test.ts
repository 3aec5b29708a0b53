// scripts/fresh-build.mjs: when out/ is rebuilt before npm run cli / web / start, and that side by
// side starts build once. A stand-in build (it writes the outputs) replaces electron-vite here.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt, OUTPUTS, staleness } from './fresh-build.mjs';

const MODULE = pathToFileURL(path.join(import.meta.dirname, 'fresh-build.mjs')).href;
const BUILT_AT = new Date('2026-01-01T12:00:00Z');
const BEFORE = new Date('2026-01-01T11:00:00Z');
const AFTER = new Date('2026-01-01T13:00:00Z');

let root: string;

function write(file: string, when: Date, text = ''): void {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  fs.utimesSync(full, when, when);
}

/** A checkout whose sources are all older than its last build. */
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-fresh-'));
  for (const output of OUTPUTS) write(output, BUILT_AT);
  for (const source of ['package.json', 'electron/cli/index.ts', 'shared/ids.ts', 'renderer/src/App.tsx'])
    write(source, BEFORE);
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('staleness', () => {
  it('is up to date when every source is older than the build', () => {
    expect(staleness(root)).toEqual({ stale: false, reason: 'out/ is up to date' });
  });

  it.each([
    'electron/core/wmbus/decode.ts',
    'shared/ipc/contract.ts',
    'renderer/index.html',
    'renderer/src/styles.css',
    'package.json',
    'electron.vite.config.ts',
    'node_modules/.package-lock.json',
  ])('names %s when it changed after the build', (file) => {
    write(file, AFTER);
    expect(staleness(root)).toEqual({ stale: true, reason: `${file} changed since the last build` });
  });

  it('dates the build by its oldest output, and names a missing one', () => {
    write('electron/main/index.ts', new Date('2026-01-01T12:30:00Z'));
    fs.utimesSync(path.join(root, 'out/main/cli.js'), AFTER, AFTER);
    expect(staleness(root).stale).toBe(true); // index.js is still from 12:00
    fs.rmSync(path.join(root, 'out/preload/index.cjs'));
    expect(staleness(root)).toEqual({ stale: true, reason: 'out/preload/index.cjs is missing' });
  });

  it('ignores tests, fixtures and drills: they are never bundled', () => {
    for (const file of [
      'electron/cli/cli.test.ts',
      'electron/core/gateway/gateway.interop.ts',
      'renderer/e2e/gateway.e2e.ts',
      'electron/core/wmbus/fixtures/telegrams.ts',
      'electron/core/mqtt/test-support/broker.ts',
      'electron/drills/support.ts',
    ])
      write(file, AFTER);
    expect(staleness(root).stale).toBe(false);
  });
});

describe('ensureBuilt', () => {
  it('builds only when stale, says why on its log, and not again once built', () => {
    const builds: string[] = [];
    const log: string[] = [];
    const build = () => {
      builds.push('built');
      for (const output of OUTPUTS) write(output, new Date());
    };
    ensureBuilt({ root, build, log: (t) => log.push(t) });
    expect(builds).toEqual([]);
    write('electron/cli/index.ts', AFTER);
    ensureBuilt({ root, build, log: (t) => log.push(t) });
    ensureBuilt({ root, build, log: (t) => log.push(t) });
    expect(builds).toEqual(['built']);
    expect(log).toEqual(['Building the app first: electron/cli/index.ts changed since the last build.\n']);
  });

  it('lets a failed build fail loudly and leaves no lock behind', () => {
    fs.rmSync(path.join(root, 'out/main/cli.js'));
    const fail = () => {
      throw new Error('the build failed (electron-vite build exited with 1)');
    };
    expect(() => ensureBuilt({ root, build: fail, log: () => undefined })).toThrow(/build failed/);
    expect(fs.existsSync(path.join(root, 'out/.build-lock'))).toBe(false);
  });

  it('takes over a lock left by a build that was killed long ago', () => {
    fs.rmSync(path.join(root, 'out/main/cli.js'));
    fs.mkdirSync(path.join(root, 'out/.build-lock'));
    fs.utimesSync(path.join(root, 'out/.build-lock'), BEFORE, BEFORE);
    let built = 0;
    ensureBuilt({ root, build: () => void built++, log: () => undefined });
    expect(built).toBe(1);
  });

  it('builds once when several commands start side by side on a stale checkout', async () => {
    fs.rmSync(path.join(root, 'out/main/cli.js'));
    const child = `
      import fs from 'node:fs';
      import { ensureBuilt, OUTPUTS } from ${JSON.stringify(MODULE)};
      const root = ${JSON.stringify(root)};
      ensureBuilt({ root, log: () => {}, build: () => {
        fs.appendFileSync(root + '/builds.log', process.pid + '\\n');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300); // a build takes a while
        for (const output of OUTPUTS) fs.writeFileSync(root + '/' + output, 'built');
      } });`;
    const codes = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<number | null>((resolve) =>
            spawn(process.execPath, ['--input-type=module', '-e', child], { stdio: 'inherit' }).once(
              'exit',
              resolve,
            ),
          ),
      ),
    );
    expect(codes).toEqual([0, 0, 0]);
    expect(fs.readFileSync(path.join(root, 'builds.log'), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
