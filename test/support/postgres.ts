/** A fresh PostgreSQL database per test, copied from the migrated template, dropped afterwards. */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { onCleanup } from './quiz.js';
import { TEMPLATE, withDatabase } from './postgres-setup.js';

export async function freshDatabase(): Promise<string> {
  const server = inject('postgresUrl');
  const name = `t_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
  await admin.end();
  onCleanup(async () => {
    const dropper = new pg.Client({ connectionString: server });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await dropper.end();
  });
  return withDatabase(server, name);
}
