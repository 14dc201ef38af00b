import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The build (spawned bins run today's code) and a real PostgreSQL server for the run.
    globalSetup: ['test/support/build.ts', 'test/support/postgres-setup.ts'],
    // Bounds for a test that hangs, not how long one should take: a loaded 2-core machine takes
    // 25 s for a shell script that takes 5 s on an idle one.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Spawned processes (CLI, shell, durability) and loopback servers: keep workers few on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
