/**
 * TZif files built by hand, so the parser and the zone's offsets are tested without the system's
 * database: a version 1 file, a version 2 file with its footer, and the files refused.
 */
import { describe, expect, it } from 'vitest';
import { parseTzif } from '../../../src/quiz/zones/tzif.js';
import { Zone } from '../../../src/quiz/zones/zone.js';

interface Spec {
  readonly version: '\0' | '2' | '3' | '4' | '5';
  /** [instant (epoch s), time type]. */
  readonly transitions: ReadonlyArray<readonly [number, number]>;
  /** [offset (s), isdst, abbreviation index]. */
  readonly types: ReadonlyArray<readonly [number, number, number]>;
  readonly chars: string;
  readonly leaps?: number;
  /** The TZ string, without its newlines (versions 2 and later). */
  readonly footer?: string | undefined;
}

/** A header and data block with times of `timeBytes` bytes (RFC 8536 §3.1, §3.2). */
function block(s: Spec, timeBytes: 4 | 8): number[] {
  const leaps = s.leaps ?? 0;
  const size = 44 + s.transitions.length * (timeBytes + 1) + s.types.length * 6 + s.chars.length + leaps * (timeBytes + 4);
  const view = new DataView(new ArrayBuffer(size));
  let at = 0;
  for (const c of 'TZif') view.setUint8(at++, c.charCodeAt(0));
  view.setUint8(at, s.version.charCodeAt(0));
  at = 20;
  for (const n of [0, 0, leaps, s.transitions.length, s.types.length, s.chars.length]) view.setUint32(at, n), (at += 4);
  for (const [t] of s.transitions) timeBytes === 8 ? view.setBigInt64(at, BigInt(t)) : view.setInt32(at, t), (at += timeBytes);
  for (const [, type] of s.transitions) view.setUint8(at++, type);
  for (const [utoff, isdst, idx] of s.types) view.setInt32(at, utoff), view.setUint8(at + 4, isdst), view.setUint8(at + 5, idx), (at += 6);
  for (const c of s.chars) view.setUint8(at++, c.charCodeAt(0));
  return [...new Uint8Array(view.buffer)];
}

function tzif(s: Spec): Uint8Array {
  if (s.version === '\0') return new Uint8Array(block(s, 4));
  return new Uint8Array([...block(s, 4), ...block(s, 8), ...new TextEncoder().encode(`\n${s.footer ?? ''}\n`)]);
}

const H = 3600;
/** Taipei since 1945: CST (+8), with summer times (CDT, +9) until 1979; two of them here. */
const TAIPEI: Spec = {
  version: '2',
  transitions: [
    [-2_000_000_000, 1], // LMT -> CST
    [300_000_000, 2], // 1979-07-01: CDT
    [307_000_000, 1], // 1979-09-23: CST
  ],
  types: [
    [29_160, 0, 0], // LMT +8:06
    [8 * H, 0, 4], // CST
    [9 * H, 1, 8], // CDT
  ],
  chars: 'LMT\0CST\0CDT\0',
  footer: 'CST-8',
};

describe('a hand-built TZif file', () => {
  it('version 1: 32-bit transitions, and no footer', () => {
    const file = parseTzif(tzif({ ...TAIPEI, version: '\0', footer: undefined }));
    expect(file).toMatchObject({ version: 1, initialOffset: 29_160, footer: undefined });
    expect([...file!.transitions]).toEqual([-2_000_000_000, 300_000_000, 307_000_000]);
    expect([...file!.offsets]).toEqual([8 * H, 9 * H, 8 * H]);
    // Without a footer the RFC leaves the time after the last transition unspecified: no zone.
    expect(Zone.of(file!)).toBeUndefined();
  });

  it('version 1 without transitions: time type 0 at every instant', () => {
    const zone = Zone.of(parseTzif(tzif({ version: '\0', transitions: [], types: [[-10 * H, 0, 0]], chars: 'HST\0' }))!);
    expect([-1e10, 0, 2e9, 5e9].map((t) => zone!.offsetAt(t))).toEqual([-10 * H, -10 * H, -10 * H, -10 * H]);
  });

  it.each(['2', '3', '4'] as const)('version %s: time type 0 before the first transition, the transitions, then the footer', (version) => {
    const file = parseTzif(tzif({ ...TAIPEI, version }));
    expect(file).toMatchObject({ version: Number(version), footer: 'CST-8' });
    const zone = Zone.of(file!)!;
    const offsets = [-3e9, -2_000_000_001, -2_000_000_000, 299_999_999, 300_000_000, 306_999_999, 307_000_000, 4e9].map((t) => zone.offsetAt(t));
    expect(offsets).toEqual([29_160, 29_160, 8 * H, 8 * H, 9 * H, 9 * H, 8 * H, 8 * H]);
  });

  it('64-bit times beyond 2038 are read from the second block', () => {
    const file = parseTzif(tzif({ ...TAIPEI, transitions: [...TAIPEI.transitions, [5_000_000_000, 2]], footer: 'CDT-9' }));
    expect(file!.transitions.at(-1)).toBe(5_000_000_000);
    expect(Zone.of(file!)!.offsetAt(5_000_000_000)).toBe(9 * H);
  });

  it('a footer with rules takes over after the last transition', () => {
    const zone = Zone.of(parseTzif(tzif({ ...TAIPEI, footer: 'EST5EDT,M3.2.0,M11.1.0' }))!)!;
    expect(zone.offsetAt(Date.UTC(2030, 0, 1) / 1000)).toBe(-5 * H);
    expect(zone.offsetAt(Date.UTC(2030, 6, 1) / 1000)).toBe(-4 * H);
  });

  it('no transitions: the footer at every instant when there is one', () => {
    const zone = Zone.of(parseTzif(tzif({ version: '2', transitions: [], types: [[0, 0, 0]], chars: 'UTC\0', footer: '<+13>-13' }))!)!;
    expect(zone.offsetAt(0)).toBe(13 * H);
  });

  it.each<[string, Uint8Array]>([
    ['leap-second records (the right/ zones)', tzif({ ...TAIPEI, leaps: 1 })],
    ['an unknown version', tzif({ ...TAIPEI, version: '5' })],
    ['a wrong magic number', new Uint8Array([0x54, 0x5a, 0x69, 0x67, ...tzif(TAIPEI).subarray(4)])],
    ['a cut file', tzif(TAIPEI).subarray(0, 150)],
    ['a transition to a time type that does not exist', tzif({ ...TAIPEI, transitions: [[0, 3]] })],
    ['transitions out of order', tzif({ ...TAIPEI, transitions: [...TAIPEI.transitions].reverse() })],
    ['no time types', tzif({ ...TAIPEI, transitions: [], types: [] })],
    ['an abbreviation index past the characters', tzif({ ...TAIPEI, types: [[0, 0, 12]], transitions: [] })],
    ['an offset of -2^31', tzif({ ...TAIPEI, types: [[-0x80000000, 0, 0]], transitions: [] })],
    ['a footer not in newlines', tzif(TAIPEI).subarray(0, -1)],
    ['a footer with a control character', tzif({ ...TAIPEI, footer: 'CST-8\t' })],
    ['nothing', new Uint8Array()],
  ])('%s: not read', (_what, bytes) => {
    expect(parseTzif(bytes)).toBeUndefined();
  });

  it.each([
    ['an empty footer', ''],
    ['a footer outside the grammar', 'CST-8CDT'],
  ])('%s after transitions: no zone, rather than a guessed offset', (_what, footer) => {
    const file = parseTzif(tzif({ ...TAIPEI, footer }));
    expect(file).toBeDefined();
    expect(Zone.of(file!)).toBeUndefined();
  });
});
