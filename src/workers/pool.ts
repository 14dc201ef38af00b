/**
 * Work off the event loop. The bot computes for two kinds of request a user can shape: a /count
 * spec and a picture. Each runs in a worker thread with a deadline and a heap limit, so even a bug
 * nobody has found yet cannot stall the bot for other users or take the process down: a job past
 * its deadline or its heap ends only its worker, which is replaced. Results are cached, bounded by
 * bytes (a class asks for the same things over and over; a refusal is cached too, so repeating a
 * request that timed out costs nothing).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Lru } from '../lru.js';
import { FairQueue } from './fair-queue.js';
import { PACKAGE_ROOT } from '../paths.js';

export interface PoolOptions {
  /** Worker threads; one keeps memory low, more let one slow job not delay the next. */
  readonly workers?: number;
  /** Longest one job may take before its worker is ended. */
  readonly deadlineMs?: number;
  /** Heap of each worker; a job that needs more ends only that worker. */
  readonly heapMb?: number;
  /** Its young generation: smaller collects more often and holds less garbage between collections. */
  readonly youngMb?: number;
  /** Workers idle this long are ended, giving their memory back (started again by the next job); never if unset. */
  readonly idleMs?: number;
  /** Jobs waiting for a worker; past this the caller gets `busy`. */
  readonly maxQueued?: number;
  /**
   * Jobs one owner (the user asking) may have waiting; past this that owner gets `busy`. An owner
   * has at most one job running at a time, and owners are served in turn, so with two workers one
   * user's burst cannot hold both, and nobody waits behind another's queue.
   */
  readonly maxQueuedPerOwner?: number;
  readonly cacheEntries?: number;
  readonly cacheBytes?: number;
  readonly log?: { warn(obj: object, msg: string): void };
}

/** Why a job got no result from its worker. */
export type Failure = 'deadline' | 'heap' | 'crash' | 'busy';

/** How a pool turns its jobs into messages, results into cache entries, and failures into results. */
export interface PoolKind<Req, Res> {
  /** The worker script, as built under dist/src (`counting/worker.js`). */
  readonly script: string;
  readonly key: (req: Req) => string;
  /** What a result holds on the heap, for the cache's byte bound. */
  readonly bytes: (res: Res) => number;
  /** The result a failure gives (an error message for a count; a refusal for a picture). */
  readonly failed: (why: Failure, limits: { readonly deadlineMs: number }) => Res;
  /** Results not worth keeping (a picture that failed may succeed when retried later). */
  readonly cacheable?: (res: Res) => boolean;
}

export const POOL_DEFAULTS = { workers: 1, deadlineMs: 1_000, heapMb: 64, youngMb: 16, maxQueued: 64, maxQueuedPerOwner: 4, cacheEntries: 512, cacheBytes: 8 * 1024 * 1024 } as const;

/** A built worker script, also when this module runs from TypeScript sources (the tests build first). */
function workerUrl(script: string): URL {
  if (import.meta.url.endsWith('.js')) return new URL(`../${script}`, import.meta.url);
  return pathToFileURL(join(PACKAGE_ROOT, 'dist', 'src', script));
}

interface Job<Req, Res> {
  readonly id: number;
  readonly owner: string;
  readonly req: Req;
  readonly resolve: (res: Res) => void;
  readonly reject: (err: Error) => void;
}

interface Slot<Req, Res> {
  readonly worker: Worker;
  /** The worker has loaded its script and listens: a job's deadline starts only once it can run. */
  ready: boolean;
  job: Job<Req, Res> | undefined;
  deadline: NodeJS.Timeout | undefined;
}

/** The message a worker answers with (see serve()). */
type Reply<Res> = { readonly id: number; readonly result: Res } | { readonly id: number; readonly failure: string } | { readonly ready: true };

export class WorkerPool<Req, Res> {
  private readonly o: Required<Omit<PoolOptions, 'log' | 'idleMs'>> & Pick<PoolOptions, 'log' | 'idleMs'>;
  private readonly slots: Array<Slot<Req, Res>> = [];
  private readonly queue = new FairQueue<Job<Req, Res>>();
  private readonly cache: Lru<string, Res>;
  private nextId = 0;
  private closed = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly kind: PoolKind<Req, Res>,
    options: PoolOptions = {},
  ) {
    this.o = { ...POOL_DEFAULTS, ...options };
    this.cache = new Lru({ maxEntries: this.o.cacheEntries, maxBytes: this.o.cacheBytes, sizeOf: (res, key) => 2 * key.length + kind.bytes(res) });
  }

  /** Starts the workers now rather than on the first job. */
  warm(): void {
    while (!this.closed && this.slots.length < this.o.workers) this.slots.push(this.spawn());
  }

  /** The cached result for `req`, if there is one, without waiting and without starting a job. */
  peek(req: Req): Res | undefined {
    return this.cache.get(this.kind.key(req));
  }

  /** `owner`: who asks (a user); jobs are served in turn per owner. */
  run(req: Req, owner = ''): Promise<Res> {
    const key = this.kind.key(req);
    const cached = this.cache.get(key);
    if (cached !== undefined) return Promise.resolve(cached);
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    if (this.queue.size >= this.o.maxQueued || this.queue.waiting(owner) >= this.o.maxQueuedPerOwner) return Promise.resolve(this.kind.failed('busy', this.o));
    return new Promise<Res>((resolve, reject) => {
      const done = (res: Res) => {
        if (this.kind.cacheable?.(res) ?? true) this.cache.set(key, res);
        resolve(res);
      };
      clearTimeout(this.idleTimer);
      this.idleTimer = undefined;
      this.queue.push(owner, { id: this.nextId++, owner, req, resolve: done, reject });
      this.warm();
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const job of this.queue.drain()) job.reject(new Error('the worker pool closed'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  /** Workers alive now (none before the first job, or after `idleMs` with nothing to do). */
  get running(): number {
    return this.slots.length;
  }

  /** Bytes the cached results hold. */
  get cachedBytes(): number {
    return this.cache.bytes;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job !== undefined) continue;
      // One job running per owner: the anonymous owner ('') is everyone without a name.
      const job = this.queue.take((owner) => owner === '' || !this.slots.some((s) => s.job?.owner === owner));
      if (!job) break;
      slot.job = job;
      slot.deadline = setTimeout(() => this.fail(slot, 'deadline'), this.o.deadlineMs);
      slot.worker.postMessage({ id: job.id, req: job.req });
    }
    if (this.isIdle()) this.armIdle();
  }

  private isIdle(): boolean {
    return this.queue.size === 0 && this.slots.every((s) => s.job === undefined);
  }

  /** Ends the workers once the pool has had nothing to do for `idleMs`. */
  private armIdle(): void {
    const idleMs = this.o.idleMs;
    if (idleMs === undefined || this.idleTimer || this.slots.length === 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (!this.isIdle()) return;
      for (const slot of this.slots.splice(0)) {
        slot.worker.removeAllListeners();
        void slot.worker.terminate();
      }
    }, idleMs);
    this.idleTimer.unref();
  }

  private spawn(): Slot<Req, Res> {
    // execArgv: [] so a worker does not inherit the parent's flags (--inspect, --input-type, ...).
    const worker = new Worker(workerUrl(this.kind.script), { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: this.o.heapMb, maxYoungGenerationSizeMb: this.o.youngMb } });
    worker.unref(); // an idle pool never keeps the process alive
    const slot: Slot<Req, Res> = { worker, ready: false, job: undefined, deadline: undefined };
    worker.on('message', (m: Reply<Res>) => {
      if ('ready' in m) {
        slot.ready = true;
        this.dispatch();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      this.finish(slot);
      if ('result' in m) job.resolve(m.result);
      else job.reject(new Error(m.failure));
      this.dispatch();
    });
    worker.on('error', (err) => this.fail(slot, (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'heap' : 'crash', err));
    worker.on('exit', () => {
      if (slot.job || !slot.ready) this.fail(slot, 'crash');
    });
    return slot;
  }

  private finish(slot: Slot<Req, Res>): Job<Req, Res> | undefined {
    const job = slot.job;
    clearTimeout(slot.deadline);
    slot.job = undefined;
    slot.deadline = undefined;
    return job;
  }

  /** Answers the slot's job with its failure's result, ends its worker and puts a fresh one in its place. */
  private fail(slot: Slot<Req, Res>, why: Exclude<Failure, 'busy'>, err?: unknown): void {
    const job = this.finish(slot);
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // already replaced
    this.slots.splice(index, 1);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (!slot.ready) {
      // It died loading its script: a replacement would too. What waits fails now; the next job tries again.
      this.o.log?.warn({ why, err, script: this.kind.script }, 'worker failed to start');
      for (const waiting of this.queue.drain()) waiting.resolve(this.kind.failed(why, this.o));
      return;
    }
    if (job) {
      this.o.log?.warn({ why, err, script: this.kind.script, key: this.kind.key(job.req).slice(0, 200) }, 'worker replaced');
      job.resolve(this.kind.failed(why, this.o));
    }
    this.warm();
    this.dispatch();
  }
}

/** The worker side: answers each job with `handle`'s result, or the error it threw. */
export async function serve<Req, Res>(handle: (req: Req) => Res | Promise<Res>, transfer: (res: Res) => ArrayBuffer[] = () => []): Promise<void> {
  const { parentPort } = await import('node:worker_threads');
  if (!parentPort) return;
  parentPort.on('message', async ({ id, req }: { id: number; req: Req }) => {
    try {
      const result = await handle(req);
      parentPort.postMessage({ id, result }, transfer(result));
    } catch (err) {
      parentPort.postMessage({ id, failure: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    }
  });
  parentPort.postMessage({ ready: true });
}
