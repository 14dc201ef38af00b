/**
 * What the store's SQL runs on: an engine's connection, its retries and its transactions. The
 * aggregates (scopes.ts, rounds.ts, ...) hold the SQL; a driver only runs it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { StoreBusyError } from '../domain/busy.js';
import type { Dialect, Params, Sql } from './sql.js';

/** Statements run inside a transaction, or each on its own. */
export interface Queries {
  all<R>(q: Sql, params?: Params): Promise<R[]>;
  get<R>(q: Sql, params?: Params): Promise<R | undefined>;
  /** Rows the statement changed. */
  run(q: Sql, params?: Params): Promise<number>;
}

export interface Driver extends Queries {
  readonly dialect: Dialect;
  /**
   * Runs `body` in one transaction, committed when it resolves and rolled back when it throws.
   * A transient failure (a locked file, a lost connection) rolls back and runs it again, so the
   * body must only read and write through `tx`.
   */
  transaction<T>(body: (tx: Queries) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** How long a request may wait on a locked or unreachable database before the asker is told "busy". */
export const BUSY_BUDGET_MS = 2_000;

/**
 * Runs `attempt` until it succeeds or fails for a reason that is not `transient`; between tries
 * waits a growing, jittered time (`backoff(n)` ms), and past `budgetMs` throws StoreBusyError.
 */
export async function retrying<T>(attempt: () => Promise<T>, o: { transient: (e: unknown) => boolean; backoff: (n: number) => number; budgetMs: number }): Promise<T> {
  const started = Date.now();
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!o.transient(e)) throw e;
      const waited = Date.now() - started;
      const wait = o.backoff(n);
      if (waited + wait > o.budgetMs) throw new StoreBusyError(waited);
      await sleep(wait);
    }
  }
}
