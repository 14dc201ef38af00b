/**
 * A sandbox's end costs only its job. Measured, not assumed: the same fatal out-of-memory that a
 * worker thread passes on to the whole process (exit 134, every platform gone) ends only the child
 * process the pool runs untrusted work in; and a heap that runs out just as the deadline fires is
 * still heard (an 'error' or exit nobody listens to would end the bot).
 */
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkerPool, type Failure, type PoolOptions } from '../../src/workers/pool.js';

type Job = { kind: 'echo'; value: string } | { kind: 'abort' | 'fill' | 'spin' };
type Result = { ok: true; value: unknown } | { ok: false; why: Failure };

const SCRIPT = new URL('../support/sandbox-worker.mjs', import.meta.url);
const pools: Array<WorkerPool<Job, Result>> = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function pool(options: PoolOptions = {}, warnings: object[] = []): WorkerPool<Job, Result> {
  let n = 0;
  const p = new WorkerPool<Job, Result>(
    // a key of its own per job: nothing is answered from the cache
    { script: SCRIPT, key: () => String(n++), bytes: () => 64, failed: (why) => ({ ok: false, why }) },
    { heapMb: 64, log: { warn: (obj) => warnings.push(obj) }, ...options },
  );
  pools.push(p);
  return p;
}

const echo = (value: string): Job => ({ kind: 'echo', value });

describe('a sandbox that aborts', () => {
  it("ends that job only: it is answered 'heap', the bot's process lives on, and the next job runs in a fresh sandbox", async () => {
    const warnings: object[] = [];
    const p = pool({ deadlineMs: 20_000 }, warnings);
    expect(await p.run(echo('before'))).toEqual('before');
    const [first] = p.pids;
    expect(await p.run({ kind: 'abort' })).toEqual({ ok: false, why: 'heap' });
    expect(warnings).toEqual([expect.objectContaining({ why: 'heap', detail: expect.stringMatching(/heap/i) })]);
    expect(await p.run(echo('after'))).toEqual('after');
    expect(p.pids).not.toContain(first);
  });

  it('in a worker thread instead, ends the whole process (why the pool uses child processes)', () => {
    // The same job in a thread-isolated pool, in a process of its own so that its end is observable.
    const program = `
      import { WorkerPool } from ${JSON.stringify(new URL('../../dist/src/workers/pool.js', import.meta.url).href)};
      const pool = new WorkerPool({ script: new URL(${JSON.stringify(SCRIPT.href)}), key: () => 'k', bytes: () => 0, failed: (why) => ({ why }) }, { isolation: 'thread', heapMb: 64, deadlineMs: 20000 });
      await pool.run({ kind: 'abort' });
      console.log('survived');
      await pool.close();`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).not.toContain('survived');
    expect(r.signal ?? r.status).toMatch(/^(SIGABRT|134)$/);
  });
});

describe('a heap that runs out as the deadline fires', () => {
  it('is heard either way: every job answered, no error left unheard, the next job runs', async () => {
    const p = pool({ heapMb: 32 });
    // Deadlines around the time the heap takes to fill: some jobs end by the deadline, some by the heap.
    const outcomes = new Set<string>();
    for (const deadlineMs of [1, 20, 40, 60, 80, 100, 150, 200, 400, 800]) {
      const r = await pool({ heapMb: 32, deadlineMs }).run({ kind: 'fill' });
      outcomes.add(r.ok ? 'answered' : r.why);
    }
    expect([...outcomes].every((w) => w === 'deadline' || w === 'heap')).toBe(true);
    expect(await p.run(echo('still here'))).toBe('still here');
  });
});

describe('a sandbox that never answers', () => {
  it('is ended at its deadline and replaced; close() waits until every sandbox has exited', async () => {
    const p = pool({ deadlineMs: 200 });
    expect(await p.run({ kind: 'spin' })).toEqual({ ok: false, why: 'deadline' });
    expect(await p.run(echo('next'))).toBe('next');
    const pids = p.pids;
    await p.close();
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe('askers who have used more than their share', () => {
  it('run in the first sandbox only, so the other stays free for everyone else', async () => {
    // Any time used at all makes an asker heavy here, so the test does not depend on how long jobs take.
    const p = pool({ workers: 2, deadlineMs: 60_000, usage: { shareMs: 0, burstMs: 0, remembered: 16 } });
    await p.loaded();
    await Promise.all([p.run(echo('m1'), 'mallory1'), p.run(echo('m2'), 'mallory2')]); // both heavy now
    const stuck = Promise.allSettled([p.run({ kind: 'spin' }, 'mallory1'), p.run({ kind: 'spin' }, 'mallory2')]);
    expect(await p.run(echo('alice'), 'alice')).toBe('alice'); // the second sandbox was left for her
    expect(p.busy).toBe(1); // mallory2 still waits for the first sandbox: heavy askers share it
    await p.close();
    await stuck;
  });
});
