/**
 * A count as students get it wrong: every mistake of the mistake library (each layer kind's list,
 * plus the slips only a model allows, such as leaving a layer out) worked out on one evaluated
 * model. A mistake in one layer changes that layer's count, MACs or output; a changed output is
 * carried on, so a Flatten counted as its channels gives the Dense after it the wrong inputs.
 * Pure: the same engine, the same records, no second set of formulas.
 */
import { addCounts, countTensors, ZERO, type Counts } from './counts.js';
import { SpecError } from './errors.js';
import { evaluateModel, type Node, type Report, type Row } from './model.js';
import { tensorSize } from './counts.js';
import type { Framework, LayerMistake, MistakeFamily, Shape } from './types.js';
import { msg, type MessageRef } from '../i18n/messages.js';
import { groupBy } from '../group.js';

/** The model as a student who makes one mistake counts it. */
export interface Misreading {
  readonly id: string;
  readonly family: MistakeFamily;
  /** The row the mistake is made in, or null for a mistake about the model as a whole. */
  readonly layer: Row | null;
  readonly why: MessageRef;
  readonly counts: Counts;
  readonly macs: bigint | null;
  readonly output: Shape;
}

const minus = (a: Counts, b: Counts): Counts => ({ total: a.total - b.total, trainable: a.trainable - b.trainable, nonTrainable: a.nonTrainable - b.nonTrainable });
const same = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);

/** Every mistake that can happen in the model `report` evaluated (`nodes` from `input`, in `framework`). */
export function misreadings(nodes: readonly Node[], input: Shape | undefined, framework: Framework, report: Report): Misreading[] {
  const out: Misreading[] = [];
  report.rows.forEach((row, at) => {
    // A shared or tied use has nothing of its own to misread: its slip is counting the owner's weights again (modelMistakes).
    if (row.shared !== null || row.tied !== null) return;
    for (const m of row.record.mistakes()) {
      const reshaped = m.output !== undefined && !same(m.output, row.record.outputShape);
      // The last layer's output is the model's: nothing after it to count again.
      const read = reshaped && at < report.rows.length - 1 ? carried(nodes, input, framework, report, at, m) : inPlace(report, row, m);
      if (read) out.push({ id: m.id, family: m.family, layer: row, why: m.why, ...read });
    }
  });
  return [...out, ...modelMistakes(report)];
}

/** A mistake that leaves the layer's output as it is: the totals change by the layer's difference. */
function inPlace(report: Report, row: Row, m: LayerMistake): Pick<Misreading, 'counts' | 'macs' | 'output'> {
  const counts = m.counts ? addCounts(minus(report.counts, row.counts), m.counts) : report.counts;
  const macs = m.macs === undefined || report.macs === null || row.record.macs === null ? report.macs : report.macs - row.record.macs + m.macs;
  return { counts, macs, output: m.output ?? report.output };
}

/** A mistake in a layer's output: the layers after it are counted on what it gives them (undefined when they cannot take it). */
function carried(nodes: readonly Node[], input: Shape | undefined, framework: Framework, report: Report, at: number, m: LayerMistake): Pick<Misreading, 'counts' | 'macs' | 'output'> | undefined {
  try {
    // A plain chain (what questions are): only the layers after the mistake are counted again.
    if (nodes.length === report.rows.length && nodes.every((n) => n.t === 'layer' && n.tie === undefined && n.frozen !== true)) {
      let counts = inPlace(report, report.rows[at]!, m).counts;
      let macs = inPlace(report, report.rows[at]!, m).macs;
      let shape = m.output!;
      for (let i = at + 1; i < nodes.length; i++) {
        const node = nodes[i] as Extract<Node, { t: 'layer' }>;
        const record = node.layer.evaluate(shape, framework);
        counts = addCounts(minus(counts, report.rows[i]!.counts), countTensors(record.tensors));
        const before = report.rows[i]!.record.macs;
        macs = macs === null || record.macs === null || before === null ? null : macs - before + record.macs;
        shape = record.outputShape;
      }
      return { counts, macs, output: shape };
    }
    const r = evaluateModel(nodes, input, framework, { at, ...(m.counts && { counts: m.counts }), ...(m.macs !== undefined && { macs: m.macs }), ...(m.output && { output: m.output }) });
    return { counts: r.counts, macs: r.macs, output: r.output };
  } catch (e) {
    if (e instanceof SpecError) return undefined; // e.g. a kernel larger than the misread input
    throw e;
  }
}

/** Mistakes only a model allows: a layer left out, every layer of a kind left out, every bias, frozen layers counted as trainable, a tied weight counted twice. */
function modelMistakes(report: Report): Misreading[] {
  const weighted = report.rows.filter((r) => r.counts.total > 0n);
  const out: Misreading[] = [];
  const without = (rows: readonly Row[]): Pick<Misreading, 'counts' | 'macs' | 'output'> => {
    const counts = rows.reduce((a, r) => minus(a, r.counts), report.counts);
    const macs = report.macs === null || rows.some((r) => r.record.macs === null) ? report.macs : rows.reduce((a, r) => a - r.record.macs!, report.macs);
    return { counts, macs, output: report.output };
  };
  if (weighted.length >= 2) {
    for (const row of weighted) out.push({ id: 'leftOut', family: 'structure', layer: row, why: msg('why.leftOutLayer', { layer: row.name }), ...without([row]) });
    for (const [type, rows] of groupBy(weighted, (row) => row.record.typeName)) {
      if (rows.length >= 2 && rows.length < weighted.length) out.push({ id: `leftOutAll${type}`, family: 'structure', layer: null, why: msg('why.leftOutKind', { type }), ...without(rows) });
    }
  }
  const withBias = report.rows.filter((r) => r.record.tensors.some((t) => t.role === 'bias'));
  if (withBias.length >= 2) {
    let biases = ZERO;
    for (const row of withBias) {
      for (const t of row.record.tensors) {
        if (t.role !== 'bias') continue;
        const size = tensorSize(t);
        biases = addCounts(biases, t.trainable ? { total: size, trainable: size, nonTrainable: 0n } : { total: size, trainable: 0n, nonTrainable: size });
      }
    }
    out.push({ id: 'forgotBiases', family: 'bias', layer: null, why: msg('why.forgotBiases'), counts: minus(report.counts, biases), macs: report.macs, output: report.output });
  }
  for (const row of report.rows) {
    if (row.tied === null) continue;
    const again = minus(countTensors(row.record.tensors), row.counts);
    out.push({
      id: 'tiedCountedTwice',
      family: 'structure',
      layer: row,
      why: msg('why.tiedCountedTwice', { owner: row.tied }),
      counts: addCounts(report.counts, again),
      macs: report.macs,
      output: report.output,
    });
  }
  const frozen = report.rows.filter((r) => r.counts.total > 0n && r.counts.trainable === 0n);
  if (frozen.length > 0 && report.counts.trainable > 0n) {
    const all = frozen.reduce((a, r) => a + r.counts.total, 0n);
    out.push({
      id: 'frozenCounted',
      family: 'trainable',
      layer: null,
      why: msg('why.frozenCounted'),
      counts: { total: report.counts.total, trainable: report.counts.trainable + all, nonTrainable: report.counts.nonTrainable - all },
      macs: report.macs,
      output: report.output,
    });
  }
  return out;
}
