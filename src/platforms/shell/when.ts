/**
 * A moment as the terminal shows it, in the scope's time zone and relative to now: within two
 * minutes to the second, as a deadline is watched ("09:38:08 (in 60 s)"); later today or tomorrow
 * by the clock, with the wait ("today 10:00 (in 43 min)", "tomorrow 10:00 (in 14 h 5 min)");
 * anything else by its date ("2026-12-14 10:00 Asia/Taipei"). Today and tomorrow are the scope's
 * calendar days, whatever the offset or a daylight-saving change makes of their hours.
 */
import { msg, t, type Lang, type MessageRef } from '../../i18n/messages.js';

/** Below this a wait is told in seconds. */
const SECONDS_UP_TO = 120;
/** Below this a wait is told in minutes; above, in hours (and minutes). */
const MINUTES_UP_TO = 120;

/** The calendar day of a moment in a time zone, as YYYY-MM-DD. */
const dayOf = (ms: number, timeZone: string): string => new Date(ms).toLocaleDateString('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day after YYYY-MM-DD. */
function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

const clock = (ms: number, timeZone: string, seconds: boolean): string =>
  new Date(ms).toLocaleTimeString('en-GB', { timeZone, hour12: false, hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}) });

function wait(seconds: number): MessageRef {
  const minutes = Math.round(seconds / 60);
  if (minutes < MINUTES_UP_TO) return msg('when.minutes', { n: String(minutes) });
  const [h, m] = [Math.floor(minutes / 60), minutes % 60];
  return m === 0 ? msg('when.hours', { h: String(h) }) : msg('when.hoursMinutes', { h: String(h), m: String(m) });
}

export function shellTime(ms: number, now: number, timeZone: string, lang: Lang): string {
  const seconds = Math.round((ms - now) / 1000);
  if (seconds >= 0 && seconds < SECONDS_UP_TO) return t(lang, msg('shell.soon', { time: clock(ms, timeZone, true), seconds: String(seconds) }));
  const day = dayOf(ms, timeZone);
  const today = dayOf(now, timeZone);
  if (seconds > 0 && (day === today || day === nextDay(today))) {
    return t(lang, msg(day === today ? 'when.today' : 'when.tomorrow', { time: clock(ms, timeZone, false), wait: wait(seconds) }));
  }
  return `${new Date(ms).toLocaleString('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' })} ${timeZone}`;
}
