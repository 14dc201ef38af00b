/**
 * Slack signs each request over its timestamp and body, and Bolt refuses signatures more than
 * five minutes old; inside those five minutes a captured request could be sent again, and a
 * timestamp in the future would stay "fresh" for as long as its sender liked. This guard keeps
 * what Bolt does not: the signatures seen within the window (a replay runs at most once) and the
 * rule that a timestamp may not lie ahead of the clock either.
 */

/** Slack's window for a signed request's timestamp, in seconds, either side of now. */
export const SIGNATURE_WINDOW_S = 300;

/** Signatures remembered at most: far above the requests a workspace sends in five minutes. */
const MAX_REMEMBERED = 100_000;

export class ReplayGuard {
  /** `signature:timestamp` -> the timestamp, in arrival order (so the oldest come first). */
  private readonly seen = new Map<string, number>();

  /** A timestamp too far ahead of now, refused as Bolt refuses one too far behind. */
  static fromTheFuture(timestamp: number, nowS: number): boolean {
    return timestamp > nowS + SIGNATURE_WINDOW_S;
  }

  /** True the first time a (verified) signature is seen within the window; false for a replay. */
  admit(signature: string, timestamp: number, nowS: number): boolean {
    this.forget(nowS);
    const key = `${signature}:${timestamp}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, timestamp);
    if (this.seen.size > MAX_REMEMBERED) this.seen.delete(this.seen.keys().next().value as string);
    return true;
  }

  /** Drops signatures older than the window: Bolt refuses those anyway. */
  private forget(nowS: number): void {
    for (const [key, timestamp] of this.seen) {
      if (timestamp >= nowS - SIGNATURE_WINDOW_S) break;
      this.seen.delete(key);
    }
  }
}
