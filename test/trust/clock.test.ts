/**
 * Trust: a forward jump of the wall clock (a suspended laptop, an NTP step) closes a round whose
 * deadline it passed at once: the system clock's timers look at the wall clock every second
 * instead of trusting one long monotonic sleep.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../src/clock.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the system clock', () => {
  // Its timers and the wall clock both faked: the test moves them, it never waits for them.
  it('fires a timer within a second of the wall clock jumping past its time', () => {
    vi.useFakeTimers();
    const start = Date.now();
    let fired = 0;
    systemClock.at(start + 3_600_000, () => fired++);
    vi.setSystemTime(start + 3_600_001); // an hour ahead, at once; no timer has run yet
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1_000); // the next look at the wall clock
    expect(fired).toBe(1);
  });

  it('does not fire early, fires on time, and a cancelled timer never fires', () => {
    vi.useFakeTimers();
    let fired = 0;
    systemClock.at(Date.now() + 60_000, () => fired++);
    const cancelled = systemClock.at(Date.now() + 10, () => (fired += 100));
    cancelled.cancel();
    vi.advanceTimersByTime(59_999);
    expect(fired).toBe(0);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(1);
    vi.advanceTimersByTime(120_000);
    expect(fired).toBe(1);
  });
});
