/**
 * Boards, read in time that does not grow with the board. Beside each member's row (scores) the
 * store keeps how many members stand at each score of a board (score_counts: the board's rungs,
 * kept by triggers on scores, db/007). A rank is one plus the members on the rungs above; a page
 * starts at the rung holding its first position, so only the rows of one tie group are skipped,
 * never the whole board ahead; a board's size is the sum of its rungs. A class of 100,000 has a
 * few thousand rungs at most.
 */
import type { Board, BoardCell, BoardRow, BoardView, Page } from '../domain/index.js';
import type { Driver } from './driver.js';
import { rankedPage, toBoardRow, toCell, type BoardRecord, type CellRecord } from './records.js';
import { bytewise, each, sql } from './sql.js';

export interface BoardStore {
  /**
   * What /leaderboard shows, read together (one statement): the board's size, one page of it,
   * ranked by points then correct answers (ties share a rank: 1, 2, 2, 4), and the asker's own
   * row when they have one.
   */
  view(scopeId: string, board: Board, page: Page, userId?: string): Promise<BoardView>;
  /** One page of a board, ranked. */
  page(scopeId: string, board: Board, page: Page): Promise<BoardRow[]>;
  size(scopeId: string, board: Board): Promise<number>;
  /** The member's own row on a board, with its rank; undefined if they have no score there. */
  rowOf(scopeId: string, board: Board, memberId: number): Promise<BoardRow | undefined>;
  /** Takes a member off every board of the scope; their answers stay (at 0 points) for their own stats. */
  removeScores(scopeId: string, memberId: number): Promise<number>;
  /** A member's points on their latest weekly boards, oldest first: `[{ week: '2026-W48', points }]`. */
  weeklyPoints(scopeId: string, memberId: number, limit: number): Promise<Array<{ week: string; points: number }>>;
  /** Which of `boards` anyone in the scope has a score on, in the order given (the weeks a class played). */
  active(scopeId: string, boards: readonly Board[]): Promise<Board[]>;
  /** The rows of `members` on `boards`: a page of the student × week matrix. */
  cells(scopeId: string, boards: readonly Board[], members: readonly number[]): Promise<BoardCell[]>;
}

/**
 * /leaderboard's read (:scope, :board, :offset, :limit, :user or null): rows tagged `page` (n: the
 * page's first rows tied with the rows before the page, see rankedPage), `size` (n: the board's
 * size) and `mine` (n: the members strictly ahead of the asker). No ORDER BY over the whole: it
 * made the planner's work for each read a third of the read's cost on PostgreSQL (bench/boards.ts),
 * and the page is put back in ranking order by view() (at most MAX_PAGE_SIZE rows).
 */
const VIEW = sql`
  WITH rungs AS (
    SELECT points, correct, members, SUM(members) OVER (ORDER BY points DESC, correct DESC ROWS UNBOUNDED PRECEDING) - members AS ahead
    FROM score_counts WHERE scope_id = :scope AND board = :board
  ), start AS (
    SELECT points, correct, :offset - ahead AS skip FROM rungs WHERE ahead <= :offset ORDER BY ahead DESC LIMIT 1
  )
  SELECT 'page' AS part, p.member_id, m.user_id, m.display_name, p.points, p.correct, p.answered, (SELECT skip FROM start) AS n
  FROM (
    -- From the start rung on: its bounds are constants, so the ranking index is entered there.
    SELECT s.member_id, s.points, s.correct, s.answered FROM scores s
    WHERE s.scope_id = :scope AND s.board = :board AND s.points <= (SELECT points FROM start)
      AND (s.points < (SELECT points FROM start) OR s.correct <= (SELECT correct FROM start))
    ORDER BY s.points DESC, s.correct DESC, s.member_id
    LIMIT :limit OFFSET (SELECT COALESCE(MAX(skip), 0) FROM start)
  ) p JOIN members m ON m.id = p.member_id
  UNION ALL
  SELECT 'size', 0, '', '', 0, 0, 0, (SELECT COALESCE(SUM(members), 0) FROM rungs)
  UNION ALL
  SELECT 'mine', s.member_id, m.user_id, m.display_name, s.points, s.correct, s.answered,
         (SELECT r.ahead FROM rungs r WHERE r.points = s.points AND r.correct = s.correct)
  FROM members m JOIN scores s ON s.scope_id = m.scope_id AND s.board = :board AND s.member_id = m.id
  WHERE m.scope_id = :scope AND m.user_id = :user`;

/** The board's order: points, then correct answers, then the member who joined first. */
const byRank = (a: BoardRecord, b: BoardRecord): number => Number(b.points) - Number(a.points) || Number(b.correct) - Number(a.correct) || Number(a.member_id) - Number(b.member_id);

const SIZE = sql`SELECT COALESCE(SUM(members), 0) AS n FROM score_counts WHERE scope_id = :scope AND board = :board`;
const ROW_OF = sql`
  SELECT s.member_id, m.user_id, m.display_name, s.points, s.correct, s.answered,
         (SELECT COALESCE(SUM(c.members), 0) FROM score_counts c WHERE c.scope_id = s.scope_id AND c.board = s.board
            AND c.points >= s.points AND (c.points > s.points OR c.correct > s.correct)) AS ahead
  FROM scores s JOIN members m ON m.id = s.member_id WHERE s.scope_id = :scope AND s.board = :board AND s.member_id = :member`;
const REMOVE_SCORES = sql`DELETE FROM scores WHERE scope_id = :scope AND member_id = :member`;
const ZERO_POINTS = sql`UPDATE answers SET points = 0, bonus = 0 WHERE member_id = :member`;
const WEEKLY_POINTS = sql`
  SELECT board, points FROM scores
  WHERE member_id = :member AND scope_id = :scope AND ${bytewise('board')} >= 'week:' AND ${bytewise('board')} < 'week;'
  ORDER BY ${bytewise('board')} DESC LIMIT :limit`;
const ACTIVE = sql`
  SELECT b.value AS board FROM ${each('boards', 'b')}
  WHERE EXISTS (SELECT 1 FROM score_counts c WHERE c.scope_id = :scope AND c.board = b.value) ORDER BY b.key`;
// One primary-key look-up per (board, member): the two short lists outermost.
const CELLS = sql`
  SELECT s.member_id, s.board, s.points, s.correct, s.answered
  FROM ${each('boards', 'b')} CROSS JOIN ${each('members', 'm')}
  JOIN scores s ON s.scope_id = :scope AND s.board = b.value AND s.member_id = CAST(m.value AS BIGINT)`;

type ViewRecord = BoardRecord & { part: 'size' | 'page' | 'mine'; n: number | string | null };

export class BoardSql implements BoardStore {
  constructor(private readonly db: Driver) {}

  async view(scopeId: string, board: Board, page: Page, userId?: string): Promise<BoardView> {
    const parts = await this.db.all<ViewRecord>(VIEW, { scope: scopeId, board, offset: page.offset, limit: page.limit, user: userId ?? null });
    const rows = parts.filter((p) => p.part === 'page').sort(byRank);
    const mine = parts.find((p) => p.part === 'mine');
    return {
      size: Number(parts.find((p) => p.part === 'size')?.n ?? 0),
      rows: rankedPage(rows, page.offset, Number(rows[0]?.n ?? 0)),
      mine: mine && toBoardRow(mine, 1 + Number(mine.n)),
    };
  }

  async page(scopeId: string, board: Board, page: Page): Promise<BoardRow[]> {
    return [...(await this.view(scopeId, board, page)).rows];
  }

  async size(scopeId: string, board: Board): Promise<number> {
    return Number((await this.db.get<{ n: number | string }>(SIZE, { scope: scopeId, board }))!.n);
  }

  async rowOf(scopeId: string, board: Board, memberId: number): Promise<BoardRow | undefined> {
    const r = await this.db.get<BoardRecord & { ahead: number | string }>(ROW_OF, { scope: scopeId, board, member: memberId });
    return r && toBoardRow(r, 1 + Number(r.ahead));
  }

  removeScores(scopeId: string, memberId: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      const removed = await tx.run(REMOVE_SCORES, { scope: scopeId, member: memberId });
      await tx.run(ZERO_POINTS, { member: memberId });
      return removed;
    });
  }

  async weeklyPoints(scopeId: string, memberId: number, limit: number): Promise<Array<{ week: string; points: number }>> {
    const rows = await this.db.all<{ board: string; points: number | string }>(WEEKLY_POINTS, { scope: scopeId, member: memberId, limit });
    return rows.reverse().map((r) => ({ week: r.board.slice('week:'.length), points: Number(r.points) }));
  }

  async active(scopeId: string, boards: readonly Board[]): Promise<Board[]> {
    return (await this.db.all<{ board: Board }>(ACTIVE, { scope: scopeId, boards })).map((r) => r.board);
  }

  async cells(scopeId: string, boards: readonly Board[], members: readonly number[]): Promise<BoardCell[]> {
    return (await this.db.all<CellRecord>(CELLS, { scope: scopeId, boards, members })).map(toCell);
  }
}
