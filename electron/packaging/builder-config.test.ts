// The installers cannot be built here (electron-builder downloads Electron), so the configuration is
// checked offline: loaded the way electron-builder loads it, validated by electron-builder's own
// schema check, and held to the release requirements of docs/RELEASE.md.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { cliArguments } from '../main/cli-mode';
import { icnsTypes, icoSizes, pngSize } from './image-headers';

const root = path.resolve(import.meta.dirname, '../..');
const configFile = path.join(root, 'electron-builder.yml');
const raw = load(fs.readFileSync(configFile, 'utf8')) as Configuration;

// electron-builder passes its debug logger; only `isEnabled` and `add` are used during validation.
const quietLogger = { isEnabled: false, add: () => {} } as unknown as Parameters<
  typeof validateConfiguration
>[1];
const validate = (config: unknown) => validateConfiguration(config as Configuration, quietLogger);

/** Target names of one platform section, e.g. ['AppImage', 'deb']. */
function targetNames(section: { target?: unknown } | null | undefined): string[] {
  const targets = Array.isArray(section?.target) ? section.target : [section?.target];
  return targets.map((t) => (typeof t === 'string' ? t : (t as { target: string }).target));
}

describe('electron-builder.yml against electron-builder 25 itself', () => {
  it('is the file electron-builder loads (package.json has no "build" key)', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(pkg).not.toHaveProperty('build');
    const loaded = await getConfig(root, null, null);
    expect(loaded.appId).toBe(raw.appId);
    expect(loaded.productName).toBe('Gateway Diagnostics');
  });

  it('passes electron-builder’s own schema validation', async () => {
    await expect(validate(raw)).resolves.toBeUndefined();
  });

  it('rejects a misspelled option and names it (the check is real)', async () => {
    const { npmRebuild: _dropped, ...rest } = raw;
    await expect(validate({ ...rest, npmRebuid: false })).rejects.toThrow(/npmRebuid/);
    await expect(validate({ ...raw, deb: { ...raw.deb, afterInstal: 'x.sh' } })).rejects.toThrow(
      /afterInstal/,
    );
    await expect(validate({ ...raw, npmRebuild: 'no' })).rejects.toThrow(/npmRebuild/);
  });
});

describe('release requirements', () => {
  it('names the app', () => {
    expect(raw.appId).toBe('com.remoni.gateway-diagnostics');
    expect(raw.productName).toBe('Gateway Diagnostics');
  });

  it('builds NSIS on Windows, dmg on macOS, AppImage and deb on Linux', () => {
    expect(targetNames(raw.win)).toEqual(['nsis']);
    expect(targetNames(raw.mac)).toEqual(['dmg']);
    expect(targetNames(raw.linux)).toEqual(['AppImage', 'deb']);
  });

  it('never rebuilds native modules and unpacks serialport with its prebuilds from asar', () => {
    expect(raw.npmRebuild).toBe(false);
    expect(raw.buildDependenciesFromSource).toBe(false);
    const patterns = raw.asarUnpack as string[];
    const prebuilds = path.join(root, 'node_modules/@serialport/bindings-cpp/prebuilds');
    const nativeFiles = fs
      .readdirSync(prebuilds, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.node'))
      .map((f) => `node_modules/@serialport/bindings-cpp/prebuilds/${f.split(path.sep).join('/')}`);
    expect(nativeFiles.length).toBeGreaterThan(0);
    for (const file of [...nativeFiles, 'node_modules/serialport/dist/index.js']) {
      expect(
        patterns.some((p) => path.matchesGlob(file, p)),
        `${file} is not unpacked`,
      ).toBe(true);
    }
  });

  it('keeps serialport a runtime dependency, so electron-vite leaves it out of the main bundle', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies).toHaveProperty('serialport');
    const viteConfig = fs.readFileSync(path.join(root, 'electron.vite.config.ts'), 'utf8');
    const mainSection = viteConfig.slice(viteConfig.indexOf('main:'), viteConfig.indexOf('preload:'));
    expect(mainSection).not.toMatch(/externalizeDeps:\s*false/);
  });

  it('ships the example settings as read-only resources', () => {
    expect(raw.extraResources).toEqual([
      { from: 'settings/secrets.example.yaml', to: 'settings/secrets.example.yaml' },
    ]);
    expect(fs.existsSync(path.join(root, 'settings/secrets.example.yaml'))).toBe(true);
  });

  it('packs only the build output and package.json', () => {
    expect(raw.files).toEqual(['out/**/*', 'package.json', '!**/*.map']);
  });
});

describe('icons', () => {
  const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];

  it('has a PNG of every size for Linux, each really that many pixels', () => {
    expect(raw.linux?.icon).toBe('assets/icons');
    for (const size of sizes) {
      const png = fs.readFileSync(path.join(root, 'assets/icons', `${size}x${size}.png`));
      expect(pngSize(png), `${size}x${size}.png`).toEqual({ width: size, height: size });
    }
  });

  it('has a Windows .ico up to 256 px and a macOS .icns up to 1024 px', () => {
    expect(raw.win?.icon).toBe('assets/icon.ico');
    expect(icoSizes(fs.readFileSync(path.join(root, 'assets/icon.ico')))).toEqual([16, 32, 48, 64, 128, 256]);
    expect(raw.mac?.icon).toBe('assets/icon.icns');
    // ic10 = 1024 px (512@2x), ic09 = 512, ic08 = 256, is32 = 16.
    expect(icnsTypes(fs.readFileSync(path.join(root, 'assets/icon.icns')))).toEqual(
      expect.arrayContaining(['is32', 'il32', 'ic08', 'ic09', 'ic10']),
    );
  });
});

describe('Windows: the command-line launcher beside the .exe', () => {
  const launcher = { from: 'build/win/gateway-diagnostics.cmd', to: 'gateway-diagnostics.cmd' };
  const script = fs.readFileSync(path.join(root, launcher.from), 'latin1');
  const lines = script.split('\r\n');
  const exe = `${raw.win?.executableName ?? raw.productName}.exe`;
  const runLine = lines.findIndex((l) => l.includes('.exe"'));

  it('is shipped into the app folder, where NSIS installs it beside the .exe', () => {
    expect(raw.win?.extraFiles).toEqual([launcher]);
    expect(fs.existsSync(path.join(root, launcher.from))).toBe(true);
  });

  it('has CRLF line endings only and plain ASCII, as cmd.exe reads batch files', () => {
    expect(script.endsWith('\r\n')).toBe(true);
    expect(script.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(script).toMatch(/^[\x20-\x7e\r\n]*$/);
    expect(lines[0]).toBe('@echo off');
  });

  it('runs the .exe electron-builder names, quoted, from the launcher’s own folder', () => {
    expect(runLine).toBeGreaterThan(0);
    // The folder comes from %~dp0 in a subroutine (right even for a quoted name found on PATH) and
    // ends in a backslash; the quotes keep a folder with spaces in one piece.
    expect(lines[runLine]!.startsWith(`"%APP_DIR%${exe}" `)).toBe(true);
    expect(lines.slice(0, runLine)).toContain('call :app_folder APP_DIR');
    const sub = lines.indexOf(':app_folder');
    expect(sub).toBeGreaterThan(runLine);
    expect(lines[sub + 1]).toBe('set "%~1=%~dp0"');
    // Without delayed expansion a ! in an argument stays a !.
    expect(lines.slice(0, runLine)).toContain('setlocal EnableExtensions DisableDelayedExpansion');
  });

  it('passes every argument on behind --cli --, which the main process strips to exactly those', () => {
    const match = /^"[^"]+" (.*) %\*$/.exec(lines[runLine]!);
    expect(match).not.toBeNull();
    const fixed = match![1]!.split(' ');
    expect(fixed).toEqual(['--cli', '--']);
    const typed = ['decode', '--meter', '32666857=9A25', 'a5:82:03', '--'];
    expect(cliArguments([`C:\\Apps\\${exe}`, ...fixed, ...typed])).toEqual(typed);
  });

  it('exits with the app’s exit code, read right after the app ends', () => {
    expect(lines[runLine + 1]).toBe('exit /b %ERRORLEVEL%');
  });
});

describe('deb: udev rule for the sticks', () => {
  const ruleName = '60-gateway-diagnostics-sticks.rules';
  const rule = fs.readFileSync(path.join(root, 'build/linux', ruleName), 'utf8');
  const ruleLines = rule.split('\n').filter((l) => l.trim() && !l.startsWith('#'));

  it.each([
    ['iM871A', '10c4', '87ed'],
    ['iU891A', '04b4', '0003'],
  ])('tells ModemManager to ignore the %s (%s:%s) and lets dialout open it', (_name, vendor, product) => {
    const forStick = ruleLines.filter(
      (l) => l.includes(`ATTRS{idVendor}=="${vendor}"`) && l.includes(`ATTRS{idProduct}=="${product}"`),
    );
    expect(forStick).toHaveLength(2);
    expect(forStick.some((l) => l.includes('ENV{ID_MM_DEVICE_IGNORE}="1"'))).toBe(true);
    expect(forStick.some((l) => /SUBSYSTEM=="tty".*GROUP="dialout".*MODE="0660"/.test(l))).toBe(true);
  });

  it('is about these two sticks only', () => {
    expect(ruleLines).toHaveLength(4);
    expect(ruleLines.every((l) => /ATTRS\{idVendor\}=="(10c4|04b4)"/.test(l))).toBe(true);
  });

  it('travels with the Linux build and is installed to /lib/udev/rules.d by the deb', () => {
    expect(raw.linux?.extraResources).toEqual([{ from: `build/linux/${ruleName}`, to: `udev/${ruleName}` }]);
    const install = fs.readFileSync(path.join(root, raw.deb!.afterInstall!), 'utf8');
    expect(install).toContain(`RULE_NAME='${ruleName}'`);
    expect(install).toMatch(
      /install -D -m 0644 "\$APP_DIR\/resources\/udev\/\$RULE_NAME" "\/lib\/udev\/rules\.d\/\$RULE_NAME"/,
    );
    // An upgrade from a version with the iM871A-only rule leaves no second rule behind.
    expect(install).toContain('rm -f /lib/udev/rules.d/60-gateway-diagnostics-im871a.rules');
    const remove = fs.readFileSync(path.join(root, raw.deb!.afterRemove!), 'utf8');
    expect(remove).toContain('rm -f "/lib/udev/rules.d/$RULE_NAME"');
  });

  it('puts the app on PATH as /usr/bin/<executableName> and takes it off again on removal', () => {
    // `gateway-diagnostics --cli …` in a terminal (README.md "The command line in the installed app").
    expect(raw.linux?.executableName).toBe('gateway-diagnostics');
    const install = fs.readFileSync(path.join(root, raw.deb!.afterInstall!), 'utf8');
    expect(install).toContain("EXECUTABLE='${executable}'");
    expect(install).toContain(
      'update-alternatives --install "/usr/bin/$EXECUTABLE" "$EXECUTABLE" "$APP_DIR/$EXECUTABLE" 100',
    );
    // Without update-alternatives (or when it fails) a plain link does the same job.
    expect(install.match(/ln -sf "\$APP_DIR\/\$EXECUTABLE" "\/usr\/bin\/\$EXECUTABLE"/g)).toHaveLength(2);
    const remove = fs.readFileSync(path.join(root, raw.deb!.afterRemove!), 'utf8');
    expect(remove).toContain('update-alternatives --remove "$EXECUTABLE" "/usr/bin/$EXECUTABLE"');
    expect(remove).toContain('rm -f "/usr/bin/$EXECUTABLE"');
  });

  it('has maintainer scripts that are valid bash once electron-builder fills in its macros', () => {
    const macros: Record<string, string> = {
      executable: 'gateway-diagnostics',
      sanitizedProductName: 'Gateway Diagnostics',
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deb-scripts-'));
    try {
      for (const script of [raw.deb!.afterInstall!, raw.deb!.afterRemove!]) {
        // The same substitution electron-builder applies; an unknown macro fails the build there.
        const text = fs
          .readFileSync(path.join(root, script), 'utf8')
          .replace(/\${([a-zA-Z]+)}/g, (_m, name) => {
            if (!(name in macros)) throw new Error(`${script}: macro \${${name}} is not defined`);
            return macros[name]!;
          });
        const rendered = path.join(dir, path.basename(script));
        fs.writeFileSync(rendered, text);
        execFileSync('bash', ['-n', rendered]);
        if (script === raw.deb!.afterInstall) expect(text).toContain("APP_DIR='/opt/Gateway Diagnostics'");
        expect(text).toContain("EXECUTABLE='gateway-diagnostics'");
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
