/** Weekly quizzes: a schedule, and each of its runs (claimed once, never posted twice). */
import type { Level, Topic } from './vocabulary.js';

export interface Schedule {
  readonly id: number;
  readonly scopeId: string;
  readonly channelId: string;
  /** ISO weekday: 1 = Monday ... 7 = Sunday. */
  readonly weekday: number;
  /** Local time, HH:MM. */
  readonly time: string;
  readonly timezone: string;
  readonly questions: number;
  readonly spacingMinutes: number;
  readonly level: Level;
  readonly topics: readonly Topic[];
  /** A run missed while the bot was down: posted late once, or skipped. */
  readonly missed: 'late' | 'skip';
  readonly createdAt: number;
  /** The question set it draws from (a teacher's questions), or null to generate questions. */
  readonly questionSet: string | null;
}

export type NewSchedule = Omit<Schedule, 'id' | 'questionSet'> & { readonly questionSet?: string | null };

export interface ScheduleRun {
  readonly scheduleId: number;
  readonly slot: number;
  readonly status: 'running' | 'done' | 'skipped';
  readonly posted: number;
  readonly startedAt: number;
}
