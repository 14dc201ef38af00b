/**
 * The system's time-zone database as the bot reads it: names from users are looked up safely, and a
 * machine without the database answers as before (from Intl).
 */
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isZoneName, machineZoneName, zoneFromDatabase } from '../../../src/quiz/zones/database.js';
import { isValidTimeZone } from '../../../src/quiz/zones/offsets.js';
import { parseTzif } from '../../../src/quiz/zones/tzif.js';
import { Zone } from '../../../src/quiz/zones/zone.js';
import { HAS_DATABASE, NO_DATABASE } from './database.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('zone names', () => {
  it.each(['Asia/Taipei', 'America/Argentina/Buenos_Aires', 'Etc/GMT+8', 'Etc/GMT-14', 'UTC', 'America/Port-au-Prince', 'asia/taipei'])('%s has the form of a zone name', (name) => {
    expect(isZoneName(name)).toBe(true);
  });

  it.each([
    '../etc/passwd',
    '/etc/passwd',
    'Asia/../../x',
    'Asia/./Taipei',
    '.',
    '',
    `Asia/${'x'.repeat(200)}`,
    'Asia//Taipei',
    'Asia/Taipei/',
    'Asia\\Taipei',
    'Asia/Taipei\0',
    'Asia/Taipei ',
    'zone.tab',
    'posix/Asia/Taipei',
    'right/Asia/Taipei',
    'posixrules',
    'localtime',
    'Factory',
    'GMT+08:00',
  ])('%j is not looked up, and is no zone (nor for Intl)', (name) => {
    expect(() => new Intl.DateTimeFormat('en-US', { timeZone: name })).toThrow(RangeError);
    expect(isZoneName(name)).toBe(false);
    expect(zoneFromDatabase(name)).toBeUndefined();
    expect(isValidTimeZone(name)).toBe(false);
  });

  it.each(['Mars/Olympus', 'Asia', 'Etc/GMT+14'])('%s: no such zone', (name) => {
    expect(zoneFromDatabase(name)).toBeUndefined();
    expect(isValidTimeZone(name)).toBe(false);
  });

  it('names accepted before the database was read stay accepted: links, and any case (Intl answers those)', () => {
    for (const name of ['Asia/Taipei', 'US/Eastern', 'ROC', 'UTC', 'Etc/GMT+8', 'asia/taipei', 'us/eastern', 'utc', 'America/Nuuk', 'America/Godthab', 'Europe/Kyiv']) {
      expect(isValidTimeZone(name), name).toBe(true);
    }
  });
});

describe('files the reader opens', () => {
  /** A database of three entries: a zone, a link out of the directory, and a file that is not a zone. */
  const fake = () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoneinfo-'));
    mkdirSync(join(dir, 'Test'));
    writeFileSync(join(dir, 'Test/Zone'), tzifOf('TEST-5'));
    writeFileSync(join(dir, 'Test/Text'), 'not a zone\n');
    const outside = join(mkdtempSync(join(tmpdir(), 'outside-')), 'Zone');
    writeFileSync(outside, tzifOf('OUT-3'));
    symlinkSync(outside, join(dir, 'Test/Out'));
    symlinkSync('Zone', join(dir, 'Test/Link'));
    return dir;
  };

  it('reads zones and links inside TZDIR only: not a link out of it, a directory or a file that is not TZif', () => {
    vi.stubEnv('TZDIR', fake());
    expect(zoneFromDatabase('Test/Zone')?.offsetAt(0)).toBe(5 * 3600);
    expect(zoneFromDatabase('Test/Link')?.offsetAt(0)).toBe(5 * 3600);
    expect(zoneFromDatabase('Test/Out')).toBeUndefined();
    expect(zoneFromDatabase('Test')).toBeUndefined();
    expect(zoneFromDatabase('Test/Text')).toBeUndefined();
    expect(zoneFromDatabase('Test/Missing')).toBeUndefined();
  });
});

/** The smallest version 2 TZif file: one time type, no transitions, the footer `tz`. */
function tzifOf(tz: string): Uint8Array {
  const header = new Uint8Array(44);
  header.set(new TextEncoder().encode('TZif2'));
  new DataView(header.buffer).setUint32(36, 1); // typecnt
  new DataView(header.buffer).setUint32(40, 4); // charcnt
  const data = new Uint8Array([0, 0, 0, 0, 0, 0, 0x55, 0x54, 0x43, 0]); // +0, not DST, "UTC"
  return new Uint8Array([...header, ...data, ...header, ...data, ...new TextEncoder().encode(`\n${tz}\n`)]);
}

describe('the machine zone', () => {
  it.skipIf(!HAS_DATABASE)(`is TZ's zone, with or without a colon, and UTC by that name${NO_DATABASE}`, () => {
    for (const [tz, name] of [
      ['Asia/Taipei', 'Asia/Taipei'],
      [':America/New_York', 'America/New_York'],
      ['Etc/UTC', 'UTC'],
      ['UTC', 'UTC'],
    ]) {
      vi.stubEnv('TZ', tz);
      expect(machineZoneName(), tz).toBe(name);
    }
  });

  it('is undefined (Intl is asked) when TZ names no zone in the database', () => {
    for (const tz of ['Mars/Olympus', 'EST5EDT,M3.2.0,M11.1.0', ':/etc/localtime', '../etc/passwd']) {
      vi.stubEnv('TZ', tz);
      expect(machineZoneName(), tz).toBeUndefined();
    }
  });

  it.skipIf(!HAS_DATABASE || !isLink('/etc/localtime'))(`without TZ, is the zone /etc/localtime links to${NO_DATABASE}`, () => {
    vi.stubEnv('TZ', undefined);
    const name = machineZoneName();
    expect(name).toBeDefined();
    const local = Zone.of(parseTzif(readFileSync('/etc/localtime'))!)!;
    for (const t of [0, 1e9, 1.5e9, 2e9, 3e9]) expect(zoneFromDatabase(name!)!.offsetAt(t)).toBe(local.offsetAt(t));
  });
});

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

describe('without the database (a slim container without tzdata)', () => {
  it('week boundaries and days are those Intl gives, and the same names are valid', async () => {
    const withDatabase = await import('../../../src/quiz/week.js');
    vi.stubEnv('TZDIR', join(tmpdir(), 'no-such-zoneinfo'));
    vi.resetModules();
    const without = await import('../../../src/quiz/week.js');
    const offsets = await import('../../../src/quiz/zones/offsets.js');
    const database = await import('../../../src/quiz/zones/database.js');
    expect(database.zoneFromDatabase('Asia/Taipei')).toBeUndefined();
    expect(without).not.toBe(withDatabase);
    for (const zone of ['Asia/Taipei', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Apia', 'UTC']) {
      for (let t = Date.UTC(2011, 11, 20); t < Date.UTC(2012, 0, 10); t += 5 * 3_600_000 + 17) {
        expect(without.isoWeek(t, zone), zone).toBe(withDatabase.isoWeek(t, zone));
        expect(without.localDay(t, zone), zone).toEqual(withDatabase.localDay(t, zone));
      }
      expect(offsets.isValidTimeZone(zone)).toBe(true);
    }
    expect(offsets.isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(offsets.isValidTimeZone('../etc/passwd')).toBe(false);
  });
});
