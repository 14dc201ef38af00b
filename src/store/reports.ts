/**
 * What is read back about a class's answers: the teacher's report and exports (from the tallies
 * the answers keep in their own transactions: a report is a handful of index reads), and a
 * student's record and accuracy.
 */
import type { Accuracy, AnswerCursor, Board, ExportedAnswer, HistoryItem, RoundStat, TimeRange, TopicStat } from '../domain/index.js';
import type { Driver } from './driver.js';
import {
  mistakesByRound,
  toAccuracy,
  toExported,
  toHistoryItem,
  toRound,
  toTopicStat,
  type AccuracyRecord,
  type ExportedRecord,
  type HistoryRecord,
  type MistakeCountRecord,
  type RoundRecord,
  type TopicStatRecord,
} from './records.js';
import { each, sql } from './sql.js';

export interface ReportStore {
  /** A page of the scope's rounds opened in `range`, newest first, with their tallies. */
  roundStats(scopeId: string, range: TimeRange, offset: number, limit: number): Promise<RoundStat[]>;
  /** How many rounds the scope opened in `range`. */
  roundCount(scopeId: string, range: TimeRange): Promise<number>;
  /** When the scope's first round opened; undefined before any. */
  firstRoundAt(scopeId: string): Promise<number | undefined>;
  /** The class's answers per topic on a mastery board (all time, a season's), rounds and practice alike. */
  classTopics(scopeId: string, board: Board): Promise<TopicStat[]>;
  /** The next `limit` answers given in the scope's rounds opened in `range`, in (round, member) order after `after`. */
  answersPage(scopeId: string, range: TimeRange, after: AnswerCursor | null, limit: number): Promise<ExportedAnswer[]>;

  /** Every answer of a member, rounds and practice, oldest first. */
  history(memberId: number): Promise<HistoryItem[]>;
  /** A member's answers per topic, rounds and practice alike. */
  topicStats(memberId: number): Promise<TopicStat[]>;
  /** How many of a member's last `limit` answers (rounds and practice) were right. */
  recentAccuracy(memberId: number, limit: number): Promise<Accuracy>;
  /** How many of the last `limit` answers given in a channel's rounds were right. */
  channelAccuracy(scopeId: string, channelId: string, limit: number): Promise<Accuracy>;
}

// The range on (scope_id, opened_at) is rounds_by_scope_opened, read backwards.
const ROUNDS_IN = sql`SELECT * FROM rounds WHERE scope_id = :scope AND opened_at >= :from AND opened_at < :to ORDER BY opened_at DESC, id DESC LIMIT :limit OFFSET :offset`;
const ROUND_MISTAKES = sql`SELECT round_id, mistake, answers FROM round_mistakes WHERE round_id IN (SELECT CAST(r.value AS BIGINT) FROM ${each('rounds', 'r')})`;
const ROUND_COUNT = sql`SELECT COUNT(*) AS n FROM rounds WHERE scope_id = :scope AND opened_at >= :from AND opened_at < :to`;
const FIRST_ROUND = sql`SELECT MIN(opened_at) AS at FROM rounds WHERE scope_id = :scope`;
const CLASS_TOPICS = sql`SELECT topic, answered, correct FROM class_topics WHERE scope_id = :scope AND board = :board ORDER BY topic`;
// Rounds in id order, each one's answers in member order: the unique (round_id, member_id) index, page after page.
const ANSWERS_PAGE = sql`
  SELECT a.round_id, a.member_id, m.user_id, m.display_name, r.topic, r.level, a.value, r.answer, a.correct, a.first, a.mistake, a.points, a.scored, a.answered_at
  FROM rounds r JOIN answers a ON a.round_id = r.id JOIN members m ON m.id = a.member_id
  WHERE r.scope_id = :scope AND r.opened_at >= :from AND r.opened_at < :to AND r.id >= :round AND (r.id > :round OR a.member_id > :member)
  ORDER BY r.id, a.member_id LIMIT :limit`;
// Equal times: a practice answer before a round's (as every listing of a history does).
const HISTORY = sql`
  SELECT 'round' AS source, r.seed, r.generator, r.level, r.topic, a.value, a.correct, a.answered_at, r.custom, r.question_key, a.mistake
  FROM answers a JOIN rounds r ON r.id = a.round_id WHERE a.member_id = :member
  UNION ALL
  SELECT 'practice', seed, generator, level, topic, value, correct, answered_at, NULL, question_key, mistake FROM practice WHERE member_id = :member
  ORDER BY answered_at, source`;
const TOPIC_STATS = sql`
  SELECT topic, COUNT(*) AS answered, COUNT(*) FILTER (WHERE correct) AS correct FROM (
    SELECT r.topic, a.correct FROM answers a JOIN rounds r ON r.id = a.round_id WHERE a.member_id = :member
    UNION ALL SELECT topic, correct FROM practice WHERE member_id = :member) AS given
  GROUP BY topic ORDER BY topic`;
const RECENT_ACCURACY = sql`
  SELECT COUNT(*) AS answered, COUNT(*) FILTER (WHERE correct) AS correct FROM (
    SELECT correct, answered_at FROM answers WHERE member_id = :member
    UNION ALL SELECT correct, answered_at FROM practice WHERE member_id = :member
    ORDER BY answered_at DESC LIMIT :limit) AS latest`;
const CHANNEL_ACCURACY = sql`
  SELECT COUNT(*) AS answered, COUNT(*) FILTER (WHERE correct) AS correct FROM (
    SELECT a.correct FROM answers a JOIN rounds r ON r.id = a.round_id
    WHERE r.scope_id = :scope AND r.channel_id = :channel ORDER BY a.id DESC LIMIT :limit) AS latest`;

export class ReportSql implements ReportStore {
  constructor(private readonly db: Driver) {}

  async roundStats(scopeId: string, range: TimeRange, offset: number, limit: number): Promise<RoundStat[]> {
    const rounds = await this.db.all<RoundRecord & { answered: number | string; correct: number | string }>(ROUNDS_IN, { scope: scopeId, from: range.from, to: range.to, limit, offset });
    const mistakes = mistakesByRound(await this.db.all<MistakeCountRecord>(ROUND_MISTAKES, { rounds: rounds.map((r) => Number(r.id)) }));
    return rounds.map((r) => ({ round: toRound(r), answered: Number(r.answered), correct: Number(r.correct), mistakes: mistakes.get(Number(r.id)) ?? [] }));
  }

  async roundCount(scopeId: string, range: TimeRange): Promise<number> {
    return Number((await this.db.get<{ n: number | string }>(ROUND_COUNT, { scope: scopeId, from: range.from, to: range.to }))!.n);
  }

  async firstRoundAt(scopeId: string): Promise<number | undefined> {
    const at = (await this.db.get<{ at: number | string | null }>(FIRST_ROUND, { scope: scopeId }))?.at;
    return at === null || at === undefined ? undefined : Number(at);
  }

  async classTopics(scopeId: string, board: Board): Promise<TopicStat[]> {
    return (await this.db.all<TopicStatRecord>(CLASS_TOPICS, { scope: scopeId, board })).map(toTopicStat);
  }

  async answersPage(scopeId: string, range: TimeRange, after: AnswerCursor | null, limit: number): Promise<ExportedAnswer[]> {
    const params = { scope: scopeId, from: range.from, to: range.to, round: after?.roundId ?? 0, member: after?.memberId ?? 0, limit };
    return (await this.db.all<ExportedRecord>(ANSWERS_PAGE, params)).map(toExported);
  }

  async history(memberId: number): Promise<HistoryItem[]> {
    return (await this.db.all<HistoryRecord>(HISTORY, { member: memberId })).map(toHistoryItem);
  }

  async topicStats(memberId: number): Promise<TopicStat[]> {
    return (await this.db.all<TopicStatRecord>(TOPIC_STATS, { member: memberId })).map(toTopicStat);
  }

  async recentAccuracy(memberId: number, limit: number): Promise<Accuracy> {
    return toAccuracy((await this.db.get<AccuracyRecord>(RECENT_ACCURACY, { member: memberId, limit }))!);
  }

  async channelAccuracy(scopeId: string, channelId: string, limit: number): Promise<Accuracy> {
    return toAccuracy((await this.db.get<AccuracyRecord>(CHANNEL_ACCURACY, { scope: scopeId, channel: channelId, limit }))!);
  }
}
