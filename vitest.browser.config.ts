import { defineConfig } from 'vitest/config';

// The browser suite: `npm run web` with a real settings file, driven in Debian's Chromium.
export default defineConfig({
  test: {
    include: ['renderer/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['scripts/suite-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
