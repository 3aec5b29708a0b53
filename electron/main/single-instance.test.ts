import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { claimSingleInstance } from './single-instance';

// Electron cannot run here: these stand-ins record what the glue asks of app and window.
class FakeApp extends EventEmitter {
  quits = 0;
  constructor(private readonly lockFree: boolean) {
    super();
  }
  requestSingleInstanceLock = () => this.lockFree;
  quit = () => void this.quits++;
}

function fakeWindow(minimized: boolean) {
  const calls: string[] = [];
  return {
    calls,
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
  };
}

describe('claimSingleInstance', () => {
  it('lets a second launch quit at once, starting nothing', () => {
    const app = new FakeApp(false);
    expect(claimSingleInstance(app as never, () => null)).toBe(false);
    expect(app.quits).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('keeps the first instance and brings its window to the front when launched again', () => {
    const app = new FakeApp(true);
    const window = fakeWindow(true);
    expect(claimSingleInstance(app as never, () => window as never)).toBe(true);
    expect(app.quits).toBe(0);
    app.emit('second-instance');
    expect(window.calls).toEqual(['restore', 'show', 'focus']);
  });

  it('does nothing on a second launch before the window exists', () => {
    const app = new FakeApp(true);
    claimSingleInstance(app as never, () => null);
    expect(() => app.emit('second-instance')).not.toThrow();
  });
});
