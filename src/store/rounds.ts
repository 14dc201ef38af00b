/**
 * Rounds and their answers. Every decision that must not race is a unique index or a transaction
 * here: one open round per channel (a partial unique index), one answer per member and round, one
 * first correct answer (a partial unique index, decided under the round's lock), a scored
 * question under the daily cap (decided under the member's lock), a round closed once (a guarded
 * UPDATE).
 */
import {
  ALL_TIME,
  weekBoard,
  type AnswerInput,
  type AnswerResult,
  type Board,
  type Closing,
  type Lease,
  type NewRound,
  type RecentQuestions,
  type Round,
  type RoundAnswer,
  type Unscored,
} from '../domain/index.js';
import type { Driver, Queries } from './driver.js';
import { mistakesText, toRound, toRoundAnswer, type AnswerRecord, type RoundRecord } from './records.js';
import { ensureMember } from './scopes.js';
import { each, sql } from './sql.js';

export interface RoundStore {
  /** Opens a round; undefined when the channel has an open one already (the unique index decides). */
  open(round: NewRound): Promise<Round | undefined>;
  get(id: number): Promise<Round | undefined>;
  openIn(scopeId: string, channelId: string): Promise<Round | undefined>;
  /**
   * Closes the round if still open and, in the same transaction, gives the first correct answer
   * its bonus when enough people answered, and the round's lease to whoever closes it; the closed
   * round, or undefined if someone else closed it first.
   */
  close(id: number, closing: Closing): Promise<Round | undefined>;
  /**
   * The rounds not yet revealed that `lease.owner` holds after this call: its own leases renewed
   * to `lease.until`, and the rounds whose lease ran out (their process stopped) taken over.
   */
  claim(lease: Lease, now: number, deadOwners?: readonly string[]): Promise<Round[]>;
  /** Who holds leases on rounds not yet revealed (to tell which of them are known to be dead). */
  leaseOwners(): Promise<string[]>;
  /** Lets go of an owner's leases at once (a clean stop), so another process takes them over. */
  release(owner: string): Promise<void>;
  markRevealed(id: number, now: number): Promise<void>;
  setMessageRef(id: number, ref: string): Promise<void>;
  /** Moves an open round's deadline: the round as it now is, or undefined if it is closed. */
  setDeadline(id: number, closesAt: number): Promise<Round | undefined>;
  /** The last `limit` questions asked in the scope: their keys and answers. */
  recent(scopeId: string, limit: number): Promise<RecentQuestions>;
  /**
   * Records an answer in one transaction (one round trip on PostgreSQL): checks the round is open
   * and the member has not answered, decides whether this correct answer is the first and whether
   * it scores (a practice round, the daily cap), and writes it with its points on every board, the
   * report's tallies and its lapses.
   */
  answer(a: AnswerInput): Promise<AnswerResult>;
  /** A round's answers, in the order given. */
  answers(roundId: number): Promise<RoundAnswer[]>;
}

const ROUND = sql`SELECT * FROM rounds WHERE id = :id`;
const OPEN_IN = sql`SELECT * FROM rounds WHERE scope_id = :scope AND channel_id = :channel AND closed_at IS NULL`;
const OPEN = sql`
  INSERT INTO rounds (scope_id, channel_id, seed, generator, level, topic, question_key, answer, lang, opened_by, opened_at, closes_at, scoring, lease_owner, lease_until, custom)
  VALUES (:scopeId, :channelId, :seed, :generator, :level, :topic, :questionKey, :answer, :lang, :openedBy, :openedAt, :closesAt, :scoring, :owner, :until, :custom)
  ON CONFLICT DO NOTHING RETURNING *`;
const CLOSE = sql`
  UPDATE rounds SET closed_at = :now, close_reason = :reason, lease_owner = :owner, lease_until = :until
  WHERE id = :id AND closed_at IS NULL RETURNING *`;
const FIRST_SCORED = sql`SELECT id, member_id, week FROM answers WHERE round_id = :round AND first AND scored`;
const GIVE_BONUS = sql`UPDATE answers SET bonus = :bonus, points = points + :bonus WHERE id = :answer`;
const BONUS_ON_BOARD = sql`UPDATE scores SET points = points + :bonus WHERE scope_id = :scope AND board = :board AND member_id = :member`;
const SEASON_BOARD = sql`SELECT 'season:' || id AS board FROM seasons WHERE scope_id = :scope AND ended_at IS NULL`;
const CLAIM = sql`
  UPDATE rounds SET lease_owner = :owner, lease_until = :until
  WHERE revealed_at IS NULL AND (lease_owner = :owner OR lease_owner IS NULL OR lease_until < :now
    OR lease_owner IN (SELECT dead.value FROM ${each('dead', 'dead')}))
  RETURNING *`;
const LEASE_OWNERS = sql`SELECT DISTINCT lease_owner FROM rounds WHERE revealed_at IS NULL AND lease_owner IS NOT NULL`;
const RELEASE = sql`UPDATE rounds SET lease_until = 0 WHERE lease_owner = :owner AND revealed_at IS NULL`;
const REVEALED = sql`UPDATE rounds SET revealed_at = :now WHERE id = :id`;
const MESSAGE_REF = sql`UPDATE rounds SET message_ref = :ref WHERE id = :id`;
const DEADLINE = sql`UPDATE rounds SET closes_at = :closesAt WHERE id = :id AND closed_at IS NULL RETURNING *`;
const RECENT = sql`SELECT question_key, answer FROM rounds WHERE scope_id = :scope ORDER BY id DESC LIMIT :limit`;
const ANSWERS = sql`
  SELECT a.member_id, m.user_id, m.display_name, a.value, a.correct, a.first, a.mistake, a.points, a.bonus, a.scored, a.answered_at
  FROM answers a JOIN members m ON m.id = a.member_id WHERE a.round_id = :round ORDER BY a.id`;

/**
 * The answer on PostgreSQL: one call of the server-side routine db/007 defines and db/011 and db/014 redefine (the round's row
 * lock, the member, the checks, the answer, its boards, tallies and lapses, in one transaction).
 */
const RECORD_ANSWER = sql`SELECT * FROM record_answer(:round, :user, :name, :value, :correct, :mistake, :points, :now, :week, :dayFrom, :dayTo, :cap, :lapses)`;

/** The same answer as statements in a transaction, for SQLite (embedded: a round trip costs nothing). */
const ANSWERED_ROUND = sql`SELECT scope_id, topic, scoring, closed_at, closes_at FROM rounds WHERE id = :round`;
const PREVIOUS = sql`SELECT value FROM answers WHERE round_id = :round AND member_id = :member`;
const STANDING = sql`
  SELECT EXISTS (SELECT 1 FROM answers WHERE round_id = :round AND first) AS has_first,
         (SELECT COUNT(*) FROM answers WHERE member_id = :member AND capped AND answered_at >= :dayFrom AND answered_at < :dayTo) AS capped_today`;
const INSERT_ANSWER = sql`
  INSERT INTO answers (round_id, member_id, value, correct, first, mistake, points, scored, capped, answered_at, week)
  VALUES (:round, :member, :value, :correct, :first, :mistake, :points, :scored, :capped, :now, :week)`;
export const ADD_SCORES = sql`
  INSERT INTO scores (scope_id, board, member_id, points, correct, answered)
  SELECT :scope, b.value, :member, :points, :right, 1 FROM ${each('boards', 'b')} WHERE TRUE ORDER BY b.value
  ON CONFLICT (scope_id, board, member_id) DO UPDATE SET
    points = scores.points + excluded.points, correct = scores.correct + excluded.correct, answered = scores.answered + 1`;
const TALLY_ROUND = sql`UPDATE rounds SET answered = answered + 1, correct = correct + :right WHERE id = :round`;
const TALLY_MISTAKES = sql`
  INSERT INTO round_mistakes (round_id, mistake, answers) SELECT :round, m.value, 1 FROM ${each('mistakes', 'm')} WHERE TRUE
  ON CONFLICT (round_id, mistake) DO UPDATE SET answers = round_mistakes.answers + 1`;
export const TALLY_TOPICS = sql`
  INSERT INTO class_topics (scope_id, board, topic, answered, correct) SELECT :scope, b.value, :topic, 1, :right FROM ${each('boards', 'b')} WHERE TRUE
  ON CONFLICT (scope_id, board, topic) DO UPDATE SET answered = class_topics.answered + 1, correct = class_topics.correct + excluded.correct`;
export const ADD_LAPSES = sql`INSERT INTO lapses (member_id, topic, family, at) SELECT :member, :topic, f.value, :now FROM ${each('families', 'f')}`;

/** The boards an answer given now counts on, in the order their rows are locked (see postgres.ts). */
export async function boardsNow(db: Queries, scopeId: string, week: string | null): Promise<{ all: Board[]; mastery: Board[] }> {
  const season = (await db.get<{ board: Board }>(SEASON_BOARD, { scope: scopeId }))?.board;
  const mastery = season === undefined ? [ALL_TIME] : [ALL_TIME, season];
  return { all: [...mastery, ...(week === null ? [] : [weekBoard(week)])].sort(), mastery };
}

export class RoundSql implements RoundStore {
  constructor(private readonly db: Driver) {}

  async open(round: NewRound): Promise<Round | undefined> {
    const { lease, ...fields } = round;
    const r = await this.db.get<RoundRecord>(OPEN, { ...fields, answer: round.answer, owner: lease.owner, until: lease.until, custom: round.custom ?? null });
    return r && toRound(r);
  }

  async get(id: number): Promise<Round | undefined> {
    const r = await this.db.get<RoundRecord>(ROUND, { id });
    return r && toRound(r);
  }

  async openIn(scopeId: string, channelId: string): Promise<Round | undefined> {
    const r = await this.db.get<RoundRecord>(OPEN_IN, { scope: scopeId, channel: channelId });
    return r && toRound(r);
  }

  close(id: number, c: Closing): Promise<Round | undefined> {
    return this.db.transaction(async (tx) => {
      const closed = await tx.get<RoundRecord & { answered: number | string }>(CLOSE, { id, now: c.now, reason: c.reason, owner: c.lease.owner, until: c.lease.until });
      if (!closed) return undefined;
      const first = await tx.get<{ id: number | string; member_id: number | string; week: string | null }>(FIRST_SCORED, { round: id });
      if (first && c.bonus.points > 0 && Number(closed.answered) >= c.bonus.minAnswers) {
        await tx.run(GIVE_BONUS, { bonus: c.bonus.points, answer: first.id });
        // On the boards the answer counted on: all time, its week, the season (current at the close, as when it was given).
        for (const board of (await boardsNow(tx, closed.scope_id, first.week)).all) {
          await tx.run(BONUS_ON_BOARD, { bonus: c.bonus.points, scope: closed.scope_id, board, member: first.member_id });
        }
      }
      return toRound(closed);
    });
  }

  async claim(lease: Lease, now: number, deadOwners: readonly string[] = []): Promise<Round[]> {
    return (await this.db.all<RoundRecord>(CLAIM, { owner: lease.owner, until: lease.until, now, dead: deadOwners })).map(toRound);
  }

  async leaseOwners(): Promise<string[]> {
    return (await this.db.all<{ lease_owner: string }>(LEASE_OWNERS)).map((r) => r.lease_owner);
  }

  async release(owner: string): Promise<void> {
    await this.db.run(RELEASE, { owner });
  }

  async markRevealed(id: number, now: number): Promise<void> {
    await this.db.run(REVEALED, { id, now });
  }

  async setMessageRef(id: number, ref: string): Promise<void> {
    await this.db.run(MESSAGE_REF, { id, ref });
  }

  async setDeadline(id: number, closesAt: number): Promise<Round | undefined> {
    const r = await this.db.get<RoundRecord>(DEADLINE, { id, closesAt });
    return r && toRound(r);
  }

  async recent(scopeId: string, limit: number): Promise<RecentQuestions> {
    const rows = await this.db.all<{ question_key: string; answer: string }>(RECENT, { scope: scopeId, limit });
    return { keys: new Set(rows.map((r) => r.question_key)), answers: new Set(rows.map((r) => BigInt(r.answer))) };
  }

  answer(a: AnswerInput): Promise<AnswerResult> {
    return this.db.dialect.engine === 'postgres' ? answerInServer(this.db, a) : this.db.transaction((tx) => answerIn(tx, a));
  }

  async answers(roundId: number): Promise<RoundAnswer[]> {
    return (await this.db.all<AnswerRecord>(ANSWERS, { round: roundId })).map(toRoundAnswer);
  }
}

/** The answer on PostgreSQL: one call of record_answer, one round trip (its mistakes joined as stored, its lapses without repeats, as SQLite's statements take them). */
async function answerInServer(db: Queries, a: AnswerInput): Promise<AnswerResult> {
  const r = (await db.get<{ status: AnswerResult['status']; previous: string | null; first: boolean; points: number; unscored: Unscored | null }>(RECORD_ANSWER, {
    round: a.roundId,
    user: a.player.userId,
    name: a.player.name,
    value: a.value,
    correct: a.correct,
    mistake: mistakesText(a.mistakes),
    points: a.points,
    now: a.now,
    week: a.week,
    dayFrom: a.daily.from,
    dayTo: a.daily.to,
    cap: a.daily.cap,
    lapses: [...new Set(a.lapses)],
  }))!;
  switch (r.status) {
    case 'recorded':
      return { status: 'recorded', first: r.first, points: r.points, unscored: r.unscored };
    case 'duplicate':
      return { status: 'duplicate', previous: BigInt(r.previous!) };
    default:
      return { status: r.status };
  }
}

/**
 * The answer's checks and writes, statement by statement, the rule PostgreSQL's record_answer
 * keeps in one call (test/store/answers.test.ts holds both to one table of cases).
 */
async function answerIn(tx: Queries, a: AnswerInput): Promise<AnswerResult> {
  const round = await tx.get<{ scope_id: string; topic: string; scoring: Round['scoring']; closed_at: number | null; closes_at: number }>(ANSWERED_ROUND, { round: a.roundId });
  if (round === undefined) return { status: 'missing' };
  if (round.closed_at !== null || a.now >= Number(round.closes_at)) return { status: 'closed' };
  const member = await ensureMember(tx, round.scope_id, a.player);
  const previous = await tx.get<{ value: string }>(PREVIOUS, { round: a.roundId, member });
  if (previous !== undefined) return { status: 'duplicate', previous: BigInt(previous.value) };
  const standing = (await tx.get<{ has_first: number; capped_today: number }>(STANDING, { round: a.roundId, member, dayFrom: a.daily.from, dayTo: a.daily.to }))!;
  const first = a.correct && !standing.has_first;
  const unscored: Unscored | null = round.scoring === 'practice' ? 'practice' : round.scoring === 'capped' && standing.capped_today >= a.daily.cap ? 'cap' : null;
  const scored = unscored === null;
  const points = a.correct && scored ? a.points : 0;
  const right = a.correct ? 1 : 0;
  const boards = await boardsNow(tx, round.scope_id, a.week);
  const at = { round: a.roundId, member, scope: round.scope_id, topic: round.topic, now: a.now, right };
  await tx.run(INSERT_ANSWER, { ...at, value: a.value, correct: a.correct, first, mistake: mistakesText(a.mistakes), points, scored, capped: scored && round.scoring === 'capped', week: a.week });
  if (scored) await tx.run(ADD_SCORES, { ...at, boards: boards.all, points });
  await tx.run(TALLY_ROUND, at);
  if (a.mistakes.length > 0) await tx.run(TALLY_MISTAKES, { ...at, mistakes: [...new Set(a.mistakes)] });
  await tx.run(TALLY_TOPICS, { ...at, boards: boards.mastery });
  if (a.lapses.length > 0) await tx.run(ADD_LAPSES, { ...at, families: [...new Set(a.lapses)] });
  return { status: 'recorded', first, points, unscored };
}
