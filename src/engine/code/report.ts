/**
 * A built model as the student expects to read it: one row per layer named as in the code
 * (`features.0`, `layer1.0.conv1`, like named_modules(); Keras layer names), each with its class,
 * parameters (shared ones counted once, frozen ones as non-trainable), the formula from the
 * counting engine, and the output shape when forward was followed. Totals come from the rows.
 */
import { trackedLayers } from './keras/library.js';
import { countTensors } from '../counts.js';
import { lit, noWeights, product, sum, type Expr } from '../expr.js';
import { summarize, type Block, type Report, type Row } from '../model.js';
import { NAMING } from '../naming.js';
import type { Framework, LayerRecord, ParamTensor, Shape } from '../types.js';
import { msg, type MessageRef } from '../../i18n/messages.js';
import type { Trace } from './torch/library.js';
import { namedModules } from './torch/module.js';
import type { InstanceV, TensorV } from './values.js';

/** A row of pasted code; its channels (Row.channels) are set by report(), the framework's own: its shapes are the traced tensors'. */
export interface CodeRow extends Omit<Row, 'channels'> {
  /** The class as written: Conv2d, Dense, Parameter, or the pasted class. */
  readonly type: string;
  /** The first call's output in the framework's own order, batch axis included; null when forward was not followed. */
  readonly shape: Shape | null;
  /** Times forward called it (0: declared but never used; null: forward not followed). */
  readonly calls: number | null;
  /** Parameters it holds that an earlier row already counted (a tied weight). */
  readonly reuses: bigint;
}

export type Shapes = { readonly known: true; readonly inputs: readonly Shape[] } | { readonly known: false; readonly reason: MessageRef };

export interface CodeSummary {
  /** The model's class (Net) or container (Sequential), and the variable that holds it, if any. */
  readonly model: string;
  readonly variable: string | null;
  readonly rows: readonly CodeRow[];
  readonly shapes: Shapes;
}

/** A directly held nn.Parameter (class token, position table) or a Keras add_weight, as a row. */
function weightRecord(name: string, typeName: string, shape: readonly number[], trainable: boolean): LayerRecord {
  const symbols = shape.length === 1 ? ['n'] : shape.map((_, i) => `d${i + 1}`);
  return {
    kind: 'parameter',
    typeName,
    spec: () => `${typeName.toLowerCase()} ${shape.join('x') || '1'}`,
    tensors: [{ name, shape, role: 'weight', trainable }],
    formula: () => (shape.length === 0 ? lit(1) : product(...shape.map((d, i) => lit(d, shape.length === 1 ? String(d) : symbols[i]!)))),
    outputShape: [],
    macs: 0n,
    conventionSensitive: false,
    notes: [],
    mistake: msg('mistake.parameter'),
    inputForm: '-',
    linears: [],
    attention: null,
    mistakes: () => [],
    shapeWorking: () => [],
    macsFormula: () => null,
  };
}

/** The engine's record with the tensors the module really holds now (tied, removed, frozen). */
function withTensors(record: LayerRecord, tensors: readonly ParamTensor[], typeName: string): LayerRecord {
  const same = tensors.length === record.tensors.length && tensors.every((t, i) => t.name === record.tensors[i]!.name && sameDims(t.shape, record.tensors[i]!.shape));
  const formula = same ? record.formula : (): Expr => (tensors.length === 0 ? lit(0) : sum(...tensors.map((t) => product(...(t.shape.length === 0 ? [lit(1)] : t.shape.map((d) => lit(d)))))));
  return { ...record, typeName, tensors, formula };
}

const sameDims = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

/** A row; `block` is set by report() from the module path's first part. `tied`: whose tensor it reuses. */
const row = (name: string, type: string, record: LayerRecord, shape: Shape | null, calls: number | null, tied: string | null = null, reuses = 0n): CodeRow => ({
  name,
  module: name,
  block: 0,
  call: 'module',
  type,
  record,
  counts: countTensors(record.tensors),
  shape,
  calls,
  shared: null,
  tied,
  reuses,
});

/** The top-level part of a row's path: `layer1` of `layer1.0.conv1`, `encoder` of Keras `encoder/dense`. */
const topOf = (name: string): string => name.split(/[./]/, 1)[0]!;

/** PyTorch: rows in named_modules() order, counted as `parameters()` counts (shared ones once). */
export function torchRows(model: InstanceV, trace: Trace | null, notes: MessageRef[] = []): CodeRow[] {
  const rows: CodeRow[] = [];
  const seen = new Map<TensorV, string>();
  const traced = trace !== null && trace.failure === null;
  for (const [name, m] of namedModules(model)) {
    const s = m.module!;
    const full = (p: string) => (name === '' ? p : `${name}.${p}`);
    let tied: string | null = null;
    let reuses = 0n;
    for (const [p, t] of s.params) {
      const first = t === null ? undefined : seen.get(t);
      if (first === undefined) continue;
      notes.push(msg('note.shared', { name: full(p), first }));
      reuses += (t!.shape ?? []).reduce((n: bigint, d) => n * BigInt(d ?? 0), 1n);
      tied ??= first.includes('.') ? first.slice(0, first.lastIndexOf('.')) : first;
    }
    const own = [...s.params].filter((e): e is [string, TensorV] => e[1] !== null && !seen.has(e[1]));
    own.forEach(([p, t]) => seen.set(t, full(p)));
    if (s.leaf) {
      const call = traced ? trace.leaves.get(m) : undefined;
      const base = call?.record ?? s.leaf.record;
      const roles = new Map(s.leaf.record.tensors.map((t) => [t.name, t.role] as const));
      const tensors = own.map(([p, t]): ParamTensor => ({ name: p, shape: t.shape as number[], role: roles.get(p) ?? 'weight', trainable: t.param!.requiresGrad }));
      // not called by a followed forward: it computes nothing (0 MACs); forward not followed: unknown
      const record = withTensors(call ? base : { ...base, macs: traced ? 0n : null }, tensors, s.leaf.className);
      rows.push(
        row(name === '' ? s.leaf.className.toLowerCase() : name, s.leaf.className, record, call?.shape ?? null, traced ? (call?.calls ?? (usedParams(trace, own) ? 1 : 0)) : null, tied, reuses),
      );
      continue;
    }
    for (const [p, t] of own) {
      const full = name === '' ? p : `${name}.${p}`;
      const used = traced ? (trace.params.has(t) ? 1 : 0) : null;
      rows.push(row(full, 'Parameter', weightRecord(p, 'Parameter', t.shape as number[], t.param!.requiresGrad), null, used));
    }
    if (s.modules.size === 0 && s.params.size === 0 && name !== '' && m.cls.line > 0) {
      // a pasted module with no layers of its own (a custom activation): listed, with nothing to count
      const calls = traced ? (trace.modules.has(m) ? 1 : 0) : null;
      rows.push(row(name, m.cls.name, { ...weightRecord(name, m.cls.name, [], true), tensors: [], formula: noWeights, macs: traced ? 0n : null }, null, calls));
    }
  }
  return rows;
}

function usedParams(trace: Trace, own: ReadonlyArray<readonly [string, TensorV]>): boolean {
  return own.some(([, t]) => trace.params.has(t));
}

/** Keras: the model's layers in order (nested models and pasted layers opened, `outer/inner`). */
export function kerasRows(model: InstanceV): CodeRow[] {
  const rows: CodeRow[] = [];
  const seen = new Set<InstanceV>();
  const visit = (l: InstanceV, prefix: string, frozen: boolean) => {
    if (seen.has(l)) return;
    seen.add(l);
    const s = l.keras!;
    const off = frozen || !s.trainable;
    const name = l === model ? '' : `${prefix}${s.name}`;
    const children = s.model ? s.model.layers : trackedLayers(l);
    const inner = l.dict.get('layer');
    if (s.record) {
      const tensors = s.record.tensors.map((t) => (off ? { ...t, trainable: false } : t));
      const record = withTensors(s.record, tensors, s.className);
      rows.push(row(name || s.name, s.className, record, s.outputShape ?? null, s.calls));
      if (inner && (inner as InstanceV).keras) seen.add(inner as InstanceV);
      return;
    }
    for (const w of s.weights) {
      const shape = (w.tensor.shape ?? []) as number[];
      const full = `${name === '' ? '' : `${name}/`}${w.name}`;
      rows.push(row(full, 'Weight', weightRecord(w.name, 'Weight', shape, !off && w.tensor.param!.requiresGrad), null, s.calls));
    }
    if (!s.built && !s.model && s.def) {
      rows.push(row(name || s.name, s.className, unbuiltRecord(s.className), null, 0));
      return;
    }
    for (const c of children) visit(c, name === '' ? '' : `${name}/`, off);
  };
  visit(model, '', false);
  return rows;
}

function unbuiltRecord(typeName: string): LayerRecord {
  return { ...weightRecord(typeName, typeName, [], true), tensors: [], formula: noWeights, macs: 0n, outputShape: [] };
}

/**
 * Totals, MACs (only when every row's are known) and the Report the renderers read: one block per
 * top-level module (`features`, `layer1`, `fc`), as a preset's per-block table has.
 */
export function report(framework: Framework, rows: readonly CodeRow[], inputs: readonly Shape[], notes: readonly MessageRef[]): Report {
  const blocks: Block[] = [];
  const index = new Map<string, number>();
  const channels = NAMING[framework].channels;
  const placed = rows.map((r): CodeRow & Row => {
    const top = topOf(r.name);
    let block = index.get(top);
    if (block === undefined) {
      block = blocks.length;
      index.set(top, block);
      blocks.push({ name: top, repeat: undefined, output: [], channels });
    }
    if (r.shape !== null) blocks[block] = { ...blocks[block]!, output: r.record.outputShape };
    return { ...r, block, channels };
  });
  const last = placed[placed.length - 1];
  const reused = placed.reduce((n, r) => n + r.reuses, 0n);
  const summary = summarize(framework, inputs[0] ?? [], last?.record.outputShape ?? [], placed, blocks, reused);
  return { ...summary, macs: placed.length > 0 ? summary.macs : null, notes };
}
