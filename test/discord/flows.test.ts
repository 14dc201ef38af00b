/**
 * The bot on Discord, end to end: the real discord.js Client logged in to a fake Discord on
 * 127.0.0.1, the real quiz on a real SQLite file. Each test reads what a user would see.
 */
import { describe, expect, it } from 'vitest';
import { formatInt } from '../../src/engine/format.js';
import { generate } from '../../src/quiz/generator.js';
import { renderWorking } from '../../src/quiz/working.js';
import { CODE_FILE } from '../../src/platforms/discord/render.js';
import { buttons, CALLBACK, INTERACTION_DEADLINE_MS, isEphemeral, shown, type FakeMessage } from '../support/fake-discord.js';
import { startBot, visible, waitPosts, type Bot } from './harness.js';
import { messageRefOf } from '../support/quiz.js';
import { snapshotCount } from '../support/snapshot.js';

/** The first channel message the bot posted that contains `text`. */
const posted = async (bot: Bot, text: string): Promise<FakeMessage> => (await waitPosts(bot, text))[0]!;

describe('/count', () => {
  it('answers conv 3 64 3 privately with 1,792 and the formula, and shares it on request', async () => {
    const bot = await startBot();
    const { discord } = bot;
    const alice = discord.user('alice', { nick: 'Alice Chen' });

    const ex = await discord.slash(alice, 'count', { spec: 'conv 3 64 3' });
    expect(ex.callback?.type).toBe(CALLBACK.message);
    const reply = visible(ex);
    expect(isEphemeral(reply)).toBe(true);
    expect(shown(reply)).toContain('Conv2D: 1,792 parameters');
    expect(shown(reply)).toContain('(3×3×3 + 1)×64');
    expect(reply.embeds[0]?.description).toMatch(/^```\n[\s\S]*\n```$/);
    expect(ex.latencyMs).toBeLessThan(INTERACTION_DEADLINE_MS);

    const share = buttons(reply).find((b) => b.label === 'Share in channel')!;
    const shared = await discord.click(alice, reply, share.customId);
    const message = visible(shared);
    expect(isEphemeral(message)).toBe(false);
    expect(shown(message)).toContain('1,792');
    expect(shown(message)).toContain(`-# Shared by <@${alice.id}> · /count conv 3 64 3`);
    expect(buttons(message)).toEqual([]);
  });

  it('shares at once with share:true', async () => {
    const { discord } = await startBot();
    const ex = await discord.slash(discord.user('bob'), 'count', { spec: 'dense 512 10', share: true });
    expect(isEphemeral(visible(ex))).toBe(false);
    expect(shown(visible(ex))).toContain('5,130');
  });

  it('suggests kinds and presets as the spec is typed', async () => {
    const { discord } = await startBot();
    const ex = await discord.autocomplete(discord.user('alice'), 'count', 'spec', 'vgg');
    expect(ex.callback?.type).toBe(CALLBACK.autocomplete);
    expect(ex.choices?.map((c) => c.value)).toEqual(expect.arrayContaining(['vgg16', 'vgg19']));
    const chained = await discord.autocomplete(discord.user('alice'), 'count', 'spec', 'input 32x32x3 > con');
    expect(chained.choices?.[0]?.value).toMatch(/^input 32x32x3 > con/);
    expect(chained.choices!.length).toBeLessThanOrEqual(25);
  });

  it('attaches a summary too long for the message as a .txt file', async () => {
    const { discord } = await startBot();
    const ex = await discord.slash(discord.user('alice'), 'count', { spec: 'resnet50 --layers' });
    const reply = visible(ex);
    expect(reply.files.get(CODE_FILE)).toMatch(/Total params: 25,636,712/);
    expect(reply.embeds[0]?.title).toContain('25,636,712');
    expect(String(reply.embeds[0]?.description ?? '')).not.toContain('```');
  });

  it('names the bad token of a bad spec in one line', async () => {
    const { discord } = await startBot();
    const ex = await discord.slash(discord.user('alice'), 'count', { spec: 'conv 3 x 3' });
    expect(isEphemeral(visible(ex))).toBe(true);
    expect(shown(visible(ex))).toMatch(/^`x` is not a valid .*whole number/);
  });
});

describe('a quiz round', () => {
  it('posts a multiple-choice question, takes button and /answer answers, and reveals on /close', async () => {
    const bot = await startBot();
    const { discord, app } = bot;
    const teacher = discord.user('teacher', { admin: true });
    const [bob, carol, dave] = ['bob', 'carol', 'dave'].map((name) => discord.user(name));
    const q = generate(7, 'easy', 'dense');
    const wrong = q.mistakes.find((m) => q.choices!.includes(m.value))!;

    const started = await discord.slash(teacher, 'quiz', { level: 'easy', topic: 'dense', seed: 7 });
    const question = visible(started);
    expect(isEphemeral(question)).toBe(false);
    expect(shown(question)).toContain('Question #1 · dense · easy (10 points)');
    expect(question.embeds[0]?.description).toMatch(/-# Pick a button or \/answer A-D\. Closes <t:\d+:R>/);
    expect(buttons(question)).toHaveLength(4);
    // The bot learns the message id from the callback's response, just after Discord has it.
    expect(await messageRefOf(app.store, 1)).toBe(question.id);

    const button = (value: bigint) => buttons(question).find((b) => b.label.endsWith(` · ${formatInt(value)}`))!.customId;
    const first = await discord.click(bob!, question, button(q.answer));
    expect(isEphemeral(visible(first))).toBe(true);
    expect(shown(visible(first))).toBe(`✅ Correct, and first: ${formatInt(q.answer)}. +10 points, and +5 more when the question closes if someone else answers too.`);

    const miss = await discord.click(carol!, question, button(wrong.value));
    expect(isEphemeral(visible(miss))).toBe(true);
    expect(shown(visible(miss))).toMatch(new RegExp(`^❌ ${formatInt(wrong.value)} is not it: .+ The answer comes when the question closes, <t:\\d+:R>\\.$`));

    const again = await discord.click(bob!, question, button(wrong.value));
    expect(shown(visible(again))).toContain('You already answered this question');

    const typed = await discord.slash(dave!, 'answer', { value: String(q.answer) });
    expect(shown(visible(typed))).toBe(`✅ Correct: ${formatInt(q.answer)}. +10 points.`);

    const closed = await discord.slash(teacher, 'close');
    expect(shown(visible(closed))).toBe('Question #1 closed.');
    const reveal = await posted(bot, 'Question #1: the answer is');
    expect(reveal.message_reference).toMatchObject({ message_id: question.id });
    expect(shown(reveal)).toContain(`Right (2 of 3): <@${bob!.id}>, <@${dave!.id}>`);
    expect(shown(reveal)).toContain(`First: <@${bob!.id}> (+5)`);
    // the working: symbols, numbers, the weights apart from the biases
    for (const line of renderWorking('en', q.working)) expect(shown(reveal)).toContain(line);
    expect(shown(reveal)).toMatch(/= [\d,]+ weights \+ [\d,]+ biases/);
    await discord.until(() => (buttons(discord.messages.get(question.id)!).every((b) => b.disabled) ? true : undefined), 'the question buttons to be disabled');
  });

  it('opens a modal for a number answer, records it, and reveals when time runs out', async () => {
    const bot = await startBot();
    const { discord, clock } = bot;
    const teacher = discord.user('teacher', { admin: true });
    const erin = discord.user('erin', { nick: 'Erin' });
    const q = generate(42, 'medium', 'conv');

    const question = visible(await discord.slash(teacher, 'quiz', { level: 'medium', topic: 'conv', seed: 42, seconds: 30 }));
    const [answerButton] = buttons(question);
    expect(answerButton?.label).toBe('Answer');

    const click = await discord.click(erin, question, answerButton!.customId);
    expect(click.callback?.type).toBe(CALLBACK.modal);
    expect(click.modal).toMatchObject({ custom_id: answerButton!.customId, title: 'Your answer' });

    const submitted = await discord.submitModal(erin, click.modal!, formatInt(q.answer));
    expect(isEphemeral(visible(submitted))).toBe(true);
    expect(shown(visible(submitted))).toBe(`✅ Correct, and first: ${formatInt(q.answer)}. +20 points, and +5 more when the question closes if someone else answers too.`);

    const late = await discord.submitModal(discord.user('frank'), click.modal!, '12');
    expect(shown(visible(late))).toContain('12 is not it');

    clock.advance(30_000);
    const reveal = await posted(bot, 'Question #1: the answer is');
    expect(shown(reveal)).toContain(`Right (1 of 2): <@${erin.id}>`);
    await discord.until(() => (buttons(discord.messages.get(question.id)!)[0]?.disabled ? true : undefined), 'the Answer button to be disabled');

    const board = visible(await discord.slash(erin, 'leaderboard'));
    expect(isEphemeral(board)).toBe(false);
    expect(shown(board)).toContain(`**1.** <@${erin.id}>: 25 pts`);
    expect(shown(board)).toMatch(/You: #1 of 2, 25 pts/);
    const stats = visible(await discord.slash(erin, 'stats'));
    expect(isEphemeral(stats)).toBe(true);
    expect(shown(stats)).toContain('Stats for Erin');
  });
  it('posts a question in another channel picked with a channel option', async () => {
    const bot = await startBot();
    const { discord, app } = bot;
    const lab = discord.guilds[0]!.channels[1]!;
    const ex = await discord.slash(discord.user('teacher', { admin: true }), 'quiz', { level: 'easy', topic: 'dense', channel: { type: 7, value: lab.id } });
    expect(isEphemeral(visible(ex))).toBe(true);
    expect(shown(visible(ex))).toContain(`<#${lab.id}>`);
    const question = await posted(bot, 'Question #1');
    expect(question.channel_id).toBe(lab.id);
    expect(buttons(question)).toHaveLength(4);
    expect(await messageRefOf(app.store, 1)).toBe(question.id);
  });
});

describe('languages, permissions, bad input', () => {
  it("answers in the user's locale", async () => {
    const { discord } = await startBot();
    const mei = discord.user('mei', { locale: 'zh-TW', admin: true });
    expect(shown(visible(await discord.slash(mei, 'count', { spec: 'bn 64' })))).toContain('BatchNormalization（bn 64）：256 個參數');
    expect(shown(visible(await discord.slash(mei, 'quiz', { topic: 'dense', level: 'easy', seed: 1 })))).toContain('第 1 題 · 全連接層 · 簡單（10 分）');
    // The same server in English for someone else.
    expect(shown(visible(await discord.slash(discord.user('tom', { locale: 'en-GB' }), 'answer', { value: 'Z' })))).toMatch(/is not one of the choices/);
  });

  it('refuses bad option values with one clear line, running nothing', async () => {
    const bot = await startBot();
    const { discord } = bot;
    const teacher = discord.user('teacher', { admin: true });
    const cases: Array<[string, Record<string, string | number>, RegExp]> = [
      ['quiz', { seconds: 1 }, /^`1` is not a valid seconds: expected 5 to 86400\. \(see \/help quiz\)$/],
      ['quiz', { level: 'impossible' }, /^`impossible` is not a valid level: expected one of easy, medium, hard\. \(see \/help quiz\)$/],
      ['quiz', { seconds: 'soon' }, /^`soon` is not a valid seconds: expected a whole number\. \(see \/help quiz\)$/],
      ['leaderboard', { page: 0 }, /^`0` is not a valid page/],
      ['nonsense', {}, /^`\/nonsense` is not a command: try \/help\.$/],
    ];
    for (const [command, options, expected] of cases) {
      const ex = await discord.slash(teacher, command, options);
      expect(isEphemeral(visible(ex))).toBe(true);
      expect(shown(visible(ex))).toMatch(expected);
    }
    expect(await snapshotCount(bot.app.store, 'SELECT COUNT(*) AS n FROM rounds WHERE closed_at IS NULL')).toBe(0);
  });

  it('re-checks admin commands in the handler', async () => {
    const { discord } = await startBot();
    const ex = await discord.slash(discord.user('student'), 'close');
    expect(shown(visible(ex))).toBe('/close is for admins only; nothing was changed.');
  });

  it('works in a DM for /count, /explain and /help; quiz commands say they need a server', async () => {
    const bot = await startBot();
    const { discord } = bot;
    const alice = discord.user('alice');
    expect(shown(visible(await discord.slash(alice, 'count', { spec: 'dense 3 2' }, { dm: true })))).toContain('8 parameters');
    expect(shown(visible(await discord.slash(alice, 'explain', { kind: 'lstm' }, { dm: true })))).toContain('LSTM');
    expect(shown(visible(await discord.slash(alice, 'help', {}, { dm: true })))).toContain('/count');
    for (const command of ['quiz', 'leaderboard', 'stats']) {
      const ex = await discord.slash(alice, command, {}, { dm: true });
      expect(isEphemeral(visible(ex))).toBe(true);
      expect(shown(visible(ex))).toMatch(/^This needs a server/);
    }
    expect(bot.logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(await snapshotCount(bot.app.store, 'SELECT COUNT(*) AS n FROM rounds WHERE closed_at IS NULL')).toBe(0);
  });
});
