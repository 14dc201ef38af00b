/**
 * The only place that speaks SQL. Every method is one statement or one transaction; the quiz
 * decides what is right, the store records it atomically.
 */
import type { Lang } from '../i18n/messages.js';
import type { CloseReason, Level, Topic } from '../quiz/types.js';
import { openDatabase, type Db } from './db.js';

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
}

export type ScopeSettings = Partial<Pick<Scope, 'timezone' | 'language' | 'quizChannel' | 'levels' | 'topics' | 'roundSeconds'>>;

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
}

export type NewSchedule = Omit<Schedule, 'id'>;

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
  readonly level: Level;
  readonly topic: Topic;
  readonly value: bigint;
  readonly correct: boolean;
  readonly answeredAt: number;
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
}

export type NewRound = Omit<Round, 'id' | 'closedAt' | 'closeReason' | 'revealedAt' | 'messageRef'>;

export interface AnswerInput {
  readonly roundId: number;
  /** The answering member, created (or renamed) in the same transaction as the answer. */
  readonly member: { readonly userId: string; readonly name: string };
  readonly value: bigint;
  readonly correct: boolean;
  readonly mistake: string | null;
  /** Points for a correct answer, and the bonus if it turns out to be the first. */
  readonly points: number;
  readonly firstBonus: number;
  readonly now: number;
  /** The boards this answer counts on: 'all', 'week:2026-W48', ... */
  readonly boards: readonly string[];
}

export type RecordResult =
  | { readonly status: 'recorded'; readonly correct: boolean; readonly first: boolean; readonly points: number }
  | { readonly status: 'duplicate'; readonly previous: bigint }
  | { readonly status: 'closed' }
  | { readonly status: 'missing' };

export interface RoundAnswer {
  readonly memberId: number;
  readonly userId: string;
  readonly name: string;
  readonly value: bigint;
  readonly correct: boolean;
  readonly first: boolean;
  readonly mistake: string | null;
  readonly points: number;
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

export interface TopicStat {
  readonly topic: Topic;
  readonly answered: number;
  readonly correct: number;
}

interface RoundRecord {
  id: number;
  scope_id: string;
  channel_id: string;
  seed: number;
  generator: number;
  level: Level;
  topic: Topic;
  question_key: string;
  answer: string;
  lang: Lang;
  opened_by: number | null;
  opened_at: number;
  closes_at: number;
  closed_at: number | null;
  close_reason: CloseReason | null;
  revealed_at: number | null;
  message_ref: string | null;
}

const toRound = (r: RoundRecord): Round => ({
  id: r.id,
  scopeId: r.scope_id,
  channelId: r.channel_id,
  seed: r.seed,
  generator: r.generator,
  level: r.level,
  topic: r.topic,
  questionKey: r.question_key,
  answer: BigInt(r.answer),
  lang: r.lang,
  openedBy: r.opened_by,
  openedAt: r.opened_at,
  closesAt: r.closes_at,
  closedAt: r.closed_at,
  closeReason: r.close_reason,
  revealedAt: r.revealed_at,
  messageRef: r.message_ref,
});

/** Every statement, prepared once per connection. */
function prepare(db: Db) {
  const p = (sql: string) => db.prepare(sql);
  return {
    scope: p('SELECT id, timezone, language, quiz_channel, levels, topics, round_seconds FROM scopes WHERE id = ?'),
    updateScope: p(`UPDATE scopes SET timezone = @timezone, language = @language, quiz_channel = @quizChannel,
                    levels = @levels, topics = @topics, round_seconds = @roundSeconds WHERE id = @id`),
    scopesWithChannel: p('SELECT id, timezone, language, quiz_channel, levels, topics, round_seconds FROM scopes WHERE quiz_channel IS NOT NULL'),
    findMember: p(`SELECT id, user_id, display_name FROM members WHERE scope_id = ? AND (user_id = ? OR lower(display_name) = lower(?))
                   ORDER BY user_id = ? DESC LIMIT 1`),
    deadline: p('UPDATE rounds SET closes_at = ? WHERE id = ? AND closed_at IS NULL'),
    insertSchedule: p(`INSERT INTO schedules (scope_id, channel_id, weekday, time, timezone, questions, spacing_min, level, topics, missed, created_at)
                       VALUES (@scopeId, @channelId, @weekday, @time, @timezone, @questions, @spacingMinutes, @level, @topics, @missed, @createdAt)`),
    schedule: p('SELECT * FROM schedules WHERE id = ?'),
    schedules: p('SELECT * FROM schedules WHERE scope_id = ? AND removed_at IS NULL ORDER BY id'),
    activeSchedules: p('SELECT * FROM schedules WHERE removed_at IS NULL ORDER BY id'),
    removeSchedule: p('UPDATE schedules SET removed_at = ? WHERE id = ? AND scope_id = ? AND removed_at IS NULL'),
    claimRun: p('INSERT INTO schedule_runs (schedule_id, slot, status, posted, started_at) VALUES (?, ?, ?, 0, ?) ON CONFLICT DO NOTHING'),
    run: p('SELECT * FROM schedule_runs WHERE schedule_id = ? AND slot = ?'),
    runningRuns: p("SELECT * FROM schedule_runs WHERE status = 'running' ORDER BY started_at"),
    lastRun: p('SELECT * FROM schedule_runs WHERE schedule_id = ? ORDER BY slot DESC LIMIT 1'),
    claimQuestion: p("UPDATE schedule_runs SET posted = posted + 1, status = CASE WHEN posted + 1 >= ? THEN 'done' ELSE status END WHERE schedule_id = ? AND slot = ? AND posted = ? AND status = 'running'"),
    restartRun: p('UPDATE schedule_runs SET started_at = ? WHERE schedule_id = ? AND slot = ?'),
    claimStandings: p('INSERT INTO standings_posts (scope_id, week, channel_id, posted_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING'),
    standingsPosted: p('SELECT 1 FROM standings_posts WHERE scope_id = ? AND week = ?'),
    currentSeason: p('SELECT * FROM seasons WHERE scope_id = ? AND ended_at IS NULL'),
    seasons: p('SELECT * FROM seasons WHERE scope_id = ? ORDER BY started_at, id'),
    seasonByName: p('SELECT * FROM seasons WHERE scope_id = ? AND lower(name) = lower(?)'),
    endSeason: p('UPDATE seasons SET ended_at = ? WHERE scope_id = ? AND ended_at IS NULL'),
    insertSeason: p('INSERT INTO seasons (scope_id, name, started_at) VALUES (?, ?, ?)'),
    removeScores: p('DELETE FROM scores WHERE scope_id = ? AND member_id = ?'),
    zeroPoints: p('UPDATE answers SET points = 0 WHERE member_id = ?'),
    insertPractice: p(`INSERT INTO practice (member_id, seed, generator, level, topic, value, correct, mistake, answered_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    history: p(`SELECT 'round' AS source, r.seed, r.level, r.topic, a.value, a.correct, a.answered_at FROM answers a JOIN rounds r ON r.id = a.round_id WHERE a.member_id = ?
                UNION ALL
                SELECT 'practice', seed, level, topic, value, correct, answered_at FROM practice WHERE member_id = ?
                ORDER BY answered_at, 1`),
    // The range on board keeps to the primary key: one scope's weekly boards, then one member's rows.
    weeklyPoints: p(`SELECT board, points FROM scores WHERE scope_id = ? AND board >= 'week:' AND board < 'week;' AND member_id = ? ORDER BY board DESC LIMIT ?`),
    insertScope: p('INSERT INTO scopes (id, timezone, language, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING'),
    member: p('SELECT id, display_name FROM members WHERE scope_id = ? AND user_id = ?'),
    insertMember: p('INSERT INTO members (scope_id, user_id, display_name) VALUES (?, ?, ?)'),
    renameMember: p('UPDATE members SET display_name = ? WHERE id = ?'),
    insertRound: p(`INSERT INTO rounds (scope_id, channel_id, seed, generator, level, topic, question_key, answer, lang, opened_by, opened_at, closes_at)
                    VALUES (@scopeId, @channelId, @seed, @generator, @level, @topic, @questionKey, @answer, @lang, @openedBy, @openedAt, @closesAt)`),
    round: p('SELECT * FROM rounds WHERE id = ?'),
    openIn: p('SELECT * FROM rounds WHERE scope_id = ? AND channel_id = ? AND closed_at IS NULL'),
    open: p('SELECT * FROM rounds WHERE closed_at IS NULL ORDER BY closes_at'),
    unrevealed: p('SELECT * FROM rounds WHERE closed_at IS NOT NULL AND revealed_at IS NULL ORDER BY closed_at'),
    close: p('UPDATE rounds SET closed_at = ?, close_reason = ? WHERE id = ? AND closed_at IS NULL'),
    revealed: p('UPDATE rounds SET revealed_at = ? WHERE id = ?'),
    messageRef: p('UPDATE rounds SET message_ref = ? WHERE id = ?'),
    recentKeys: p('SELECT question_key FROM rounds WHERE scope_id = ? ORDER BY id DESC LIMIT ?'),
    previous: p('SELECT value FROM answers WHERE round_id = ? AND member_id = ?'),
    hasFirst: p('SELECT 1 FROM answers WHERE round_id = ? AND first = 1'),
    insertAnswer: p(`INSERT INTO answers (round_id, member_id, value, correct, first, mistake, points, answered_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    addScore: p(`INSERT INTO scores (scope_id, board, member_id, points, correct, answered) VALUES (?, ?, ?, ?, ?, 1)
                 ON CONFLICT (scope_id, board, member_id) DO UPDATE SET
                   points = points + excluded.points, correct = correct + excluded.correct, answered = answered + 1`),
    roundAnswers: p(`SELECT a.member_id, m.user_id, m.display_name, a.value, a.correct, a.first, a.mistake, a.points, a.answered_at
                   FROM answers a JOIN members m ON m.id = a.member_id WHERE a.round_id = ? ORDER BY a.id`),
    // The page is cut from the covering index first; only its rows are joined to members.
    board: p(`SELECT page.member_id, m.user_id, m.display_name, page.points, page.correct, page.answered
              FROM (SELECT member_id, points, correct, answered FROM scores
                    WHERE scope_id = ? AND board = ?
                    ORDER BY points DESC, correct DESC, member_id LIMIT ? OFFSET ?) AS page
              JOIN members m ON m.id = page.member_id
              ORDER BY page.points DESC, page.correct DESC, page.member_id`),
    boardSize: p('SELECT COUNT(*) FROM scores WHERE scope_id = ? AND board = ?'),
    // points >= ? bounds the index range scanned; the OR then drops the ties that are not ahead.
    ahead: p(`SELECT COUNT(*) FROM scores WHERE scope_id = ? AND board = ? AND points >= ? AND (points > ? OR correct > ?)`),
    mine: p(`SELECT s.member_id, m.user_id, m.display_name, s.points, s.correct, s.answered
             FROM scores s JOIN members m ON m.id = s.member_id WHERE s.scope_id = ? AND s.board = ? AND s.member_id = ?`),
    topicStats: p(`SELECT topic, COUNT(*) AS answered, SUM(correct) AS correct FROM (
                     SELECT r.topic, a.correct FROM answers a JOIN rounds r ON r.id = a.round_id WHERE a.member_id = ?
                     UNION ALL SELECT topic, correct FROM practice WHERE member_id = ?)
                   GROUP BY topic ORDER BY topic`),
  };
}
type Statements = ReturnType<typeof prepare>;

export class Store {
  readonly db: Db;
  private readonly q: Statements;

  constructor(path: string) {
    this.db = openDatabase(path);
    this.q = prepare(this.db);
  }


  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs `fn` in one transaction (nested calls become savepoints): for bulk loads in tests and benchmarks. */
  batch<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  ensureScope(id: string, defaults: Pick<Scope, 'timezone' | 'language'>): Scope {
    this.q.insertScope.run(id, defaults.timezone, defaults.language, Date.now());
    return toScope(this.q.scope.get(id) as ScopeRecord);
  }

  updateScope(id: string, patch: ScopeSettings): Scope {
    const current = toScope(this.q.scope.get(id) as ScopeRecord);
    const next = { ...current, ...patch };
    this.q.updateScope.run({ ...next, levels: next.levels.join(','), topics: next.topics.join(',') });
    return next;
  }

  scopesWithQuizChannel(): Scope[] {
    return (this.q.scopesWithChannel.all() as ScopeRecord[]).map(toScope);
  }

  /** A member's id by platform user id (an index lookup), or undefined if they never took part. */
  memberId(scopeId: string, userId: string): number | undefined {
    return (this.q.member.get(scopeId, userId) as { id: number } | undefined)?.id;
  }

  /** A member by platform id or display name (case-insensitive), the id winning a tie. */
  findMember(scopeId: string, query: string): { id: number; userId: string; name: string } | undefined {
    const r = this.q.findMember.get(scopeId, query, query, query) as { id: number; user_id: string; display_name: string } | undefined;
    return r && { id: r.id, userId: r.user_id, name: r.display_name };
  }

  /** The member's id in the scope, creating it or updating its display name. */
  ensureMember(scopeId: string, userId: string, displayName: string): number {
    const row = this.q.member.get(scopeId, userId) as { id: number; display_name: string } | undefined;
    if (row === undefined) return Number(this.q.insertMember.run(scopeId, userId, displayName).lastInsertRowid);
    if (row.display_name !== displayName) this.q.renameMember.run(displayName, row.id);
    return row.id;
  }

  /** Inserts an open round; undefined when the channel already has one (the unique index decides). */
  insertRound(round: NewRound): Round | undefined {
    try {
      const id = Number(this.q.insertRound.run({ ...round, answer: round.answer.toString() }).lastInsertRowid);
      return this.round(id);
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
      throw e;
    }
  }

  round(id: number): Round | undefined {
    const r = this.q.round.get(id) as RoundRecord | undefined;
    return r && toRound(r);
  }

  openRoundIn(scopeId: string, channelId: string): Round | undefined {
    const r = this.q.openIn.get(scopeId, channelId) as RoundRecord | undefined;
    return r && toRound(r);
  }

  openRounds(): Round[] {
    return (this.q.open.all() as RoundRecord[]).map(toRound);
  }

  /** Rounds closed but whose reveal was never posted (the process stopped in between). */
  unrevealedRounds(): Round[] {
    return (this.q.unrevealed.all() as RoundRecord[]).map(toRound);
  }

  /** Closes the round if still open; false if someone else closed it first. */
  closeRound(id: number, now: number, reason: CloseReason): boolean {
    return this.q.close.run(now, reason, id).changes === 1;
  }

  markRevealed(id: number, now: number): void {
    this.q.revealed.run(now, id);
  }

  setMessageRef(id: number, ref: string): void {
    this.q.messageRef.run(ref, id);
  }

  recentQuestionKeys(scopeId: string, limit: number): Set<string> {
    return new Set(this.q.recentKeys.pluck().all(scopeId, limit) as string[]);
  }

  /**
   * Checks the round is still open and the member has not answered, decides whether this correct
   * answer is the first, and records it with its points on every board: one IMMEDIATE transaction,
   * so one write to disk per answer.
   */
  recordAnswer(a: AnswerInput): RecordResult {
    return this.db
      .transaction((): RecordResult => {
        const round = this.q.round.get(a.roundId) as RoundRecord | undefined;
        if (round === undefined) return { status: 'missing' };
        if (round.closed_at !== null || a.now >= round.closes_at) return { status: 'closed' };
        const memberId = this.ensureMember(round.scope_id, a.member.userId, a.member.name);
        const previous = this.q.previous.pluck().get(a.roundId, memberId) as string | undefined;
        if (previous !== undefined) return { status: 'duplicate', previous: BigInt(previous) };
        const first = a.correct && this.q.hasFirst.get(a.roundId) === undefined;
        const points = a.correct ? a.points + (first ? a.firstBonus : 0) : 0;
        this.q.insertAnswer.run(a.roundId, memberId, a.value.toString(), a.correct ? 1 : 0, first ? 1 : 0, a.mistake, points, a.now);
        for (const board of a.boards) this.q.addScore.run(round.scope_id, board, memberId, points, a.correct ? 1 : 0);
        return { status: 'recorded', correct: a.correct, first, points };
      })
      .immediate();
  }

  roundAnswers(roundId: number): RoundAnswer[] {
    const rows = this.q.roundAnswers.all(roundId) as Array<{
      member_id: number;
      user_id: string;
      display_name: string;
      value: string;
      correct: number;
      first: number;
      mistake: string | null;
      points: number;
      answered_at: number;
    }>;
    return rows.map((r) => ({
      memberId: r.member_id,
      userId: r.user_id,
      name: r.display_name,
      value: BigInt(r.value),
      correct: r.correct === 1,
      first: r.first === 1,
      mistake: r.mistake,
      points: r.points,
      answeredAt: r.answered_at,
    }));
  }

  /**
   * One page of a board, ranked by points then correct answers; ties share a rank (1, 2, 2, 4).
   * In that order a row's rank is its position unless it ties the row before, so one count (for
   * the page's first row) ranks the whole page.
   */
  board(scopeId: string, board: string, offset: number, limit: number): BoardRow[] {
    const rows = this.q.board.all(scopeId, board, limit, offset) as BoardRecord[];
    const ranked: BoardRow[] = [];
    rows.forEach((r, i) => {
      const prev = ranked[i - 1];
      const rank = prev === undefined ? this.rankOf(scopeId, board, r.points, r.correct) : prev.points === r.points && prev.correct === r.correct ? prev.rank : offset + i + 1;
      ranked.push(toBoardRow(r, rank));
    });
    return ranked;
  }

  boardSize(scopeId: string, board: string): number {
    return this.q.boardSize.pluck().get(scopeId, board) as number;
  }

  /** The member's own row on a board, with its rank; undefined if they have no score there. */
  boardRowOf(scopeId: string, board: string, memberId: number): BoardRow | undefined {
    const r = this.q.mine.get(scopeId, board, memberId) as BoardRecord | undefined;
    return r && toBoardRow(r, this.rankOf(scopeId, board, r.points, r.correct));
  }

  private rankOf(scopeId: string, board: string, points: number, correct: number): number {
    return 1 + (this.q.ahead.pluck().get(scopeId, board, points, points, correct) as number);
  }

  /** Moves an open round's deadline; false if it is already closed. */
  setDeadline(roundId: number, closesAt: number): boolean {
    return this.q.deadline.run(closesAt, roundId).changes === 1;
  }

  addSchedule(s: NewSchedule): Schedule {
    const id = Number(this.q.insertSchedule.run({ ...s, topics: s.topics.join(',') }).lastInsertRowid);
    return toSchedule(this.q.schedule.get(id) as ScheduleRecord);
  }

  schedules(scopeId: string): Schedule[] {
    return (this.q.schedules.all(scopeId) as ScheduleRecord[]).map(toSchedule);
  }

  activeSchedules(): Schedule[] {
    return (this.q.activeSchedules.all() as ScheduleRecord[]).map(toSchedule);
  }

  /** Removes a schedule of this scope (its runs stay as history); false if there is none. */
  removeSchedule(id: number, scopeId: string, now: number): boolean {
    return this.q.removeSchedule.run(now, id, scopeId).changes === 1;
  }

  /** Claims a scheduled occurrence; false if it was already run or skipped (never twice). */
  claimRun(scheduleId: number, slot: number, status: 'running' | 'skipped', startedAt: number): boolean {
    return this.q.claimRun.run(scheduleId, slot, status, startedAt).changes === 1;
  }

  run(scheduleId: number, slot: number): ScheduleRun | undefined {
    const r = this.q.run.get(scheduleId, slot) as RunRecord | undefined;
    return r && toRun(r);
  }

  lastRun(scheduleId: number): ScheduleRun | undefined {
    const r = this.q.lastRun.get(scheduleId) as RunRecord | undefined;
    return r && toRun(r);
  }

  runningRuns(): ScheduleRun[] {
    return (this.q.runningRuns.all() as RunRecord[]).map(toRun);
  }

  /** Claims the run's next question (number `posted`); false if another claim got there first. */
  claimQuestion(run: ScheduleRun, total: number): boolean {
    return this.q.claimQuestion.run(total, run.scheduleId, run.slot, run.posted).changes === 1;
  }

  /** Re-bases a run that resumes late, so its remaining questions keep their spacing. */
  restartRun(run: ScheduleRun, startedAt: number): void {
    this.q.restartRun.run(startedAt, run.scheduleId, run.slot);
  }

  /** Claims the posting of a week's final standings; false if they were posted already. */
  claimStandings(scopeId: string, week: string, channelId: string, now: number): boolean {
    return this.q.claimStandings.run(scopeId, week, channelId, now).changes === 1;
  }

  standingsPosted(scopeId: string, week: string): boolean {
    return this.q.standingsPosted.get(scopeId, week) !== undefined;
  }

  currentSeason(scopeId: string): Season | undefined {
    const r = this.q.currentSeason.get(scopeId) as SeasonRecord | undefined;
    return r && toSeason(r);
  }

  seasons(scopeId: string): Season[] {
    return (this.q.seasons.all(scopeId) as SeasonRecord[]).map(toSeason);
  }

  seasonByName(scopeId: string, name: string): Season | undefined {
    const r = this.q.seasonByName.get(scopeId, name) as SeasonRecord | undefined;
    return r && toSeason(r);
  }

  /** Ends the current season (archived, its board kept) and starts `name`; undefined if the name is taken. */
  startSeason(scopeId: string, name: string, now: number): Season | undefined {
    return this.db
      .transaction(() => {
        if (this.q.seasonByName.get(scopeId, name) !== undefined) return undefined;
        this.q.endSeason.run(now, scopeId);
        const id = Number(this.q.insertSeason.run(scopeId, name, now).lastInsertRowid);
        return { id, scopeId, name, startedAt: now, endedAt: null };
      })
      .immediate();
  }

  /** Takes a member off every board of the scope; their answers stay (at 0 points) for their own stats. */
  removeScores(scopeId: string, memberId: number): number {
    return this.db
      .transaction(() => {
        const removed = this.q.removeScores.run(scopeId, memberId).changes;
        this.q.zeroPoints.run(memberId);
        return removed;
      })
      .immediate();
  }

  /** Records a practice answer; false if this member already answered this practice question. */
  recordPractice(p: { memberId: number; seed: number; generator: number; level: Level; topic: Topic; value: bigint; correct: boolean; mistake: string | null; now: number }): boolean {
    return this.q.insertPractice.run(p.memberId, p.seed, p.generator, p.level, p.topic, p.value.toString(), p.correct ? 1 : 0, p.mistake, p.now).changes === 1;
  }

  /** Every answer of a member, rounds and practice, oldest first. */
  history(memberId: number): HistoryItem[] {
    const rows = this.q.history.all(memberId, memberId) as Array<{ source: 'round' | 'practice'; seed: number; level: Level; topic: Topic; value: string; correct: number; answered_at: number }>;
    return rows.map((r) => ({ source: r.source, seed: r.seed, level: r.level, topic: r.topic, value: BigInt(r.value), correct: r.correct === 1, answeredAt: r.answered_at }));
  }

  /** A member's points on their latest weekly boards, oldest first: `[{ week: '2026-W48', points }]`. */
  weeklyPoints(scopeId: string, memberId: number, limit: number): Array<{ week: string; points: number }> {
    const rows = this.q.weeklyPoints.all(scopeId, memberId, limit) as Array<{ board: string; points: number }>;
    return rows.reverse().map((r) => ({ week: r.board.slice('week:'.length), points: r.points }));
  }

  topicStats(memberId: number): TopicStat[] {
    return this.q.topicStats.all(memberId, memberId) as TopicStat[];
  }
}

interface BoardRecord {
  member_id: number;
  user_id: string;
  display_name: string;
  points: number;
  correct: number;
  answered: number;
}

const toBoardRow = (r: BoardRecord, rank: number): BoardRow => ({
  rank,
  memberId: r.member_id,
  userId: r.user_id,
  name: r.display_name,
  points: r.points,
  correct: r.correct,
  answered: r.answered,
});

interface ScopeRecord {
  id: string;
  timezone: string;
  language: Lang;
  quiz_channel: string | null;
  levels: string;
  topics: string;
  round_seconds: number | null;
}

const list = <T extends string>(csv: string): T[] => (csv === '' ? [] : (csv.split(',') as T[]));

const toScope = (r: ScopeRecord): Scope => ({
  id: r.id,
  timezone: r.timezone,
  language: r.language,
  quizChannel: r.quiz_channel,
  levels: list<Level>(r.levels),
  topics: list<Topic>(r.topics),
  roundSeconds: r.round_seconds,
});

interface ScheduleRecord {
  id: number;
  scope_id: string;
  channel_id: string;
  weekday: number;
  time: string;
  timezone: string;
  questions: number;
  spacing_min: number;
  level: Level;
  topics: string;
  missed: 'late' | 'skip';
  created_at: number;
}

const toSchedule = (r: ScheduleRecord): Schedule => ({
  id: r.id,
  scopeId: r.scope_id,
  channelId: r.channel_id,
  weekday: r.weekday,
  time: r.time,
  timezone: r.timezone,
  questions: r.questions,
  spacingMinutes: r.spacing_min,
  level: r.level,
  topics: list<Topic>(r.topics),
  missed: r.missed,
  createdAt: r.created_at,
});

interface RunRecord {
  schedule_id: number;
  slot: number;
  status: ScheduleRun['status'];
  posted: number;
  started_at: number;
}

const toRun = (r: RunRecord): ScheduleRun => ({ scheduleId: r.schedule_id, slot: r.slot, status: r.status, posted: r.posted, startedAt: r.started_at });

interface SeasonRecord {
  id: number;
  scope_id: string;
  name: string;
  started_at: number;
  ended_at: number | null;
}

const toSeason = (r: SeasonRecord): Season => ({ id: r.id, scopeId: r.scope_id, name: r.name, startedAt: r.started_at, endedAt: r.ended_at });
