/**
 * Trust, on the real discord.js client against the fake Discord: a database locked by another
 * process holds nobody up, channels of other servers are refused, a reveal that fails to post is
 * posted later exactly once, a forged button is only stale, and a button of another channel's
 * round counts for nothing.
 */
import { describe, expect, it } from 'vitest';
import { buttons, isEphemeral, shown } from '../support/fake-discord.js';
import { holdWriteLock } from '../support/lock.js';
import { settle, sqliteOf } from '../support/quiz.js';
import { postsWith, startBot, visible, waitPosts } from '../discord/harness.js';

const GUILDS = [
  {
    id: '100000000000000001',
    name: 'Deep Learning 101',
    channels: [
      { id: '200000000000000001', name: 'quiz' },
      { id: '200000000000000002', name: 'lab' },
    ],
  },
  { id: '100000000000000009', name: 'Another class', channels: [{ id: '200000000000000009', name: 'theirs' }] },
];

const count = (bot: Awaited<ReturnType<typeof startBot>>, sql: string) => sqliteOf(bot.app.store).prepare(sql).pluck().get() as number;

describe('a database locked by another process', () => {
  it('keeps answering what needs no write, and tells a writer "busy" without writing anything', async () => {
    const bot = await startBot();
    const { discord } = bot;
    const teacher = discord.user('teacher', { admin: true });
    const alice = discord.user('alice');
    const question = visible(await discord.slash(teacher, 'quiz', { level: 'medium', topic: 'dense', seed: 5 }));
    const answerButton = buttons(question)[0]!;
    const lock = await holdWriteLock(bot.app.config.DATABASE_PATH);

    const dm = await discord.slash(alice, 'count', { spec: 'conv 3 64 3' }, { dm: true });
    expect(shown(visible(dm))).toContain('1,792');
    const board = await discord.slash(alice, 'leaderboard');
    expect(shown(visible(board))).toContain('Leaderboard: this week');
    expect(lock.held()).toBe(true);

    const click = await discord.click(alice, question, answerButton.customId);
    const submitted = await discord.submitModal(alice, click.modal!, '1234');
    await discord.replied(submitted, 5_000);
    expect(shown(visible(submitted))).toBe('ParamQuiz is busy right now and nothing was changed: please try again in a moment.');
    expect(isEphemeral(visible(submitted))).toBe(true);
    expect(lock.held()).toBe(true); // answered within its 2 s budget, while the lock was still held
    expect(bot.logs.some((l) => l.level >= 50)).toBe(false); // a warning, not an error

    await lock.release();
    expect(count(bot, 'SELECT COUNT(*) FROM answers')).toBe(0);
    const again = await discord.submitModal(alice, click.modal!, '1234');
    expect(shown(visible(again))).toContain('1,234 is not it');
    expect(count(bot, 'SELECT COUNT(*) FROM answers')).toBe(1);
  });
});

describe('channels of another server', () => {
  it('are refused for /quiz channel:, /schedule channel: and /settings channel:, and nothing changes', async () => {
    const bot = await startBot({ fake: { guilds: GUILDS } });
    const { discord } = bot;
    const teacher = discord.user('teacher', { admin: true });
    const theirs = { type: 7, value: GUILDS[1]!.channels[0]!.id };
    const refusal = `<#${theirs.value}> is not a channel of this server or workspace: pick one here. Nothing was changed.`;

    expect(shown(visible(await discord.slash(teacher, 'quiz', { channel: theirs })))).toBe(refusal);
    expect(shown(visible(await discord.slash(teacher, 'schedule', { action: 'add', day: 'mon', time: '10:00', channel: theirs })))).toBe(refusal);
    expect(shown(visible(await discord.slash(teacher, 'settings', { channel: theirs })))).toBe(refusal);
    expect(count(bot, 'SELECT COUNT(*) FROM rounds')).toBe(0);
    expect(count(bot, 'SELECT COUNT(*) FROM schedules')).toBe(0);
    expect(count(bot, 'SELECT COUNT(*) FROM scopes WHERE quiz_channel IS NOT NULL')).toBe(0);
    expect([...discord.messages.values()].filter((m) => m.channel_id === theirs.value)).toEqual([]);

    // a channel of this server is fine
    const lab = { type: 7, value: GUILDS[0]!.channels[1]!.id };
    expect(shown(visible(await discord.slash(teacher, 'quiz', { channel: lab, topic: 'dense' })))).toContain('posted in');
    expect(postsWith(bot, 'Question #1').map((m) => m.channel_id)).toEqual([lab.value]);
  });
});

describe('a button of a round in another channel', () => {
  it('counts for nothing', async () => {
    const bot = await startBot({ fake: { guilds: GUILDS } });
    const { discord } = bot;
    const teacher = discord.user('teacher', { admin: true });
    const question = visible(await discord.slash(teacher, 'quiz', { level: 'easy', topic: 'dense', seed: 3 }));
    const elsewhere = { guild: GUILDS[0]!, channel: GUILDS[0]!.channels[1]! };
    const clicked = await discord.click(discord.user('mallory'), question, buttons(question)[0]!.customId, elsewhere);
    expect(shown(visible(clicked))).toMatch(/^Question #1 belongs to <#\d+>: answer it there\. Nothing was recorded\.$/);
    expect(count(bot, 'SELECT COUNT(*) FROM answers')).toBe(0);
  });
});

describe('a reveal whose post fails', () => {
  it('is posted again with backoff until it goes out, exactly once', async () => {
    const bot = await startBot();
    const { discord, clock } = bot;
    const teacher = discord.user('teacher', { admin: true });
    const question = visible(await discord.slash(teacher, 'quiz', { level: 'easy', topic: 'dense', seed: 3 }));
    // Discord's REST client tries a 5xx four times; all four fail, and the last one did create the
    // message (a timeout after the write): the retry must not post it twice.
    discord.intercept('POST', /^\/channels\/\d+\/messages$/, { status: 500, body: { message: 'Internal Server Error', code: 0 } }, 3);
    discord.intercept('POST', /^\/channels\/\d+\/messages$/, { status: 502, body: { message: 'Bad Gateway', code: 0 }, handled: true }, 1);
    await discord.slash(teacher, 'close');
    await discord.until(() => (bot.logs.some((l) => l.msg === 'reveal not posted; trying again') ? true : undefined), 'the failed reveal to be logged');
    expect(count(bot, 'SELECT COUNT(*) FROM rounds WHERE revealed_at IS NOT NULL')).toBe(0);

    clock.advance(1_000);
    await waitPosts(bot, 'Question #1: the answer is');
    await discord.until(() => (count(bot, 'SELECT COUNT(*) FROM rounds WHERE revealed_at IS NOT NULL') === 1 ? true : undefined), 'the round marked revealed');
    clock.advance(600_000);
    await settle();
    expect(postsWith(bot, 'Question #1: the answer is')).toHaveLength(1);
    expect(postsWith(bot, 'Question #1: the answer is')[0]!.message_reference).toMatchObject({ message_id: question.id });
  });
});

describe('a forged button id', () => {
  it('is told the button is out of date, with no error logged', async () => {
    const bot = await startBot();
    const { discord } = bot;
    const teacher = discord.user('teacher', { admin: true });
    const question = visible(await discord.slash(teacher, 'quiz', { level: 'easy', topic: 'dense', seed: 3 }));
    const forged = await discord.clickAnyId(discord.user('eve'), question, 'choice:1:%E0%A4%A');
    expect(shown(visible(forged))).toBe('This button is from an older version of ParamQuiz and no longer works: run the command again.');
    expect(bot.logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(count(bot, 'SELECT COUNT(*) FROM answers')).toBe(0);
  });
});
