/**
 * The embedded store: one SQLite file (better-sqlite3). Statements are synchronous and short; the
 * file's write lock may be held by another process (a backup, the sqlite3 shell, a second bot),
 * so the connection never waits inside SQLite (busy_timeout = 0): a locked write is retried
 * asynchronously with backoff, leaving the event loop free, and after BUSY_BUDGET_MS the caller
 * gets StoreBusyError ("busy, try again") with nothing written. WAL lets reads go on meanwhile.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase, type Db } from './db.js';
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
  toTopicStat,
  toAccuracy,
  toCard,
  toPending,
  toReviewLog,
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
  type CardRecord,
  type PendingRecord,
  type ReviewLogRecord,
  type AnswerRecord,
  type BoardRecord,
  type HistoryRecord,
  type RoundRecord,
  type RunRecord,
  type ScheduleRecord,
  type ScopeRecord,
  type SeasonRecord,
  type TopicStatRecord,
} from './records.js';
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
  type Card,
  type CardReview,
  type PendingPractice,
  type RecentQuestions,
  type ReviewLog,
  type BoardRow,
  type BoardView,
  type CloseBonus,
  type HistoryItem,
  type Lease,
  type Member,
  type NewRound,
  type NewSchedule,
  type PracticeInput,
  type RecordResult,
  type Round,
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
import type { CloseReason } from '../quiz/types.js';
import { encodeAsk } from '../quiz/ask.js';

/** How long a request may wait for another process's write lock before the asker is told "busy". */
export const BUSY_BUDGET_MS = 2_000;

const isBusy = (e: unknown): boolean => {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
};

/** Every statement, prepared once per connection. */
function prepare(db: Db) {
  const p = (sql: string) => db.prepare(sql);
  const SCOPE = 'SELECT id, timezone, language, quiz_channel, levels, topics, round_seconds, scoring, daily_cap, public_board FROM scopes';
  return {
    scope: p(`${SCOPE} WHERE id = ?`),
    insertScope: p('INSERT INTO scopes (id, timezone, language, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING'),
    updateScope: p(`UPDATE scopes SET timezone = @timezone, language = @language, quiz_channel = @quizChannel, levels = @levels,
                    topics = @topics, round_seconds = @roundSeconds, scoring = @scoring, daily_cap = @dailyCap, public_board = @publicBoard WHERE id = @id`),
    scopesWithChannel: p(`${SCOPE} WHERE quiz_channel IS NOT NULL`),
    member: p('SELECT id, display_name FROM members WHERE scope_id = ? AND user_id = ?'),
    memberById: p('SELECT id, user_id, display_name FROM members WHERE scope_id = ? AND id = ?'),
    insertMember: p('INSERT INTO members (scope_id, user_id, display_name) VALUES (?, ?, ?)'),
    renameMember: p('UPDATE members SET display_name = ? WHERE id = ?'),
    findMember: p(`SELECT id, user_id, display_name FROM members WHERE scope_id = ? AND (user_id = ? OR lower(display_name) = lower(?))
                   ORDER BY user_id = ? DESC LIMIT 1`),
    insertRound: p(`INSERT INTO rounds (scope_id, channel_id, seed, generator, level, topic, question_key, answer, lang, opened_by, opened_at, closes_at, scoring, lease_owner, lease_until, custom)
                    VALUES (@scopeId, @channelId, @seed, @generator, @level, @topic, @questionKey, @answer, @lang, @openedBy, @openedAt, @closesAt, @scoring, @leaseOwner, @leaseUntil, @custom)`),
    round: p('SELECT * FROM rounds WHERE id = ?'),
    openIn: p('SELECT * FROM rounds WHERE scope_id = ? AND channel_id = ? AND closed_at IS NULL'),
    open: p('SELECT * FROM rounds WHERE closed_at IS NULL ORDER BY closes_at'),
    unrevealed: p('SELECT * FROM rounds WHERE closed_at IS NOT NULL AND revealed_at IS NULL ORDER BY closed_at'),
    close: p('UPDATE rounds SET closed_at = ?, close_reason = ?, lease_owner = ?, lease_until = ? WHERE id = ? AND closed_at IS NULL'),
    claimRounds: p(`UPDATE rounds SET lease_owner = @owner, lease_until = @until
                    WHERE revealed_at IS NULL AND (lease_owner = @owner OR lease_owner IS NULL OR lease_until < @now
                      OR lease_owner IN (SELECT value FROM json_each(@dead))) RETURNING *`),
    leaseOwners: p('SELECT DISTINCT lease_owner FROM rounds WHERE revealed_at IS NULL AND lease_owner IS NOT NULL'),
    releaseRounds: p('UPDATE rounds SET lease_until = 0 WHERE lease_owner = ? AND revealed_at IS NULL'),
    forgetSeen: p('DELETE FROM seen_requests WHERE expires_at < ?'),
    see: p('INSERT INTO seen_requests (key, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    answerCount: p('SELECT COUNT(*) FROM answers WHERE round_id = ?'),
    scoredFirst: p('SELECT id, member_id, answered_at FROM answers WHERE round_id = ? AND first = 1 AND scored = 1'),
    giveBonus: p('UPDATE answers SET bonus = ?, points = points + ? WHERE id = ?'),
    addBonusToBoard: p('UPDATE scores SET points = points + ? WHERE scope_id = ? AND board = ? AND member_id = ?'),
    revealed: p('UPDATE rounds SET revealed_at = ? WHERE id = ?'),
    messageRef: p('UPDATE rounds SET message_ref = ? WHERE id = ?'),
    deadline: p('UPDATE rounds SET closes_at = ? WHERE id = ? AND closed_at IS NULL'),
    recent: p('SELECT question_key, answer FROM rounds WHERE scope_id = ? ORDER BY id DESC LIMIT ?'),
    previous: p('SELECT value FROM answers WHERE round_id = ? AND member_id = ?'),
    hasFirst: p('SELECT 1 FROM answers WHERE round_id = ? AND first = 1'),
    cappedToday: p('SELECT COUNT(*) FROM answers WHERE member_id = ? AND capped = 1 AND answered_at >= ? AND answered_at < ?'),
    insertAnswer: p(`INSERT INTO answers (round_id, member_id, value, correct, first, mistake, points, scored, capped, answered_at)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    tallyRound: p('UPDATE rounds SET answered = answered + 1, correct = correct + ? WHERE id = ?'),
    tallyMistake: p('INSERT INTO round_mistakes (round_id, mistake, answers) VALUES (?, ?, 1) ON CONFLICT (round_id, mistake) DO UPDATE SET answers = answers + 1'),
    tallyTopic: p(`INSERT INTO class_topics (scope_id, board, topic, answered, correct) VALUES (?, ?, ?, 1, ?)
                   ON CONFLICT (scope_id, board, topic) DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct`),
    tallyMemberTopic: p(`INSERT INTO class_topics (scope_id, board, topic, answered, correct) SELECT scope_id, ?, ?, 1, ? FROM members WHERE id = ?
                         ON CONFLICT (scope_id, board, topic) DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct`),
    addScore: p(`INSERT INTO scores (scope_id, board, member_id, points, correct, answered) VALUES (?, ?, ?, ?, ?, 1)
                 ON CONFLICT (scope_id, board, member_id) DO UPDATE SET
                   points = points + excluded.points, correct = correct + excluded.correct, answered = answered + 1`),
    roundAnswers: p(`SELECT a.member_id, m.user_id, m.display_name, a.value, a.correct, a.first, a.mistake, a.points, a.bonus, a.scored, a.answered_at
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
    mineByUser: p(`SELECT s.member_id, m.user_id, m.display_name, s.points, s.correct, s.answered
                   FROM members m JOIN scores s ON s.scope_id = m.scope_id AND s.board = ? AND s.member_id = m.id
                   WHERE m.scope_id = ? AND m.user_id = ?`),
    // The rows before a page's first row in its tie group (the index orders ties by member id).
    tiedBefore: p(`SELECT COUNT(*) FROM scores WHERE scope_id = ? AND board = ? AND points = ? AND correct = ? AND member_id < ?`),
    insertSchedule: p(`INSERT INTO schedules (scope_id, channel_id, weekday, time, timezone, questions, spacing_min, level, topics, missed, created_at, question_set)
                       VALUES (@scopeId, @channelId, @weekday, @time, @timezone, @questions, @spacingMinutes, @level, @topics, @missed, @createdAt, @questionSet)`),
    schedule: p('SELECT * FROM schedules WHERE id = ?'),
    schedules: p('SELECT * FROM schedules WHERE scope_id = ? AND removed_at IS NULL ORDER BY id'),
    activeSchedules: p('SELECT * FROM schedules WHERE removed_at IS NULL ORDER BY id'),
    removeSchedule: p('UPDATE schedules SET removed_at = ? WHERE id = ? AND scope_id = ? AND removed_at IS NULL'),
    claimRun: p('INSERT INTO schedule_runs (schedule_id, slot, status, posted, started_at) VALUES (?, ?, ?, 0, ?) ON CONFLICT DO NOTHING'),
    run: p('SELECT * FROM schedule_runs WHERE schedule_id = ? AND slot = ?'),
    runningRuns: p("SELECT * FROM schedule_runs WHERE status = 'running' ORDER BY started_at"),
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
    zeroPoints: p('UPDATE answers SET points = 0, bonus = 0 WHERE member_id = ?'),
    insertPractice: p(`INSERT INTO practice (member_id, seed, generator, level, topic, value, correct, mistake, answered_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`),
    history: p(`SELECT 'round' AS source, r.seed, r.generator, r.level, r.topic, a.value, a.correct, a.answered_at, r.custom FROM answers a JOIN rounds r ON r.id = a.round_id WHERE a.member_id = ?
                UNION ALL
                SELECT 'practice', seed, generator, level, topic, value, correct, answered_at, NULL FROM practice WHERE member_id = ?
                ORDER BY answered_at, 1`),
    // The range on board keeps to the primary key: one scope's weekly boards, then one member's rows.
    weeklyPoints: p(`SELECT board, points FROM scores WHERE scope_id = ? AND board >= 'week:' AND board < 'week;' AND member_id = ? ORDER BY board DESC LIMIT ?`),
    topicStats: p(`SELECT topic, COUNT(*) AS answered, SUM(correct) AS correct FROM (
                     SELECT r.topic, a.correct FROM answers a JOIN rounds r ON r.id = a.round_id WHERE a.member_id = ?
                     UNION ALL SELECT topic, correct FROM practice WHERE member_id = ?)
                   GROUP BY topic ORDER BY topic`),
    recentAccuracy: p(`SELECT COUNT(*) AS answered, COALESCE(SUM(correct), 0) AS correct FROM (
                         SELECT correct, answered_at FROM answers WHERE member_id = ?
                         UNION ALL SELECT correct, answered_at FROM practice WHERE member_id = ?
                         ORDER BY answered_at DESC LIMIT ?) AS latest`),
    channelAccuracy: p(`SELECT COUNT(*) AS answered, COALESCE(SUM(correct), 0) AS correct FROM (
                          SELECT a.correct FROM answers a JOIN rounds r ON r.id = a.round_id
                          WHERE r.scope_id = ? AND r.channel_id = ? ORDER BY a.id DESC LIMIT ?) AS latest`),
    cards: p('SELECT * FROM cards WHERE member_id = ? ORDER BY due, id'),
    upsertCard: p(`INSERT INTO cards (member_id, topic, family, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state, last_review)
                   VALUES (@memberId, @topic, @family, @due, @stability, @difficulty, @elapsedDays, @scheduledDays, @learningSteps, @reps, @lapses, @state, @lastReview)
                   ON CONFLICT (member_id, topic, family) DO UPDATE SET due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
                     elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days, learning_steps = excluded.learning_steps,
                     reps = excluded.reps, lapses = excluded.lapses, state = excluded.state, last_review = excluded.last_review
                   RETURNING id`),
    insertLog: p(`INSERT INTO review_logs (card_id, rating, state, due, stability, difficulty, elapsed_days, last_elapsed_days, scheduled_days, learning_steps, reviewed_at, duration_ms, correct, source)
                  VALUES (@cardId, @rating, @state, @due, @stability, @difficulty, @elapsedDays, @lastElapsedDays, @scheduledDays, @learningSteps, @reviewedAt, @durationMs, @correct, @source)`),
    reviewLogs: p('SELECT l.* FROM review_logs l JOIN cards c ON c.id = l.card_id WHERE c.member_id = ? ORDER BY l.id'),
    setPending: p(`INSERT INTO practice_pending (member_id, seed, generator, level, topic, family, channel_id, issued_at)
                   VALUES (@memberId, @seed, @generator, @level, @topic, @family, @channelId, @issuedAt)
                   ON CONFLICT (member_id) DO UPDATE SET seed = excluded.seed, generator = excluded.generator, level = excluded.level, topic = excluded.topic,
                     family = excluded.family, channel_id = excluded.channel_id, issued_at = excluded.issued_at`),
    pending: p('SELECT * FROM practice_pending WHERE member_id = ?'),
    clearPending: p('DELETE FROM practice_pending WHERE member_id = ? AND seed = ? AND level = ? AND topic = ?'),
    keepSecret: p('INSERT INTO web_secret (id, secret, created_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING'),
    secret: p('SELECT secret FROM web_secret WHERE id = 1'),
    // The range on (scope_id, opened_at) is rounds_by_scope_opened, read backwards.
    roundsIn: p('SELECT * FROM rounds WHERE scope_id = ? AND opened_at >= ? AND opened_at < ? ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?'),
    roundCount: p('SELECT COUNT(*) FROM rounds WHERE scope_id = ? AND opened_at >= ? AND opened_at < ?'),
    firstRound: p('SELECT MIN(opened_at) FROM rounds WHERE scope_id = ?'),
    roundMistakes: p('SELECT round_id, mistake, answers FROM round_mistakes WHERE round_id IN (SELECT value FROM json_each(?))'),
    classTopics: p('SELECT topic, answered, correct FROM class_topics WHERE scope_id = ? AND board = ? ORDER BY topic'),
    activeBoards: p('SELECT j.value FROM json_each(?) j WHERE EXISTS (SELECT 1 FROM scores s WHERE s.scope_id = ? AND s.board = j.value) ORDER BY j.key'),
    // One primary-key look-up per (board, member): CROSS JOIN keeps the two short lists outermost
    // (with IN lists the planner walks each board's every member instead).
    boardCells: p(`SELECT s.member_id, s.board, s.points, s.correct, s.answered
                   FROM json_each(@boards) b CROSS JOIN json_each(@members) m
                   JOIN scores s ON s.scope_id = @scopeId AND s.board = b.value AND s.member_id = m.value`),
    // Rounds in id order, each one's answers in member order: the unique (round_id, member_id) index, page after page.
    answersPage: p(`SELECT a.round_id, a.member_id, m.user_id, m.display_name, r.topic, r.level, a.value, r.answer, a.correct, a.first, a.mistake, a.points, a.scored, a.answered_at
                    FROM rounds r JOIN answers a ON a.round_id = r.id JOIN members m ON m.id = a.member_id
                    WHERE r.scope_id = @scope AND r.opened_at >= @from AND r.opened_at < @to AND r.id >= @round AND (r.id > @round OR a.member_id > @member)
                    ORDER BY r.id, a.member_id LIMIT @limit`),
    insertQuestion: p(`INSERT INTO questions (scope_id, set_name, spec, ask, level, wording, created_by, created_at)
                       VALUES (@scopeId, @set, @spec, @ask, @level, @wording, @createdBy, @createdAt) RETURNING *`),
    questions: p('SELECT * FROM questions WHERE scope_id = ? AND removed_at IS NULL ORDER BY id'),
    questionsOf: p('SELECT * FROM questions WHERE scope_id = ? AND set_name = ? AND removed_at IS NULL ORDER BY id'),
    removeQuestion: p('UPDATE questions SET removed_at = ? WHERE id = ? AND scope_id = ? AND removed_at IS NULL'),
  };
}
type Statements = ReturnType<typeof prepare>;

export class SqliteStore implements Store {
  readonly db: Db;
  private readonly q: Statements;

  constructor(
    path: string,
    private readonly busyBudgetMs = BUSY_BUDGET_MS,
  ) {
    this.db = openDatabase(path);
    this.q = prepare(this.db);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  /**
   * Runs one statement or transaction; while another connection holds the write lock, tries
   * again after a short, growing, jittered wait, and gives up with StoreBusyError past the budget.
   */
  private async op<T>(fn: () => T): Promise<T> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return fn();
      } catch (e) {
        if (!isBusy(e)) throw e;
        const waited = Date.now() - started;
        const wait = Math.min(2 ** attempt, 50) + Math.random() * 5;
        if (waited + wait > this.busyBudgetMs) throw new StoreBusyError(waited);
        await sleep(wait);
      }
    }
  }

  /** An IMMEDIATE transaction: takes the write lock at BEGIN, so it never fails half-way for it. */
  private write<T>(fn: () => T): Promise<T> {
    return this.op(() => this.db.transaction(fn).immediate());
  }

  /**
   * Runs `fn` in one transaction, for bulk loads in tests and benchmarks (SQLite only): the store's
   * own transactions inside become savepoints. Nothing else may use this connection meanwhile.
   */
  async batch<T>(fn: () => Promise<T>): Promise<T> {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn();
      this.db.exec('COMMIT');
      return result;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw e;
    }
  }

  scope(id: string): Promise<Scope | undefined> {
    return this.op(() => {
      const r = this.q.scope.get(id) as ScopeRecord | undefined;
      return r && toScope(r);
    });
  }

  async ensureScope(id: string, defaults: Pick<Scope, 'timezone' | 'language'>): Promise<Scope> {
    // Read first: a scope is created once, and a read goes on while another process writes.
    return (await this.scope(id)) ?? this.op(() => {
      this.q.insertScope.run(id, defaults.timezone, defaults.language, Date.now());
      return toScope(this.q.scope.get(id) as ScopeRecord);
    });
  }

  updateScope(id: string, patch: ScopeSettings): Promise<Scope> {
    return this.write(() => {
      const next = { ...toScope(this.q.scope.get(id) as ScopeRecord), ...patch };
      this.q.updateScope.run(scopeColumns(next));
      return next;
    });
  }

  scopesWithQuizChannel(): Promise<Scope[]> {
    return this.op(() => (this.q.scopesWithChannel.all() as ScopeRecord[]).map(toScope));
  }

  memberById(scopeId: string, memberId: number): Promise<Member | undefined> {
    return this.op(() => {
      const r = this.q.memberById.get(scopeId, memberId) as { id: number; user_id: string; display_name: string } | undefined;
      return r && { id: r.id, userId: r.user_id, name: r.display_name };
    });
  }

  memberId(scopeId: string, userId: string): Promise<number | undefined> {
    return this.op(() => (this.q.member.get(scopeId, userId) as { id: number } | undefined)?.id);
  }

  findMember(scopeId: string, query: string): Promise<Member | undefined> {
    return this.op(() => {
      const r = this.q.findMember.get(scopeId, query, query, query) as { id: number; user_id: string; display_name: string } | undefined;
      return r && { id: r.id, userId: r.user_id, name: r.display_name };
    });
  }

  ensureMember(scopeId: string, userId: string, displayName: string): Promise<number> {
    return this.op(() => this.member(scopeId, userId, displayName));
  }

  /** Inside a transaction: the member's id, created or renamed as needed. */
  private member(scopeId: string, userId: string, displayName: string): number {
    const row = this.q.member.get(scopeId, userId) as { id: number; display_name: string } | undefined;
    if (row === undefined) return Number(this.q.insertMember.run(scopeId, userId, displayName).lastInsertRowid);
    if (row.display_name !== displayName) this.q.renameMember.run(displayName, row.id);
    return row.id;
  }

  insertRound(round: NewRound): Promise<Round | undefined> {
    return this.op(() => {
      try {
        const { lease, ...fields } = round;
        const id = Number(this.q.insertRound.run({ ...fields, answer: round.answer.toString(), leaseOwner: lease.owner, leaseUntil: lease.until, custom: round.custom ?? null }).lastInsertRowid);
        return toRound(this.q.round.get(id) as RoundRecord);
      } catch (e) {
        if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') return undefined;
        throw e;
      }
    });
  }

  round(id: number): Promise<Round | undefined> {
    return this.op(() => {
      const r = this.q.round.get(id) as RoundRecord | undefined;
      return r && toRound(r);
    });
  }

  openRoundIn(scopeId: string, channelId: string): Promise<Round | undefined> {
    return this.op(() => {
      const r = this.q.openIn.get(scopeId, channelId) as RoundRecord | undefined;
      return r && toRound(r);
    });
  }

  openRounds(): Promise<Round[]> {
    return this.op(() => (this.q.open.all() as RoundRecord[]).map(toRound));
  }

  unrevealedRounds(): Promise<Round[]> {
    return this.op(() => (this.q.unrevealed.all() as RoundRecord[]).map(toRound));
  }

  closeRound(id: number, now: number, reason: CloseReason, bonus: CloseBonus, lease: Lease): Promise<boolean> {
    return this.write(() => {
      if (this.q.close.run(now, reason, lease.owner, lease.until, id).changes !== 1) return false;
      const answered = this.q.answerCount.pluck().get(id) as number;
      const first = this.q.scoredFirst.get(id) as { id: number; member_id: number; answered_at: number } | undefined;
      if (first && bonus.points > 0 && answered >= bonus.minAnswers) {
        const { scope_id: scopeId } = this.q.round.get(id) as RoundRecord;
        this.q.giveBonus.run(bonus.points, bonus.points, first.id);
        for (const board of bonus.boards(first.answered_at)) this.q.addBonusToBoard.run(bonus.points, scopeId, board, first.member_id);
      }
      return true;
    });
  }

  claimRounds(lease: Lease, now: number, deadOwners: readonly string[] = []): Promise<Round[]> {
    return this.op(() => (this.q.claimRounds.all({ owner: lease.owner, until: lease.until, now, dead: JSON.stringify(deadOwners) }) as RoundRecord[]).map(toRound));
  }

  leaseOwners(): Promise<string[]> {
    return this.op(() => this.q.leaseOwners.pluck().all() as string[]);
  }

  async releaseRounds(owner: string): Promise<void> {
    await this.op(() => this.q.releaseRounds.run(owner));
  }

  firstSighting(key: string, expiresAt: number, now: number): Promise<boolean> {
    return this.write(() => {
      this.q.forgetSeen.run(now);
      return this.q.see.run(key, expiresAt).changes === 1;
    });
  }

  async markRevealed(id: number, now: number): Promise<void> {
    await this.op(() => this.q.revealed.run(now, id));
  }

  async setMessageRef(id: number, ref: string): Promise<void> {
    await this.op(() => this.q.messageRef.run(ref, id));
  }

  recentQuestions(scopeId: string, limit: number): Promise<RecentQuestions> {
    return this.op(() => {
      const rows = this.q.recent.all(scopeId, limit) as Array<{ question_key: string; answer: string }>;
      return { keys: new Set(rows.map((r) => r.question_key)), answers: new Set(rows.map((r) => BigInt(r.answer))) };
    });
  }

  recordAnswer(a: AnswerInput): Promise<RecordResult> {
    return this.write((): RecordResult => {
      const round = this.q.round.get(a.roundId) as RoundRecord | undefined;
      if (round === undefined) return { status: 'missing' };
      if (round.closed_at !== null || a.now >= Number(round.closes_at)) return { status: 'closed' };
      const memberId = this.member(round.scope_id, a.member.userId, a.member.name);
      const previous = this.q.previous.pluck().get(a.roundId, memberId) as string | undefined;
      if (previous !== undefined) return { status: 'duplicate', previous: BigInt(previous) };
      const first = a.correct && this.q.hasFirst.get(a.roundId) === undefined;
      let unscored: Unscored | null = null;
      if (round.scoring === 'practice') unscored = 'practice';
      else if (round.scoring === 'capped' && (this.q.cappedToday.pluck().get(memberId, a.daily.from, a.daily.to) as number) >= a.daily.cap) unscored = 'cap';
      const scored = unscored === null;
      const points = a.correct && scored ? a.points : 0;
      const capped = scored && round.scoring === 'capped';
      this.q.insertAnswer.run(a.roundId, memberId, a.value.toString(), a.correct ? 1 : 0, first ? 1 : 0, a.mistake, points, scored ? 1 : 0, capped ? 1 : 0, a.now);
      if (scored) for (const board of a.boards) this.q.addScore.run(round.scope_id, board, memberId, points, a.correct ? 1 : 0);
      this.q.tallyRound.run(a.correct ? 1 : 0, a.roundId);
      for (const id of mistakeIds(a.mistake)) this.q.tallyMistake.run(a.roundId, id);
      for (const board of masteryBoards(a.boards)) this.q.tallyTopic.run(round.scope_id, board, round.topic, a.correct ? 1 : 0);
      return { status: 'recorded', correct: a.correct, first, points, unscored };
    });
  }

  roundAnswers(roundId: number): Promise<RoundAnswer[]> {
    return this.op(() => (this.q.roundAnswers.all(roundId) as AnswerRecord[]).map(toRoundAnswer));
  }

  setDeadline(roundId: number, closesAt: number): Promise<boolean> {
    return this.op(() => this.q.deadline.run(closesAt, roundId).changes === 1);
  }

  /**
   * In ranking order a row's rank is its position unless it ties the row before, so one count
   * (for the page's first row) ranks the whole page.
   */
  board(scopeId: string, board: string, offset: number, limit: number): Promise<BoardRow[]> {
    return this.op(() => this.page(scopeId, board, offset, limit));
  }

  boardView(scopeId: string, board: string, page: { readonly offset: number; readonly limit: number }, userId?: string): Promise<BoardView> {
    return this.op(() => {
      const r = userId === undefined ? undefined : (this.q.mineByUser.get(board, scopeId, userId) as BoardRecord | undefined);
      return {
        size: this.q.boardSize.pluck().get(scopeId, board) as number,
        rows: this.page(scopeId, board, page.offset, page.limit),
        mine: r && toBoardRow(r, this.rankOf(scopeId, board, r.points as number, r.correct as number)),
      };
    });
  }

  private page(scopeId: string, board: string, offset: number, limit: number): BoardRow[] {
    const rows = this.q.board.all(scopeId, board, limit, offset) as BoardRecord[];
    const first = rows[0];
    const tied = first === undefined ? 0 : (this.q.tiedBefore.pluck().get(scopeId, board, first.points, first.correct, first.member_id) as number);
    return rankedPage(rows, offset, tied);
  }

  boardSize(scopeId: string, board: string): Promise<number> {
    return this.op(() => this.q.boardSize.pluck().get(scopeId, board) as number);
  }

  boardRowOf(scopeId: string, board: string, memberId: number): Promise<BoardRow | undefined> {
    return this.op(() => {
      const r = this.q.mine.get(scopeId, board, memberId) as BoardRecord | undefined;
      return r && toBoardRow(r, this.rankOf(scopeId, board, r.points as number, r.correct as number));
    });
  }

  private rankOf(scopeId: string, board: string, points: number, correct: number): number {
    return 1 + (this.q.ahead.pluck().get(scopeId, board, points, points, correct) as number);
  }

  addSchedule(s: NewSchedule): Promise<Schedule> {
    return this.op(() => {
      const id = Number(this.q.insertSchedule.run({ ...s, topics: s.topics.join(','), questionSet: s.questionSet ?? null }).lastInsertRowid);
      return toSchedule(this.q.schedule.get(id) as ScheduleRecord);
    });
  }

  schedules(scopeId: string): Promise<Schedule[]> {
    return this.op(() => (this.q.schedules.all(scopeId) as ScheduleRecord[]).map(toSchedule));
  }

  activeSchedules(): Promise<Schedule[]> {
    return this.op(() => (this.q.activeSchedules.all() as ScheduleRecord[]).map(toSchedule));
  }

  removeSchedule(id: number, scopeId: string, now: number): Promise<boolean> {
    return this.op(() => this.q.removeSchedule.run(now, id, scopeId).changes === 1);
  }

  claimRun(scheduleId: number, slot: number, status: 'running' | 'skipped', startedAt: number): Promise<boolean> {
    return this.op(() => this.q.claimRun.run(scheduleId, slot, status, startedAt).changes === 1);
  }

  run(scheduleId: number, slot: number): Promise<ScheduleRun | undefined> {
    return this.op(() => {
      const r = this.q.run.get(scheduleId, slot) as RunRecord | undefined;
      return r && toRun(r);
    });
  }

  runningRuns(): Promise<ScheduleRun[]> {
    return this.op(() => (this.q.runningRuns.all() as RunRecord[]).map(toRun));
  }

  claimQuestion(run: ScheduleRun, total: number): Promise<boolean> {
    return this.op(() => this.q.claimQuestion.run(total, run.scheduleId, run.slot, run.posted).changes === 1);
  }

  async restartRun(run: ScheduleRun, startedAt: number): Promise<void> {
    await this.op(() => this.q.restartRun.run(startedAt, run.scheduleId, run.slot));
  }

  claimStandings(scopeId: string, week: string, channelId: string, now: number): Promise<boolean> {
    return this.op(() => this.q.claimStandings.run(scopeId, week, channelId, now).changes === 1);
  }

  standingsPosted(scopeId: string, week: string): Promise<boolean> {
    return this.op(() => this.q.standingsPosted.get(scopeId, week) !== undefined);
  }

  currentSeason(scopeId: string): Promise<Season | undefined> {
    return this.op(() => {
      const r = this.q.currentSeason.get(scopeId) as SeasonRecord | undefined;
      return r && toSeason(r);
    });
  }

  seasons(scopeId: string): Promise<Season[]> {
    return this.op(() => (this.q.seasons.all(scopeId) as SeasonRecord[]).map(toSeason));
  }

  seasonByName(scopeId: string, name: string): Promise<Season | undefined> {
    return this.op(() => {
      const r = this.q.seasonByName.get(scopeId, name) as SeasonRecord | undefined;
      return r && toSeason(r);
    });
  }

  startSeason(scopeId: string, name: string, now: number): Promise<Season | undefined> {
    return this.write(() => {
      if (this.q.seasonByName.get(scopeId, name) !== undefined) return undefined;
      this.q.endSeason.run(now, scopeId);
      const id = Number(this.q.insertSeason.run(scopeId, name, now).lastInsertRowid);
      return { id, scopeId, name, startedAt: now, endedAt: null };
    });
  }

  removeScores(scopeId: string, memberId: number): Promise<number> {
    return this.write(() => {
      const removed = this.q.removeScores.run(scopeId, memberId).changes;
      this.q.zeroPoints.run(memberId);
      return removed;
    });
  }

  recordPractice(p: PracticeInput, reviews: readonly CardReview[]): Promise<boolean> {
    return this.write(() => {
      const inserted = this.q.insertPractice.run(p.memberId, p.seed, p.generator, p.level, p.topic, p.value.toString(), p.correct ? 1 : 0, p.mistake, p.now).changes === 1;
      if (!inserted) return false;
      for (const board of masteryBoards(p.boards)) this.q.tallyMemberTopic.run(board, p.topic, p.correct ? 1 : 0, p.memberId);
      this.saveReviews(p.memberId, reviews);
      this.q.clearPending.run(p.memberId, p.seed, p.level, p.topic);
      return true;
    });
  }

  /** Inside a transaction: each card's new state, and its log. */
  private saveReviews(memberId: number, reviews: readonly CardReview[]): void {
    for (const r of reviews) {
      const cardId = this.q.upsertCard.pluck().get({ memberId, topic: r.topic, family: r.family, ...r.card }) as number;
      this.q.insertLog.run({ cardId, ...r.log, correct: r.log.correct ? 1 : 0 });
    }
  }

  recentAccuracy(memberId: number, limit: number): Promise<Accuracy> {
    return this.op(() => toAccuracy(this.q.recentAccuracy.get(memberId, memberId, limit) as AccuracyRecord));
  }

  channelAccuracy(scopeId: string, channelId: string, limit: number): Promise<Accuracy> {
    return this.op(() => toAccuracy(this.q.channelAccuracy.get(scopeId, channelId, limit) as AccuracyRecord));
  }

  cards(memberId: number): Promise<Card[]> {
    return this.op(() => (this.q.cards.all(memberId) as CardRecord[]).map(toCard));
  }

  async review(memberId: number, reviews: readonly CardReview[]): Promise<void> {
    await this.write(() => this.saveReviews(memberId, reviews));
  }

  reviewLogs(memberId: number): Promise<ReviewLog[]> {
    return this.op(() => (this.q.reviewLogs.all(memberId) as ReviewLogRecord[]).map(toReviewLog));
  }

  async setPendingPractice(p: PendingPractice): Promise<void> {
    await this.op(() => this.q.setPending.run(p));
  }

  pendingPractice(memberId: number): Promise<PendingPractice | undefined> {
    return this.op(() => {
      const r = this.q.pending.get(memberId) as PendingRecord | undefined;
      return r && toPending(r);
    });
  }

  history(memberId: number): Promise<HistoryItem[]> {
    return this.op(() => (this.q.history.all(memberId, memberId) as HistoryRecord[]).map(toHistoryItem));
  }

  weeklyPoints(scopeId: string, memberId: number, limit: number): Promise<Array<{ week: string; points: number }>> {
    return this.op(() => (this.q.weeklyPoints.all(scopeId, memberId, limit) as Array<{ board: string; points: number }>).reverse().map((r) => ({ week: r.board.slice('week:'.length), points: r.points })));
  }

  topicStats(memberId: number): Promise<TopicStat[]> {
    return this.op(() => (this.q.topicStats.all(memberId, memberId) as TopicStatRecord[]).map(toTopicStat));
  }

  webSecret(candidate: string): Promise<string> {
    return this.write(() => {
      this.q.keepSecret.run(candidate, Date.now());
      return this.q.secret.pluck().get() as string;
    });
  }

  roundStats(scopeId: string, range: TimeRange, offset: number, limit: number): Promise<RoundStat[]> {
    return this.op(() => {
      const rounds = (this.q.roundsIn.all(scopeId, range.from, range.to, limit, offset) as Array<RoundRecord & { answered: number; correct: number }>);
      const mistakes = mistakesByRound(this.q.roundMistakes.all(JSON.stringify(rounds.map((r) => r.id))) as MistakeCountRecord[]);
      return rounds.map((r) => ({ round: toRound(r), answered: Number(r.answered), correct: Number(r.correct), mistakes: mistakes.get(Number(r.id)) ?? [] }));
    });
  }

  roundCount(scopeId: string, range: TimeRange): Promise<number> {
    return this.op(() => this.q.roundCount.pluck().get(scopeId, range.from, range.to) as number);
  }

  firstRoundAt(scopeId: string): Promise<number | undefined> {
    return this.op(() => (this.q.firstRound.pluck().get(scopeId) as number | null) ?? undefined);
  }

  classTopics(scopeId: string, board: string): Promise<TopicStat[]> {
    return this.op(() => (this.q.classTopics.all(scopeId, board) as TopicStatRecord[]).map(toTopicStat));
  }

  activeBoards(scopeId: string, boards: readonly string[]): Promise<string[]> {
    return this.op(() => this.q.activeBoards.pluck().all(JSON.stringify(boards), scopeId) as string[]);
  }

  boardCells(scopeId: string, boards: readonly string[], members: readonly number[]): Promise<BoardCell[]> {
    return this.op(() => (this.q.boardCells.all({ scopeId, boards: JSON.stringify(boards), members: JSON.stringify(members) }) as CellRecord[]).map(toCell));
  }

  answersPage(scopeId: string, range: TimeRange, after: AnswerCursor | null, limit: number): Promise<ExportedAnswer[]> {
    return this.op(() =>
      (this.q.answersPage.all({ scope: scopeId, from: range.from, to: range.to, round: after?.roundId ?? 0, member: after?.memberId ?? 0, limit }) as ExportedRecord[]).map(toExported),
    );
  }

  addQuestions(questions: readonly NewQuestion[]): Promise<StoredQuestion[]> {
    return this.write(() => questions.map((q) => toQuestion(this.q.insertQuestion.get({ ...q, ask: encodeAsk(q.ask) }) as QuestionRecord)));
  }

  questions(scopeId: string, set?: string): Promise<StoredQuestion[]> {
    return this.op(() => ((set === undefined ? this.q.questions.all(scopeId) : this.q.questionsOf.all(scopeId, set)) as QuestionRecord[]).map(toQuestion));
  }

  removeQuestion(scopeId: string, id: number, now: number): Promise<boolean> {
    return this.op(() => this.q.removeQuestion.run(now, id, scopeId).changes === 1);
  }
}
