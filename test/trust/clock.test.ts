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
  it('fires a timer soon after the wall clock jumps past its time', async () => {
    vi.useFakeTimers({ toFake: ['Date'] }); // only Date: setTimeout keeps counting real time
    const start = Date.now();
    let fired = 0;
    systemClock.at(start + 3_600_000, () => fired++);
    vi.setSystemTime(start + 3_600_001); // an hour ahead, at once
    await vi.waitFor(() => expect(fired).toBe(1), { timeout: 2_500, interval: 50 });
  });

  it('does not fire early, and a cancelled timer never fires', async () => {
    let fired = 0;
    const timer = systemClock.at(Date.now() + 60_000, () => fired++);
    const cancelled = systemClock.at(Date.now() + 10, () => fired++);
    cancelled.cancel();
    await new Promise((r) => setTimeout(r, 1_200));
    expect(fired).toBe(0);
    timer.cancel();
  });
});
