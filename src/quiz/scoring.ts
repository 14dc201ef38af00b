/**
 * Points (documented in the README and /help): a correct answer that scores earns points by
 * level, and the first correct answer of a round gets a bonus once the round closes, if at least
 * two people answered (alone, "first" means nothing). Wrong answers score nothing and are never
 * negative, so answering is always worth a try. Which rounds score is a scope setting
 * (Scope.scoring); an answer that does not score still counts in /stats.
 */
import type { Level } from '../domain/index.js';

export const POINTS: Readonly<Record<Level, number>> = { easy: 10, medium: 20, hard: 30 };
export const FIRST_BONUS = 5;
export const MIN_ANSWERS_FOR_BONUS = 2;
/** Scored questions per student per day in rounds students start, until an admin changes it (db/sqlite/003_scoring.sql). */
export const DEFAULT_DAILY_CAP = 10;

/**
 * A whole summary table (/quiz table): points for each cell right (a row's count, its shape where
 * asked, each total; a row carried from the student's own earlier mistake counts as right, so one
 * slip costs one cell), and a bonus for a table with every cell right and nothing carried.
 */
export const TABLE_CELL_POINTS: Readonly<Record<Level, number>> = { easy: 2, medium: 3, hard: 4 };
export const TABLE_BONUS = 10;
