// Test support: an AppCore as the window would build it, trusting only the app:// origin.
import { createAppCore, type AppCore, type AppCoreOptions } from './app-core';
import { memoryLogger } from '../mqtt/test-support/fixtures';

export const APP_ORIGIN = 'app://gateway';

/** Defaults: no settings file, a memory logger, nothing on disk; any option can be given. */
export function createTestAppCore(options: Partial<AppCoreOptions> = {}): AppCore {
  const settingsPath = options.settingsPath ?? null;
  return createAppCore({
    name: 'Gateway Diagnostics',
    version: '0.0.0-test',
    settingsPath,
    settingsSource: settingsPath ? 'explicit' : 'none',
    isTrustedOrigin: (origin) => origin === APP_ORIGIN,
    logger: memoryLogger(),
    userDataDir: null,
    ...options,
  });
}
