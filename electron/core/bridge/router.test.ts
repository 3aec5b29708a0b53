import { describe, expect, it, vi } from 'vitest';
import type { SettingsView } from '../../../shared/settings';
import { BridgeError, createRouter, type Handlers } from './router';
import { testHandlers } from './test-handlers';

const view: SettingsView = { file: null, loadedAt: '2026-11-25T10:00:00.000Z', profiles: [], problems: [] };
const APP = 'app://gateway';

function router(overrides: Partial<Handlers> = {}, onInternalError = vi.fn()) {
  const handlers: Handlers = testHandlers({
    'app.info': () => ({ name: 'Gateway Diagnostics', version: '0.1.0', settingsSource: 'none' }),
    'settings.get': () => view,
    'settings.reload': () => view,
    ...overrides,
  });
  return createRouter({ handlers, isTrustedOrigin: (o) => o === APP, onInternalError });
}

describe('router', () => {
  it('answers a valid request from the app with {ok, value}', async () => {
    const result = await router().handle({ origin: APP }, 'app.info', undefined);
    expect(result).toEqual({
      ok: true,
      value: { name: 'Gateway Diagnostics', version: '0.1.0', settingsSource: 'none' },
    });
  });

  it('refuses a sender from another origin without running the handler', async () => {
    const get = vi.fn(() => view);
    const result = await router({ 'settings.get': get }).handle(
      { origin: 'https://evil.example' },
      'settings.get',
      undefined,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(!result.ok && result.error.message).toContain('https://evil.example');
    expect(get).not.toHaveBeenCalled();
  });

  it('refuses a sender with no origin (e.g. a frame without a URL)', async () => {
    const result = await router().handle({ origin: null }, 'settings.get', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses an unknown method by name', async () => {
    const result = await router().handle({ origin: APP }, 'fs.readFile', '/etc/passwd');
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(!result.ok && result.error.message).toContain('fs.readFile');
  });

  it('refuses invalid input and reports the zod issue', async () => {
    const get = vi.fn(() => view);
    const result = await router({ 'settings.get': get }).handle({ origin: APP }, 'settings.get', {
      path: '/x',
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('BAD_REQUEST');
    expect(!result.ok && result.error.message).toMatch(/settings\.get.*expected undefined/i);
    expect(get).not.toHaveBeenCalled();
  });

  it('turns a thrown handler error into a result instead of throwing', async () => {
    const onInternalError = vi.fn();
    const result = await router(
      {
        'settings.reload': () => {
          throw new Error('disk on fire');
        },
      },
      onInternalError,
    ).handle({ origin: APP }, 'settings.reload', undefined);
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'settings.reload failed: disk on fire' },
    });
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('keeps the code of a BridgeError thrown on purpose', async () => {
    const result = await router({
      'settings.reload': async () => {
        throw new BridgeError('SETTINGS', 'secrets.yaml is not readable');
      },
    }).handle({ origin: APP }, 'settings.reload', undefined);
    expect(result).toEqual({
      ok: false,
      error: { code: 'SETTINGS', message: 'secrets.yaml is not readable' },
    });
  });

  it('lets the app translate its domain errors; anything else stays internal', async () => {
    class DomainError extends Error {}
    const onInternalError = vi.fn();
    const handlers = testHandlers({
      'settings.reload': () => {
        throw new DomainError('no profile "lab"');
      },
      'settings.get': () => {
        throw new Error('disk on fire');
      },
    });
    const routed = createRouter({
      handlers,
      isTrustedOrigin: (o) => o === APP,
      onInternalError,
      translateError: (error) =>
        error instanceof DomainError ? { code: 'SETTINGS', message: error.message } : null,
    });
    expect(await routed.handle({ origin: APP }, 'settings.reload', undefined)).toEqual({
      ok: false,
      error: { code: 'SETTINGS', message: 'no profile "lab"' },
    });
    expect(onInternalError).not.toHaveBeenCalled();
    expect(await routed.handle({ origin: APP }, 'settings.get', undefined)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('refuses to hand the renderer an answer that breaks the contract', async () => {
    const result = await router({
      'settings.get': () =>
        ({ ...view, profiles: [{ name: 'x', password: 'hunter2' }] }) as unknown as SettingsView,
    }).handle({ origin: APP }, 'settings.get', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });
});
