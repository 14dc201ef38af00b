/**
 * The requests Bolt is handling, counted from the first middleware to the last line a listener
 * sends: idle() resolves once none is left, so a caller (a clean stop, a test) knows that nothing
 * more will be sent for the requests so far.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';

export class InFlight {
  private count = 0;
  private readonly waiters: Array<() => void> = [];

  /** The first global middleware: everything after it, listeners included, runs inside `next`. */
  readonly middleware: Middleware<AnyMiddlewareArgs> = async ({ next }) => {
    this.count++;
    try {
      await next();
    } finally {
      if (--this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  };

  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
