/** A student's record, worked out from their answers (rounds and practice): streaks and misses. */
import type { HistoryItem } from '../domain/index.js';

export interface Streaks {
  /** Correct answers in a row, up to the latest answer. */
  readonly current: number;
  readonly best: number;
}

export function streaks(history: readonly HistoryItem[]): Streaks {
  let current = 0;
  let best = 0;
  for (const item of history) {
    current = item.correct ? current + 1 : 0;
    best = Math.max(best, current);
  }
  return { current, best };
}

/** The latest wrong answers, newest first. */
export function recentMisses(history: readonly HistoryItem[], count: number): HistoryItem[] {
  return history
    .filter((h) => !h.correct)
    .slice(-count)
    .reverse();
}
