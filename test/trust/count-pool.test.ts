/**
 * Trust: /count runs in a worker with a deadline, so a spec that takes too long costs only its
 * own worker (replaced at once), and the cache of recent answers is bounded by bytes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CountPool } from '../../src/counting/pool.js';

const pools: CountPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});
const pool = (o: ConstructorParameters<typeof CountPool>[0] = {}) => {
  const p = new CountPool(o);
  pools.push(p);
  return p;
};

describe('the count pool', () => {
  it('answers like the engine', async () => {
    expect(await pool().answer('conv 3 64 3', 'en')).toMatchObject({ ok: true, title: expect.stringContaining('1,792') });
    expect(await pool().answer('conv 3 64', 'en')).toMatchObject({ ok: false, error: { key: 'err.needsArg' } });
  });

  it('stops a spec past its deadline, says why, and answers the next one with a fresh worker', async () => {
    const warnings: object[] = [];
    const p = pool({ deadlineMs: 1, log: { warn: (obj) => warnings.push(obj) } });
    // Within the engine's bounds but among its costliest (tens of milliseconds: every layer its own
    // instance, evaluated and rendered), far past a millisecond even when this process is slow to
    // hear its timer on a loaded machine: the deadline, not the spec, decides.
    const block = `def l(c) { conv c 3 pad=same > bn > relu }\ndef b(c) { ${Array.from({ length: 10 }, (_, i) => `l c+${i}`).join(' > ')} }`;
    const slow = await p.answer(`${block}\ninput 64x64x3 > ${Array.from({ length: 60 }, (_, i) => `b ${1 + 10 * i}`).join(' > ')}`, 'en');
    expect(slow).toEqual({ ok: false, error: { key: 'err.tooCostly', params: { ms: '1' } } });
    expect(warnings).toEqual([expect.objectContaining({ why: 'deadline' })]);
    const relaxed = pool();
    expect(await relaxed.answer('dense 512 10', 'en')).toMatchObject({ ok: true });
  });

  it('keeps other answers coming while one worker is stuck, with two workers', async () => {
    const p = pool({ workers: 2 });
    const answers = await Promise.all(['dense 4 2', 'dense 8 2', 'dense 16 2', 'dense 32 2'].map((s) => p.answer(s, 'en')));
    expect(answers.every((a) => a.ok)).toBe(true);
  });

  it('bounds its cache by bytes, not entries', async () => {
    const p = pool({ cacheBytes: 256 * 1024 });
    for (let i = 0; i < 40; i++) {
      const spec = `input ${i + 8}x8x3 > ${Array.from({ length: 100 }, () => 'relu').join(' > ')}`; // about 12 KB an answer
      expect((await p.answer(spec, 'en')).ok).toBe(true);
    }
    expect(p.cachedBytes).toBeGreaterThan(200 * 1024);
    expect(p.cachedBytes).toBeLessThanOrEqual(256 * 1024);
  });

  it('keeps no answer larger than a sixteenth of its cache', async () => {
    const p = pool({ cacheBytes: 256 * 1024 });
    const large = `input 8x8x3 > ${Array.from({ length: 300 }, () => 'relu').join(' > ')}`; // about 34 KB
    expect((await p.answer(large, 'en')).ok).toBe(true);
    expect(p.cachedBytes).toBe(0);
    expect((await p.answer('dense 4 2', 'en')).ok).toBe(true);
    expect(p.cachedBytes).toBeGreaterThan(0);
  });

  it('tells the asker it is busy past its queue, rather than queueing without end', async () => {
    const p = pool({ maxQueued: 2 });
    const many = await Promise.all(Array.from({ length: 12 }, (_, i) => p.answer(`dense ${i + 1} 3`, 'en')));
    expect(many.filter((a) => !a.ok && a.error.key === 'err.busy').length).toBeGreaterThan(0);
    expect(many.filter((a) => a.ok).length).toBeGreaterThanOrEqual(2);
  });
});
