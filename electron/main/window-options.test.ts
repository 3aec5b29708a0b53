import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindow } from './window-options';

/** Stands in for BrowserWindow and keeps what it was constructed with. */
class RecordingWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

describe('createMainWindow', () => {
  const { options } = createMainWindow(RecordingWindow, {
    preloadPath: '/app/out/preload/index.cjs',
    development: false,
  });
  const web = options.webPreferences!;

  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and webviews, insecure content and middle-click windows off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
    expect(web.disableBlinkFeatures).toBe('Auxclick');
    expect(web).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads the given preload and allows DevTools only in development', () => {
    expect(web.preload).toBe('/app/out/preload/index.cjs');
    expect(web.devTools).toBe(false);
    const dev = createMainWindow(RecordingWindow, { preloadPath: 'p', development: true });
    expect(dev.options.webPreferences!.devTools).toBe(true);
  });

  it('does not show the window before it is ready (no white flash)', () => {
    expect(options.show).toBe(false);
  });
});
