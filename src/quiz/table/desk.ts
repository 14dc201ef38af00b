/**
 * Where tables are answered: grading a student's whole table and recording it (its points on the
 * boards, its rows for the teacher's report, its named mistakes for /review), the pages of a form
 * kept until the last one (Discord's modals hold five fields), and the table last posted in each
 * channel, which `/answer` with a line of counts answers.
 *
 * Drafts and posted tables are this process's memory, bounded and for an hour: a form's pages are
 * sent within minutes, and a lost draft only asks the student to start the form again.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.js';
import type { Player, TableRowResult, RowVerdict } from '../../domain/index.js';
import { Lru } from '../../lru.js';
import type { Store } from '../../store/store.js';
import { certainFamilies } from '../diagnose.js';
import { TABLE_BONUS, TABLE_CELL_POINTS } from '../scoring.js';
import type { Scopes } from '../scopes.js';
import { isoWeek } from '../week.js';
import type { MessageRef } from '../../i18n/messages.js';
import { tableChecksHere, type TableChecker } from './check-pool.js';
import { gradeMistakes, type RowGrade, type TableAnswer, type TableGrade, type Verdict } from './grade.js';
import { decodeSource, encodeSource, type TableExercise, type TableSource } from './model.js';

export const DRAFT_TTL_MS = 3_600_000;

/** The longest source a button carries as written (Discord's ids hold 100 characters, the action and page included). */
export const MAX_SOURCE_IN_BUTTON = 60;

/** Who posted a table decides whether it scores (see TableDesk.answer). */
export type PostedBy = 'admin' | 'student';
export const POSTERS: readonly PostedBy[] = ['admin', 'student'];

/** The table last posted in a channel, and who posted it. */
export interface PostedTable {
  readonly source: TableSource;
  readonly by: PostedBy;
}

export interface TableOutcome {
  readonly grade: TableGrade;
  /** Points this answer earned, or the first answer's when it is a second one (not scored again). */
  readonly points: number;
  readonly again: boolean;
  readonly practice: boolean;
}

/** The points a graded table earns at its level. */
export function tablePoints(exercise: TableExercise, grade: TableGrade): number {
  return grade.earned * TABLE_CELL_POINTS[exercise.source.level] + (grade.whole ? TABLE_BONUS : 0);
}

/** A row's verdict for the record: its worst cell (a wrong shape makes the row wrong). */
const ORDER: readonly RowVerdict[] = ['wrong', 'blank', 'carried', 'right'];
const cell = (v: Verdict): RowVerdict => (v.kind === 'summed' ? 'right' : v.kind);
function rowResult(g: RowGrade, mistakes: readonly string[]): TableRowResult {
  const cells = g.shape ? [cell(g.params), cell(g.shape)] : [cell(g.params)];
  const verdict = ORDER.find((v) => cells.includes(v))!;
  const own = mistakes.filter((id) => id.startsWith(`row${g.row.index + 1}:`)).map((id) => id.slice(id.indexOf(':') + 1));
  return { index: g.row.index, layer: g.row.name, verdict, mistake: own.length > 0 ? own.join(',') : null };
}

interface Expiring<T> {
  readonly value: T;
  readonly until: number;
}

export class TableDesk {
  private readonly drafts = new Lru<string, Expiring<readonly string[]>>({ maxEntries: 10_000, maxBytes: 8 * 1024 * 1024, sizeOf: (d) => 64 + d.value.join('').length * 2 });
  private readonly long = new Lru<string, TableSource>({ maxEntries: 1_000, maxBytes: 8 * 1024 * 1024, sizeOf: (s) => 128 + 2 * encodeSource(s).length });
  private readonly posted = new Lru<string, Expiring<PostedTable>>({ maxEntries: 10_000, maxBytes: 8 * 1024 * 1024, sizeOf: () => 256 });

  constructor(
    private readonly store: Store,
    private readonly scopes: Scopes,
    private readonly clock: Clock,
    /** Grades off the event loop in the bot (a worker), in-process by default. */
    private readonly grader: TableChecker = tableChecksHere,
  ) {}

  /**
   * Grades a table and records it. A table a teacher posted scores; one a student posted scores
   * only where every round a student starts does (scoring=all): otherwise it is practice, recorded
   * at 0 points, as a student's own round would be (no farming points alone).
   */
  async answer(req: { scopeId: string; player: Player; exercise: TableExercise; answer: TableAnswer; postedBy: PostedBy }): Promise<TableOutcome | { readonly refused: MessageRef }> {
    const graded = await this.grader.grade({ source: req.exercise.source, answer: req.answer });
    if (!graded.ok) return { refused: graded.error };
    const grade = graded.grade;
    const scope = await this.scopes.get(req.scopeId);
    const now = this.clock.now();
    const wrong = [...grade.rows.flatMap((g) => [g.params, g.shape]), ...Object.values(grade.totals)].filter((v): v is Extract<Verdict, { kind: 'wrong' }> => v?.kind === 'wrong');
    const mistakes = gradeMistakes(grade);
    const practice = req.postedBy === 'student' && scope.scoring !== 'all';
    const points = practice ? 0 : tablePoints(req.exercise, grade);
    const result = await this.store.tables.record({
      scopeId: req.scopeId,
      player: req.player,
      exercise: encodeSource(req.exercise.source),
      rows: grade.rows.map((g) => rowResult(g, mistakes)),
      points,
      whole: grade.whole,
      // A table is a model's count, layer by layer: its mistakes are the model topic's skills.
      topic: 'model',
      lapses: [...new Set(wrong.flatMap((v) => certainFamilies(v.diagnosis)))],
      now,
      week: isoWeek(now, scope.timezone),
    });
    return { grade, points: result.points, again: result.status === 'duplicate', practice };
  }

  /** Keeps a form page's cells until the last page is sent. */
  keepPage(key: DraftKey, page: number, cells: readonly string[]): void {
    this.drafts.set(draftKey(key, page), { value: cells, until: this.clock.now() + DRAFT_TTL_MS });
  }

  /** The cells of pages 0..page-1, in order; undefined when any is no longer kept. */
  pagesBefore(key: DraftKey, page: number): string[] | undefined {
    const cells: string[] = [];
    for (let p = 0; p < page; p++) {
      const kept = this.drafts.get(draftKey(key, p));
      if (!kept || kept.until <= this.clock.now()) return undefined;
      cells.push(...kept.value);
    }
    for (let p = 0; p < page; p++) this.drafts.delete(draftKey(key, p));
    return cells;
  }

  /**
   * A source as a button carries it: as written when short, else by a digest of it kept here (a
   * teacher's spec is longer than Discord's 100-character button id). A digest this process does
   * not know (after a restart) is a table no longer open.
   */
  sourceRef(source: TableSource): string {
    const text = encodeSource(source);
    if (text.length <= MAX_SOURCE_IN_BUTTON) return text;
    const ref = `k.${source.level}.${createHash('sha256').update(text).digest('base64url').slice(0, 16)}`;
    this.long.set(ref, source);
    return ref;
  }

  sourceOf(ref: string): TableSource | undefined {
    return ref.startsWith('k.') ? this.long.get(ref) : decodeSource(ref);
  }

  /** Remembers the table posted in a channel, for `/answer` there. */
  post(scopeId: string, channelId: string, table: PostedTable): void {
    this.posted.set(`${scopeId}\u0000${channelId}`, { value: table, until: this.clock.now() + DRAFT_TTL_MS });
  }

  postedIn(scopeId: string, channelId: string): PostedTable | undefined {
    const p = this.posted.get(`${scopeId}\u0000${channelId}`);
    return p && p.until > this.clock.now() ? p.value : undefined;
  }
}

export interface DraftKey {
  readonly scopeId: string;
  readonly userId: string;
  readonly source: TableSource;
}

const draftKey = (k: DraftKey, page: number) => `${k.scopeId}\u0000${k.userId}\u0000${encodeSource(k.source)}\u0000${page}`;
