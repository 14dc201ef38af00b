/**
 * The shared engine: PostgreSQL (node-postgres), for several bot processes on one database. Every
 * statement is prepared once per connection (planning costs more than running the store's short
 * statements). A transaction takes its row locks in one order (a round, then a member, then the
 * boards), so none waits on another in a cycle.
 *
 * A lost connection (the server restarting, a network blip) or a serialization failure is tried
 * again with backoff for up to BUSY_BUDGET_MS; past that the asker is told "busy, try again"
 * (StoreBusyError). A transaction that failed was rolled back, so trying again writes nothing
 * twice; one whose COMMIT was lost is met by the unique indexes on its second try.
 */
import pg from 'pg';
import { BUSY_BUDGET_MS, retrying, type Driver, type Queries } from './driver.js';
import { historyOf, migrations } from './migrations.js';
import { POSTGRES, type Params, type Sql, type Value } from './sql.js';

/** Errors after which the same statement or transaction may simply be tried again. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03', // admin_shutdown, crash_shutdown, cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006', // connection exceptions
  '40001',
  '40P01', // serialization_failure, deadlock_detected
  '53300', // too_many_connections
]);

function transient(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  if (typeof err.code === 'string' && TRANSIENT_CODES.has(err.code)) return true;
  // node-postgres reports a socket closed under it without a code
  return typeof err.message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(err.message);
}

const backoff = (n: number) => Math.min(10 * 2 ** n, 250) + Math.random() * 10;

/** Values as node-postgres sends them: bigints as decimal text, arrays as JSON text (read with json_array_elements_text). */
const bind = (v: Value): unknown => (typeof v === 'bigint' ? v.toString() : Array.isArray(v) ? JSON.stringify(v) : v);

type Client = Pick<pg.PoolClient, 'query'>;

async function query<R>(db: Client, q: Sql, p: Params): Promise<pg.QueryResult> {
  const { text, params } = q.compiled(POSTGRES);
  return db.query<R & pg.QueryResultRow>({ name: q.name, text, values: params.map((name) => bind(p[name] ?? null)) });
}

const over = (db: Client): Queries => ({
  all: async <R>(q: Sql, p: Params = {}) => (await query<R>(db, q, p)).rows as R[],
  get: async <R>(q: Sql, p: Params = {}) => (await query<R>(db, q, p)).rows[0] as R | undefined,
  run: async (q: Sql, p: Params = {}) => (await query(db, q, p)).rowCount ?? 0,
});

export class PostgresDriver implements Driver {
  readonly dialect = POSTGRES;
  private readonly queries: Queries;
  private closed = false;

  private constructor(
    readonly pool: pg.Pool,
    private readonly busyBudgetMs: number,
  ) {
    this.queries = over(pool);
  }

  /** Connects, applies the migrations not yet applied (one process at a time), and is ready. */
  static async open(url: string, options: { max?: number; busyBudgetMs?: number; dirs?: readonly string[] } = {}): Promise<PostgresDriver> {
    const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5_000 });
    // An idle client whose server went away emits 'error'; the next query reconnects.
    pool.on('error', () => {});
    // So does a client in a transaction (its query rejects, and that is handled) and one the pool
    // has let go of while it closes (pool.end() resolves before the sockets are closed, and a
    // server shutting down or a dropped database may terminate them first): without a listener
    // each of those events would end the process.
    pool.on('connect', (client) => client.on('error', () => {}));
    try {
      await migrate(pool, options.dirs);
    } catch (e) {
      await pool.end();
      throw e;
    }
    return new PostgresDriver(pool, options.busyBudgetMs ?? BUSY_BUDGET_MS);
  }

  private retrying<T>(attempt: () => Promise<T>): Promise<T> {
    return retrying(attempt, { transient, backoff, budgetMs: this.busyBudgetMs });
  }

  all<R>(q: Sql, p?: Params): Promise<R[]> {
    return this.retrying(() => this.queries.all<R>(q, p));
  }

  get<R>(q: Sql, p?: Params): Promise<R | undefined> {
    return this.retrying(() => this.queries.get<R>(q, p));
  }

  run(q: Sql, p?: Params): Promise<number> {
    return this.retrying(() => this.queries.run(q, p));
  }

  /** BEGIN, `body`, COMMIT on one connection; rolled back if anything throws. */
  transaction<T>(body: (tx: Queries) => Promise<T>): Promise<T> {
    return this.retrying(async () => {
      const client = await this.pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await body(over(client));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        broken = transient(e);
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw e;
      } finally {
        client.release(broken);
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Two bot processes starting together: the second waits on this lock, then finds nothing to do. */
const MIGRATION_LOCK = 7204851;

/** Applies the migrations not yet applied, each in a transaction, one process at a time. */
export async function migrate(pool: pg.Pool, dirs: readonly string[] = historyOf('postgres')): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const done: number[] = [];
    for (const m of migrations('postgres', [...dirs])) {
      if (applied.has(m.version)) continue;
      try {
        await client.query('BEGIN');
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, Date.now()]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
      done.push(m.version);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}
