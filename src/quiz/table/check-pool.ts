/**
 * Tables off the event loop: /check counts a student's model (any spec, pasted code or preset) and
 * diagnoses every row of their table on it, and a table answer's wrong rows are diagnosed on its
 * model, so both run in a worker thread with a deadline and a heap limit, as a teacher's question
 * is built (teacher-pool.ts); the worker ends after a minute idle.
 */
import type { Lang } from '../../i18n/messages.js';
import { failureMessage } from '../../workers/failure.js';
import { WorkerPool, type PoolOptions } from '../../workers/pool.js';
import { checkTable, gradeSource, type CheckResult, type GradeJob, type GradeResult } from './check.js';
import { encodeSource } from './model.js';

export interface CheckJob {
  readonly lang: Lang;
  readonly model: string;
  readonly pasted: string;
}

/** One job of the worker: a pasted table checked, or a table answer graded. */
export type TableJob = ({ readonly kind: 'check' } & CheckJob) | ({ readonly kind: 'grade' } & GradeJob);
export type TableResult = CheckResult | GradeResult;

/** The worker's work, one job at a time. */
export const tableWork = (job: TableJob): TableResult => (job.kind === 'check' ? checkTable(job.lang, job.model, job.pasted) : gradeSource(job));

/** What checks and grades tables: the worker pool in the bot, the same code in-process in tests. */
export interface TableChecker {
  check(job: CheckJob): Promise<CheckResult>;
  grade(job: GradeJob): Promise<GradeResult>;
}

export const tableChecksHere: TableChecker = { check: async (job) => checkTable(job.lang, job.model, job.pasted), grade: async (job) => gradeSource(job) };

/** A job's identity for the pool's cache: the same table and answer is graded once. */
function jobKey(job: TableJob): string {
  if (job.kind === 'check') return `c\u0000${job.lang}\u0000${job.model}\u0000${job.pasted}`;
  const rows = job.answer.rows.map((r) => `${r.params ?? ''}/${r.shape?.join('x') ?? ''}`).join(',');
  const totals = Object.entries(job.answer.totals)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `g\u0000${encodeSource(job.source)}\u0000${rows}\u0000${totals}`;
}

function resultBytes(r: TableResult): number {
  if (!r.ok) return 64;
  return 'checked' in r ? 2 * (r.checked.table.length + r.checked.lines.join('').length) + 400 * r.checked.grade.rows.length : 400 * r.grade.rows.length;
}

export class TableCheckPool implements TableChecker {
  private readonly pool: WorkerPool<TableJob, TableResult>;

  constructor(options: PoolOptions = {}) {
    this.pool = new WorkerPool<TableJob, TableResult>(
      {
        script: 'quiz/table/check-worker.js',
        key: jobKey,
        bytes: resultBytes,
        failed: (why, limits) => ({ ok: false, error: failureMessage(why, limits) }),
      },
      { workers: 1, deadlineMs: 2_000, heapMb: 96, youngMb: 16, idleMs: 60_000, maxQueued: 16, cacheEntries: 64, cacheBytes: 4 * 1024 * 1024, ...options },
    );
  }

  // The worker answers a job of a kind with a result of that kind.
  check(job: CheckJob): Promise<CheckResult> {
    return this.pool.run({ kind: 'check', ...job }) as Promise<CheckResult>;
  }

  grade(job: GradeJob): Promise<GradeResult> {
    return this.pool.run({ kind: 'grade', ...job }) as Promise<GradeResult>;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
