/**
 * Reading a paste, start to end: settings become Python names (prepended, as if typed before the
 * code), the code runs, the model is found (the instance the paste builds; else a factory
 * function or the top class, built with the settings; else the layers pasted on their own), its
 * forward is followed when an input size is known, and the rows and totals are made.
 */
import type { Module } from './ast.js';
import { CodeError, excerpt, PyException, refuse } from './errors.js';
import { classAttr } from './interpreter.js';
import { parse } from './parser.js';
import { kerasRows, report, torchRows, type CodeRow, type CodeSummary, type Shapes } from './report.js';
import { Session } from './session.js';
import { FLAG_NAMES } from '../flags.js';
import { CHAIN, type Binding, type Source } from './source.js';
import { boundNames, definitions, readNames, returnsCall } from './static.js';
import { LOSS_NAMES } from './torch/leaves.js';
import { is, isLayerClass, list, tuple, type ClassV, type FunctionV, type InstanceV, type KerasTensorV, type TensorV, type Value } from './values.js';
import { tensor } from './torch/tensor.js';
import { lazyPending, type Trace } from './torch/library.js';
import { childrenOf, namedModules } from './torch/module.js';
import type { Report } from '../model.js';
import type { Framework, Shape } from '../types.js';
import { msg, type MessageRef } from '../../i18n/messages.js';

export interface CodeResult {
  readonly framework: Framework;
  readonly report: Report;
  /** One layer pasted on its own: explained like `/count conv 3 64 3`. */
  readonly single: boolean;
  readonly summary: CodeSummary;
}

/** Settings that are not Python names: the input size for forward, and which model to count. */
const SPECIAL = new Set(['in', 'input_size', 'model']);

type Found = { readonly t: 'pytorch'; readonly model: InstanceV; readonly variable: string | null } | { readonly t: 'keras'; readonly model: InstanceV; readonly variable: string | null };

export function readCode(source: Source, requested: Framework | undefined): CodeResult {
  const module = source.module ?? parse(source.code);
  const session = new Session(source.lines);
  const rt = session.rt;
  const notes: MessageRef[] = [];
  const bindings = new Map(source.bindings.map((b) => [b.name, b] as const));
  for (const b of source.bindings) {
    if (SPECIAL.has(b.name)) continue;
    const asData = (readsAsArray(source.code, b.name) || (readsLength(source.code, b.name) && /^\d+$/.test(b.text))) && b.text.length <= 200;
    rt.globals.vars.set(b.name, asData ? (arrayOf(b) ?? bindingValue(b)) : bindingValue(b));
    rt.given.add(b.name);
  }

  try {
    rt.run(module);
  } catch (e) {
    throw namedValue(undefinedNames(e, module, rt.globals.vars, session), session);
  }

  const found = findModel(session, module, bindings, notes);
  const framework: Framework = found.t;
  if (requested !== undefined && requested !== framework) notes.push(msg('note.frameworkFromCode', { framework: framework === 'keras' ? 'Keras' : 'PyTorch' }));
  for (const b of source.bindings) {
    const used = SPECIAL.has(b.name) || readNames(module).has(b.name) || constructorTakes(found.model, b.name);
    if (!used) notes.push(msg('note.unusedBinding', { name: b.name, text: b.text }));
  }

  let rows: CodeRow[];
  let shapes: Shapes;
  let single = false;
  if (found.t === 'pytorch') {
    const { trace, reason } = followTorch(session, found.model, bindings);
    // a lazy layer (nn.LazyLinear) never called has no parameters yet: PyTorch has no count for it
    const modules = namedModules(found.model);
    refuseLazy(modules);
    rows = torchRows(modules, trace, notes);
    shapes = trace && trace.failure === null ? { known: true, inputs: trace.inputs } : { known: false, reason: trace?.failure ?? reason };
    if (trace && trace.failure === null) {
      const unused = rows.filter((r) => r.calls === 0 && r.counts.total > 0);
      if (unused.length > 0) notes.push(msg('note.unused', { names: unused.map((r) => `\`${r.name}\``).join(', '), total: unused.reduce((a, r) => a + r.counts.total, 0n).toLocaleString('en-US') }));
      if (trace.functionalMacs) notes.push(msg('note.functionalMacs'));
    }
    single = rows.length === 1 && found.model.module!.leaf !== undefined;
    const buffers = bufferNote(modules);
    if (buffers) notes.push(buffers);
  } else {
    buildKeras(session, found.model, bindings);
    rows = kerasRows(found.model);
    const unbuilt = rows.filter((r) => r.calls === 0);
    if (unbuilt.length > 0) notes.push(msg('note.kerasUnbuilt', { names: unbuilt.map((r) => `\`${r.name}\``).join(', ') }));
    const s = found.model.keras!;
    shapes = { known: true, inputs: s.model?.t === 'functional' ? s.model.inputs.map((t) => t.shape) : s.inputShape ? [s.inputShape] : [] };
    single = rows.length === 1 && found.model.keras!.def !== undefined;
  }
  for (const n of session.allNotes) notes.push(n.line > 0 ? msg('code.atLine', { line: String(n.line), source: excerpt(source.lines[n.line - 1] ?? ''), inner: n.ref }) : n.ref);

  const inputs = shapes.known ? shapes.inputs.map(channelsLastOf(framework)) : [];
  const result = report(framework, rows, inputs, notes);
  const model = found.model.cls.name;
  return { framework, report: result, single, summary: { model, variable: found.variable, rows, shapes } };
}

/** `28x28x1` -> (28, 28, 1); `10` -> 10; `0.5` -> 0.5; `true` -> True; `(1, 3, 32, 32)` as written. */
export function bindingValue(b: Binding): Value {
  const text = b.text;
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (/^\d+$/.test(text)) return BigInt(text);
  if (/^(\d+\.\d*|\.\d+)$/.test(text)) return Number(text);
  const dims = text
    .replace(/[()[\]\s]/g, '')
    .split(/[xX×*,]/)
    .filter((d) => d !== '');
  if (dims.length > 0 && dims.every((d) => /^\d+$/.test(d))) {
    const items = dims.map((d) => BigInt(d));
    return text.startsWith('[') ? { t: 'list', items } : tuple(items);
  }
  return text;
}

/**
 * Whether the code reads a name as data (`x_train.shape[1:]`, `x_train.astype("float32")`): a size
 * given for it is then an array of that shape. Any attribute: a tuple's own (count, index) are
 * never what a script asks of a shape it was given.
 */
function readsAsArray(code: string, name: string): boolean {
  return new RegExp(`\\b${name}\\s*\\.\\s*[A-Za-z_]`).test(code);
}

/** Whether the code reads a name's length (`len(vocab)`): a number given for it is then a collection of that many items. */
function readsLength(code: string, name: string): boolean {
  return new RegExp(`\\blen\\(\\s*${name}\\s*\\)`).test(code);
}

/** `x_train=900x19x64x64x1` for data the paste reads: an array of that shape (its values are never needed). */
function arrayOf(b: Binding): TensorV | undefined {
  const dims = dimsOf(b);
  return dims.length > 0 && dims.every((d) => Number.isSafeInteger(d)) ? tensor(dims, 'float') : undefined;
}

function dimsOf(b: Binding): number[] {
  return b.text
    .replace(/[()[\]\s]/g, '')
    .split(/[xX×*,]/)
    .filter((d) => d !== '')
    .map(Number);
}

/** The engine's shapes are channels last without the batch: PyTorch's (1, C, H, W) is H×W×C. */
function channelsLastOf(framework: Framework) {
  return (s: Shape): Shape => {
    const body = s.slice(1);
    if (framework === 'keras' || body.length < 2) return body;
    return [...body.slice(1), body[0]!];
  };
}

// ── finding the model ──

function findModel(session: Session, module: Module, bindings: ReadonlyMap<string, Binding>, notes: MessageRef[]): Found {
  const rt = session.rt;
  const chosen = bindings.get('model');
  if (chosen) {
    const v = rt.globals.vars.get(chosen.text) ?? session.models.get(chosen.text);
    if (v === undefined) return refuse('code.modelBinding', { name: chosen.text });
    const built = is(v, 'class') || is(v, 'function') ? construct(session, v, bindings, chosen.text) : v;
    return asModel(built, chosen.text) ?? refuse('code.notAModel', { name: chosen.text });
  }

  const names = new Map<Value, string>();
  for (const [k, v] of rt.globals.vars) if (!names.has(v) && is(v, 'instance')) names.set(v, k);
  // a model main() built is named as main() named it last (a local), when no module-level name holds it
  const localNames = new Map<Value, string>();
  for (const [k, v] of session.models) if (!names.has(v)) localNames.set(v, k);
  const visible = new Set<Value>([...names.keys(), ...rt.loose.map((l) => l.value), ...session.torch.traces.map((t) => t.root), ...session.builtInMain()]);

  const torchRoots = session.torch.roots().filter((m) => visible.has(m) && !(m.module!.leaf && LOSS_NAMES.has(m.module!.leaf.className)));
  const kerasHeld = new Set(session.keras.instances.flatMap((k) => session.keras.layersOf(k).filter((x) => x !== k)));
  const kerasRoots = session.keras.instances.filter((k) => visible.has(k) && !kerasHeld.has(k));
  // a model a module-level name holds before one only built (in main(), a helper that compares two)
  const models = [...torchRoots.filter((m) => !m.module!.leaf), ...kerasRoots.filter((k) => !k.keras!.def)].sort((a, b) => Number(names.has(b)) - Number(names.has(a)));
  // the one the paste names `model` (`model = generator`, or one layer `model = CausalConv1d(...)`;
  // a local of main() when no module-level name is `model`), else the first built; a `model` that
  // an unknown call replaced (`quantize_dynamic(model)`) is not known
  const named = rt.globals.vars.get('model') ?? session.models.get('model');
  if (named !== undefined && is(named, 'opaque') && !named.plain) return refuse('code.modelReplaced', { origin: named.origin, line: String(named.line) });
  if (named !== undefined && is(named, 'instance') && named.module && !named.module.leaf?.className.match(/Loss$/) && !models.includes(named)) models.unshift(named);
  if (models.length > 0) {
    const model = models.find((m) => m === named) ?? models[0]!;
    if (models.length > 1)
      notes.push(
        msg('note.otherModels', {
          names: models
            .filter((m) => m !== model)
            .map((m) => `\`${names.get(m) ?? localNames.get(m) ?? m.cls.name}\` (${m.cls.name})`)
            .join(', '),
          variable: names.get(model) ?? localNames.get(model) ?? model.cls.name,
        }),
      );
    const variable = names.get(model) ?? localNames.get(model) ?? null;
    return model.module ? { t: 'pytorch', model, variable } : { t: 'keras', model, variable };
  }

  // no model built: a class's defaults are not what the script builds when it runs through a library
  // the reader does not (fire.Fire(train), @hydra.main), nor when `model` is what an unknown call made of it
  if (session.runner !== undefined) return refuse('code.runThrough', { ...session.runner, line: String(session.runner.line) });
  const factory = defaultModel(session, module, bindings, notes);
  if (factory) return factory;

  const functional = implicitFunctional(session, notes);
  if (functional) return functional;

  // layers pasted on their own, read as one Sequential in paste order
  const looseTorch = torchRoots.filter((m) => m.module!.leaf);
  const looseKeras = kerasRoots.filter((k) => k.keras!.def || k.cls === session.keras.classes.InputLayer);
  const inputs = rt.loose.map((l) => l.value).filter((v) => is(v, 'ktensor'));
  if (looseTorch.length > 0 && (looseKeras.length > 0 || inputs.length > 0)) return refuse('code.mixed');
  if (looseTorch.length > 0) {
    if (looseTorch.length === 1) return { t: 'pytorch', model: looseTorch[0]!, variable: names.get(looseTorch[0]!) ?? null };
    if (looseTorch.length > 1) notes.push(msg('note.loose', { n: String(looseTorch.length) }));
    const seq = rt.call(session.torch.classes.Sequential, []) as InstanceV;
    looseTorch.forEach((m, i) => childrenOf(seq.module!).set(names.get(m) ?? String(i), m));
    return { t: 'pytorch', model: seq, variable: null };
  }
  if (looseKeras.length > 0) {
    if (looseKeras.length > 1 || inputs.length > 0) notes.push(msg('note.loose', { n: String(looseKeras.length) }));
    const seq = rt.call(session.keras.classes.Sequential, []) as InstanceV;
    const m = seq.keras!.model!;
    if (m.t === 'sequential' && inputs.length > 0) m.inputShape = (inputs[0] as { shape: Shape }).shape;
    for (const l of looseKeras) rt.call(rt.getattr(seq, 'add'), [l]);
    return { t: 'keras', model: seq, variable: null };
  }
  return refuse('code.noModel');
}

/**
 * Keras layers called on tensors with no keras.Model(...) made of them (`outputs =
 * layers.Dense(20)(inputs)`, or a chain written with arrows): the model from the Inputs to the
 * tensors the paste keeps that no other layer takes, as keras.Model(inputs, outputs) would be.
 */
function implicitFunctional(session: Session, notes: MessageRef[]): Found | undefined {
  const rt = session.rt;
  const held = new Map<KerasTensorV, string | null>();
  for (const [k, v] of rt.globals.vars) if (is(v, 'ktensor') && v.state.layer !== null && !held.has(v)) held.set(v, k);
  for (const l of rt.loose) if (is(l.value, 'ktensor') && l.value.state.layer !== null && !held.has(l.value)) held.set(l.value, null);
  if (held.size === 0) return undefined;
  const taken = new Set<KerasTensorV>();
  const inputs = new Set<KerasTensorV>();
  const walk = (t: KerasTensorV, top: boolean): void => {
    if (!top) {
      if (taken.has(t)) return;
      taken.add(t);
    }
    if (t.state.layer === null && t.state.inputs.length === 0) inputs.add(t);
    for (const i of t.state.inputs) walk(i, false);
  };
  for (const t of held.keys()) walk(t, true);
  const outputs = [...held.keys()].filter((t) => !taken.has(t));
  if (outputs.length === 0 || inputs.size === 0) return undefined;
  const ordered = [...inputs].sort((a, b) => a.state.serial - b.state.serial);
  const model = rt.call(
    session.keras.classes.Model,
    [],
    new Map<string, Value>([
      ['inputs', ordered.length === 1 ? ordered[0]! : list(ordered)],
      ['outputs', outputs.length === 1 ? outputs[0]! : list(outputs)],
    ]),
  ) as InstanceV;
  const names = outputs.map((o) => held.get(o)).filter((n): n is string => n !== null && n !== undefined && n !== CHAIN);
  notes.push(names.length > 0 ? msg('note.implicitModel', { outputs: names.map((n) => `\`${n}\``).join(', ') }) : msg('note.arrowChain'));
  return { t: 'keras', model, variable: null };
}

function asModel(v: Value, name: string | null): Found | undefined {
  if (is(v, 'instance') && v.module) return { t: 'pytorch', model: v, variable: name };
  if (is(v, 'instance') && v.keras) return { t: 'keras', model: v, variable: name };
  return undefined;
}

/** With no model built by the paste: its factory function (ResNet18()), else its top class. */
function defaultModel(session: Session, module: Module, bindings: ReadonlyMap<string, Binding>, notes: MessageRef[]): Found | undefined {
  const rt = session.rt;
  const defs = definitions(module);
  const factories = defs.functions.filter((f) => {
    const fn = rt.globals.vars.get(f.name);
    // a factory another class or factory calls (`make_cnn()` inside `SiameseNet`) builds a part, as such a class is one
    return is(fn ?? null, 'function') && returnsCall(f.fn.body) && !defs.referencedElsewhere(f.name) && required(fn as FunctionV, bindings).length === 0;
  });
  const classes = defs.classes.map((c) => ({ ...c, value: rt.globals.vars.get(c.name) ?? null })).filter((c) => isLayerClass(c.value) && !defs.referencedElsewhere(c.name));
  for (const f of factories) {
    const built = construct(session, rt.globals.vars.get(f.name)!, bindings, f.name);
    const found = asModel(built, null);
    if (!found) continue;
    const others = factories.filter((x) => x !== f).map((x) => `\`${x.name}()\``);
    if (others.length > 0) notes.push(msg('note.otherFactories', { chosen: `${f.name}()`, names: others.join(', ') }));
    return found;
  }
  const top = classes[classes.length - 1];
  if (!top) return undefined;
  const cls = top.value as ClassV;
  const missing = required(classAttr(cls, '__init__'), bindings);
  if (missing.length > 0)
    return refuse('code.needsArguments', {
      cls: cls.name,
      names: missing.map((m) => `\`${m}\``).join(', '),
      example: `model = ${cls.name}(${missing.map((m) => `${m}=…`).join(', ')})`,
      bindings: missing.map((m) => `${m}=…`).join(' '),
    });
  const others = classes
    .slice(0, -1)
    .filter((c) => required(classAttr(c.value as ClassV, '__init__'), bindings).length === 0)
    .map((c) => `\`${c.name}\``);
  if (others.length > 0) notes.push(msg('note.otherClasses', { chosen: cls.name, names: others.join(', ') }));
  notes.push(
    msg('note.instantiated', {
      call: `${cls.name}(${[...bindings.values()]
        .filter((b) => constructorParams(cls).includes(b.name))
        .map((b) => `${b.name}=${b.text}`)
        .join(', ')})`,
    }),
  );
  return asModel(construct(session, cls, bindings, cls.name), null);
}

/** Calls a class or factory with the settings that name its parameters. */
function construct(session: Session, v: Value, bindings: ReadonlyMap<string, Binding>, name: string): Value {
  const params = is(v, 'class') ? constructorParams(v) : is(v, 'function') ? v.def.params.positional.concat(v.def.params.keywordOnly).map((p) => p.name) : [];
  const kwargs = new Map<string, Value>();
  for (const b of bindings.values()) if (params.includes(b.name) && !SPECIAL.has(b.name)) kwargs.set(b.name, bindingValue(b));
  const fn = is(v, 'class') ? classAttr(v, '__init__') : v;
  const missing = required(fn, bindings);
  if (missing.length > 0)
    return refuse('code.needsArguments', {
      cls: name,
      names: missing.map((m) => `\`${m}\``).join(', '),
      example: `model = ${name}(${missing.map((m) => `${m}=…`).join(', ')})`,
      bindings: missing.map((m) => `${m}=…`).join(' '),
    });
  try {
    return session.rt.call(v, [], kwargs);
  } catch (e) {
    throw session.rt.located(e);
  }
}

function constructorParams(cls: ClassV): string[] {
  const init = classAttr(cls, '__init__');
  if (!is(init ?? null, 'function')) return [];
  const f = init as FunctionV;
  return [...f.def.params.positional.slice(1), ...f.def.params.keywordOnly].map((p) => p.name);
}

function constructorTakes(model: InstanceV, name: string): boolean {
  return constructorParams(model.cls).includes(name);
}

/** A function's parameters that have no default and no setting (self excluded). */
function required(fn: Value | undefined, bindings: ReadonlyMap<string, Binding>): string[] {
  if (!is(fn ?? null, 'function')) return [];
  const f = fn as FunctionV;
  const positional = f.def.params.positional.slice(f.owner ? 1 : 0);
  return [...positional, ...f.def.params.keywordOnly].filter((p) => p.default === null && !bindings.has(p.name)).map((p) => p.name);
}

// ── shapes ──

function followTorch(session: Session, model: InstanceV, bindings: ReadonlyMap<string, Binding>): { trace: Trace | null; reason: MessageRef } {
  const given = bindings.get('input_size') ?? bindings.get('in');
  if (given) {
    const dims = dimsOf(given);
    const shape = given.name === 'in' ? [1, ...dims] : dims;
    const first = firstLeaf(model);
    const ids = first === 'Embedding' || first === 'EmbeddingBag';
    session.torch.follow(model, [tensor(shape, ids ? 'int' : 'float') as TensorV], new Map(), 'binding');
    return { trace: session.torch.traces[session.torch.traces.length - 1]!, reason: msg('code.noInput') };
  }
  const traces = session.torch.traces.filter((t) => t.root === model);
  const trace = traces.find((t) => t.origin === 'summary') ?? traces[0] ?? null;
  return { trace, reason: msg('code.noInput') };
}

function firstLeaf(model: InstanceV): string | undefined {
  if (model.module!.leaf) return model.module!.leaf.className;
  for (const m of model.module!.modules.values()) if (m) return firstLeaf(m);
  return undefined;
}

function buildKeras(session: Session, model: InstanceV, bindings: ReadonlyMap<string, Binding>): void {
  const given = bindings.get('in') ?? bindings.get('input_size');
  const shape = given ? [null, ...dimsOf(given).slice(given.name === 'input_size' ? 1 : 0)] : undefined;
  try {
    session.rt.guarded(() => session.keras.ensureBuilt(model, shape));
  } catch (e) {
    throw session.rt.located(e);
  }
  const s = model.keras!;
  if (!s.built && !s.record) refuse('code.kerasNotBuilt', { name: s.name });
  // a layer never built because its input was a value the reader lacks would count 0: refused instead
  for (const layer of session.keras.layersOf(model)) {
    const l = layer.keras!;
    if (!l.record && l.weights.length === 0 && l.opaqueInput) refuse('keras.opaqueCall', { name: l.name, origin: l.opaqueInput.origin, line: String(l.opaqueInput.line) });
  }
}

/** A lazy layer (nn.LazyLinear) never called has no parameters yet: PyTorch has no count for it. */
function refuseLazy(modules: ReadonlyArray<readonly [string, InstanceV]>): void {
  for (const [name, m] of modules) {
    const lazy = lazyPending(m);
    if (lazy !== undefined) refuse('torch.lazyNeverCalled', { call: lazy, name: name === '' ? lazy : name });
  }
}

/** Made once: a regular expression literal is a new object each time it is evaluated (one per module counted). */
const BATCH_NORM = /^(BatchNorm|SyncBatchNorm)/;

function bufferNote(modules: ReadonlyArray<readonly [string, InstanceV]>): MessageRef | null {
  let statistics = 0n;
  for (const [, m] of modules) {
    const leaf = m.module!.leaf;
    if (leaf && BATCH_NORM.test(leaf.className) && leaf.args.flag('track_running_stats')) statistics += 2n * BigInt(leaf.args.int('num_features')) + 1n;
  }
  return statistics > 0n ? msg('note.torchBuffers', { n: statistics.toLocaleString('en-US') }) : null;
}

/**
 * A NameError at the top of the paste usually means a name the student meant to give (input_shape,
 * num_classes): list every name the paste reads and never defines, and how to give them.
 */
function undefinedNames(e: unknown, module: Module, globals: ReadonlyMap<string, Value>, session: Session): unknown {
  if (!(e instanceof CodeError) || !(e.inner.key === 'code.python') || !('params' in e.inner)) return e;
  const inner = (e.inner.params as { inner?: MessageRef }).inner;
  if (inner?.key !== 'py.name') return e;
  const bound = boundNames(module);
  const free = [...readNames(module)].filter(([n]) => !bound.has(n) && !globals.has(n) && !session.builtins.names.has(n) && safeBare(session, n) === undefined);
  if (free.length === 0) return e;
  const list = free.map(([n]) => n);
  const code0 = session.rt.lines.join('\n');
  // `model = Net() --memory`: a flag typed on a line of code is Python there (minus minus memory)
  const flag = list.find((n) => FLAG_NAMES.has(n) && new RegExp(String.raw`(^|\s)--${n}\b`).test(code0));
  if (flag !== undefined) return new CodeError(e.line, msg('code.flagInCode', { flag: `--${flag}` }), excerpt(session.rt.lines[e.line - 1] ?? ''));
  // the names feed one top-level assignment (`vocab = build_vocab(yield_tokens(train_iter))`): the variable it makes is the one to give
  const assigned = /^([A-Za-z_]\w*)\s*=[^=]/.exec(session.rt.lines[e.line - 1] ?? '')?.[1];
  if (assigned !== undefined && !list.includes(assigned) && readNames(module).has(assigned) && !list.some((n) => readsAsArray(code0, n) || readsLength(code0, n))) {
    const code = session.rt.lines.join('\n');
    const example = readsAsArray(code, assigned) ? '1000x28x28x1' : readsLength(code, assigned) ? '10000' : '10';
    return new CodeError(
      e.line,
      msg('code.needsNamedValue', { origin: list.join(', '), line: String(e.line), name: assigned, example: `${assigned}=${example}` }),
      excerpt(session.rt.lines[e.line - 1] ?? ''),
    );
  }
  const names = list.length === 1 ? msg('code.undefinedOne', { name: list[0]! }) : msg('code.undefinedMany', { names: list.map((n) => `\`${n}\``).join(', ') });
  // data read for its shape (`x_train.shape[1:]`) is given as a size: `x_train=1000x28x28x1` stands for such an array
  const code = session.rt.lines.join('\n');
  const example = (n: string): string => (readsAsArray(code, n) ? '1000x28x28x1' : /shape|size/.test(n) ? '28x28x1' : '10');
  return new CodeError(e.line, msg('code.undefined', { names, example: list.map((n) => `${n}=${example(n)}`).join(' '), count: String(list.length) }), excerpt(session.rt.lines[e.line - 1] ?? ''));
}

/**
 * A value the reader lacks, needed where the paste assigned it to a name (`vocab = build_vocab(...)`
 * then `nn.Embedding(len(vocab), 128)`): the advice names that variable, as a setting that then
 * works (a setting given for a name stands for what the paste would compute it from).
 */
function namedValue(e: unknown, session: Session): unknown {
  if (!(e instanceof CodeError) || e.inner.key !== 'code.needsValue') return e;
  const params = e.inner.params as { origin?: string; line?: string };
  const at = Number(params.line ?? 0);
  const assigned = /^\s*([A-Za-z_]\w*)\s*=[^=]/.exec(session.rt.lines[at - 1] ?? '')?.[1];
  if (assigned === undefined || session.rt.given.has(assigned)) return e;
  const code = session.rt.lines.join('\n');
  // data read for its shape takes a size; a collection read for its length, that length
  const example = readsAsArray(code, assigned) ? '1000x28x28x1' : readsLength(code, assigned) ? '10000' : '10';
  return new CodeError(
    e.line,
    msg('code.needsNamedValue', { origin: params.origin ?? '', line: String(at), name: assigned, example: `${assigned}=${example}` }),
    excerpt(session.rt.lines[e.line - 1] ?? ''),
  );
}

function safeBare(session: Session, name: string): Value | undefined {
  try {
    return session.bare(name);
  } catch (e) {
    if (e instanceof PyException) return undefined;
    throw e;
  }
}
