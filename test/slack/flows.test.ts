/**
 * Whole flows through Slack (HTTP mode), the real bot on a real SQLite file: counts, a quiz round
 * with several students on buttons, forms and /answer, the reveal that takes the question's
 * buttons off, boards, Traditional Chinese, bad input, and crashes that get a polite answer.
 */
import { describe, expect, it } from 'vitest';
import { formatInt } from '../../src/engine/format.js';
import { generate } from '../../src/quiz/generator.js';
import { renderWorking } from '../../src/quiz/working.js';
import { CHANNEL, USERS, button, buttonsOf, startBot, textOf } from './harness.js';

const { alice, bob, carol, teacher, owner } = USERS;
const LETTERS = ['A', 'B', 'C', 'D'];

describe('Slack flows', () => {
  it('plays a whole round: a question with choices, answers from several students, /close, the reveal, the boards', async () => {
    const bot = await startBot();
    const q = generate(7, 'easy', 'conv');
    const right = LETTERS[q.choices!.indexOf(q.answer)]!;
    const named = q.mistakes.find((m) => q.choices!.includes(m.value))!;
    const wrong = LETTERS[q.choices!.indexOf(named.value)]!;

    await bot.command(teacher, '/quiz topic:conv seed:7');
    const posted = await bot.fake.nextCall('chat.postMessage');
    const question = posted.args;
    expect(question.channel).toBe(CHANNEL);
    expect(textOf(question)).toContain('Question #1 · convolution · easy (10 points)');
    expect(textOf(question)).toMatch(/Pick a button or \/answer A-D\. Closes <!date\^\d+\^\{time\}\|23 Nov 2026, 10:01 GMT\+8>/);
    expect(buttonsOf(question).map((b) => b.value)).toEqual(LETTERS.map((l) => `choice:1:${l}`));

    const first = await bot.click(alice, button(question, right));
    expect(textOf(await bot.privateReply(first.responseUrl))).toBe(`✅ Correct, and first: ${formatInt(q.answer)}. +10 points, and +5 more when the question closes if someone else answers too.`);
    const miss = await bot.click(bob, button(question, wrong));
    expect(textOf(await bot.privateReply(miss.responseUrl))).toMatch(new RegExp(`^❌ ${formatInt(named.value)} is not it: `));
    expect(textOf(await bot.privately(carol, `/answer ${right}`))).toBe(`✅ Correct: ${formatInt(q.answer)}. +10 points.`);
    const again = await bot.click(alice, button(question, wrong));
    expect(textOf(await bot.privateReply(again.responseUrl))).toContain(`You already answered this question (${formatInt(q.answer)})`);

    // A workspace admin (per users.info) may close it; the reveal follows, and the question loses its buttons.
    expect(textOf(await bot.privately(owner, '/close'))).toBe('Question #1 closed.');
    const reveal = (await bot.fake.nextCall('chat.postMessage')).args;
    expect(textOf(reveal)).toContain(`Question #1: the answer is ${formatInt(q.answer)}`);
    expect(textOf(reveal)).toContain('Right (2 of 3): <@U0ALICE>, <@U0CAROL>');
    expect(textOf(reveal)).toContain('First: <@U0ALICE> (+5)');
    for (const line of renderWorking('en', q.working)) expect(textOf(reveal)).toContain(line);
    const update = await bot.fake.nextCall('chat.update');
    expect(update.args.channel).toBe(CHANNEL);
    expect(update.args.ts).toBe((await bot.app.store.rounds.get(1))!.messageRef);
    expect(buttonsOf(update.args)).toEqual([]);
    expect(textOf(update.args)).toContain('Question #1 · convolution · easy (10 points)');

    await bot.command(bob, '/leaderboard');
    const board = (await bot.fake.nextCall('chat.postMessage')).args;
    expect(textOf(board)).toMatch(/\*1\.\* <@U0ALICE>: 15 pts[^\n]*\n\*2\.\* <@U0CAROL>: 10 pts[^\n]*\n\*3\.\* <@U0BOB>: 0 pts/);
    expect(textOf(await bot.privately(bob, '/stats'))).toContain('Stats for Bob Lin');

    expect((await bot.app.store.rounds.answers(1)).map((a) => [a.name, a.correct, a.first, a.points])).toEqual([
      ['Alice Chen', true, true, 15],
      ['Bob Lin', false, false, 0],
      ['carol', true, false, 10],
    ]);
  });

  it('closes a question when its time is up and posts the reveal without being asked', async () => {
    const bot = await startBot();
    await bot.command(alice, '/quiz topic:dense seconds:30');
    const question = (await bot.fake.nextCall('chat.postMessage')).args;
    await bot.click(bob, buttonsOf(question)[0]!);
    bot.clock.advance(30_000);
    const reveal = (await bot.fake.nextCall('chat.postMessage')).args;
    expect(textOf(reveal)).toMatch(/Question #1: the answer is [\d,]+/);
    expect(buttonsOf((await bot.fake.nextCall('chat.update')).args)).toEqual([]);
    expect(await bot.app.store.rounds.get(1)).toMatchObject({ closeReason: 'timeout' });
  });

  it('speaks the workspace language: zh-TW from QUIZ_LANGUAGE, then English after /settings', async () => {
    const bot = await startBot({ env: { QUIZ_LANGUAGE: 'zh-TW' } });
    const reply = await bot.privately(alice, '/count bn 64');
    expect(reply.text).toBe('BatchNormalization：256 個參數');
    expect(textOf(reply)).toContain('分享到頻道');

    await bot.command(teacher, '/quiz level:medium topic:dense');
    const question = (await bot.fake.nextCall('chat.postMessage')).args;
    expect(textOf(question)).toMatch(/第 1 題 · 全連接層 · 中等（20 分）/);
    await bot.click(bob, button(question, '作答'));
    const form = (await bot.fake.nextCall('views.open')).args.view as Record<string, unknown>;
    expect(form).toMatchObject({ title: { text: '你的答案' }, submit: { text: '送出' }, close: { text: '取消' } });

    await bot.privately(teacher, '/settings language:en');
    expect((await bot.privately(alice, '/count bn 64')).text).toBe('BatchNormalization: 256 parameters');
  });

  it('keeps long output inside Block Kit limits, split at line ends', async () => {
    const bot = await startBot();
    const reply = await bot.privately(alice, '/count resnet50 --layers');
    const sections = (reply.blocks as Array<{ type: string; text?: { text: string } }>).filter((b) => b.text?.text.startsWith('```'));
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) expect(s.text!.text.length).toBeLessThanOrEqual(3000);
    expect(textOf(reply)).toContain('25,636,712');
  });

  it('posts through the response_url where the bot is not in the channel', async () => {
    const bot = await startBot();
    bot.fake.failNext('chat.postMessage', 'not_in_channel');
    const { responseUrl } = await bot.command(alice, '/leaderboard all', 'G0PRIVATE');
    const posted = await bot.fake.nextResponse((r) => r.url === responseUrl);
    expect(posted.body).toMatchObject({ response_type: 'in_channel', text: 'Leaderboard: all time' });
    expect(bot.logs.some((l) => l.level === 40 && /not in this channel/.test(l.msg))).toBe(true);
  });
});

describe('bad input: one clear private line each, nothing recorded', () => {
  const cases: ReadonlyArray<readonly [string, RegExp]> = [
    ['/answer', /^:warning: \/answer needs `value`\. \(see \/help answer\)$/],
    ['/answer twelve', /^:warning: `twelve` is not a count: answer with a whole number/],
    ['/answer 1.5', /`1\.5` is not a whole number of parameters/],
    ['/quiz level:impossible', /`impossible` is not a valid level: expected one of easy, medium, hard/],
    ['/quiz seconds:2', /`2` is not a valid seconds: expected 5 to 86400/],
    ['/quiz seed:3', /admin/],
    ['/leaderboard week 0', /`0` was taken as the page of \/leaderboard .*a whole number from 1 to 100000/],
    ['/count conv 3 64', /`conv` on its own takes every number of `conv CIN COUT K`; with 2, K \(the last\) is missing/],
    ['/count input 8x8x3 > dense', /^:warning: `dense` takes 1–2 argument\(s\), got 0/],
    ['/explain convolution9', /`convolution9` is not a layer kind/],
    ['/close', /^:warning: \/close is for admins only; nothing was changed\.$/],
    ['/frobnicate now', /^:warning: `\/frobnicate` is not a command: try \/help\.$/],
  ];

  it.each(cases)('%s', async (line, message) => {
    const bot = await startBot();
    await bot.command(teacher, '/quiz level:medium topic:conv seed:7');
    await bot.fake.nextCall('chat.postMessage');
    const reply = await bot.privately(alice, line);
    expect(reply.blocks).toHaveLength(1);
    expect(textOf(reply)).toMatch(message);
    expect(textOf(reply).split('\n')).toHaveLength(1);
    expect(await bot.app.store.rounds.answers(1)).toHaveLength(0);
    expect((await bot.app.store.rounds.get(1))!.closedAt).toBeNull();
  });

  it('a button from an older version is told so', async () => {
    const bot = await startBot();
    const { responseUrl } = await bot.click(alice, { action_id: 'vote:1', value: 'vote:1', text: { type: 'plain_text', text: 'Vote' } });
    expect(textOf(await bot.privateReply(responseUrl))).toMatch(/older version of ParamQuiz/);
  });
});

describe('crashes: a polite private error, a log line, and the app keeps running', () => {
  it('a command whose service throws', async () => {
    const bot = await startBot();
    bot.app.quiz.leaderboard = () => {
      throw new Error('disk I/O error');
    };
    expect(textOf(await bot.privately(alice, '/leaderboard'))).toBe(':warning: Sorry, something went wrong on our side; it has been logged. Please try again.');
    expect(bot.logs).toContainEqual(expect.objectContaining({ level: 50, msg: 'handler failed', command: 'leaderboard', err: expect.objectContaining({ message: 'disk I/O error' }) }));
    expect((await bot.privately(alice, '/count conv 3 64 3')).text).toBe('Conv2D: 1,792 parameters');
  });

  it('a Web API call that fails after the ack', async () => {
    const bot = await startBot();
    bot.fake.failNext('chat.postMessage', 'fatal_error');
    const crashed = await bot.command(alice, '/leaderboard');
    expect(textOf(await bot.privateReply(crashed.responseUrl))).toMatch(/^:warning: Sorry, something went wrong/);
    expect(bot.logs).toContainEqual(expect.objectContaining({ level: 50, msg: 'handler failed', platform: 'slack', command: 'leaderboard' }));
    await bot.command(alice, '/leaderboard');
    expect(textOf((await bot.fake.nextCall('chat.postMessage')).args)).toContain('Leaderboard: this week');
  });

  it('users.info refused: the name from the request, admins from ADMIN_USER_IDS only', async () => {
    const bot = await startBot();
    bot.fake.failNext('users.info', 'missing_scope');
    bot.fake.failNext('users.info', 'missing_scope');
    expect(textOf(await bot.privately(owner, '/close'))).toMatch(/admins only/);
    const asTeacher = await bot.command(teacher, '/quiz topic:dense');
    await bot.fake.nextCall('chat.postMessage');
    expect(await bot.app.store.rounds.get(1)).toBeDefined();
    expect(asTeacher.ack).toEqual({});
    expect(bot.logs.filter((l) => /users\.info failed/.test(l.msg))).toHaveLength(2);
  });
});
