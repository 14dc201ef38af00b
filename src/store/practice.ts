/**
 * /review's records: practice answers, cards and their review logs, lapses waiting to be applied,
 * and the practice question each member was given last. A member's row lock orders their
 * practice answers, reviews and lapses (an answer in a round takes it too).
 */
import type { Deck, PendingPractice, PracticeInput, ReviewLog, Reviews, ReviewsSaved } from '../domain/index.js';
import type { Driver, Queries } from './driver.js';
import { mistakesText, toCard, toLapse, toPending, toReviewLog, type CardRecord, type LapseRecord, type PendingRecord, type ReviewLogRecord } from './records.js';
import { boardsNow, TALLY_TOPICS } from './rounds.js';
import { each, forUpdate, sql } from './sql.js';

export interface PracticeStore {
  /**
   * Records a practice answer and, in the same transaction, the reviews it makes (each card's new
   * state and its log, the lapses they apply), its tallies on the class's mastery, and clears the
   * member's pending question if it was this one.
   */
  record(p: PracticeInput, reviews: Reviews): Promise<ReviewsSaved>;
  /** A member's cards (soonest due first) and the lapses not yet applied to them (oldest first), read together. */
  deck(memberId: number): Promise<Deck>;
  /** Saves reviews outside practice (lapses applied): one transaction. */
  review(memberId: number, reviews: Reviews): Promise<Exclude<ReviewsSaved, 'duplicate'>>;
  /** A member's review history, oldest first (what FSRS's optimizer fits the parameters to). */
  reviewLogs(memberId: number): Promise<ReviewLog[]>;
  /** Remembers the practice question just given to a member (replacing any earlier one). */
  setPending(p: PendingPractice): Promise<void>;
  pending(memberId: number): Promise<PendingPractice | undefined>;
}

const LOCK_MEMBER = sql`SELECT scope_id FROM members WHERE id = :member ${forUpdate}`;
const INSERT_PRACTICE = sql`
  INSERT INTO practice (member_id, seed, generator, level, topic, value, correct, mistake, question_key, answered_at)
  VALUES (:member, :seed, :generator, :level, :topic, :value, :correct, :mistake, :questionKey, :now) ON CONFLICT DO NOTHING`;
const CLEAR_PENDING = sql`DELETE FROM practice_pending WHERE member_id = :member AND seed = :seed AND level = :level AND topic = :topic`;
const LAPSES_LEFT = sql`SELECT COUNT(*) AS n FROM lapses WHERE member_id = :member AND id IN (SELECT CAST(l.value AS BIGINT) FROM ${each('ids', 'l')})`;
const APPLY_LAPSES = sql`DELETE FROM lapses WHERE member_id = :member AND id IN (SELECT CAST(l.value AS BIGINT) FROM ${each('ids', 'l')})`;
const SAVE_CARD = sql`
  INSERT INTO cards (member_id, topic, family, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review)
  VALUES (:member, :topic, :family, :due, :stability, :difficulty, :elapsedDays, :scheduledDays, :learningSteps, :reps, :lapses, :state, :lastReview)
  ON CONFLICT (member_id, topic, family) DO UPDATE SET due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
    elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days, learning_steps = excluded.learning_steps,
    reps = excluded.reps, lapses = excluded.lapses, state = excluded.state, last_review = excluded.last_review
  RETURNING id`;
const LOG_REVIEW = sql`
  INSERT INTO review_logs (card_id, rating, state, due, stability, difficulty, elapsed_days, last_elapsed_days, scheduled_days, learning_steps, reviewed_at, duration_ms, correct, source)
  VALUES (:card, :rating, :state, :due, :stability, :difficulty, :elapsedDays, :lastElapsedDays, :scheduledDays, :learningSteps, :reviewedAt, :durationMs, :correct, :source)`;
/** Cards and lapses in one statement, so they are one snapshot (a card never seen both before and after its lapses). */
const DECK = sql`
  SELECT 'card' AS kind, id, member_id, topic, family, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review, NULL AS at
  FROM cards WHERE member_id = :member
  UNION ALL
  SELECT 'lapse', id, member_id, topic, family, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, at
  FROM lapses WHERE member_id = :member
  ORDER BY kind, due, at, id`;
const REVIEW_LOGS = sql`SELECT l.* FROM review_logs l JOIN cards c ON c.id = l.card_id WHERE c.member_id = :member ORDER BY l.id`;
const SET_PENDING = sql`
  INSERT INTO practice_pending (member_id, seed, generator, level, topic, family, channel_id, issued_at)
  VALUES (:memberId, :seed, :generator, :level, :topic, :family, :channelId, :issuedAt)
  ON CONFLICT (member_id) DO UPDATE SET seed = excluded.seed, generator = excluded.generator, level = excluded.level, topic = excluded.topic,
    family = excluded.family, channel_id = excluded.channel_id, issued_at = excluded.issued_at`;
const PENDING = sql`SELECT * FROM practice_pending WHERE member_id = :member`;

/** Under the member's lock: whether every lapse the reviews apply is still waiting (no one applied it first). */
async function stillWaiting(tx: Queries, member: number, r: Reviews): Promise<boolean> {
  if (r.applied.length === 0) return true;
  const ids = r.applied.map((l) => l.id);
  return Number((await tx.get<{ n: number | string }>(LAPSES_LEFT, { member, ids }))!.n) === ids.length;
}

/** Under the member's lock: the lapses applied, each card's new state, and its log. */
async function save(tx: Queries, member: number, r: Reviews): Promise<void> {
  if (r.applied.length > 0) await tx.run(APPLY_LAPSES, { member, ids: r.applied.map((l) => l.id) });
  for (const { topic, family, card, log } of r.reviews) {
    const saved = await tx.get<{ id: number | string }>(SAVE_CARD, { member, topic, family, ...card });
    await tx.run(LOG_REVIEW, { card: saved!.id, ...log });
  }
}

export class PracticeSql implements PracticeStore {
  constructor(private readonly db: Driver) {}

  record(p: PracticeInput, reviews: Reviews): Promise<ReviewsSaved> {
    return this.db.transaction(async (tx) => {
      const { scope_id: scopeId } = (await tx.get<{ scope_id: string }>(LOCK_MEMBER, { member: p.memberId }))!;
      if (!(await stillWaiting(tx, p.memberId, reviews))) return 'stale';
      const at = { member: p.memberId, seed: p.seed, level: p.level, topic: p.topic };
      const inserted = await tx.run(INSERT_PRACTICE, { ...at, generator: p.generator, value: p.value, correct: p.correct, mistake: mistakesText(p.mistakes), questionKey: p.questionKey, now: p.now });
      if (inserted === 0) return 'duplicate';
      await tx.run(TALLY_TOPICS, { scope: scopeId, topic: p.topic, right: p.correct ? 1 : 0, boards: (await boardsNow(tx, scopeId, null)).mastery });
      await save(tx, p.memberId, reviews);
      await tx.run(CLEAR_PENDING, at);
      return 'saved';
    });
  }

  async deck(memberId: number): Promise<Deck> {
    const rows = await this.db.all<(CardRecord & { kind: 'card' }) | (LapseRecord & { kind: 'lapse' })>(DECK, { member: memberId });
    return {
      cards: rows.flatMap((r) => (r.kind === 'card' ? [toCard(r)] : [])),
      lapses: rows.flatMap((r) => (r.kind === 'lapse' ? [toLapse(r)] : [])),
    };
  }

  review(memberId: number, reviews: Reviews): Promise<'saved' | 'stale'> {
    return this.db.transaction(async (tx) => {
      await tx.get(LOCK_MEMBER, { member: memberId });
      if (!(await stillWaiting(tx, memberId, reviews))) return 'stale';
      await save(tx, memberId, reviews);
      return 'saved';
    });
  }

  async reviewLogs(memberId: number): Promise<ReviewLog[]> {
    return (await this.db.all<ReviewLogRecord>(REVIEW_LOGS, { member: memberId })).map(toReviewLog);
  }

  async setPending(p: PendingPractice): Promise<void> {
    await this.db.run(SET_PENDING, { ...p });
  }

  async pending(memberId: number): Promise<PendingPractice | undefined> {
    const r = await this.db.get<PendingRecord>(PENDING, { member: memberId });
    return r && toPending(r);
  }
}
