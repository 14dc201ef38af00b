/** The level a student is ready for, from how many of their recent answers were right. */
import type { Accuracy } from '../domain/index.js';
import { LEVELS, type Level } from '../domain/index.js';

/** Answers needed before a level follows them (fewer: easy). */
export const MIN_ANSWERS_FOR_LEVEL = 5;

/** Easy while under half right, hard from four in five. */
export function levelFor(a: Accuracy | undefined): Level {
  if (!a || a.answered < MIN_ANSWERS_FOR_LEVEL) return 'easy';
  const rate = a.correct / a.answered;
  return rate < 0.5 ? 'easy' : rate < 0.8 ? 'medium' : 'hard';
}

/** `wanted` if the scope allows it, else the allowed level nearest to it. */
export function allowedLevel(wanted: Level, allowed: readonly Level[]): Level {
  if (allowed.length === 0 || allowed.includes(wanted)) return wanted;
  const at = LEVELS.indexOf(wanted);
  return [...allowed].sort((a, b) => Math.abs(LEVELS.indexOf(a) - at) - Math.abs(LEVELS.indexOf(b) - at) || LEVELS.indexOf(a) - LEVELS.indexOf(b))[0]!;
}
