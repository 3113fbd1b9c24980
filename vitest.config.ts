import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/server/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
    // The built server, which the tests of a real process start; a migrated PostgreSQL database and SQLite
    // file that each test database is copied from, instead of each migrating.
    globalSetup: [
      'tests/support/server-build.ts',
      'tests/support/pg-template.ts',
      'tests/support/sqlite-template.ts',
    ],
    // Generous: npm test runs these beside the widget suite's three browsers on two cores, and a run on a
    // machine loaded by other checkouts too saw a test that passes in seconds alone take over 20 s. No test
    // measures speed.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each worker loads the server's modules once for all its files rather than once per file, which cost
    // more than the tests themselves; the files already keep their own databases, servers and env.
    isolate: false,
    // Most files wait on PostgreSQL, a spawned server, a browser or a timer rather than compute: four at
    // once on two cores ran the suite in 81 s against 104 s for two, for the same CPU (120 s against 117).
    maxWorkers: 4,
  },
});
