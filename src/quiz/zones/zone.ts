/**
 * A time zone as its TZif file describes it: the UTC offset at any instant, by RFC 8536 §3.2's
 * rules. Before the first transition, time type 0; between transitions, the last one's; from the
 * last on, the footer's TZ string.
 */
import { type PosixTz, parsePosixTz, posixOffsetAt } from './posix-tz.js';
import type { Tzif } from './tzif.js';

export class Zone {
  private constructor(
    private readonly transitions: Float64Array,
    private readonly offsets: Int32Array,
    private readonly initialOffset: number,
    /** In force from the last transition on (everywhere, when there is none). */
    private readonly tail: PosixTz,
  ) {}

  /** The zone a file describes, or undefined when the file leaves some instant's offset unspecified. */
  static of(file: Tzif): Zone | undefined {
    const tail = tailOf(file);
    return tail && new Zone(file.transitions, file.offsets, file.initialOffset, tail);
  }

  /** Local time minus UTC, in seconds, at `epochSeconds`. */
  offsetAt(epochSeconds: number): number {
    const last = this.transitions.length - 1;
    if (last < 0 || epochSeconds >= this.transitions[last]!) return posixOffsetAt(this.tail, epochSeconds);
    if (epochSeconds < this.transitions[0]!) return this.initialOffset;
    // The last transition at or before the instant: transitions[lo] <= t < transitions[hi].
    let lo = 0;
    let hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (this.transitions[mid]! <= epochSeconds) lo = mid;
      else hi = mid;
    }
    return this.offsets[lo]!;
  }
}

/**
 * What holds from the last transition on (RFC 8536 §3.2): the footer's TZ string when there is one;
 * with no footer (version 1) or an empty one, time type 0 if the file has no transitions, else
 * nothing: the RFC leaves that time unspecified, and a footer this reader cannot parse is not
 * guessed at either.
 */
function tailOf(file: Tzif): PosixTz | undefined {
  if (file.footer) return parsePosixTz(file.footer);
  return file.transitions.length === 0 ? { kind: 'fixed', offset: file.initialOffset } : undefined;
}
