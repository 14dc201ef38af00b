/**
 * The table exercise: a model and its summary table, as the lecture asks the class to fill it in
 * (計算一下 Trainable parameter). The model comes from a source: generated from a seed (a small CNN
 * or MLP with BatchNorm and Dropout, deterministic like every question), a preset (the lecture's
 * own VGG16 is `vgg16-lecture`), or a teacher's spec or pasted code. Every number of the table is
 * the counting engine's, read once into rows here; grading and rendering only read the rows.
 */
import { count, evaluatedNodes, type CountResult } from '../../engine/count.js';
import type { Counts } from '../../engine/counts.js';
import { SpecError } from '../../engine/errors.js';
import { rowFormulas } from '../../engine/render.js';
import type { Framework, Shape } from '../../engine/types.js';
import { isLevel, type Level } from '../../domain/index.js';
import { rng, type Rng } from '../random.js';

/** Where a table's model comes from; the source is the exercise's identity (a button carries it). */
export type TableSource = { readonly kind: 'generated'; readonly level: Level; readonly seed: number } | { readonly kind: 'spec'; readonly level: Level; readonly spec: string };

/** What a student fills in: the Param # column always, the output shapes too at the hard level. */
export interface Blanks {
  readonly shapes: boolean;
}

export interface TableRow {
  /** 0-based, as the summary lists the rows. */
  readonly index: number;
  /** Keras's layer name (`conv2d_1`) or PyTorch's module path. */
  readonly name: string;
  readonly typeName: string;
  /** The engine's kind (`conv`, `bn`, ...) and canonical text, for the lecture's drawing. */
  readonly kind: string;
  readonly spec: string;
  /** Output shape without the batch axis, channels last (the engine's order). */
  readonly shape: Shape;
  readonly counts: Counts;
  /** `(3×3×3 + 1)×64 = 1,792`, or `0`. */
  readonly formula: string;
}

export interface TableExercise {
  readonly source: TableSource;
  /** The spec the engine counts (a generated one, a preset's name, or the teacher's text). */
  readonly spec: string;
  readonly framework: Framework;
  readonly input: Shape;
  readonly rows: readonly TableRow[];
  readonly totals: Counts;
  readonly blanks: Blanks;
  /** Whether the rows are a chain the engine can evaluate again with one output changed (carried shapes). */
  readonly replayable: boolean;
}

/** The most rows a table exercise asks (a modal per five rows on Discord; one block each on Slack, which allows 100). */
export const MAX_TABLE_ROWS = 40;

const blanksFor = (level: Level): Blanks => ({ shapes: level === 'hard' });

/**
 * A small model drawn from the seed, in the lecture's style: conv blocks (3×3 conv, BatchNorm at
 * medium and hard, pool/2), then Flatten, Dense, Dropout and the classifier; or an MLP of Dense,
 * BatchNorm and Dropout. No activation rows: Keras's summary of `Conv2D(..., activation='relu')`
 * has none, and the lecture's table has none.
 */
export function generatedSpec(seed: number, level: Level): string {
  const r = rng(seed);
  const norm = level !== 'easy';
  return r.next() < 0.7 ? cnnSpec(r, norm) : mlpSpec(r, norm);
}

function cnnSpec(r: Rng, norm: boolean): string {
  const side = r.pick([28, 32, 48, 64]);
  const channels = side === 28 ? 1 : 3;
  const parts = [`input ${side}x${side}x${channels}`];
  const blocks = r.int(1, 2);
  let filters = r.pick([8, 16, 32]);
  for (let b = 0; b < blocks; b++) {
    const convs = r.int(1, 2);
    for (let c = 0; c < convs; c++) {
      const k = r.pick([3, 3, 5]);
      parts.push(`conv ${filters} ${k}${r.next() < 0.5 ? ' pad=same' : ''}`);
      if (norm && c === convs - 1) parts.push('bn');
    }
    parts.push('maxpool 2');
    filters *= 2;
  }
  parts.push('flatten', `dense ${r.pick([32, 64, 128])}`);
  if (norm) parts.push(`dropout ${r.pick(['0.25', '0.5'])}`);
  parts.push(`dense ${r.pick([2, 10])}`);
  return parts.join(' > ');
}

function mlpSpec(r: Rng, norm: boolean): string {
  const parts = [`input ${r.pick([64, 100, 784])}`];
  const hidden = r.int(1, 3);
  let units = r.pick([128, 256, 512]);
  for (let h = 0; h < hidden; h++) {
    parts.push(`dense ${units}`);
    if (norm) parts.push('bn');
    if (norm || r.next() < 0.5) parts.push(`dropout ${r.pick(['0.2', '0.5'])}`);
    units = Math.max(16, units / 2);
  }
  parts.push(`dense ${r.pick([2, 10])}`);
  return parts.join(' > ');
}

/** What a source's table cannot be made of: why, for one clear message. */
export type TableRefusal = { readonly why: 'count'; readonly error: SpecError } | { readonly why: 'rows'; readonly rows: number } | { readonly why: 'single' };

/** The exercise of a source; a refusal for a spec that does not count, has one layer, or too many rows. */
export function tableExercise(source: TableSource): { readonly ok: true; readonly exercise: TableExercise } | { readonly ok: false; readonly refused: TableRefusal } {
  const spec = source.kind === 'generated' ? generatedSpec(source.seed, source.level) : source.spec;
  let result: CountResult;
  try {
    result = count(spec);
  } catch (e) {
    if (e instanceof SpecError) return { ok: false, refused: { why: 'count', error: e } };
    throw e;
  }
  const { report } = result;
  if (result.single || report.rows.length < 2) return { ok: false, refused: { why: 'single' } };
  if (report.rows.length > MAX_TABLE_ROWS) return { ok: false, refused: { why: 'rows', rows: report.rows.length } };
  const formula = rowFormulas();
  const rows = report.rows.map((row, index) => ({
    index,
    name: row.name,
    typeName: row.record.typeName,
    kind: row.record.kind,
    spec: row.record.spec(),
    shape: row.record.outputShape,
    counts: row.counts,
    formula: row.counts.total === 0n ? '0' : formula(row.record),
  }));
  // A chain of layers, one row per node, evaluates again with one output changed; a branching
  // model or pasted code does not line its rows up with its nodes.
  const nodes = evaluatedNodes(result);
  const replayable = nodes !== undefined && nodes.nodes.length === rows.length && nodes.nodes.every((n) => n.t === 'layer');
  return { ok: true, exercise: { source, spec, framework: result.framework, input: report.input, rows, totals: report.counts, blanks: blanksFor(source.level), replayable } };
}

/**
 * A source as a button carries it (`g.hard.123`, `s.medium.vgg16-lecture`), and back; undefined
 * for text this version did not write.
 */
export function encodeSource(source: TableSource): string {
  return source.kind === 'generated' ? `g.${source.level}.${source.seed}` : `s.${source.level}.${source.spec}`;
}

export function decodeSource(text: string): TableSource | undefined {
  const m = /^([gs])\.(\w+)\.([\s\S]+)$/.exec(text);
  if (!m || !isLevel(m[2]!)) return undefined;
  const level = m[2];
  if (m[1] === 's') return { kind: 'spec', level, spec: m[3]! };
  return /^\d{1,10}$/.test(m[3]!) ? { kind: 'generated', level, seed: Number(m[3]) } : undefined;
}
