import { defineConfig } from 'vitest/config';

// `npm test`: everything that needs only Node (unit tests, in-process brokers, mock serial ports).
export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 15_000,
  },
});
