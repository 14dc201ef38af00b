/**
 * What the bot keeps, and the one interface through which it is kept, split by aggregate: each
 * aggregate is an interface and one class holding its SQL, written once for both engines
 * (sql.ts says how); the engines are drivers (sqlite.ts, postgres.ts) that only connect, retry,
 * run transactions and migrate. Every method is one statement or one transaction: the quiz
 * decides what is right, the store records it atomically. Methods are async so an engine never
 * holds the event loop: SQLite retries a locked file in the background, PostgreSQL waits on its
 * socket. A store that stays busy past its budget throws StoreBusyError (domain/busy.ts).
 *
 * Adding a method: declare it on its aggregate's interface (rounds.ts, boards.ts, ...), write its
 * statement beside the others with `sql`, and implement it in the aggregate's class. Both engines
 * run it; the PostgreSQL suites check every method is called there at least once.
 */
import { BoardSql, type BoardStore } from './boards.js';
import type { Driver } from './driver.js';
import { KeySql, type KeyStore } from './keys.js';
import type { PostgresDriver } from './postgres.js';
import { PracticeSql, type PracticeStore } from './practice.js';
import { QuestionSql, type QuestionStore } from './questions.js';
import { ReportSql, type ReportStore } from './reports.js';
import { RoundSql, type RoundStore } from './rounds.js';
import { ScheduleSql, type ScheduleStore } from './schedules.js';
import { ScopeSql, type ScopeStore } from './scopes.js';
import { SqliteDriver } from './sqlite.js';
import { TableSql, type TableStore } from './tables.js';

export type { BoardStore, KeyStore, PracticeStore, QuestionStore, ReportStore, RoundStore, ScheduleStore, ScopeStore, TableStore };
export { StoreBusyError } from '../domain/busy.js';

export interface Store {
  readonly scopes: ScopeStore;
  readonly rounds: RoundStore;
  readonly boards: BoardStore;
  readonly schedules: ScheduleStore;
  readonly practice: PracticeStore;
  readonly reports: ReportStore;
  readonly questions: QuestionStore;
  readonly keys: KeyStore;
  readonly tables: TableStore;
  close(): Promise<void>;
}

/** A store and the driver it runs on (tests and benchmarks reach the connection through it). */
export type SqlStore<D extends Driver = Driver> = Store & { readonly db: D };

/** The aggregates over one driver. */
export function sqlStore<D extends Driver>(db: D): SqlStore<D> {
  return {
    db,
    scopes: new ScopeSql(db),
    rounds: new RoundSql(db),
    boards: new BoardSql(db),
    schedules: new ScheduleSql(db),
    practice: new PracticeSql(db),
    reports: new ReportSql(db),
    questions: new QuestionSql(db),
    keys: new KeySql(db),
    tables: new TableSql(db),
    close: () => db.close(),
  };
}

/** The embedded store: a SQLite file, created and migrated on first open. */
export const openSqlite = (path: string, busyBudgetMs?: number): SqlStore<SqliteDriver> => sqlStore(new SqliteDriver(path, busyBudgetMs));

/**
 * The shared store: a PostgreSQL database, migrated (one process at a time) on open. The driver
 * and pg are loaded only here: a bot on the SQLite file never holds them (about 3 MB of heap).
 */
export const openPostgres = async (url: string, options?: Parameters<typeof PostgresDriver.open>[1]): Promise<SqlStore<PostgresDriver>> => {
  const { PostgresDriver } = await import('./postgres.js');
  return sqlStore(await PostgresDriver.open(url, options));
};
