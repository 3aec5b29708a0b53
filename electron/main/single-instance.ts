// One app at a time: a second launch hands over to the running one, which brings its window to
// the front. Without this a second core starts and fails on the first one's outbox lock.
import type { App, BrowserWindow } from 'electron';

type InstanceApp = Pick<App, 'requestSingleInstanceLock' | 'on' | 'quit'>;
type FrontWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'>;

/** Shows, restores and focuses the window, if there is one. */
export function bringToFront(window: FrontWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/**
 * Claims the single-instance lock. The first instance keeps running and fronts its window whenever
 * another launch arrives; a later one quits at once and returns false (start nothing more).
 */
export function claimSingleInstance(app: InstanceApp, currentWindow: () => FrontWindow | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => bringToFront(currentWindow()));
  return true;
}
