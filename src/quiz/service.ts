/**
 * Quiz rounds: start, answer, close, reveal, and the boards. Platform-neutral: it knows scopes,
 * channels and players by id, and announces closed rounds through `QuizEvents` for whichever
 * platform owns the scope to post. Every decision that must not race (one open round per
 * channel, one answer per player, one first correct answer, a scored question under the daily
 * cap) is a database constraint or a single transaction, so several processes stay correct.
 *
 * Several processes on one store share the rounds through leases: a round's timer and reveal
 * belong to the process holding its lease (the one that opened it, or closed it). Every process
 * renews its leases a few times per lease length; when a process stops renewing (it died), the
 * others take its rounds over at their next sweep, close the ones whose time is up and post the
 * reveals, exactly once: closing is one guarded UPDATE, and only the holder reveals.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock, Timer } from '../clock.js';
import type { Lang, MessageRef } from '../i18n/messages.js';
import type { Store } from '../store/store.js';
import {
  ALL_TIME,
  seasonBoard,
  weekBoard,
  type Accuracy,
  type Board,
  type BoardRow,
  type HistoryItem,
  type Member,
  type NewQuestion,
  type Player,
  type Round,
  type RoundAnswer,
  type RoundScoring,
  type Scope,
  type Season,
  type StoredQuestion,
  type TeacherQuestion,
  type TopicStat,
  type Unscored,
} from '../domain/index.js';
import { StoreBusyError } from '../domain/index.js';
import { Scopes } from './scopes.js';
import { parseAnswer } from './answer.js';
import { certainFamilies, diagnose, diagnosisIds, type Diagnosis } from './diagnose.js';
import { generate, generateFresh, GENERATOR_VERSION } from './generator.js';
import type { Question } from './question.js';
import { randomSeed } from './random.js';
import { FIRST_BONUS, MIN_ANSWERS_FOR_BONUS, POINTS } from './scoring.js';
import type { CloseReason, Level, Topic } from '../domain/index.js';
import { isoWeek, localDay } from './week.js';
import { allowedLevel, levelFor, MIN_ANSWERS_FOR_LEVEL } from './level.js';
import { Practice } from './practice.js';
import { decodeQuestion, encodeQuestion } from './replay.js';
import { rng } from './random.js';
import { teacherHere, type TeacherBuilder } from './teacher-pool.js';
import type { TeacherBuilt } from './teacher.js';
import { msg } from '../i18n/messages.js';
import { TableDesk } from './table/desk.js';
import type { TableChecker } from './table/check-pool.js';
import { Lru } from '../lru.js';

export interface QuizSettings {
  /** Default length of a round. */
  readonly roundSeconds: number;
  /** Defaults for a scope seen for the first time. */
  readonly timezone: string;
  readonly language: Lang;
}

export interface Reveal {
  readonly round: Round;
  readonly question: Question;
  readonly answers: readonly RoundAnswer[];
}

export interface QuizEvents {
  /** Post the reveal of a closed round. Resolving marks it revealed; throwing has it retried. */
  roundClosed(reveal: Reveal): Promise<void>;
}

/** Who opens a round decides what it scores (see Scope.scoring). */
export type Opener = { readonly kind: 'schedule' } | { readonly kind: 'admin'; readonly player: Player } | { readonly kind: 'student'; readonly player: Player };

export type StartResult =
  | { readonly ok: true; readonly round: Round; readonly question: Question }
  | { readonly ok: false; readonly open: Round }
  /** The scope's admins turned this level or topic off. */
  | { readonly ok: false; readonly refused: { readonly what: 'level' | 'topic'; readonly value: string; readonly allowed: readonly string[] } }
  /** A teacher's question that cannot be asked (its model does not count, the layer does not exist), or an empty set: why. */
  | { readonly ok: false; readonly invalid: MessageRef };

/** Where a round's question comes from: generated (the default), a teacher's model, or a teacher's question set. */
export type QuestionSource = { readonly kind: 'generated' } | { readonly kind: 'teacher'; readonly question: TeacherQuestion } | { readonly kind: 'set'; readonly set: string };

export type AnswerOutcome =
  | { readonly kind: 'noRound' }
  | { readonly kind: 'invalid'; readonly error: MessageRef }
  | { readonly kind: 'closed'; readonly round: Round }
  /** A button or form of a round posted in another channel. */
  | { readonly kind: 'elsewhere'; readonly round: Round }
  | { readonly kind: 'duplicate'; readonly round: Round; readonly previous: bigint }
  | {
      readonly kind: 'recorded';
      readonly round: Round;
      readonly question: Question;
      readonly value: bigint;
      readonly correct: boolean;
      readonly first: boolean;
      readonly points: number;
      /** What the answer is told (diagnose.ts); `none` for a right one. */
      readonly diagnosis: Diagnosis;
      /** Why this answer does not score, or null when it does. */
      readonly unscored: Unscored | null;
      readonly dailyCap: number;
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
/** The longest page a board is read in (the web board's pages). */
export const MAX_PAGE_SIZE = 100;

/** Rounds shorter than this are for admins only: a student could otherwise farm points alone. */
export const MIN_STUDENT_SECONDS = 15;

/** A reveal whose post failed is tried again after these waits, then every last one. */
const REVEAL_RETRY_MS = [1_000, 2_000, 5_000, 15_000, 30_000, 60_000, 300_000] as const;

/** A close that met a locked database is tried again after this long. */
const CLOSE_RETRY_MS = 1_000;

/** How long a round stays a process's without renewal; it is renewed three times as often. */
export const LEASE_MS = 15_000;

/** This process's name on its leases: the host and process id tell a restarted process its predecessor is gone. */
export const processOwner = (): string => `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

/**
 * A lease owner known to be dead: a process of this host that no longer runs (the bot restarted
 * after a crash takes its rounds at once, not a lease later). Elsewhere, only the lease tells.
 */
function deadHere(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !/^\d+$/.test(pid ?? '') || Number(pid) === process.pid) return false;
  try {
    process.kill(Number(pid), 0);
    return false; // alive (or a new process with that id: then the lease decides)
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export class QuizService {
  private readonly timers = new Map<number, Timer>();
  private readonly retries = new Map<number, Timer>();
  /** Rounds whose reveal is being posted or waits for a retry here: a sweep leaves them be. */
  private readonly revealing = new Set<number>();
  private sweeper: Timer | undefined;
  /** The name this process holds leases under. */
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly questions = new Map<number, Question>();
  /** The open round of each channel as this process last saw it: an answer's round without a read. */
  private readonly openRounds = new Lru<string, Round>({ maxEntries: 10_000, maxBytes: Number.MAX_SAFE_INTEGER, sizeOf: () => 1 });
  private stopped = false;

  private readonly store: Store;
  readonly scopes: Scopes;
  private readonly clock: Clock;
  private readonly settings: QuizSettings;
  private readonly events: QuizEvents;
  private readonly seeds: () => number;
  private readonly onError: (err: unknown, roundId: number, retryInMs: number) => void;
  /** /review's practice, on the same store, scopes and seeds; a round's mistakes review its cards. */
  readonly practice: Practice;
  /** Whole summary tables (/quiz table): graded, recorded, their forms' pages kept. */
  readonly tables: TableDesk;
  private readonly teacher: TeacherBuilder;

  constructor(o: {
    store: Store;
    clock: Clock;
    settings: QuizSettings;
    events: QuizEvents;
    /** Where new rounds' seeds come from (fixed in tests and demos: PARAMQUIZ_SEED). */
    seeds?: () => number;
    /** A reveal that could not be posted; it is tried again in `retryInMs`. */
    onError?: (err: unknown, roundId: number, retryInMs: number) => void;
    /** The name on this process's leases (unique per process by default). */
    owner?: string;
    leaseMs?: number;
    /** Builds teachers' questions (a worker pool in the bot; in-process by default). */
    teacher?: TeacherBuilder;
    /** Grades table answers (a worker pool in the bot; in-process by default). */
    tableGrader?: TableChecker;
  }) {
    this.teacher = o.teacher ?? teacherHere;
    this.owner = o.owner ?? processOwner();
    this.leaseMs = o.leaseMs ?? LEASE_MS;
    this.store = o.store;
    this.scopes = new Scopes(o.store, o.clock, { timezone: o.settings.timezone, language: o.settings.language });
    this.clock = o.clock;
    this.settings = o.settings;
    this.events = o.events;
    this.seeds = o.seeds ?? randomSeed;
    this.onError = o.onError ?? (() => {});
    this.practice = new Practice(o.store, this.scopes, o.clock, this.seeds);
    this.tables = new TableDesk(o.store, this.scopes, o.clock, o.tableGrader);
  }

  /** A new question's seed, from where this service's seeds come (fixed in tests and demos). */
  newSeed(): number {
    return this.seeds();
  }

  scope(scopeId: string): Promise<Scope> {
    return this.scopes.get(scopeId);
  }

  /**
   * Takes the rounds no running process holds (this one's before a restart, a dead process's),
   * closes those whose time passed while nobody held them, posts the reveals nobody posted, and
   * keeps doing so every third of a lease, renewing this process's own leases as it goes.
   */
  async resume(): Promise<void> {
    await this.sweep();
    this.armSweep();
  }

  private armSweep(): void {
    if (this.stopped) return;
    this.sweeper = this.clock.at(this.clock.now() + Math.floor(this.leaseMs / 3), () =>
      this.track(
        this.sweep()
          .catch((err: unknown) => {
            if (!(err instanceof StoreBusyError)) throw err; // a locked store only delays the sweep
          })
          .finally(() => this.armSweep()),
      ),
    );
  }

  /** Renews and takes over leases; arms what is open, reveals what was closed and never revealed. */
  private async sweep(): Promise<void> {
    const now = this.clock.now();
    const dead = (await this.store.rounds.leaseOwners()).filter(deadHere);
    for (const round of await this.store.rounds.claim(this.lease(), now, dead)) {
      if (round.closedAt === null) {
        if (round.closesAt <= now)
          await this.close(round.id, 'timeout'); // its time passed while nobody held it
        else if (!this.timers.has(round.id)) this.arm(round);
      } else if (!this.revealing.has(round.id)) {
        await this.reveal(round, 0);
      }
    }
  }

  private lease() {
    return { owner: this.owner, until: this.clock.now() + this.leaseMs };
  }

  /**
   * Cancels the timers (open rounds stay open in the file and resume on the next start) and waits
   * for closes already under way, so the store is not closed under a reveal.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.sweeper?.cancel();
    for (const timer of [...this.timers.values(), ...this.retries.values()]) timer.cancel();
    this.timers.clear();
    this.retries.clear();
    await Promise.allSettled(this.inFlight);
    // Another process takes this one's rounds over at its next sweep, not after the lease runs out.
    await this.store.rounds.release(this.owner).catch(() => {});
  }

  /** Resolves once the work timers started (closes, reveals, sweeps) has finished, including work it started. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async start(req: {
    scopeId: string;
    channelId: string;
    opener: Opener;
    lang: Lang;
    level?: Level | undefined;
    topics?: readonly Topic[] | undefined;
    seed?: number | undefined;
    seconds?: number | undefined;
    /** A teacher's question or set instead of a generated question (admins; the scope's levels and topics do not apply). */
    source?: QuestionSource | undefined;
  }): Promise<StartResult> {
    const scope = await this.scope(req.scopeId);
    if (req.source && req.source.kind !== 'generated') return this.startTeacher(scope, req, req.source);
    const level = req.level ?? (await this.levelFollowing(scope, req.opener, req.channelId));
    if (scope.levels.length > 0 && !scope.levels.includes(level)) return { ok: false, refused: { what: 'level', value: level, allowed: scope.levels } };
    const refusedTopic = req.topics?.find((topic) => scope.topics.length > 0 && !scope.topics.includes(topic));
    if (refusedTopic) return { ok: false, refused: { what: 'topic', value: refusedTopic, allowed: scope.topics } };
    const open = await this.channelFree(req.scopeId, req.channelId);
    if (open) return { ok: false, open };
    const question =
      req.seed !== undefined && req.topics?.length === 1
        ? generate(req.seed, level, req.topics[0]!) // an exact replay
        : generateFresh(req.seed ?? this.seeds(), level, req.topics ?? scope.topics, await this.store.rounds.recent(req.scopeId, RECENT_QUESTIONS));
    return this.open(scope, req, question, null);
  }

  /** The channel's open round if it still runs; one whose time is up is closed first (its timer has not fired yet). */
  private async channelFree(scopeId: string, channelId: string): Promise<Round | undefined> {
    const open = await this.store.rounds.openIn(scopeId, channelId);
    if (open && this.clock.now() < open.closesAt) return open;
    if (open) await this.close(open.id, 'timeout');
    return undefined;
  }

  /**
   * A teacher's question: the one given, or one of the set not asked recently (drawn by the seed),
   * built off the event loop; the round keeps it as built.
   */
  private async startTeacher(
    scope: Scope,
    req: { scopeId: string; channelId: string; opener: Opener; lang: Lang; level?: Level | undefined; seed?: number | undefined; seconds?: number | undefined },
    source: Exclude<QuestionSource, { kind: 'generated' }>,
  ): Promise<StartResult> {
    const open = await this.channelFree(req.scopeId, req.channelId);
    if (open) return { ok: false, open };
    const seed = req.seed ?? this.seeds();
    let def: TeacherQuestion;
    let fromSet: number | undefined;
    if (source.kind === 'teacher') {
      def = source.question;
    } else {
      const set = await this.store.questions.list(req.scopeId, source.set);
      if (set.length === 0) return { ok: false, invalid: msg('teacher.emptySet', { set: source.set }) };
      // A set is asked in turn: a question not among the scope's latest rounds, drawn by the seed.
      const asked = new Set([...(await this.store.rounds.recent(req.scopeId, set.length)).keys].map((key) => Number(/\|set:(\d+)$/.exec(key)?.[1])));
      const fresh = set.filter((q) => !asked.has(q.id));
      const picked = rng(seed).pick(fresh.length > 0 ? fresh : set);
      def = picked;
      fromSet = picked.id;
    }
    const built = await this.teacher.build(def, seed);
    if (!built.ok) return { ok: false, invalid: built.error };
    // A set's question keeps its number in its key, so the set is not asked the same question again soon.
    const question = fromSet === undefined ? built.question : { ...built.question, key: `${built.question.key}|set:${fromSet}` };
    return this.open(scope, req, question, encodeQuestion(question));
  }

  /** Opens a round of `question` in the channel; `custom` keeps a teacher's question as built. */
  private async open(
    scope: Scope,
    req: { scopeId: string; channelId: string; opener: Opener; lang: Lang; seconds?: number | undefined },
    question: Question,
    custom: string | null,
  ): Promise<StartResult> {
    const level = question.level;
    const now = this.clock.now();
    const opener = req.opener.kind === 'schedule' ? null : await this.store.scopes.ensureMember(req.scopeId, req.opener.player);
    const round = await this.store.rounds.open({
      scopeId: req.scopeId,
      channelId: req.channelId,
      seed: question.seed,
      generator: GENERATOR_VERSION,
      level,
      topic: question.topic,
      questionKey: question.key,
      answer: question.answer,
      lang: req.lang,
      openedBy: opener,
      openedAt: now,
      closesAt: now + 1000 * (req.seconds ?? scope.roundSeconds ?? this.settings.roundSeconds),
      scoring: roundScoring(scope, req.opener),
      lease: this.lease(),
      custom,
    });
    if (!round) return { ok: false, open: (await this.store.rounds.openIn(req.scopeId, req.channelId))! }; // lost a race to another start
    this.questions.set(round.id, question);
    this.openRounds.set(channelKey(round), round);
    this.arm(round);
    return { ok: true, round, question };
  }

  /** A scope's question sets (a teacher's own questions). */
  readonly questionSets = {
    add: async (questions: readonly NewQuestion[]): Promise<StoredQuestion[]> => {
      // A class's first question may come before anything else it did: its scope is made first.
      for (const scopeId of new Set(questions.map((q) => q.scopeId))) await this.scope(scopeId);
      return this.store.questions.add(questions);
    },
    list: (scopeId: string, set?: string): Promise<StoredQuestion[]> => this.store.questions.list(scopeId, set),
    remove: (scopeId: string, id: number): Promise<boolean> => this.store.questions.remove(scopeId, id, this.clock.now()),
  };

  /** A teacher's question as it would be asked (off the event loop in the bot): to check it when it is added to a set. */
  buildTeacher(def: TeacherQuestion, seed: number): Promise<TeacherBuilt> {
    return this.teacher.build(def, seed);
  }

  question(round: Round): Question {
    let q = this.questions.get(round.id);
    if (!q && round.custom !== null) {
      q = decodeQuestion(round.custom); // a teacher's question, as built when the round opened
      this.questions.set(round.id, q);
    }
    if (!q) {
      q = generate(round.seed, round.level, round.topic);
      // A round opened by another generator version keeps its recorded answer.
      if (q.answer !== round.answer) q = { ...q, answer: round.answer };
      this.questions.set(round.id, q);
    }
    return q;
  }

  openRound(scopeId: string, channelId: string): Promise<Round | undefined> {
    return this.store.rounds.openIn(scopeId, channelId);
  }

  /**
   * Checks and records an answer: to a given round (a button or form), or to the channel's open
   * round. A round's buttons count only in the round's own channel. The round comes from what this
   * process last saw of the channel (a round changes only when it closes or its deadline moves),
   * so an answer is one call to the store: the store checks the round is still open, and only
   * when it is not is the channel read again (another process may have closed it, or opened the next).
   */
  async answer(req: { scopeId: string; channelId: string; player: Player; text: string; roundId?: number | undefined }): Promise<AnswerOutcome> {
    const known = this.openRounds.get(channelKey(req));
    const seen = known && (req.roundId === undefined || req.roundId === known.id) ? known : undefined;
    const outcome = await this.answerRound(req, seen ?? (await this.roundAsked(req)));
    if (outcome.kind !== 'closed' || seen === undefined) return outcome;
    this.openRounds.delete(channelKey(req));
    const fresh = await this.roundAsked(req);
    return fresh && (fresh.id !== seen.id || fresh.closesAt !== seen.closesAt) ? this.answerRound(req, fresh) : { kind: 'closed', round: fresh ?? seen };
  }

  /** The round an answer is for, read from the store (and remembered while it is open). */
  private async roundAsked(req: { scopeId: string; channelId: string; roundId?: number | undefined }): Promise<Round | undefined> {
    const round = req.roundId !== undefined ? await this.store.rounds.get(req.roundId) : await this.store.rounds.openIn(req.scopeId, req.channelId);
    if (round && round.closedAt === null && round.scopeId === req.scopeId && round.channelId === req.channelId) this.openRounds.set(channelKey(round), round);
    return round;
  }

  private async answerRound(req: { scopeId: string; channelId: string; player: Player; text: string }, round: Round | undefined): Promise<AnswerOutcome> {
    if (!round || round.scopeId !== req.scopeId) return { kind: 'noRound' };
    if (round.channelId !== req.channelId) return { kind: 'elsewhere', round };
    const question = this.question(round);
    const parsed = parseAnswer(req.text, question.choices?.length ?? 0);
    if (!parsed.ok) return { kind: 'invalid', error: parsed.error };
    const value = 'choice' in parsed ? question.choices![parsed.choice]! : parsed.value;
    const now = this.clock.now();
    if (round.closedAt !== null || now >= round.closesAt) return { kind: 'closed', round };
    const correct = value === round.answer;
    const diagnosis: Diagnosis = correct ? { kind: 'none' } : diagnose(question, value, req.text);
    const scope = await this.scope(req.scopeId);
    const result = await this.store.rounds.answer({
      roundId: round.id,
      player: req.player,
      value,
      correct,
      mistakes: diagnosisIds(diagnosis),
      // The skills of a round's mistakes come back in /review.
      lapses: certainFamilies(diagnosis),
      points: POINTS[round.level],
      now,
      week: isoWeek(now, scope.timezone),
      daily: { cap: scope.dailyCap, ...localDay(now, scope.timezone) },
    });
    switch (result.status) {
      case 'missing':
        return { kind: 'noRound' };
      case 'closed':
        return { kind: 'closed', round };
      case 'duplicate':
        return { kind: 'duplicate', round, previous: result.previous };
      case 'recorded':
        return { kind: 'recorded', round, question, value, correct, first: result.first, points: result.points, diagnosis, unscored: result.unscored, dailyCap: scope.dailyCap };
    }
  }

  /** Closes a round (time up, or an admin) and posts its reveal; false if it was already closed. */
  async close(roundId: number, reason: CloseReason): Promise<boolean> {
    this.timers.get(roundId)?.cancel();
    this.timers.delete(roundId);
    const closed = await this.store.rounds.close(roundId, { now: this.clock.now(), reason, lease: this.lease(), bonus: { points: FIRST_BONUS, minAnswers: MIN_ANSWERS_FOR_BONUS } });
    if (!closed) return false;
    this.openRounds.delete(channelKey(closed));
    await this.reveal(closed, 0);
    return true;
  }

  async setMessageRef(roundId: number, ref: string): Promise<void> {
    await this.store.rounds.setMessageRef(roundId, ref);
  }

  /** A board: this week's, all time, the current season's or a named (past) season's; undefined when the season does not exist. */
  async leaderboard(req: {
    scopeId: string;
    period: Period;
    season?: string | undefined;
    page: number;
    asker?: Player | undefined;
    week?: string | undefined;
    size?: number | undefined;
  }): Promise<Leaderboard | undefined> {
    const size = Math.min(Math.max(1, req.size ?? PAGE_SIZE), MAX_PAGE_SIZE);
    const scope = await this.scope(req.scopeId);
    let board: Board;
    let week: string | undefined;
    let season: Season | undefined;
    if (req.season !== undefined || req.period === 'season') {
      season = req.season !== undefined ? await this.scopes.seasonByName(req.scopeId, req.season) : await this.scopes.currentSeason(req.scopeId);
      if (!season) return undefined;
      board = seasonBoard(season.id);
    } else if (req.period === 'week') {
      week = req.week ?? isoWeek(this.clock.now(), scope.timezone);
      board = weekBoard(week);
    } else {
      board = ALL_TIME;
    }
    // The size, the asker's own row and the page asked for, read together; the page read again
    // only when it was past the end.
    const asked = Math.max(1, req.page);
    const view = await this.store.boards.view(req.scopeId, board, { offset: (asked - 1) * size, limit: size }, req.asker?.userId);
    const players = view.size;
    const pages = Math.max(1, Math.ceil(players / size));
    const page = Math.min(asked, pages);
    const rows = page === asked ? view.rows : await this.store.boards.page(req.scopeId, board, { offset: (page - 1) * size, limit: size });
    return { period: season ? 'season' : req.period, week, season, rows, page, pages, players, mine: view.mine };
  }

  /** Changes an open round's length (counted from its opening); closes it at once if that has passed. */
  async setDuration(roundId: number, seconds: number): Promise<Round | undefined> {
    const round = await this.store.rounds.get(roundId);
    if (!round || round.closedAt !== null) return undefined;
    const closesAt = round.openedAt + 1000 * seconds;
    if (closesAt <= this.clock.now()) {
      await this.close(roundId, 'admin');
      return this.store.rounds.get(roundId);
    }
    const updated = await this.store.rounds.setDeadline(roundId, closesAt);
    if (!updated) return undefined;
    this.openRounds.set(channelKey(updated), updated);
    this.arm(updated);
    return updated;
  }

  /** Takes a member's scores off every board of the scope (their answers stay, at 0 points). */
  removeScores(scopeId: string, memberId: number): Promise<number> {
    return this.store.boards.removeScores(scopeId, memberId);
  }

  findMember(scopeId: string, query: string): Promise<Member | undefined> {
    return this.store.scopes.findMember(scopeId, query);
  }

  /** A player's answers, oldest first; empty (and nothing written) for someone who never answered. */
  async history(scopeId: string, player: Player): Promise<HistoryItem[]> {
    const member = await this.store.scopes.memberId(scopeId, player.userId);
    return member === undefined ? [] : this.store.reports.history(member);
  }

  /** Points per week on the latest `limit` weekly boards the player is on, oldest first. */
  async weeklyPoints(scopeId: string, player: Player, limit: number): Promise<Array<{ week: string; points: number }>> {
    const member = await this.store.scopes.memberId(scopeId, player.userId);
    return member === undefined ? [] : this.store.boards.weeklyPoints(scopeId, member, limit);
  }

  async stats(scopeId: string, player: Player): Promise<readonly TopicStat[]> {
    const member = await this.store.scopes.memberId(scopeId, player.userId);
    return member === undefined ? [] : this.store.reports.topicStats(member);
  }

  /**
   * With no level asked for, /quiz follows the asker's recent accuracy, else the channel's (a
   * scheduled round has its own level), within the levels the scope allows.
   */
  private async levelFollowing(scope: Scope, opener: Opener, channelId: string): Promise<Level> {
    let accuracy: Accuracy | undefined;
    if (opener.kind !== 'schedule') {
      const member = await this.store.scopes.memberId(scope.id, opener.player.userId);
      if (member !== undefined) accuracy = await this.store.reports.recentAccuracy(member, RECENT_ANSWERS);
    }
    if (!accuracy || accuracy.answered < MIN_ANSWERS_FOR_LEVEL) accuracy = await this.store.reports.channelAccuracy(scope.id, channelId, RECENT_CHANNEL_ANSWERS);
    return allowedLevel(levelFor(accuracy), scope.levels);
  }

  private arm(round: Round): void {
    this.timers.get(round.id)?.cancel();
    this.timers.set(
      round.id,
      this.clock.at(round.closesAt, () => this.track(this.closeOnTime(round))),
    );
  }

  /** The timer's close; a locked database only delays it. */
  private async closeOnTime(round: Round): Promise<void> {
    try {
      await this.close(round.id, 'timeout');
    } catch (err) {
      if (!(err instanceof StoreBusyError) || this.stopped) throw err;
      this.timers.set(
        round.id,
        this.clock.at(this.clock.now() + CLOSE_RETRY_MS, () => this.track(this.closeOnTime(round))),
      );
    }
  }

  private track(job: Promise<unknown>): void {
    const tracked = job.catch((err: unknown) => this.onError(err, -1, 0)).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /**
   * Posts the reveal; if the platform refuses (a 5xx, a dropped connection), tries again with
   * backoff until it is posted. The round is marked revealed only once a post succeeded.
   */
  private async reveal(round: Round, attempt: number): Promise<void> {
    this.revealing.add(round.id);
    const reveal: Reveal = { round, question: this.question(round), answers: await this.store.rounds.answers(round.id) };
    try {
      await this.events.roundClosed(reveal);
    } catch (err) {
      const wait = REVEAL_RETRY_MS[Math.min(attempt, REVEAL_RETRY_MS.length - 1)]!;
      this.onError(err, round.id, wait);
      if (this.stopped) {
        this.revealing.delete(round.id);
      } else {
        this.retries.get(round.id)?.cancel();
        this.retries.set(
          round.id,
          this.clock.at(this.clock.now() + wait, () => {
            this.retries.delete(round.id);
            this.track(this.reveal(round, attempt + 1));
          }),
        );
      }
      return;
    }
    await this.markRevealed(round.id);
  }

  /** Records a posted reveal; a locked store only delays it (posting again would post twice). */
  private async markRevealed(roundId: number): Promise<void> {
    try {
      await this.store.rounds.markRevealed(roundId, this.clock.now());
    } catch (err) {
      if (!(err instanceof StoreBusyError) || this.stopped) throw err;
      this.retries.set(
        roundId,
        this.clock.at(this.clock.now() + CLOSE_RETRY_MS, () => this.track(this.markRevealed(roundId))),
      );
      return;
    }
    this.revealing.delete(roundId);
    this.questions.delete(roundId);
  }
}

/** Questions a scope has been asked recently and is not asked again (nor their answers, when it can be helped). */
export const RECENT_QUESTIONS = 200;
/** The answers /quiz's level follows: a student's last 20, or the channel's last 50. */
const RECENT_ANSWERS = 20;
const RECENT_CHANNEL_ANSWERS = 50;

/** A channel's key among all scopes'. */
const channelKey = (at: { readonly scopeId: string; readonly channelId: string }): string => `${at.scopeId}\n${at.channelId}`;

function roundScoring(scope: Scope, opener: Opener): RoundScoring {
  if (opener.kind !== 'student') return 'scored';
  switch (scope.scoring) {
    case 'all':
      return 'scored';
    case 'capped':
      return 'capped';
    case 'scheduled':
      return 'practice';
  }
}
