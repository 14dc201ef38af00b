/**
 * The Time Zone Information Format (RFC 8536, versions 1 to 4): the files of the system's time-zone
 * database. Reads what a UTC offset needs (transitions, the offset each one brings, the footer) and
 * checks the structure the RFC requires; a file it does not understand gives nothing, never a
 * partly read zone.
 */

/** A TZif file, read. Times are epoch seconds, offsets seconds east of UTC (local time minus UTC). */
export interface Tzif {
  readonly version: 1 | 2 | 3 | 4;
  /** Transition instants, strictly increasing. */
  readonly transitions: Float64Array;
  /** The offset in force from each transition on (same length as `transitions`). */
  readonly offsets: Int32Array;
  /** Time type 0's offset: in force before the first transition. */
  readonly initialOffset: number;
  /** The footer's POSIX TZ string (version 2 and later; may be empty): in force from the last transition on. */
  readonly footer: string | undefined;
}

const HEADER_BYTES = 44;
const VERSIONS = { 0: 1, 50: 2, 51: 3, 52: 4 } as const; // '\0', '2', '3', '4'

/** The six counts of a header (RFC 8536 §3.1). */
interface Counts {
  readonly isut: number;
  readonly isstd: number;
  readonly leap: number;
  readonly time: number;
  readonly type: number;
  readonly char: number;
}

function header(view: DataView, at: number): { version: Tzif['version']; counts: Counts } | undefined {
  if (view.byteLength < at + HEADER_BYTES || view.getUint32(at) !== 0x545a6966) return undefined; // "TZif"
  const version = VERSIONS[view.getUint8(at + 4) as keyof typeof VERSIONS];
  if (version === undefined) return undefined;
  const n = (i: number) => view.getUint32(at + 20 + 4 * i);
  return { version, counts: { isut: n(0), isstd: n(1), leap: n(2), time: n(3), type: n(4), char: n(5) } };
}

/** Bytes of a data block whose times take `timeBytes` (4 in version 1's block, 8 in the second). */
const blockBytes = (c: Counts, timeBytes: number) => c.time * timeBytes + c.time + c.type * 6 + c.char + c.leap * (timeBytes + 4) + c.isstd + c.isut;

/** The data block at `at`: its transitions with their offsets, and time type 0's offset. */
function block(view: DataView, at: number, c: Counts, timeBytes: 4 | 8): Omit<Tzif, 'version' | 'footer'> | undefined {
  // Leap-second records (the `right/` zones) count time differently from the rest of the system: not read.
  if (c.leap !== 0 || c.type === 0 || c.char === 0 || (c.isstd !== 0 && c.isstd !== c.type) || (c.isut !== 0 && c.isut !== c.type)) return undefined;
  if (view.byteLength < at + blockBytes(c, timeBytes)) return undefined;
  const indices = at + c.time * timeBytes;
  const types = indices + c.time;
  const utoff = (type: number) => view.getInt32(types + 6 * type);
  for (let t = 0; t < c.type; t++) {
    const isdst = view.getUint8(types + 6 * t + 4);
    if (utoff(t) === -0x80000000 || isdst > 1 || view.getUint8(types + 6 * t + 5) >= c.char) return undefined;
  }
  const transitions = new Float64Array(c.time);
  const offsets = new Int32Array(c.time);
  for (let i = 0; i < c.time; i++) {
    transitions[i] = timeBytes === 8 ? Number(view.getBigInt64(at + 8 * i)) : view.getInt32(at + 4 * i);
    const type = view.getUint8(indices + i);
    if (type >= c.type || (i > 0 && transitions[i]! <= transitions[i - 1]!)) return undefined;
    offsets[i] = utoff(type);
  }
  return { transitions, offsets, initialOffset: utoff(0) };
}

/** The footer after the second data block: `\n`, a TZ string in printable ASCII, `\n`, and nothing after. */
function footer(bytes: Uint8Array, at: number): string | undefined {
  const end = bytes.length - 1;
  if (end <= at || bytes[at] !== 0x0a || bytes[end] !== 0x0a) return undefined;
  const text = bytes.subarray(at + 1, end);
  return text.every((b) => b >= 0x20 && b < 0x7f) ? String.fromCharCode(...text) : undefined;
}

export function parseTzif(bytes: Uint8Array): Tzif | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = header(view, 0);
  if (first === undefined) return undefined;
  if (first.version === 1) {
    const data = block(view, HEADER_BYTES, first.counts, 4);
    return data && { version: 1, ...data, footer: undefined };
  }
  // Version 2 and later repeat the data with 64-bit times after the first block; readers use the second.
  const second = HEADER_BYTES + blockBytes(first.counts, 4);
  const again = header(view, second);
  if (again === undefined || again.version !== first.version) return undefined;
  const data = block(view, second + HEADER_BYTES, again.counts, 8);
  const tz = data && footer(bytes, second + HEADER_BYTES + blockBytes(again.counts, 8));
  return data && tz !== undefined ? { version: first.version, ...data, footer: tz } : undefined;
}
