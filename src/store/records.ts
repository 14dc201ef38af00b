/**
 * Rows as the database returns them, to the store's types. Both engines use the same column
 * names; SQLite gives 0/1 for booleans and numbers for integers, PostgreSQL gives booleans and
 * (for BIGINT) strings, so the mappers accept either.
 */
import {
  parseAsk,
  type Lang,
  type MistakeFamily,
  type Board,
  type BoardCell,
  type BoardRow,
  type Card,
  type CardPhase,
  type ExportedAnswer,
  type HistoryItem,
  type PendingPractice,
  type Rating,
  type ReviewLog,
  type Round,
  type RoundAnswer,
  type RoundScoring,
  type Schedule,
  type ScheduleRun,
  type Scope,
  type ScoringMode,
  type Season,
  type StoredQuestion,
  type TopicStat,
  type CloseReason,
  type Level,
  type Lapse,
  type Topic,
  type Member,
  type Accuracy,
} from '../domain/index.js';

type Int = number | string | bigint;
type Bool = number | boolean;

const int = (v: Int): number => Number(v);
const intOrNull = (v: Int | null): number | null => (v === null ? null : Number(v));
const bool = (v: Bool): boolean => v === true || v === 1;
const list = <T extends string>(csv: string): T[] => (csv === '' ? [] : (csv.split(',') as T[]));

/**
 * An answer's named mistakes are kept comma-joined in one column (ids have no commas); the store
 * alone reads and writes that, everyone else sees a list.
 */
export const mistakesText = (ids: readonly string[]): string | null => (ids.length === 0 ? null : [...new Set(ids)].join(','));
export const mistakesOf = (text: string | null): string[] => (text === null || text === '' ? [] : list<string>(text));

export interface RoundRecord {
  id: Int;
  scope_id: string;
  channel_id: string;
  seed: Int;
  generator: Int;
  level: Level;
  topic: Topic;
  question_key: string;
  answer: string;
  lang: Lang;
  opened_by: Int | null;
  opened_at: Int;
  closes_at: Int;
  closed_at: Int | null;
  close_reason: CloseReason | null;
  revealed_at: Int | null;
  message_ref: string | null;
  scoring: RoundScoring;
  lease_owner: string | null;
  lease_until: Int | null;
  custom: string | null;
}

export const toRound = (r: RoundRecord): Round => ({
  id: int(r.id),
  scopeId: r.scope_id,
  channelId: r.channel_id,
  seed: int(r.seed),
  generator: int(r.generator),
  level: r.level,
  topic: r.topic,
  questionKey: r.question_key,
  answer: BigInt(r.answer),
  lang: r.lang,
  openedBy: intOrNull(r.opened_by),
  openedAt: int(r.opened_at),
  closesAt: int(r.closes_at),
  closedAt: intOrNull(r.closed_at),
  closeReason: r.close_reason,
  revealedAt: intOrNull(r.revealed_at),
  messageRef: r.message_ref,
  scoring: r.scoring,
  lease: r.lease_owner === null ? null : { owner: r.lease_owner, until: int(r.lease_until ?? 0) },
  custom: r.custom,
});

export interface AnswerRecord {
  member_id: Int;
  user_id: string;
  display_name: string;
  value: string;
  correct: Bool;
  first: Bool;
  mistake: string | null;
  points: Int;
  bonus: Int;
  scored: Bool;
  answered_at: Int;
}

export const toRoundAnswer = (r: AnswerRecord): RoundAnswer => ({
  memberId: int(r.member_id),
  userId: r.user_id,
  name: r.display_name,
  value: BigInt(r.value),
  correct: bool(r.correct),
  first: bool(r.first),
  mistakes: mistakesOf(r.mistake),
  points: int(r.points),
  bonus: int(r.bonus),
  scored: bool(r.scored),
  answeredAt: int(r.answered_at),
});

export interface BoardRecord {
  member_id: Int;
  user_id: string;
  display_name: string;
  points: Int;
  correct: Int;
  answered: Int;
}

/**
 * A page of a board, ranked. The first row's rank is 1 + the rows strictly ahead of it: the
 * `offset` rows before it less those tied with it (`tiedBefore`: same points and correct answers,
 * a smaller member id), which costs a count over its tie group, not over the whole board. After
 * it, a row ties the one before it or is ranked by its position.
 */
export function rankedPage(rows: readonly BoardRecord[], offset: number, tiedBefore: number): BoardRow[] {
  const ranked: BoardRow[] = [];
  for (const [i, r] of rows.entries()) {
    const row = toBoardRow(r, 0);
    const prev = ranked[i - 1];
    const rank = prev === undefined ? offset - tiedBefore + 1 : prev.points === row.points && prev.correct === row.correct ? prev.rank : offset + i + 1;
    ranked.push({ ...row, rank });
  }
  return ranked;
}

export const toBoardRow = (r: BoardRecord, rank: number): BoardRow => ({
  rank,
  memberId: int(r.member_id),
  userId: r.user_id,
  name: r.display_name,
  points: int(r.points),
  correct: int(r.correct),
  answered: int(r.answered),
});

export interface ScopeRecord {
  id: string;
  timezone: string;
  language: Lang;
  quiz_channel: string | null;
  levels: string;
  topics: string;
  round_seconds: Int | null;
  scoring: ScoringMode;
  daily_cap: Int;
  public_board: Bool;
}

export const toScope = (r: ScopeRecord): Scope => ({
  id: r.id,
  timezone: r.timezone,
  language: r.language,
  quizChannel: r.quiz_channel,
  levels: list<Level>(r.levels),
  topics: list<Topic>(r.topics),
  roundSeconds: intOrNull(r.round_seconds),
  scoring: r.scoring,
  dailyCap: int(r.daily_cap),
  publicBoard: bool(r.public_board),
});

/** A scope's settings as the columns store them. */
export const scopeColumns = (s: Scope) => ({
  id: s.id,
  timezone: s.timezone,
  language: s.language,
  quizChannel: s.quizChannel,
  levels: s.levels.join(','),
  topics: s.topics.join(','),
  roundSeconds: s.roundSeconds,
  scoring: s.scoring,
  dailyCap: s.dailyCap,
  publicBoard: s.publicBoard,
});

export interface ScheduleRecord {
  id: Int;
  scope_id: string;
  channel_id: string;
  weekday: Int;
  time: string;
  timezone: string;
  questions: Int;
  spacing_min: Int;
  level: Level;
  topics: string;
  missed: 'late' | 'skip';
  created_at: Int;
  question_set: string | null;
}

export const toSchedule = (r: ScheduleRecord): Schedule => ({
  id: int(r.id),
  scopeId: r.scope_id,
  channelId: r.channel_id,
  weekday: int(r.weekday),
  time: r.time,
  timezone: r.timezone,
  questions: int(r.questions),
  spacingMinutes: int(r.spacing_min),
  level: r.level,
  topics: list<Topic>(r.topics),
  missed: r.missed,
  createdAt: int(r.created_at),
  questionSet: r.question_set,
});

export interface RunRecord {
  schedule_id: Int;
  slot: Int;
  status: ScheduleRun['status'];
  posted: Int;
  started_at: Int;
}

export const toRun = (r: RunRecord): ScheduleRun => ({
  scheduleId: int(r.schedule_id),
  slot: int(r.slot),
  status: r.status,
  posted: int(r.posted),
  startedAt: int(r.started_at),
});

export interface SeasonRecord {
  id: Int;
  scope_id: string;
  name: string;
  started_at: Int;
  ended_at: Int | null;
}

export const toSeason = (r: SeasonRecord): Season => ({ id: int(r.id), scopeId: r.scope_id, name: r.name, startedAt: int(r.started_at), endedAt: intOrNull(r.ended_at) });

export interface HistoryRecord {
  source: 'round' | 'practice';
  seed: Int;
  generator: Int;
  level: Level;
  topic: Topic;
  value: string;
  correct: Bool;
  answered_at: Int;
  custom: string | null;
  question_key: string | null;
  mistake: string | null;
}

export const toHistoryItem = (r: HistoryRecord): HistoryItem => ({
  source: r.source,
  seed: int(r.seed),
  generator: int(r.generator),
  level: r.level,
  topic: r.topic,
  value: BigInt(r.value),
  correct: bool(r.correct),
  answeredAt: int(r.answered_at),
  custom: r.custom,
  questionKey: r.question_key,
  mistakes: mistakesOf(r.mistake),
});

export interface TopicStatRecord {
  topic: Topic;
  answered: Int;
  correct: Int | null;
}

export const toTopicStat = (r: TopicStatRecord): TopicStat => ({ topic: r.topic, answered: int(r.answered), correct: int(r.correct ?? 0) });

export interface CardRecord {
  id: Int;
  member_id: Int;
  topic: Topic;
  family: MistakeFamily;
  due: Int;
  stability: number;
  difficulty: number;
  elapsed_days: Int;
  scheduled_days: Int;
  learning_steps: Int;
  reps: Int;
  lapses: Int;
  state: Int;
  last_review: Int | null;
}

export const toCard = (r: CardRecord): Card => ({
  id: int(r.id),
  memberId: int(r.member_id),
  topic: r.topic,
  family: r.family,
  due: int(r.due),
  stability: Number(r.stability),
  difficulty: Number(r.difficulty),
  elapsedDays: int(r.elapsed_days),
  scheduledDays: int(r.scheduled_days),
  learningSteps: int(r.learning_steps),
  reps: int(r.reps),
  lapses: int(r.lapses),
  state: int(r.state) as CardPhase,
  lastReview: intOrNull(r.last_review),
});

export interface ReviewLogRecord {
  card_id: Int;
  rating: Int;
  state: Int;
  due: Int;
  stability: number;
  difficulty: number;
  elapsed_days: Int;
  last_elapsed_days: Int;
  scheduled_days: Int;
  learning_steps: Int;
  reviewed_at: Int;
  duration_ms: Int | null;
  correct: Bool;
  source: 'practice' | 'round';
}

export const toReviewLog = (r: ReviewLogRecord): ReviewLog => ({
  cardId: int(r.card_id),
  rating: int(r.rating) as Rating,
  state: int(r.state) as CardPhase,
  due: int(r.due),
  stability: Number(r.stability),
  difficulty: Number(r.difficulty),
  elapsedDays: int(r.elapsed_days),
  lastElapsedDays: int(r.last_elapsed_days),
  scheduledDays: int(r.scheduled_days),
  learningSteps: int(r.learning_steps),
  reviewedAt: int(r.reviewed_at),
  durationMs: intOrNull(r.duration_ms),
  correct: bool(r.correct),
  source: r.source,
});

export interface PendingRecord {
  member_id: Int;
  seed: Int;
  generator: Int;
  level: Level;
  topic: Topic;
  family: MistakeFamily;
  channel_id: string;
  issued_at: Int;
}

export const toPending = (r: PendingRecord): PendingPractice => ({
  memberId: int(r.member_id),
  seed: int(r.seed),
  generator: int(r.generator),
  level: r.level,
  topic: r.topic,
  family: r.family,
  channelId: r.channel_id,
  issuedAt: int(r.issued_at),
});

export interface AccuracyRecord {
  answered: Int;
  correct: Int | null;
}

export const toAccuracy = (r: AccuracyRecord): Accuracy => ({ answered: int(r.answered), correct: int(r.correct ?? 0) });

export interface CellRecord {
  member_id: Int;
  board: string;
  points: Int;
  correct: Int;
  answered: Int;
}

export const toCell = (r: CellRecord): BoardCell => ({ memberId: int(r.member_id), board: r.board as Board, points: int(r.points), correct: int(r.correct), answered: int(r.answered) });

export interface ExportedRecord {
  round_id: Int;
  member_id: Int;
  user_id: string;
  display_name: string;
  topic: Topic;
  level: Level;
  value: string;
  answer: string;
  correct: Bool;
  first: Bool;
  mistake: string | null;
  points: Int;
  scored: Bool;
  answered_at: Int;
}

export const toExported = (r: ExportedRecord): ExportedAnswer => ({
  roundId: int(r.round_id),
  memberId: int(r.member_id),
  userId: r.user_id,
  name: r.display_name,
  topic: r.topic,
  level: r.level,
  value: BigInt(r.value),
  answer: BigInt(r.answer),
  correct: bool(r.correct),
  first: bool(r.first),
  mistakes: mistakesOf(r.mistake),
  points: int(r.points),
  scored: bool(r.scored),
  answeredAt: int(r.answered_at),
});

export interface QuestionRecord {
  id: Int;
  scope_id: string;
  set_name: string;
  spec: string;
  ask: string;
  level: Level;
  wording: string | null;
  created_by: string;
  created_at: Int;
}

export function toQuestion(r: QuestionRecord): StoredQuestion {
  const ask = parseAsk(r.ask);
  // Only encodeAsk writes this column: anything else is a damaged row, not a question to ask.
  if (!ask) throw new Error(`question ${r.id} has an unreadable ask: ${r.ask}`);
  return { id: int(r.id), scopeId: r.scope_id, set: r.set_name, spec: r.spec, ask, level: r.level, wording: r.wording, createdBy: r.created_by, createdAt: int(r.created_at) };
}

export interface MistakeCountRecord {
  round_id: Int;
  mistake: string;
  answers: Int;
}

/** Each round's named mistakes, most made first (ties by id, so the order is the same on both engines). */
export function mistakesByRound(rows: readonly MistakeCountRecord[]): Map<number, Array<{ id: string; answers: number }>> {
  const out = new Map<number, Array<{ id: string; answers: number }>>();
  for (const r of rows) {
    const list = out.get(int(r.round_id)) ?? [];
    list.push({ id: r.mistake, answers: int(r.answers) });
    out.set(int(r.round_id), list);
  }
  for (const list of out.values()) list.sort((a, b) => b.answers - a.answers || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out;
}

export interface MemberRecord {
  id: Int;
  user_id: string;
  display_name: string;
}

export const toMember = (r: MemberRecord): Member => ({ id: int(r.id), userId: r.user_id, name: r.display_name });

export interface LapseRecord {
  id: Int;
  topic: Topic;
  family: MistakeFamily;
  at: Int;
}

export const toLapse = (r: LapseRecord): Lapse => ({ id: int(r.id), topic: r.topic, family: r.family, at: int(r.at) });
