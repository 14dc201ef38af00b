/**
 * Trust, on the real Bolt app behind its HTTP receiver: a replayed signed request runs at most
 * once, and a channel of another workspace, or one the bot is not in, is refused. (Timestamps
 * ahead of the clock are in test/slack/http.test.ts with the other refused signatures.)
 */
import { describe, expect, it } from 'vitest';
import { commandBody, postToBot, signatureHeaders, slashCommand, SIGNING_SECRET } from '../support/fake-slack.js';
import { CHANNEL, startBot, USERS } from '../slack/harness.js';
import { sqliteOf } from '../support/quiz.js';

const count = (bot: Awaited<ReturnType<typeof startBot>>, sql: string) => sqliteOf(bot.app.store).prepare(sql).pluck().get() as number;

describe('a replayed signed request', () => {
  it('runs once: the same signature and timestamp again is acknowledged and does nothing', async () => {
    const bot = await startBot();
    const url = `http://127.0.0.1:${bot.slack.address!.port}/slack/events`;
    const body = commandBody(slashCommand(USERS.teacher, '/quiz', 'topic:dense', { channel: CHANNEL, responseUrl: bot.fake.responseUrl() }));
    const headers = signatureHeaders(body, SIGNING_SECRET);
    expect((await postToBot(url, body, headers)).status).toBe(200);
    await bot.fake.nextCall('chat.postMessage');
    const replay = await postToBot(url, body, headers);
    expect(replay.status).toBe(200);
    await bot.slack.idle(); // the replay handled to its end
    expect(bot.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(count(bot, 'SELECT COUNT(*) FROM rounds')).toBe(1);
    expect(bot.logs.some((l) => l.msg === 'slack request replayed; not run again')).toBe(true);
    // A new request, signed anew, is not a replay.
    await bot.command(USERS.teacher, '/close');
    await bot.fake.nextCall('chat.postMessage', (args) => String(args.text).includes('the answer is'));
  });
});

describe('channels a workspace cannot use', () => {
  it("refuses another workspace's channel and one the bot is not in, changing nothing", async () => {
    const bot = await startBot();
    bot.fake.describeChannel('C0OTHERTEAM', { member: true, team: 'T0ELSEWHERE' });
    bot.fake.describeChannel('C0PRIVATE', { member: false });
    const other = await bot.privately(USERS.teacher, '/quiz channel:<#C0OTHERTEAM|theirs>');
    expect(JSON.stringify(other)).toContain('is not a channel of this server or workspace');
    const notIn = await bot.privately(USERS.teacher, '/schedule action:add day:mon time:10:00 channel:<#C0PRIVATE|secret>');
    expect(JSON.stringify(notIn)).toContain('I cannot post in <#C0PRIVATE>: add me to it first');
    expect(count(bot, 'SELECT COUNT(*) FROM rounds')).toBe(0);
    expect(count(bot, 'SELECT COUNT(*) FROM schedules')).toBe(0);
    expect(bot.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
