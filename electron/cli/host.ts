import type { SecretBox } from '../core/gateway';

/**
 * What the process running a CLI command may lend it. Plain Node (`gateway-diagnostics`, `npm run
 * cli`) lends nothing: meter keys are then kept under owner-only file permissions. The installed
 * app's `--cli` (electron/main) can pass its keychain box (Electron's safeStorage), so commands
 * read and write the same sealed keys the window does.
 */
export interface CliHost {
  secretBox?: SecretBox;
}
