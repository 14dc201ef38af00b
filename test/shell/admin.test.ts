/** Weekly-quiz admin, seasons and review in shell mode (everyone is an admin in the terminal). */
import { describe, expect, it } from 'vitest';
import { formatInt } from '../../src/engine/format.js';
import { generate } from '../../src/quiz/generator.js';
import { botEnv, runShell, storeOf } from '../support/app.js';
import { snapshotCount } from '../support/snapshot.js';

describe('shell mode admin', () => {
  it('settings, schedules, seasons, score removal with a confirmation, and review', async () => {
    const q = generate(9, 'medium', 'dense');
    const env = await botEnv();
    const r = runShell(
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
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Saved.');
    expect(out).toContain('channel: #terminal');
    expect(out).toMatch(/#1: Mondays 10:00 Asia\/Taipei, 3 questions 5 min apart, convolution, easy, in #terminal; if missed: skip\. Next: \d{4}-\d\d-\d\d 10:00 Asia\/Taipei/);
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

    const store = await storeOf(env);
    expect((await store.scopes.seasons('shell:local')).map((s) => s.name)).toEqual(['fall']);
    expect(await snapshotCount(store, "SELECT COUNT(*) AS n FROM scores WHERE member_id = (SELECT id FROM members WHERE user_id = 'bob')")).toBe(0);
    expect(await snapshotCount(store, 'SELECT COUNT(*) AS n FROM practice')).toBe(1);
  });
});
