/** A teacher's own questions, kept in named sets per scope. */
import type { TeacherAsk } from './ask.js';
import type { Level } from './vocabulary.js';

/** A teacher's question: a spec (or pasted code), what to ask of it, at which level, and optionally in the teacher's words. */
export interface TeacherQuestion {
  readonly spec: string;
  readonly ask: TeacherAsk;
  readonly level: Level;
  readonly wording: string | null;
}

/** A question of a scope's question set. */
export interface StoredQuestion extends TeacherQuestion {
  readonly id: number;
  readonly scopeId: string;
  readonly set: string;
  readonly createdBy: string;
  readonly createdAt: number;
}

export type NewQuestion = Omit<StoredQuestion, 'id'>;
