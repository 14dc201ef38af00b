/** A teacher's own questions, in named sets per scope. */
import { encodeAsk, type NewQuestion, type StoredQuestion } from '../domain/index.js';
import type { Driver } from './driver.js';
import { toQuestion, type QuestionRecord } from './records.js';
import { sql } from './sql.js';

export interface QuestionStore {
  /** Adds questions to a scope's sets, all of them or (on a failure) none: one transaction. */
  add(questions: readonly NewQuestion[]): Promise<StoredQuestion[]>;
  /** A scope's questions, oldest first: one set's, or every set's. */
  list(scopeId: string, set?: string): Promise<StoredQuestion[]>;
  /** Removes a question of this scope (rounds that asked it keep it); false if there is none. */
  remove(scopeId: string, id: number, now: number): Promise<boolean>;
}

const ADD = sql`
  INSERT INTO questions (scope_id, set_name, spec, ask, level, wording, created_by, created_at)
  VALUES (:scopeId, :set, :spec, :ask, :level, :wording, :createdBy, :createdAt) RETURNING *`;
const LIST = sql`SELECT * FROM questions WHERE scope_id = :scope AND (CAST(:set AS TEXT) IS NULL OR set_name = :set) AND removed_at IS NULL ORDER BY id`;
const REMOVE = sql`UPDATE questions SET removed_at = :now WHERE id = :id AND scope_id = :scope AND removed_at IS NULL`;

export class QuestionSql implements QuestionStore {
  constructor(private readonly db: Driver) {}

  add(questions: readonly NewQuestion[]): Promise<StoredQuestion[]> {
    return this.db.transaction(async (tx) => {
      const added: StoredQuestion[] = [];
      for (const q of questions) added.push(toQuestion((await tx.get<QuestionRecord>(ADD, { ...q, ask: encodeAsk(q.ask) }))!));
      return added;
    });
  }

  async list(scopeId: string, set?: string): Promise<StoredQuestion[]> {
    return (await this.db.all<QuestionRecord>(LIST, { scope: scopeId, set: set ?? null })).map(toQuestion);
  }

  async remove(scopeId: string, id: number, now: number): Promise<boolean> {
    return (await this.db.run(REMOVE, { now, id, scope: scopeId })) === 1;
  }
}
