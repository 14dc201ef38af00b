/**
 * Several bot processes on one PostgreSQL database behave as one bot: real `npm start`
 * processes in Slack HTTP mode (as instances behind a load balancer), against one fake Slack.
 * - answers to one round sent through both at once: exactly one first correct, each answer once;
 * - the process that opened a round killed before its deadline: the other closes it and posts its
 *   reveal, exactly once;
 * - a scheduled run both processes are up for: posted once.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MAIN, shellEnv } from '../support/app.js';
import { BOT_TOKEN, commandBody, FakeSlack, postToBot, SIGNING_SECRET, slashCommand, TEAM, type Json } from '../support/fake-slack.js';
import { freshDatabase } from '../support/postgres.js';
import { onCleanup } from '../support/quiz.js';
import { CHANNEL, USERS } from '../slack/harness.js';

interface BotProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly logs: () => string;
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
  let logs = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (logs += chunk));
  const deadline = Date.now() + 20_000;
  for (;;) {
    const listening = logs.split('\n').find((line) => line.includes('"msg":"slack listening"'));
    const port = listening && /"port":(\d+)/.exec(listening)?.[1];
    if (port) return { child, url: `http://127.0.0.1:${port}/slack/events`, logs: () => logs };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the bot did not start listening:\n${logs.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A slash command as Slack sends it to one instance; the ack's body. */
async function command(bot: BotProcess, fake: FakeSlack, user: (typeof USERS)[keyof typeof USERS], name: string, text: string): Promise<Json> {
  const res = await postToBot(bot.url, commandBody(slashCommand(user, name, text, { channel: CHANNEL, responseUrl: fake.responseUrl() })));
  if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${res.text}`);
  return res.text === '' ? {} : (JSON.parse(res.text) as Json);
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

const reveals = (fake: FakeSlack) => fake.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('the answer is'));

async function until(test: () => boolean | Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('two bot processes on one PostgreSQL database', () => {
  it('take answers to one round through both at once: one first correct, each answer once, one reveal', async () => {
    const fake = await fakeSlack();
    const database = await freshDatabase();
    const [a, b] = await Promise.all([startBot(fake, database), startBot(fake, database)]);
    await command(a!, fake, USERS.teacher, '/quiz', 'level:medium topic:dense seed:21 seconds:600');
    await fake.nextCall('chat.postMessage');
    const answer = (await query<{ answer: string }>(database, 'SELECT answer FROM rounds WHERE id = 1'))[0]!.answer;
    const students = Array.from({ length: 60 }, (_, i) => ({ id: `U0S${i}`, name: `s${i}` }));
    for (const s of students) fake.addUser(s);
    // Every student answers right, half through each instance, all at once.
    await Promise.all(students.map((s, i) => command(i % 2 === 0 ? a! : b!, fake, s as never, '/answer', answer)));

    const rows = await query<{ member: string; first: boolean }>(database, 'SELECT member_id AS member, first FROM answers WHERE round_id = 1');
    expect(rows).toHaveLength(60);
    expect(new Set(rows.map((r) => r.member)).size).toBe(60);
    expect(rows.filter((r) => r.first)).toHaveLength(1);

    await command(b!, fake, USERS.teacher, '/close', '');
    await until(() => reveals(fake).length === 1, 'the reveal');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(reveals(fake)).toHaveLength(1);
    const [bonus] = await query<{ n: string }>(database, 'SELECT COUNT(*) AS n FROM answers WHERE round_id = 1 AND bonus > 0');
    expect(bonus!.n).toBe('1');
  });

  it('close and reveal, once, the round of a process killed before its deadline', async () => {
    const fake = await fakeSlack();
    const database = await freshDatabase();
    const [a, b] = await Promise.all([startBot(fake, database), startBot(fake, database)]);
    const asked = await command(a!, fake, USERS.teacher, '/quiz', 'level:medium topic:dense seed:22 seconds:5');
    expect(JSON.stringify(asked)).not.toContain('ephemeral');
    await fake.nextCall('chat.postMessage');
    await command(b!, fake, USERS.alice, '/answer', '12');
    a!.child.kill('SIGKILL'); // the round's owner dies before its deadline

    await until(() => reveals(fake).length === 1, 'the other process to reveal the round', 25_000);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(reveals(fake)).toHaveLength(1);
    const [round] = await query<{ closed_at: string | null; revealed_at: string | null; close_reason: string }>(database, 'SELECT closed_at, revealed_at, close_reason FROM rounds WHERE id = 1');
    expect(round).toMatchObject({ close_reason: 'timeout' });
    expect(round!.revealed_at).not.toBeNull();
    expect(b!.logs()).not.toMatch(/"level":50/);
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
    await Promise.all([startBot(fake, database), startBot(fake, database)]);
    await until(() => fake.callsTo('chat.postMessage').some((c) => String(c.args.text).includes('Question #')), 'the scheduled question');
    await new Promise((r) => setTimeout(r, 2_000));
    expect(fake.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('Question #'))).toHaveLength(1);
    expect(await query(database, 'SELECT status, posted FROM schedule_runs')).toEqual([{ status: 'done', posted: 1 }]);
  });
});
