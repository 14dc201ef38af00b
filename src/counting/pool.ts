/**
 * /count off the event loop. A spec or a paste is the one input a student types that makes the bot
 * compute: the engine bounds its work by construction (engine/limits.ts, engine/code/limits.ts),
 * and on top of that each is answered in a sandbox, a child process (workers/pool.ts), with a 1 s
 * deadline and a 64 MB heap, its answer cached by bytes. Two sandboxes, askers served in turn
 * with one job each at a time: a student sending the costliest pastes without pause holds one,
 * and everyone else has the other.
 */
import type { Lang } from '../i18n/messages.js';
import { failureMessage } from '../workers/failure.js';
import { WorkerPool, type PoolOptions } from '../workers/pool.js';
import type { CountAnswer, Counter } from './answer.js';
import type { CountRequest } from './worker.js';

/** UTF-16 code units, two bytes each: what a cached answer holds on the heap. */
const bytesOf = (a: CountAnswer): number => (a.ok ? 2 * (a.title.length + a.code.length) : 64);

export class CountPool implements Counter {
  private readonly pool: WorkerPool<CountRequest, CountAnswer>;

  constructor(options: PoolOptions = {}) {
    this.pool = new WorkerPool<CountRequest, CountAnswer>(
      {
        script: 'counting/worker.js',
        key: (req) => `${req.lang}\u0000${req.spec}`,
        bytes: bytesOf,
        failed: (why, limits) => ({
          ok: false,
          error: failureMessage(why, limits),
        }),
      },
      // 1 MB holds the 512 answers the cache keeps at the sizes students ask for (a spec's answer
      // is about 1 KB, a preset's layer table 10 to 40 KB; none larger than 64 KB is kept), not
      // megabytes of the largest answers an abuser can make the engine print, which the bot's
      // process would otherwise keep while quiet.
      { workers: 2, cacheBytes: 1024 * 1024, ...options },
    );
  }

  answer(spec: string, lang: Lang, asker = ''): Promise<CountAnswer> {
    return this.pool.run({ spec, lang }, asker);
  }

  warm(): void {
    this.pool.warm();
  }

  /** Resolves once the sandboxes have loaded (see WorkerPool.loaded). */
  loaded(): Promise<void> {
    return this.pool.loaded();
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** The sandboxes' processes (their memory in the bench; a test ends one). */
  get pids(): number[] {
    return this.pool.pids;
  }

  /** Counts running now. */
  get busy(): number {
    return this.pool.busy;
  }

  /** Bytes the cached answers hold. */
  get cachedBytes(): number {
    return this.pool.cachedBytes;
  }
}
