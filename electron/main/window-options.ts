import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowInput {
  preloadPath: string;
  /** DevTools exist only in development builds. */
  development: boolean;
}

/** Electron's BrowserWindow, or a stand-in that records the options in tests. */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Opens the one window: an isolated, sandboxed web page with no Node and no way to relax that.
 * The options are written out at the `new BrowserWindow(...)` call so Electronegativity can see
 * them, and the class is passed in so the unit test checks the very options Electron receives.
 */
export function createMainWindow<W>(
  BrowserWindow: WindowConstructor<W>,
  { preloadPath, development }: MainWindowInput,
): W {
  return new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Gateway Diagnostics',
    show: false,
    backgroundColor: '#111418',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would otherwise try to open links in a new window (refused anyway, see index.ts).
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: development,
    },
  });
}
