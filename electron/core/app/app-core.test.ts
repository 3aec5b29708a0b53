import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../../shared/ipc/contract';
import type { SettingsView } from '../../../shared/settings';
import { createAppCore } from './app-core';
import type { Logger } from '../logger';

const APP = 'app://gateway';

function core(settingsPath: string | null) {
  const lines: string[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(m),
    error: (m) => lines.push(m),
  };
  const app = createAppCore({
    name: 'Gateway Diagnostics',
    version: '0.1.0',
    settingsPath,
    settingsSource: settingsPath ? 'explicit' : 'none',
    isTrustedOrigin: (o) => o === APP,
    logger,
    userDataDir: null,
    now: () => new Date('2026-11-25T10:00:00Z'),
  });
  return { app, lines };
}

describe('app core', () => {
  it('answers settings.get with the demo profile when there is no settings file', async () => {
    const { app } = core(null);
    const result = await app.router.handle({ origin: APP }, 'settings.get', undefined);
    expect(result).toMatchObject({
      ok: true,
      value: { file: null, profiles: [{ name: 'demo' }], problems: [] },
    });
  });

  it('reloads the file on request, tells every window, and logs problems without secrets', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-core-'));
    const file = path.join(dir, 'secrets.yaml');
    fs.writeFileSync(file, 'a:\n  ip: one.example\n');
    const { app, lines } = core(file);
    const batches: EventBatch[] = [];
    app.events.subscribe((b) => batches.push(b));

    fs.writeFileSync(file, 'a:\n  ip: one.example\nb:\n  ip: two.example\n  password: 987654321987\n');
    const result = await app.router.handle({ origin: APP }, 'settings.reload', undefined);
    expect(result.ok && (result.value as SettingsView).profiles.map((p) => p.name)).toEqual(['demo', 'a']);
    app.events.flush();
    expect(batches[0]!.events[0]).toMatchObject({ stream: 'settings.changed', payload: { file } });
    expect(lines.join('\n')).toContain(`${file}:5 b.password`);
    expect(lines.join('\n')).not.toContain('987654321987');
    await app.dispose();
  });
});
