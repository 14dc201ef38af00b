/** ISO weeks in the scope's time zone decide which weekly board an answer lands on. */
import { describe, expect, it } from 'vitest';
import { isoWeek, isoWeekOf, localDay } from '../../src/quiz/week.js';

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

describe('the local day, kept per zone', () => {
  /** The date as Intl reads it, with nothing kept: the reference. */
  const dateIn = (epochMs: number, timeZone: string) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(epochMs);
    const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return `${isoWeekOf(get('year'), get('month'), get('day'))} ${get('year')}-${get('month')}-${get('day')}`;
  };
  // Zones whose clocks jump: at 02:00 (New York), at midnight (Santiago, Havana: midnight is skipped
  // or repeated), by half an hour (Lord Howe), across the date line (Apia skipped 2011-12-30).
  const ZONES = ['Asia/Taipei', 'America/New_York', 'America/Santiago', 'America/Havana', 'Australia/Lord_Howe', 'Pacific/Apia', 'Asia/Kathmandu', 'UTC'];
  const START = Date.UTC(2011, 11, 28);

  it.each(ZONES)('%s: every instant gets the week and day Intl gives it, in order and out of order', (zone) => {
    // Every 20 minutes over a few days around each yearly change, then the same instants shuffled.
    const instants: number[] = [];
    for (const from of [START, Date.UTC(2026, 2, 6), Date.UTC(2026, 3, 3), Date.UTC(2026, 8, 4), Date.UTC(2026, 9, 30)]) {
      for (let t = from; t < from + 4 * 86_400_000; t += 20 * 60_000 + 7) instants.push(t);
    }
    const shuffled = instants
      .map((t, i) => [t, (i * 7919) % instants.length] as const)
      .sort((a, b) => a[1] - b[1])
      .map(([t]) => t);
    for (const t of [...instants, ...shuffled]) {
      const { from, to } = localDay(t, zone);
      expect(from <= t && t < to, `${zone} ${new Date(t).toISOString()}`).toBe(true);
      expect(`${isoWeek(t, zone)} ${dateIn(from, zone).split(' ')[1]}`).toBe(dateIn(t, zone));
      expect(dateIn(to - 1, zone)).toBe(dateIn(t, zone));
    }
  });
});
