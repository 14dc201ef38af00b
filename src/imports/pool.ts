/**
 * Question files read off the event loop (/questions action:import): a file of up to 400 KB is
 * read in a sandbox (a child process) with a deadline and a heap limit, so a file built to be slow to read costs its
 * sender a refusal and nobody else anything. One worker, ended after a minute idle (teachers
 * import now and then); an admin has one file read at a time.
 */
import { createHash } from 'node:crypto';
import { msg } from '../i18n/messages.js';
import { WorkerPool, type PoolOptions } from '../workers/pool.js';
import type { FileRead, FileRequest } from './rows.js';

/** What reads a question file: the worker pool in the bot, the same code in-process in tests. */
export interface QuestionFiles {
  /** `owner`: who imports (one file at a time each). */
  read(file: FileRequest, owner?: string): Promise<FileRead>;
}

/** The same reading in this process (the CSV and YAML readers are loaded on the first file). */
export const questionFilesHere: QuestionFiles = { read: async (file) => (await import('./read.js')).readQuestionFile(file) };

/**
 * Longest a file may take to read. The worst accepted file (100 questions, then blank lines up to
 * the bound on pieces of syntax) takes about 0.1 s on an idle core (`import_worst_ms`); this
 * leaves room for a loaded one.
 */
export const READ_DEADLINE_MS = 2_000;

const bytesOf = (read: FileRead): number => (read.ok ? read.rows.reduce((sum, row) => sum + 64 + 2 * Object.values(row).reduce<number>((n, v) => n + String(v).length, 0), 0) : 256);

export class QuestionFilePool implements QuestionFiles {
  private readonly pool: WorkerPool<FileRequest, FileRead>;

  constructor(options: PoolOptions = {}) {
    this.pool = new WorkerPool<FileRequest, FileRead>(
      {
        script: 'imports/worker.js',
        // A digest, not the text: a key is kept with its result, and a file may be 400 KB.
        key: (file) => createHash('sha256').update(file.name).update('\u0000').update(file.text).digest('base64'),
        bytes: bytesOf,
        failed: (why, limits) => ({
          ok: false,
          error: why === 'busy' ? msg('err.busy') : why === 'deadline' ? msg('import.slow', { seconds: String(limits.deadlineMs / 1000) }) : why === 'heap' ? msg('import.heavy') : msg('err.internal'),
        }),
        // A worker that crashed says nothing about the file: it is read again when asked again.
        cacheable: (read) => read.ok || read.error.key !== 'err.internal',
      },
      { workers: 1, deadlineMs: READ_DEADLINE_MS, heapMb: 64, youngMb: 16, idleMs: 60_000, maxQueued: 16, maxQueuedPerOwner: 1, cacheEntries: 64, cacheBytes: 4 * 1024 * 1024, ...options },
    );
  }

  read(file: FileRequest, owner = ''): Promise<FileRead> {
    return this.pool.run(file, owner);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
