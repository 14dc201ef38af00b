/** A fresh PostgreSQL database per test, copied from the migrated template, dropped afterwards. */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { onCleanup } from './quiz.js';
import { TEMPLATE, withDatabase } from './postgres-setup.js';

/** `dropLater` is when it is dropped: after the current test unless said otherwise (a file's shared app drops it itself). */
export async function freshDatabase(dropLater: (drop: () => Promise<void>) => void = onCleanup): Promise<string> {
  const server = inject('postgresUrl');
  const name = `t_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  await admin.end();
  dropLater(async () => {
    const dropper = new pg.Client({ connectionString: server });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  });
  return withDatabase(server, name);
}

/**
 * A pool for a test's own SQL, ended after the test (before its database is dropped) unless the
 * test ended it. Each client keeps a listener for 'error' to the end: pool.end() lets go of a
 * client as soon as it has asked it to close, and the drop that follows may terminate the
 * connection first (57P01), an 'error' event that nothing would listen to and that would fail
 * the whole run.
 */
export function testPool(url: string, options: Omit<pg.PoolConfig, 'connectionString'> = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, ...options });
  pool.on('connect', (client) => client.on('error', () => {}));
  onCleanup(() => (pool.ending ? undefined : pool.end()));
  return pool;
}
