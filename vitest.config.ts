import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/server/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
