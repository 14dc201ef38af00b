/**
 * The shared store: PostgreSQL (node-postgres), for several bot processes on one database. The
 * same invariants as SQLite, as unique indexes and transactions: an answer's transaction locks its
 * round row (answers to one round are decided in order: one first correct) and then its member
 * row (one student's answers in several rounds count against the daily cap in order); every
 * transaction takes its locks in that order, so none waits on another in a cycle.
 *
 * A lost connection (the server restarting, a network blip) or a serialization failure is tried
 * again with backoff for up to BUSY_BUDGET_MS; past that the asker is told "busy, try again"
 * (StoreBusyError). A transaction that failed was rolled back, so trying again writes nothing
 * twice; one whose COMMIT was lost is met by the unique indexes on its second try.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { PACKAGE_ROOT } from '../paths.js';
import type { CloseReason } from '../quiz/types.js';
import { encodeAsk } from '../quiz/ask.js';
import {
  scopeColumns,
  rankedPage,
  toBoardRow,
  toHistoryItem,
  toRound,
  toRoundAnswer,
  toRun,
  toSchedule,
  toScope,
  toSeason,
  toAccuracy,
  toCard,
  toPending,
  toReviewLog,
  toTopicStat,
  toCell,
  toExported,
  toQuestion,
  mistakeIds,
  mistakesByRound,
  type CellRecord,
  type ExportedRecord,
  type MistakeCountRecord,
  type QuestionRecord,
  type AccuracyRecord,
  type AnswerRecord,
  type BoardRecord,
  type CardRecord,
  type HistoryRecord,
  type PendingRecord,
  type ReviewLogRecord,
  type RoundRecord,
  type RunRecord,
  type ScheduleRecord,
  type ScopeRecord,
  type SeasonRecord,
  type TopicStatRecord,
} from './records.js';
import { BUSY_BUDGET_MS } from './sqlite.js';
import {
  StoreBusyError,
  masteryBoards,
  type AnswerCursor,
  type BoardCell,
  type ExportedAnswer,
  type NewQuestion,
  type RoundStat,
  type StoredQuestion,
  type TimeRange,
  type Accuracy,
  type AnswerInput,
  type BoardRow,
  type BoardView,
  type Card,
  type CardReview,
  type CloseBonus,
  type HistoryItem,
  type Lease,
  type Member,
  type NewRound,
  type NewSchedule,
  type PendingPractice,
  type PracticeInput,
  type RecentQuestions,
  type RecordResult,
  type Round,
  type ReviewLog,
  type RoundAnswer,
  type Schedule,
  type ScheduleRun,
  type Scope,
  type ScopeSettings,
  type Season,
  type Store,
  type TopicStat,
  type Unscored,
} from './store.js';

export const PG_MIGRATIONS_DIR = join(PACKAGE_ROOT, 'db', 'postgres');

/** Errors after which the same statement or transaction may simply be tried again. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', // admin_shutdown, crash_shutdown, cannot_connect_now
  '08000', '08001', '08003', '08004', '08006', // connection exceptions
  '40001', '40P01', // serialization_failure, deadlock_detected
  '53300', // too_many_connections
]);

function transient(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown };
  if (typeof err.code === 'string' && TRANSIENT_CODES.has(err.code)) return true;
  // node-postgres reports a socket closed under it without a code
  return typeof err.message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(err.message);
}

type Queryable = Pick<pg.PoolClient, 'query'>;

/** A query's rows, typed as the caller expects them. */
async function rows<T>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params as unknown[])).rows as T[];
}

/** A hot read, prepared once per connection under `name` (planning costs more than running it). */
async function prepared<T>(db: Queryable, name: string, sql: string, params: readonly unknown[]): Promise<T[]> {
  return (await db.query({ name, text: sql, values: params as unknown[] })).rows as T[];
}

async function one<T>(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
  return (await rows<T>(db, sql, params))[0];
}

async function changed(db: Queryable, sql: string, params: readonly unknown[] = []): Promise<number> {
  return (await db.query(sql, params as unknown[])).rowCount ?? 0;
}

const count = async (db: Queryable, sql: string, params: readonly unknown[]): Promise<number> => Number((await one<{ n: string }>(db, sql, params))?.n ?? 0);

const SCOPE = 'SELECT id, timezone, language, quiz_channel, levels, topics, round_seconds, scoring, daily_cap, public_board FROM scopes';

export class PostgresStore implements Store {
  private constructor(
    readonly pool: pg.Pool,
    private readonly busyBudgetMs: number,
  ) {}

  /** Connects, applies the migrations not yet applied (one process at a time), and is ready. */
  static async open(url: string, options: { max?: number; busyBudgetMs?: number; migrationsDir?: string } = {}): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5_000 });
    // An idle client whose server went away emits 'error'; the next query reconnects.
    pool.on('error', () => {});
    const store = new PostgresStore(pool, options.busyBudgetMs ?? BUSY_BUDGET_MS);
    try {
      await migrate(pool, options.migrationsDir ?? PG_MIGRATIONS_DIR);
    } catch (e) {
      await pool.end();
      throw e;
    }
    return store;
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** One statement or transaction, tried again while the server is away, up to the budget. */
  private async op<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn(this.pool);
      } catch (e) {
        if (!transient(e)) throw e;
        const waited = Date.now() - started;
        const wait = Math.min(10 * 2 ** attempt, 250) + Math.random() * 10;
        if (waited + wait > this.busyBudgetMs) throw new StoreBusyError(waited);
        await sleep(wait);
      }
    }
  }

  /** A transaction on one connection: BEGIN, `fn`, COMMIT; rolled back if anything throws. */
  private write<T>(fn: (db: Queryable) => Promise<T>): Promise<T> {
    return this.op(async () => {
      const client = await this.pool.connect();
      // A server going away mid-transaction also emits 'error' on the client: the query rejects,
      // and that is handled; without a listener the event would end the process.
      const lost = () => {};
      client.on('error', lost);
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (e) {
        broken = transient(e);
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw e;
      } finally {
        client.off('error', lost);
        client.release(broken);
      }
    });
  }

  scope(id: string): Promise<Scope | undefined> {
    return this.op(async (db) => {
      const r = await one<ScopeRecord>(db, `${SCOPE} WHERE id = $1`, [id]);
      return r && toScope(r);
    });
  }

  async ensureScope(id: string, defaults: Pick<Scope, 'timezone' | 'language'>): Promise<Scope> {
    return (await this.scope(id)) ?? this.op(async (db) => {
      await db.query('INSERT INTO scopes (id, timezone, language, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING', [id, defaults.timezone, defaults.language, Date.now()]);
      return toScope((await one<ScopeRecord>(db, `${SCOPE} WHERE id = $1`, [id]))!);
    });
  }

  updateScope(id: string, patch: ScopeSettings): Promise<Scope> {
    return this.write(async (db) => {
      const current = toScope((await one<ScopeRecord>(db, `${SCOPE} WHERE id = $1 FOR UPDATE`, [id]))!);
      const next = { ...current, ...patch };
      const c = scopeColumns(next);
      await db.query(
        `UPDATE scopes SET timezone = $2, language = $3, quiz_channel = $4, levels = $5, topics = $6, round_seconds = $7, scoring = $8, daily_cap = $9, public_board = $10 WHERE id = $1`,
        [c.id, c.timezone, c.language, c.quizChannel, c.levels, c.topics, c.roundSeconds, c.scoring, c.dailyCap, c.publicBoard === 1],
      );
      return next;
    });
  }

  scopesWithQuizChannel(): Promise<Scope[]> {
    return this.op(async (db) => (await rows<ScopeRecord>(db, `${SCOPE} WHERE quiz_channel IS NOT NULL ORDER BY id`)).map(toScope));
  }

  memberById(scopeId: string, memberId: number): Promise<Member | undefined> {
    return this.op(async (db) => {
      const r = await one<{ id: string; user_id: string; display_name: string }>(db, 'SELECT id, user_id, display_name FROM members WHERE scope_id = $1 AND id = $2', [scopeId, memberId]);
      return r && { id: Number(r.id), userId: r.user_id, name: r.display_name };
    });
  }

  memberId(scopeId: string, userId: string): Promise<number | undefined> {
    return this.op(async (db) => {
      const [r] = await prepared<{ id: string }>(db, 'member-id', 'SELECT id FROM members WHERE scope_id = $1 AND user_id = $2', [scopeId, userId]);
      return r && Number(r.id);
    });
  }

  findMember(scopeId: string, query: string): Promise<Member | undefined> {
    return this.op(async (db) => {
      const r = await one<{ id: string; user_id: string; display_name: string }>(
        db,
        `SELECT id, user_id, display_name FROM members WHERE scope_id = $1 AND (user_id = $2 OR lower(display_name) = lower($2))
         ORDER BY user_id = $2 DESC LIMIT 1`,
        [scopeId, query],
      );
      return r && { id: Number(r.id), userId: r.user_id, name: r.display_name };
    });
  }

  ensureMember(scopeId: string, userId: string, displayName: string): Promise<number> {
    return this.op((db) => member(db, scopeId, userId, displayName));
  }

  insertRound(round: NewRound): Promise<Round | undefined> {
    return this.op(async (db) => {
      try {
        const r = await one<RoundRecord>(
          db,
          `INSERT INTO rounds (scope_id, channel_id, seed, generator, level, topic, question_key, answer, lang, opened_by, opened_at, closes_at, scoring, lease_owner, lease_until, custom)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING *`,
          [round.scopeId, round.channelId, round.seed, round.generator, round.level, round.topic, round.questionKey, round.answer.toString(), round.lang, round.openedBy, round.openedAt, round.closesAt, round.scoring, round.lease.owner, round.lease.until, round.custom ?? null],
        );
        return toRound(r!);
      } catch (e) {
        if ((e as { code?: string }).code === '23505') return undefined; // the channel has an open round
        throw e;
      }
    });
  }

  round(id: number): Promise<Round | undefined> {
    return this.op(async (db) => {
      const r = await one<RoundRecord>(db, 'SELECT * FROM rounds WHERE id = $1', [id]);
      return r && toRound(r);
    });
  }

  openRoundIn(scopeId: string, channelId: string): Promise<Round | undefined> {
    return this.op(async (db) => {
      const r = await one<RoundRecord>(db, 'SELECT * FROM rounds WHERE scope_id = $1 AND channel_id = $2 AND closed_at IS NULL', [scopeId, channelId]);
      return r && toRound(r);
    });
  }

  openRounds(): Promise<Round[]> {
    return this.op(async (db) => (await rows<RoundRecord>(db, 'SELECT * FROM rounds WHERE closed_at IS NULL ORDER BY closes_at')).map(toRound));
  }

  unrevealedRounds(): Promise<Round[]> {
    return this.op(async (db) => (await rows<RoundRecord>(db, 'SELECT * FROM rounds WHERE closed_at IS NOT NULL AND revealed_at IS NULL ORDER BY closed_at')).map(toRound));
  }

  closeRound(id: number, now: number, reason: CloseReason, bonus: CloseBonus, lease: Lease): Promise<boolean> {
    return this.write(async (db) => {
      const closed = await one<{ scope_id: string }>(
        db,
        'UPDATE rounds SET closed_at = $1, close_reason = $2, lease_owner = $3, lease_until = $4 WHERE id = $5 AND closed_at IS NULL RETURNING scope_id',
        [now, reason, lease.owner, lease.until, id],
      );
      if (!closed) return false;
      const answered = await count(db, 'SELECT COUNT(*) AS n FROM answers WHERE round_id = $1', [id]);
      const first = await one<{ id: string; member_id: string; answered_at: string }>(db, 'SELECT id, member_id, answered_at FROM answers WHERE round_id = $1 AND first AND scored', [id]);
      if (first && bonus.points > 0 && answered >= bonus.minAnswers) {
        await db.query('UPDATE answers SET bonus = $1, points = points + $1 WHERE id = $2', [bonus.points, first.id]);
        for (const board of bonus.boards(Number(first.answered_at))) {
          await db.query('UPDATE scores SET points = points + $1 WHERE scope_id = $2 AND board = $3 AND member_id = $4', [bonus.points, closed.scope_id, board, first.member_id]);
        }
      }
      return true;
    });
  }

  claimRounds(lease: Lease, now: number, deadOwners: readonly string[] = []): Promise<Round[]> {
    return this.op(async (db) =>
      (
        await rows<RoundRecord>(
          db,
          `UPDATE rounds SET lease_owner = $1, lease_until = $2
           WHERE revealed_at IS NULL AND (lease_owner = $1 OR lease_owner IS NULL OR lease_until < $3 OR lease_owner = ANY($4::text[])) RETURNING *`,
          [lease.owner, lease.until, now, [...deadOwners]],
        )
      ).map(toRound),
    );
  }

  leaseOwners(): Promise<string[]> {
    return this.op(async (db) => (await rows<{ lease_owner: string }>(db, 'SELECT DISTINCT lease_owner FROM rounds WHERE revealed_at IS NULL AND lease_owner IS NOT NULL')).map((r) => r.lease_owner));
  }

  async releaseRounds(owner: string): Promise<void> {
    await this.op((db) => db.query('UPDATE rounds SET lease_until = 0 WHERE lease_owner = $1 AND revealed_at IS NULL', [owner]));
  }

  async markRevealed(id: number, now: number): Promise<void> {
    await this.op((db) => db.query('UPDATE rounds SET revealed_at = $1 WHERE id = $2', [now, id]));
  }

  async setMessageRef(id: number, ref: string): Promise<void> {
    await this.op((db) => db.query('UPDATE rounds SET message_ref = $1 WHERE id = $2', [ref, id]));
  }

  recentQuestions(scopeId: string, limit: number): Promise<RecentQuestions> {
    return this.op(async (db) => {
      const recent = await rows<{ question_key: string; answer: string }>(db, 'SELECT question_key, answer FROM rounds WHERE scope_id = $1 ORDER BY id DESC LIMIT $2', [scopeId, limit]);
      return { keys: new Set(recent.map((r) => r.question_key)), answers: new Set(recent.map((r) => BigInt(r.answer))) };
    });
  }

  /** One call, one round trip: the checks and writes, the report's tallies too, run in the server (db/postgres/004_record_answer.sql). */
  recordAnswer(a: AnswerInput): Promise<RecordResult> {
    return this.op(async (db): Promise<RecordResult> => {
      const [r] = await prepared<{ status: RecordResult['status']; previous: string | null; first: boolean; points: number; unscored: Unscored | null }>(db, 'record-answer', RECORD_ANSWER, [
        a.roundId, a.member.userId, a.member.name, a.value.toString(), a.correct, a.mistake, a.points, a.now, a.boards, a.daily.from, a.daily.to, a.daily.cap, mistakeIds(a.mistake), [...masteryBoards(a.boards)],
      ]);
      switch (r!.status) {
        case 'recorded':
          return { status: 'recorded', correct: a.correct, first: r!.first, points: r!.points, unscored: r!.unscored };
        case 'duplicate':
          return { status: 'duplicate', previous: BigInt(r!.previous!) };
        default:
          return { status: r!.status };
      }
    });
  }

  roundAnswers(roundId: number): Promise<RoundAnswer[]> {
    return this.op(async (db) =>
      (
        await rows<AnswerRecord>(
          db,
          `SELECT a.member_id, m.user_id, m.display_name, a.value, a.correct, a.first, a.mistake, a.points, a.bonus, a.scored, a.answered_at
           FROM answers a JOIN members m ON m.id = a.member_id WHERE a.round_id = $1 ORDER BY a.id`,
          [roundId],
        )
      ).map(toRoundAnswer),
    );
  }

  setDeadline(roundId: number, closesAt: number): Promise<boolean> {
    return this.op(async (db) => (await changed(db, 'UPDATE rounds SET closes_at = $1 WHERE id = $2 AND closed_at IS NULL', [closesAt, roundId])) === 1);
  }

  board(scopeId: string, board: string, offset: number, limit: number): Promise<BoardRow[]> {
    return this.boardView(scopeId, board, { offset, limit }).then((view) => [...view.rows]);
  }

  /**
   * One statement, one round trip: the page cut from the ranking index with its first row's tie
   * count (see rankedPage), the board's size, and the asker's row with the count of rows ahead.
   */
  boardView(scopeId: string, board: string, page: { readonly offset: number; readonly limit: number }, userId?: string): Promise<BoardView> {
    return this.op(async (db) => {
      const parts = await prepared<BoardRecord & { part: 'size' | 'page' | 'mine'; n: string | null }>(db, 'board-view', BOARD_VIEW, [scopeId, board, page.limit, page.offset, userId ?? null]);
      const size = parts.find((p) => p.part === 'size');
      const rows = parts.filter((p) => p.part === 'page');
      const mine = parts.find((p) => p.part === 'mine');
      return {
        size: Number(size?.n ?? 0),
        rows: rankedPage(rows, page.offset, Number(rows[0]?.n ?? 0)),
        mine: mine && toBoardRow(mine, 1 + Number(mine.n)),
      };
    });
  }

  boardSize(scopeId: string, board: string): Promise<number> {
    return this.op(async (db) => Number((await prepared<{ n: string }>(db, 'board-size', 'SELECT COUNT(*) AS n FROM scores WHERE scope_id = $1 AND board = $2', [scopeId, board]))[0]!.n));
  }

  boardRowOf(scopeId: string, board: string, memberId: number): Promise<BoardRow | undefined> {
    return this.op(async (db) => {
      const [r] = await prepared<BoardRecord>(
        db,
        'board-mine',
        `SELECT s.member_id, m.user_id, m.display_name, s.points, s.correct, s.answered
         FROM scores s JOIN members m ON m.id = s.member_id WHERE s.scope_id = $1 AND s.board = $2 AND s.member_id = $3`,
        [scopeId, board, memberId],
      );
      if (!r) return undefined;
      const row = toBoardRow(r, 0);
      return { ...row, rank: await rankOf(db, scopeId, board, row.points, row.correct) };
    });
  }

  addSchedule(s: NewSchedule): Promise<Schedule> {
    return this.op(async (db) =>
      toSchedule(
        (await one<ScheduleRecord>(
          db,
          `INSERT INTO schedules (scope_id, channel_id, weekday, time, timezone, questions, spacing_min, level, topics, missed, created_at, question_set)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
          [s.scopeId, s.channelId, s.weekday, s.time, s.timezone, s.questions, s.spacingMinutes, s.level, s.topics.join(','), s.missed, s.createdAt, s.questionSet ?? null],
        ))!,
      ),
    );
  }

  schedules(scopeId: string): Promise<Schedule[]> {
    return this.op(async (db) => (await rows<ScheduleRecord>(db, 'SELECT * FROM schedules WHERE scope_id = $1 AND removed_at IS NULL ORDER BY id', [scopeId])).map(toSchedule));
  }

  activeSchedules(): Promise<Schedule[]> {
    return this.op(async (db) => (await rows<ScheduleRecord>(db, 'SELECT * FROM schedules WHERE removed_at IS NULL ORDER BY id')).map(toSchedule));
  }

  removeSchedule(id: number, scopeId: string, now: number): Promise<boolean> {
    return this.op(async (db) => (await changed(db, 'UPDATE schedules SET removed_at = $1 WHERE id = $2 AND scope_id = $3 AND removed_at IS NULL', [now, id, scopeId])) === 1);
  }

  claimRun(scheduleId: number, slot: number, status: 'running' | 'skipped', startedAt: number): Promise<boolean> {
    return this.op(async (db) => (await changed(db, 'INSERT INTO schedule_runs (schedule_id, slot, status, posted, started_at) VALUES ($1, $2, $3, 0, $4) ON CONFLICT DO NOTHING', [scheduleId, slot, status, startedAt])) === 1);
  }

  run(scheduleId: number, slot: number): Promise<ScheduleRun | undefined> {
    return this.op(async (db) => {
      const r = await one<RunRecord>(db, 'SELECT * FROM schedule_runs WHERE schedule_id = $1 AND slot = $2', [scheduleId, slot]);
      return r && toRun(r);
    });
  }

  runningRuns(): Promise<ScheduleRun[]> {
    return this.op(async (db) => (await rows<RunRecord>(db, "SELECT * FROM schedule_runs WHERE status = 'running' ORDER BY started_at")).map(toRun));
  }

  claimQuestion(run: ScheduleRun, total: number): Promise<boolean> {
    return this.op(
      async (db) =>
        (await changed(
          db,
          `UPDATE schedule_runs SET posted = posted + 1, status = CASE WHEN posted + 1 >= $1 THEN 'done' ELSE status END
           WHERE schedule_id = $2 AND slot = $3 AND posted = $4 AND status = 'running'`,
          [total, run.scheduleId, run.slot, run.posted],
        )) === 1,
    );
  }

  async restartRun(run: ScheduleRun, startedAt: number): Promise<void> {
    await this.op((db) => db.query('UPDATE schedule_runs SET started_at = $1 WHERE schedule_id = $2 AND slot = $3', [startedAt, run.scheduleId, run.slot]));
  }

  claimStandings(scopeId: string, week: string, channelId: string, now: number): Promise<boolean> {
    return this.op(async (db) => (await changed(db, 'INSERT INTO standings_posts (scope_id, week, channel_id, posted_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [scopeId, week, channelId, now])) === 1);
  }

  standingsPosted(scopeId: string, week: string): Promise<boolean> {
    return this.op(async (db) => (await one(db, 'SELECT 1 FROM standings_posts WHERE scope_id = $1 AND week = $2', [scopeId, week])) !== undefined);
  }

  currentSeason(scopeId: string): Promise<Season | undefined> {
    return this.op(async (db) => {
      const r = await one<SeasonRecord>(db, 'SELECT * FROM seasons WHERE scope_id = $1 AND ended_at IS NULL', [scopeId]);
      return r && toSeason(r);
    });
  }

  seasons(scopeId: string): Promise<Season[]> {
    return this.op(async (db) => (await rows<SeasonRecord>(db, 'SELECT * FROM seasons WHERE scope_id = $1 ORDER BY started_at, id', [scopeId])).map(toSeason));
  }

  seasonByName(scopeId: string, name: string): Promise<Season | undefined> {
    return this.op(async (db) => {
      const r = await one<SeasonRecord>(db, 'SELECT * FROM seasons WHERE scope_id = $1 AND lower(name) = lower($2)', [scopeId, name]);
      return r && toSeason(r);
    });
  }

  startSeason(scopeId: string, name: string, now: number): Promise<Season | undefined> {
    return this.write(async (db) => {
      // One season start at a time per scope: the scope's row lock.
      await db.query('SELECT 1 FROM scopes WHERE id = $1 FOR UPDATE', [scopeId]);
      if ((await one(db, 'SELECT 1 FROM seasons WHERE scope_id = $1 AND lower(name) = lower($2)', [scopeId, name])) !== undefined) return undefined;
      await db.query('UPDATE seasons SET ended_at = $1 WHERE scope_id = $2 AND ended_at IS NULL', [now, scopeId]);
      const r = await one<SeasonRecord>(db, 'INSERT INTO seasons (scope_id, name, started_at) VALUES ($1, $2, $3) RETURNING *', [scopeId, name, now]);
      return toSeason(r!);
    });
  }

  removeScores(scopeId: string, memberId: number): Promise<number> {
    return this.write(async (db) => {
      const removed = await changed(db, 'DELETE FROM scores WHERE scope_id = $1 AND member_id = $2', [scopeId, memberId]);
      await db.query('UPDATE answers SET points = 0, bonus = 0 WHERE member_id = $1', [memberId]);
      return removed;
    });
  }

  firstSighting(key: string, expiresAt: number, now: number): Promise<boolean> {
    return this.op(async (db) => {
      await db.query('DELETE FROM seen_requests WHERE expires_at < $1', [now]);
      return (await changed(db, 'INSERT INTO seen_requests (key, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING', [key, expiresAt])) === 1;
    });
  }

  recordPractice(p: PracticeInput, reviews: readonly CardReview[]): Promise<boolean> {
    return this.write(async (db) => {
      // The member's row lock orders one student's practice answers and their cards' reviews.
      const { scope_id: scopeId } = (await one<{ scope_id: string }>(db, 'SELECT scope_id FROM members WHERE id = $1 FOR UPDATE', [p.memberId]))!;
      const inserted =
        (await changed(
          db,
          `INSERT INTO practice (member_id, seed, generator, level, topic, value, correct, mistake, answered_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
          [p.memberId, p.seed, p.generator, p.level, p.topic, p.value.toString(), p.correct, p.mistake, p.now],
        )) === 1;
      if (!inserted) return false;
      await tallyTopics(db, scopeId, masteryBoards(p.boards), p.topic, p.correct);
      await saveReviews(db, p.memberId, reviews);
      await db.query('DELETE FROM practice_pending WHERE member_id = $1 AND seed = $2 AND level = $3 AND topic = $4', [p.memberId, p.seed, p.level, p.topic]);
      return true;
    });
  }

  review(memberId: number, reviews: readonly CardReview[]): Promise<void> {
    return this.write(async (db) => {
      await db.query('SELECT 1 FROM members WHERE id = $1 FOR UPDATE', [memberId]);
      await saveReviews(db, memberId, reviews);
    });
  }

  recentAccuracy(memberId: number, limit: number): Promise<Accuracy> {
    return this.op(async (db) =>
      toAccuracy(
        (await one<AccuracyRecord>(
          db,
          `SELECT COUNT(*) AS answered, COUNT(*) FILTER (WHERE correct) AS correct FROM (
             SELECT correct, answered_at FROM answers WHERE member_id = $1
             UNION ALL SELECT correct, answered_at FROM practice WHERE member_id = $1
             ORDER BY answered_at DESC LIMIT $2) AS latest`,
          [memberId, limit],
        ))!,
      ),
    );
  }

  channelAccuracy(scopeId: string, channelId: string, limit: number): Promise<Accuracy> {
    return this.op(async (db) =>
      toAccuracy(
        (await one<AccuracyRecord>(
          db,
          `SELECT COUNT(*) AS answered, COUNT(*) FILTER (WHERE correct) AS correct FROM (
             SELECT a.correct FROM answers a JOIN rounds r ON r.id = a.round_id
             WHERE r.scope_id = $1 AND r.channel_id = $2 ORDER BY a.id DESC LIMIT $3) AS latest`,
          [scopeId, channelId, limit],
        ))!,
      ),
    );
  }

  cards(memberId: number): Promise<Card[]> {
    return this.op(async (db) => (await rows<CardRecord>(db, 'SELECT * FROM cards WHERE member_id = $1 ORDER BY due, id', [memberId])).map(toCard));
  }

  reviewLogs(memberId: number): Promise<ReviewLog[]> {
    return this.op(async (db) => (await rows<ReviewLogRecord>(db, 'SELECT l.* FROM review_logs l JOIN cards c ON c.id = l.card_id WHERE c.member_id = $1 ORDER BY l.id', [memberId])).map(toReviewLog));
  }

  async setPendingPractice(p: PendingPractice): Promise<void> {
    await this.op((db) =>
      db.query(
        `INSERT INTO practice_pending (member_id, seed, generator, level, topic, family, channel_id, issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (member_id) DO UPDATE SET seed = EXCLUDED.seed, generator = EXCLUDED.generator, level = EXCLUDED.level, topic = EXCLUDED.topic,
           family = EXCLUDED.family, channel_id = EXCLUDED.channel_id, issued_at = EXCLUDED.issued_at`,
        [p.memberId, p.seed, p.generator, p.level, p.topic, p.family, p.channelId, p.issuedAt],
      ),
    );
  }

  pendingPractice(memberId: number): Promise<PendingPractice | undefined> {
    return this.op(async (db) => {
      const r = await one<PendingRecord>(db, 'SELECT * FROM practice_pending WHERE member_id = $1', [memberId]);
      return r && toPending(r);
    });
  }

  history(memberId: number): Promise<HistoryItem[]> {
    return this.op(async (db) =>
      (
        await rows<HistoryRecord>(
          db,
          `SELECT 'round' AS source, r.seed, r.generator, r.level, r.topic, a.value, a.correct, a.answered_at, r.custom FROM answers a JOIN rounds r ON r.id = a.round_id WHERE a.member_id = $1
           UNION ALL
           SELECT 'practice', seed, generator, level, topic, value, correct, answered_at, NULL FROM practice WHERE member_id = $1
           ORDER BY answered_at, source DESC`,
          [memberId],
        )
      ).map(toHistoryItem),
    );
  }

  weeklyPoints(scopeId: string, memberId: number, limit: number): Promise<Array<{ week: string; points: number }>> {
    return this.op(async (db) =>
      (
        await rows<{ board: string; points: number }>(
          db,
          `SELECT board, points FROM scores WHERE scope_id = $1 AND member_id = $2 AND starts_with(board, 'week:') ORDER BY board COLLATE "C" DESC LIMIT $3`,
          [scopeId, memberId, limit],
        )
      )
        .reverse()
        .map((r) => ({ week: r.board.slice('week:'.length), points: Number(r.points) })),
    );
  }

  topicStats(memberId: number): Promise<TopicStat[]> {
    return this.op(async (db) =>
      (
        await rows<TopicStatRecord>(
          db,
          `SELECT topic, COUNT(*) AS answered, COUNT(*) FILTER (WHERE correct) AS correct FROM (
             SELECT r.topic, a.correct FROM answers a JOIN rounds r ON r.id = a.round_id WHERE a.member_id = $1
             UNION ALL SELECT topic, correct FROM practice WHERE member_id = $1) AS mine
           GROUP BY topic ORDER BY topic`,
          [memberId],
        )
      ).map(toTopicStat),
    );
  }

  webSecret(candidate: string): Promise<string> {
    return this.op(async (db) => {
      await db.query('INSERT INTO web_secret (id, secret, created_at) VALUES (1, $1, $2) ON CONFLICT (id) DO NOTHING', [candidate, Date.now()]);
      return (await one<{ secret: string }>(db, 'SELECT secret FROM web_secret WHERE id = 1'))!.secret;
    });
  }

  roundStats(scopeId: string, range: TimeRange, offset: number, limit: number): Promise<RoundStat[]> {
    return this.op(async (db) => {
      const rounds = await prepared<RoundRecord & { answered: number; correct: number }>(
        db,
        'report-rounds',
        'SELECT * FROM rounds WHERE scope_id = $1 AND opened_at >= $2 AND opened_at < $3 ORDER BY opened_at DESC, id DESC LIMIT $4 OFFSET $5',
        [scopeId, range.from, range.to, limit, offset],
      );
      const mistakes = mistakesByRound(
        await prepared<MistakeCountRecord>(db, 'report-mistakes', 'SELECT round_id, mistake, answers FROM round_mistakes WHERE round_id = ANY($1::bigint[])', [rounds.map((r) => r.id)]),
      );
      return rounds.map((r) => ({ round: toRound(r), answered: Number(r.answered), correct: Number(r.correct), mistakes: mistakes.get(Number(r.id)) ?? [] }));
    });
  }

  roundCount(scopeId: string, range: TimeRange): Promise<number> {
    return this.op((db) => count(db, 'SELECT COUNT(*) AS n FROM rounds WHERE scope_id = $1 AND opened_at >= $2 AND opened_at < $3', [scopeId, range.from, range.to]));
  }

  firstRoundAt(scopeId: string): Promise<number | undefined> {
    return this.op(async (db) => {
      const r = await one<{ at: string | null }>(db, 'SELECT MIN(opened_at) AS at FROM rounds WHERE scope_id = $1', [scopeId]);
      return r?.at == null ? undefined : Number(r.at);
    });
  }

  classTopics(scopeId: string, board: string): Promise<TopicStat[]> {
    return this.op(async (db) => (await prepared<TopicStatRecord>(db, 'report-topics', 'SELECT topic, answered, correct FROM class_topics WHERE scope_id = $1 AND board = $2 ORDER BY topic', [scopeId, board])).map(toTopicStat));
  }

  activeBoards(scopeId: string, boards: readonly string[]): Promise<string[]> {
    return this.op(async (db) =>
      (
        await prepared<{ board: string }>(
          db,
          'report-active',
          `SELECT b.board FROM unnest($2::text[]) WITH ORDINALITY AS b(board, at)
           WHERE EXISTS (SELECT 1 FROM scores s WHERE s.scope_id = $1 AND s.board = b.board) ORDER BY b.at`,
          [scopeId, [...boards]],
        )
      ).map((r) => r.board),
    );
  }

  boardCells(scopeId: string, boards: readonly string[], members: readonly number[]): Promise<BoardCell[]> {
    return this.op(async (db) =>
      (
        await prepared<CellRecord>(
          db,
          'report-cells',
          'SELECT member_id, board, points, correct, answered FROM scores WHERE scope_id = $1 AND board = ANY($2::text[]) AND member_id = ANY($3::bigint[])',
          [scopeId, [...boards], [...members]],
        )
      ).map(toCell),
    );
  }

  answersPage(scopeId: string, range: TimeRange, after: AnswerCursor | null, limit: number): Promise<ExportedAnswer[]> {
    return this.op(async (db) =>
      (
        await prepared<ExportedRecord>(
          db,
          'export-answers',
          `SELECT a.round_id, a.member_id, m.user_id, m.display_name, r.topic, r.level, a.value, r.answer, a.correct, a.first, a.mistake, a.points, a.scored, a.answered_at
           FROM rounds r JOIN answers a ON a.round_id = r.id JOIN members m ON m.id = a.member_id
           WHERE r.scope_id = $1 AND r.opened_at >= $2 AND r.opened_at < $3 AND (a.round_id, a.member_id) > ($4, $5)
           ORDER BY a.round_id, a.member_id LIMIT $6`,
          [scopeId, range.from, range.to, after?.roundId ?? 0, after?.memberId ?? 0, limit],
        )
      ).map(toExported),
    );
  }

  addQuestions(questions: readonly NewQuestion[]): Promise<StoredQuestion[]> {
    return this.write(async (db) => {
      const added: StoredQuestion[] = [];
      for (const q of questions) {
        const r = await one<QuestionRecord>(
          db,
          `INSERT INTO questions (scope_id, set_name, spec, ask, level, wording, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [q.scopeId, q.set, q.spec, encodeAsk(q.ask), q.level, q.wording, q.createdBy, q.createdAt],
        );
        added.push(toQuestion(r!));
      }
      return added;
    });
  }

  questions(scopeId: string, set?: string): Promise<StoredQuestion[]> {
    return this.op(async (db) =>
      (
        set === undefined
          ? await rows<QuestionRecord>(db, 'SELECT * FROM questions WHERE scope_id = $1 AND removed_at IS NULL ORDER BY id', [scopeId])
          : await rows<QuestionRecord>(db, 'SELECT * FROM questions WHERE scope_id = $1 AND set_name = $2 AND removed_at IS NULL ORDER BY id', [scopeId, set])
      ).map(toQuestion),
    );
  }

  removeQuestion(scopeId: string, id: number, now: number): Promise<boolean> {
    return this.op(async (db) => (await changed(db, 'UPDATE questions SET removed_at = $1 WHERE id = $2 AND scope_id = $3 AND removed_at IS NULL', [now, id, scopeId])) === 1);
  }
}

/** Inside a transaction: one more answer (right or not) on the class's topic rows of these boards. */
async function tallyTopics(db: Queryable, scopeId: string, boards: readonly string[], topic: string, correct: boolean): Promise<void> {
  if (boards.length === 0) return;
  await db.query(
    `INSERT INTO class_topics (scope_id, board, topic, answered, correct) SELECT $1, board, $3, 1, $4 FROM unnest($2::text[]) AS b(board)
     ON CONFLICT (scope_id, board, topic) DO UPDATE SET answered = class_topics.answered + 1, correct = class_topics.correct + EXCLUDED.correct`,
    [scopeId, [...boards], topic, correct ? 1 : 0],
  );
}

/** The member's id, created or renamed (an answer does this inside record_answer, under the round's lock). */
async function member(db: Queryable, scopeId: string, userId: string, displayName: string): Promise<number> {
  const found = await one<{ id: string; display_name: string }>(db, 'SELECT id, display_name FROM members WHERE scope_id = $1 AND user_id = $2', [scopeId, userId]);
  if (found && found.display_name === displayName) return Number(found.id);
  const r = await one<{ id: string }>(
    db,
    `INSERT INTO members (scope_id, user_id, display_name) VALUES ($1, $2, $3)
     ON CONFLICT (scope_id, user_id) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id`,
    [scopeId, userId, displayName],
  );
  return Number(r!.id);
}

/** Inside a transaction: each card's new state, and its log. */
async function saveReviews(db: Queryable, memberId: number, reviews: readonly CardReview[]): Promise<void> {
  for (const { topic, family, card: c, log: l } of reviews) {
    const card = await one<{ id: string }>(
      db,
      `INSERT INTO cards (member_id, topic, family, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (member_id, topic, family) DO UPDATE SET due = EXCLUDED.due, stability = EXCLUDED.stability, difficulty = EXCLUDED.difficulty,
         elapsed_days = EXCLUDED.elapsed_days, scheduled_days = EXCLUDED.scheduled_days, learning_steps = EXCLUDED.learning_steps,
         reps = EXCLUDED.reps, lapses = EXCLUDED.lapses, state = EXCLUDED.state, last_review = EXCLUDED.last_review
       RETURNING id`,
      [memberId, topic, family, c.due, c.stability, c.difficulty, c.elapsedDays, c.scheduledDays, c.learningSteps, c.reps, c.lapses, c.state, c.lastReview],
    );
    await db.query(
      `INSERT INTO review_logs (card_id, rating, state, due, stability, difficulty, elapsed_days, last_elapsed_days, scheduled_days, learning_steps, reviewed_at, duration_ms, correct, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [card!.id, l.rating, l.state, l.due, l.stability, l.difficulty, l.elapsedDays, l.lastElapsedDays, l.scheduledDays, l.learningSteps, l.reviewedAt, l.durationMs, l.correct, l.source],
    );
  }
}

const RECORD_ANSWER = 'SELECT * FROM record_answer($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)';

/**
 * /leaderboard's read ($1 scope, $2 board, $3 limit, $4 offset, $5 the asker's user id or null):
 * rows tagged `size` (n: the board's size), `page` (in ranking order; the first with n: the rows
 * tied with it before the page) and `mine` (n: the rows strictly ahead of the asker).
 */
const BOARD_VIEW = `
  WITH page AS (
    SELECT member_id, points, correct, answered, row_number() OVER () AS pos
    FROM (SELECT member_id, points, correct, answered FROM scores WHERE scope_id = $1 AND board = $2
          ORDER BY points DESC, correct DESC, member_id LIMIT $3 OFFSET $4) AS cut
  ), mine AS (
    SELECT s.member_id, s.points, s.correct, s.answered FROM members m
    JOIN scores s ON s.scope_id = m.scope_id AND s.board = $2 AND s.member_id = m.id
    WHERE m.scope_id = $1 AND m.user_id = $5::text
  )
  SELECT 'size' AS part, 0::bigint AS member_id, '' AS user_id, '' AS display_name, 0 AS points, 0 AS correct, 0 AS answered, 0::bigint AS pos,
         (SELECT COUNT(*) FROM scores WHERE scope_id = $1 AND board = $2) AS n
  UNION ALL
  SELECT 'page', p.member_id, m.user_id, m.display_name, p.points, p.correct, p.answered, p.pos,
         CASE WHEN p.pos = 1 THEN (SELECT COUNT(*) FROM scores s WHERE s.scope_id = $1 AND s.board = $2
                                   AND s.points = p.points AND s.correct = p.correct AND s.member_id < p.member_id) END
  FROM page p JOIN members m ON m.id = p.member_id
  UNION ALL
  SELECT 'mine', x.member_id, m.user_id, m.display_name, x.points, x.correct, x.answered, 0,
         (SELECT COUNT(*) FROM scores s WHERE s.scope_id = $1 AND s.board = $2 AND s.points >= x.points AND (s.points > x.points OR s.correct > x.correct))
  FROM mine x JOIN members m ON m.id = x.member_id
  ORDER BY part, pos`;

/** 1 + the rows ranked ahead: points >= bounds the index range, the OR drops ties not ahead. */
async function rankOf(db: Queryable, scopeId: string, board: string, points: number, correct: number): Promise<number> {
  const [r] = await prepared<{ n: string }>(db, 'board-rank', 'SELECT COUNT(*) AS n FROM scores WHERE scope_id = $1 AND board = $2 AND points >= $3 AND (points > $3 OR correct > $4)', [scopeId, board, points, correct]);
  return 1 + Number(r!.n);
}

/** Applies db/postgres/NNN_name.sql not yet applied, each in a transaction, one process at a time. */
export async function migrate(pool: pg.Pool, dir = PG_MIGRATIONS_DIR): Promise<number[]> {
  const client = await pool.connect();
  try {
    // Two bot processes starting together: the second waits here, then finds nothing to do.
    await client.query('SELECT pg_advisory_lock(7204851)');
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const applied = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
    const done: number[] = [];
    for (const file of readdirSync(dir).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f)).sort()) {
      const version = Number(file.slice(0, 3));
      if (applied.has(version)) continue;
      try {
        await client.query('BEGIN');
        await client.query(readFileSync(join(dir, file), 'utf8'));
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [version, file, Date.now()]);
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      }
      done.push(version);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock(7204851)').catch(() => {});
    client.release();
  }
}
