/**
 * What a wrong answer is told. A wrong diagnosis is the worst outcome here: a confident, wrong
 * explanation teaches the wrong thing. So a listed mistake is named as the cause only when nothing
 * else explains the number; otherwise the diagnosis says what it knows for certain.
 *
 * In order:
 *  - The listed mistakes (the engine's mistake library on the question's layers) that give this
 *    value. Named as the cause when the difference has no other shape a slip leaves; when it also
 *    has one (exactly a vector as long as a layer's output, a factor, a layer's count, swapped
 *    channels: differences.ts) that is not the listed mistake itself, the number is reached more
 *    than one way: the shape is said first, each listed mistake only as one way to it.
 *  - Else the difference's shape alone, with no cause guessed.
 *  - Else "close, but counts are exact", only for a number shaped like a rounding of the answer: a
 *    scaled form (1.8M, 7.8k) or one ending in at least two zeros; 7,780 for 7,778 is a different
 *    count, not a rounded one.
 *  - Else, for an inverse question, whether the student's number gives too few or too many.
 *  - Else nothing is named, and the reply points at what to look at again.
 * Nothing here states the answer: the diagnosis is shown while the question is open.
 */
import { count } from '../engine/count.js';
import type { MistakeFamily } from '../engine/types.js';
import { msg } from '../i18n/messages.js';
import { inverseCheck } from './build.js';
import { explains, type Difference } from './differences.js';
import type { Mistake, Question } from './question.js';

export type Diagnosis =
  /** Listed mistakes give the value, and nothing else does: each is named as the cause. */
  | { readonly kind: 'named'; readonly mistakes: readonly Mistake[] }
  /** The value has a difference of a known shape that listed mistakes also give: the shape, and each mistake as one way to it. */
  | { readonly kind: 'possible'; readonly difference: Difference; readonly mistakes: readonly Mistake[] }
  /** What the difference equals, and no cause. */
  | { readonly kind: 'difference'; readonly difference: Difference }
  /** A rounding of the answer, or an inverse question's number checked: one note. */
  | { readonly kind: 'note'; readonly mistake: Mistake }
  | { readonly kind: 'none' };

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

/** A scaled form a student types when rounding: 1.8M, 7.8k, 1.79e6. */
const SCALED = /\d\s*[kmgbt]\b|\de[+-]?\d/i;

/**
 * Whether `value` is the answer rounded, as a student rounds: to its own significant digits, and
 * either typed in a scaled form or ending in at least two zeros.
 */
export function roundingOf(answer: bigint, value: bigint, typed?: string): boolean {
  if (value <= 0n || value === answer) return false;
  const digits = value.toString().replace(/0+$/, '').length;
  if (roundSignificant(answer, digits) !== value) return false;
  return (typed !== undefined && SCALED.test(typed)) || value % 100n === 0n;
}

/** `typed`: the answer as the student wrote it, when known (a scaled form is a rounding). */
export function diagnose(question: Question, value: bigint, typed?: string): Diagnosis {
  const listed = question.mistakes.filter((m) => m.value === value);
  const shapes = question.differences.filter((d) => d.value === value);
  if (listed.length > 0) {
    // a shape that is no listed mistake itself is another way to the number: the mistakes are then only possible
    const ids = listed.map((m) => m.id);
    const other = shapes.find((d) => !explains(d, ids));
    return other ? { kind: 'possible', difference: other, mistakes: listed } : { kind: 'named', mistakes: listed };
  }
  if (shapes.length > 0) return { kind: 'difference', difference: shapes[0]! };
  if (roundingOf(question.answer, value, typed)) {
    return { kind: 'note', mistake: { id: 'rounded', family: 'operations', value, why: msg('why.rounded', { within: within(value, question.answer) }) } };
  }
  if (question.ask.kind === 'inverse' && value !== question.answer) {
    const target = count(question.spec).report.counts.total;
    const check = inverseCheck(question.ask, value, target);
    if (check) return { kind: 'note', mistake: check };
  }
  return { kind: 'none' };
}

/** What is recorded of a diagnosis (the answers table's mistake column): every id it gives. */
export function diagnosisIds(d: Diagnosis): string[] {
  switch (d.kind) {
    case 'named':
      return d.mistakes.map((m) => m.id);
    case 'possible':
      return [d.difference.id, ...d.mistakes.map((m) => m.id)];
    case 'difference':
      return [d.difference.id];
    case 'note':
      return [d.mistake.id];
    case 'none':
      return [];
  }
}

/** The skills a diagnosis is sure the student got wrong: those of a named mistake, never of one that is only possible. */
export function certainFamilies(d: Diagnosis): MistakeFamily[] {
  return d.kind === 'named' ? [...new Set(d.mistakes.map((m) => m.family))] : [];
}

/** Every listed mistake a diagnosis names, sure or possible. */
export const namedMistakes = (d: Diagnosis): readonly Mistake[] => (d.kind === 'named' || d.kind === 'possible' ? d.mistakes : []);
