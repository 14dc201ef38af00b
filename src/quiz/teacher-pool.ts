/**
 * Teachers' questions built off the event loop: a model a teacher gives is any spec or pasted code
 * the engine accepts (the worst costs tens of milliseconds to count, and a layer question works its
 * mistakes out on it again), so it is built in a worker thread with a deadline and a heap limit, as
 * /count is; the worker ends after a minute idle (teachers add questions now and then).
 */
import type { TeacherQuestion } from '../domain/index.js';
import { failureMessage } from '../workers/failure.js';
import { WorkerPool, type PoolOptions } from '../workers/pool.js';
import { encodeAsk } from '../domain/index.js';
import { teacherQuestion, type TeacherBuilt } from './teacher.js';

export interface TeacherJob {
  readonly def: TeacherQuestion;
  readonly seed: number;
}

/** What builds a teacher's question: the worker pool in the bot, the same code in-process in tests. */
export interface TeacherBuilder {
  build(def: TeacherQuestion, seed: number): Promise<TeacherBuilt>;
}

export const teacherHere: TeacherBuilder = { build: async (def, seed) => teacherQuestion(def, seed) };

export class TeacherPool implements TeacherBuilder {
  private readonly pool: WorkerPool<TeacherJob, TeacherBuilt>;

  constructor(options: PoolOptions = {}) {
    this.pool = new WorkerPool<TeacherJob, TeacherBuilt>(
      {
        script: 'quiz/teacher-worker.js',
        key: (job) => `${job.seed}\u0000${job.def.level}\u0000${encodeAsk(job.def.ask)}\u0000${job.def.wording ?? ''}\u0000${job.def.spec}`,
        bytes: (r) => (r.ok ? 4_000 + 300 * r.question.mistakes.length + 200 * r.question.working.length : 64),
        failed: (why, limits) => ({
          ok: false,
          error: failureMessage(why, limits),
        }),
      },
      { workers: 1, deadlineMs: 2_000, heapMb: 96, youngMb: 16, idleMs: 60_000, maxQueued: 16, cacheEntries: 256, cacheBytes: 8 * 1024 * 1024, ...options },
    );
  }

  build(def: TeacherQuestion, seed: number): Promise<TeacherBuilt> {
    return this.pool.run({ def, seed });
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
