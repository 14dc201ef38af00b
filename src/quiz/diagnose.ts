/** Naming the mistake behind a wrong answer: a known misconception, or a rounded count. */
import { msg } from '../i18n/messages.js';
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

export function diagnose(question: Question, value: bigint): Mistake | undefined {
  const known = question.mistakes.find((m) => m.value === value);
  if (known) return known;
  // 1.8M for 1,792,000: right up to rounding, but counts are exact.
  const significant = value.toString().replace(/0+$/, '').length;
  if (value > 0n && value !== question.answer && roundSignificant(question.answer, significant) === value) {
    return { id: 'rounded', value, why: msg('why.rounded', { within: within(value, question.answer) }) };
  }
  return undefined;
}
