/**
 * PostgreSQL away for a few seconds (an upgrade, a crash): every platform tells the asker "busy,
 * try again" in time, logs a warning and no error, writes nothing, and works again by itself once
 * the server is back. Against a real PostgreSQL server taken down and brought back, through the
 * real Bolt app (signed HTTP requests, and Socket Mode), the real discord.js client, and the shell.
 */
import { PassThrough } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { startBot as startDiscord, visible } from '../discord/harness.js';
import { shown } from '../support/fake-discord.js';
import { TEAM, type FakeUser, type Json } from '../support/fake-slack.js';
import { captureLog } from '../support/log.js';
import { startCluster, type Cluster } from '../support/postgres-server.js';
import { withDatabase } from '../support/postgres-setup.js';
import { MONDAY_10_TAIPEI, onCleanup, tempDir } from '../support/quiz.js';
import { CHANNEL, startBot as startSlack, textOf, USERS } from '../slack/harness.js';

const BUSY = 'ParamQuiz is busy right now and nothing was changed: please try again in a moment.';
/** Slack shows a warning's sign in front. */
const SLACK_BUSY = `:warning: ${BUSY}`;

let cluster: Cluster;
let databases = 0;
beforeAll(async () => {
  cluster = await startCluster();
});
afterAll(() => cluster?.stop());

/** A database of its own on the cluster, for one bot. */
async function database(): Promise<string> {
  const name = `down_${++databases}`;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return withDatabase(cluster.url, name);
}

/**
 * The server away while `during` runs, then back (even if `during` throws). Away long enough that
 * the bot's copy of a scope's settings is stale (it trusts one for 5 s): every request reads the
 * store, also to learn its language.
 */
async function whileDown<T>(clock: ManualClock, during: () => Promise<T>): Promise<T> {
  cluster.down();
  clock.advance(6_000);
  try {
    return await during();
  } finally {
    cluster.up();
  }
}

/** The round open in a channel once its question is posted and marked so (the bot is done with it). */
const posted = (app: App, scopeId: string, channelId: string) =>
  vi.waitFor(async () => {
    const round = await app.quiz.openRound(scopeId, channelId);
    if (!round?.messageRef) throw new Error('the question is not marked posted yet');
    return round;
  });

const students = (n: number): FakeUser[] => Array.from({ length: n }, (_, i) => ({ id: `U0S${String(i).padStart(3, '0')}`, name: `student${i}` }));

describe.each(['http', 'socket'] as const)('Slack (%s) with PostgreSQL away', (mode) => {
  it('answers each of 80 /answer "busy, try again", logs no error, records none, and works again once it is back', async () => {
    const bot = await startSlack({ mode, env: { DATABASE_URL: await database() } });
    await bot.command(USERS.teacher, '/quiz topic:dense level:easy');
    const round = await posted(bot.app, `slack:${TEAM.id}`, CHANNEL);
    const crowd = students(80);
    for (const student of crowd) bot.fake.addUser(student);

    /** What the student reads: the ack's private answer, or the one that followed through the response_url. */
    const answerText = async (student: FakeUser, text: string): Promise<string> => {
      const { ack, responseUrl } = await bot.command(student, `/answer ${text}`);
      return ack.response_type === 'ephemeral' ? textOf(ack) : textOf((await bot.fake.nextResponse((r) => r.url === responseUrl, 15_000)).body as Json);
    };
    const replies = await whileDown(bot.clock, () => Promise.all(crowd.map((student) => answerText(student, '1234'))));

    expect(replies.filter((r) => r !== SLACK_BUSY)).toEqual([]);
    expect(bot.logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(bot.logs.filter((l) => l.msg === 'database busy; asked to try again').length).toBeGreaterThanOrEqual(80);
    // Back: the same students are heard, and nothing of the time it was away was kept.
    expect(await answerText(crowd[0]!, String(round.answer))).toMatch(/^✅ Correct/);
    expect((await bot.app.store.rounds.answers(round.id)).map((a) => a.userId)).toEqual([crowd[0]!.id]);
  });
});

describe('Discord with PostgreSQL away', () => {
  it('answers /answer "busy, try again", logs no error, and works again once it is back', async () => {
    const bot = await startDiscord({ env: { DATABASE_URL: await database() } });
    const { discord } = bot;
    const teacher = discord.user('teacher', { admin: true });
    const alice = discord.user('alice');
    visible(await discord.slash(teacher, 'quiz', { level: 'easy', topic: 'dense' }));
    const here = discord.here as Extract<typeof discord.here, { guild: unknown }>;
    const round = await posted(bot.app, `discord:${here.guild.id}`, here.channel.id);

    const busy = await whileDown(bot.clock, async () => shown(await discord.replied(await discord.slash(alice, 'answer', { value: '1234' }), 15_000)));
    expect(busy).toBe(BUSY);
    expect(bot.logs.filter((l) => l.level >= 50)).toEqual([]);
    const again = await discord.slash(alice, 'answer', { value: String(round.answer) });
    expect(shown(await discord.replied(again, 15_000))).toMatch(/^✅ Correct/);
  });
});

describe('the shell with PostgreSQL away', () => {
  it('answers "busy, try again" and keeps reading commands, then works again once it is back', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
    const { log, lines } = captureLog();
    const config = loadConfig({ DATABASE_URL: await database(), DATABASE_PATH: `${tempDir()}/unused.db`, QUIZ_TIMEZONE: 'Asia/Taipei', PARAMQUIZ_USER: 'teacher' });
    const clock = new ManualClock(MONDAY_10_TAIPEI);
    const app = await App.open(config, log, { input, output }, clock);
    await app.start();
    onCleanup(() => app.stop());
    /** Types a line and waits for the shell to print `expected` in answer. */
    const typed = (line: string, expected: string) =>
      new Promise<void>((resolve) => {
        const from = printed.length;
        const seen = () => printed.slice(from).includes(expected) && (output.off('data', seen), resolve());
        output.on('data', seen);
        input.write(`${line}\n`);
      });

    await typed('/quiz level:easy topic:dense', 'Question #1');
    await typed('/as alice', 'You are now alice.'); // entries run in order: the question is all done
    await whileDown(clock, () => typed('/answer 1234', BUSY));
    await whileDown(clock, () => typed('/quiz level:easy topic:dense', BUSY));
    const round = (await app.quiz.openRound('shell:local', 'terminal'))!;
    await typed(`/answer ${round.answer}`, '✅ Correct');
    expect((await app.store.rounds.answers(round.id)).map((a) => a.userId)).toEqual(['alice']);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
  });
});
