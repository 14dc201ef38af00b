/**
 * Issue 6 on Discord: a weekly quiz posted by the schedule at its local time, the final standings
 * on Sunday night, seasons, score removal behind a confirmation button, /review, and a non-admin
 * refused everything with nothing changed. The real discord.js client, the injected clock.
 */
import { describe, expect, it } from 'vitest';
import { buttons, isEphemeral, shown } from '../support/fake-discord.js';
import { postsWith, startBot, visible, waitPosts } from './harness.js';
import { snapshot as tables } from '../support/snapshot.js';

const MINUTE = 60_000;

describe('weekly quizzes on Discord', () => {
  it('posts the scheduled questions at their local time and the final standings before the week rolls over', async () => {
    const bot = await startBot(); // the clock starts Monday 2026-11-23 10:00 in Taipei
    const { discord, clock } = bot;
    const teacher = discord.user('teacher', { admin: true });
    const bob = discord.user('bob');
    expect(shown(visible(await discord.slash(teacher, 'settings', { here: true })))).toContain('Saved.');
    const added = visible(await discord.slash(teacher, 'schedule', { action: 'add', day: 'mon', time: '10:15', questions: 2, spacing: 5, topics: 'dense', level: 'easy' }));
    expect(isEphemeral(added)).toBe(true);
    expect(shown(added)).toMatch(/#1: Mondays 10:15 Asia\/Taipei, 2 questions 5 min apart, dense, easy, in <#\d+>; if missed: late\. Next: <t:\d+:R>/);

    clock.advance(14 * MINUTE);
    expect(postsWith(bot, 'Question #')).toHaveLength(0);
    clock.advance(MINUTE); // 10:15
    const [first] = await waitPosts(bot, 'Question #1 · dense · easy', 1);
    expect(first!.channel_id).toBe(discord.guilds[0]!.channels[0]!.id);
    const round = (await bot.app.store.rounds.get(1))!;
    const right = buttons(first!).find((b) => b.label.endsWith(round.answer.toLocaleString('en-US')))!;
    expect(shown(visible(await discord.click(bob, first!, right.customId)))).toMatch(/^✅ Correct, and first/);

    clock.advance(5 * MINUTE); // 10:20: the first closes (its length is capped at the spacing), the second comes
    await waitPosts(bot, 'Question #1: the answer is', 1);
    await waitPosts(bot, 'Question #2 · dense · easy', 1);

    clock.set(Date.UTC(2026, 10, 29, 15, 59)); // Sunday 23:59 in Taipei
    const [standings] = await waitPosts(bot, 'Final standings of week 2026-W48', 1);
    expect(shown(standings!)).toContain(`**1.** <@${bob.id}>: 10 pts (1/1 right, 100%)`); // alone: no bonus
    expect(shown(standings!)).toContain(`Congratulations <@${bob.id}>`);
    clock.advance(2 * MINUTE);
    expect(postsWith(bot, 'Final standings')).toHaveLength(1);
  });

  it('starts seasons, keeps the archived board readable, and removes scores only after a confirmation', async () => {
    const bot = await startBot();
    const { discord } = bot;
    const teacher = discord.user('teacher', { admin: true });
    const bob = discord.user('bob');
    expect(shown(visible(await discord.slash(teacher, 'season', { action: 'start', name: '2026-fall' })))).toBe('Season 2026-fall has started.');
    visible(await discord.slash(teacher, 'quiz', { level: 'medium', topic: 'conv' }));
    const answer = (await bot.app.store.rounds.get(1))!.answer;
    expect(shown(visible(await discord.slash(bob, 'answer', { value: String(answer) })))).toMatch(/^✅/);
    await discord.slash(teacher, 'close');
    expect(shown(visible(await discord.slash(teacher, 'season', { action: 'start', name: '2027-spring' })))).toContain('2026-fall is archived');
    const archived = visible(await discord.slash(bob, 'leaderboard', { season: '2026-fall' }));
    expect(shown(archived)).toContain('Final leaderboard: season 2026-fall (archived)');
    expect(shown(archived)).toContain(`**1.** <@${bob.id}>: 20 pts`); // alone: no bonus

    const ask = visible(await discord.slash(teacher, 'remove-scores', { user: { type: 6, value: bob.id } }));
    expect(isEphemeral(ask)).toBe(true);
    expect(shown(ask)).toContain(`Remove every score of <@${bob.id}>`);
    const [yes, no] = buttons(ask);
    const before = await tables(bot.app.store);
    expect(shown(visible(await discord.click(teacher, ask, no!.customId)))).toBe('Cancelled; nothing was changed.');
    expect(await tables(bot.app.store)).toBe(before);
    // Someone else pressing the confirmation is refused.
    expect(shown(visible(await discord.click(bob, ask, yes!.customId)))).toBe('Only admins can do this; nothing was changed.');
    expect(await tables(bot.app.store)).toBe(before);
    expect(shown(visible(await discord.click(teacher, ask, yes!.customId)))).toBe(`Removed <@${bob.id}>'s scores from 3 board(s).`);
    expect(shown(visible(await discord.slash(bob, 'leaderboard', { period: 'all' })))).toContain('No answers on this board yet.');
  });

  it('gives a private practice question with /review that counts toward /stats only', async () => {
    const bot = await startBot();
    const { discord } = bot;
    const carol = discord.user('carol');
    const review = visible(await discord.slash(carol, 'review'));
    expect(isEphemeral(review)).toBe(true);
    expect(shown(review)).toMatch(/Practice · .+ · easy/);
    const choice = buttons(review)[0]!;
    const result = visible(await discord.click(carol, review, choice.customId));
    expect(isEphemeral(result)).toBe(true);
    expect(shown(result)).toMatch(/^(✅ Right|❌ .+ The answer is [\d,]+\.)/);
    expect(shown(visible(await discord.slash(carol, 'stats')))).toMatch(/[01] of 1 right/);
    expect(await bot.app.store.boards.size(`discord:${discord.guilds[0]!.id}`, 'all')).toBe(0);
  });

  it('/answer answers the pending practice question where no round is open, with the worked solution at once', async () => {
    const bot = await startBot();
    const { discord } = bot;
    const dana = discord.user('dana');
    const review = visible(await discord.slash(dana, 'review'));
    expect(shown(review)).toMatch(/Answer with the buttons or \/answer/);
    const result = visible(await discord.slash(dana, 'answer', { value: '1' }));
    expect(isEphemeral(result)).toBe(true);
    const text = shown(result);
    expect(text).toMatch(/❌ 1 is not it: .+ The answer is [\d,]+\./);
    expect(text).toMatch(/comes back for review <t:\d+:R>\./);
    // the worked solution: the formula with the numbers, and its result
    expect(text).toMatch(/= [\d,]+/);
    // answered: a second /answer has nothing to answer
    expect(shown(visible(await discord.slash(dana, 'answer', { value: '2' })))).toMatch(/There is no open question in this channel/);
  });

  it('refuses a non-admin every admin command, changing nothing', async () => {
    const bot = await startBot();
    const { discord } = bot;
    const teacher = discord.user('teacher', { admin: true });
    const student = discord.user('student');
    visible(await discord.slash(teacher, 'quiz', { level: 'easy', topic: 'dense' }));
    await discord.slash(student, 'answer', { value: 'A' });
    const before = await tables(bot.app.store);
    const attempts: Array<[string, Record<string, string | number | boolean>]> = [
      ['close', {}],
      ['duration', { seconds: 600 }],
      ['settings', { timezone: 'Europe/Berlin' }],
      ['schedule', { action: 'add', day: 'mon', time: '10:00' }],
      ['season', { action: 'start', name: 'mine' }],
      ['remove-scores', { user: teacher.id }],
    ];
    for (const [command, options] of attempts) {
      const ex = await discord.slash(student, command, options);
      expect(isEphemeral(visible(ex))).toBe(true);
      expect(shown(visible(ex))).toBe(`/${command} is for admins only; nothing was changed.`);
    }
    expect(await tables(bot.app.store)).toBe(before);
  });
});
