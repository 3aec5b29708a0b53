import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { locateSettings } from '../core/settings';
import { exampleSettingsFile, settingsFolder } from './settings-folder';

const repo = path.resolve(import.meta.dirname, '../..');
let tmp: string | undefined;
afterEach(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
});

describe('first-run settings', () => {
  it('come from the resources folder when packaged and from the repository in development', () => {
    const layout = { resourcesPath: '/opt/GD/resources', appPath: '/opt/GD/resources/app.asar' };
    expect(exampleSettingsFile({ ...layout, packaged: true })).toBe(
      path.join('/opt/GD/resources', 'settings', 'secrets.example.yaml'),
    );
    expect(exampleSettingsFile({ packaged: false, resourcesPath: '/x', appPath: repo })).toBe(
      path.join(repo, 'settings', 'secrets.example.yaml'),
    );
    expect(fs.existsSync(exampleSettingsFile({ packaged: false, resourcesPath: '/x', appPath: repo }))).toBe(
      true,
    );
  });

  it('are copied from a packaged layout into an empty user-data folder, owner-only', () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-'));
    // What electron-builder's extraResources puts beside app.asar.
    const resourcesPath = path.join(tmp, 'resources');
    fs.mkdirSync(path.join(resourcesPath, 'settings'), { recursive: true });
    fs.copyFileSync(
      path.join(repo, 'settings/secrets.example.yaml'),
      path.join(resourcesPath, 'settings/secrets.example.yaml'),
    );
    const userDataDir = path.join(tmp, 'user-data');
    const seedFrom = exampleSettingsFile({ packaged: true, resourcesPath, appPath: '/nowhere' });
    const located = locateSettings({ userDataDir, cwd: tmp, exists: fs.existsSync, seedFrom });

    expect(located.source).toBe('user-data');
    expect(located.seed).toMatchObject({ seeded: true, error: null });
    expect(fs.readFileSync(located.path!, 'utf8')).toBe(
      fs.readFileSync(path.join(repo, 'settings/secrets.example.yaml'), 'utf8'),
    );
    expect(fs.statSync(located.path!).mode & 0o777).toBe(0o600);
    expect(settingsFolder(located.path, userDataDir)).toBe(path.join(userDataDir, 'settings'));
  });

  it('opens the user-data settings folder even when no file could be found or created', () => {
    expect(settingsFolder(null, '/home/t/.config/Gateway Diagnostics')).toBe(
      path.join('/home/t/.config/Gateway Diagnostics', 'settings'),
    );
    expect(settingsFolder('/work/site-a/secrets.yaml', '/u')).toBe('/work/site-a');
  });
});
