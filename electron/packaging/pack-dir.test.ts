// The real electron-builder, run offline: `--linux --dir` with a stand-in Electron (a file carrying a
// fuse wire) instead of the download. It checks what the installers would contain: the app in
// app.asar, serialport unpacked beside it, the read-only settings and udev rule as resources, and
// the fuses flipped by the afterPack hook. Needs `npm run build` first (CI builds before testing).
import { getCurrentFuseWire } from '@electron/fuses';
import { listPackage } from '@electron/asar';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].every((f) =>
  fs.existsSync(path.join(root, f)),
);
if (!built && process.env['CI'] === 'true') throw new Error('out/ is missing: run npm run build first');

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const [ON, OFF] = [0x31, 0x30];
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};

/** A folder shaped like an unpacked Linux Electron, whose binary carries Electron's default fuse wire. */
function fakeElectronDist(dir: string): void {
  fs.mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const wire = Buffer.from([1, 8, ON, OFF, ON, ON, OFF, OFF, OFF, ON]);
  fs.writeFileSync(path.join(dir, 'electron'), Buffer.concat([Buffer.from(SENTINEL, 'latin1'), wire]), {
    mode: 0o755,
  });
  for (const f of ['chrome-sandbox', 'LICENSE', 'LICENSES.chromium.html'])
    fs.writeFileSync(path.join(dir, f), '');
  fs.writeFileSync(path.join(dir, 'version'), pkg.devDependencies['electron']!);
}

describe.skipIf(!built)('electron-builder --linux --dir (offline, stand-in Electron)', () => {
  let tmp: string;
  let app: string;
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pack-'));
    fakeElectronDist(path.join(tmp, 'electron-dist'));
    await promisify(execFile)(
      process.execPath,
      [
        path.join(root, 'node_modules/electron-builder/cli.js'),
        '--linux',
        '--dir',
        '--publish',
        'never',
        `-c.electronDist=${path.join(tmp, 'electron-dist')}`,
        `-c.directories.output=${path.join(tmp, 'dist')}`,
      ],
      { cwd: root, maxBuffer: 16 * 1024 * 1024 },
    );
    app = path.join(tmp, 'dist/linux-unpacked');
  }, 180_000);
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('packs the build output into app.asar, and no sources', () => {
    const files = listPackage(path.join(app, 'resources/app.asar'), { isPack: false });
    for (const f of [
      '/package.json',
      '/out/main/index.js',
      '/out/preload/index.cjs',
      '/out/renderer/index.html',
    ]) {
      expect(files).toContain(f);
    }
    expect(files.filter((f) => /^\/(electron|renderer|shared|settings|build|assets)\//.test(f))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
  });

  it('unpacks serialport and its N-API prebuilds next to app.asar', () => {
    const unpacked = path.join(app, 'resources/app.asar.unpacked/node_modules');
    expect(fs.existsSync(path.join(unpacked, 'serialport/package.json'))).toBe(true);
    const prebuilds = path.join(unpacked, '@serialport/bindings-cpp/prebuilds');
    for (const platform of ['linux-x64', 'win32-x64', 'darwin-x64+arm64']) {
      const dir = path.join(prebuilds, platform);
      expect(
        fs.readdirSync(dir).some((f) => f.endsWith('.node')),
        platform,
      ).toBe(true);
    }
  });

  it('ships the example settings and the udev rule as plain resources', () => {
    expect(fs.readFileSync(path.join(app, 'resources/settings/secrets.example.yaml'), 'utf8')).toBe(
      fs.readFileSync(path.join(root, 'settings/secrets.example.yaml'), 'utf8'),
    );
    const rule = '60-gateway-diagnostics-im871a.rules';
    expect(fs.readFileSync(path.join(app, 'resources/udev', rule), 'utf8')).toBe(
      fs.readFileSync(path.join(root, 'build/linux', rule), 'utf8'),
    );
    expect(fs.existsSync(path.join(app, 'resources/settings/secrets.yaml'))).toBe(false);
  });

  it('flips the fuses in the packed binary', async () => {
    const wire = await getCurrentFuseWire(path.join(app, 'gateway-diagnostics'));
    // RunAsNode, CookieEncryption, NODE_OPTIONS, --inspect, asar integrity, asar only, V8 snapshot, file://
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => wire[i as 0])).toEqual([OFF, OFF, OFF, OFF, ON, ON, OFF, ON]);
  });
});
