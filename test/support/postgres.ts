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
