/**
 * Points (documented in the README): a correct answer scores by level, and the first correct
 * answer of a round gets a bonus. Wrong answers score nothing and are never negative, so
 * answering is always worth a try.
 */
import type { Level } from './types.js';

export const POINTS: Readonly<Record<Level, number>> = { easy: 10, medium: 20, hard: 30 };
export const FIRST_BONUS = 5;
