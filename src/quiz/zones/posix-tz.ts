/**
 * The POSIX TZ string a TZif file ends with (RFC 8536 §3.3): the zone's rule for every instant
 * after its last listed transition, e.g. `CST-8`, `EST5EDT,M3.2.0,M11.1.0`, `<-03>3<-02>,M3.5.0/-2,M10.5.0/-1`.
 * Parsed once per zone; anything outside the grammar gives no rule, never a guess.
 */

/** When in a year a rule fires, counted in that year's local calendar. */
type RuleDate =
  /** `Jn`: day 1..365, February 29 never counted (J60 is March 1 every year). */
  | { readonly kind: 'julian'; readonly day: number }
  /** `n`: day 0..365, February 29 counted in leap years. */
  | { readonly kind: 'ordinal'; readonly day: number }
  /** `Mm.w.d`: weekday d (0 Sunday) of week w (1..4, 5 the last) of month m. */
  | { readonly kind: 'weekday'; readonly month: number; readonly week: number; readonly weekday: number };

/** A daylight-saving change: its date, and the local time of day it happens at (seconds, may fall outside 0..24 h). */
interface Change {
  readonly date: RuleDate;
  readonly time: number;
}

/** A zone without daylight time: one offset (seconds east of UTC) at every instant. */
interface Fixed {
  readonly kind: 'fixed';
  readonly offset: number;
}

/**
 * Standard and daylight time, changing twice a year. "Daylight" is only the name POSIX gives the
 * second offset: it may be behind standard time (Dublin keeps GMT in winter as its daylight time).
 */
interface Seasonal {
  readonly kind: 'seasonal';
  /** Offsets, seconds east of UTC. */
  readonly std: number;
  readonly dst: number;
  /** Daylight time starts: its local time read in standard time. */
  readonly start: Change;
  /** Daylight time ends: its local time read in daylight time. */
  readonly end: Change;
}

/** What a TZ string says. */
export type PosixTz = Fixed | Seasonal;

const HOUR = 3600;
const DAY = 86_400;
/** A change without `/time` happens at 02:00:00 local time. */
const DEFAULT_TIME = 2 * HOUR;

/** Reads a TZ string left to right; every reader returns undefined when the text is not what it expects. */
class Cursor {
  private at = 0;
  constructor(private readonly text: string) {}

  get done(): boolean {
    return this.at === this.text.length;
  }

  /** Consumes `re` (sticky) at the cursor, returning its match. */
  take(re: RegExp): RegExpExecArray | undefined {
    re.lastIndex = this.at;
    const m = re.exec(this.text);
    if (!m) return undefined;
    this.at += m[0].length;
    return m;
  }
}

/** A zone abbreviation: three or more letters, or `<...>` quoted when it holds digits or signs (`<+08>`). */
const NAME = /[A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>/y;
/** `[+-]hh[:mm[:ss]]`. */
const SIGNED_TIME = /([+-]?)(\d{1,3})(?::(\d{2})(?::(\d{2}))?)?/y;

/** Seconds of `[+-]hh[:mm[:ss]]` with hours up to `maxHours`. */
function time(c: Cursor, maxHours: number): number | undefined {
  const m = c.take(SIGNED_TIME);
  if (!m) return undefined;
  const [h, min, s] = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > maxHours || min > 59 || s > 59) return undefined;
  const seconds = h * HOUR + min * 60 + s;
  return m[1] === '-' ? 0 - seconds : seconds; // not -seconds: zero would be -0
}

/**
 * A UTC offset as POSIX writes it, hours 0..24, sign inverted (`EST5` is five hours west, UTC−5):
 * returned the usual way round, local time minus UTC, in seconds.
 */
function offset(c: Cursor): number | undefined {
  const west = time(c, 24);
  return west === undefined ? undefined : 0 - west; // not -west: zero would be -0
}

const JULIAN = /J(\d{1,3})/y;
const ORDINAL = /(\d{1,3})/y;
const WEEKDAY = /M(\d{1,2})\.(\d)\.(\d)/y;

function ruleDate(c: Cursor): RuleDate | undefined {
  let m: RegExpExecArray | undefined;
  if ((m = c.take(JULIAN))) {
    const day = Number(m[1]);
    return day >= 1 && day <= 365 ? { kind: 'julian', day } : undefined;
  }
  if ((m = c.take(WEEKDAY))) {
    const [month, week, weekday] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return month >= 1 && month <= 12 && week >= 1 && week <= 5 && weekday <= 6 ? { kind: 'weekday', month, week, weekday } : undefined;
  }
  if ((m = c.take(ORDINAL))) {
    const day = Number(m[1]);
    return day <= 365 ? { kind: 'ordinal', day } : undefined;
  }
  return undefined;
}

/** `,date[/time]`: the time may be negative or up to 167 h (RFC 8536 §3.3.1, version 3), America/Nuuk's `M3.5.0/-2`. */
function change(c: Cursor): Change | undefined {
  if (!c.take(/,/y)) return undefined;
  const date = ruleDate(c);
  if (date === undefined) return undefined;
  if (!c.take(/\//y)) return { date, time: DEFAULT_TIME };
  const t = time(c, 167);
  return t === undefined ? undefined : { date, time: t };
}

export function parsePosixTz(text: string): PosixTz | undefined {
  const c = new Cursor(text);
  if (!c.take(NAME)) return undefined;
  const std = offset(c);
  if (std === undefined) return undefined;
  if (c.done) return { kind: 'fixed', offset: std };
  if (!c.take(NAME)) return undefined;
  // Daylight time is an hour ahead of standard time unless its offset is written.
  const dst = c.take(/(?=[+\-\d])/y) ? offset(c) : std + HOUR;
  if (dst === undefined) return undefined;
  // Without rules POSIX leaves the dates to the implementation: a TZif footer always has them, and no date is guessed.
  const start = change(c);
  const end = start && change(c);
  return end && c.done ? { kind: 'seasonal', std, dst, start, end } : undefined;
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Days from January 1 of `year` to the date a rule names. */
function dayOfYear(date: RuleDate, year: number): number {
  switch (date.kind) {
    case 'julian':
      return date.day - 1 + (isLeap(year) && date.day >= 60 ? 1 : 0);
    case 'ordinal':
      return date.day;
    case 'weekday': {
      const first = Date.UTC(year, date.month - 1, 1);
      const firstWeekday = new Date(first).getUTCDay();
      const monthDays = new Date(Date.UTC(year, date.month, 0)).getUTCDate();
      let day = 1 + ((date.weekday - firstWeekday + 7) % 7) + 7 * (date.week - 1);
      while (day > monthDays) day -= 7; // week 5: the last such weekday of the month
      return (first - Date.UTC(year, 0, 1)) / 86_400_000 + day - 1;
    }
  }
}

/** The instant (epoch seconds) of a change in `year`, its local time read in the offset in force just before it. */
const changeAt = (c: Change, year: number, offsetBefore: number) => Date.UTC(year, 0, 1) / 1000 + dayOfYear(c.date, year) * DAY + c.time - offsetBefore;

/**
 * The offset (seconds) at `epochSeconds`. The changes of the years around the instant are put
 * in order and the last one before it decides. That one walk covers daylight time within a year
 * (New York), across the new year (Sydney), with a negative saving (Dublin: standard time in
 * summer), and all year (`EST5EDT,0/0,J365/25`: each year's end falls on the next year's start,
 * and the start, sorted after it, wins).
 */
export function posixOffsetAt(tz: PosixTz, epochSeconds: number): number {
  if (tz.kind === 'fixed') return tz.offset;
  const year = new Date(epochSeconds * 1000).getUTCFullYear();
  // A change's time may reach a week either side of its date: from two years before to the year after,
  // some change always falls before the instant.
  let latest: { at: number; dst: boolean } | undefined;
  for (let y = year - 2; y <= year + 1; y++) {
    for (const [at, dst] of [
      [changeAt(tz.start, y, tz.std), true],
      [changeAt(tz.end, y, tz.dst), false],
    ] as const) {
      const later = latest === undefined || at > latest.at || (at === latest.at && dst);
      if (at <= epochSeconds && later) latest = { at, dst };
    }
  }
  return latest!.dst ? tz.dst : tz.std;
}
