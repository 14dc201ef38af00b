/**
 * /check off the event loop: a student's model (any spec, pasted code or preset) is counted and
 * every row of their table diagnosed on it, so it runs in a worker thread with a deadline and a
 * heap limit, as a teacher's question is built (teacher-pool.ts); the worker ends after a minute idle.
 */
import type { Lang } from '../../i18n/messages.js';
import { failureMessage } from '../../workers/failure.js';
import { WorkerPool, type PoolOptions } from '../../workers/pool.js';
import { checkTable, type CheckResult } from './check.js';

export interface CheckJob {
  readonly lang: Lang;
  readonly model: string;
  readonly pasted: string;
}

/** What checks a table: the worker pool in the bot, the same code in-process in tests. */
export interface TableChecker {
  check(job: CheckJob): Promise<CheckResult>;
}

export const tableChecksHere: TableChecker = { check: async (job) => checkTable(job.lang, job.model, job.pasted) };

export class TableCheckPool implements TableChecker {
  private readonly pool: WorkerPool<CheckJob, CheckResult>;

  constructor(options: PoolOptions = {}) {
    this.pool = new WorkerPool<CheckJob, CheckResult>(
      {
        script: 'quiz/table/check-worker.js',
        key: (job) => `${job.lang}\u0000${job.model}\u0000${job.pasted}`,
        bytes: (r) => (r.ok ? 2 * (r.checked.table.length + r.checked.lines.join('').length) + 400 * r.checked.grade.rows.length : 64),
        failed: (why, limits) => ({ ok: false, error: failureMessage(why, limits) }),
      },
      { workers: 1, deadlineMs: 2_000, heapMb: 96, youngMb: 16, idleMs: 60_000, maxQueued: 16, cacheEntries: 64, cacheBytes: 4 * 1024 * 1024, ...options },
    );
  }

  check(job: CheckJob): Promise<CheckResult> {
    return this.pool.run(job);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
