/** Naming the mistake behind a wrong answer: a known misconception, or a rounded count. */
import { formatInt } from '../engine/format.js';
import { msg } from '../i18n/messages.js';
import type { Mistake, Question } from './question.js';

/** The answer rounded to `digits` significant digits (half up). */
function roundSignificant(value: bigint, digits: number): bigint {
  const length = value.toString().length;
  if (length <= digits) return value;
  const unit = 10n ** BigInt(length - digits);
  return ((value + unit / 2n) / unit) * unit;
}

export function diagnose(question: Question, value: bigint): Mistake | undefined {
  const known = question.mistakes.find((m) => m.value === value);
  if (known) return known;
  // 1.8M for 1,792,000: right up to rounding, but counts are exact.
  const significant = value.toString().replace(/0+$/, '').length;
  if (value > 0n && value !== question.answer && roundSignificant(question.answer, significant) === value) {
    return { id: 'rounded', value, why: msg('why.rounded', { exact: formatInt(question.answer) }) };
  }
  return undefined;
}
