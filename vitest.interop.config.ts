import { defineConfig } from 'vitest/config';

// Interop suite: real Mosquitto (Debian packages mosquitto, mosquitto-clients), pseudo-terminals, …
// Run with `npx vitest run --config vitest.interop.config.ts`. One file at a time: the suites start
// real daemons and must not compete for them.
export default defineConfig({
  test: {
    include: ['electron/**/*.interop.ts'],
    environment: 'node',
    globalSetup: ['scripts/suite-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
