import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsViewSchema } from '../../../shared/settings';
import { loadSettingsFile } from '../settings';
import { toSettingsView } from './settings-view';

function writeSettings(text: string, dir: string): string {
  const file = path.join(dir, 'secrets.yaml');
  fs.writeFileSync(file, text);
  return file;
}

describe('toSettingsView', () => {
  it('puts the demo profile first and never contains a password or passphrase', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-settings-'));
    fs.writeFileSync(path.join(dir, 'c.pem'), 'x');
    fs.writeFileSync(path.join(dir, 'k.pem'), 'x');
    const file = writeSettings(
      [
        'recalc:',
        '  ip: broker.example.com',
        '  username: gw',
        '  password: "Pw-Secret-4711"',
        '  cert_file: c.pem',
        '  key_file: k.pem',
        '  key_passphrase: "Phrase-Secret-0815"',
        'wrong:',
        '  ip: other.example',
        '  password: 987654321', // wrong type: must not be echoed in the problem either
      ].join('\n'),
      dir,
    );
    const view = toSettingsView(loadSettingsFile(file), new Date('2024-01-02T03:04:05Z'));
    expect(SettingsViewSchema.parse(view)).toEqual(view);
    expect(view.loadedAt).toBe('2024-01-02T03:04:05.000Z');
    expect(view.profiles.map((p) => p.name)).toEqual(['demo', 'recalc']);
    expect(view.profiles[0]).toMatchObject({
      demo: true,
      host: '127.0.0.1',
      port: 0,
      gatewayId: '706462169',
    });
    expect(view.profiles[1]).toMatchObject({ hasPassword: true, hasKeyPassphrase: true });
    const json = JSON.stringify(view);
    expect(json).not.toContain('Pw-Secret-4711');
    expect(json).not.toContain('Phrase-Secret-0815');
    expect(json).not.toContain('987654321');
    expect(json).toContain('password must be text');
  });

  it('shows only the demo profile when there is no file', () => {
    const view = toSettingsView(null, new Date(0));
    expect(view.file).toBeNull();
    expect(view.profiles.map((p) => p.name)).toEqual(['demo']);
    expect(view.problems).toEqual([]);
  });
});
