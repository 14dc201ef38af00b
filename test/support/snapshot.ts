/**
 * Every row of every table of a database: what "nothing changed" is checked against. The seen
 * Slack signatures are left out: every request is remembered there (the replay guard), whatever
 * it asked for.
 */
import type { Db } from '../../src/store/db.js';

const BOOKKEEPING = new Set(['seen_requests']);

export function snapshot(db: Db): string {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]).filter((t) => !BOOKKEEPING.has(t));
  return JSON.stringify(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t}`).all()]));
}
