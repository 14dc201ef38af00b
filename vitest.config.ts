import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The build (spawned bins run today's code) and a real PostgreSQL server for the run.
    globalSetup: ['test/support/build.ts', 'test/support/postgres-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Spawned processes (CLI, shell, durability) and loopback servers: keep workers few on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
