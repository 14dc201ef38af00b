/** How the terminal tells a moment: to the second when it is close, today or tomorrow by the clock, a date further out. */
import { describe, expect, it } from 'vitest';
import { shellTime } from '../../src/platforms/shell/when.js';

const TAIPEI = 'Asia/Taipei';
/** Monday 23 November 2026, 10:00 in Taipei (UTC+8). */
const MONDAY_10 = Date.UTC(2026, 10, 23, 2, 0, 0);
const S = 1_000;
const MIN = 60 * S;
const H = 60 * MIN;

describe('a moment in the terminal', () => {
  it.each([
    ['a minute ahead: to the second', MONDAY_10 - MIN, MONDAY_10, '10:00:00 (in 60 s)'],
    ['43 minutes ahead, the same day (Monday before 10:00)', MONDAY_10 - 2_562 * S, MONDAY_10, 'today 10:00 (in 43 min)'],
    ['hours ahead, the same day', MONDAY_10 - 3 * H - 20 * MIN, MONDAY_10, 'today 10:00 (in 3 h 20 min)'],
    ['the next day, from Sunday 23:59', MONDAY_10 - 10 * H - MIN, MONDAY_10, 'tomorrow 10:00 (in 10 h 1 min)'],
    ['the next day, a whole number of hours', MONDAY_10 - 14 * H, MONDAY_10, 'tomorrow 10:00 (in 14 h)'],
    ['a week ahead: its date', MONDAY_10, MONDAY_10 + 7 * 24 * H, '2026-11-30 10:00 Asia/Taipei'],
    ['two days ahead: its date', MONDAY_10, MONDAY_10 + 2 * 24 * H, '2026-11-25 10:00 Asia/Taipei'],
    ['past: its date', MONDAY_10, MONDAY_10 - 5 * MIN, '2026-11-23 09:55 Asia/Taipei'],
  ])('%s', (_what, now, at, shown) => {
    expect(shellTime(at, now, TAIPEI, 'en')).toBe(shown);
  });

  it('speaks Chinese', () => {
    expect(shellTime(MONDAY_10, MONDAY_10 - 2_562 * S, TAIPEI, 'zh-TW')).toBe('今天 10:00（43 分鐘後）');
    expect(shellTime(MONDAY_10, MONDAY_10 - 14 * H, TAIPEI, 'zh-TW')).toBe('明天 10:00（14 小時後）');
    expect(shellTime(MONDAY_10, MONDAY_10 - MIN, TAIPEI, 'zh-TW')).toBe('10:00:00（60 秒後）');
  });

  it('counts days by the calendar across a daylight-saving change (Europe/Berlin)', () => {
    // Saturday 28 March 2026, 23:30 CET; the clocks go from 02:00 to 03:00 that night: 3 hours
    // later the clock says 03:30, on Sunday.
    const spring = Date.UTC(2026, 2, 28, 22, 30);
    expect(shellTime(spring + 3 * H, spring, 'Europe/Berlin', 'en')).toBe('tomorrow 03:30 (in 3 h)');
    expect(shellTime(spring + 24 * H, spring, 'Europe/Berlin', 'en')).toBe('2026-03-30 00:30 Europe/Berlin');
    // Saturday 24 October 2026, 23:30 CEST; the clocks go from 03:00 back to 02:00 that night:
    // Sunday lasts 25 hours, and 23:30 on Sunday is 25 hours away.
    const autumn = Date.UTC(2026, 9, 24, 21, 30);
    expect(shellTime(autumn + 3 * H, autumn, 'Europe/Berlin', 'en')).toBe('tomorrow 02:30 (in 3 h)');
    expect(shellTime(autumn + 25 * H, autumn, 'Europe/Berlin', 'en')).toBe('tomorrow 23:30 (in 25 h)');
  });
});
