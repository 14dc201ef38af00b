/**
 * The worker pool under both of its kinds of work: a worker idle past `idleMs` is ended (its
 * memory given back) and the next job starts a new one; a cached result is there to peek at
 * without a job.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CountAnswer } from '../../src/counting/answer.js';
import type { CountRequest } from '../../src/counting/worker.js';
import { WorkerPool, type PoolOptions } from '../../src/workers/pool.js';

const pools: Array<WorkerPool<CountRequest, CountAnswer>> = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function countPool(options: PoolOptions): WorkerPool<CountRequest, CountAnswer> {
  const pool = new WorkerPool<CountRequest, CountAnswer>(
    { script: 'counting/worker.js', key: (r) => `${r.lang} ${r.spec}`, bytes: () => 64, failed: () => ({ ok: false, error: { key: 'err.internal' } }) as CountAnswer },
    // The deadline is not what these tests are about: a loaded machine may take seconds per job.
    { deadlineMs: 60_000, ...options },
  );
  pools.push(pool);
  return pool;
}

const until = (what: () => boolean, ms = 5_000): Promise<void> => vi.waitFor(() => expect(what()).toBe(true), { timeout: ms });

describe('the worker pool', () => {
  it('ends a worker idle past idleMs and starts a new one for the next job', async () => {
    const pool = countPool({ idleMs: 50 });
    expect(pool.running).toBe(0);
    expect(await pool.run({ spec: 'dense 4 2', lang: 'en' })).toMatchObject({ ok: true });
    expect(pool.running).toBe(1);
    await until(() => pool.running === 0);
    expect(await pool.run({ spec: 'dense 8 2', lang: 'en' })).toMatchObject({ ok: true, title: expect.stringContaining('18') });
    expect(pool.running).toBe(1);
  });

  it('keeps its worker without idleMs', async () => {
    const pool = countPool({});
    const witness = countPool({ idleMs: 50 });
    await Promise.all([pool.run({ spec: 'dense 4 2', lang: 'en' }), witness.run({ spec: 'dense 4 2', lang: 'en' })]);
    await until(() => witness.running === 0); // idle long enough to be ended, had it an idleMs
    expect(pool.running).toBe(1);
  });

  it('peeks at a cached result without starting a job', async () => {
    const pool = countPool({});
    expect(pool.peek({ spec: 'conv 3 64 3', lang: 'en' })).toBeUndefined();
    expect(pool.running).toBe(0);
    const answer = await pool.run({ spec: 'conv 3 64 3', lang: 'en' });
    expect(pool.peek({ spec: 'conv 3 64 3', lang: 'en' })).toBe(answer);
  });
});

describe('askers in turn', () => {
  /** About 40 ms of work in the count worker, distinct per n so that no cache answers. */
  const slow = (n: number) => ({ spec: `input ${64 + n}x64x3 > ${Array.from({ length: 400 }, () => 'conv 8 3 pad=same').join(' > ')}`, lang: 'en' as const });

  it("serves another asker's job before the rest of one asker's burst", async () => {
    const pool = countPool({});
    pool.warm();
    const order: string[] = [];
    const burst = [0, 1, 2, 3].map((n) => pool.run(slow(n), 'mallory').then(() => order.push(`mallory${n}`)));
    const alice = pool.run({ spec: 'dense 4 2', lang: 'en' }, 'alice').then(() => order.push('alice'));
    await Promise.all([...burst, alice]);
    expect(order.indexOf('alice')).toBeLessThanOrEqual(1); // behind at most the job already running
  });

  it('refuses an asker past their own queue, not everyone', async () => {
    const pool = countPool({ maxQueuedPerOwner: 2 });
    await pool.run({ spec: 'dense 1 1', lang: 'en' }); // the worker up: the first of the burst runs at once
    const burst = [0, 1, 2, 3, 4].map((n) => pool.run(slow(n), 'mallory'));
    const alice = pool.run({ spec: 'dense 4 2', lang: 'en' }, 'alice');
    const results = await Promise.all(burst);
    expect(results.filter((r) => !r.ok && r.error.key === 'err.internal')).toHaveLength(2); // one running, two waiting, two refused
    expect(await alice).toMatchObject({ ok: true });
  });

  it('runs one job per asker at a time, so a second worker stays free for others', async () => {
    const pool = countPool({ workers: 2 });
    await pool.loaded(); // both sandboxes up: the jobs below are sent as they are asked for
    const burst = [0, 1, 2].map((n) => pool.run(slow(n), 'mallory'));
    // mallory's burst holds one sandbox; the other is still free, and alice's job goes there at once
    expect(pool.busy).toBe(1);
    const alice = pool.run(slow(10), 'alice');
    expect(pool.busy).toBe(2);
    expect(await alice).toMatchObject({ ok: true });
    await Promise.all(burst);
  });
});
