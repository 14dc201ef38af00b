/** The POSIX TZ strings TZif files end with: the grammar, and the offsets their rules give. */
import { describe, expect, it } from 'vitest';
import { type PosixTz, parsePosixTz, posixOffsetAt } from '../../../src/quiz/zones/posix-tz.js';

const H = 3600;
const at = (iso: string) => Date.parse(iso) / 1000;
const rule = (text: string): PosixTz => {
  const tz = parsePosixTz(text);
  expect(tz, text).toBeDefined();
  return tz!;
};
/** The offset in hours at each instant. */
const hoursAt = (text: string, instants: readonly string[]) => instants.map((iso) => posixOffsetAt(rule(text), at(iso)) / H);

describe('a TZ string', () => {
  it.each([
    ['CST-8', 8],
    ['UTC0', 0],
    ['<+0330>-3:30', 3.5],
    ['<-03>3', -3],
    ['<+0545>-5:45', 5.75],
    ['<-0930>9:30', -9.5],
    ['XXX-1:02:03', 1 + 2 / 60 + 3 / 3600],
  ])('%s is a fixed offset of %d h', (text, hours) => {
    expect(rule(text)).toEqual({ kind: 'fixed', offset: hours * H });
  });

  it.each([
    '',
    'EST', // no offset
    'ES5', // a name of two letters
    '<AB>5', // a quoted name of two characters
    'EST25', // an offset past 24 h
    'EST5:60',
    'EST5EDT', // daylight time without rules: the dates are not guessed
    'EST5EDT,M3.2.0', // one rule
    'EST5EDT,M3.2.0,M11.1.0,', // something after the rules
    'EST5EDT,M13.1.0,M11.1.0', // no month 13
    'EST5EDT,M3.6.0,M11.1.0', // no week 6
    'EST5EDT,M3.2.7,M11.1.0', // no weekday 7
    'EST5EDT,J0,J100', // J counts from 1
    'EST5EDT,366,100', // n counts 0..365
    'EST5EDT,M3.2.0/168,M11.1.0', // a time past 167 h
    'EST5EDT,M3.2.0/2:60,M11.1.0',
    'EST 5',
  ])('%j is refused', (text) => {
    expect(parsePosixTz(text)).toBeUndefined();
  });

  it('takes daylight time an hour ahead unless written, and times of up to ±167 h (version 3)', () => {
    expect(rule('EST5EDT,M3.2.0,M11.1.0')).toMatchObject({ std: -5 * H, dst: -4 * H, start: { time: 2 * H }, end: { time: 2 * H } });
    expect(rule('<+1030>-10:30<+11>-11,M10.1.0,M4.1.0')).toMatchObject({ std: 10.5 * H, dst: 11 * H });
    expect(rule('AAA0BBB,M3.5.0/-167,M10.5.0/167')).toMatchObject({ start: { time: -167 * H }, end: { time: 167 * H } });
  });
});

describe('the offset a rule gives', () => {
  it('New York: daylight time from the second Sunday of March 02:00 to the first Sunday of November 02:00', () => {
    expect(hoursAt('EST5EDT,M3.2.0,M11.1.0', ['2030-01-15T12:00:00Z', '2030-03-10T06:59:59Z', '2030-03-10T07:00:00Z', '2030-11-03T05:59:59Z', '2030-11-03T06:00:00Z'])).toEqual([-5, -5, -4, -4, -5]);
  });

  it('Sydney: daylight time across the new year', () => {
    const sydney = 'AEST-10AEDT,M10.1.0,M4.1.0/3';
    // 2030-04-07 03:00 AEDT is 04-06 16:00 UTC; 2030-10-06 02:00 AEST is 10-05 16:00 UTC.
    expect(hoursAt(sydney, ['2030-01-01T00:00:00Z', '2030-04-06T15:59:59Z', '2030-04-06T16:00:00Z', '2030-10-05T15:59:59Z', '2030-10-05T16:00:00Z', '2030-12-31T23:59:59Z'])).toEqual([
      11, 11, 10, 10, 11, 11,
    ]);
  });

  it('Dublin: a negative saving, standard time (IST) in summer and "daylight" time (GMT) in winter', () => {
    const dublin = 'IST-1GMT0,M10.5.0,M3.5.0/1';
    // The last Sundays are 2030-03-31 (01:00 GMT) and 2030-10-27 (02:00 IST, 01:00 UTC).
    expect(hoursAt(dublin, ['2030-01-10T00:00:00Z', '2030-03-31T00:59:59Z', '2030-03-31T01:00:00Z', '2030-10-27T00:59:59Z', '2030-10-27T01:00:00Z'])).toEqual([0, 0, 1, 1, 0]);
  });

  it('daylight time all year: each year ends where the next one starts', () => {
    const allYear = 'EST5EDT,0/0,J365/25';
    const instants = ['2031-12-31T23:59:59Z', '2032-01-01T04:59:59Z', '2032-01-01T05:00:00Z', '2032-02-29T12:00:00Z', '2032-07-01T00:00:00Z', '2032-12-31T23:59:59Z', '2033-01-01T05:00:00Z'];
    expect(hoursAt(allYear, instants)).toEqual(instants.map(() => -4));
  });

  it('Nuuk: rule times before midnight (-1) and at it (0)', () => {
    // The last Sunday of March 2030 is the 31st: -1 h local standard (-02) is 03-30 23:00 -02, 03-31 01:00 UTC.
    expect(hoursAt('<-02>2<-01>,M3.5.0/-1,M10.5.0/0', ['2030-03-31T00:59:59Z', '2030-03-31T01:00:00Z', '2030-10-27T00:59:59Z', '2030-10-27T01:00:00Z'])).toEqual([-2, -1, -1, -2]);
  });

  it('Santiago: 24:00 of a Saturday is the Sunday midnight', () => {
    // M9.1.6/24: the first Saturday of September 2030 is the 7th; its 24:00 in -04 is 09-08 04:00 UTC.
    expect(hoursAt('<-04>4<-03>,M9.1.6/24,M4.1.6/24', ['2030-09-08T03:59:59Z', '2030-09-08T04:00:00Z'])).toEqual([-4, -3]);
  });

  it('Jn never counts February 29; n does', () => {
    // 2032 is a leap year: J60 is March 1, day 59 (from 0) is February 29.
    expect(hoursAt('AAA0BBB,J60/0,J300/0', ['2032-02-29T23:59:59Z', '2032-03-01T00:00:00Z'])).toEqual([0, 1]);
    expect(hoursAt('AAA0BBB,59/0,J300/0', ['2032-02-28T23:59:59Z', '2032-02-29T00:00:00Z'])).toEqual([0, 1]);
    expect(hoursAt('AAA0BBB,59/0,J300/0', ['2031-02-28T23:59:59Z', '2031-03-01T00:00:00Z'])).toEqual([0, 1]);
  });

  it('week 5 is the last such weekday, whether the month has four or five of them', () => {
    // Sundays of March: 2030 has five (the last the 31st), 2031 four (the last the 30th).
    expect(hoursAt('AAA0BBB,M3.5.0/0,M10.1.0/0', ['2030-03-30T23:59:59Z', '2030-03-31T00:00:00Z', '2031-03-29T23:59:59Z', '2031-03-30T00:00:00Z'])).toEqual([0, 1, 0, 1]);
  });
});
