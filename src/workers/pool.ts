/**
 * Work off the event loop. The bot computes for requests a user can shape: a /count spec or
 * paste, a teacher's question, an imported question file, a picture. Each runs in a sandbox (a
 * child process, see sandbox.ts) with a deadline and a heap cap, so even a bug nobody has found
 * yet cannot stall the bot for other users or take the process down: a job past its deadline or
 * its heap ends only its sandbox, which is replaced. Results are cached, bounded by bytes (a class
 * asks for the same things over and over; a refusal is cached too, so repeating a request that
 * timed out costs nothing).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Lru } from '../lru.js';
import { FairQueue } from './fair-queue.js';
import { PACKAGE_ROOT } from '../paths.js';
import { openSandbox, type Isolation, type Sandbox, type SandboxEnd } from './sandbox.js';
import { Usage, USAGE_DEFAULTS, type UsageOptions } from './usage.js';
import type { SandboxReply } from './serve.js';

export { serve } from './serve.js';

export interface PoolOptions {
  /** Sandboxes; one keeps memory low, more let one slow job not delay the next. */
  readonly workers?: number;
  /** Longest one job may take before its sandbox is ended. */
  readonly deadlineMs?: number;
  /** Longest a sandbox may take to load its script before it is deemed broken. */
  readonly startMs?: number;
  /** Heap of each sandbox; a job that needs more ends only that sandbox. */
  readonly heapMb?: number;
  /** Its young generation: smaller collects more often and holds less garbage between collections. */
  readonly youngMb?: number;
  /** Sandboxes idle this long are ended, giving their memory back (started again by the next job); never if unset. */
  readonly idleMs?: number;
  /** Jobs waiting for a sandbox; past this the caller gets `busy`. */
  readonly maxQueued?: number;
  /**
   * Jobs one owner (the user asking) may have waiting; past this that owner gets `busy`. An owner
   * has at most one job running at a time, and owners are served in turn, so with two sandboxes
   * one user's burst cannot hold both, and nobody waits behind another's queue.
   */
  readonly maxQueuedPerOwner?: number;
  readonly cacheEntries?: number;
  readonly cacheBytes?: number;
  /** A child process per sandbox (the default: an abort ends only its job), or a thread (the bench compares). */
  readonly isolation?: Isolation;
  /** When an asker counts as heavy (see usage.ts): their jobs then run in the first sandbox only. */
  readonly usage?: UsageOptions;
  /** The clock a job's duration is read from (tests give their own). */
  readonly now?: () => number;
  readonly log?: { warn(obj: object, msg: string): void };
}

/** Why a job got no result from its sandbox. */
export type Failure = 'deadline' | 'heap' | 'crash' | 'busy';

/** How a pool turns its jobs into messages, results into cache entries, and failures into results. */
export interface PoolKind<Req, Res> {
  /** The sandbox's script, as built under dist/src (`counting/worker.js`), or a file of its own. */
  readonly script: string | URL;
  readonly key: (req: Req) => string;
  /** What a result holds on the heap, for the cache's byte bound. */
  readonly bytes: (res: Res) => number;
  /** The result a failure gives (an error message for a count; a refusal for a picture). */
  readonly failed: (why: Failure, limits: { readonly deadlineMs: number }) => Res;
  /** Results not worth keeping (a picture that failed may succeed when retried later). */
  readonly cacheable?: (res: Res) => boolean;
}

export const POOL_DEFAULTS = {
  workers: 1,
  deadlineMs: 1_000,
  startMs: 20_000,
  heapMb: 64,
  youngMb: 16,
  maxQueued: 64,
  maxQueuedPerOwner: 4,
  cacheEntries: 512,
  cacheBytes: 8 * 1024 * 1024,
  isolation: 'process',
  usage: USAGE_DEFAULTS,
  now: () => performance.now(),
} as const;

/** A built sandbox script, also when this module runs from TypeScript sources (the tests build first). */
function scriptUrl(script: string | URL): URL {
  if (script instanceof URL) return script;
  if (import.meta.url.endsWith('.js')) return new URL(`../${script}`, import.meta.url);
  return pathToFileURL(join(PACKAGE_ROOT, 'dist', 'src', script));
}

interface Job<Req, Res> {
  readonly id: number;
  readonly owner: string;
  /** When it was sent to a sandbox (the pool's clock), for its owner's usage. */
  started?: number;
  readonly req: Req;
  readonly resolve: (res: Res) => void;
  readonly reject: (err: Error) => void;
}

interface Slot<Req, Res> {
  readonly sandbox: Sandbox;
  /** It has loaded its script and listens: a job's deadline starts only once it can run. */
  ready: boolean;
  /** Taken out of the pool (failed, idle, closing): whatever it still reports is ignored. */
  retired: boolean;
  job: Job<Req, Res> | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Settled once it has exited. */
  readonly exited: Signal;
  /** Settled once it has loaded its script, or has ended without (nothing waits on it forever). */
  readonly loaded: Signal;
}

/** A promise and what settles it. */
interface Signal {
  readonly promise: Promise<void>;
  readonly settle: () => void;
}

function signal(): Signal {
  let settle!: () => void;
  const promise = new Promise<void>((resolve) => (settle = resolve));
  return { promise, settle };
}

export class WorkerPool<Req, Res> {
  private readonly o: Required<Omit<PoolOptions, 'log' | 'idleMs'>> & Pick<PoolOptions, 'log' | 'idleMs'>;
  private readonly slots: Array<Slot<Req, Res>> = [];
  /** Every sandbox not yet exited, retired ones included: close() waits for them all. */
  private readonly alive = new Set<Slot<Req, Res>>();
  private readonly queue = new FairQueue<Job<Req, Res>>();
  private readonly usage: Usage;
  private readonly cache: Lru<string, Res>;
  private nextId = 0;
  private closed = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly kind: PoolKind<Req, Res>,
    options: PoolOptions = {},
  ) {
    this.o = { ...POOL_DEFAULTS, ...options };
    this.usage = new Usage(this.o.now, this.o.usage);
    this.cache = new Lru({ maxEntries: this.o.cacheEntries, maxBytes: this.o.cacheBytes, sizeOf: (res, key) => 2 * key.length + kind.bytes(res), dropWhenQuiet: true });
  }

  /** Starts the sandboxes now rather than on the first job. */
  warm(): void {
    while (!this.closed && this.slots.length < this.o.workers) this.slots.push(this.spawn());
  }

  /**
   * Starts the sandboxes, and resolves once each has loaded its script: for what must not count a
   * sandbox's start as a job's time (a test's first request, a bench's baseline).
   */
  async loaded(): Promise<void> {
    this.warm();
    await Promise.all(this.slots.map((s) => s.loaded.promise));
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

  /** Ends every sandbox and waits until each has exited. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    for (const job of this.queue.drain()) job.reject(new Error('the worker pool closed'));
    for (const slot of this.slots.splice(0)) {
      slot.job?.reject(new Error('the worker pool closed'));
      this.retire(slot);
    }
    await Promise.all([...this.alive].map((s) => s.exited.promise));
  }

  /** Sandboxes in service now (none before the first job, or after `idleMs` with nothing to do). */
  get running(): number {
    return this.slots.length;
  }

  /** The child processes of the sandboxes in service (for their memory in the bench). */
  get pids(): number[] {
    return this.slots.flatMap((s) => (s.sandbox.pid === undefined ? [] : [s.sandbox.pid]));
  }

  /** Jobs running now (sent to a sandbox, not yet answered). */
  get busy(): number {
    return this.slots.filter((s) => s.job !== undefined).length;
  }

  /** Bytes the cached results hold. */
  get cachedBytes(): number {
    return this.cache.bytes;
  }

  private dispatch(): void {
    for (const [index, slot] of this.slots.entries()) {
      if (!slot.ready || slot.job !== undefined) continue;
      // One job running per owner (the anonymous owner, '', is everyone without a name); heavy
      // owners only in the first sandbox, so the others stay free for everyone else.
      const job = this.queue.take((owner) => (owner === '' || !this.slots.some((s) => s.job?.owner === owner)) && (index === 0 || !this.usage.heavy(owner)));
      if (!job) continue;
      slot.job = job;
      job.started = this.o.now();
      slot.timer = setTimeout(() => this.fail(slot, 'deadline'), this.o.deadlineMs);
      slot.sandbox.hold(true);
      slot.sandbox.send({ id: job.id, req: job.req });
    }
    if (this.isIdle()) this.armIdle();
  }

  private isIdle(): boolean {
    return this.queue.size === 0 && this.slots.every((s) => s.job === undefined);
  }

  /** Ends the sandboxes once the pool has had nothing to do for `idleMs`. */
  private armIdle(): void {
    const idleMs = this.o.idleMs;
    if (idleMs === undefined || this.idleTimer || this.slots.length === 0) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (!this.isIdle()) return;
      for (const slot of this.slots.splice(0)) this.retire(slot);
    }, idleMs);
    this.idleTimer.unref();
  }

  private spawn(): Slot<Req, Res> {
    // The sandbox reports only after this returns, so its events may refer to the slot they belong to.
    const slot: Slot<Req, Res> = {
      sandbox: openSandbox(this.o.isolation, scriptUrl(this.kind.script), this.o, {
        message: (m) => this.onMessage(slot, m as SandboxReply<Res>),
        exit: (why, detail) => {
          this.alive.delete(slot);
          slot.exited.settle();
          slot.loaded.settle();
          if (!slot.retired) this.fail(slot, why, detail);
        },
      }),
      ready: false,
      retired: false,
      job: undefined,
      // A sandbox that does not load within startMs is broken (or the machine is): what waits fails.
      timer: setTimeout(() => this.fail(slot, 'crash', 'did not start'), this.o.startMs).unref(),
      exited: signal(),
      loaded: signal(),
    };
    this.alive.add(slot);
    return slot;
  }

  private onMessage(slot: Slot<Req, Res>, m: SandboxReply<Res>): void {
    if (slot.retired) return;
    if ('ready' in m) {
      clearTimeout(slot.timer);
      slot.timer = undefined;
      slot.ready = true;
      slot.loaded.settle();
      slot.sandbox.hold(false); // held while it loaded; a job holds it again
      this.dispatch();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== m.id) return;
    this.finish(slot);
    if ('result' in m) job.resolve(m.result);
    else job.reject(new Error(m.failure));
    this.dispatch();
  }

  private finish(slot: Slot<Req, Res>): Job<Req, Res> | undefined {
    const job = slot.job;
    if (job?.started !== undefined) this.usage.charge(job.owner, this.o.now() - job.started);
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    slot.sandbox.hold(false);
    return job;
  }

  /** Takes a slot out of service and ends its sandbox; its exit is still listened for (see spawn). */
  private retire(slot: Slot<Req, Res>): void {
    slot.retired = true;
    clearTimeout(slot.timer);
    slot.sandbox.hold(true); // until it has exited: close() waits for that, and the process must not end first
    slot.sandbox.kill();
  }

  /** Answers the slot's job with its failure's result, ends its sandbox and puts a fresh one in its place. */
  private fail(slot: Slot<Req, Res>, why: Exclude<Failure, 'busy'> | SandboxEnd, detail?: string): void {
    if (slot.retired) return;
    const job = this.finish(slot);
    this.retire(slot);
    const index = this.slots.indexOf(slot);
    if (!slot.ready) {
      // It died loading its script: a replacement would too. What waits fails now; the next job tries again.
      if (index >= 0) this.slots.splice(index, 1);
      this.o.log?.warn({ why, detail, script: String(this.kind.script) }, 'sandbox failed to start');
      for (const waiting of this.queue.drain()) waiting.resolve(this.kind.failed(why, this.o));
      return;
    }
    if (job) {
      this.o.log?.warn({ why, detail, script: String(this.kind.script), key: this.kind.key(job.req).slice(0, 200) }, 'sandbox replaced');
      job.resolve(this.kind.failed(why, this.o));
    }
    if (index < 0) return;
    // The replacement takes its place: the first sandbox stays the heavy askers' one.
    if (this.closed) this.slots.splice(index, 1);
    else this.slots[index] = this.spawn();
    this.dispatch();
  }
}

/** Resident memory of a process in bytes (Linux's /proc), undefined where it cannot be read. */
export function residentBytes(pid: number): number | undefined {
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return pages * 4096;
  } catch {
    return undefined;
  }
}
