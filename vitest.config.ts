import { defineConfig } from 'vitest/config';

// `npm test`: everything that needs only Node (unit tests, in-process brokers, mock serial ports).
// Component tests (`renderer/src/**/*.test.tsx`) pick happy-dom with a `@vitest-environment` comment.
export default defineConfig({
  test: {
    include: [
      'electron/**/*.test.ts',
      'shared/**/*.test.ts',
      'renderer/src/**/*.test.ts',
      'renderer/src/**/*.test.tsx',
    ],
    environment: 'node',
    testTimeout: 15_000,
  },
});
