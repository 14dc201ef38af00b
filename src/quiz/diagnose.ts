/**
 * Naming the mistake behind a wrong answer: every known misconception that gives this value (two
 * can give the same number; both are named), else how close a rounded count is, else, for an
 * inverse question, what the student's number really gives. Nothing here states the answer: it is
 * shown while the question is open.
 */
import { count } from '../engine/count.js';
import { msg } from '../i18n/messages.js';
import { inverseCheck } from './build.js';
import type { Mistake, Question } from './question.js';

/** The answer rounded to `digits` significant digits (half up). */
function roundSignificant(value: bigint, digits: number): bigint {
  const length = value.toString().length;
  if (length <= digits) return value;
  const unit = 10n ** BigInt(length - digits);
  return ((value + unit / 2n) / unit) * unit;
}

/** Relative error bounds a "close" answer is described by: never the exact number while a question is open. */
const WITHIN_PERMILLE = [1n, 5n, 10n, 20n, 50n, 100n, 200n, 500n] as const;

/** "1%" for an answer at most 1% off the exact count (the smallest bound that holds). */
export function within(value: bigint, exact: bigint): string {
  const error = value > exact ? value - exact : exact - value;
  const bound = WITHIN_PERMILLE.find((p) => error * 1000n <= exact * p) ?? 1000n;
  return bound % 10n === 0n ? `${bound / 10n}%` : `${bound / 10n}.${bound % 10n}%`;
}

export function diagnose(question: Question, value: bigint): Mistake[] {
  const known = question.mistakes.filter((m) => m.value === value);
  if (known.length > 0) return known;
  // 1.8M for 1,792,000: right up to rounding, but counts are exact.
  const significant = value.toString().replace(/0+$/, '').length;
  if (value > 0n && value !== question.answer && roundSignificant(question.answer, significant) === value) {
    return [{ id: 'rounded', family: 'operations', value, why: msg('why.rounded', { within: within(value, question.answer) }) }];
  }
  if (question.ask.kind === 'inverse' && value !== question.answer) {
    const target = count(question.spec).report.counts.total;
    const check = inverseCheck(question.ask, value, target);
    if (check) return [check];
  }
  return [];
}
