/**
 * What the bot keeps, and the one interface through which it is kept. Every method is one
 * statement or one transaction: the quiz decides what is right, the store records it atomically,
 * and every invariant that must not race (one open round per channel, one answer per player, one
 * first correct answer, a scheduled run claimed once) is a unique index or a transaction in each
 * engine. Methods are async so an engine never holds the event loop: SQLite retries a locked file
 * in the background, a server engine waits on its socket.
 */
import type { Lang } from '../i18n/messages.js';
import type { CloseReason, Level, Topic } from '../quiz/types.js';
import type { MistakeFamily } from '../engine/types.js';
import type { TeacherAsk } from '../quiz/ask.js';

/**
 * How the rounds a student starts are scored in a scope: `capped` (the default) up to a daily
 * number of questions per student, `all` every round, `scheduled` only scheduled and
 * admin-started rounds. Answers that do not score still count in /stats, as practice.
 */
export const SCORING_MODES = ['capped', 'all', 'scheduled'] as const;
export type ScoringMode = (typeof SCORING_MODES)[number];

/** What one round's answers count for, fixed when it opens. */
export type RoundScoring = 'scored' | 'capped' | 'practice';

export interface Scope {
  readonly id: string;
  readonly timezone: string;
  readonly language: Lang;
  /** Where weekly standings and scheduled quizzes are posted; null until an admin sets it. */
  readonly quizChannel: string | null;
  /** Levels and topics /quiz may use; empty means all. */
  readonly levels: readonly Level[];
  readonly topics: readonly Topic[];
  /** A scope's own default round length; null for the configured default. */
  readonly roundSeconds: number | null;
  readonly scoring: ScoringMode;
  /** Scored questions per student per day in rounds students start (scoring=capped). */
  readonly dailyCap: number;
  /** The class board is on the web for anyone with its address (it shows names: off until an admin turns it on). */
  readonly publicBoard: boolean;
}

export type ScopeSettings = Partial<Pick<Scope, 'timezone' | 'language' | 'quizChannel' | 'levels' | 'topics' | 'roundSeconds' | 'scoring' | 'dailyCap' | 'publicBoard'>>;

export interface Schedule {
  readonly id: number;
  readonly scopeId: string;
  readonly channelId: string;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  readonly weekday: number;
  /** Local time, HH:MM. */
  readonly time: string;
  readonly timezone: string;
  readonly questions: number;
  readonly spacingMinutes: number;
  readonly level: Level;
  readonly topics: readonly Topic[];
  /** A run missed while the bot was down: posted late once, or skipped. */
  readonly missed: 'late' | 'skip';
  readonly createdAt: number;
  /** The question set it draws from (a teacher's questions), or null to generate questions. */
  readonly questionSet: string | null;
}

export type NewSchedule = Omit<Schedule, 'id' | 'questionSet'> & { readonly questionSet?: string | null };

export interface ScheduleRun {
  readonly scheduleId: number;
  readonly slot: number;
  readonly status: 'running' | 'done' | 'skipped';
  readonly posted: number;
  readonly startedAt: number;
}

export interface Season {
  readonly id: number;
  readonly scopeId: string;
  readonly name: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
}

/** One answer in a student's history, from a round or from practice. */
export interface HistoryItem {
  readonly source: 'round' | 'practice';
  readonly seed: number;
  /** The generator version that made the question (an older one gives another question for the seed). */
  readonly generator: number;
  readonly level: Level;
  readonly topic: Topic;
  readonly value: bigint;
  readonly correct: boolean;
  readonly answeredAt: number;
  /** A teacher's question as it was asked (Round.custom); null for a generated one or practice. */
  readonly custom: string | null;
}

export interface Round {
  readonly id: number;
  readonly scopeId: string;
  readonly channelId: string;
  readonly seed: number;
  readonly generator: number;
  readonly level: Level;
  readonly topic: Topic;
  readonly questionKey: string;
  readonly answer: bigint;
  readonly lang: Lang;
  readonly openedBy: number | null;
  readonly openedAt: number;
  readonly closesAt: number;
  readonly closedAt: number | null;
  readonly closeReason: CloseReason | null;
  readonly revealedAt: number | null;
  readonly messageRef: string | null;
  readonly scoring: RoundScoring;
  /** The process that closes and reveals the round, while its lease lasts (epoch ms). */
  readonly lease: Lease | null;
  /**
   * A teacher's question as built when the round opened (quiz/custom.ts encodes it), so it is
   * shown and checked as asked; null for a generated question, replayed from its seed.
   */
  readonly custom: string | null;
}

/** Who holds a round: its timer and its reveal are that process's until `until`. */
export interface Lease {
  readonly owner: string;
  readonly until: number;
}

export type NewRound = Omit<Round, 'id' | 'closedAt' | 'closeReason' | 'revealedAt' | 'messageRef' | 'lease' | 'custom'> & { readonly lease: Lease; readonly custom?: string | null };

/** A student's scored questions today in capped rounds, and how many they may have. */
export interface DailyCap {
  readonly cap: number;
  /** The scope's local day, epoch ms: [from, to). */
  readonly from: number;
  readonly to: number;
}

export interface AnswerInput {
  readonly roundId: number;
  /** The answering member, created (or renamed) in the same transaction as the answer. */
  readonly member: { readonly userId: string; readonly name: string };
  readonly value: bigint;
  readonly correct: boolean;
  readonly mistake: string | null;
  /** Points for a correct answer that scores. */
  readonly points: number;
  readonly now: number;
  /** The boards this answer counts on: 'all', 'week:2026-W48', ... */
  readonly boards: readonly string[];
  /** The day's cap, checked in the same transaction when the round is capped. */
  readonly daily: DailyCap;
}

/** Why a recorded answer does not score: a practice round, or the day's cap already reached. */
export type Unscored = 'practice' | 'cap';

export type RecordResult =
  | { readonly status: 'recorded'; readonly correct: boolean; readonly first: boolean; readonly points: number; readonly unscored: Unscored | null }
  | { readonly status: 'duplicate'; readonly previous: bigint }
  | { readonly status: 'closed' }
  | { readonly status: 'missing' };

/** The first-correct bonus, awarded when the round closes if enough people answered. */
export interface CloseBonus {
  readonly points: number;
  /** Distinct people who must have answered for the bonus to be given. */
  readonly minAnswers: number;
  /** The boards an answer given at that time counts on. */
  readonly boards: (answeredAt: number) => readonly string[];
}

export interface RoundAnswer {
  readonly memberId: number;
  readonly userId: string;
  readonly name: string;
  readonly value: bigint;
  readonly correct: boolean;
  readonly first: boolean;
  readonly mistake: string | null;
  /** Points including any first-correct bonus. */
  readonly points: number;
  readonly bonus: number;
  readonly scored: boolean;
  readonly answeredAt: number;
}

export interface BoardRow {
  readonly rank: number;
  readonly memberId: number;
  readonly userId: string;
  readonly name: string;
  readonly points: number;
  readonly correct: number;
  readonly answered: number;
}

export interface BoardView {
  readonly size: number;
  readonly rows: readonly BoardRow[];
  /** The asker's row, undefined when they have no score on the board (or no one asked). */
  readonly mine: BoardRow | undefined;
}

export interface TopicStat {
  readonly topic: Topic;
  readonly answered: number;
  readonly correct: number;
}

export interface Member {
  readonly id: number;
  readonly userId: string;
  readonly name: string;
}

export interface PracticeInput {
  readonly memberId: number;
  readonly seed: number;
  readonly generator: number;
  readonly level: Level;
  readonly topic: Topic;
  readonly value: bigint;
  readonly correct: boolean;
  readonly mistake: string | null;
  readonly now: number;
  /** The boards the answer counts on (the class's mastery per topic is kept on them). */
  readonly boards: readonly string[];
}

/** What a scope was asked recently: the questions' keys and their answers. */
export interface RecentQuestions {
  readonly keys: Set<string>;
  readonly answers: Set<bigint>;
}

export interface Accuracy {
  readonly answered: number;
  readonly correct: number;
}

/** FSRS states (ts-fsrs State): New, Learning, Review, Relearning. */
export type CardPhase = 0 | 1 | 2 | 3;
/** FSRS ratings (ts-fsrs Rating): Again, Hard, Good, Easy. */
export type Rating = 1 | 2 | 3 | 4;

/** A card's memory state as FSRS keeps it; times in epoch ms. */
export interface CardState {
  readonly due: number;
  readonly stability: number;
  readonly difficulty: number;
  readonly elapsedDays: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  readonly state: CardPhase;
  readonly lastReview: number | null;
}

/** One skill of one student: a topic × a mistake family (conv × bias). */
export interface Card extends CardState {
  readonly id: number;
  readonly memberId: number;
  readonly topic: Topic;
  readonly family: MistakeFamily;
}

/** One review as FSRS's optimizer reads it: the rating, and the card's state before it. */
export interface ReviewLogInput {
  readonly rating: Rating;
  readonly state: CardPhase;
  readonly due: number;
  readonly stability: number;
  readonly difficulty: number;
  readonly elapsedDays: number;
  readonly lastElapsedDays: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reviewedAt: number;
  readonly durationMs: number | null;
  readonly correct: boolean;
  readonly source: 'practice' | 'round';
}

export interface ReviewLog extends ReviewLogInput {
  readonly cardId: number;
}

/** A card's new state after a review, with the review's log. */
export interface CardReview {
  readonly topic: Topic;
  readonly family: MistakeFamily;
  readonly card: CardState;
  readonly log: ReviewLogInput;
}

/** The practice question a member was given last, until they answer it. */
export interface PendingPractice {
  readonly memberId: number;
  readonly seed: number;
  readonly generator: number;
  readonly level: Level;
  readonly topic: Topic;
  /** The skill the question practises. */
  readonly family: MistakeFamily;
  readonly channelId: string;
  readonly issuedAt: number;
}

/** A window of time, epoch ms: [from, to). */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/** A round as the teacher's report lists it: the question, how many answered, how many were right, and the named mistakes made. */
export interface RoundStat {
  readonly round: Round;
  readonly answered: number;
  readonly correct: number;
  /** Each named mistake with the answers that made it, most made first (an answer naming two counts for both). */
  readonly mistakes: ReadonlyArray<{ readonly id: string; readonly answers: number }>;
}

/** One member's row on one board: a cell of the student × week matrix. */
export interface BoardCell {
  readonly memberId: number;
  readonly board: string;
  readonly points: number;
  readonly correct: number;
  readonly answered: number;
}

/** One answer given in a round, as the per-answer export writes it. */
export interface ExportedAnswer {
  readonly roundId: number;
  readonly memberId: number;
  readonly userId: string;
  readonly name: string;
  readonly topic: Topic;
  readonly level: Level;
  readonly value: bigint;
  readonly answer: bigint;
  readonly correct: boolean;
  readonly first: boolean;
  readonly mistake: string | null;
  readonly points: number;
  readonly scored: boolean;
  readonly answeredAt: number;
}

/** Where a page of exported answers ends: the next page starts after this round and member. */
export interface AnswerCursor {
  readonly roundId: number;
  readonly memberId: number;
}

/** A teacher's question: a spec (or pasted code), what to ask of it, at which level, and optionally in the teacher's words. */
export interface TeacherQuestion {
  readonly spec: string;
  readonly ask: TeacherAsk;
  readonly level: Level;
  readonly wording: string | null;
}

/** A question of a scope's question set. */
export interface StoredQuestion extends TeacherQuestion {
  readonly id: number;
  readonly scopeId: string;
  readonly set: string;
  readonly createdBy: string;
  readonly createdAt: number;
}

export type NewQuestion = Omit<StoredQuestion, 'id'>;

/** The boards the class's mastery per topic is kept on: all time and the season, not each week. */
export const masteryBoards = (boards: readonly string[]): string[] => boards.filter((b) => !b.startsWith('week:'));

/** Thrown when the store stays locked past its budget: the asker is told "busy, try again". */
export class StoreBusyError extends Error {
  constructor(readonly waitedMs: number) {
    super(`the database stayed busy for ${waitedMs} ms`);
    this.name = 'StoreBusyError';
  }
}

export interface Store {
  close(): Promise<void>;

  /** The scope's settings, or undefined if it was never seen (a read: never writes). */
  scope(id: string): Promise<Scope | undefined>;
  /** The scope's settings, creating it with `defaults` on first sight. */
  ensureScope(id: string, defaults: Pick<Scope, 'timezone' | 'language'>): Promise<Scope>;
  updateScope(id: string, patch: ScopeSettings): Promise<Scope>;
  scopesWithQuizChannel(): Promise<Scope[]>;

  /** A member of the scope by the store's own id, or undefined if there is none. */
  memberById(scopeId: string, memberId: number): Promise<Member | undefined>;
  /** A member's id by platform user id, or undefined if they never took part. */
  memberId(scopeId: string, userId: string): Promise<number | undefined>;
  /** A member by platform id or display name (case-insensitive), the id winning a tie. */
  findMember(scopeId: string, query: string): Promise<Member | undefined>;
  /** The member's id in the scope, creating it or updating its display name. */
  ensureMember(scopeId: string, userId: string, displayName: string): Promise<number>;

  /** Inserts an open round; undefined when the channel already has one (the unique index decides). */
  insertRound(round: NewRound): Promise<Round | undefined>;
  round(id: number): Promise<Round | undefined>;
  openRoundIn(scopeId: string, channelId: string): Promise<Round | undefined>;
  openRounds(): Promise<Round[]>;
  /** Rounds closed but whose reveal was never posted (the process stopped in between). */
  unrevealedRounds(): Promise<Round[]>;
  /**
   * Closes the round if still open and, in the same transaction, gives the first correct answer
   * its bonus when enough people answered, and the round's lease to `lease` (whoever closes a
   * round reveals it); false if someone else closed it first.
   */
  closeRound(id: number, now: number, reason: CloseReason, bonus: CloseBonus, lease: Lease): Promise<boolean>;
  /**
   * The rounds not yet revealed that `lease.owner` holds after this call: its own leases renewed
   * to `lease.until`, and the rounds whose lease ran out (their process stopped) taken over.
   */
  claimRounds(lease: Lease, now: number, deadOwners?: readonly string[]): Promise<Round[]>;
  /** Who holds leases on rounds not yet revealed (to tell which of them are known to be dead). */
  leaseOwners(): Promise<string[]>;
  /** Lets go of an owner's leases at once (a clean stop), so another process takes them over. */
  releaseRounds(owner: string): Promise<void>;
  markRevealed(id: number, now: number): Promise<void>;
  setMessageRef(id: number, ref: string): Promise<void>;
  /** The last `limit` questions asked in the scope: their keys and answers. */
  recentQuestions(scopeId: string, limit: number): Promise<RecentQuestions>;
  /**
   * Checks the round is still open and the member has not answered, decides whether this correct
   * answer is the first and whether it scores (practice round, daily cap), and records it with
   * its points on every board: one transaction.
   */
  recordAnswer(a: AnswerInput): Promise<RecordResult>;
  roundAnswers(roundId: number): Promise<RoundAnswer[]>;
  /** Moves an open round's deadline; false if it is already closed. */
  setDeadline(roundId: number, closesAt: number): Promise<boolean>;

  /** One page of a board, ranked by points then correct answers; ties share a rank (1, 2, 2, 4). */
  board(scopeId: string, board: string, offset: number, limit: number): Promise<BoardRow[]>;
  /**
   * What /leaderboard shows, read together (one statement on a server engine): the board's size,
   * one page of it, and the asker's own row when they have one.
   */
  boardView(scopeId: string, board: string, page: { readonly offset: number; readonly limit: number }, userId?: string): Promise<BoardView>;
  boardSize(scopeId: string, board: string): Promise<number>;
  /** The member's own row on a board, with its rank; undefined if they have no score there. */
  boardRowOf(scopeId: string, board: string, memberId: number): Promise<BoardRow | undefined>;

  addSchedule(s: NewSchedule): Promise<Schedule>;
  schedules(scopeId: string): Promise<Schedule[]>;
  activeSchedules(): Promise<Schedule[]>;
  /** Removes a schedule of this scope (its runs stay as history); false if there is none. */
  removeSchedule(id: number, scopeId: string, now: number): Promise<boolean>;
  /** Claims a scheduled occurrence; false if it was already run or skipped (never twice). */
  claimRun(scheduleId: number, slot: number, status: 'running' | 'skipped', startedAt: number): Promise<boolean>;
  run(scheduleId: number, slot: number): Promise<ScheduleRun | undefined>;
  runningRuns(): Promise<ScheduleRun[]>;
  /** Claims the run's next question (number `posted`); false if another claim got there first. */
  claimQuestion(run: ScheduleRun, total: number): Promise<boolean>;
  /** Re-bases a run that resumes late, so its remaining questions keep their spacing. */
  restartRun(run: ScheduleRun, startedAt: number): Promise<void>;
  /** Claims the posting of a week's final standings; false if they were posted already. */
  claimStandings(scopeId: string, week: string, channelId: string, now: number): Promise<boolean>;
  standingsPosted(scopeId: string, week: string): Promise<boolean>;

  currentSeason(scopeId: string): Promise<Season | undefined>;
  seasons(scopeId: string): Promise<Season[]>;
  seasonByName(scopeId: string, name: string): Promise<Season | undefined>;
  /** Ends the current season (archived, its board kept) and starts `name`; undefined if the name is taken. */
  startSeason(scopeId: string, name: string, now: number): Promise<Season | undefined>;
  /** Takes a member off every board of the scope; their answers stay (at 0 points) for their own stats. */
  removeScores(scopeId: string, memberId: number): Promise<number>;

  /**
   * Remembers a key (a signed request's signature and timestamp) until `expiresAt`; true the first
   * time it is seen, false when it was seen before and has not expired.
   */
  firstSighting(key: string, expiresAt: number, now: number): Promise<boolean>;

  /**
   * Records a practice answer and, in the same transaction, the reviews it makes (each card's new
   * state and its log) and clears the member's pending practice question if it was this one;
   * false (nothing written) if this member already answered this practice question.
   */
  recordPractice(p: PracticeInput, reviews: readonly CardReview[]): Promise<boolean>;
  /** Every answer of a member, rounds and practice, oldest first. */
  history(memberId: number): Promise<HistoryItem[]>;
  topicStats(memberId: number): Promise<TopicStat[]>;
  /** A member's points on their latest weekly boards, oldest first: `[{ week: '2026-W48', points }]`. */
  weeklyPoints(scopeId: string, memberId: number, limit: number): Promise<Array<{ week: string; points: number }>>;
  /** How many of a member's last `limit` answers (rounds and practice) were right. */
  recentAccuracy(memberId: number, limit: number): Promise<Accuracy>;
  /** How many of the last `limit` answers given in a channel's rounds were right. */
  channelAccuracy(scopeId: string, channelId: string, limit: number): Promise<Accuracy>;

  /**
   * The key web links are signed with: `candidate` is kept the first time it is asked for, and
   * the kept one returned ever after (every process signs with the same key).
   */
  webSecret(candidate: string): Promise<string>;
  /** A page of the scope's rounds opened in `range`, newest first, with their tallies. */
  roundStats(scopeId: string, range: TimeRange, offset: number, limit: number): Promise<RoundStat[]>;
  /** How many rounds the scope opened in `range`. */
  roundCount(scopeId: string, range: TimeRange): Promise<number>;
  /** When the scope's first round opened; undefined before any. */
  firstRoundAt(scopeId: string): Promise<number | undefined>;
  /** The class's answers per topic on a board ('all', 'season:<id>'), rounds and practice alike. */
  classTopics(scopeId: string, board: string): Promise<TopicStat[]>;
  /** Which of `boards` anyone in the scope has a score on, in the order given (the weeks a class played). */
  activeBoards(scopeId: string, boards: readonly string[]): Promise<string[]>;
  /** The rows of `members` on `boards`: a page of the student × week matrix. */
  boardCells(scopeId: string, boards: readonly string[], members: readonly number[]): Promise<BoardCell[]>;
  /** The next `limit` answers given in the scope's rounds opened in `range`, in (round, member) order after `after`. */
  answersPage(scopeId: string, range: TimeRange, after: AnswerCursor | null, limit: number): Promise<ExportedAnswer[]>;

  /** Adds questions to a scope's sets, all of them or (on a failure) none: one transaction. */
  addQuestions(questions: readonly NewQuestion[]): Promise<StoredQuestion[]>;
  /** A scope's questions, oldest first: one set's, or every set's. */
  questions(scopeId: string, set?: string): Promise<StoredQuestion[]>;
  /** Removes a question of this scope (rounds that asked it keep it); false if there is none. */
  removeQuestion(scopeId: string, id: number, now: number): Promise<boolean>;

  /** A member's cards, soonest due first. */
  cards(memberId: number): Promise<Card[]>;
  /** Saves reviews outside practice (a mistake made in a round): each card's new state and its log, one transaction. */
  review(memberId: number, reviews: readonly CardReview[]): Promise<void>;
  /** A member's review history, oldest first (what FSRS's optimizer fits the parameters to). */
  reviewLogs(memberId: number): Promise<ReviewLog[]>;
  /** Remembers the practice question just given to a member (replacing any earlier one). */
  setPendingPractice(p: PendingPractice): Promise<void>;
  pendingPractice(memberId: number): Promise<PendingPractice | undefined>;
}
