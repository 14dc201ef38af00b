/**
 * A built model as the student expects to read it: one row per layer named as in the code
 * (`features.0`, `layer1.0.conv1`, like named_modules(); Keras layer names), each with its class,
 * parameters (shared ones counted once, frozen ones as non-trainable), the formula from the
 * counting engine, and the output shape when forward was followed. Totals come from the rows.
 */
import { trackedLayers } from './keras/library.js';
import { countTensors, type Counts } from '../counts.js';
import { lit, noWeights, product, sum, type Expr } from '../expr.js';
import { summarize, type Block, type Report, type Row } from '../model.js';
import { NAMING } from '../naming.js';
import type { ChannelsAt, Dim, Framework, LayerRecord, ParamTensor, Shape } from '../types.js';
import { msg, type MessageRef } from '../../i18n/messages.js';
import type { Trace } from './torch/library.js';
import { newPass, type InstanceV, type TensorV } from './values.js';

/** A row of pasted code; its channels (Row.channels) are the framework's own: its shapes are the traced tensors'. */
export interface CodeRow extends Row {
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
    notes: () => [],
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
  // the module holds exactly the record's tensors (nearly every layer): the record itself, which its rows then share
  if (tensors === record.tensors && typeName === record.typeName) return record;
  const same = tensors.length === record.tensors.length && tensors.every((t, i) => t.name === record.tensors[i]!.name && sameDims(t.shape, record.tensors[i]!.shape));
  const formula = same ? record.formula : (): Expr => (tensors.length === 0 ? lit(0) : sum(...tensors.map((t) => product(...(t.shape.length === 0 ? [lit(1)] : t.shape.map((d) => lit(d)))))));
  return { ...record, typeName, tensors, formula };
}

function sameDims(a: readonly Dim[], b: readonly Dim[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A leaf's record with the MACs of a module that a followed forward never called (0) or whose
 * forward was not followed (null). Kept per record: the instances of one layer share their record
 * (LEAF_CACHE), and a thousand pasted nn.Linear(16, 16) copied it a thousand times.
 */
const MACS_OF = { zero: new WeakMap<LayerRecord, LayerRecord>(), unknown: new WeakMap<LayerRecord, LayerRecord>() };

function withMacs(record: LayerRecord, macs: 0n | null): LayerRecord {
  if (record.macs === macs) return record;
  const memo = macs === null ? MACS_OF.unknown : MACS_OF.zero;
  let made = memo.get(record);
  if (made === undefined) {
    made = { ...record, macs };
    memo.set(record, made);
  }
  return made;
}

/** Counts per tensor list: the rows that share a record share its list, and so its counts. */
const COUNTS = new WeakMap<readonly ParamTensor[], Counts>();

function countsOf(tensors: readonly ParamTensor[]): Counts {
  let counts = COUNTS.get(tensors);
  if (counts === undefined) {
    counts = countTensors(tensors);
    COUNTS.set(tensors, counts);
  }
  return counts;
}

/**
 * Numbers the top-level item of each row (`layer1` of `layer1.0.conv1`, `encoder` of Keras
 * `encoder/dense`) in order of first appearance: the rows' Row.block, and report()'s blocks.
 */
class Placement {
  private readonly index = new Map<string, number>();
  readonly channels: ChannelsAt;

  constructor(framework: Framework) {
    this.channels = NAMING[framework].channels;
  }

  /** A row; `tied`: whose tensor it reuses. */
  row(name: string, type: string, record: LayerRecord, shape: Shape | null, calls: number | null, tied: string | null = null, reuses = 0n): CodeRow {
    return {
      name,
      module: name,
      block: this.block(name),
      call: 'module',
      type,
      record,
      counts: countsOf(record.tensors),
      shape,
      calls,
      shared: null,
      tied,
      reuses,
      channels: this.channels,
    };
  }

  private block(name: string): number {
    const top = topOf(name);
    let block = this.index.get(top);
    if (block === undefined) {
      block = this.index.size;
      this.index.set(top, block);
    }
    return block;
  }
}

/** The top-level part of a row's path: `layer1` of `layer1.0.conv1`, `encoder` of Keras `encoder/dense`. */
function topOf(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '.' || c === '/') return name.slice(0, i);
  }
  return name;
}

const path = (prefix: string, name: string) => (prefix === '' ? name : `${prefix}.${name}`);

/**
 * PyTorch: rows in named_modules() order (`modules`, from namedModules), counted as `parameters()`
 * counts (shared ones once).
 */
export function torchRows(modules: ReadonlyArray<readonly [string, InstanceV]>, trace: Trace | null, notes: MessageRef[] = []): CodeRow[] {
  const place = new Placement('pytorch');
  const rows: CodeRow[] = [];
  // each parameter counted is marked with this pass and the index in `modules` of the module that holds it first
  const pass = newPass();
  const traced = trace !== null && trace.failure === null;
  // the names of a module's parameters no earlier module counted; one list, emptied for each module
  const own: string[] = [];
  for (let i = 0; i < modules.length; i++) {
    const [name, m] = modules[i]!;
    const s = m.module!;
    let tied: string | null = null;
    let reuses = 0n;
    own.length = 0;
    for (const p of s.params.keys()) {
      const t = s.params.get(p)!;
      if (t === null) continue;
      // marked as soon as it is met, so a module holding one parameter under two names (a
      // ParameterList of [w, w], `self.q = self.p`) counts it once, as parameters() yields it once
      if (t.param!.countedIn !== pass) {
        t.param!.countedIn = pass;
        t.param!.countedAt = i;
        own.push(p);
        continue;
      }
      const first = pathOf(modules[t.param!.countedAt]!, t);
      notes.push(msg('note.shared', { name: path(name, p), first }));
      reuses += (t.shape ?? []).reduce((n: bigint, d) => n * BigInt(d ?? 0), 1n);
      tied ??= first.includes('.') ? first.slice(0, first.lastIndexOf('.')) : first;
    }
    if (s.leaf) {
      const call = traced ? trace.leaves.get(m) : undefined;
      // not called by a followed forward: it computes nothing (0 MACs); forward not followed: unknown
      const base = call?.record ?? withMacs(s.leaf.record, traced ? 0n : null);
      const record = withTensors(base, heldTensors(s.leaf.record, base, s.params, own), s.leaf.className);
      const calls = traced ? (call?.calls ?? (own.some((p) => trace.params.has(s.params.get(p)!)) ? 1 : 0)) : null;
      rows.push(place.row(name === '' ? s.leaf.className.toLowerCase() : name, s.leaf.className, record, call?.shape ?? null, calls, tied, reuses));
      continue;
    }
    for (const p of own) {
      const t = s.params.get(p)!;
      const used = traced ? (trace.params.has(t) ? 1 : 0) : null;
      rows.push(place.row(path(name, p), 'Parameter', weightRecord(p, 'Parameter', t.shape as number[], t.param!.requiresGrad), null, used));
    }
    if (s.modules.size === 0 && s.params.size === 0 && name !== '' && m.cls.line > 0) {
      // a pasted module with no layers of its own (a custom activation): listed, with nothing to count
      const calls = traced ? (trace.modules.has(m) ? 1 : 0) : null;
      rows.push(place.row(name, m.cls.name, { ...weightRecord(name, m.cls.name, [], true), tensors: [], formula: noWeights, macs: traced ? 0n : null }, null, calls));
    }
  }
  return rows;
}

/** The path of a tensor a module holds, under the first of its names there (the one it is counted under). */
function pathOf([name, m]: readonly [string, InstanceV], t: TensorV): string {
  for (const [p, held] of m.module!.params) if (held === t) return path(name, p);
  return name;
}

/**
 * The tensors a leaf module holds now, named `own` (its parameters no earlier module counted),
 * with their roles in the layer's own record: the base record's own list when they are exactly
 * those, so the row can share the record.
 */
function heldTensors(leaf: LayerRecord, base: LayerRecord, params: ReadonlyMap<string, TensorV | null>, own: readonly string[]): readonly ParamTensor[] {
  if (holdsExactly(base.tensors, leaf, params, own)) return base.tensors;
  return own.map((p): ParamTensor => {
    const t = params.get(p)!;
    return { name: p, shape: t.shape as number[], role: roleOf(leaf, p), trainable: t.param!.requiresGrad };
  });
}

/** Whether the parameters named `own` are `tensors`, one for one: names, shapes, roles and trainability. */
function holdsExactly(tensors: readonly ParamTensor[], leaf: LayerRecord, params: ReadonlyMap<string, TensorV | null>, own: readonly string[]): boolean {
  if (own.length !== tensors.length) return false;
  for (let i = 0; i < own.length; i++) {
    const t = tensors[i]!;
    const held = params.get(own[i]!)!;
    if (t.name !== own[i] || t.trainable !== held.param!.requiresGrad || held.shape === null || !sameDims(t.shape, held.shape) || t.role !== roleOf(leaf, t.name)) return false;
  }
  return true;
}

/** A parameter's role in the layer's record (a tensor the record does not name is a weight). */
function roleOf(leaf: LayerRecord, name: string): ParamTensor['role'] {
  for (const t of leaf.tensors) if (t.name === name) return t.role;
  return 'weight';
}

/** Keras: the model's layers in order (nested models and pasted layers opened, `outer/inner`). */
export function kerasRows(model: InstanceV): CodeRow[] {
  const place = new Placement('keras');
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
      const tensors = off ? s.record.tensors.map((t) => ({ ...t, trainable: false })) : s.record.tensors;
      const record = withTensors(s.record, tensors, s.className);
      rows.push(place.row(name || s.name, s.className, record, s.outputShape ?? null, s.calls));
      if (inner && (inner as InstanceV).keras) seen.add(inner as InstanceV);
      return;
    }
    for (const w of s.weights) {
      const shape = (w.tensor.shape ?? []) as number[];
      const full = `${name === '' ? '' : `${name}/`}${w.name}`;
      rows.push(place.row(full, 'Weight', weightRecord(w.name, 'Weight', shape, !off && w.tensor.param!.requiresGrad), null, s.calls));
    }
    if (!s.built && !s.model && s.def) {
      rows.push(place.row(name || s.name, s.className, unbuiltRecord(s.className), null, 0));
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
/** A block's output until a row of it has a known one (shapes are read-only: one for all). */
const NO_OUTPUT: Shape = [];

export function report(framework: Framework, rows: readonly CodeRow[], inputs: readonly Shape[], notes: readonly MessageRef[]): Report {
  const channels = NAMING[framework].channels;
  const names: string[] = [];
  const outputs: Shape[] = [];
  for (const r of rows) {
    // Placement numbers blocks in order of first appearance: a row with the next number opens it
    if (r.block === names.length) {
      names.push(topOf(r.name));
      outputs.push(NO_OUTPUT);
    }
    if (r.shape !== null) outputs[r.block] = r.record.outputShape;
  }
  const blocks = names.map((name, i): Block => ({ name, repeat: undefined, output: outputs[i]!, channels }));
  const last = rows[rows.length - 1];
  // summed over the rows that reuse a tensor only: each bigint sum is a new heap number, even of zeros
  let reused = 0n;
  for (const r of rows) if (r.reuses !== 0n) reused += r.reuses;
  const summary = summarize(framework, inputs[0] ?? [], last?.record.outputShape ?? [], rows, blocks, reused);
  return { ...summary, macs: rows.length > 0 ? summary.macs : null, notes };
}
