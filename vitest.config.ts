import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/build.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Spawned processes (CLI, shell, durability) and loopback servers: keep workers few on 2 cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
