/**
 * Issue 6 on Slack (HTTP mode): a weekly quiz posted by the schedule at its local time, the final
 * standings on Sunday night, seasons, score removal behind a confirmation button, /review, and a
 * non-admin (not in ADMIN_USER_IDS, not a workspace admin) refused everything, nothing changed.
 */
import { describe, expect, it } from 'vitest';
import { CHANNEL, USERS, button, buttonsOf, startBot, textOf } from './harness.js';
import { snapshot as tables, snapshotCount } from '../support/snapshot.js';

const { bob, carol, teacher } = USERS;
const MINUTE = 60_000;

describe('weekly quizzes on Slack', () => {
  it('posts the scheduled questions at their local time and the final standings before the week rolls over', async () => {
    const bot = await startBot(); // Monday 2026-11-23 10:00 in Taipei
    expect(textOf(await bot.privately(teacher, '/settings here:true'))).toContain('Saved.');
    const added = textOf(await bot.privately(teacher, '/schedule action:add day:mon time:10:15 questions:2 spacing:5 topics:dense level:easy'));
    expect(added).toMatch(new RegExp(`#1: Mondays 10:15 Asia/Taipei, 2 questions 5 min apart, dense, easy, in <#${CHANNEL}>; if missed: late\\. Next: <!date\\^\\d+\\^`));

    bot.clock.advance(15 * MINUTE);
    const first = (await bot.fake.nextCall('chat.postMessage', (a) => textOf(a).includes('Question #1 · dense · easy'))).args;
    expect(first.channel).toBe(CHANNEL);
    const answer = (await bot.app.store.rounds.get(1))!.answer.toLocaleString('en-US');
    const right = buttonsOf(first).find((b) => String((b.text as { text: string }).text).endsWith(answer))!;
    const clicked = await bot.click(bob, right);
    expect(textOf(await bot.privateReply(clicked.responseUrl))).toMatch(/^✅ Correct, and first/);

    bot.clock.advance(5 * MINUTE);
    await bot.fake.nextCall('chat.postMessage', (a) => textOf(a).includes('Question #1: the answer is'));
    await bot.fake.nextCall('chat.postMessage', (a) => textOf(a).includes('Question #2 · dense · easy'));

    bot.clock.set(Date.UTC(2026, 10, 29, 15, 59)); // Sunday 23:59 in Taipei
    const standings = (await bot.fake.nextCall('chat.postMessage', (a) => textOf(a).includes('Final standings of week 2026-W48'))).args;
    expect(standings.channel).toBe(CHANNEL);
    expect(textOf(standings)).toContain(`*1.* <@${bob.id}>: 10 pts (1/1 right, 100%)`); // alone: no bonus
    expect(textOf(standings)).toContain(`Congratulations <@${bob.id}>`);
  });

  it('starts seasons, keeps the archived board readable, and removes scores only after a confirmation', async () => {
    const bot = await startBot();
    expect(textOf(await bot.privately(teacher, '/season action:start name:2026-fall'))).toBe('Season 2026-fall has started.');
    await bot.command(teacher, '/quiz level:medium topic:conv');
    await bot.fake.nextCall('chat.postMessage');
    expect(textOf(await bot.privately(bob, `/answer ${(await bot.app.store.rounds.get(1))!.answer}`))).toMatch(/^✅/);
    await bot.privately(teacher, '/close');
    expect(textOf(await bot.privately(teacher, '/season action:start name:2027-spring'))).toContain('2026-fall is archived');
    await bot.command(bob, '/leaderboard season:2026-fall');
    const archived = (await bot.fake.nextCall('chat.postMessage', (a) => textOf(a).includes('season 2026-fall'))).args;
    expect(textOf(archived)).toContain('Final leaderboard: season 2026-fall (archived)');
    expect(textOf(archived)).toContain(`*1.* <@${bob.id}>: 20 pts`); // alone: no bonus

    const ask = await bot.privately(teacher, `/remove-scores <@${bob.id}|bob>`);
    expect(textOf(ask)).toContain(`Remove every score of <@${bob.id}>`);
    const before = await tables(bot.app.store);
    const cancel = await bot.click(teacher, button(ask, 'Cancel'), { ephemeral: true });
    expect(textOf(await bot.privateReply(cancel.responseUrl))).toBe('Cancelled; nothing was changed.');
    const sneaky = await bot.click(carol, button(ask, 'Remove their scores'), { ephemeral: true });
    expect(textOf(await bot.privateReply(sneaky.responseUrl))).toContain('Only admins can do this; nothing was changed.');
    expect(await tables(bot.app.store)).toBe(before);
    const done = await bot.click(teacher, button(ask, 'Remove their scores'), { ephemeral: true });
    expect(textOf(await bot.privateReply(done.responseUrl))).toBe(`Removed <@${bob.id}>'s scores from 3 board(s).`);
  });

  it('gives a private practice question with /review that counts toward /stats only', async () => {
    const bot = await startBot();
    const review = await bot.privately(carol, '/review');
    expect(textOf(review)).toMatch(/Practice · .+ · easy/);
    const clicked = await bot.click(carol, buttonsOf(review)[0]!, { ephemeral: true });
    expect(textOf(await bot.privateReply(clicked.responseUrl))).toMatch(/(✅ Right|❌ .+ The answer is [\d,]+\.)/);
    expect(textOf(await bot.privately(carol, '/stats'))).toMatch(/[01] of 1 right/);
    expect(await snapshotCount(bot.app.store, 'SELECT COUNT(*) AS n FROM scores')).toBe(0);
  });

  it('refuses a non-admin every admin command, changing nothing', async () => {
    const bot = await startBot();
    await bot.command(teacher, '/quiz level:easy topic:dense');
    await bot.fake.nextCall('chat.postMessage');
    await bot.privately(carol, '/answer A');
    const before = await tables(bot.app.store);
    for (const line of [
      '/close',
      '/duration 600',
      '/settings timezone:Europe/Berlin',
      '/schedule action:add day:mon time:10:00',
      '/season action:start name:mine',
      `/remove-scores <@${teacher.id}>`,
    ]) {
      const name = line.split(' ')[0]!;
      expect(textOf(await bot.privately(carol, line))).toContain(`${name} is for admins only; nothing was changed.`);
    }
    expect(await tables(bot.app.store)).toBe(before);
  });
});
