/**
 * Grading a filled-in table row by row. Each row is one of the quiz's own "what does this layer
 * have" questions (build.ts's layer ask), so a wrong row is told the same diagnosis a single
 * question would get: a mistake from the one library, else what the difference equals.
 *
 * A mistake carried down the table is told apart from a fresh one. A row is "carried" when it is
 * wrong against the truth but right from the student's own earlier work:
 *  - with shapes asked, the row recomputed on the student's own output shape of the row before
 *    (the engine evaluates the model again with that output changed) gives the student's number;
 *  - without shapes, the row's diagnosis is a mistake made in an earlier row (a Flatten counted as
 *    its channels gives the Dense after it the wrong inputs) that the student's own earlier row
 *    shows they made (the engine's library has no slip that changes both a row's count and what it
 *    hands on, so with the shapes shown a later count depends on an earlier count only through
 *    the totals: a total that adds up the student's own rows is "summed", right from their work).
 * Carried rows earn their point: one slip costs one row, not every row after it.
 */
import { count, evaluatedNodes } from '../../engine/count.js';
import { SpecError } from '../../engine/errors.js';
import { evaluateModel, type Report } from '../../engine/model.js';
import type { Shape } from '../../engine/types.js';
import { msg, type MessageRef } from '../../i18n/messages.js';
import { build } from '../build.js';
import { diagnose, diagnosisIds, type Diagnosis } from '../diagnose.js';
import type { Ask, Question } from '../question.js';
import type { TableExercise, TableRow } from './model.js';

/** What a student wrote in one row; undefined where they left it blank (or a pasted table lacks it). */
export interface RowAnswer {
  readonly params: bigint | undefined;
  readonly shape?: Shape | undefined;
}

export const TOTALS = ['total', 'trainable', 'nonTrainable'] as const;
export type TotalName = (typeof TOTALS)[number];

export interface TableAnswer {
  readonly rows: readonly RowAnswer[];
  readonly totals: Readonly<Partial<Record<TotalName, bigint>>>;
}

/** Where a carried mistake started: a row's output shape, or a row's own count. */
export interface Origin {
  readonly row: number;
  readonly what: 'shape' | 'params';
}

export type Verdict =
  | { readonly kind: 'right' }
  | { readonly kind: 'blank' }
  /** Wrong against the truth, right from the student's own earlier row. */
  | { readonly kind: 'carried'; readonly from: Origin }
  /** A total that is the sum of the student's own rows. */
  | { readonly kind: 'summed' }
  | { readonly kind: 'wrong'; readonly value: bigint | Shape; readonly diagnosis: Diagnosis };

export interface RowGrade {
  readonly row: TableRow;
  readonly params: Verdict;
  /** Graded where shapes are asked. */
  readonly shape: Verdict | undefined;
}

export interface TableGrade {
  readonly rows: readonly RowGrade[];
  readonly totals: Readonly<Record<TotalName, Verdict>>;
  /** Cells earning a point (right or carried), of all cells asked. */
  readonly earned: number;
  readonly cells: number;
  /** Every cell right with no carried mistake. */
  readonly whole: boolean;
}

/** A verdict that earns its cell's point. */
export const earns = (v: Verdict): boolean => v.kind === 'right' || v.kind === 'carried' || v.kind === 'summed';

const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);

/** One row's or the totals' question as the quiz builds it, for the quiz's diagnosis. */
function questionOf(exercise: TableExercise, ask: Ask): Question | undefined {
  // Feedback names a layer as the table shows it: "row 4 (dense_1)".
  const draft = { prompt: [], spec: exercise.spec, ask, hint: msg('hint.modelChain'), variant: 'table', labels: exercise.rows.map(rowLabel) };
  const built = build(draft);
  if (!built) return undefined;
  return {
    topic: 'model',
    level: exercise.source.level,
    seed: 0,
    key: `table|${exercise.spec}`,
    template: 'table',
    prompt: [],
    spec: exercise.spec,
    ask,
    answer: built.answer,
    mistakes: built.mistakes,
    differences: built.differences(),
    choices: null,
    working: [],
    hint: draft.hint,
  };
}

const diagnosisFor = (question: Question | undefined, value: bigint): Diagnosis => (question ? diagnose(question, value) : { kind: 'none' });

/**
 * Evaluates the model again with row `at`'s output replaced by the student's: the rows after it
 * as the student's own shape makes them; undefined where the shape is one the next layer refuses.
 */
function replayed(exercise: TableExercise, nodes: ReturnType<typeof evaluatedNodes>, at: number, output: Shape): Report | undefined {
  if (!nodes || !exercise.replayable) return undefined;
  try {
    const report = evaluateModel(nodes.nodes, nodes.input, exercise.framework, { at, output });
    return report.rows.length === exercise.rows.length ? report : undefined;
  } catch (e) {
    if (e instanceof SpecError) return undefined;
    throw e;
  }
}

export function gradeTable(exercise: TableExercise, answer: TableAnswer): TableGrade {
  const nodes = exercise.replayable ? evaluatedNodes(count(exercise.spec)) : undefined;
  const grades: RowGrade[] = [];
  /** Per row, where its shape's mistake started (itself or earlier); undefined while shapes are right. */
  const shapeOrigin: Array<Origin | undefined> = [];
  for (const row of exercise.rows) {
    const given = answer.rows[row.index] ?? { params: undefined };
    const i = row.index;
    const before = i > 0 ? answer.rows[i - 1]?.shape : undefined;
    const beforeTruth = i > 0 ? exercise.rows[i - 1]!.shape : undefined;
    // The row as the student's own shape of the row before makes it, when that shape is wrong.
    const own = exercise.blanks.shapes && before && beforeTruth && !sameShape(before, beforeTruth) ? replayed(exercise, nodes, i - 1, before)?.rows[i] : undefined;
    const from: Origin | undefined = own ? (shapeOrigin[i - 1] ?? { row: i - 1, what: 'shape' }) : undefined;

    let shape: Verdict | undefined;
    if (exercise.blanks.shapes) {
      if (given.shape === undefined) shape = { kind: 'blank' };
      else if (sameShape(given.shape, row.shape)) shape = { kind: 'right' };
      else if (own && from && sameShape(given.shape, own.record.outputShape)) shape = { kind: 'carried', from };
      else shape = { kind: 'wrong', value: given.shape, diagnosis: shapeDiagnosis(exercise, i, given.shape) };
      shapeOrigin[i] = shape.kind === 'carried' ? shape.from : shape.kind === 'wrong' ? { row: i, what: 'shape' } : undefined;
    }

    let params: Verdict;
    if (given.params === undefined) params = { kind: 'blank' };
    else if (given.params === row.counts.total) params = { kind: 'right' };
    else if (own && from && given.params === own.counts.total) params = { kind: 'carried', from };
    else {
      const diagnosis = diagnosisFor(questionOf(exercise, { kind: 'layer', index: i, quantity: 'params' }), given.params);
      const earlier = carriedFrom(diagnosis, grades);
      params = earlier !== undefined ? { kind: 'carried', from: { row: earlier, what: 'params' } } : { kind: 'wrong', value: given.params, diagnosis };
    }
    grades.push({ row, params, shape });
  }
  const totals = gradeTotals(exercise, answer, grades);
  const verdicts = [...grades.flatMap((g) => (g.shape ? [g.params, g.shape] : [g.params])), ...TOTALS.map((n) => totals[n])];
  return {
    rows: grades,
    totals,
    earned: verdicts.filter(earns).length,
    cells: verdicts.length,
    whole: verdicts.every((v) => v.kind === 'right'),
  };
}

/**
 * The earlier row whose own mistake this diagnosis names, when the student's answer there shows
 * that very mistake (the same mistake id among that row's diagnosis): the later row is carried.
 */
function carriedFrom(diagnosis: Diagnosis, earlier: readonly RowGrade[]): number | undefined {
  const ids = diagnosisIds(diagnosis);
  if (ids.length === 0) return undefined;
  for (let j = earlier.length - 1; j >= 0; j--) {
    const v = earlier[j]!.params;
    if (v.kind === 'wrong' && diagnosisIds(v.diagnosis).some((id) => ids.includes(id) && id.endsWith(`@${earlier[j]!.row.name}`))) return j;
  }
  return undefined;
}

/** A wrong shape is diagnosed by its height, the one number of it the quiz's layer questions ask. */
function shapeDiagnosis(exercise: TableExercise, index: number, shape: Shape): Diagnosis {
  const height = shape[0];
  const truth = exercise.rows[index]!.shape;
  if (truth.length !== 3 || shape.length !== 3 || height === null || height === undefined || height === truth[0]) return { kind: 'none' };
  return diagnosisFor(questionOf(exercise, { kind: 'layer', index, quantity: 'height' }), BigInt(height));
}

/**
 * The totals: right; the sum of the student's own rows (a total that adds up what they wrote);
 * or wrong, with the diagnosis a "how many (trainable / non-trainable) parameters" question gives
 * (BatchNorm's moving statistics counted as trainable, the trainable part given as the total).
 */
function gradeTotals(exercise: TableExercise, answer: TableAnswer, rows: readonly RowGrade[]): Record<TotalName, Verdict> {
  const own = answer.rows.length === exercise.rows.length && answer.rows.every((r) => r.params !== undefined) ? answer.rows.reduce((a, r) => a + r.params!, 0n) : undefined;
  const verdict = (name: TotalName): Verdict => {
    const given = answer.totals[name];
    if (given === undefined) return { kind: 'blank' };
    if (given === exercise.totals[name]) return { kind: 'right' };
    if (name === 'total' && own !== undefined && given === own && rows.some((r) => r.params.kind !== 'right')) return { kind: 'summed' };
    return { kind: 'wrong', value: given, diagnosis: diagnosisFor(questionOf(exercise, { kind: 'read', quantity: name === 'total' ? 'params' : name }), given) };
  };
  return { total: verdict('total'), trainable: verdict('trainable'), nonTrainable: verdict('nonTrainable') };
}

/** The mistake ids a graded table records (`row3:forgotBias@conv2d_2`): a row's own mistakes, never a carried row's. */
export function gradeMistakes(grade: TableGrade): string[] {
  const ids: string[] = [];
  for (const g of grade.rows) {
    for (const v of [g.params, g.shape]) if (v?.kind === 'wrong') ids.push(...diagnosisIds(v.diagnosis).map((id) => `row${g.row.index + 1}:${id}`));
  }
  for (const name of TOTALS) {
    const v = grade.totals[name];
    if (v.kind === 'wrong') ids.push(...diagnosisIds(v.diagnosis).map((id) => `${name}:${id}`));
  }
  return ids;
}

/** A row as feedback names it: "row 4 (conv2d_2)". */
export const rowLabel = (row: TableRow): MessageRef => msg('table.row', { index: String(row.index + 1), name: row.name });
