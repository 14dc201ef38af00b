/**
 * Quiz rounds: start, answer, close, reveal, and the boards. Platform-neutral: it knows scopes,
 * channels and players by id, and announces closed rounds through `QuizEvents` for whichever
 * platform owns the scope to post. Every decision that must not race (one open round per
 * channel, one answer per player, one first correct answer) is a database constraint or a single
 * transaction, so several processes on one file stay correct.
 */
import type { Clock, Timer } from '../clock.js';
import type { Lang, MessageRef } from '../i18n/messages.js';
import type { BoardRow, HistoryItem, Round, RoundAnswer, Scope, Season, Store, TopicStat } from '../store/store.js';
import { Scopes } from './scopes.js';
import { parseAnswer } from './answer.js';
import { diagnose } from './diagnose.js';
import { generate, generateFresh, GENERATOR_VERSION } from './generator.js';
import type { Mistake, Question } from './question.js';
import { randomSeed } from './random.js';
import { FIRST_BONUS, POINTS } from './scoring.js';
import type { CloseReason, Level, Topic } from './types.js';
import { isoWeek } from './week.js';

export interface QuizSettings {
  /** Default length of a round. */
  readonly roundSeconds: number;
  /** Defaults for a scope seen for the first time. */
  readonly timezone: string;
  readonly language: Lang;
}

export interface Player {
  readonly userId: string;
  readonly name: string;
}

export interface Reveal {
  readonly round: Round;
  readonly question: Question;
  readonly answers: readonly RoundAnswer[];
}

export interface QuizEvents {
  /** Post the reveal of a closed round. Resolving marks it revealed; throwing leaves it for a retry. */
  roundClosed(reveal: Reveal): Promise<void>;
}

export type StartResult =
  | { readonly ok: true; readonly round: Round; readonly question: Question }
  | { readonly ok: false; readonly open: Round }
  /** The scope's admins turned this level or topic off. */
  | { readonly ok: false; readonly refused: { readonly what: 'level' | 'topic'; readonly value: string; readonly allowed: readonly string[] } };

export type AnswerOutcome =
  | { readonly kind: 'noRound' }
  | { readonly kind: 'invalid'; readonly error: MessageRef }
  | { readonly kind: 'closed'; readonly round: Round }
  | { readonly kind: 'duplicate'; readonly round: Round; readonly previous: bigint }
  | {
      readonly kind: 'recorded';
      readonly round: Round;
      readonly question: Question;
      readonly value: bigint;
      readonly correct: boolean;
      readonly first: boolean;
      readonly points: number;
      readonly mistake: Mistake | undefined;
    };

export type Period = 'week' | 'all' | 'season';

export interface Leaderboard {
  readonly period: Period;
  /** The season shown, for a season board. */
  readonly season: Season | undefined;
  /** The ISO week shown, for the week board. */
  readonly week: string | undefined;
  readonly rows: readonly BoardRow[];
  readonly page: number;
  readonly pages: number;
  readonly players: number;
  readonly mine: BoardRow | undefined;
}

export const PAGE_SIZE = 10;

export class QuizService {
  private readonly timers = new Map<number, Timer>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly questions = new Map<number, Question>();

  private readonly store: Store;
  readonly scopes: Scopes;
  private readonly clock: Clock;
  private readonly settings: QuizSettings;
  private readonly events: QuizEvents;
  private readonly seeds: () => number;
  private readonly onError: (err: unknown, roundId: number) => void;

  constructor(o: {
    store: Store;
    clock: Clock;
    settings: QuizSettings;
    events: QuizEvents;
    /** Where new rounds' seeds come from (fixed in tests and demos: PARAMQUIZ_SEED). */
    seeds?: () => number;
    /** A reveal that could not be posted; the round stays unrevealed and is posted on the next start. */
    onError?: (err: unknown, roundId: number) => void;
  }) {
    this.store = o.store;
    this.scopes = new Scopes(o.store, o.clock, { timezone: o.settings.timezone, language: o.settings.language });
    this.clock = o.clock;
    this.settings = o.settings;
    this.events = o.events;
    this.seeds = o.seeds ?? randomSeed;
    this.onError = o.onError ?? (() => {});
  }

  scope(scopeId: string): Scope {
    return this.scopes.get(scopeId);
  }

  /** Re-arms the timers of open rounds and posts reveals a stopped process never posted. */
  async resume(): Promise<void> {
    for (const round of this.store.openRounds()) {
      if (round.closesAt <= this.clock.now()) await this.close(round.id, 'timeout'); // its time passed while we were down
      else this.arm(round);
    }
    for (const round of this.store.unrevealedRounds()) await this.reveal(round);
  }

  /**
   * Cancels the timers (open rounds stay open in the file and resume on the next start) and waits
   * for closes already under way, so the store is not closed under a reveal.
   */
  async stop(): Promise<void> {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
    await Promise.allSettled(this.inFlight);
  }

  async start(req: {
    scopeId: string;
    channelId: string;
    /** Who asked; none for a scheduled question. */
    player?: Player | undefined;
    lang: Lang;
    level?: Level | undefined;
    topics?: readonly Topic[] | undefined;
    seed?: number | undefined;
    seconds?: number | undefined;
  }): Promise<StartResult> {
    const scope = this.scope(req.scopeId);
    const level = req.level ?? (scope.levels.includes('easy') || scope.levels.length === 0 ? 'easy' : scope.levels[0]!);
    if (scope.levels.length > 0 && !scope.levels.includes(level)) return { ok: false, refused: { what: 'level', value: level, allowed: scope.levels } };
    const refusedTopic = req.topics?.find((topic) => scope.topics.length > 0 && !scope.topics.includes(topic));
    if (refusedTopic) return { ok: false, refused: { what: 'topic', value: refusedTopic, allowed: scope.topics } };
    const open = this.store.openRoundIn(req.scopeId, req.channelId);
    if (open && this.clock.now() < open.closesAt) return { ok: false, open };
    if (open) await this.close(open.id, 'timeout'); // its time is up; the timer has not fired yet
    const question =
      req.seed !== undefined && req.topics?.length === 1
        ? generate(req.seed, level, req.topics[0]!) // an exact replay
        : generateFresh(req.seed ?? this.seeds(), level, req.topics ?? scope.topics, this.store.recentQuestionKeys(req.scopeId, 30));
    const now = this.clock.now();
    const round = this.store.insertRound({
      scopeId: req.scopeId,
      channelId: req.channelId,
      seed: question.seed,
      generator: GENERATOR_VERSION,
      level,
      topic: question.topic,
      questionKey: question.key,
      answer: question.answer,
      lang: req.lang,
      openedBy: req.player ? this.store.ensureMember(req.scopeId, req.player.userId, req.player.name) : null,
      openedAt: now,
      closesAt: now + 1000 * (req.seconds ?? scope.roundSeconds ?? this.settings.roundSeconds),
    });
    if (!round) return { ok: false, open: this.store.openRoundIn(req.scopeId, req.channelId)! }; // lost a race to another start
    this.questions.set(round.id, question);
    this.arm(round);
    return { ok: true, round, question };
  }

  question(round: Round): Question {
    let q = this.questions.get(round.id);
    if (!q) {
      q = generate(round.seed, round.level, round.topic);
      // A round opened by another generator version keeps its recorded answer.
      if (q.answer !== round.answer) q = { ...q, answer: round.answer };
      this.questions.set(round.id, q);
    }
    return q;
  }

  openRound(scopeId: string, channelId: string): Round | undefined {
    return this.store.openRoundIn(scopeId, channelId);
  }

  /** Checks and records an answer: to a given round (a button), or to the channel's open round. */
  answer(req: { scopeId: string; channelId: string; player: Player; text: string; roundId?: number | undefined }): AnswerOutcome {
    const round = req.roundId !== undefined ? this.store.round(req.roundId) : this.store.openRoundIn(req.scopeId, req.channelId);
    if (!round || round.scopeId !== req.scopeId) return { kind: 'noRound' };
    const question = this.question(round);
    const parsed = parseAnswer(req.text, question.choices?.length ?? 0);
    if (!parsed.ok) return { kind: 'invalid', error: parsed.error };
    const value = 'choice' in parsed ? question.choices![parsed.choice]! : parsed.value;
    const now = this.clock.now();
    if (round.closedAt !== null || now >= round.closesAt) return { kind: 'closed', round };
    const correct = value === round.answer;
    const mistake = correct ? undefined : diagnose(question, value);
    const result = this.store.recordAnswer({
      roundId: round.id,
      member: { userId: req.player.userId, name: req.player.name },
      value,
      correct,
      mistake: mistake?.id ?? null,
      points: POINTS[round.level],
      firstBonus: FIRST_BONUS,
      now,
      boards: this.scopes.boards(req.scopeId, now),
    });
    switch (result.status) {
      case 'missing':
        return { kind: 'noRound' };
      case 'closed':
        return { kind: 'closed', round };
      case 'duplicate':
        return { kind: 'duplicate', round, previous: result.previous };
      case 'recorded':
        return { kind: 'recorded', round, question, value, correct, first: result.first, points: result.points, mistake };
    }
  }

  /** Closes a round (time up, or an admin) and posts its reveal; false if it was already closed. */
  async close(roundId: number, reason: CloseReason): Promise<boolean> {
    this.timers.get(roundId)?.cancel();
    this.timers.delete(roundId);
    if (!this.store.closeRound(roundId, this.clock.now(), reason)) return false;
    await this.reveal(this.store.round(roundId)!);
    return true;
  }

  setMessageRef(roundId: number, ref: string): void {
    this.store.setMessageRef(roundId, ref);
  }

  /** A board: this week's, all time, the current season's or a named (past) season's. */
  /** Undefined when the named season does not exist (or there is no current one). */
  leaderboard(req: { scopeId: string; period: Period; season?: string | undefined; page: number; asker?: Player | undefined; week?: string | undefined }): Leaderboard | undefined {
    const scope = this.scope(req.scopeId);
    let board: string;
    let week: string | undefined;
    let season: Season | undefined;
    if (req.season !== undefined || req.period === 'season') {
      season = req.season !== undefined ? this.scopes.seasonByName(req.scopeId, req.season) : this.scopes.currentSeason(req.scopeId);
      if (!season) return undefined;
      board = `season:${season.id}`;
    } else if (req.period === 'week') {
      week = req.week ?? isoWeek(this.clock.now(), scope.timezone);
      board = `week:${week}`;
    } else {
      board = 'all';
    }
    const players = this.store.boardSize(req.scopeId, board);
    const pages = Math.max(1, Math.ceil(players / PAGE_SIZE));
    const page = Math.min(Math.max(1, req.page), pages);
    const asker = req.asker && this.store.memberId(req.scopeId, req.asker.userId);
    const mine = asker === undefined ? undefined : this.store.boardRowOf(req.scopeId, board, asker);
    return { period: season ? 'season' : req.period, week, season, rows: this.store.board(req.scopeId, board, (page - 1) * PAGE_SIZE, PAGE_SIZE), page, pages, players, mine };
  }

  /** Changes an open round's length (counted from its opening); closes it at once if that has passed. */
  async setDuration(roundId: number, seconds: number): Promise<Round | undefined> {
    const round = this.store.round(roundId);
    if (!round || round.closedAt !== null) return undefined;
    const closesAt = round.openedAt + 1000 * seconds;
    if (closesAt <= this.clock.now()) {
      await this.close(roundId, 'admin');
      return this.store.round(roundId);
    }
    if (!this.store.setDeadline(roundId, closesAt)) return undefined;
    const updated = this.store.round(roundId)!;
    this.arm(updated);
    return updated;
  }

  /** Takes a member's scores off every board of the scope (their answers stay, at 0 points). */
  removeScores(scopeId: string, memberId: number): number {
    return this.store.removeScores(scopeId, memberId);
  }

  findMember(scopeId: string, query: string): { id: number; userId: string; name: string } | undefined {
    return this.store.findMember(scopeId, query);
  }

  history(scopeId: string, player: Player): HistoryItem[] {
    return this.store.history(this.store.ensureMember(scopeId, player.userId, player.name));
  }

  /** Points per week on the latest `limit` weekly boards the player is on, oldest first. */
  weeklyPoints(scopeId: string, player: Player, limit: number): Array<{ week: string; points: number }> {
    return this.store.weeklyPoints(scopeId, this.store.ensureMember(scopeId, player.userId, player.name), limit);
  }

  stats(scopeId: string, player: Player): readonly TopicStat[] {
    this.scope(scopeId);
    return this.store.topicStats(this.store.ensureMember(scopeId, player.userId, player.name));
  }

  private arm(round: Round): void {
    this.timers.get(round.id)?.cancel();
    this.timers.set(
      round.id,
      this.clock.at(round.closesAt, () => {
        const closing = this.close(round.id, 'timeout').finally(() => this.inFlight.delete(closing));
        this.inFlight.add(closing);
      }),
    );
  }

  private async reveal(round: Round): Promise<void> {
    const reveal: Reveal = { round, question: this.question(round), answers: this.store.roundAnswers(round.id) };
    try {
      await this.events.roundClosed(reveal);
    } catch (err) {
      this.onError(err, round.id);
      return;
    }
    this.store.markRevealed(round.id, this.clock.now());
    this.questions.delete(round.id);
  }
}
