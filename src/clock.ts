/**
 * Time, injected: the quiz and the scheduler never read Date.now() or call setTimeout themselves,
 * so tests can move time forward (across a week's end, a daylight-saving change) without waiting.
 */
export interface Timer {
  cancel(): void;
}

export interface Clock {
  now(): number;
  /** Calls `fn` at `at` (epoch ms), or at once if that has passed. */
  at(at: number, fn: () => void): Timer;
}

/**
 * How long a timer sleeps at most before it looks at the wall clock again. setTimeout counts on
 * a monotonic clock, so a wall-clock jump forward (a suspended laptop, an NTP step) would
 * otherwise leave a round open long past its deadline; waking every second closes it at once.
 */
const RECHECK_MS = 1_000;

export const systemClock: Clock = {
  now: () => Date.now(),
  at(at, fn) {
    let handle: NodeJS.Timeout;
    const check = () => {
      const delay = at - Date.now();
      if (delay <= 0) return fn();
      handle = setTimeout(check, Math.min(delay, RECHECK_MS));
      handle.unref?.();
    };
    handle = setTimeout(check, Math.max(0, Math.min(at - Date.now(), RECHECK_MS)));
    handle.unref?.();
    return { cancel: () => clearTimeout(handle) };
  },
};

/** A clock for tests: time stands still until `advance` or `set` moves it, firing due timers in order. */
export class ManualClock implements Clock {
  private timers: Array<{ at: number; fn: () => void; seq: number }> = [];
  private seq = 0;

  constructor(private current: number) {}

  now(): number {
    return this.current;
  }

  at(at: number, fn: () => void): Timer {
    const timer = { at, fn, seq: this.seq++ };
    this.timers.push(timer);
    return { cancel: () => (this.timers = this.timers.filter((t) => t !== timer)) };
  }

  /** Moves time to `to`, running every timer due on the way at its own time. */
  set(to: number): void {
    for (;;) {
      const due = this.timers.filter((t) => t.at <= to).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = Math.max(this.current, to);
  }

  advance(ms: number): void {
    this.set(this.current + ms);
  }
}
