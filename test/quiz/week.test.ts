/** ISO weeks in the scope's time zone decide which weekly board an answer lands on. */
import { describe, expect, it } from 'vitest';
import { isoWeek, isoWeekOf } from '../../src/quiz/week.js';

describe('ISO weeks', () => {
  it.each([
    [2026, 11, 27, '2026-W48'],
    [2026, 1, 1, '2026-W01'], // a Thursday: week 1
    [2027, 1, 1, '2026-W53'], // a Friday: still the last week of 2026
    [2024, 12, 30, '2025-W01'], // a Monday that belongs to 2025's first week
    [2020, 12, 31, '2020-W53'],
  ])('%i-%i-%i is %s', (y, m, d, week) => {
    expect(isoWeekOf(y, m, d)).toBe(week);
  });

  it('turns over at Monday 00:00 in the scope time zone, not UTC', () => {
    const sundayLateUtc = Date.UTC(2026, 10, 29, 16, 30); // Sunday 16:30 UTC = Monday 00:30 in Taipei
    expect(isoWeek(sundayLateUtc, 'UTC')).toBe('2026-W48');
    expect(isoWeek(sundayLateUtc, 'Asia/Taipei')).toBe('2026-W49');
    expect(isoWeek(sundayLateUtc, 'America/New_York')).toBe('2026-W48');
  });
});
