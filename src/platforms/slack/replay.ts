/**
 * Slack signs each request over its timestamp and body, and Bolt refuses signatures more than
 * five minutes old; inside those five minutes a captured request could be sent again, and a
 * timestamp in the future would stay "fresh" for as long as its sender liked. This guard keeps
 * what Bolt does not: the rule that a timestamp may not lie ahead of the clock either, and the
 * signatures seen within the window, in the store, so a replay runs at most once whichever of
 * several instances behind a load balancer it reaches.
 */
import type { SeenRequests } from '../platform.js';

/** Slack's window for a signed request's timestamp, in seconds, either side of now. */
export const SIGNATURE_WINDOW_S = 300;

export class ReplayGuard {
  constructor(private readonly seen: SeenRequests) {}

  /** A timestamp too far ahead of now, refused as Bolt refuses one too far behind. */
  static fromTheFuture(timestamp: number, nowS: number): boolean {
    return timestamp > nowS + SIGNATURE_WINDOW_S;
  }

  /** True the first time a (verified) signature is seen within the window; false for a replay. */
  admit(signature: string, timestamp: number, nowS: number): Promise<boolean> {
    // Kept until the timestamp leaves the window: after that Bolt refuses the request anyway.
    return this.seen.firstSighting(`${signature}:${timestamp}`, (timestamp + SIGNATURE_WINDOW_S + 1) * 1000, nowS * 1000);
  }
}
