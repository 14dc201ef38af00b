/**
 * What a wrong count differs by, said as what it equals and never as a cause. A student's slip
 * that no listed mistake describes still leaves its mark in the number: exactly one vector as long
 * as a layer's output (a bias, a row of an embedding, a β) too many or too few; a factor (twice,
 * 4/3, once per head, a layer of a block once per head or one head's share); one layer's
 * parameters once more or left out; one filter (unit) of a layer; one of several projections of
 * one size; a convolution with one input channel or a kernel side one off, or its input and output
 * channels swapped; an output one position taller or shorter. These are facts about the two
 * numbers, so saying them guesses nothing; diagnose.ts says one when no listed mistake gives the
 * value, and beside the listed ones when the number fits both (then a listed mistake is only one
 * way to it).
 *
 * `explainedBy` says when listed mistakes are this very difference rather than a coincidence of
 * numbers: a layer's bias left out is its bias vector missing; a layer left out is its parameters
 * missing; heads taken to multiply is the count once per head. It holds one set of mistake ids per
 * place the difference can come from (every layer with a vector that long): the difference is
 * explained when each place has one of its mistakes among those the value gives. A value whose
 * every difference is explained is named with confidence; a vector of a layer no listed mistake
 * accounts for is another way to the number.
 */
import type { CountResult } from '../engine/count.js';
import { tensorSize } from '../engine/counts.js';
import type { Report, Row } from '../engine/model.js';
import { formatInt } from '../engine/format.js';
import { msg, type MessageRef } from '../i18n/messages.js';
import type { Ask } from './question.js';
import { groupBy } from '../group.js';

export interface Difference {
  /** `differs.vector+@conv2d_1`, `differs.times:2`, `differs.layer+@dense_1`, `differs.swapped@conv2d_1` */
  readonly id: string;
  readonly value: bigint;
  readonly why: MessageRef;
  /** Per place the difference can come from, the ids of the listed mistakes that are it (see above); empty: none is. */
  readonly explainedBy: ReadonlyArray<readonly string[]>;
}

/** Factors a count is found multiplied by: numerator and denominator. */
const FACTORS: ReadonlyArray<readonly [bigint, bigint]> = [
  [2n, 1n],
  [1n, 2n],
  [3n, 1n],
  [1n, 3n],
  [4n, 1n],
  [1n, 4n],
  [4n, 3n],
  [3n, 4n],
  [3n, 2n],
  [2n, 3n],
];

/** What a question's count is read as: a quantity of the report, or a figure in bytes. */
type Reading = 'params' | 'trainable' | 'nonTrainable' | 'other';

function readingOf(ask: Ask): Reading {
  if (ask.kind !== 'read') return 'other';
  return ask.quantity === 'params' || ask.quantity === 'trainable' || ask.quantity === 'nonTrainable' ? ask.quantity : 'other';
}

/** A difference explained by no listed mistake. */
const UNEXPLAINED: ReadonlyArray<readonly string[]> = [[]];

/** Whether `listed` (the ids a value's listed mistakes have) are the difference itself. */
export const explains = (d: Difference, listed: readonly string[]): boolean => d.explainedBy.every((place) => place.some((id) => listed.includes(id)));

/** A row's share of the quantity asked. */
const share = (row: Row, reading: Reading): bigint => (reading === 'trainable' ? row.counts.trainable : reading === 'nonTrainable' ? row.counts.nonTrainable : row.counts.total);

/** The listed mistakes that leave out one whole vector of a layer: its bias, its output projection's bias, γ or β. */
const OWN_VECTOR = ['forgotBias', 'forgotOutputBias', 'onePerChannel', 'forgotPointwiseBias'] as const;

/** The id a listed mistake of `row` has in a question (with `@row` when the question has several layers). */
const mistakeId = (id: string, row: Row, several: boolean) => (several ? `${id}@${row.name}` : id);

/**
 * Every difference of these shapes a wrong answer to the question can have. `label` names a row
 * as the question shows it (undefined for a question of one layer). Counts and bytes, and a
 * height's one position; a size and the answers of inverse, saving and "which layer" questions are
 * no such sums.
 */
export function differencesOf(result: CountResult, ask: Ask, answer: bigint, label: (row: number) => MessageRef | undefined): Difference[] {
  const height = (ask.kind === 'read' || ask.kind === 'layer') && ask.quantity === 'height';
  if (height) return positions(answer);
  if (answer <= 0n || !(ask.kind === 'read' || ask.kind === 'memory')) return [];
  if (ask.kind === 'read' && ask.quantity === 'size') return [];
  const reading = readingOf(ask);
  const report = result.report;
  const out: Difference[] = [];
  if (reading !== 'other' && result.lora === undefined) out.push(...layerDifferences(report, reading, answer, label));
  out.push(...factors(report, answer));
  return out.filter((d) => d.value > 0n && d.value !== answer);
}

/** Rows a difference may be about: alone in their top-level item (a repeated block's copies are alike: none is "the" layer). */
function namedRows(report: Report): number[] {
  const perBlock = new Map<number, number>();
  for (const r of report.rows) perBlock.set(r.block, (perBlock.get(r.block) ?? 0) + 1);
  return report.rows.flatMap((r, i) => (perBlock.get(r.block) === 1 && r.shared === null && r.tied === null ? [i] : []));
}

function layerDifferences(report: Report, reading: Reading, answer: bigint, label: (row: number) => MessageRef | undefined): Difference[] {
  const several = report.rows.length > 1;
  const out: Difference[] = [];
  const rows = namedRows(report);
  // a layer left out, or counted twice
  if (several) {
    for (const i of rows) {
      const row = report.rows[i]!;
      const n = share(row, reading);
      if (n === 0n) continue;
      const layer = label(i) ?? msg('label.layer', { index: String(i + 1), type: row.record.typeName });
      out.push({ id: `differs.layer-@${row.name}`, value: answer - n, why: msg('diff.layerMissing', { layer }), explainedBy: [[`leftOut@${row.name}`]] });
      out.push({ id: `differs.layer+@${row.name}`, value: answer + n, why: msg('diff.layerAgain', { layer }), explainedBy: UNEXPLAINED });
    }
  }
  // one vector as long as a layer's output, too many or too few; layers of one width share it (the number cannot tell them apart)
  const withBias = report.rows.filter((r) => r.record.tensors.some((t) => t.role === 'bias'));
  const byWidth = groupBy(rows, (i) => {
    const row = report.rows[i]!;
    const width = row.record.outputShape[row.record.outputShape.length - 1];
    if (typeof width !== 'number' || width < 1 || row.counts.total === 0n || (reading === 'trainable' && row.counts.trainable === 0n)) return undefined;
    return BigInt(width);
  });
  for (const [n, at] of byWidth) {
    // the vector missing is a layer's own bias, γ or β when it has one that long (or is all the layer has):
    // then the listed mistake that leaves it out is this very difference; every such layer is a place it can come from
    const fewer = at.flatMap((i) => {
      const row = report.rows[i]!;
      if (!row.record.tensors.some((t) => t.trainable && tensorSize(t) === n)) return [];
      return [
        [
          ...OWN_VECTOR.map((id) => mistakeId(id, row, several)),
          ...(row.counts.total === n ? [mistakeId('leftOut', row, several)] : []),
          ...(withBias.length === 1 && withBias[0] === row ? ['forgotBiases'] : []),
        ],
      ];
    });
    const layer = at.length === 1 ? label(at[0]!) : undefined;
    const id = at.length === 1 ? `@${report.rows[at[0]!]!.name}` : `:${n}`;
    const words = (dir: 'More' | 'Fewer') =>
      layer ? msg(`diff.vector${dir}`, { n: formatInt(n), layer }) : msg(at.length === 1 ? `diff.vector${dir}One` : `diff.vector${dir}Any`, { n: formatInt(n) });
    out.push({ id: `differs.vector-${id}`, value: answer - n, why: words('Fewer'), explainedBy: fewer.length > 0 ? fewer : UNEXPLAINED });
    out.push({ id: `differs.vector+${id}`, value: answer + n, why: words('More'), explainedBy: UNEXPLAINED });
  }
  // an attention layer of a block counted once per head, or as one head's share
  if (several) {
    for (const i of rows) {
      const row = report.rows[i]!;
      const h = headsOf(row);
      const n = share(row, reading);
      if (h === undefined || h < 2 || n === 0n) continue;
      const layer = label(i) ?? msg('label.layer', { index: String(i + 1), type: row.record.typeName });
      out.push({ id: `differs.timesHeads@${row.name}`, value: answer - n + n * BigInt(h), why: msg('diff.layerTimesHeads', { layer, h: String(h) }), explainedBy: [[`headsMultiplied@${row.name}`]] });
      if (n % BigInt(h) === 0n) out.push({ id: `differs.perHead@${row.name}`, value: answer - n + n / BigInt(h), why: msg('diff.layerPerHead', { layer, h: String(h) }), explainedBy: UNEXPLAINED });
    }
  }
  // attention with projections of one size (Q, K, V, O of D×D): one of them missing, whichever it is
  for (const i of rows) {
    const row = report.rows[i]!;
    const sizes = projections(row);
    const repeated = [...new Set(sizes)].filter((n) => sizes.filter((m) => m === n).length > 1);
    if (reading === 'nonTrainable' || share(row, reading) !== row.counts.total) continue;
    const layer = label(i);
    for (const n of repeated) {
      out.push({
        id: `differs.projection@${row.name}`,
        value: answer - n,
        why: layer ? msg('diff.projectionFewer', { layer, n: formatInt(n) }) : msg('diff.projectionFewerOne', { n: formatInt(n) }),
        explainedBy: UNEXPLAINED,
      });
    }
  }
  // a convolution's or a Dense layer's filters (units): one too many or too few, or C_in and C_out swapped
  if (reading !== 'nonTrainable') {
    for (const i of rows) {
      const row = report.rows[i]!;
      const c = channelsOf(row, report.framework);
      if (c === undefined || share(row, reading) !== row.counts.total) continue;
      const layer = label(i);
      const filter = row.counts.total / BigInt(c.cout);
      if (c.cout > 1) {
        out.push({
          id: `differs.filter-@${row.name}`,
          value: answer - filter,
          why: layer ? msg('diff.filterFewer', { layer, n: formatInt(filter) }) : msg('diff.filterFewerOne', { n: formatInt(filter) }),
          explainedBy: UNEXPLAINED,
        });
        out.push({
          id: `differs.filter+@${row.name}`,
          value: answer + filter,
          why: layer ? msg('diff.filterMore', { layer, n: formatInt(filter) }) : msg('diff.filterMoreOne', { n: formatInt(filter) }),
          explainedBy: UNEXPLAINED,
        });
      }
      // one of its sizes one off: an input channel, or the kernel's side (a 4×4 window for 3×3); a Dense
      // layer's input (and a 1×1 convolution's) is a vector as long as its output, said above
      const perInput = (row.counts.total - (c.bias ? BigInt(c.cout) : 0n)) / BigInt(c.cin);
      const named = layer ?? msg('label.the', { noun: msg('noun.layer') });
      if (perInput !== BigInt(c.cout)) {
        for (const cin of [c.cin - 1, c.cin + 1].filter((x) => x >= 1)) {
          out.push({
            id: `differs.input${cin}@${row.name}`,
            value: answer + BigInt(cin - c.cin) * perInput,
            why: msg('diff.inputOff', { layer: named, cin: formatInt(cin) }),
            explainedBy: UNEXPLAINED,
          });
        }
      }
      if (c.side !== undefined) {
        for (const side of [c.side - 1, c.side + 1].filter((k) => k >= 1)) {
          const count = BigInt(side * side) * BigInt(c.cin) * BigInt(c.cout) + (c.bias ? BigInt(c.cout) : 0n);
          out.push({ id: `differs.kernel${side}@${row.name}`, value: answer - row.counts.total + count, why: msg('diff.kernelOff', { layer: named, k: `${side}×${side}` }), explainedBy: UNEXPLAINED });
        }
      }
      if (c.swapped === undefined) continue;
      // said as the swapped layer reads: it takes C_out channels in and makes C_in
      const why = layer ? msg('diff.swapped', { layer, cin: formatInt(c.cout), cout: formatInt(c.cin) }) : msg('diff.swappedOne', { cin: formatInt(c.cout), cout: formatInt(c.cin) });
      out.push({ id: `differs.swapped@${row.name}`, value: answer - row.counts.total + c.swapped, why, explainedBy: UNEXPLAINED });
    }
  }
  return out;
}

/** An output one position taller or shorter: the forgotten "+ 1" is the first, a slip of many kinds the second. */
function positions(answer: bigint): Difference[] {
  return [
    { id: 'differs.position+', value: answer + 1n, why: msg('diff.positionMore'), explainedBy: UNEXPLAINED },
    { id: 'differs.position-', value: answer - 1n, why: msg('diff.positionFewer'), explainedBy: [['forgotPlusOne']] },
  ];
}

/**
 * A convolution's or a Dense layer's channels, and its count with C_in and C_out swapped
 * (k_h×k_w×C_out×C_in weights and C_in biases; undefined where swapping changes nothing).
 * Undefined for other layers and grouped ones.
 */
function channelsOf(row: Row, framework: 'keras' | 'pytorch'): { cin: number; cout: number; bias: boolean; side: number | undefined; swapped: bigint | undefined } | undefined {
  const { kind, tensors } = row.record;
  if ((kind !== 'conv' && kind !== 'conv1d' && kind !== 'dense') || /\bgroups=/.test(row.record.spec())) return undefined;
  const weight = tensors.find((t) => t.role === 'weight');
  if (!weight) return undefined;
  const shape = weight.shape;
  // Keras keeps (…kernel, C_in, C_out); PyTorch (C_out, C_in, …kernel) for a conv and (OUT, IN) for a Linear
  const [cin, cout] = framework === 'keras' ? [shape[shape.length - 2]!, shape[shape.length - 1]!] : [shape[1]!, shape[0]!];
  const window = tensorSize(weight) / (BigInt(cin) * BigInt(cout));
  const bias = tensors.some((t) => t.role === 'bias');
  // a square 2-D kernel's side, for a window one larger or smaller
  const kernel = kind === 'conv' ? (framework === 'keras' ? shape.slice(0, 2) : shape.slice(2)) : [];
  const side = kernel.length === 2 && kernel[0] === kernel[1] ? kernel[0] : undefined;
  return { cin, cout, bias, side, swapped: cin === cout ? undefined : window * BigInt(cout) * BigInt(cin) + (bias ? BigInt(cin) : 0n) };
}

function factors(report: Report, answer: bigint): Difference[] {
  const out: Difference[] = [];
  const heads = new Set(
    report.rows.flatMap((r) => {
      const h = headsOf(r);
      return h !== undefined && h > 1 ? [h] : [];
    }),
  );
  const several = report.rows.length > 1;
  for (const h of heads) {
    const headed = report.rows.filter((r) => headsOf(r) === h);
    // the whole count once per head is the heads taken to multiply when the question is that one layer
    const explainedBy = headed.length === 1 && !several ? [['headsMultiplied']] : UNEXPLAINED;
    out.push({ id: `differs.times:h${h}`, value: answer * BigInt(h), why: msg('diff.timesHeads', { h: String(h) }), explainedBy });
    if (answer % BigInt(h) === 0n) out.push({ id: `differs.per:h${h}`, value: answer / BigInt(h), why: msg('diff.perHead', { h: String(h) }), explainedBy: UNEXPLAINED });
  }
  for (const [num, den] of FACTORS) {
    if ((answer * num) % den !== 0n) continue;
    const value = (answer * num) / den;
    const why = den === 1n ? msg('diff.times', { f: String(num) }) : msg('diff.fraction', { f: `${num}/${den}` });
    // ×4 with four heads is the heads' factor: the same fact, said once per head above
    const perHead = out.find((d) => d.value === value);
    out.push({ id: den === 1n ? `differs.times:${num}` : `differs.fraction:${num}/${den}`, value, why, explainedBy: perHead?.explainedBy ?? UNEXPLAINED });
  }
  return out;
}

/** An attention layer's heads: its geometry's, or (multi-head attention, which states none) its spec's first argument. */
function headsOf(row: Row): number | undefined {
  if (row.record.attention) return row.record.attention.heads;
  const h = row.record.kind === 'mha' ? /^mha (\d+)/.exec(row.record.spec())?.[1] : undefined;
  return h === undefined ? undefined : Number(h);
}

/**
 * An attention layer's projections, each with its bias: Q, K, V and O (PyTorch's packed in_proj is
 * three alike). Empty for any other layer.
 */
function projections(row: Row): bigint[] {
  if (row.record.kind !== 'mha' && row.record.kind !== 'attention') return [];
  const groups = new Map<string, bigint>();
  for (const t of row.record.tensors) {
    const group = t.name.replace(/_(weight|bias)$/, '').split(/[/.]/)[0]!;
    groups.set(group, (groups.get(group) ?? 0n) + tensorSize(t));
  }
  return [...groups].flatMap(([name, n]) => (name === 'in_proj' ? [n / 3n, n / 3n, n / 3n] : [n]));
}
