/**
 * The database reader against Intl, the source the bot used before it: every zone Intl knows that
 * the system's database has, at instants from 1990 to 2037 and on both sides of every transition
 * its file lists there; and the hard zones from 1970 to 2100, where the footer's rule takes over.
 * Intl (Node's ICU) and the system's tzdata may be different releases: a zone whose rules changed
 * between them would be listed here with the change, not compared more loosely. With ICU 2025c
 * and Debian's tzdata 2025b none differ.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zoneFromDatabase } from '../../../src/quiz/zones/database.js';
import { intlOffsets } from '../../../src/quiz/zones/intl.js';
import { parseTzif } from '../../../src/quiz/zones/tzif.js';
import { DATABASE, HAS_DATABASE, NO_DATABASE } from './database.js';

const DAY = 86_400_000;
const FROM = Date.UTC(1990, 0, 1);
const TO = Date.UTC(2037, 0, 1);

/** The instants where the reader and Intl differ, as `instant: reader h, Intl h`, at most a few. */
function differences(zone: string, instants: Iterable<number>): string[] {
  const reader = zoneFromDatabase(zone)!;
  const intl = intlOffsets(zone);
  const out: string[] = [];
  for (const t of instants) {
    const mine = reader.offsetAt(Math.floor(t / 1000)) * 1000;
    const theirs = intl(t);
    if (mine !== theirs && out.length < 5) out.push(`${new Date(t).toISOString()}: ${mine / 3_600_000} h, Intl ${theirs / 3_600_000} h`);
  }
  return out;
}

/** Every `step` ms from `from` to `to`, off the hour so that every time of day comes up. */
function* every(step: number, from = FROM, to = TO): Generator<number> {
  for (let t = from; t < to; t += step) yield t;
}

describe.skipIf(!HAS_DATABASE)(`the reader agrees with Intl${NO_DATABASE}`, () => {
  const zones = HAS_DATABASE ? Intl.supportedValuesOf('timeZone').filter((z) => zoneFromDatabase(z) !== undefined) : [];

  it('has nearly every zone Intl knows', () => {
    expect(zones.length).toBeGreaterThan(0.9 * Intl.supportedValuesOf('timeZone').length);
  });

  it.each(zones)('%s, 1990-2037: every 9 days and 7 hours, and a second either side of each transition', (zone) => {
    const file = parseTzif(readFileSync(join(DATABASE, zone)))!;
    const transitions = [...file.transitions].map((s) => s * 1000).filter((t) => t >= FROM && t < TO);
    const aroundTransitions = transitions.flatMap((t) => [t - 1000, t, t + 999]);
    expect(differences(zone, [...every(9 * DAY + 7 * 3_600_000 + 13_000), ...aroundTransitions])).toEqual([]);
  });
});

/**
 * The zones that make a reader work: a date skipped (Apia, 2011-12-30), half-hour and 45-minute
 * offsets and savings (Lord Howe, Chatham, Kathmandu, Tehran), a saving below zero (Dublin), changes
 * at midnight or before it (Santiago, Havana, Nuuk), Ramadan listed year by year (Casablanca), a
 * two-hour saving (Troll), a southern summer (Sydney).
 */
const HARD = [
  'Asia/Taipei',
  'America/New_York',
  'Europe/London',
  'Europe/Dublin',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/Santiago',
  'America/Nuuk',
  'Pacific/Apia',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'Africa/Casablanca',
  'Asia/Tehran',
  'America/Havana',
  'Antarctica/Troll',
];

/** The instants (ms) the reader's offset changes at, 1970-2100: scanned by the day, then found to the second. */
function changes(zone: string): number[] {
  const reader = zoneFromDatabase(zone)!;
  const offset = (ms: number) => reader.offsetAt(Math.floor(ms / 1000));
  const out: number[] = [];
  for (let t = Date.UTC(1970, 0, 1); t < Date.UTC(2100, 0, 1); t += DAY) {
    if (offset(t) === offset(t + DAY)) continue;
    let [before, after] = [t, t + DAY];
    while (after - before > 1000) {
      const mid = before + Math.floor((after - before) / 2000) * 1000;
      if (offset(mid) === offset(t)) before = mid;
      else after = mid;
    }
    out.push(after);
  }
  return out;
}

describe.skipIf(!HAS_DATABASE)(`the hard zones, 1970-2100${NO_DATABASE}`, () => {
  it.each(HARD)('%s: every 5 days and 5 hours, and a second either side of each change', (zone) => {
    const found = changes(zone);
    expect(found.length, 'a zone that changes its offset').toBeGreaterThan(0);
    const around = found.flatMap((t) => [t - 1000, t]);
    expect(differences(zone, [...every(5 * DAY + 5 * 3_600_000 + 1000, Date.UTC(1970, 0, 1), Date.UTC(2100, 0, 1)), ...around])).toEqual([]);
  });
});
