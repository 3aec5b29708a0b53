import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionOutcome } from '../../../shared/mqtt/types';
import type { ProfileFile } from '../../../shared/profile-form';
import type { EventBatch } from '../../../shared/ipc/contract';
import { startTestBroker, type TestBroker } from '../mqtt/test-support/aedes-broker';
import { memoryLogger } from '../mqtt/test-support/fixtures';
import type { AppCore } from './app-core';
import { APP_ORIGIN, createTestAppCore } from './app-core-test-support';

// The profile form's requests through the router, as the renderer sends them: a connection test
// against a broker that checks the password, then a save, with no secret in any answer or log line.

const PASSWORD = 'Right-pw-6d0f!never-shown';
const WRONG = 'Wrong-pw-91c2!never-shown';
let dir: string;
let file: string;
let broker: TestBroker;
let core: AppCore;
const logger = memoryLogger();
const batches: EventBatch[] = [];
const answers: unknown[] = [];

async function call(method: string, input?: unknown) {
  const answer = await core.router.handle({ origin: APP_ORIGIN }, method, input);
  answers.push(answer);
  return answer;
}

beforeAll(async () => {
  broker = await startTestBroker({
    authenticate: (_client, username, password, done) =>
      done(null, username === 'gw' && password?.toString() === PASSWORD),
  });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-profile-editor-'));
  file = path.join(dir, 'secrets.yaml');
  fs.writeFileSync(
    file,
    `# bench\nbench:\n  ip: 127.0.0.1\n  port: ${broker.port}\n  username: gw\n  password: '${PASSWORD}'\n`,
  );
  core = createTestAppCore({ settingsPath: file, logger });
  core.events.subscribe((batch) => batches.push(structuredClone(batch)));
});

afterAll(async () => {
  await core?.dispose();
  await broker?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const draft = (password: unknown, extra: Record<string, unknown> = {}) => ({
  name: 'bench',
  values: { ip: '127.0.0.1', port: broker.port, username: 'gw', ...extra },
  password,
  keyPassphrase: { action: 'keep' },
  secretsFrom: 'bench',
});

describe('profile form requests', () => {
  it('tests unsaved values once: a typed wrong password is refused in words, the stored one accepted', async () => {
    const wrong = await call('profiles.test', { draft: draft({ action: 'replace', value: WRONG }) });
    expect(wrong).toMatchObject({ ok: true, value: { ok: false, kind: 'refused' } });
    const refused = (wrong as { value: ConnectionOutcome }).value;
    expect(refused.text).toMatch(/^Connection refused/);
    expect(refused.hint).not.toBeNull();
    const right = await call('profiles.test', { draft: draft({ action: 'keep' }) });
    expect(right).toMatchObject({ ok: true, value: { ok: true, code: 0, kind: 'accepted' } });
    const saved = await call('profiles.test', { name: 'bench' });
    expect(saved).toMatchObject({ ok: true, value: { ok: true, code: 0 } });
    // Connected once each, and disconnected again.
    expect(broker.aedes.connectedClients).toBe(0);
  });

  it("refuses a test of values with errors in the loader's words, before connecting", async () => {
    const answer = await call('profiles.test', { draft: draft({ action: 'keep' }, { port: 70000 }) });
    expect(answer).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(JSON.stringify(answer)).toContain('port must be a whole number from 1 to 65535, got 70000');
    expect(await call('profiles.test', { name: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('saves a new profile, reloads the settings and answers CONFLICT for a stale form', async () => {
    const read = (await call('profiles.read')) as { ok: true; value: ProfileFile };
    const { hash } = read.value;
    const save = {
      originalName: null,
      hash,
      draft: { ...draft({ action: 'keep' }), name: 'bench-copy' },
    };
    expect(await call('profiles.save', save)).toMatchObject({ ok: true });
    expect(core.settings()?.profiles.map((p) => p.name)).toEqual(['bench', 'bench-copy']);
    expect(core.settings()?.profiles[1]?.password).toBe(PASSWORD);
    const stale = await call('profiles.save', { ...save, draft: { ...save.draft, name: 'another' } });
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^# bench\nbench:\n/);
  });

  it('validates every input in main', async () => {
    expect(
      await call('profiles.save', { originalName: null, hash: null, draft: { name: 'x' } }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('profiles.test', { draft: draft({ action: 'replace', value: '' }) })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(
      await call('profiles.save', {
        originalName: null,
        hash: null,
        draft: { ...draft({ action: 'keep' }), values: { password: 'sneaked in' } },
      }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('dialog.pickFile', { purpose: 'ca_file' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/type the path/) },
    });
    expect(await call('dialog.pickFile', { purpose: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
  });

  it('answers the file dialog with a path relative to the settings folder when the file is inside it', async () => {
    const answers = [path.join(dir, 'certs', 'ca.pem'), '/etc/ssl/certs/ca.pem', null];
    const withDialog = createTestAppCore({
      settingsPath: file,
      pickFile: async () => answers.shift() ?? null,
    });
    try {
      const handle = (method: string, input?: unknown) =>
        withDialog.router.handle({ origin: APP_ORIGIN }, method, input);
      expect(await handle('app.info')).toMatchObject({ ok: true, value: { filePicker: true } });
      expect(await handle('dialog.pickFile', { purpose: 'ca_file' })).toEqual({
        ok: true,
        value: { path: 'certs/ca.pem' },
      });
      expect(await handle('dialog.pickFile', { purpose: 'cert_file' })).toEqual({
        ok: true,
        value: { path: '/etc/ssl/certs/ca.pem' },
      });
      expect(await handle('dialog.pickFile', { purpose: 'key_file' })).toEqual({
        ok: true,
        value: { path: null },
      });
    } finally {
      await withDialog.dispose();
    }
    expect(await call('app.info')).toMatchObject({ ok: true, value: { filePicker: false } });
  });

  it('never puts a password in an answer, an event or a log line', () => {
    core.events.flush();
    const everything = JSON.stringify([answers, batches, logger.lines]);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(WRONG);
    expect(logger.lines.join('\n')).toMatch(/Connection test of "bench"/);
  });
});
