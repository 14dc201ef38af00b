/**
 * How much sandbox time each asker has used lately: a token bucket per asker, refilled at
 * `shareMs` a second up to `burstMs`. An asker who has used more than that is "heavy" until the
 * bucket refills: a student pasting a real model now and then never is; one sending the costliest
 * pastes twenty times a second is after the first few. The pool runs heavy askers' jobs in its
 * first sandbox only, so however many of them there are, the others stay free for everyone else.
 */
export interface UsageOptions {
  /** Sandbox time an asker may use per second, on average, and stay light. */
  readonly shareMs: number;
  /** What an asker may use at once before the average applies (one costly paste stays light). */
  readonly burstMs: number;
  /** Askers remembered; the least recently charged are forgotten first (they are light again). */
  readonly remembered: number;
}

export const USAGE_DEFAULTS: UsageOptions = { shareMs: 250, burstMs: 1_000, remembered: 1024 };

export class Usage {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly now: () => number,
    private readonly o: UsageOptions = USAGE_DEFAULTS,
  ) {}

  /** `ms` of sandbox time used by `owner`. */
  charge(owner: string, ms: number): void {
    const tokens = this.balance(owner) - ms;
    this.buckets.delete(owner); // re-inserted last: the map's order is the order of use
    this.buckets.set(owner, { tokens, at: this.now() });
    if (this.buckets.size > this.o.remembered) this.buckets.delete(this.buckets.keys().next().value!);
  }

  heavy(owner: string): boolean {
    return this.balance(owner) < 0;
  }

  private balance(owner: string): number {
    const b = this.buckets.get(owner);
    if (b === undefined) return this.o.burstMs;
    return Math.min(this.o.burstMs, b.tokens + ((this.now() - b.at) * this.o.shareMs) / 1000);
  }
}
