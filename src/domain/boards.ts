/**
 * Boards: a scope's all-time board, one per ISO week ('week:2026-W48') and one per season
 * ('season:3'). An answer counts on all three; the class's mastery per topic is kept on all time
 * and the season.
 */
export type Board = 'all' | `week:${string}` | `season:${number}`;

export const ALL_TIME: Board = 'all';
export const weekBoard = (week: string): Board => `week:${week}`;
export const seasonBoard = (seasonId: number): Board => `season:${seasonId}`;

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

/** A page of a board: `limit` rows after the first `offset`. */
export interface Page {
  readonly offset: number;
  readonly limit: number;
}

/** One member's row on one board: a cell of the student × week matrix. */
export interface BoardCell {
  readonly memberId: number;
  readonly board: Board;
  readonly points: number;
  readonly correct: number;
  readonly answered: number;
}
