/**
 * Opening the SQLite file: pragmas and migrations. better-sqlite3 is synchronous, so a transaction
 * runs start to finish with nothing interleaved in this process; BEGIN IMMEDIATE serializes it
 * against other processes sharing the file.
 */
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MIGRATIONS_DIR } from '../paths.js';

export type Db = Database.Database;

/**
 * WAL for concurrent readers; synchronous=FULL so a commit is on disk before the user is told
 * "recorded" (NORMAL could lose the last commits on power loss); foreign keys on; and no busy
 * timeout: SQLite would wait for another process's write lock inside the call, holding the event
 * loop, so the store retries asynchronously instead (sqlite.ts).
 */
export const PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'busy_timeout = 0'] as const;

export function openDatabase(path: string, migrationsDir = MIGRATIONS_DIR): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  for (const pragma of PRAGMAS) db.pragma(pragma);
  try {
    migrate(db, migrationsDir);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** db/NNN_name.sql, in order. */
export function migrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => ({ version: Number(file.slice(0, 3)), name: file, sql: readFileSync(join(dir, file), 'utf8') }));
}

/** Applies the migrations not yet recorded, each in its own transaction, and records them. */
export function migrate(db: Db, dir = MIGRATIONS_DIR): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const m of migrations(dir)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
    }).immediate();
    done.push(m.version);
  }
  return done;
}
