// The real electron-builder, run offline: `--linux --dir` with a stand-in Electron (a file carrying a
// fuse wire) instead of the download. It checks what the installers would contain: the app in
// app.asar, serialport unpacked beside it, the read-only settings and udev rule as resources, the
// fuses flipped by the afterPack hook, and the command line: its bundle with every chunk it loads,
// reached from the main entry by --cli (run under Node with a stand-in `electron` module, as
// Electron cannot run here). Needs `npm run build` first (CI builds before testing).
import { getCurrentFuseWire } from '@electron/fuses';
import { extractAll, extractFile, listPackage } from '@electron/asar';
import { execFile, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
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

/** Relative modules a bundle file loads: `import … from`, `export … from`, bare `import`, and `import()`. */
function relativeImports(code: string): { static: string[]; dynamic: string[] } {
  const all = (pattern: RegExp) => [...code.matchAll(pattern)].map((m) => m[1]!);
  return {
    static: [
      ...all(/^(?:import|export)\b[^;'"]*?\bfrom\s*["'](\.\.?\/[^"']+)["']/gm),
      ...all(/^import\s*["'](\.\.?\/[^"']+)["']/gm),
    ],
    dynamic: all(/\bimport\(\s*["'](\.\.?\/[^"']+)["']\s*\)/g),
  };
}

/** Every archive file `entry` loads, directly or through the chunks it loads, and those missing. */
function moduleGraph(archive: string, entry: string): { reached: string[]; missing: string[] } {
  const files = new Set(listPackage(archive, { isPack: false }));
  const reached = new Set<string>();
  const missing = new Set<string>();
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (reached.has(file) || missing.has(file)) continue;
    if (!files.has(file)) {
      missing.add(file);
      continue;
    }
    reached.add(file);
    const imports = relativeImports(extractFile(archive, file.slice(1)).toString('utf8'));
    for (const spec of [...imports.static, ...imports.dynamic]) {
      queue.push(path.posix.join(path.posix.dirname(file), spec));
    }
  }
  return { reached: [...reached], missing: [...missing] };
}

const STAND_IN = pathToFileURL(
  path.join(import.meta.dirname, 'test-support/register-electron-stand-in.mjs'),
).href;
const METER = '32666857=9A25139E3244CC2E391A8EF6B915B697';
const TELEGRAM = 'a5820327442d2c5768663230028d201a13e00920dddf142f84b1107cae4e84dbcb98210fc275ddc868ce8d2554';

/** Runs a built main entry under Node with the stand-in `electron` module (test-support/). */
function runMainEntry(entry: string, args: string[], input = '') {
  return spawnSync(process.execPath, ['--import', STAND_IN, entry, ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe.skipIf(!built)('the stand-in electron module', () => {
  it('refuses the desktop app, so a --cli run that reached it would fail', () => {
    // Without --cli the built entry goes on to the desktop app, whose Electron imports it lacks.
    const desktop = runMainEntry(path.join(root, 'out/main/index.js'), []);
    expect(desktop.status).not.toBe(0);
    expect(desktop.stderr).toMatch(/'electron' does not provide an export named/);
    expect(desktop.stdout).toBe('');
  });
});

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
    const rule = '60-gateway-diagnostics-sticks.rules';
    expect(fs.readFileSync(path.join(app, 'resources/udev', rule), 'utf8')).toBe(
      fs.readFileSync(path.join(root, 'build/linux', rule), 'utf8'),
    );
    expect(fs.existsSync(path.join(app, 'resources/settings/secrets.yaml'))).toBe(false);
  });

  it('packs the command line: out/main/cli.js and every chunk it loads, commands included', () => {
    const graph = moduleGraph(path.join(app, 'resources/app.asar'), '/out/main/cli.js');
    expect(graph.missing).toEqual([]);
    // Commands are loaded on demand, through import(): the walk must have followed those too.
    // (The bundler may add a small facade chunk in front of a command that another one imports.)
    expect(
      graph.reached.filter((f) => /^\/out\/main\/chunks\/decode-[\w-]+\.js$/.test(f)).length,
    ).toBeGreaterThan(0);
  });

  it('reaches the command line from the main entry for --cli, with every chunk on the way', () => {
    const archive = path.join(app, 'resources/app.asar');
    const main = JSON.parse(extractFile(archive, 'package.json').toString('utf8')) as { main: string };
    const entry = `/${main.main}`;
    expect(moduleGraph(archive, entry).missing).toEqual([]);
    const loaded = relativeImports(extractFile(archive, entry.slice(1)).toString('utf8')).dynamic.map(
      (spec) =>
        extractFile(archive, path.posix.join(path.posix.dirname(entry), spec).slice(1)).toString('utf8'),
    );
    expect(loaded.filter((code) => /\brunCliInProcess\b/.test(code))).toHaveLength(1);
  });

  it('runs commands from the packed main entry with --cli (under Node, stand-in electron)', () => {
    const unpacked = path.join(tmp, 'app-extracted');
    extractAll(path.join(app, 'resources/app.asar'), unpacked);
    const { main } = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as {
      main: string;
    };
    const run = (args: string[], input = '') => runMainEntry(path.join(unpacked, main), args, input);

    const help = run(['--cli', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Gateway Diagnostics — command line\n/);

    // As the Windows launcher calls it (--cli --), and with the telegram on stdin as on Linux/macOS.
    const decoded = [
      run(['--cli', '--', 'decode', '--meter', METER, TELEGRAM]),
      run(['--cli', 'decode', '--meter', METER], `${TELEGRAM}\n`),
    ];
    for (const result of decoded) {
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const [line, ...rest] = result.stdout.trimEnd().split('\n');
      expect(rest).toEqual([]);
      expect(JSON.parse(line!)).toMatchObject({
        ok: true,
        meter: { id: '32666857' },
        values: { 'A+': { value: 3.41, unit: 'kWh' } },
      });
    }

    // The exit code comes through app.exit: a usage error is 2.
    const unknown = run(['--cli', 'nonsense']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'nonsense'");
  }, 60_000);

  it('packs every dependency of every packed package where Node will look for it', () => {
    const unpacked = path.join(tmp, 'app-extracted');
    if (!fs.existsSync(unpacked)) extractAll(path.join(app, 'resources/app.asar'), unpacked);
    // electron-builder 25 once left aedes's mqtt-packet only under mqtt/node_modules, where aedes
    // cannot see it (hence the direct dependency in package.json): look for every such gap.
    const missing: string[] = [];
    const visit = (dir: string) => {
      const manifest = path.join(dir, 'package.json');
      if (fs.existsSync(manifest) && dir !== unpacked) {
        const { dependencies = {} } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
          dependencies?: Record<string, string>;
        };
        // Type packages are left out on purpose (electron-builder drops @types): nothing loads them.
        for (const name of Object.keys(dependencies).filter((n) => !n.startsWith('@types/'))) {
          let found = false;
          for (let at = dir; at.startsWith(unpacked) && !found; at = path.dirname(at))
            found = fs.existsSync(path.join(at, 'node_modules', name, 'package.json'));
          if (!found) missing.push(`${path.relative(unpacked, dir)} needs ${name}`);
        }
      }
      const modules = path.join(dir, 'node_modules');
      if (!fs.existsSync(modules)) return;
      for (const entry of fs.readdirSync(modules)) {
        if (entry.startsWith('.')) continue;
        const packages = entry.startsWith('@')
          ? fs.readdirSync(path.join(modules, entry)).map((scoped) => path.join(modules, entry, scoped))
          : [path.join(modules, entry)];
        packages.forEach(visit);
      }
    };
    visit(unpacked);
    expect(missing).toEqual([]);
  });

  it('runs the headless gateway on the demo from the packed app: every dependency it loads is packed', async () => {
    const unpacked = path.join(tmp, 'app-extracted');
    if (!fs.existsSync(unpacked)) extractAll(path.join(app, 'resources/app.asar'), unpacked);
    const { main } = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as {
      main: string;
    };
    // The demo starts the in-process broker (Aedes and its MQTT packet parser), the MQTT client and
    // the virtual stick: a dependency missing from app.asar fails here as it would for a user.
    const child = spawn(
      process.execPath,
      [
        '--import',
        STAND_IN,
        path.join(unpacked, main),
        '--cli',
        'run',
        '--profile',
        'demo',
        '--port',
        'virtual',
        '--outbox',
        'none',
      ],
      { env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'config') } },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const connected = new Promise<void>((resolve) =>
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('"event":"connected"')) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await Promise.race([connected, exited]);
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(0);
    expect(stdout).toContain('"event":"connected"');
    expect(stdout).toContain('"event":"stopped"');
  }, 60_000);

  it('flips the fuses in the packed binary', async () => {
    const wire = await getCurrentFuseWire(path.join(app, 'gateway-diagnostics'));
    // RunAsNode, CookieEncryption, NODE_OPTIONS, --inspect, asar integrity, asar only, V8 snapshot, file://
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => wire[i as 0])).toEqual([OFF, OFF, OFF, OFF, ON, ON, OFF, ON]);
  });
});
