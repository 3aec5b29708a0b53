import { defineConfig } from 'vitest/config';

// `npm test`: everything that needs only Node (unit tests, in-process brokers, mock serial ports).
// Component tests (`renderer/src/**/*.test.tsx`) pick happy-dom with a `@vitest-environment` comment.
export default defineConfig({
  test: {
    include: [
      'electron/**/*.test.ts',
      'shared/**/*.test.ts',
      'scripts/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'renderer/src/**/*.test.tsx',
    ],
    environment: 'node',
    globalSetup: ['scripts/suite-setup.ts'],
    testTimeout: 15_000,
  },
});
