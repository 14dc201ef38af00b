/** Whole summary tables a student filled in (/quiz table), as the quiz grades and the store keeps them. */
import type { MistakeFamily } from '../engine/types.js';
import type { Player } from './scopes.js';
import type { Topic } from './vocabulary.js';

/** A row as graded: right, right from the student's own earlier mistake (carried), wrong, or left blank. */
export const ROW_VERDICTS = ['right', 'carried', 'wrong', 'blank'] as const;
export type RowVerdict = (typeof ROW_VERDICTS)[number];

export interface TableRowResult {
  /** 0-based, as the summary lists the rows. */
  readonly index: number;
  /** The layer's name in the table (`conv2d_1`). */
  readonly layer: string;
  readonly verdict: RowVerdict;
  /** The row's mistake ids (diagnose.ts), comma-joined; null for a row that is not wrong. */
  readonly mistake: string | null;
}

export interface TableAnswerInput {
  readonly scopeId: string;
  readonly player: Player;
  /** The exercise's identity (a generated table's seed and level, or a preset's or spec's text). */
  readonly exercise: string;
  readonly rows: readonly TableRowResult[];
  /** Points per row right plus the whole table's bonus. */
  readonly points: number;
  readonly whole: boolean;
  /** The topic the table's answer is tallied under and its lapses reviewed in (`model`). */
  readonly topic: Topic;
  /** The skills of the rows' named mistakes, reviewed as Again in /review. */
  readonly lapses: readonly MistakeFamily[];
  readonly now: number;
  /** The ISO week of `now` in the scope's zone: the answer counts on that week's board, all time and the season's. */
  readonly week: string;
}

/** One answer per student per table: a second one is graded but not scored again. */
export type TableAnswerResult = { readonly status: 'recorded'; readonly points: number } | { readonly status: 'duplicate'; readonly points: number };

/** A row of a table the class answered, and how many got it wrong (carried rows are not counted wrong). */
export interface MissedRow {
  readonly exercise: string;
  readonly index: number;
  readonly layer: string;
  readonly wrong: number;
  readonly answered: number;
}
