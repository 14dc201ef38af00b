/**
 * Vitest global setup: a real PostgreSQL server for the run (see postgres-server.ts), with a
 * migrated template database every test copies (CREATE DATABASE ... TEMPLATE is a file copy,
 * much faster than migrating each time).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/store/postgres.js';
import { startPostgres } from './postgres-server.js';

export const TEMPLATE = 'paramquiz_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection URL of the test server (its maintenance database). */
    postgresUrl: string;
    /** The folder this run's PostgreSQL store calls are noted in (store-calls.ts). */
    storeCalls: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const server = await startPostgres();
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: withDatabase(server.url, TEMPLATE), max: 1 });
  await migrate(pool);
  await pool.end();
  project.provide('postgresUrl', server.url);
  // Where the PostgreSQL suites note the Store methods they call (test/support/store-calls.ts).
  const calls = mkdtempSync(join(tmpdir(), 'paramquiz-store-calls-'));
  project.provide('storeCalls', calls);
  return () => {
    rmSync(calls, { recursive: true, force: true });
    server.stop();
  };
}

/** The same server, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
