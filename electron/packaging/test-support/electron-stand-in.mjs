// A stand-in for the `electron` module, for running the built main entry under plain Node in tests
// (Electron cannot run there). It offers only what the command line may use: app.exit, and no Dock
// (as on Linux and Windows). Anything else (a window, the ready event, a single-instance lock)
// throws, and any other export is missing, so a `--cli` start that reaches the desktop app fails.
import process from 'node:process';

const allowed = {
  dock: undefined,
  exit: (code = 0) => process.exit(code),
};

export const app = new Proxy(allowed, {
  get(target, name) {
    if (name in target) return target[name];
    throw new Error(`the command line must not use app.${String(name)}`);
  },
});
