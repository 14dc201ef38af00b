/**
 * The embedded engine: one SQLite file (better-sqlite3). Statements are synchronous and short; the
 * file's write lock may be held by another process (a backup, the sqlite3 shell, a second bot),
 * so the connection never waits inside SQLite (busy_timeout = 0): a locked write is retried
 * asynchronously with backoff, leaving the event loop free, and after BUSY_BUDGET_MS the caller
 * gets StoreBusyError ("busy, try again") with nothing written. WAL lets reads go on meanwhile.
 *
 * A transaction is BEGIN IMMEDIATE (it takes the write lock at once, so it never fails half-way
 * for it). Its body awaits between statements, so this process's other work could run in
 * between: while a transaction is open on the connection, every other statement and transaction
 * waits for it (the same rule Kysely's SQLite driver keeps with its connection mutex).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { BUSY_BUDGET_MS, retrying, type Driver, type Queries } from './driver.js';
import { historyOf, migrations } from './migrations.js';
import { SQLITE, type Params, type Sql, type Value } from './sql.js';

export type Db = Database.Database;

/**
 * WAL for concurrent readers; synchronous=FULL so a commit is on disk before the user is told
 * "recorded" (NORMAL could lose the last commits on power loss); foreign keys on; and no busy
 * timeout: SQLite would wait for another process's write lock inside the call, holding the event
 * loop, so the driver retries asynchronously instead.
 */
export const PRAGMAS = ['journal_mode = WAL', 'synchronous = FULL', 'foreign_keys = ON', 'busy_timeout = 0'] as const;

export function openDatabase(path: string, dirs = historyOf('sqlite')): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  for (const pragma of PRAGMAS) db.pragma(pragma);
  try {
    migrate(db, dirs);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** Applies the migrations not yet recorded, each in its own transaction, and records them. */
export function migrate(db: Db, dirs = historyOf('sqlite')): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const m of migrations('sqlite', dirs)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
    }).immediate();
    done.push(m.version);
  }
  return done;
}

const isBusy = (e: unknown): boolean => {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};

type Bound = string | number | bigint | null;

/** Values as SQLite binds them: booleans 1/0, bigints as decimal text, arrays as JSON text. */
function bind(params: Params): Record<string, Bound> {
  const out: Record<string, Bound> = {};
  for (const [k, v] of Object.entries(params) as Array<[string, Value]>) {
    out[k] = typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'bigint' ? v.toString() : Array.isArray(v) ? JSON.stringify(v) : (v as Bound);
  }
  return out;
}

export class SqliteDriver implements Driver {
  readonly dialect = SQLITE;
  readonly db: Db;
  private readonly statements = new Map<string, Database.Statement>();
  /** Settles when the transaction open on the connection (if any) has ended. */
  private open: Promise<void> | undefined;

  constructor(
    path: string,
    private readonly busyBudgetMs = BUSY_BUDGET_MS,
  ) {
    this.db = openDatabase(path);
  }

  private statement(q: Sql): Database.Statement {
    let s = this.statements.get(q.name);
    if (!s) {
      s = this.db.prepare(q.compiled(SQLITE).text);
      this.statements.set(q.name, s);
    }
    return s;
  }

  /** The statements of one transaction: run at once, on the connection the transaction holds. */
  private readonly inside: Queries = {
    all: async <R>(q: Sql, p: Params = {}) => this.statement(q).all(bind(p)) as R[],
    get: async <R>(q: Sql, p: Params = {}) => this.statement(q).get(bind(p)) as R | undefined,
    run: async (q: Sql, p: Params = {}) => this.statement(q).run(bind(p)).changes,
  };

  /** A statement on its own: after any open transaction, retried while another process writes. */
  private async alone<T>(fn: () => T): Promise<T> {
    while (this.open) await this.open;
    return retrying(async () => fn(), { transient: isBusy, backoff: (n) => Math.min(2 ** n, 50) + Math.random() * 5, budgetMs: this.busyBudgetMs });
  }

  all<R>(q: Sql, p: Params = {}): Promise<R[]> {
    return this.alone(() => this.statement(q).all(bind(p)) as R[]);
  }

  get<R>(q: Sql, p: Params = {}): Promise<R | undefined> {
    return this.alone(() => this.statement(q).get(bind(p)) as R | undefined);
  }

  run(q: Sql, p: Params = {}): Promise<number> {
    return this.alone(() => this.statement(q).run(bind(p)).changes);
  }

  async transaction<T>(body: (tx: Queries) => Promise<T>): Promise<T> {
    while (this.open) await this.open;
    // Nothing is awaited between the wait above and claiming the connection: no one else claims it.
    let end!: () => void;
    this.open = new Promise((resolve) => (end = resolve));
    try {
      return await retrying(() => this.once(body), { transient: isBusy, backoff: (n) => Math.min(2 ** n, 50) + Math.random() * 5, budgetMs: this.busyBudgetMs });
    } finally {
      this.open = undefined;
      end();
    }
  }

  /** One try: inside a batch (a bulk load), a savepoint of the batch's transaction. */
  private async once<T>(body: (tx: Queries) => Promise<T>): Promise<T> {
    const nested = this.db.inTransaction;
    this.db.exec(nested ? 'SAVEPOINT tx' : 'BEGIN IMMEDIATE');
    try {
      const result = await body(this.inside);
      this.db.exec(nested ? 'RELEASE tx' : 'COMMIT');
      return result;
    } catch (e) {
      if (nested) this.db.exec('ROLLBACK TO tx; RELEASE tx');
      else if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
  }

  /**
   * Runs `fn` in one transaction, for bulk loads in tests and benchmarks: the store's own
   * transactions inside become savepoints. Nothing else may use this connection meanwhile.
   */
  async batch<T>(fn: () => Promise<T>): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn();
      this.db.exec('COMMIT');
      return result;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
  }

  async close(): Promise<void> {
    while (this.open) await this.open;
    if (this.db.open) this.db.close();
  }
}
