/**
 * What a teacher and a student read about a class, from the store's running tallies: the class
 * board, a student's own record, and the teacher's report (a student × week matrix, the class's
 * mastery per topic, and per question the share right and the most common named mistake). Every
 * read is an index range or a lookup by key, bounded by the page asked for, so a report for a
 * class with a million answers costs what one for ten does. Platform-neutral: the web pages and
 * the chat commands read the same things.
 */
import type { Clock } from '../clock.js';
import type { Lang } from '../i18n/messages.js';
import { exportFile, type ExportFile, type ExportFormat } from './exports.js';
import { Lru } from '../lru.js';
import { diagnose, type Diagnosis } from '../quiz/diagnose.js';
import type { Question } from '../quiz/question.js';
import { replay } from '../quiz/replay.js';
import type { QuizService } from '../quiz/service.js';
import { recentMisses, streaks, type Streaks } from '../quiz/stats.js';
import { isoWeek } from '../quiz/week.js';
import type { Store } from '../store/store.js';
import {
  ALL_TIME,
  seasonBoard,
  weekBoard,
  type Board,
  type BoardCell,
  type BoardRow,
  type Card,
  type HistoryItem,
  type Member,
  type Round,
  type MissedRow,
  type Scope,
  type Season,
  type TimeRange,
  type TopicStat,
} from '../domain/index.js';

/** All time, or one season (current or archived): what a report and an export cover. */
export type ReportPeriod = { readonly kind: 'all' } | { readonly kind: 'season'; readonly season: Season };

/** Students per page of the matrix, and questions per page of the question list. */
export const STUDENTS_PER_PAGE = 50;
export const QUESTIONS_PER_PAGE = 20;
/** Week columns a page shows (a term's worth); the export has every week. */
export const PAGE_WEEKS = 16;
/** Weeks looked at for activity: ten years of weekly quizzes. */
const MAX_WEEKS = 520;
const WEEK_MS = 7 * 86_400_000;
/** Latest misses a student's page works out again. */
export const MISSES_SHOWN = 5;
/** Rows of the class's summary tables (/quiz table) the report lists, the most missed first. */
export const TABLE_ROWS_SHOWN = 10;

/** The board a period's totals are on, and the times its answers were given in. */
export function periodBoard(period: ReportPeriod): Board {
  return period.kind === 'all' ? ALL_TIME : seasonBoard(period.season.id);
}

export function periodRange(period: ReportPeriod): TimeRange {
  return period.kind === 'all' ? { from: 0, to: Number.MAX_SAFE_INTEGER } : { from: period.season.startedAt, to: period.season.endedAt ?? Number.MAX_SAFE_INTEGER };
}

export interface Paged<T> {
  readonly rows: readonly T[];
  /** 1-based; past the end is the last page. */
  readonly page: number;
  readonly pages: number;
  readonly total: number;
}

/** A student's row of the matrix: their totals on the period's board and their cells by week. */
export interface StudentRow extends BoardRow {
  readonly weeks: ReadonlyMap<string, BoardCell>;
}

/** A question as the report lists it: the round, the question asked, and what the class answered. */
export interface QuestionRow {
  readonly round: Round;
  /** The question as asked; undefined for a question of an older generator (its seed now gives another). */
  readonly question: Question | undefined;
  readonly answered: number;
  readonly correct: number;
  /**
   * The wrong answer most answerers gave among those the diagnosis had something to say about: its
   * value, how many gave it, and what they were told; undefined when none was diagnosed.
   */
  readonly common: CommonMistake | undefined;
}

export interface ClassReport {
  readonly scope: Scope;
  readonly period: ReportPeriod;
  readonly seasons: readonly Season[];
  /** Week columns of this page, oldest first (`2026-W48`). */
  readonly weeks: readonly string[];
  readonly students: Paged<StudentRow>;
  /** The class's answers per topic in the period, rounds and practice. */
  readonly topics: readonly TopicStat[];
  readonly questions: Paged<QuestionRow>;
  /** The rows of the class's summary tables most often wrong (a row carried from an earlier mistake is not counted wrong). */
  readonly tableRows: readonly MissedRow[];
  readonly totals: { readonly answered: number; readonly correct: number; readonly rounds: number };
}

/** A student's own page. */
export interface StudentPage {
  readonly scope: Scope;
  readonly member: Member;
  /** Points, answers and right answers per week, oldest first. */
  readonly weeks: readonly BoardCell[];
  readonly allTime: BoardRow | undefined;
  readonly topics: readonly TopicStat[];
  readonly streaks: Streaks;
  /** The latest misses, newest first, with the question as it was asked. */
  readonly misses: ReadonlyArray<{ readonly item: HistoryItem; readonly question: Question }>;
  readonly skills: ReadonlyArray<Card & { readonly isDue: boolean }>;
}

const pageOf = (asked: number, total: number, size: number) => {
  const pages = Math.max(1, Math.ceil(total / size));
  return { page: Math.min(Math.max(1, Math.floor(asked)), pages), pages };
};

export class Reports {
  /** Questions of rounds, worked out once: a report lists the same rounds page after page. */
  private readonly asked = new Lru<number, Question | null>({ maxEntries: 2_000, maxBytes: 16 * 1024 * 1024, sizeOf: (q) => (q ? 2_000 + 200 * q.mistakes.length : 64), dropWhenQuiet: true });

  constructor(
    private readonly store: Store,
    private readonly quiz: QuizService,
    private readonly clock: Clock,
  ) {}

  scope(scopeId: string): Promise<Scope> {
    return this.quiz.scope(scopeId);
  }

  /** The period's grades or answers as CSV, read from the store page by page as it is taken. */
  export(scopeId: string, period: ReportPeriod, format: ExportFormat, lang: Lang): ExportFile {
    return exportFile({ store: this.store, reports: this, scopeId, period, format, lang });
  }

  /** A period by season name (`undefined`: all time); undefined when the scope has no such season. */
  async period(scopeId: string, season: string | undefined): Promise<ReportPeriod | undefined> {
    if (season === undefined || season === '') return { kind: 'all' };
    const found = await this.quiz.scopes.seasonByName(scopeId, season);
    return found && { kind: 'season', season: found };
  }

  /**
   * The ISO weeks of the period in which anyone in the class scored, oldest first: the weeks from
   * the period's start (the first round, for all time) to its end, kept when their board has a row.
   */
  async weeks(scope: Scope, period: ReportPeriod): Promise<string[]> {
    const range = periodRange(period);
    const start = period.kind === 'all' ? await this.store.reports.firstRoundAt(scope.id) : range.from;
    if (start === undefined) return [];
    const end = Math.min(range.to, this.clock.now());
    const candidates: Board[] = [];
    // Newest first, so ten years' bound keeps the latest weeks; a 7-day step lands in every week once or twice.
    for (let at = end; at >= start - WEEK_MS && candidates.length < MAX_WEEKS; at -= WEEK_MS) {
      const week = weekBoard(isoWeek(Math.max(at, start), scope.timezone));
      if (candidates[candidates.length - 1] !== week) candidates.push(week);
    }
    const weeks = [...new Set(candidates)].reverse();
    return (await this.store.boards.active(scope.id, weeks)).map((b) => b.slice('week:'.length));
  }

  async classReport(scopeId: string, period: ReportPeriod, o: { readonly studentPage: number; readonly questionPage: number }): Promise<ClassReport> {
    const scope = await this.scope(scopeId);
    const board = periodBoard(period);
    const range = periodRange(period);
    const [seasons, weeks, students, topics, questions, tableRows] = await Promise.all([
      this.quiz.scopes.seasons(scopeId),
      this.weeks(scope, period).then((all) => all.slice(-PAGE_WEEKS)),
      this.store.boards.size(scopeId, board),
      this.store.reports.classTopics(scopeId, board),
      this.store.reports.roundCount(scopeId, range),
      this.store.tables.missedRows(scopeId, TABLE_ROWS_SHOWN),
    ]);
    const s = pageOf(o.studentPage, students, STUDENTS_PER_PAGE);
    const q = pageOf(o.questionPage, questions, QUESTIONS_PER_PAGE);
    const [rows, stats] = await Promise.all([
      this.store.boards.page(scopeId, board, { offset: (s.page - 1) * STUDENTS_PER_PAGE, limit: STUDENTS_PER_PAGE }),
      this.store.reports.roundStats(scopeId, range, (q.page - 1) * QUESTIONS_PER_PAGE, QUESTIONS_PER_PAGE),
    ]);
    const cells =
      rows.length === 0 || weeks.length === 0
        ? []
        : await this.store.boards.cells(
            scopeId,
            weeks.map(weekBoard),
            rows.map((r) => r.memberId),
          );
    const byMember = new Map<number, Map<string, BoardCell>>();
    for (const cell of cells) {
      const mine = byMember.get(cell.memberId) ?? new Map<string, BoardCell>();
      mine.set(cell.board.slice('week:'.length), cell);
      byMember.set(cell.memberId, mine);
    }
    const answered = topics.reduce((a, t) => a + t.answered, 0);
    const correct = topics.reduce((a, t) => a + t.correct, 0);
    return {
      scope,
      period,
      seasons,
      weeks,
      students: { ...s, total: students, rows: rows.map((r) => ({ ...r, weeks: byMember.get(r.memberId) ?? new Map() })) },
      topics,
      questions: {
        ...q,
        total: questions,
        rows: stats.map((stat) => {
          const question = this.questionOf(stat.round);
          return { round: stat.round, question, answered: stat.answered, correct: stat.correct, common: question && commonMistake(question, stat.mistakes) };
        }),
      },
      tableRows,
      totals: { answered, correct, rounds: questions },
    };
  }

  async studentPage(scopeId: string, userId: string): Promise<StudentPage | undefined> {
    const scope = await this.scope(scopeId);
    const memberId = await this.store.scopes.memberId(scopeId, userId);
    if (memberId === undefined) return undefined;
    const [member, latest, allTime, topics, history, cards] = await Promise.all([
      this.store.scopes.member(scopeId, memberId),
      this.store.boards.weeklyPoints(scopeId, memberId, PAGE_WEEKS),
      this.store.boards.rowOf(scopeId, ALL_TIME, memberId),
      this.store.reports.topicStats(memberId),
      this.store.reports.history(memberId),
      this.quiz.practice.cards(memberId),
    ]);
    if (!member) return undefined;
    const weeks =
      latest.length === 0
        ? []
        : await this.store.boards.cells(
            scopeId,
            latest.map((w) => weekBoard(w.week)),
            [memberId],
          );
    weeks.sort((a, b) => (a.board < b.board ? -1 : a.board > b.board ? 1 : 0));
    const now = this.clock.now();
    const misses = recentMisses(history, MISSES_SHOWN * 2)
      .flatMap((item) => {
        const question = replay(item);
        return question ? [{ item, question }] : [];
      })
      .slice(0, MISSES_SHOWN);
    return { scope, member, weeks, allTime, topics, streaks: streaks(history), misses, skills: cards.map((c) => ({ ...c, isDue: c.due <= now })) };
  }

  /** A round's question by its id (an export knows the round by id only), worked out once per round. */
  async questionOfRound(roundId: number): Promise<Question | undefined> {
    const cached = this.asked.get(roundId);
    if (cached !== undefined) return cached ?? undefined;
    const round = await this.store.rounds.get(roundId);
    return round && this.questionOf(round);
  }

  /** The rounds' question, worked out once per round. */
  private questionOf(round: Round): Question | undefined {
    let q = this.asked.get(round.id);
    if (q === undefined) {
      q = replay(round) ?? null;
      this.asked.set(round.id, q);
    }
    return q ?? undefined;
  }
}

/** A question's most common diagnosed wrong answer. */
export interface CommonMistake {
  readonly value: bigint;
  /** Answers that gave it (each student answers a round once: students). */
  readonly answers: number;
  readonly diagnosis: Diagnosis;
}

/**
 * The diagnosed wrong answer most answers gave, by what was recorded of it (a diagnosis's ids,
 * comma-joined): its value is the value of the mistake or difference the ids name, and it is told
 * again as its answerers were told (an id the question no longer gives is skipped).
 */
export function commonMistake(question: Question, made: ReadonlyArray<{ readonly id: string; readonly answers: number }>): CommonMistake | undefined {
  for (const m of [...made].sort((a, b) => b.answers - a.answers)) {
    const ids = m.id.split(',');
    const value = [...question.mistakes, ...question.differences].find((x) => ids.includes(x.id))?.value;
    if (value !== undefined) return { value, answers: m.answers, diagnosis: diagnose(question, value) };
  }
  return undefined;
}

/** A topic's share of right answers, 0..1; undefined with no answers. */
export const share = (correct: number, answered: number): number | undefined => (answered === 0 ? undefined : correct / answered);
