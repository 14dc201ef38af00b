/**
 * A test student who fills in a table exercise: every cell right, or one row made with one listed
 * mistake, or one output shape got wrong and every later row worked out from it (a carried
 * mistake). Their answers are the engine's own numbers, so the grader is held to the engine.
 */
import { count, evaluatedNodes } from '../../src/engine/count.js';
import { evaluateModel } from '../../src/engine/model.js';
import type { Shape } from '../../src/engine/types.js';
import { build } from '../../src/quiz/build.js';
import type { RowAnswer, TableAnswer } from '../../src/quiz/table/grade.js';
import { tableExercise, type TableExercise, type TableSource } from '../../src/quiz/table/model.js';

/** The exercise of a source the test knows makes a table. */
export function exerciseOf(source: TableSource): TableExercise {
  const made = tableExercise(source);
  if (!made.ok) throw new Error(`no table for ${JSON.stringify(source)}`);
  return made.exercise;
}

export function rightAnswer(exercise: TableExercise): TableAnswer {
  return {
    rows: exercise.rows.map((r) => ({ params: r.counts.total, ...(exercise.blanks.shapes && { shape: r.shape }) })),
    totals: { ...exercise.totals },
  };
}

/** A mistake of the row's own kind (its id ends in `@<row name>`) that gives another count than the truth. */
export function ownMistake(exercise: TableExercise, index: number): { id: string; value: bigint } | undefined {
  const row = exercise.rows[index]!;
  const built = build({ prompt: [], spec: exercise.spec, ask: { kind: 'layer', index, quantity: 'params' }, hint: { key: 'hint.modelChain' }, variant: 'table' });
  const m = built?.mistakes.find((x) => x.id.endsWith(`@${row.name}`) && x.value !== row.counts.total && x.value >= 0n);
  return m && { id: m.id, value: m.value };
}

/** The right answer with row `index` counted as `value`, and the totals as the truth has them. */
export function withRow(exercise: TableExercise, index: number, value: bigint): TableAnswer {
  const right = rightAnswer(exercise);
  return { ...right, rows: right.rows.map((r, i) => (i === index ? { ...r, params: value } : r)) };
}

/**
 * Row `index`'s output shape written as `shape`, and every later row worked out from it: the model
 * evaluated with that output, as the student's own work makes it. Undefined where the next layers
 * refuse the shape. The totals are the sum of the student's rows.
 */
export function carriedShape(exercise: TableExercise, index: number, shape: Shape): TableAnswer | undefined {
  const nodes = evaluatedNodes(count(exercise.spec))!;
  let report;
  try {
    report = evaluateModel(nodes.nodes, nodes.input, exercise.framework, { at: index, output: shape });
  } catch {
    return undefined;
  }
  const rows: RowAnswer[] = exercise.rows.map((r, i) =>
    i <= index ? { params: r.counts.total, shape: i === index ? shape : r.shape } : { params: report.rows[i]!.counts.total, shape: report.rows[i]!.record.outputShape },
  );
  const total = rows.reduce((a, r) => a + r.params!, 0n);
  return { rows, totals: { total, trainable: exercise.totals.trainable, nonTrainable: exercise.totals.nonTrainable } };
}
