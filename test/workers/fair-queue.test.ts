/** The fair queue: owners taken in turn, each owner's jobs in their order. */
import { describe, expect, it } from 'vitest';
import { FairQueue } from '../../src/workers/fair-queue.js';

describe('FairQueue', () => {
  it('takes owners in turn and each owner in order', () => {
    const q = new FairQueue<string>();
    for (const j of ['m1', 'm2', 'm3']) q.push('m', j);
    q.push('a', 'a1');
    q.push('b', 'b1');
    q.push('a', 'a2');
    expect(q.size).toBe(6);
    expect(q.waiting('m')).toBe(3);
    const taken = Array.from({ length: 6 }, () => q.take());
    expect(taken).toEqual(['m1', 'a1', 'b1', 'm2', 'a2', 'm3']);
    expect(q.take()).toBeUndefined();
    expect(q.size).toBe(0);
  });

  it('skips owners that are not eligible, keeping their turn', () => {
    const q = new FairQueue<string>();
    q.push('m', 'm1');
    q.push('a', 'a1');
    expect(q.take((owner) => owner !== 'm')).toBe('a1');
    expect(q.take((owner) => owner !== 'm')).toBeUndefined();
    expect(q.take()).toBe('m1');
  });

  it('drains everything', () => {
    const q = new FairQueue<number>();
    q.push('x', 1);
    q.push('y', 2);
    expect(q.drain().sort()).toEqual([1, 2]);
    expect(q.size).toBe(0);
    expect(q.waiting('x')).toBe(0);
  });
});
