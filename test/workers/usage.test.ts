/** An asker's share of sandbox time: a token bucket, on a clock the test turns. */
import { describe, expect, it } from 'vitest';
import { Usage } from '../../src/workers/usage.js';

describe('usage per asker', () => {
  it('is light within its burst, heavy past it, and light again as the share refills', () => {
    let now = 0;
    const usage = new Usage(() => now, { shareMs: 250, burstMs: 1_000, remembered: 4 });
    expect(usage.heavy('mallory')).toBe(false);
    usage.charge('mallory', 900);
    expect(usage.heavy('mallory')).toBe(false); // one costly paste stays light
    usage.charge('mallory', 900);
    expect(usage.heavy('mallory')).toBe(true);
    now += 2_000; // 500 ms refilled: still 300 short
    expect(usage.heavy('mallory')).toBe(true);
    now += 2_000;
    expect(usage.heavy('mallory')).toBe(false);
    expect(usage.heavy('alice')).toBe(false);
  });

  it('forgets the askers charged least recently past its bound (they are light again)', () => {
    const now = 0;
    const usage = new Usage(() => now, { shareMs: 0, burstMs: 0, remembered: 2 });
    usage.charge('a', 1);
    usage.charge('b', 1);
    usage.charge('c', 1);
    expect([usage.heavy('a'), usage.heavy('b'), usage.heavy('c')]).toEqual([false, true, true]);
  });
});
