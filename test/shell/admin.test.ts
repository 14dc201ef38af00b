/**
 * Weekly-quiz admin, seasons and review in shell mode (everyone is an admin in the terminal), at
 * a moment the test sets: the next run of a schedule reads by the calendar of the class's zone.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { formatInt } from '../../src/engine/format.js';
import { generate } from '../../src/quiz/generator.js';
import { botEnv, runShellAt, storeOf } from '../support/app.js';
import { MONDAY_10_TAIPEI } from '../support/quiz.js';
import { snapshotCount } from '../support/snapshot.js';

const MIN = 60_000;

describe('shell mode admin', () => {
  it('settings, schedules, seasons, score removal with a confirmation, and review', async () => {
    const q = generate(9, 'medium', 'dense');
    const env = await botEnv();
    // Monday 09:17:18 in Taipei: the weekly quiz at 10:00 is later today.
    const r = await runShellAt(
      new ManualClock(MONDAY_10_TAIPEI - 2_562_000),
      [
        '/settings here:true timezone:Asia/Taipei topics:dense,conv',
        '/schedule action:add day:mon time:10:00 questions:3 spacing:5 topics:conv level:easy missed:skip',
        '/schedule',
        '/season action:start name:fall',
        '/quiz level:medium topic:dense seed:9',
        '/as bob',
        `/answer ${q.answer}`,
        '/as teacher',
        '/close',
        '/leaderboard season:fall',
        '/remove-scores bob',
        '/press 2',
        '/remove-scores bob',
        '/press 1',
        '/leaderboard all',
        '/schedule action:remove id:1',
        '/schedule',
        '/as carol',
        '/review',
        '/press 1 12',
        '/stats',
      ],
      env,
    );
    const out = r.stdout;
    expect(out).toContain('Saved.');
    expect(out).toContain('channel: #terminal');
    expect(out).toContain('#1: Mondays 10:00 Asia/Taipei, 3 questions 5 min apart, convolution, easy, in #terminal; if missed: skip. Next: today 10:00 (in 43 min)');
    expect(out).toContain('Season fall has started.');
    expect(out).toContain(`✅ Correct, and first: ${formatInt(q.answer)}. +20 points, and +5 more when the question closes if someone else answers too.`);
    expect(out).toContain('Leaderboard: season fall');
    expect(out).toMatch(/1\. bob: 20 pts \(1\/1 right, 100%\)/); // alone: no bonus
    expect(out).toContain('Cancelled; nothing was changed.');
    expect(out).toContain("Removed bob's scores from 3 board(s).");
    expect(out).toMatch(/Leaderboard: all time ──\nNo answers on this board yet\./);
    expect(out).toContain('Schedule #1 removed.');
    expect(out).toContain('No weekly quiz yet');
    expect(out).toMatch(/Practice · (dense|convolution) · easy/);
    expect(out).toMatch(/Stats for carol ──\n[01] of 1 right/);
    // the practice question is drawn at random: a wrong answer (Again) comes back within the minute,
    // a right one days later, said as a date in the class's zone
    expect(out).toMatch(/✅ Right: /.test(out) ? /comes back for review 2026-\d\d-\d\d \d\d:\d\d Asia\/Taipei/ : /comes back 09:18:18 \(in 60 s\)/);

    const store = await storeOf(env);
    expect((await store.scopes.seasons('shell:local')).map((s) => s.name)).toEqual(['fall']);
    expect(await snapshotCount(store, "SELECT COUNT(*) AS n FROM scores WHERE member_id = (SELECT id FROM members WHERE user_id = 'bob')")).toBe(0);
    expect(await snapshotCount(store, 'SELECT COUNT(*) AS n FROM practice')).toBe(1);
  });

  it.each([
    ['on Monday at 10:00, the next Monday', MONDAY_10_TAIPEI, 'Next: 2026-11-30 10:00 Asia/Taipei'],
    ['on Sunday at 23:59, tomorrow', MONDAY_10_TAIPEI - 10 * 60 * MIN - MIN, 'Next: tomorrow 10:00 (in 10 h 1 min)'],
    ['on Wednesday, its date', MONDAY_10_TAIPEI + 2 * 24 * 60 * MIN, 'Next: 2026-11-30 10:00 Asia/Taipei'],
  ])('says when a schedule runs next: %s', async (_when, now, next) => {
    const r = await runShellAt(new ManualClock(now), ['/settings timezone:Asia/Taipei', '/schedule action:add day:mon time:10:00'], await botEnv());
    expect(r.stdout).toContain(next);
  });
});
