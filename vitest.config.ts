import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/server/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Each worker loads the server's modules once for all its files rather than once per file, which cost
    // more than the tests themselves; the files already keep their own databases, servers and env.
    isolate: false,
    // Vitest's default leaves one of two cores idle; most files wait on SQLite, PostgreSQL or a browser.
    maxWorkers: 2,
  },
});
