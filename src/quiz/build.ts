/**
 * From a draft to its answer, its named mistakes and its worked solution, all read off the engine:
 * the count of the spec, and the mistake library worked out on the same records (engine/mistakes.ts).
 * A mistake is kept when it gives a different, possible value for what the question asks; where
 * two give the same value both are kept, so a diagnosis names both.
 */
import { count, evaluatedNodes, misread, type CountResult } from '../engine/count.js';
import type { Counts } from '../engine/counts.js';
import { formatInt } from '../engine/format.js';
import { SpecError } from '../engine/errors.js';
import { BITS, memoryMistakes, memoryOf, memoryValue, type MemoryQuantity, type Precision } from '../engine/memory.js';
import type { Misreading } from '../engine/mistakes.js';
import { evaluateModel, type Report, type Row } from '../engine/model.js';
import { ZERO } from '../engine/counts.js';
import type { Shape } from '../engine/types.js';
import { msg, type MessageKey, type MessageRef } from '../i18n/messages.js';
import { Lru } from '../lru.js';
import { differencesOf, type Difference } from './differences.js';
import { labeller } from './labels.js';
import type { Ask, Draft, Mistake, Quantity } from './question.js';
import { workingOf, type WorkStep } from './working.js';

export interface Built {
  readonly answer: bigint;
  readonly mistakes: readonly Mistake[];
  /** The shapes a wrong count's difference may have, said as what they equal (differences.ts); worked out when the question is kept. */
  readonly differences: () => readonly Difference[];
  /** Worked out when the question is kept: a draw for a choice's rank may be thrown away. */
  readonly working: () => readonly WorkStep[];
}

/** What a count (right or misread) says about one quantity; undefined when it cannot say. */
interface Outcome {
  readonly counts: Counts;
  readonly macs: bigint | null;
  readonly output: Shape;
}

export function read(quantity: Quantity, o: Outcome): bigint | undefined {
  switch (quantity) {
    case 'params':
      return o.counts.total;
    case 'trainable':
      return o.counts.trainable;
    case 'nonTrainable':
      return o.counts.nonTrainable;
    case 'macs':
      return o.macs ?? undefined;
    case 'height': {
      const h = o.output[0];
      return h === null || h === undefined ? undefined : BigInt(h);
    }
    case 'size':
      return o.output.every((d): d is number => d !== null) ? o.output.reduce((a, d) => a * BigInt(d), 1n) : undefined;
  }
}

/** Answering the wrong quantity: what each question's students give instead, and why that is wrong. */
const CONFUSIONS: Readonly<Record<Quantity, ReadonlyArray<readonly [string, 'trainable' | 'operations' | 'shape', MessageKey & `why.${string}`, (r: Report) => bigint | null]>>> = {
  params: [
    ['macsForParams', 'operations', 'why.macsForParams', (r) => r.macs],
    ['gaveTrainable', 'trainable', 'why.gaveTrainable', (r) => r.counts.trainable],
  ],
  trainable: [
    ['gaveTotal', 'trainable', 'why.gaveTotal', (r) => r.counts.total],
    ['gaveNonTrainable', 'trainable', 'why.gaveNonTrainable', (r) => r.counts.nonTrainable],
  ],
  nonTrainable: [
    ['gaveTotal', 'trainable', 'why.gaveTotalForNon', (r) => r.counts.total],
    ['gaveTrainable', 'trainable', 'why.gaveTrainableForNon', (r) => r.counts.trainable],
  ],
  macs: [
    ['paramsForMacs', 'operations', 'why.paramsForMacs', (r) => r.counts.total],
    ['flopsForMacs', 'operations', 'why.flopsNotMacs', (r) => (r.macs === null ? null : 2n * r.macs)],
  ],
  height: [],
  size: [
    ['sizeWithoutChannels', 'shape', 'why.flattenChannels', (r) => (r.output.length > 1 && r.output[r.output.length - 1] !== 1 ? spatialVolume(r.output) : null)],
    ['sizeGaveHeight', 'shape', 'why.sizeNotHeight', (r) => (r.output.length > 1 && r.output[0] !== null ? BigInt(r.output[0]!) : null)],
  ],
};

/**
 * What a build keeps: the answer and the named mistakes, by spec and ask. The engine is pure, so
 * the same configuration asked in other words (or by another scope, or on another draw for a
 * choice's rank) is worked out once. Not the count they were read off: a kept count holds its
 * records, tens of kilobytes a question, which a cache of thousands of questions would keep in the
 * bot's process while it is quiet; the working and the differences, asked once a question is
 * posted, count the spec again (COUNTED).
 */
interface Kept {
  readonly answer: bigint;
  readonly mistakes: readonly Mistake[];
}

const built = new Lru<string, Kept | null>({ maxEntries: 2_000, maxBytes: 8 * 1024 * 1024, sizeOf: (k) => 256 + (k ? 256 * k.mistakes.length : 0), dropWhenQuiet: true });

/**
 * The last specs counted: the asks of one model (a table's rows, a question and its working) read
 * one count. A count holds about 8 KB and up to 2 KB a layer (measured: 10.6 KB for a two-Dense
 * model, 51 KB for Llama 3.1 8B's 131 rows, whose layers share their records), hence the few entries.
 */
const COUNTED = new Lru<string, CountResult>({ maxEntries: 32, maxBytes: 4 * 1024 * 1024, sizeOf: (r) => 8192 + 1024 * r.report.rows.length, dropWhenQuiet: true });

function counted(spec: string): CountResult {
  let result = COUNTED.get(spec);
  if (result === undefined) {
    result = count(spec);
    COUNTED.set(spec, result);
  }
  return result;
}

/** The second count a question's working reads: the other model of a saving, the model at x + 1 of an inverse. */
function otherCount(ask: Ask): CountResult | undefined {
  if (ask.kind === 'saving') return counted(ask.versus);
  if (ask.kind === 'inverse') return counted(ask.template.replaceAll('{x}', String(ask.unknown + 1)));
  return undefined;
}

/** H×W of a shape, the channels left out; null while unknown. */
function spatialVolume(shape: Shape): bigint | null {
  let v = 1n;
  for (const d of shape.slice(0, -1)) {
    if (d === null) return null;
    v *= BigInt(d);
  }
  return v;
}

/** The smallest output height a question asks for. */
const MIN_HEIGHT = 3n;

/**
 * Counts a draft; undefined when its numbers make no valid layer (the template draws again). Its
 * mistakes and differences name layers as the draft shows them (`labels`), so the same spec shown
 * as Keras and as PyTorch code is built once per form.
 */
export function build(draft: Draft): Built | undefined {
  const key = `${draft.spec}\u0000${askKey(draft.ask)}\u0000${draft.labels ? JSON.stringify(draft.labels) : ''}`;
  let entry = built.get(key);
  if (entry === undefined) {
    entry = keep(draft) ?? null;
    built.set(key, entry);
  }
  return entry === null ? undefined : explained(entry, draft);
}

function keep(draft: Draft): Kept | undefined {
  try {
    const result = counted(draft.spec);
    return buildWith(result, draft.ask, labeller(draft.labels, result.report));
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return undefined;
  }
}

/** A kept build with its working and differences, worked out from the spec's count when asked. */
function explained(entry: Kept, draft: Draft): Built {
  const label = (result: CountResult) => labeller(draft.labels, result.report);
  return {
    ...entry,
    working: () => {
      const result = counted(draft.spec);
      return workingOf(result, draft.ask, label(result), otherCount(draft.ask));
    },
    differences: () => {
      const result = counted(draft.spec);
      return differencesOf(result, draft.ask, entry.answer, label(result));
    },
  };
}

/** What a memory ask reads: `weights:int4`, `training:fp32`, `kv`. */
export const memoryKey = (q: MemoryQuantity): string =>
  q.of === 'weights' ? `weights:${q.precision}` : q.of === 'training' ? `training:${q.mode}` : q.of === 'quantized' ? `quantized:${q.format}` : q.of;

const askKey = (ask: Ask): string => {
  switch (ask.kind) {
    case 'read':
      return ask.quantity;
    case 'saving':
      return `saving:${ask.versus}`;
    case 'inverse':
      return `inverse:${ask.template}:${ask.unknown}`;
    case 'memory':
      return `memory:${memoryKey(ask.quantity)}:${ask.counted}`;
    case 'largest':
      return ask.kind;
    case 'layer':
      return `layer:${ask.index}:${ask.quantity}`;
  }
};

/** A row's label, or the row's place and type where the question names none (a mistake must still say where it is). */
const placed = (label: (row: number) => MessageRef | undefined, result: CountResult, at: number): MessageRef =>
  label(at) ?? msg('label.layer', { index: String(at + 1), type: result.report.rows[at]!.record.typeName });

function buildWith(result: CountResult, ask: Ask, label: (row: number) => MessageRef | undefined): Kept | undefined {
  switch (ask.kind) {
    case 'read': {
      const answer = read(ask.quantity, result.report);
      // An output of one or two positions is a degenerate question (and "+ 1" would name it).
      if (answer === undefined || (ask.quantity === 'height' && answer < MIN_HEIGHT)) return undefined;
      const mistakes = kept(answer, [...fromMisreadings(result, misread(result), (m) => read(ask.quantity, m), label), ...confusions(ask.quantity, result.report)]);
      return { answer, mistakes };
    }
    case 'saving': {
      const versus = counted(ask.versus);
      const mine = result.report.counts.total;
      const theirs = versus.report.counts.total;
      const answer = theirs - mine;
      const mistakes = kept(answer, [
        ...fromMisreadings(result, misread(result), (m) => theirs - m.counts.total, label),
        ...fromMisreadings(versus, misread(versus), (m) => m.counts.total - mine, labeller(undefined, versus.report)),
        { id: 'gaveOwnCount', family: 'structure', value: mine, why: msg('why.gaveOneCount') },
        { id: 'gaveOtherCount', family: 'structure', value: theirs, why: msg('why.gaveOneCount') },
      ]);
      return { answer, mistakes };
    }
    case 'inverse':
      return inverse(result, ask);
    case 'memory':
      return memory(result, ask, label);
    case 'layer':
      return layerAsk(result, ask, label);
    case 'largest': {
      const rows = result.report.rows;
      const best = rows.reduce((b, r, i) => (r.counts.total > rows[b]!.counts.total ? i : b), 0);
      const answer = BigInt(best + 1);
      const mistakes = kept(
        answer,
        rows.flatMap((r, i) =>
          r.counts.total > 0n ? [{ id: `otherLayer@${r.name}`, family: 'structure' as const, value: BigInt(i + 1), why: msg('why.otherLayer', { layer: placed(label, result, i) }) }] : [],
        ),
      );
      return { answer, mistakes };
    }
  }
}

/** Earlier layers whose misread output is carried into the layer asked about: the few just before it. */
const CARRIED_FROM = 4;

/** What a layer's row says about one quantity (its own count, or its output's height or size). */
function readLayer(quantity: 'params' | 'height' | 'size', counts: { total: bigint } | undefined, output: Shape | undefined): bigint | undefined {
  if (quantity === 'params') return counts?.total;
  if (output === undefined) return undefined;
  return read(quantity, { counts: ZERO, macs: null, output });
}

/**
 * One layer of a model: its own mistakes (the mistake library of its kind), the mistakes of the
 * layers just before it that change what it is given (a Flatten counted as its channels gives the
 * Dense after it the wrong inputs), and the slips of reading a table: another layer's number, the
 * model's total, the layer's MACs.
 */
function layerAsk(result: CountResult, ask: Extract<Ask, { kind: 'layer' }>, label: (row: number) => MessageRef | undefined): Kept | undefined {
  const { report } = result;
  const row = report.rows[ask.index];
  if (!row) return undefined;
  const answer = readLayer(ask.quantity, row.counts, row.record.outputShape);
  if (answer === undefined || (ask.quantity === 'height' && answer < MIN_HEIGHT)) return undefined;
  const named = (id: string, layer: Row) => `${id}@${layer.name}`;
  const mistakes: Mistake[] = [];
  for (const m of row.record.mistakes()) {
    const v = readLayer(ask.quantity, m.counts, m.output);
    if (v !== undefined) mistakes.push({ id: named(m.id, row), family: m.family, value: v, why: m.why, layer: placed(label, result, ask.index) });
  }
  // Pasted code is not evaluated again with a layer misread: its layer's own mistakes only.
  const evaluated = evaluatedNodes(result);
  for (let at = Math.max(0, ask.index - CARRIED_FROM); evaluated && at < ask.index; at++) {
    const earlier = report.rows[at]!;
    for (const m of earlier.record.mistakes()) {
      if (m.output === undefined || sameShape(m.output, earlier.record.outputShape)) continue;
      try {
        const misread = evaluateModel(evaluated.nodes, evaluated.input, result.framework, {
          at,
          ...(m.counts && { counts: m.counts }),
          ...(m.macs !== undefined && { macs: m.macs }),
          output: m.output,
        });
        const mine = misread.rows.length === report.rows.length ? misread.rows[ask.index] : undefined;
        const v = mine && readLayer(ask.quantity, mine.counts, mine.record.outputShape);
        if (v !== undefined) mistakes.push({ id: named(m.id, earlier), family: m.family, value: v, why: m.why, layer: placed(label, result, at) });
      } catch (e) {
        if (!(e instanceof SpecError)) throw e; // the misread shape is one the layer cannot take
      }
    }
  }
  if (ask.quantity === 'params') {
    for (const at of [ask.index - 1, ask.index + 1]) {
      const other = report.rows[at];
      if (other && other.counts.total > 0n)
        mistakes.push({ id: `otherLayer@${other.name}`, family: 'structure', value: other.counts.total, why: msg('why.otherLayer', { layer: placed(label, result, at) }) });
    }
    if (report.rows.length > 1) mistakes.push({ id: 'gaveModelTotal', family: 'structure', value: report.counts.total, why: msg('why.gaveModelTotal') });
    if (row.record.macs !== null) mistakes.push({ id: 'macsForParams', family: 'operations', value: row.record.macs, why: msg('why.macsForParams') });
    if (row.counts.nonTrainable > 0n) mistakes.push({ id: 'gaveTrainable', family: 'trainable', value: row.counts.trainable, why: msg('why.gaveTrainable') });
  } else {
    const before = ask.index > 0 ? report.rows[ask.index - 1]!.record.outputShape : report.input;
    const given = readLayer(ask.quantity, undefined, before);
    if (given !== undefined) mistakes.push({ id: 'gaveInput', family: 'shape', value: given, why: msg('why.gaveLayerInput') });
  }
  return { answer, mistakes: kept(answer, mistakes) };
}

const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);

/** Precisions whose bytes per parameter a weights question may be answered with instead (bf16 is fp16's size). */
const PRECISIONS_ASKED: readonly Precision[] = ['fp32', 'fp16', 'int8', 'int4'];

/**
 * A memory figure: the engine's, and the same figure as each memory mistake works it out; the
 * size at another precision than asked; and, when the student counts the parameters first, the
 * figure of every miscounted model.
 */
function memory(result: CountResult, ask: Extract<Ask, { kind: 'memory' }>, label: (row: number) => MessageRef | undefined): Kept | undefined {
  const batch = result.request.batch ?? 1;
  const figures = memoryOf(result.report, batch);
  const answer = memoryValue(figures, ask.quantity);
  if (answer === undefined) return undefined;
  const q = ask.quantity;
  const precisions: Mistake[] =
    q.of === 'weights'
      ? PRECISIONS_ASKED.filter((p) => BITS[p] !== BITS[q.precision]).map((p) => ({
          id: `precision.${p}`,
          family: 'memory',
          value: memoryValue(figures, { of: 'weights', precision: p })!,
          why: msg('why.otherPrecision', { precision: p }),
        }))
      : [];
  const slips = memoryMistakes(result.report, batch).flatMap((m): Mistake[] => {
    const v = memoryValue(m.figures, q);
    return v === undefined ? [] : [{ id: m.id, family: m.family, value: v, why: m.why }];
  });
  const miscounted = ask.counted ? fromMisreadings(result, misread(result), (m) => memoryValue(memoryOf({ ...result.report, counts: m.counts }, batch), q), label) : [];
  return { answer, mistakes: kept(answer, [...slips, ...precisions, ...miscounted]) };
}

/**
 * Mistakes named by the layer they are made in when the spec has several layers, as the question
 * shows that layer. A mistake whose words name the layer themselves (a layer left out, a tied head
 * counted again) says it there, with the question's name for it, and is not said to be "in" it:
 * "in dense_1: that leaves out dense_1" said nothing.
 */
function fromMisreadings(result: CountResult, readings: readonly Misreading[], value: (m: Misreading) => bigint | undefined, label: (row: number) => MessageRef | undefined): Mistake[] {
  const rows = result.report.rows;
  const several = rows.length > 1;
  const out: Mistake[] = [];
  for (const m of readings) {
    const v = value(m);
    if (v === undefined) continue;
    const at = m.layer ? rows.indexOf(m.layer) : -1;
    const id = several && m.layer ? `${m.id}@${m.layer.name}` : m.id;
    const about = NAMES_ITS_LAYER[m.id];
    if (about && at >= 0) {
      out.push({ id, family: m.family, value: v, why: about(placed(label, result, at), m, (path) => ownerLabel(result, label, path)) });
      continue;
    }
    const layer = several && at >= 0 ? placed(label, result, at) : undefined;
    out.push({ id, family: m.family, value: v, why: m.why, ...(layer && { layer }) });
  }
  return out;
}

/** The mistakes about a layer as a whole, said with the question's name for it. */
const NAMES_ITS_LAYER: Readonly<Record<string, (layer: MessageRef, m: Misreading, owner: (path: string) => MessageRef) => MessageRef>> = {
  leftOut: (layer) => msg('why.leftOutLayer', { layer }),
  tiedCountedTwice: (_layer, m, owner) => msg('why.tiedCountedTwice', { owner: owner(m.layer!.tied!) }),
};

/** The layer a tied or shared row's weight belongs to, as the question names it. */
function ownerLabel(result: CountResult, label: (row: number) => MessageRef | undefined, path: string): MessageRef {
  const at = result.report.rows.findIndex((r) => r.module === path || r.name === path);
  return at >= 0 ? placed(label, result, at) : msg('label.code', { code: path });
}

function confusions(quantity: Quantity, report: Report): Mistake[] {
  return CONFUSIONS[quantity].flatMap(([id, family, key, value]) => {
    const v = value(report);
    return v === null ? [] : [{ id, family, value: v, why: msg(key) }];
  });
}

/** Wrong, possible (not negative) and one per id. */
function kept(answer: bigint, mistakes: readonly Mistake[]): Mistake[] {
  const seen = new Set<string>();
  return mistakes.filter((m) => {
    if (m.value === answer || m.value < 0n || seen.has(m.id)) return false;
    seen.add(m.id);
    return true;
  });
}

/** Largest unknown an inverse question solves for: real layers have far fewer filters or units. */
const MAX_UNKNOWN = 1_000_000;

/**
 * An inverse question: x such that the spec's count is the target. Counts are linear in the
 * unknowns asked (filters, units, input channels), so each mistake's count is a line in x, read
 * off at x and x + 1; the x that line gives for the target is the student's answer.
 */
function inverse(result: CountResult, ask: Extract<Ask, { kind: 'inverse' }>): Kept | undefined {
  const x = ask.unknown;
  const target = result.report.counts.total;
  const next = counted(ask.template.replaceAll('{x}', String(x + 1)));
  const slope = next.report.counts.total - target;
  if (slope <= 0n) return undefined;
  const later = new Map(misread(next).map((m) => [`${m.id}@${m.layer?.name ?? ''}`, m.counts.total]));
  const mistakes: Mistake[] = [];
  for (const m of misread(result)) {
    const at1 = later.get(`${m.id}@${m.layer?.name ?? ''}`);
    if (at1 === undefined) continue;
    const a = at1 - m.counts.total;
    const b = m.counts.total - a * BigInt(x);
    if (a <= 0n || (target - b) % a !== 0n) continue;
    const solved = (target - b) / a;
    if (solved < 1n || solved > BigInt(MAX_UNKNOWN)) continue;
    mistakes.push({ id: m.id, family: m.family, value: solved, why: msg(INVERSE_WHY[m.family] ?? 'why.inverseOther') });
  }
  return { answer: BigInt(x), mistakes: kept(BigInt(x), mistakes) };
}

const INVERSE_WHY: Partial<Record<Mistake['family'], MessageKey>> = {
  bias: 'why.inverseBias',
  channels: 'why.inverseChannels',
  kernel: 'why.inverseKernel',
};

/**
 * The check of an inverse answer that matches no mistake: whether the student's number gives too
 * few or too many parameters (not by how many: that would give the answer away).
 */
export function inverseCheck(ask: Extract<Ask, { kind: 'inverse' }>, value: bigint, target: bigint): Mistake | undefined {
  if (value < 1n || value > BigInt(MAX_UNKNOWN)) return undefined;
  try {
    const total = count(ask.template.replaceAll('{x}', value.toString())).report.counts.total;
    if (total === target) return undefined;
    return { id: 'inverseCheck', family: 'structure', value, why: msg(total < target ? 'why.inverseLow' : 'why.inverseHigh', { value: formatInt(value), target: formatInt(target) }) };
  } catch (e) {
    if (e instanceof SpecError) return undefined;
    throw e;
  }
}
