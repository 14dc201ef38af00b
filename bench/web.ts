/**
 * Web page benchmarks, on the whole bot (App with its web server, a real SQLite file with the
 * production pragmas) holding a class of 10,000 students who gave 1,000,000 answers over 16 weeks:
 * 100 rounds of real generated questions (opened and closed through the quiz service), every
 * student answering each one, right or with the question's own named mistake. The answers are
 * written in bulk, and the tallies the answer path keeps (boards, each round's counts and named
 * mistakes, the class's answers per topic) are summed from them in SQL, the same sums db/sqlite/006
 * backfills with.
 * - web_report_p99_ms / _p50_ms: the teacher's report page (HTML, the student × week matrix page,
 *   mastery with its chart, the questions page), a random student page and question page, served
 *   through fastify (inject: the request pipeline without a socket).
 * - web_board_p99_ms / _p50_ms: the public class board, a random page of the all-time board.
 * - web_grades_csv_ms: the whole grades CSV (10,000 rows, 16 week columns), downloaded once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { App } from '../src/app.js';
import { ManualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { ALL_TIME, weekBoard } from '../src/domain/index.js';
import { isoWeek } from '../src/quiz/week.js';
import type { SqliteDriver } from '../src/store/sqlite.js';
import type { SqlStore } from '../src/store/store.js';
import { TOPICS } from '../src/domain/index.js';
import { median, percentile, round, type Figures } from './lib.js';

const STUDENTS = 10_000;
const ROUNDS = 100;
const WEEKS = 16;
const SCOPE = 'discord:BENCH';
const WEEK_MS = 7 * 86_400_000;
const START = Date.UTC(2026, 8, 14, 2, 0, 0); // a Monday, 10:00 in Taipei
const POINTS = { easy: 10, medium: 20, hard: 30 } as const;

function timings(n: number, op: (i: number) => Promise<void>): Promise<number[]> {
  return (async () => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await op(i);
      times.push(performance.now() - t0);
    }
    return times;
  })();
}

/** A deterministic stream of numbers in [0, 1): the same class on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

async function seedClass(app: App, clock: ManualClock): Promise<void> {
  const db = (app.store as SqlStore<SqliteDriver>).db.db;
  await app.quiz.scope(SCOPE);
  const levels = ['easy', 'medium', 'hard'] as const;
  const rounds: Array<{ id: number; answer: bigint; mistake: { id: string | null; value: bigint }; at: number; level: (typeof levels)[number] }> = [];
  for (let r = 0; r < ROUNDS; r++) {
    clock.set(START + Math.floor((r * WEEKS) / ROUNDS) * WEEK_MS + (r % 6) * 3_600_000);
    const level = levels[r % 3]!;
    const started = await app.quiz.start({ scopeId: SCOPE, channelId: 'C1', opener: { kind: 'schedule' }, lang: 'en', level, topics: [TOPICS[r % TOPICS.length]!] });
    if (!started.ok) throw new Error('no round');
    await app.quiz.close(started.round.id, 'admin');
    // A wrong answer is the question's first named mistake, or a number no mistake names.
    const named = started.question.mistakes[0];
    rounds.push({
      id: started.round.id,
      answer: started.question.answer,
      mistake: named ? { id: named.id, value: named.value } : { id: null, value: started.question.answer + 1n },
      at: clock.now(),
      level,
    });
  }
  const next = random(14);
  db.transaction(() => {
    const member = db.prepare('INSERT INTO members (scope_id, user_id, display_name) VALUES (?, ?, ?)');
    const ids: number[] = [];
    for (let s = 0; s < STUDENTS; s++) ids.push(Number(member.run(SCOPE, `U${100_000 + s}`, `Student ${s}, 學生`).lastInsertRowid));
    const answer = db.prepare('INSERT INTO answers (round_id, member_id, value, correct, first, mistake, points, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const r of rounds) {
      let first = true;
      for (const [i, id] of ids.entries()) {
        // Each student's own skill, so the board has a spread; right answers score the level's points.
        const right = next() < 0.35 + 0.5 * (i / STUDENTS);
        answer.run(r.id, id, (right ? r.answer : r.mistake.value).toString(), right ? 1 : 0, right && first ? 1 : 0, right ? null : r.mistake.id, right ? POINTS[r.level] : 0, r.at + 1000 + i);
        if (right) first = false;
      }
    }
    // The tallies the answer path keeps, summed once.
    const boards = db.prepare(`INSERT INTO scores (scope_id, board, member_id, points, correct, answered)
      SELECT ?, ?, member_id, SUM(points), SUM(correct), COUNT(*) FROM answers WHERE round_id IN (SELECT value FROM json_each(?)) GROUP BY member_id`);
    const byBoard = new Map<string, number[]>();
    for (const r of rounds) for (const b of [ALL_TIME, weekBoard(isoWeek(r.at, 'Asia/Taipei'))]) byBoard.set(b, [...(byBoard.get(b) ?? []), r.id]);
    for (const [board, ids] of byBoard) boards.run(SCOPE, board, JSON.stringify(ids));
    db.exec(`UPDATE rounds SET answered = (SELECT COUNT(*) FROM answers a WHERE a.round_id = rounds.id),
                               correct = (SELECT COUNT(*) FROM answers a WHERE a.round_id = rounds.id AND a.correct = 1)`);
    db.exec(`INSERT INTO round_mistakes (round_id, mistake, answers) SELECT round_id, mistake, COUNT(*) FROM answers WHERE mistake IS NOT NULL GROUP BY round_id, mistake`);
    db.prepare(`INSERT INTO class_topics (scope_id, board, topic, answered, correct)
      SELECT ?, 'all', r.topic, COUNT(*), SUM(a.correct) FROM answers a JOIN rounds r ON r.id = a.round_id GROUP BY r.topic`).run(SCOPE);
  })();
  db.exec('ANALYZE');
  db.pragma('wal_checkpoint(TRUNCATE)');
}

export async function benchWeb(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'paramquiz-bench-web-'));
  const clock = new ManualClock(START);
  const config = loadConfig({ DATABASE_PATH: join(dir, 'web.db'), WEB_PORT: '0', QUIZ_TIMEZONE: 'Asia/Taipei', QUIZ_LANGUAGE: 'en' });
  const app = await App.open(config, createLogger('silent'), { input: new PassThrough(), output: new PassThrough() }, clock);
  try {
    await seedClass(app, clock);
    await app.quiz.scopes.update(SCOPE, { publicBoard: true });
    await app.start();
    const web = app.web!;
    const links = app.services.web!;
    const path = (kind: 'report' | 'board') => new URL(links.url({ kind, scopeId: SCOPE })).pathname;
    const report = path('report');
    const board = path('board');
    const next = random(7);
    const studentPages = Math.ceil(STUDENTS / 50);
    const get = async (url: string) => {
      const res = await web.inject(url);
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    };
    // The first report draws its chart in the picture worker; the same class's chart is cached after.
    await get(report);
    for (let i = 0; i < 20; i++) await get(`${report}?students=${1 + (i % studentPages)}`);
    const reportTimes = await timings(300, () => get(`${report}?students=${1 + Math.floor(next() * studentPages)}&questions=${1 + Math.floor(next() * 5)}`));
    for (let i = 0; i < 20; i++) await get(`${board}?period=all&page=${1 + i}`);
    const boardTimes = await timings(300, () => get(`${board}?period=all&page=${1 + Math.floor(next() * (STUDENTS / 25))}`));
    const csv = await timings(3, () => get(`${report}/grades.csv`));
    return {
      web_report_p50_ms: round(median(reportTimes), 3),
      web_report_p99_ms: round(percentile(reportTimes, 99), 3),
      web_board_p50_ms: round(median(boardTimes), 3),
      web_board_p99_ms: round(percentile(boardTimes, 99), 3),
      web_grades_csv_ms: round(median(csv), 1),
    };
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
