import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultUserDataDir,
  locateSettings,
  resolveSettingsPath,
  seedUserSettings,
  settingsFlag,
} from './settings-path';

const USER = path.resolve('/home/tech/.config/Gateway Diagnostics');
const CWD = path.resolve('/repo');
const USER_FILE = path.join(USER, 'settings', 'secrets.yaml');
const DEV_FILE = path.join(CWD, 'settings', 'secrets.yaml');

describe('resolveSettingsPath', () => {
  const existing =
    (...files: string[]) =>
    (p: string) =>
      files.includes(p);

  it('prefers an explicit file, resolved against cwd, even if it does not exist', () => {
    expect(
      resolveSettingsPath({ explicit: 'my.yaml', userDataDir: USER, cwd: CWD, exists: existing(USER_FILE) }),
    ).toEqual({ path: path.join(CWD, 'my.yaml'), source: 'explicit' });
  });

  it('then the user-data file, when it exists', () => {
    expect(
      resolveSettingsPath({ userDataDir: USER, cwd: CWD, exists: existing(USER_FILE, DEV_FILE) }),
    ).toEqual({ path: USER_FILE, source: 'user-data' });
  });

  it('then the development file in ./settings', () => {
    expect(resolveSettingsPath({ userDataDir: USER, cwd: CWD, exists: existing(DEV_FILE) })).toEqual({
      path: DEV_FILE,
      source: 'development',
    });
    expect(resolveSettingsPath({ cwd: CWD, exists: existing(DEV_FILE) }).source).toBe('development');
  });

  it('else none', () => {
    expect(resolveSettingsPath({ userDataDir: USER, cwd: CWD, exists: existing() })).toEqual({
      path: null,
      source: 'none',
    });
  });
});

describe('seedUserSettings', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gw-seed-'));

  it('copies the example into a new settings folder with owner-only permissions', () => {
    const dir = tmp();
    const example = path.join(dir, 'example.yaml');
    fs.writeFileSync(example, 'recalc:\n  ip: a\n');
    const userData = path.join(dir, 'userData');
    const result = seedUserSettings(userData, example);
    const target = path.join(userData, 'settings', 'secrets.yaml');
    expect(result).toEqual({ path: target, seeded: true, error: null });
    expect(fs.readFileSync(target, 'utf8')).toBe('recalc:\n  ip: a\n');
    if (process.platform !== 'win32') expect(fs.statSync(target).mode & 0o777).toBe(0o600);
  });

  it('never overwrites an existing file', () => {
    const dir = tmp();
    const example = path.join(dir, 'example.yaml');
    fs.writeFileSync(example, 'new');
    fs.mkdirSync(path.join(dir, 'settings'));
    fs.writeFileSync(path.join(dir, 'settings', 'secrets.yaml'), 'mine');
    expect(seedUserSettings(dir, example).seeded).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'settings', 'secrets.yaml'), 'utf8')).toBe('mine');
  });

  it('reports a missing example instead of throwing', () => {
    const dir = tmp();
    const result = seedUserSettings(dir, path.join(dir, 'absent.yaml'));
    expect(result.seeded).toBe(false);
    expect(result.error).toMatch(/ENOENT/);
    expect(fs.existsSync(path.join(dir, 'settings', 'secrets.yaml'))).toBe(false);
  });
});

describe('defaultUserDataDir', () => {
  it('matches Electron on Linux, macOS and Windows', () => {
    expect(defaultUserDataDir('linux', {}, '/home/t')).toBe('/home/t/.config/Gateway Diagnostics');
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/x/cfg' }, '/home/t')).toBe(
      '/x/cfg/Gateway Diagnostics',
    );
    expect(defaultUserDataDir('darwin', {}, '/Users/t')).toBe(
      '/Users/t/Library/Application Support/Gateway Diagnostics',
    );
    expect(defaultUserDataDir('win32', { APPDATA: 'C:\\Users\\t\\AppData\\Roaming' }, 'C:\\Users\\t')).toBe(
      'C:\\Users\\t\\AppData\\Roaming\\Gateway Diagnostics',
    );
    expect(defaultUserDataDir('win32', {}, 'C:\\Users\\t')).toBe(
      'C:\\Users\\t\\AppData\\Roaming\\Gateway Diagnostics',
    );
  });
});

describe('locateSettings', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'gw-locate-'));

  it('seeds the user-data folder on the app’s first run and uses that file', () => {
    const dir = tmp();
    const example = path.join(dir, 'example.yaml');
    fs.writeFileSync(example, 'recalc:\n  ip: a\n');
    const userData = path.join(dir, 'userData');
    const located = locateSettings({
      userDataDir: userData,
      cwd: dir,
      exists: fs.existsSync,
      seedFrom: example,
    });
    expect(located).toMatchObject({
      path: path.join(userData, 'settings', 'secrets.yaml'),
      source: 'user-data',
    });
    expect(located.seed?.seeded).toBe(true);
  });

  it('never writes without seedFrom (the CLI) and reports a failed seed with the demo only', () => {
    const dir = tmp();
    const userData = path.join(dir, 'userData');
    expect(locateSettings({ userDataDir: userData, cwd: dir, exists: fs.existsSync })).toEqual({
      path: null,
      source: 'none',
      seed: null,
    });
    expect(fs.existsSync(userData)).toBe(false);
    const failed = locateSettings({
      userDataDir: userData,
      cwd: dir,
      exists: fs.existsSync,
      seedFrom: path.join(dir, 'absent.yaml'),
    });
    expect(failed).toMatchObject({ path: null, source: 'none' });
    expect(failed.seed?.error).toMatch(/ENOENT/);
  });
});

describe('settingsFlag', () => {
  it('reads both --settings FILE and --settings=FILE among other arguments', () => {
    expect(settingsFlag(['.', '--settings', 'a.yaml', '--x'])).toBe('a.yaml');
    expect(settingsFlag(['--inspect', '--settings=b.yaml'])).toBe('b.yaml');
    expect(settingsFlag(['--other'])).toBeUndefined();
  });
});
