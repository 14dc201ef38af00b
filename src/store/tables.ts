/**
 * Whole summary tables filled in: the answer, its rows' verdicts and its points on the boards, in
 * one transaction, with the same board, topic-tally and lapse statements a round's answer uses
 * (rounds.ts), so a table scores exactly where a question does.
 */
import type { MissedRow, TableAnswerInput, TableAnswerResult } from '../domain/index.js';
import type { Driver } from './driver.js';
import { ADD_LAPSES, ADD_SCORES, boardsNow, TALLY_TOPICS } from './rounds.js';
import { ensureMember } from './scopes.js';
import { sql } from './sql.js';

export interface TableStore {
  /** Records a student's table (once per student and table: a second gives `duplicate` and the first one's points). */
  record(answer: TableAnswerInput): Promise<TableAnswerResult>;
  /** The rows of the scope's tables answered wrong most often, most first (ties by table and row). */
  missedRows(scopeId: string, limit: number): Promise<MissedRow[]>;
}

const INSERT_TABLE = sql`
  INSERT INTO table_answers (scope_id, member_id, exercise, points, whole, answered_at) VALUES (:scope, :member, :exercise, :points, :whole, :now)
  ON CONFLICT (member_id, exercise) DO NOTHING RETURNING id`;
const PREVIOUS_TABLE = sql`SELECT points FROM table_answers WHERE member_id = :member AND exercise = :exercise`;
const INSERT_ROW = sql`INSERT INTO table_rows (answer_id, row_index, layer, verdict, mistake) VALUES (:answer, :index, :layer, :verdict, :mistake)`;
const MISSED_ROWS = sql`
  SELECT a.exercise, r.row_index, r.layer, SUM(CASE WHEN r.verdict = 'wrong' THEN 1 ELSE 0 END) AS wrong, COUNT(*) AS answered
  FROM table_answers a JOIN table_rows r ON r.answer_id = a.id
  WHERE a.scope_id = :scope
  GROUP BY a.exercise, r.row_index, r.layer
  HAVING SUM(CASE WHEN r.verdict = 'wrong' THEN 1 ELSE 0 END) > 0
  ORDER BY wrong DESC, a.exercise, r.row_index LIMIT :limit`;

export class TableSql implements TableStore {
  constructor(private readonly db: Driver) {}

  record(a: TableAnswerInput): Promise<TableAnswerResult> {
    return this.db.transaction(async (tx) => {
      const member = await ensureMember(tx, a.scopeId, a.player);
      const at = { scope: a.scopeId, member, exercise: a.exercise, now: a.now, topic: a.topic, right: a.whole ? 1 : 0 };
      const inserted = await tx.get<{ id: number | string }>(INSERT_TABLE, { ...at, points: a.points, whole: a.whole });
      if (inserted === undefined) return { status: 'duplicate', points: Number((await tx.get<{ points: number }>(PREVIOUS_TABLE, at))?.points ?? 0) };
      for (const row of a.rows) await tx.run(INSERT_ROW, { answer: Number(inserted.id), index: row.index, layer: row.layer, verdict: row.verdict, mistake: row.mistake });
      const boards = await boardsNow(tx, a.scopeId, a.week);
      await tx.run(ADD_SCORES, { ...at, boards: boards.all, points: a.points });
      await tx.run(TALLY_TOPICS, { ...at, boards: boards.mastery });
      if (a.lapses.length > 0) await tx.run(ADD_LAPSES, { ...at, families: [...new Set(a.lapses)] });
      return { status: 'recorded', points: a.points };
    });
  }

  async missedRows(scopeId: string, limit: number): Promise<MissedRow[]> {
    const rows = await this.db.all<{ exercise: string; row_index: number; layer: string; wrong: number | string; answered: number | string }>(MISSED_ROWS, { scope: scopeId, limit });
    return rows.map((r) => ({ exercise: r.exercise, index: Number(r.row_index), layer: r.layer, wrong: Number(r.wrong), answered: Number(r.answered) }));
  }
}
