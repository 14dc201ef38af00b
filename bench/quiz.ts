/**
 * Quiz store benchmarks, on real SQLite files with the production pragmas (WAL, synchronous=FULL).
 * - answers_per_s: answers checked and durably recorded, each in its own transaction, through
 *   QuizService.answer (parse, judge, diagnose, the answer, its boards, tallies and lapses), half
 *   of them right and half wrong with a named mistake.
 * - answers_vs_raw_ratio: that rate over a raw better-sqlite3 loop inserting one row per
 *   transaction with the same pragmas, measured in the same run, runs interleaved.
 * - leaderboard_week_p99_ms: the week board (random page, with the asker's rank) once one scope
 *   holds 1,000,000 answers from 10,000 users, all in the same week.
 * - db_mb_per_million_answers: the file's size per million answers, after a WAL checkpoint.
 * - quiz_generate_us_p50 / _p99: one question generated (drawn, counted, its mistakes worked out,
 *   its choices balanced, its working written) on a seed not seen before, over every topic and
 *   level; quiz_generate_us_p50_TOPIC per topic; quiz_generate_us_worst_topic the slowest topic's p50.
 * - quiz_generated_kept_mb: the heap those questions (9,900) leave behind them, in caches;
 *   quiz_generated_kept_mb_quiet: what is left of it once the process has been quiet (two looks at
 *   the caches that drop when quiet, lru.ts).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/clock.js';
import { QuizService } from '../src/quiz/service.js';
import { PRAGMAS } from '../src/store/sqlite.js';
import { openSqlite } from '../src/store/store.js';
import { isoWeek } from '../src/quiz/week.js';
import { generate } from '../src/quiz/generator.js';
import { LEVELS, TOPICS } from '../src/domain/index.js';
import { dropQuietCaches } from '../src/lru.js';
import { liveHeapMb, median, percentile, round, type Figures } from './lib.js';

const SETTINGS = { roundSeconds: 86_400, timezone: 'Asia/Taipei', language: 'en' as const };
const noEvents = { roundClosed: async () => {} };

async function answerRate(dir: string, run: number, n: number): Promise<number> {
  const store = openSqlite(join(dir, `answers-${run}.db`));
  const quiz = new QuizService({ store, clock: systemClock, settings: SETTINGS, events: noEvents, seeds: () => run });
  const channelId = `C${run}`;
  const started = await quiz.start({ scopeId: 'bench:S', channelId, opener: { kind: 'schedule' }, lang: 'en', level: 'medium', topics: ['conv'] });
  if (!started.ok) throw new Error('no round');
  // A classroom's mix: half right, half wrong with a named mistake (its skill lapses for /review).
  const texts = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? started.question.answer : started.question.mistakes[0]!.value).toString());
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await quiz.answer({ scopeId: 'bench:S', channelId, player: { userId: `U${i}`, name: `user${i}` }, text: texts[i]! });
  const rate = (n * 1000) / (performance.now() - t0);
  await quiz.stop();
  await store.close();
  return rate;
}

function rawRate(dir: string, run: number, n: number): number {
  const db = new Database(join(dir, `raw-${run}.db`));
  for (const p of PRAGMAS) db.pragma(p);
  db.exec('CREATE TABLE t (round_id INTEGER, member_id INTEGER, value TEXT, answered_at INTEGER)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)');
  const tx = db.transaction((i: number) => insert.run(1, i, String(i), Date.now()));
  const t0 = performance.now();
  for (let i = 0; i < n; i++) tx.immediate(i);
  const rate = (n * 1000) / (performance.now() - t0);
  db.close();
  return rate;
}

async function leaderboard(dir: string, users: number, answers: number): Promise<{ p99: number; p50: number; mb: number }> {
  const path = join(dir, 'board.db');
  const store = openSqlite(path);
  const quiz = new QuizService({ store, clock: systemClock, settings: SETTINGS, events: noEvents, seeds: () => 1 });
  const scopeId = 'bench:BIG';
  await quiz.scope(scopeId);
  const perRound = 1000;
  const now = Date.now();
  const week = isoWeek(now, SETTINGS.timezone);
  const daily = { cap: 10, from: 0, to: 0 };
  const LOADER = { owner: 'bench', until: 0 };
  const bonus = { points: 5, minAnswers: 2 };
  for (let r = 0; r < answers / perRound; r++) {
    // Bulk load: the store's own statements, many answers per transaction (one per answer is measured above).
    await store.db.batch(async () => {
      const round = (await store.rounds.open({
        scopeId,
        channelId: `C${r}`,
        seed: r,
        generator: 1,
        level: 'medium',
        topic: 'conv',
        questionKey: `k${r}`,
        answer: 1792n,
        lang: 'en',
        openedBy: null,
        openedAt: now,
        closesAt: now + 86_400_000,
        scoring: 'scored',
        lease: LOADER,
      }))!;
      for (let i = 0; i < perRound; i++) {
        const member = (r * 7919 + i * 13) % users;
        const correct = (i + r) % 3 !== 0;
        await store.rounds.answer({
          roundId: round.id,
          player: { userId: `U${member}`, name: `user${member}` },
          value: correct ? 1792n : 1728n,
          correct,
          mistakes: correct ? [] : ['forgotBias'],
          lapses: correct ? [] : ['bias'],
          points: 20,
          now,
          week,
          daily,
        });
      }
      await store.rounds.close(round.id, { now, reason: 'admin', bonus, lease: LOADER });
    });
  }
  const times: number[] = [];
  for (let q = 0; q < 1000; q++) {
    const asker = { userId: `U${(q * 131) % users}`, name: `user${(q * 131) % users}` };
    const t0 = performance.now();
    await quiz.leaderboard({ scopeId, period: 'week', page: 1 + ((q * 37) % (users / 10)), asker });
    times.push(performance.now() - t0);
  }
  store.db.db.pragma('wal_checkpoint(TRUNCATE)');
  const count = store.db.db.prepare('SELECT COUNT(*) FROM answers').pluck().get() as number;
  await quiz.stop();
  await store.close();
  const mb = statSync(path).size / 1_048_576 / (count / 1_000_000);
  return { p99: percentile(times, 99), p50: median(times), mb };
}

/** Microseconds per generated question, per topic: fresh seeds (no question built before), every level. */
function generation(perLevel: number): Figures {
  const all: number[] = [];
  const figures: Figures = {};
  let worst = { topic: '', p50: 0 };
  // What the benchmarks before this one cached goes first: the figures are this one's questions.
  dropQuietCaches();
  dropQuietCaches();
  const before = liveHeapMb();
  for (const topic of TOPICS) {
    const times: number[] = [];
    for (const level of LEVELS) {
      for (let i = 0; i < perLevel; i++) {
        const t0 = performance.now();
        generate(1_000_003 + i * 7_919, level, topic);
        times.push((performance.now() - t0) * 1000);
      }
    }
    const p50 = median(times);
    figures[`quiz_generate_us_p50_${topic}`] = Math.round(p50);
    if (p50 > worst.p50) worst = { topic, p50 };
    all.push(...times);
  }
  const kept = liveHeapMb() - before;
  dropQuietCaches(); // the period the questions were made in
  dropQuietCaches();
  const quiet = liveHeapMb() - before;
  return {
    quiz_generate_us_p50: Math.round(median(all)),
    quiz_generate_us_p99: Math.round(percentile(all, 99)),
    ...figures,
    quiz_generate_us_worst_topic: `${worst.topic} ${Math.round(worst.p50)}`,
    quiz_generated_kept_mb: round(kept, 1),
    quiz_generated_kept_mb_quiet: round(quiet, 1),
  };
}

export async function benchQuiz(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'paramquiz-bench-'));
  try {
    const answers: number[] = [];
    const raw: number[] = [];
    const n = 2000;
    for (let run = 0; run < 5; run++) {
      answers.push(await answerRate(dir, run, n));
      raw.push(rawRate(dir, run, n));
    }
    const board = await leaderboard(dir, 10_000, 1_000_000);
    return {
      ...generation(300),
      answers_per_s: Math.round(median(answers)),
      raw_insert_per_s: Math.round(median(raw)),
      answers_vs_raw_ratio: round(median(answers) / median(raw), 3),
      leaderboard_week_p50_ms: round(board.p50, 3),
      leaderboard_week_p99_ms: round(board.p99, 3),
      db_mb_per_million_answers: round(board.mb, 1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
