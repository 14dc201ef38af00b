/**
 * ISO weeks in a scope's time zone: a week board is keyed `week:2026-W48`, and Monday 00:00 in
 * Asia/Taipei starts a new one there, whatever the server's own zone.
 */
import { offsetsIn } from './zones/offsets.js';

/** Local wall-clock time minus UTC at `epochMs`, in ms (+8 h in Asia/Taipei). */
const offsetAt = (epochMs: number, timeZone: string) => offsetsIn(timeZone)(epochMs);

/** The calendar date (y, m, d) at `epochMs` in `timeZone`: the date of the instant moved by the zone's offset. */
export function localDate(epochMs: number, timeZone: string): { year: number; month: number; day: number } {
  const wall = new Date(epochMs + offsetAt(epochMs, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** ISO 8601 week of a calendar date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekOf(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7; // Monday 1 .. Sunday 7
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

export function isoWeek(epochMs: number, timeZone: string): string {
  const { year, month, day } = dayAt(epochMs, timeZone);
  return isoWeekOf(year, month, day);
}

/** A date as one comparable number, 20260907. */
const dateKey = (d: { year: number; month: number; day: number }) => d.year * 10_000 + d.month * 100 + d.day;

/** UTC offsets span −12 h to +14 h: the first instant of a local date is within this of its midnight read as UTC. */
const WIDEST_OFFSET_MS = 15 * 3_600_000;

/**
 * The epoch ms at which the local date (y, m, d) begins in `timeZone`: the first instant whose
 * local date is that date or later. Usually local midnight, found from the offset (read twice: the
 * offset at midnight can differ from the one at the guess). Where midnight is skipped or repeated
 * by a daylight-saving change (Santiago, Havana) or a whole date is skipped (Apia, 2011-12-30), the
 * guess is checked and the first instant searched for: local dates never go back, so a bisection
 * finds it.
 */
function startOfDay(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  const normal = new Date(wall);
  const key = dateKey({ year: normal.getUTCFullYear(), month: normal.getUTCMonth() + 1, day: normal.getUTCDate() });
  const atOrAfter = (t: number) => dateKey(localDate(t, timeZone)) >= key;
  const guess = wall - offsetAt(wall - offsetAt(wall, timeZone), timeZone);
  if (atOrAfter(guess) && !atOrAfter(guess - 1)) return guess;
  let before = wall - WIDEST_OFFSET_MS; // a date before it
  let from = wall + WIDEST_OFFSET_MS; // the date or later
  while (from - before > 1) {
    const mid = Math.floor((before + from) / 2);
    if (atOrAfter(mid)) from = mid;
    else before = mid;
  }
  return from;
}

/** The local calendar day holding `epochMs`, as [from, to) in epoch ms: a student's daily cap resets at local midnight. */
export function localDay(epochMs: number, timeZone: string): { from: number; to: number } {
  const { from, to } = dayAt(epochMs, timeZone);
  return { from, to };
}

/** A local calendar day: its date, and the epoch ms [from, to) it spans. */
interface Day {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly from: number;
  readonly to: number;
}

/** The day last worked out in each time zone (a scope's zone is a valid IANA name: the map stays small). */
const lastDays = new Map<string, Day>();

const sameDate = (a: { year: number; month: number; day: number }, b: Day) => a.year === b.year && a.month === b.month && a.day === b.day;

/**
 * The local day holding `epochMs`. Every answer asks for its week and its day (six readings of
 * the zone's offset), and a class's answers fall on the same day: the day is kept per zone and
 * used for any instant inside it. That is exact: a local date never goes back as time goes on
 * (a daylight-saving change repeats an hour, not a date), so once the day's first and last
 * instants are checked to have its date, every instant between them has it too.
 */
function dayAt(epochMs: number, timeZone: string): Day {
  const known = lastDays.get(timeZone);
  if (known !== undefined && known.from <= epochMs && epochMs < known.to) return known;
  const { year, month, day } = localDate(epochMs, timeZone);
  const found: Day = { year, month, day, from: startOfDay(year, month, day, timeZone), to: startOfDay(year, month, day + 1, timeZone) };
  const checked = found.from <= epochMs && epochMs < found.to && sameDate(localDate(found.from, timeZone), found) && sameDate(localDate(found.to - 1, timeZone), found);
  if (checked) lastDays.set(timeZone, found);
  return found;
}
