// IPC sender validation as wired in index.ts: the real router, the real origin check, and invoke
// events shaped like Electron's (only senderFrame is read).
import { describe, expect, it, vi } from 'vitest';
import { createRouter } from '../core/bridge/router';
import { testHandlers } from '../core/bridge/test-handlers';
import { ipcRequestHandler, type InvokeEventLike } from './ipc-handler';
import { APP_URL, isTrustedOriginIn, trustedOrigins } from './origin';

const info = { name: 'Gateway Diagnostics', version: '0.1.0', settingsSource: 'none' as const };

function setup(devServerUrl?: string) {
  const appInfo = vi.fn(() => info);
  const router = createRouter({
    handlers: testHandlers({ 'app.info': appInfo }),
    isTrustedOrigin: isTrustedOriginIn(trustedOrigins(devServerUrl)),
  });
  return { handle: ipcRequestHandler(router), appInfo };
}

const from = (url: string | undefined | null): InvokeEventLike =>
  ({ senderFrame: url === null ? null : { url } }) as unknown as InvokeEventLike;

describe('IPC sender validation', () => {
  it('answers the app’s own frame', async () => {
    const { handle, appInfo } = setup();
    await expect(handle(from(APP_URL), 'app.info', undefined)).resolves.toEqual({ ok: true, value: info });
    await expect(
      handle(from('app://gateway/index.html#/messages'), 'app.info', undefined),
    ).resolves.toMatchObject({
      ok: true,
    });
    expect(appInfo).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['an iframe from the internet', 'https://evil.example/frame.html'],
    ['a look-alike host', 'app://gateway.evil/index.html'],
    ['another app:// host', 'app://other/index.html'],
    ['a local file', 'file:///home/t/evil.html'],
    ['a data: URL', 'data:text/html,<script>1</script>'],
    ['about:blank', 'about:blank'],
    ['a frame without URL', ''],
    ['the dev server in a packaged build', 'http://localhost:5173/'],
  ])('refuses %s without running the handler', async (_what, url) => {
    const { handle, appInfo } = setup();
    const result = await handle(from(url), 'app.info', undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(appInfo).not.toHaveBeenCalled();
  });

  it('refuses a destroyed or navigated-away frame (senderFrame is null)', async () => {
    const { handle, appInfo } = setup();
    await expect(handle(from(null), 'app.info', undefined)).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(appInfo).not.toHaveBeenCalled();
  });

  it('accepts the dev server only when development configured it', async () => {
    const { handle } = setup('http://localhost:5173');
    await expect(
      handle(from('http://localhost:5173/index.html'), 'app.info', undefined),
    ).resolves.toMatchObject({
      ok: true,
    });
    await expect(handle(from('http://localhost:5174/'), 'app.info', undefined)).resolves.toMatchObject({
      ok: false,
    });
  });
});
