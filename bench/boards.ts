/**
 * Boards at any depth, on both engines, scaled by members (not answers: a board's cost is its
 * members):
 * - board_p99_ms_10k_members, board_p99_ms_100k_members (SQLite) and the same with pg_
 *   (PostgreSQL): /leaderboard's read (QuizService.leaderboard: the board's size, a page drawn
 *   uniformly from all its pages, the asker's own row and rank) of an all-time board of that many
 *   members, p99 and p50 over 1,000 reads after 100 to warm up.
 * - ..._vs_lookup: that p99 over the baseline's, measured in the same run on the same store: one
 *   member read by primary key (ScopeStore.member), the cheapest read there is.
 * - board_rungs_100k_members: the distinct scores (points, correct) of the largest board: what a
 *   read walks instead of its members.
 * Every figure sits beside the fsync latency of the disk and the machine's load (bench/machine.ts).
 */
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/clock.js';
import { QuizService } from '../src/quiz/service.js';
import { openPostgres, openSqlite, type Store } from '../src/store/store.js';
import { startCluster } from '../test/support/postgres-server.js';
import { machine } from './machine.js';
import { median, percentile, round, type Figures } from './lib.js';

const SCOPE = 'bench:BOARD';
const SIZES = [10_000, 100_000] as const;
const SETTINGS = { roundSeconds: 60, timezone: 'Asia/Taipei', language: 'en' as const };
const READS = 1000;
const WARM = 100;

/**
 * `:count` members and their all-time rows, each with a spread of answers and right ones (and a
 * first-correct bonus now and then): many members share few totals, as a class's do. One text
 * for both engines; the triggers on scores keep the board's rungs.
 */
const MEMBERS = `
  WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $2 - 1)
  INSERT INTO members (scope_id, user_id, display_name) SELECT $1, 'U' || i, 'student ' || i FROM n`;
const SCORES = `
  INSERT INTO scores (scope_id, board, member_id, points, correct, answered)
  SELECT scope_id, 'all', id, 20 * correct + CASE WHEN id % 4 = 0 THEN 5 * (correct / 5) ELSE 0 END, correct, answered
  FROM (SELECT scope_id, id, answered, answered * ((id * 104729) % 1000) / 1000 AS correct
        FROM (SELECT scope_id, id, 1 + (id * 7919) % 120 AS answered FROM members WHERE scope_id = $1) AS a) AS b`;
const RUNGS = `SELECT COUNT(*) AS n FROM score_counts WHERE scope_id = $1 AND board = 'all'`;

async function timeReads(store: Store, members: number): Promise<{ p50: number; p99: number; lookupP99: number }> {
  const quiz = new QuizService({ store, clock: systemClock, settings: SETTINGS, events: { roundClosed: async () => {} } });
  const pages = members / 10;
  const board: number[] = [];
  const lookup: number[] = [];
  for (let q = 0; q < READS + WARM; q++) {
    const who = (q * 7_907) % members;
    let t0 = performance.now();
    await quiz.leaderboard({ scopeId: SCOPE, period: 'all', page: 1 + ((q * 104_723) % pages), asker: { userId: `U${who}`, name: `student ${who}` } });
    if (q >= WARM) board.push(performance.now() - t0);
    t0 = performance.now();
    await store.scopes.member(SCOPE, 1 + who);
    if (q >= WARM) lookup.push(performance.now() - t0);
  }
  await quiz.stop();
  return { p50: median(board), p99: percentile(board, 99), lookupP99: percentile(lookup, 99) };
}

function figures(prefix: string, members: number, t: { p50: number; p99: number; lookupP99: number }): Figures {
  const size = `${members / 1000}k_members`;
  return {
    [`${prefix}board_p50_ms_${size}`]: round(t.p50, 3),
    [`${prefix}board_p99_ms_${size}`]: round(t.p99, 3),
    [`${prefix}board_lookup_p99_ms_${size}`]: round(t.lookupP99, 3),
    [`${prefix}board_p99_vs_lookup_${size}`]: round(t.p99 / t.lookupP99, 2),
  };
}

async function sqliteBoards(dir: string): Promise<Figures> {
  let out: Figures = {};
  for (const members of SIZES) {
    const store = openSqlite(join(dir, `board-${members}.db`));
    await store.scopes.ensure(SCOPE, { timezone: SETTINGS.timezone, language: 'en' });
    const db = store.db.db;
    // better-sqlite3 binds names: $1 becomes @p1.
    const named = (sql: string) => db.prepare(sql.replace(/\$(\d)/g, '@p$1'));
    db.transaction(() => {
      named(MEMBERS).run({ p1: SCOPE, p2: members });
      named(SCORES).run({ p1: SCOPE });
    })();
    db.exec('ANALYZE');
    out = { ...out, ...figures('', members, await timeReads(store, members)), ...machine(`board_${members / 1000}k`, dir) };
    if (members === SIZES.at(-1)) out.board_rungs_100k_members = Number(named(RUNGS).pluck().get({ p1: SCOPE }));
    await store.close();
  }
  return out;
}

async function postgresBoards(): Promise<Figures> {
  const cluster = await startCluster();
  try {
    let out: Figures = {};
    for (const members of SIZES) {
      const admin = new pg.Client({ connectionString: cluster.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE board_${members}`);
      await admin.end();
      const url = new URL(cluster.url);
      url.pathname = `/board_${members}`;
      const store = await openPostgres(url.toString(), { max: 2 });
      await store.scopes.ensure(SCOPE, { timezone: SETTINGS.timezone, language: 'en' });
      await store.db.pool.query(MEMBERS, [SCOPE, members]);
      await store.db.pool.query(SCORES, [SCOPE]);
      await store.db.pool.query('VACUUM ANALYZE');
      out = { ...out, ...figures('pg_', members, await timeReads(store, members)), ...machine(`pg_board_${members / 1000}k`, tmpdir()) };
      await store.close();
    }
    return out;
  } finally {
    cluster.stop();
  }
}

export async function benchBoards(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'paramquiz-boards-'));
  try {
    return { ...(await sqliteBoards(dir)), ...(await postgresBoards()) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
