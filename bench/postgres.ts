/**
 * The PostgreSQL store, on a throwaway server of its own (the machine's PostgreSQL binaries):
 * - pg_answers_per_s: answers checked and recorded through QuizService.answer, one at a time, a
 *   classroom's mix: half right, half wrong with a named mistake (its skill lapses for /review).
 * - pg_raw_insert_per_s: the baseline, same server, same run, interleaved: one-row INSERTs, each
 *   its own transaction, from one connection. pg_answers_vs_raw_ratio is the one over the other.
 * - pg_round_trips_per_answer: queries the bot sent per answer (counted at the client);
 *   pg_commits_per_answer: transactions the server committed per answer (its own statistics).
 * - pg_leaderboard_week_p50_ms / _p99_ms: the week board (a random page, the asker's own rank)
 *   once one scope holds 1,000,000 answers from 10,000 users (loaded with generate_series).
 * - two_process_answers_per_s: two processes (worker threads, each its own pool) answering one
 *   burst of answers to one round together; two_vs_one_ratio against one of them alone.
 */
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { systemClock } from '../src/clock.js';
import { QuizService } from '../src/quiz/service.js';
import { openPostgres } from '../src/store/store.js';
import { isoWeek } from '../src/quiz/week.js';
import { startCluster } from '../test/support/postgres-server.js';
import { machine } from './machine.js';
import { median, percentile, round, type Figures } from './lib.js';

const SETTINGS = { roundSeconds: 86_400, timezone: 'Asia/Taipei', language: 'en' as const };
const noEvents = { roundClosed: async () => {} };

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function createDatabase(server: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return withDatabase(server, name);
}

/** Counts the queries every node-postgres client of this process sends until stopped. */
function countQueries(): { readonly sent: () => number; readonly stop: () => void } {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let sent = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    sent++;
    return original.apply(this, args);
  };
  return { sent: () => sent, stop: () => void (proto.query = original) };
}

/** Transactions the server has committed in the database (a backend's counts are in once it exits). */
async function commits(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = current_database()');
  await client.end();
  return Number(rows[0]!.n);
}

interface AnswerRun {
  readonly rate: number;
  readonly roundTrips: number;
  readonly commits: number;
}

async function answerRate(url: string, channel: string, users: readonly string[]): Promise<AnswerRun> {
  const store = await openPostgres(url, { max: 2 });
  const quiz = new QuizService({ store, clock: systemClock, settings: SETTINGS, events: noEvents, seeds: () => 7 });
  const started = await quiz.start({ scopeId: 'bench:S', channelId: channel, opener: { kind: 'schedule' }, lang: 'en', level: 'medium', topics: ['conv'] });
  if (!started.ok) throw new Error('no round');
  const right = started.question.answer.toString();
  const named = started.question.mistakes[0]!.value.toString();
  const before = await commits(url);
  const queries = countQueries();
  const t0 = performance.now();
  for (const [i, user] of users.entries()) await quiz.answer({ scopeId: 'bench:S', channelId: channel, player: { userId: user, name: user }, text: i % 2 === 0 ? right : named });
  const rate = (users.length * 1000) / (performance.now() - t0);
  queries.stop();
  await quiz.stop();
  await store.close();
  // Less the one each of these readers commits, and the lease released at the stop.
  const committed = (await commits(url)) - before - 2;
  return { rate, roundTrips: queries.sent() / users.length, commits: committed / users.length };
}

async function rawRate(url: string, run: number, n: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE TABLE raw_${run} (round_id BIGINT, member_id BIGINT, value TEXT, answered_at BIGINT)`);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await client.query(`INSERT INTO raw_${run} VALUES ($1, $2, $3, $4)`, [1, i, String(i), Date.now()]);
  const rate = (n * 1000) / (performance.now() - t0);
  await client.end();
  return rate;
}

/** 10,000 members and 1,000,000 answers in 1,000 rounds, with the boards they add up to, all this week. */
async function loadBoard(url: string, users: number, answers: number): Promise<string> {
  const store = await openPostgres(url);
  await store.scopes.ensure('bench:BIG', { timezone: SETTINGS.timezone, language: 'en' });
  await store.close();
  const week = `week:${isoWeek(Date.now(), SETTINGS.timezone)}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const now = Date.now();
  await client.query(`INSERT INTO members (scope_id, user_id, display_name) SELECT 'bench:BIG', 'U' || i, 'user' || i FROM generate_series(0, $1 - 1) AS i`, [users]);
  const perRound = 1000;
  await client.query(
    `INSERT INTO rounds (scope_id, channel_id, seed, generator, level, topic, question_key, answer, lang, opened_at, closes_at, closed_at, revealed_at)
     SELECT 'bench:BIG', 'C' || r, r, 1, 'medium', 'conv', 'k' || r, '1792', 'en', $1, $1, $1, $1 FROM generate_series(1, $2) AS r`,
    [now, answers / perRound],
  );
  // Each round's answers come from distinct members, as one answer per member per round requires.
  await client.query(
    `INSERT INTO answers (round_id, member_id, value, correct, first, points, answered_at)
     SELECT r.id, m.id, CASE WHEN (i + r.id) % 3 <> 0 THEN '1792' ELSE '1728' END, (i + r.id) % 3 <> 0, FALSE,
            CASE WHEN (i + r.id) % 3 <> 0 THEN 20 ELSE 0 END, $1
     FROM rounds r CROSS JOIN generate_series(0, $2 - 1) AS i
     JOIN members m ON m.scope_id = 'bench:BIG' AND m.user_id = 'U' || ((r.id * 7919 + i * 13) % $3)
     WHERE r.scope_id = 'bench:BIG'`,
    [now, perRound, users],
  );
  for (const board of ['all', week]) {
    await client.query(
      `INSERT INTO scores (scope_id, board, member_id, points, correct, answered)
       SELECT 'bench:BIG', $1, member_id, SUM(points), COUNT(*) FILTER (WHERE correct), COUNT(*) FROM answers GROUP BY member_id`,
      [board],
    );
  }
  await client.query('VACUUM ANALYZE');
  await client.end();
  return week;
}

async function leaderboard(url: string, users: number): Promise<{ p50: number; p99: number }> {
  const store = await openPostgres(url, { max: 2 });
  const quiz = new QuizService({ store, clock: systemClock, settings: SETTINGS, events: noEvents, seeds: () => 1 });
  const times: number[] = [];
  for (let q = 0; q < 1100; q++) {
    const asker = { userId: `U${(q * 131) % users}`, name: `user${(q * 131) % users}` };
    const t0 = performance.now();
    await quiz.leaderboard({ scopeId: 'bench:BIG', period: 'week', page: 1 + ((q * 37) % (users / 10)), asker });
    if (q >= 100) times.push(performance.now() - t0); // the first hundred warm the pool and the plans
  }
  await quiz.stop();
  await store.close();
  return { p50: median(times), p99: percentile(times, 99) };
}

/** `processes` workers, each with its own pool, answering `perProcess` each to one round at once. */
async function together(url: string, processes: number, perProcess: number, channel: string): Promise<number> {
  const store = await openPostgres(url, { max: 1 });
  const quiz = new QuizService({ store, clock: systemClock, settings: SETTINGS, events: noEvents, seeds: () => 9 });
  const started = await quiz.start({ scopeId: 'bench:S', channelId: channel, opener: { kind: 'schedule' }, lang: 'en', level: 'medium', topics: ['dense'] });
  if (!started.ok) throw new Error('no round');
  await quiz.stop();
  await store.close();
  const script = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const { openPostgres } = await import(${JSON.stringify(new URL('../src/store/store.js', import.meta.url).href)});
      const { QuizService } = await import(${JSON.stringify(new URL('../src/quiz/service.js', import.meta.url).href)});
      const { systemClock } = await import(${JSON.stringify(new URL('../src/clock.js', import.meta.url).href)});
      const store = await openPostgres(workerData.url, { max: 2 });
      const quiz = new QuizService({ store, clock: systemClock, settings: workerData.settings, events: { roundClosed: async () => {} } });
      parentPort.postMessage('ready');
      await new Promise((r) => parentPort.once('message', r));
      for (let i = 0; i < workerData.n; i++) {
        const user = 'P' + workerData.id + '-' + i;
        await quiz.answer({ scopeId: 'bench:S', channelId: workerData.channel, player: { userId: user, name: user }, text: String(1000 + i) });
      }
      await quiz.stop();
      await store.close();
      parentPort.postMessage('done');
    })();`;
  const workers = Array.from({ length: processes }, (_, id) => new Worker(script, { eval: true, workerData: { url, n: perProcess, id, channel, settings: SETTINGS } }));
  await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  const t0 = performance.now();
  for (const w of workers) w.postMessage('go');
  await Promise.all(workers.map((w) => new Promise((r) => w.once('message', r))));
  const rate = (processes * perProcess * 1000) / (performance.now() - t0);
  await Promise.all(workers.map((w) => w.terminate()));
  return rate;
}

export async function benchPostgres(): Promise<Figures> {
  const cluster = await startCluster();
  try {
    const url = await createDatabase(cluster.url, 'bench');
    // Migrated once, then used by every measurement.
    await (await openPostgres(url)).close();
    const answers: AnswerRun[] = [];
    const raw: number[] = [];
    const n = 1000;
    for (let run = 0; run < 5; run++) {
      answers.push(
        await answerRate(
          url,
          `C${run}`,
          Array.from({ length: n }, (_, i) => `U${run}-${i}`),
        ),
      );
      raw.push(await rawRate(url, run, n));
    }
    const rates = answers.map((a) => a.rate);
    const one = await together(url, 1, 1000, 'T1');
    const two = await together(url, 2, 1000, 'T2');
    const boardUrl = await createDatabase(cluster.url, 'board');
    await (await openPostgres(boardUrl)).close();
    await loadBoard(boardUrl, 10_000, 1_000_000);
    const board = await leaderboard(boardUrl, 10_000);
    return {
      pg_answers_per_s: Math.round(median(rates)),
      pg_raw_insert_per_s: Math.round(median(raw)),
      pg_answers_vs_raw_ratio: round(median(rates) / median(raw), 3),
      pg_round_trips_per_answer: round(median(answers.map((a) => a.roundTrips)), 3),
      pg_commits_per_answer: round(median(answers.map((a) => a.commits)), 3),
      ...machine('pg', tmpdir()),
      pg_leaderboard_week_p50_ms: round(board.p50, 3),
      pg_leaderboard_week_p99_ms: round(board.p99, 3),
      one_process_answers_per_s: Math.round(one),
      two_process_answers_per_s: Math.round(two),
      two_vs_one_process_ratio: round(two / one, 3),
    };
  } finally {
    cluster.stop();
  }
}
