// Types for scripts/fresh-build.mjs, so the TypeScript tests and the suites' setup can import it.
export declare const ROOT: string;
export declare const OUTPUTS: readonly string[];
export declare function staleness(root?: string): { stale: boolean; reason: string };
export declare function ensureBuilt(options?: {
  root?: string;
  log?: (text: string) => void;
  /** Stands in for electron-vite in tests of this module. */
  build?: (root: string, log: (text: string) => void) => void;
}): void;
export declare function runBuilt(entry: 'cli' | 'launch'): Promise<void>;
