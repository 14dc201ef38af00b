import { defineConfig } from 'vitest/config';

/**
 * The app-level suites: the whole bot on a platform (Discord, Slack, the shell, the class pages).
 * They run twice, once per store engine (the `engine` each project provides): on SQLite with
 * everything else, and on PostgreSQL. When both are done, the store-calls project checks that
 * every Store method ran against PostgreSQL at least once (test/support/store-calls.ts).
 */
const APP_SUITES = ['test/discord/**/*.test.ts', 'test/slack/**/*.test.ts', 'test/shell/**/*.test.ts', 'test/web/**/*.test.ts'];
const CHECKS = ['test/coverage/**/*.test.ts'];

/**
 * What every project runs with (the code reader each test file is given: test/support/code-reader.ts);
 * the global setup is the root's alone, so it runs once for the run.
 * The timeouts bound a test that hangs, not how long one should take: a loaded 2-core machine takes
 * 25 s for a shell script that takes 5 s on an idle one.
 */
const common = { testTimeout: 60_000, hookTimeout: 60_000, setupFiles: ['test/support/code-reader.ts'] } as const;

export default defineConfig({
  test: {
    // The build (spawned bins run today's code) and a real PostgreSQL server for the run.
    globalSetup: ['test/support/build.ts', 'test/support/postgres-setup.ts'],
    // Spawned processes (CLI, shell, durability) and loopback servers: keep workers few on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { test: { ...common, name: 'sqlite', include: ['test/**/*.test.ts'], exclude: CHECKS, provide: { engine: 'sqlite' }, sequence: { groupOrder: 0 } } },
      { test: { ...common, name: 'postgres', include: APP_SUITES, provide: { engine: 'postgres' }, sequence: { groupOrder: 0 } } },
      { test: { ...common, name: 'store calls', include: CHECKS, sequence: { groupOrder: 1 } } },
    ],
  },
});
