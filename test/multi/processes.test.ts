/**
 * Several bot processes on one PostgreSQL database behave as one bot: real `npm start`
 * processes in Slack HTTP mode (as instances behind a load balancer), against one fake Slack.
 * - answers to one round sent through both at once: exactly one first correct, each answer once;
 * - the process that opened a round killed before its deadline: the other closes it and posts its
 *   reveal, exactly once;
 * - a scheduled run both processes are up for: posted once.
 * Each waits for what the processes write or post, never for a while: "exactly once" is counted
 * after the processes have stopped, when nothing more can come.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MAIN, shellEnv } from '../support/app.js';
import { BOT_TOKEN, commandBody, FakeSlack, postToBot, SIGNING_SECRET, slashCommand, TEAM, type Json } from '../support/fake-slack.js';
import { freshDatabase } from '../support/postgres.js';
import { onCleanup } from '../support/quiz.js';
import { watch, type Watched } from '../support/watch.js';
import { CHANNEL, USERS } from '../slack/harness.js';

interface BotProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly logs: Watched;
}

async function fakeSlack(): Promise<FakeSlack> {
  const fake = await FakeSlack.start();
  for (const user of Object.values(USERS)) fake.addUser(user);
  onCleanup(() => fake.close());
  return fake;
}

/** A bot process on `database`, in Slack HTTP mode on a port of its own; resolves once it listens. */
async function startBot(fake: FakeSlack, database: string, extra: NodeJS.ProcessEnv = {}): Promise<BotProcess> {
  const env = shellEnv({
    DATABASE_URL: database,
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    ADMIN_USER_IDS: USERS.teacher.id,
    LOG_LEVEL: 'info',
    ...extra,
  });
  const child = spawn(process.execPath, [MAIN], { env });
  onCleanup(() => void child.kill('SIGKILL'));
  const logs = watch(child.stderr);
  const exited = once(child, 'exit').then(() => Promise.reject(new Error(`the bot exited before listening:\n${logs.text().slice(-2000)}`)));
  const listening = await Promise.race([logs.waitFor(/.*"msg":"slack listening".*/, 30_000), exited]);
  return { child, url: `http://127.0.0.1:${/"port":(\d+)/.exec(listening)![1]}/slack/events`, logs };
}

/** Stops a bot as a deployment does (SIGTERM) and waits for it to exit: it posts nothing after. */
async function stop(bot: BotProcess): Promise<void> {
  if (bot.child.exitCode !== null || bot.child.signalCode !== null) return;
  const exited = once(bot.child, 'exit');
  bot.child.kill('SIGTERM');
  await exited;
}

/** A slash command as Slack sends it to one instance; the ack's body. */
async function command(bot: BotProcess, fake: FakeSlack, user: (typeof USERS)[keyof typeof USERS], name: string, text: string, responseUrl = fake.responseUrl()): Promise<Json> {
  const res = await postToBot(bot.url, commandBody(slashCommand(user, name, text, { channel: CHANNEL, responseUrl })));
  if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${res.text}`);
  return res.text === '' ? {} : (JSON.parse(res.text) as Json);
}

/** /answer through one instance, done: its private reply, in the ack or, not ready in time for it (a loaded machine), through the response_url. */
async function answer(bot: BotProcess, fake: FakeSlack, user: (typeof USERS)[keyof typeof USERS], text: string): Promise<Json> {
  const responseUrl = fake.responseUrl();
  const ack = await command(bot, fake, user, '/answer', text, responseUrl);
  return Object.keys(ack).length > 0 ? ack : ((await fake.nextResponse((r) => r.url === responseUrl)).body as Json);
}

async function query<T extends object>(database: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const isReveal = (args: Json) => String(args.text).includes('the answer is');
const reveals = (fake: FakeSlack) => fake.callsTo('chat.postMessage').filter((c) => isReveal(c.args));
const isQuestion = (args: Json) => String(args.text).includes('Question #');

describe('two bot processes on one PostgreSQL database', () => {
  it('take answers to one round through both at once: one first correct, each answer once, one reveal', async () => {
    const fake = await fakeSlack();
    const database = await freshDatabase();
    const [a, b] = await Promise.all([startBot(fake, database), startBot(fake, database)]);
    await command(a!, fake, USERS.teacher, '/quiz', 'level:medium topic:dense seed:21 seconds:600');
    await fake.nextCall('chat.postMessage', isQuestion);
    const right = (await query<{ answer: string }>(database, 'SELECT answer FROM rounds WHERE id = 1'))[0]!.answer;
    const students = Array.from({ length: 60 }, (_, i) => ({ id: `U0S${i}`, name: `s${i}` }));
    for (const s of students) fake.addUser(s);
    // Every student answers right, half through each instance, all at once. A student told the
    // bot is busy (nothing changed) tries again, as the reply asks: a loaded machine may say so.
    const answered = async (s: (typeof students)[number], i: number) => {
      for (let tries = 0; tries < 5; tries++) {
        const reply = JSON.stringify(await answer(i % 2 === 0 ? a! : b!, fake, s as never, right));
        if (!reply.includes('busy right now')) return reply;
      }
      throw new Error(`${s.name} was told the bot is busy five times`);
    };
    const replies = await Promise.all(students.map(answered));
    expect(replies.filter((r) => r.includes('Correct'))).toHaveLength(60);

    const rows = await query<{ member: string; first: boolean }>(database, 'SELECT member_id AS member, first FROM answers WHERE round_id = 1');
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.member)).size).toBe(60);
    expect(rows.filter((r) => r.first)).toHaveLength(1);

    await command(b!, fake, USERS.teacher, '/close', '');
    await fake.nextCall('chat.postMessage', isReveal, 15_000);
    await Promise.all([stop(a!), stop(b!)]);
    expect(reveals(fake)).toHaveLength(1);
    const [bonus] = await query<{ n: string }>(database, 'SELECT COUNT(*) AS n FROM answers WHERE round_id = 1 AND bonus > 0');
    expect(bonus!.n).toBe('1');
  });

  it('close and reveal, once, the round of a process killed before its deadline', { timeout: 90_000 }, async () => {
    const fake = await fakeSlack();
    const database = await freshDatabase();
    const [a, b] = await Promise.all([startBot(fake, database), startBot(fake, database)]);
    // Ten seconds: far more than a loaded machine takes to post the question and kill its owner.
    const asked = await command(a!, fake, USERS.teacher, '/quiz', 'level:medium topic:dense seed:22 seconds:10');
    expect(JSON.stringify(asked)).not.toContain('ephemeral');
    await fake.nextCall('chat.postMessage', isQuestion);
    a!.child.kill('SIGKILL'); // the round's owner dies before its deadline
    const killedAt = Date.now();
    await once(a!.child, 'exit');
    const [open] = await query<{ closes_at: string }>(database, 'SELECT closes_at FROM rounds WHERE id = 1');
    expect(Number(open!.closes_at), 'killed before the deadline').toBeGreaterThan(killedAt);
    await answer(b!, fake, USERS.alice, '12');

    // The other process takes the round over (the owner's process is gone) and closes it at its time.
    await fake.nextCall('chat.postMessage', isReveal, 60_000);
    await stop(b!);
    expect(reveals(fake)).toHaveLength(1);
    const [round] = await query<{ closed_at: string | null; revealed_at: string | null; close_reason: string }>(database, 'SELECT closed_at, revealed_at, close_reason FROM rounds WHERE id = 1');
    expect(round).toMatchObject({ close_reason: 'timeout' });
    expect(round!.revealed_at).not.toBeNull();
    expect(b!.logs.text()).not.toMatch(/"level":50/);
  });

  it('post a scheduled run that both are up for once', async () => {
    const fake = await fakeSlack();
    const database = await freshDatabase();
    // A weekly quiz made last week whose slot came while no bot ran: both processes start, both
    // catch it up, and the claim lets one of them post it.
    const now = Date.now();
    // An hour ago in Taipei (UTC+8, no daylight saving): the slot that was missed.
    const local = new Date(now - 3_600_000 + 8 * 3_600_000);
    const weekday = ((local.getUTCDay() + 6) % 7) + 1;
    const time = `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
    const client = new pg.Client({ connectionString: database });
    await client.connect();
    await client.query("INSERT INTO scopes (id, timezone, language, created_at) VALUES ($1, 'Asia/Taipei', 'en', $2)", [`slack:${TEAM.id}`, now]);
    await client.query(
      `INSERT INTO schedules (scope_id, channel_id, weekday, time, timezone, questions, spacing_min, level, topics, missed, created_at)
       VALUES ($1, $2, $3, $4, 'Asia/Taipei', 1, 10, 'easy', 'dense', 'late', $5)`,
      [`slack:${TEAM.id}`, CHANNEL, weekday, time, now - 8 * 86_400_000],
    );
    await client.end();
    const bots = await Promise.all([startBot(fake, database), startBot(fake, database)]);
    await fake.nextCall('chat.postMessage', isQuestion, 20_000);
    await Promise.all(bots.map(stop));
    expect(fake.callsTo('chat.postMessage').filter((c) => isQuestion(c.args))).toHaveLength(1);
    expect(await query(database, 'SELECT status, posted FROM schedule_runs')).toEqual([{ status: 'done', posted: 1 }]);
  });
});
