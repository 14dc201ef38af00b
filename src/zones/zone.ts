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

  /**
   * The zone a file describes, or undefined when the file leaves an instant's offset unspecified: a
   * file with transitions but no footer (or an empty one) says nothing after the last of them, and
   * a footer this reader cannot parse is not guessed at.
   */
  static of(file: Tzif): Zone | undefined {
    const tail = file.footer ? parsePosixTz(file.footer) : file.transitions.length === 0 ? ({ kind: 'fixed', offset: file.initialOffset } as const) : undefined;
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
