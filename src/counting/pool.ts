/**
 * /count off the event loop. A spec is the one input a student types that makes the bot compute:
 * the engine bounds its work by construction (engine/limits.ts), and on top of that each spec is
 * answered in a worker thread with a deadline and a heap limit, so even a bug nobody has found
 * yet cannot stall the bot for other users or take the process down. Recent answers are cached,
 * bounded by bytes (a class asks the same specs over and over; a refusal is cached too, so
 * repeating a spec that timed out costs nothing).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { msg, type Lang, type MessageRef } from '../i18n/messages.js';
import { Lru } from '../lru.js';
import { PACKAGE_ROOT } from '../paths.js';
import type { CountAnswer, Counter } from './answer.js';
import type { CountRequest } from './worker.js';

export interface PoolOptions {
  /** Worker threads; one keeps memory low, more let one slow spec not delay the next. */
  readonly workers?: number;
  /** Longest one spec may take before its worker is ended and the asker told why. */
  readonly deadlineMs?: number;
  /** Heap of each worker; a spec that needs more ends only that worker. */
  readonly heapMb?: number;
  /** Specs waiting for a worker; past this the asker is told the bot is busy. */
  readonly maxQueued?: number;
  readonly cacheEntries?: number;
  readonly cacheBytes?: number;
  readonly log?: { warn(obj: object, msg: string): void };
}

export const POOL_DEFAULTS = {
  workers: 1,
  deadlineMs: 1_000,
  heapMb: 64,
  maxQueued: 64,
  cacheEntries: 512,
  cacheBytes: 8 * 1024 * 1024,
} as const;

/** The built worker, also when this module runs from TypeScript sources (the tests build first). */
function workerUrl(): URL {
  if (import.meta.url.endsWith('.js')) return new URL('./worker.js', import.meta.url);
  return pathToFileURL(join(PACKAGE_ROOT, 'dist', 'src', 'counting', 'worker.js'));
}

interface Job {
  readonly id: number;
  readonly spec: string;
  readonly lang: Lang;
  readonly resolve: (answer: CountAnswer) => void;
  readonly reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
  deadline: NodeJS.Timeout | undefined;
}

/** UTF-16 code units, two bytes each: what a cached answer holds on the heap. */
const bytesOf = (a: CountAnswer, key: string): number => 2 * (key.length + (a.ok ? a.title.length + a.code.length : 64));

export class CountPool implements Counter {
  private readonly o: Required<Omit<PoolOptions, 'log'>> & Pick<PoolOptions, 'log'>;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly cache: Lru<string, CountAnswer>;
  private nextId = 0;
  private closed = false;

  constructor(options: PoolOptions = {}) {
    this.o = { ...POOL_DEFAULTS, ...options };
    this.cache = new Lru({ maxEntries: this.o.cacheEntries, maxBytes: this.o.cacheBytes, sizeOf: bytesOf });
  }

  /** Starts the workers now rather than on the first spec. */
  warm(): void {
    while (!this.closed && this.slots.length < this.o.workers) this.slots.push(this.spawn());
  }

  answer(spec: string, lang: Lang): Promise<CountAnswer> {
    const key = `${lang}\u0000${spec}`;
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve(cached);
    if (this.closed) return Promise.reject(new Error('the count pool is closed'));
    if (this.queue.length >= this.o.maxQueued) return Promise.resolve({ ok: false, error: msg('err.busy') });
    return new Promise<CountAnswer>((resolve, reject) => {
      const done = (answer: CountAnswer) => {
        this.cache.set(key, answer);
        resolve(answer);
      };
      this.queue.push({ id: this.nextId++, spec, lang, resolve: done, reject });
      this.warm();
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('the count pool closed'));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }

  /** Bytes the cached answers hold. */
  get cachedBytes(): number {
    return this.cache.bytes;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job !== undefined) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      slot.deadline = setTimeout(() => this.fail(slot, msg('err.tooCostly', { ms: String(this.o.deadlineMs) }), 'deadline'), this.o.deadlineMs);
      slot.worker.postMessage({ id: job.id, spec: job.spec, lang: job.lang } satisfies CountRequest);
    }
  }

  private spawn(): Slot {
    // execArgv: [] so the worker does not inherit the parent's flags (--inspect, --input-type, ...).
    const worker = new Worker(workerUrl(), { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: this.o.heapMb, maxYoungGenerationSizeMb: 16 } });
    worker.unref(); // an idle pool never keeps the process alive
    const slot: Slot = { worker, job: undefined, deadline: undefined };
    worker.on('message', (m: { id: number; answer?: CountAnswer; failure?: string }) => {
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      this.finish(slot);
      if (m.answer) job.resolve(m.answer);
      else job.reject(new Error(m.failure ?? 'the count worker failed'));
      this.dispatch();
    });
    worker.on('error', (err) => {
      // ERR_WORKER_OUT_OF_MEMORY: the spec's work outgrew the heap limit.
      const oom = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.fail(slot, msg(oom ? 'err.tooLargeToCount' : 'err.internal'), oom ? 'heap' : 'crash', err);
    });
    worker.on('exit', () => {
      if (slot.job) this.fail(slot, msg('err.internal'), 'exit');
    });
    return slot;
  }

  private finish(slot: Slot): Job | undefined {
    const job = slot.job;
    clearTimeout(slot.deadline);
    slot.job = undefined;
    slot.deadline = undefined;
    return job;
  }

  /** Answers the slot's job with `error`, ends its worker and puts a fresh one in its place. */
  private fail(slot: Slot, error: MessageRef, why: string, err?: unknown): void {
    const job = this.finish(slot);
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // already replaced
    this.slots.splice(index, 1);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (job) {
      this.o.log?.warn({ why, err, spec: job.spec.slice(0, 200) }, 'count worker replaced');
      job.resolve({ ok: false, error });
    }
    this.warm();
    this.dispatch();
  }
}
