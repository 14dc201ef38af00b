/**
 * Every row of every table of a store: what "nothing changed" is checked against, on either
 * engine. The seen Slack signatures are left out: every request is remembered there (the replay
 * guard), whatever it asked for.
 */
import { PostgresDriver } from '../../src/store/postgres.js';
import { SqliteDriver } from '../../src/store/sqlite.js';
import type { SqlStore, Store } from '../../src/store/store.js';

const driverOf = (store: Store) => (store as SqlStore).db;

const BOOKKEEPING = new Set(['seen_requests']);

export async function snapshot(store: Store): Promise<string> {
  const driver = driverOf(store);
  if (driver instanceof SqliteDriver) {
    const db = driver.db;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]).filter((t) => !BOOKKEEPING.has(t));
    return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t}`).all()]));
  }
  if (driver instanceof PostgresDriver) {
    const names = (await driver.pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).rows
      .map((r) => r.table_name)
      .filter((t) => !BOOKKEEPING.has(t));
    const tables: Array<[string, unknown[]]> = [];
    for (const t of names) tables.push([t, (await driver.pool.query(`SELECT * FROM ${t} AS r ORDER BY row_to_json(r)::text`)).rows]);
    return JSON.stringify(tables);
  }
  throw new Error('a store of an unknown engine');
}

/** One number from a query (`SELECT COUNT(*) AS n ...`), written for both engines. */
export async function snapshotCount(store: Store, sql: string): Promise<number> {
  const driver = driverOf(store);
  if (driver instanceof SqliteDriver) return Number(driver.db.prepare(sql).pluck().get() ?? 0);
  if (driver instanceof PostgresDriver) return Number((await driver.pool.query<{ n: string | null }>(sql)).rows[0]?.n ?? 0);
  throw new Error('a store of an unknown engine');
}
