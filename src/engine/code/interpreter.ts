/**
 * The evaluator: runs the syntax tree of a paste statement by statement, as CPython would, with
 * three budgets checked as it goes (steps, call depth, recursion depth). It knows the language;
 * what `torch`, `keras`, `math`... are comes from the libraries it is given (see library.ts).
 *
 * Nothing here does I/O or reads a clock; `import` binds the library's namespaces and never runs
 * anything else.
 */
import type { Arg, Expr, FormattedValue, FunctionDef, Generator, Module, Stmt } from './ast.js';
import { formatValue } from './builtins.js';
import { Scope } from './environment.js';
import { boundNames, changedNames } from './static.js';
import { CodeError, excerpt, PyException, raise, Refusal, refuse, overLimit } from './errors.js';
import { ITEMS_PER_STEP, LIMITS, limitMessage } from './limits.js';
import {
  binary,
  compare,
  contains,
  dictGet,
  dictSet,
  equals,
  exceptionMatches,
  hashKey,
  iterate,
  needValue,
  newDict,
  newSet,
  position,
  repr,
  sliceItems,
  str,
  TextOut,
  toIndex,
  truthy,
  typeName,
  unary,
} from './python.js';
import type { ArrayOps } from './python.js';
import { builtinMethod, isPythonMethod } from './methods.js';
import { TupleKeys, type Runtime } from './runtime.js';
import {
  ELLIPSIS,
  is,
  isLayerClass,
  isObj,
  list,
  NO_KWARGS,
  tuple,
  type BuiltinV,
  type ClassV,
  type DictV,
  type FunctionV,
  type InstanceV,
  type Kwargs,
  type OpaqueV,
  type Value,
  NO_ATTRS,
  attrsOf,
  dropAttr,
} from './values.js';
import { msg, type MessageRef } from '../../i18n/messages.js';
import { SpecError } from '../errors.js';

type Flow = null | 'break' | 'continue' | { readonly value: Value };

/** What the evaluator asks its libraries. */
export interface Host {
  /** A module by its dotted name (`torch.nn`), or undefined when the reader does not know it. */
  importModule(name: string): Value | undefined;
  /** A name the paste uses without importing it (`nn.Conv2d` without `import torch.nn as nn`). */
  bare(name: string): Value | undefined;
  /** Attributes of library values (tensors, Keras tensors); undefined when not theirs. */
  getattr(rt: Interpreter, obj: Value, name: string): Value | undefined;
  setattr(rt: Interpreter, obj: Value, name: string, value: Value): boolean;
  getitem(rt: Interpreter, obj: Value, key: Value): Value | undefined;
  setitem(rt: Interpreter, obj: Value, key: Value, value: Value): boolean;
  /** Instances of library classes get their bookkeeping here, before `__init__` runs. */
  initInstance(rt: Interpreter, inst: InstanceV): void;
  /** Instance attribute assignment with the library's rules (nn.Module registers submodules). */
  setInstanceAttr(rt: Interpreter, inst: InstanceV, name: string, value: Value): boolean;
  getInstanceAttr(rt: Interpreter, inst: InstanceV, name: string): Value | undefined;
  delInstanceAttr(rt: Interpreter, inst: InstanceV, name: string): boolean;
  /** A module-level `for` over data the reader does not load: noted, not run. */
  noteSkippedLoop(origin: string, line: number): void;
  /** argparse's parse_args() read as the script run without arguments: noted, with the names it gave. */
  noteCommandLine(names: readonly string[], line: number): void;
  /** The script's `if __name__ == '__main__':` block starts: what it builds from here on is the script's. */
  enterMain(): void;
  /** A pasted function or class handed to a library the reader does not run (`fire.Fire(train)`). */
  runThrough(runner: string, entry: string, line: number): void;
  /** A model assigned to a name, in any scope (a local of main() too): the last one a name held. */
  named(name: string, model: InstanceV | OpaqueV): void;
}

interface Frame {
  readonly fn: FunctionV;
  readonly first: Value | undefined;
}

export class Interpreter implements Runtime {
  steps = 0;
  /** Lowered while a forward pass is followed, so a runaway forward cannot starve the rest. */
  budget: number = LIMITS.steps;
  private recursion = 0;
  private calls = 0;
  /**
   * A loop over data as read without running it, once per loop (an epoch loop around it skips it
   * again and again): whether it builds layers, the names it binds and those it changes in place.
   */
  private readonly dataLoops = new Map<Stmt, { readonly builds: boolean; readonly bound: readonly string[]; readonly changed: readonly string[] }>();
  line = 0;
  readonly frames: Frame[] = [];
  readonly arrays: ArrayOps[] = [];
  readonly globals = new Scope('module', null);
  readonly tupleKeys = new TupleKeys();
  /** Module-level expression statements' values, in order (pasted layers without a model). */
  readonly loose: Array<{ readonly value: Value; readonly line: number }> = [];
  private handling: PyException[] = [];

  constructor(
    readonly lines: readonly string[],
    readonly builtins: ReadonlyMap<string, Value>,
    readonly host: Host,
  ) {}

  // ── budgets ──
  tick(n = 1): void {
    this.steps += n;
    if (this.steps > this.budget) {
      if (this.budget < LIMITS.steps) throw new StepBudget();
      overLimit('steps');
    }
  }

  scan(items: number): void {
    if (items > ITEMS_PER_STEP) this.tick(Math.ceil(items / ITEMS_PER_STEP));
  }

  charge(items: number): void {
    if (items > LIMITS.items) overLimit('items');
    this.scan(items);
  }

  /** The value of an expression, or undefined where it needs a name or a value the reader does not have. */
  private tryValue(e: Expr, scope: Scope): Value | undefined {
    try {
      return this.guarded(() => this.eval(e, scope));
    } catch (err) {
      if (err instanceof PyException && err.pyType === 'NameError') return undefined;
      if (err instanceof SpecError && err.ref.key === 'code.needsValue') return undefined;
      throw err;
    }
  }

  /** Names given before the code (settings): the paste's own assignment of a value the reader lacks does not replace them. */
  readonly given = new Set<string>();

  /** Names of value-only libraries the reader does not know, met while running, with their first line (see unknownMember). */
  readonly skipped = new Map<string, number>();

  opaque(origin: string): OpaqueV {
    return { t: 'opaque', origin, line: this.line };
  }

  /** Runs `f` with the recursion and call counters restored if it throws (for `try` and traces). */
  guarded<T>(f: () => T): T {
    const saved = { recursion: this.recursion, calls: this.calls, frames: this.frames.length, line: this.line };
    try {
      return f();
    } catch (e) {
      this.recursion = saved.recursion;
      this.calls = saved.calls;
      this.frames.length = saved.frames;
      throw e;
    }
  }

  // ── entry ──
  run(module: Module): void {
    try {
      this.execBlock(module.body, this.globals);
    } catch (e) {
      throw this.located(e);
    }
  }

  /** An error as the student sees it: a refusal naming the innermost pasted line that ran. */
  located(e: unknown): unknown {
    if (e instanceof CodeError) return e;
    if (e instanceof StepBudget) return this.located(new Refusal(limitMessage('steps')));
    if (e instanceof RangeError && /call stack/i.test(e.message)) return this.at(limitMessage('recursion'));
    if (e instanceof PyException) return this.at(this.pythonError(e));
    if (e instanceof SpecError) return this.at(e.ref);
    return e;
  }

  at(ref: MessageRef): CodeError {
    return new CodeError(this.line, ref, excerpt(this.lines[this.line - 1] ?? ''));
  }

  /** Python's own message, with the reader's explanation of what to do about it. */
  pythonError(e: PyException): MessageRef {
    return msg('code.python', { type: e.pyType, inner: e.ref });
  }

  // ── statements ──
  execBlock(body: readonly Stmt[], scope: Scope): Flow {
    for (const s of body) {
      const flow = this.exec(s, scope);
      if (flow !== null) return flow;
    }
    return null;
  }

  private exec(s: Stmt, scope: Scope): Flow {
    if (s.line > 0) this.line = s.line;
    this.tick();
    if (++this.recursion > LIMITS.recursion) this.tooDeep();
    const flow = this.execInner(s, scope);
    this.recursion--;
    return flow;
  }

  private tooDeep(): never {
    return overLimit('recursion');
  }

  private execInner(s: Stmt, scope: Scope): Flow {
    switch (s.t) {
      case 'expr': {
        const v = this.eval(s.value, scope);
        if (scope.kind === 'module' && v !== null) this.loose.push({ value: v, line: s.line });
        return null;
      }
      case 'assign': {
        // `vocab = build_vocab(...)` at the top, with `vocab=...` given before the code: the value
        // given stands for what the paste computes from data the reader lacks (a name it does not
        // know, a library it does not run), so what cannot be computed is not tried
        if (scope === this.globals && s.targets.length === 1 && s.targets[0]!.t === 'name' && this.given.has(s.targets[0]!.id)) {
          const v = this.tryValue(s.value, scope);
          if (v !== undefined) this.assign(s.targets[0]!, v, scope);
          return null;
        }
        const v = this.eval(s.value, scope);
        for (const target of s.targets) this.assign(target, v, scope);
        return null;
      }
      case 'augassign':
        this.augmented(s.target, s.op, s.value, scope);
        return null;
      case 'annassign':
        if (s.value !== null) this.assign(s.target, this.eval(s.value, scope), scope);
        if (scope.kind === 'class' && s.target.t === 'name') annotate(this, scope, s.target.id, s.annotation);
        return null;
      case 'return':
        return { value: s.value === null ? null : this.eval(s.value, scope) };
      case 'pass':
      case 'global':
      case 'nonlocal':
        return null;
      case 'break':
        return 'break';
      case 'continue':
        return 'continue';
      case 'if':
        if (scope === this.globals && isMainGuard(s.test)) return this.mainBlock(s.body, scope);
        return truthy(this, this.eval(s.test, scope)) ? this.execBlock(s.body, scope) : this.execBlock(s.orelse, scope);
      case 'for':
        return this.forLoop(s, scope);
      case 'while': {
        while (truthy(this, this.eval(s.test, scope))) {
          this.tick();
          const flow = this.execBlock(s.body, scope);
          if (flow === 'break') return null;
          if (flow !== null && flow !== 'continue') return flow;
        }
        return this.execBlock(s.orelse, scope);
      }
      case 'def':
        scope.assign(s.fn.name, this.decorate(s.fn.decorators, this.makeFunction(s.fn, scope), scope));
        return null;
      case 'class':
        scope.assign(s.name, this.decorate(s.decorators, this.makeClass(s, scope), scope));
        return null;
      case 'import':
        for (const { module, as } of s.names) {
          if (as !== null) scope.assign(as, this.importModule(module));
          else {
            const top = module.split('.')[0]!;
            this.importModule(module); // a dotted import binds its top package
            scope.assign(top, this.importModule(top));
          }
        }
        return null;
      case 'from':
        this.importFrom(s.module, s.names, scope);
        return null;
      case 'raise':
        return this.raiseStatement(s.exc, scope);
      case 'assert':
        if (!truthy(this, this.eval(s.test, scope))) {
          const text = s.msg === null ? '' : str(this, this.eval(s.msg, scope));
          raise('AssertionError', 'py.assertion', { text });
        }
        return null;
      case 'try':
        return this.tryStatement(s, scope);
      case 'with':
        return this.withStatement(s, scope);
      case 'del':
        for (const t of s.targets) this.delete(t, scope);
        return null;
    }
  }

  /**
   * The script's entry point, run as Python runs it: it builds the model (`model = Net(n=2)`, or in
   * a `main()`); what it builds from here on is the script's, a local of main() included. What it
   * cannot follow there is refused, as anywhere: skipping a statement or stopping at it could leave
   * the model as it was before a change that comes later.
   */
  private mainBlock(body: readonly Stmt[], scope: Scope): Flow {
    this.host.enterMain();
    return this.execBlock(body, scope);
  }

  private forLoop(s: Extract<Stmt, { t: 'for' }>, scope: Scope): Flow {
    const iterable = this.eval(s.iter, scope);
    if (is(iterable, 'opaque')) {
      // the result of a function the reader does not know may be a configuration to build from
      const unknown = [...this.skipped.keys()].find((n) => iterable.origin === n || iterable.origin.startsWith(`${n}(`) || iterable.origin.startsWith(`${n}.`));
      if (unknown !== undefined) return refuse('code.unknownName', { name: unknown });
      // A loop over data (a DataLoader, a dataset) trains or evaluates; it builds no layer. One that
      // builds layers (a layer per column of a DataFrame) builds as many as the data has: refused.
      let loop = this.dataLoops.get(s);
      if (loop === undefined) this.dataLoops.set(s, (loop = { builds: this.buildsLayers(s.body, scope, 0), bound: [...boundNames({ body: [s] })], changed: [...changedNames(s.body)] }));
      if (loop.builds) return refuse('code.dataLoopBuilds', { origin: iterable.origin, line: String(s.line) });
      // What it binds (`loss`, `running_corrects += ...`) and what it changes in place
      // (`vocab[w] = ...`, `sizes.append(h)`, `args.num_classes = ...`), wherever that name lives,
      // is data after it: a later read is an unknown value, not a name Python would leave undefined
      // or a value the loop would have changed. A name holding a model keeps it: the loop trains
      // the model, it does not build another.
      this.host.noteSkippedLoop(iterable.origin, s.line);
      const data = this.opaque(`for … in ${iterable.origin}`);
      for (const name of loop.bound) {
        const held = scope.vars.get(name);
        if (held === undefined || !isModel(held)) scope.assign(name, data);
      }
      for (const name of loop.changed) {
        let home: Scope | null = scope;
        while (home !== null && !home.vars.has(name)) home = home.parent;
        if (home !== null && holdsData(home.vars.get(name)!)) home.vars.set(name, data);
      }
      return null;
    }
    const items = iterate(this, iterable);
    for (const item of items) {
      this.tick();
      this.assign(s.target, item, scope);
      const flow = this.execBlock(s.body, scope);
      if (flow === 'break') return null;
      if (flow !== null && flow !== 'continue') return flow;
    }
    return this.execBlock(s.orelse, scope);
  }

  /**
   * Whether statements build layers, read without running them: a call of a layer or model class
   * (nn.Linear, layers.Dense, a pasted nn.Module), or of a pasted function whose body makes one
   * (a block factory, an object's method), BUILD_DEPTH calls deep. A name that cannot be read now (data)
   * is passed over; its arguments are still read (`layers.append(nn.Linear(c, c))`).
   */
  private buildsLayers(body: readonly Stmt[], scope: Scope, depth: number, seen = new Set<FunctionDef>()): boolean {
    const resolve = (e: Expr): Value | undefined => {
      if (e.t === 'name') {
        try {
          return scope.lookup(e.id) ?? this.builtins.get(e.id);
        } catch {
          return undefined;
        }
      }
      if (e.t !== 'attr') return undefined;
      const base = resolve(e.obj);
      if (base !== undefined && is(base, 'namespace')) return base.get(e.name);
      // a method of a pasted object (`model.add_categorical(...)`), read from its class
      return base !== undefined && is(base, 'instance') ? classAttr(base.cls, e.name) : undefined;
    };
    const builds = (v: Value | undefined): boolean => {
      if (v === undefined) return false;
      if (is(v, 'class')) return isLayerClass(v);
      // each function read once per question (what it calls is read with it): the work is the paste's size, not its call graph's paths
      if (is(v, 'function') && depth < BUILD_DEPTH && Array.isArray(v.def.body) && !seen.has(v.def)) {
        seen.add(v.def);
        return this.buildsLayers(v.def.body as readonly Stmt[], v.closure, depth + 1, seen);
      }
      return false;
    };
    const visit = (node: unknown): boolean => {
      if (node === null || typeof node !== 'object') return false;
      if (Array.isArray(node)) return node.some(visit);
      this.tick(); // a node read is a step of the paste's budget: a loop skipped a thousand times reads its body a thousand times
      const n = node as { t?: string; fn?: Expr };
      if (n.t === 'def' || n.t === 'class' || n.t === 'lambda') return false;
      if (n.t === 'call' && builds(resolve(n.fn!))) return true;
      return Object.values(node).some((v) => typeof v === 'object' && visit(v));
    };
    return visit(body);
  }

  private raiseStatement(exc: Expr | null, scope: Scope): never {
    if (exc === null) {
      const current = this.handling[this.handling.length - 1];
      if (current) throw current;
      return raise('RuntimeError', 'py.reraise');
    }
    let v = this.eval(exc, scope);
    if (is(v, 'class')) v = this.call(v, []);
    if (is(v, 'instance') && isException(v.cls)) {
      const type = exceptionType(v.cls);
      throw new PyException(type, msg('py.raised', { type: v.cls.name, text: v.message ?? '' }));
    }
    if (is(v, 'opaque')) return needValue(v);
    return raise('TypeError', 'py.raiseType', { type: typeName(v) });
  }

  private tryStatement(s: Extract<Stmt, { t: 'try' }>, scope: Scope): Flow {
    let flow: Flow = null;
    try {
      try {
        flow = this.guarded(() => this.execBlock(s.body, scope));
      } catch (e) {
        if (!(e instanceof PyException)) throw e;
        const handler = s.handlers.find((h) => h.type === null || exceptionMatches(e, this.eval(h.type, scope)));
        if (!handler) throw e;
        if (handler.name !== null) scope.assign(handler.name, this.exceptionValue(e));
        this.handling.push(e);
        try {
          return this.execBlock(handler.body, scope);
        } finally {
          this.handling.pop();
        }
      }
      if (flow === null) flow = this.execBlock(s.orelse, scope);
      return flow;
    } finally {
      if (s.final.length > 0) {
        const after = this.execBlock(s.final, scope);
        if (after !== null) flow = after;
      }
    }
  }

  private exceptionValue(e: PyException): Value {
    const cls = this.builtins.get(e.pyType);
    const inst: InstanceV = { t: 'instance', cls: is(cls ?? null, 'class') ? (cls as ClassV) : (this.builtins.get('Exception') as ClassV), dict: NO_ATTRS };
    inst.message = e.pyType;
    return inst;
  }

  private withStatement(s: Extract<Stmt, { t: 'with' }>, scope: Scope): Flow {
    const exits: Value[] = [];
    for (const item of s.items) {
      const manager = this.eval(item.expr, scope);
      let entered: Value = manager;
      if (!is(manager, 'opaque')) {
        const enter = this.special(manager, '__enter__') ?? this.host.getattr(this, manager, '__enter__');
        if (enter === undefined) raise('TypeError', 'py.notContext', { type: typeName(manager) });
        entered = this.call(enter, []);
        const exit = this.special(manager, '__exit__') ?? this.host.getattr(this, manager, '__exit__');
        if (exit !== undefined) exits.push(exit);
      }
      if (item.as !== null) this.assign(item.as, entered, scope);
    }
    const flow = this.execBlock(s.body, scope);
    for (const exit of exits.reverse()) this.call(exit, [null, null, null]);
    return flow;
  }

  private delete(target: Expr, scope: Scope): void {
    switch (target.t) {
      case 'name': {
        const where = scope.target(target.id);
        if (!where.vars.delete(target.id)) raise('NameError', 'py.name', { name: target.id });
        return;
      }
      case 'index': {
        const obj = this.eval(target.obj, scope);
        const key = this.eval(target.index, scope);
        if (is(obj, 'list')) {
          if (is(key, 'slice')) {
            this.charge(obj.items.length);
            const drop = new Set(
              sliceItems(
                this,
                obj.items.map((_, i) => i),
                key,
              ),
            );
            obj.items = obj.items.filter((_, i) => !drop.has(i));
          } else obj.items.splice(position(key, obj.items.length, 'list'), 1);
          return;
        }
        if (is(obj, 'dict')) {
          if (!obj.map.delete(hashKey(this, key))) raise('KeyError', 'py.key', { key: repr(this, key) });
          return;
        }
        const del = this.special(obj, '__delitem__');
        if (del !== undefined) {
          this.call(del, [key]);
          return;
        }
        return raise('TypeError', 'py.noDelete', { type: typeName(obj) });
      }
      case 'attr':
        return this.delattr(this.eval(target.obj, scope), target.name);
      case 'tuple':
      case 'list':
        for (const item of target.items) this.delete(item, scope);
        return;
      default:
        return raise('TypeError', 'py.noDelete', { type: target.t });
    }
  }

  // ── assignment ──
  assign(target: Expr, value: Value, scope: Scope): void {
    switch (target.t) {
      case 'name':
        // a value given before the code (`vocab_size=5000`) stands for the data the paste would compute it from
        if (is(value, 'opaque') && scope === this.globals && this.given.has(target.id)) return;
        scope.assign(target.id, value);
        if (isModel(value) || (is(value, 'opaque') && !value.plain)) this.host.named(target.id, value as InstanceV | OpaqueV);
        return;
      case 'attr':
        this.setattr(this.eval(target.obj, scope), target.name, value);
        return;
      case 'index':
        this.setitem(this.eval(target.obj, scope), this.eval(target.index, scope), value);
        return;
      case 'tuple':
      case 'list':
        this.unpack(target.items, value, scope);
        return;
      case 'starred':
        return refuse('code.unsupported', { what: '*' });
      default:
        return refuse('code.badTarget');
    }
  }

  private unpack(targets: readonly Expr[], value: Value, scope: Scope): void {
    if (is(value, 'opaque')) {
      for (const t of targets) this.assign(t.t === 'starred' ? t.value : t, value, scope);
      return;
    }
    const items = iterate(this, value);
    const star = targets.findIndex((t) => t.t === 'starred');
    if (star < 0) {
      if (items.length !== targets.length) raise('ValueError', 'py.unpack', { expected: String(targets.length), got: String(items.length) });
      targets.forEach((t, i) => this.assign(t, items[i]!, scope));
      return;
    }
    const after = targets.length - star - 1;
    if (items.length < targets.length - 1) raise('ValueError', 'py.unpack', { expected: `${targets.length - 1}+`, got: String(items.length) });
    targets.slice(0, star).forEach((t, i) => this.assign(t, items[i]!, scope));
    const starred = targets[star] as Extract<Expr, { t: 'starred' }>;
    this.charge(items.length - after - star);
    this.assign(starred.value, list(items.slice(star, items.length - after)), scope);
    targets.slice(star + 1).forEach((t, i) => this.assign(t, items[items.length - after + i]!, scope));
  }

  private augmented(target: Expr, op: Parameters<typeof binary>[1], valueExpr: Expr, scope: Scope): void {
    const inplace = (current: Value, value: Value): Value => {
      if (op === '+' && is(current, 'list')) {
        const more = iterate(this, value);
        this.charge(current.items.length + more.length);
        current.items.push(...more);
        return current;
      }
      if (op === '+' && is(current, 'instance')) {
        const iadd = this.special(current, '__iadd__');
        if (iadd !== undefined) return this.call(iadd, [value]);
      }
      return binary(this, op, current, value);
    };
    switch (target.t) {
      case 'name': {
        const current = scope.lookup(target.id) ?? this.builtins.get(target.id) ?? raise('NameError', 'py.name', { name: target.id });
        scope.assign(target.id, inplace(current, this.eval(valueExpr, scope)));
        return;
      }
      case 'attr': {
        const obj = this.eval(target.obj, scope);
        this.setattr(obj, target.name, inplace(this.getattr(obj, target.name), this.eval(valueExpr, scope)));
        return;
      }
      case 'index': {
        const obj = this.eval(target.obj, scope);
        const key = this.eval(target.index, scope);
        this.setitem(obj, key, inplace(this.getitem(obj, key), this.eval(valueExpr, scope)));
        return;
      }
      default:
        return refuse('code.badTarget');
    }
  }

  // ── expressions ──
  eval(e: Expr, scope: Scope): Value {
    if (e.line > 0) this.line = e.line;
    this.tick();
    if (++this.recursion > LIMITS.recursion) this.tooDeep();
    const v = this.evalInner(e, scope);
    this.recursion--;
    return v;
  }

  private evalInner(e: Expr, scope: Scope): Value {
    switch (e.t) {
      case 'const':
        return e.value;
      case 'name':
        return this.lookup(e.id, scope);
      case 'attr':
        return this.getattr(this.eval(e.obj, scope), e.name);
      case 'call':
        return this.evalCall(e, scope);
      case 'bin':
        return binary(this, e.op, this.eval(e.left, scope), this.eval(e.right, scope));
      case 'unary': {
        const v = this.eval(e.operand, scope);
        return e.op === 'not' ? !truthy(this, v) : unary(this, e.op, v);
      }
      case 'bool': {
        const left = this.eval(e.left, scope);
        const t = truthy(this, left);
        return e.op === 'and' ? (t ? this.eval(e.right, scope) : left) : t ? left : this.eval(e.right, scope);
      }
      case 'compare':
        return this.compareChain(e, scope);
      case 'ifexp':
        return truthy(this, this.eval(e.test, scope)) ? this.eval(e.body, scope) : this.eval(e.orelse, scope);
      case 'index':
        return this.getitem(this.eval(e.obj, scope), this.eval(e.index, scope));
      case 'slice':
        return {
          t: 'slice',
          start: e.lower === null ? null : this.eval(e.lower, scope),
          stop: e.upper === null ? null : this.eval(e.upper, scope),
          step: e.step === null ? null : this.eval(e.step, scope),
        };
      case 'tuple':
        return tuple(this.items(e.items, scope));
      case 'list':
        return list(this.items(e.items, scope));
      case 'set':
        return newSet(this, this.items(e.items, scope));
      case 'dict': {
        const d = newDict(this);
        for (const item of e.items) {
          if ('spread' in item) {
            const src = this.eval(item.spread, scope);
            for (const [k, v] of this.mapping(src)) dictSet(this, d, k, v);
          } else dictSet(this, d, this.eval(item.key, scope), this.eval(item.value, scope));
        }
        return d;
      }
      case 'fstring': {
        const out = new TextOut(this);
        for (const p of e.parts) {
          if (typeof p === 'string') {
            out.add(p);
            continue;
          }
          const v = this.eval(p.value, scope);
          // text made from data the reader does not run (`f"loss={loss.item():.4f}"`) is that data:
          // a print of it is nothing, a layer built from it is refused where it is built
          if (is(v, 'opaque')) return v;
          out.add(this.formatted(p, v));
        }
        return out.toString();
      }
      case 'lambda':
        return this.makeFunction(e.fn, scope);
      case 'comp':
        return this.comprehension(e, scope);
      case 'ellipsis':
        return ELLIPSIS;
      case 'starred':
        return refuse('code.badStar');
    }
  }

  /** `{value!conv:spec}`: converted (repr for !r and !a, str for !s), then formatted by its spec. */
  private formatted(p: FormattedValue, v: Value): string {
    if (p.spec.includes('{')) return refuse('code.unsupported', { what: `{…:${p.spec}}` });
    if (p.conv === '') return formatValue(this, v, p.spec);
    const text = p.conv === 's' ? str(this, v) : repr(this, v);
    return p.spec === '' ? text : formatValue(this, text, p.spec);
  }

  private lookup(name: string, scope: Scope): Value {
    const v = scope.lookup(name);
    if (v !== undefined) return v;
    const b = this.builtins.get(name);
    if (b !== undefined) return b;
    const bare = this.host.bare(name);
    if (bare !== undefined) return bare;
    return raise('NameError', 'py.name', { name });
  }

  private compareChain(e: Extract<Expr, { t: 'compare' }>, scope: Scope): Value {
    let left = this.eval(e.first, scope);
    for (let i = 0; i < e.ops.length; i++) {
      const right = this.eval(e.rest[i]!, scope);
      const op = e.ops[i]!;
      if (e.ops.length === 1 && op !== 'in' && op !== 'not in' && op !== 'is' && op !== 'is not') {
        const arrays = this.arrayCompare(left, right);
        if (arrays !== undefined) return arrays;
      }
      // data compared for equality is data (`img.mode == 'L'`): the branch it picks is refused where taken, not guessed
      if ((op === '==' || op === '!=') && (is(left, 'opaque') || is(right, 'opaque'))) return is(left, 'opaque') ? left : right;
      let ok: boolean;
      switch (op) {
        case '==':
          ok = this.equality(left, right);
          break;
        case '!=':
          ok = !this.equality(left, right);
          break;
        case 'is':
          ok = identical(left, right);
          break;
        case 'is not':
          ok = !identical(left, right);
          break;
        case 'in':
          ok = contains(this, right, left);
          break;
        case 'not in':
          ok = !contains(this, right, left);
          break;
        default:
          ok = compare(this, op, left, right);
      }
      if (!ok) return false;
      left = right;
    }
    return true;
  }

  private equality(a: Value, b: Value): boolean {
    return equals(this, a, b);
  }

  /** `x == 0`, `mask < 1` on tensors: a tensor of truth values. */
  private arrayCompare(a: Value, b: Value): Value | undefined {
    for (const ops of this.arrays) {
      const r = ops.compare(this, a, b);
      if (r !== undefined) return r;
    }
    return undefined;
  }

  private items(exprs: readonly Expr[], scope: Scope): Value[] {
    const out: Value[] = [];
    for (const x of exprs) {
      if (x.t === 'starred') {
        const more = iterate(this, this.eval(x.value, scope));
        this.charge(out.length + more.length);
        out.push(...more);
      } else out.push(this.eval(x, scope));
    }
    return out;
  }

  /** The (key, value) pairs of a mapping for `**spread`. */
  mapping(v: Value): Array<readonly [Value, Value]> {
    if (is(v, 'dict')) {
      this.charge(v.map.size);
      return [...v.map.values()].map((e) => [e.key, e.value] as const);
    }
    if (is(v, 'opaque')) return needValue(v);
    return raise('TypeError', 'py.notMapping', { type: typeName(v) });
  }

  private comprehension(e: Extract<Expr, { t: 'comp' }>, scope: Scope): Value {
    const inner = new Scope('comprehension', scope);
    const out: Value[] = [];
    const d = e.kind === 'dict' ? newDict(this) : null;
    const first = this.eval(e.generators[0]!.iter, scope);
    // over data the reader lacks (`[np.mean(w) for w in model.get_weights()]`): a value it lacks too,
    // when the comprehension only computes (its calls are of numbers and arrays, never a layer built)
    if (is(first, 'opaque') && this.onlyComputes(e)) return { t: 'opaque', origin: `[… for … in ${first.origin}]`, line: this.line };
    const loop = (level: number): void => {
      const g: Generator | undefined = e.generators[level];
      if (g === undefined) {
        if (d) dictSet(this, d, this.eval(e.elt, inner), this.eval(e.value!, inner));
        else {
          if (out.length >= LIMITS.items) overLimit('items');
          out.push(this.eval(e.elt, inner));
        }
        return;
      }
      const source = level === 0 ? first : this.eval(g.iter, inner);
      for (const item of iterate(this, source)) {
        this.tick();
        this.assign(g.target, item, inner);
        if (g.ifs.every((c) => truthy(this, this.eval(c, inner)))) loop(level + 1);
      }
    };
    loop(0);
    if (d) return d;
    if (e.kind === 'set') return newSet(this, out);
    if (e.kind === 'gen') return { t: 'iterator', items: out, i: 0 };
    return list(out);
  }

  /**
   * Whether a comprehension only computes values: every call in it is of a built-in on numbers
   * (len, float, round, ...), of numpy or math, or a method of the items it goes over (`w.mean()`).
   */
  private onlyComputes(e: Extract<Expr, { t: 'comp' }>): boolean {
    const targets = new Set<string>();
    const bound = (t: unknown): void => {
      if (typeof t !== 'object' || t === null) return;
      const n = t as { t?: string; id?: string };
      if (n.t === 'name' && typeof n.id === 'string') targets.add(n.id);
      for (const v of Object.values(t)) if (typeof v === 'object') bound(v);
    };
    for (const g of e.generators) bound(g.target);
    const root = (x: Expr): string | null => (x.t === 'name' ? x.id : x.t === 'attr' ? root(x.obj) : null);
    let ok = true;
    const walk = (node: unknown, depth: number): void => {
      if (!ok || typeof node !== 'object' || node === null) return;
      this.tick();
      if (depth > 64) {
        ok = false;
        return;
      }
      const n = node as { t?: string };
      if (n.t === 'call') {
        const fn = (node as Extract<Expr, { t: 'call' }>).fn;
        const r = root(fn);
        const safe = fn.t === 'name' ? COMPUTING_BUILTINS.has(fn.id) : r !== null && (['np', 'numpy', 'math'].includes(r) || targets.has(r));
        if (!safe) ok = false;
      }
      for (const v of Object.values(node)) if (typeof v === 'object') walk(v, depth + 1);
    };
    walk(e.elt, 0);
    walk(e.value, 0);
    e.generators.forEach((g, i) => {
      if (i > 0) walk(g.iter, 0);
      g.ifs.forEach((c) => walk(c, 0));
    });
    return ok;
  }

  // ── calls ──
  private evalCall(e: Extract<Expr, { t: 'call' }>, scope: Scope): Value {
    const fn = this.eval(e.fn, scope);
    const { args, kwargs } = this.arguments(e.args, scope);
    if (e.line > 0) this.line = e.line;
    return this.call(fn, args, kwargs);
  }

  private arguments(list: readonly Arg[], scope: Scope): { args: Value[]; kwargs: Kwargs } {
    // gathered on one stack, which the calls nested in them use above these, then copied out
    // exactly sized: a list of its own grown for each call was garbage
    const args = this.gathered;
    const start = args.length;
    try {
      let kwargs: Map<string, Value> | undefined;
      for (const a of list) {
        switch (a.kind) {
          case 'pos':
            args.push(this.eval(a.value, scope));
            break;
          case 'star': {
            const v = this.eval(a.value, scope);
            const more = iterate(this, v);
            this.charge(args.length - start + more.length);
            args.push(...more);
            break;
          }
          case 'kw':
            kwargs ??= new Map();
            if (kwargs.has(a.name)) raise('TypeError', 'py.multipleValues', { fn: 'call', name: a.name });
            kwargs.set(a.name, this.eval(a.value, scope));
            break;
          case 'dstar':
            for (const [k, v] of this.mapping(this.eval(a.value, scope))) {
              if (typeof k !== 'string') raise('TypeError', 'py.kwargsKeys');
              kwargs ??= new Map();
              if (kwargs.has(k)) raise('TypeError', 'py.multipleValues', { fn: 'call', name: k });
              kwargs.set(k, v);
            }
            break;
        }
      }
      return { args: args.slice(start), kwargs: kwargs ?? NO_KWARGS };
    } finally {
      // also when an argument raised (a paste's try/except may go on)
      args.length = start;
    }
  }

  /** The arguments of the calls being evaluated (see arguments). */
  private readonly gathered: Value[] = [];

  call(fn: Value, args: Value[], kwargs: Kwargs = NO_KWARGS): Value {
    this.tick();
    if (!isObj(fn)) return raise('TypeError', 'py.notCallable', { type: typeName(fn) });
    switch (fn.t) {
      case 'function':
        return this.callFunction(fn, args, kwargs);
      case 'builtin':
        return this.callBuiltin(fn, args, kwargs);
      case 'method':
        return this.call(fn.fn, [fn.self, ...args], kwargs);
      case 'class':
        return this.instantiate(fn, args, kwargs);
      case 'wrapped':
        return this.call(fn.fn, args, kwargs);
      case 'opaque': {
        const origin = fn.origin.endsWith(')') ? fn.origin : `${fn.origin}(…)`;
        // a pasted function or class handed to a library the reader does not run (`fire.Fire(train)`,
        // `@hydra.main(...)`): the script runs through it, with arguments the reader does not know
        const entry = [...args, ...kwargs.values()].find((a) => (is(a, 'function') && a.def.line > 0) || (is(a, 'class') && a.line > 0));
        if (entry !== undefined) this.host.runThrough(origin, (entry as FunctionV | ClassV).name, this.line);
        const plain = (fn.plain === true || this.skipped.has(fn.origin)) && ![...args, ...kwargs.values()].some(holdsInstance);
        return plain ? { t: 'opaque', origin, line: this.line, plain } : { t: 'opaque', origin, line: this.line };
      }
      case 'instance': {
        const f = this.special(fn, '__call__');
        if (f !== undefined) return this.call(f, args, kwargs);
        break;
      }
      default:
        break;
    }
    return raise('TypeError', 'py.notCallable', { type: typeName(fn) });
  }

  /**
   * A built-in's call. Each pays for what it makes before making it; what it returns is checked
   * against the size limit all the same, and a JavaScript error inside one (a size or a conversion
   * JavaScript refuses) is a refusal naming the call, never "something went wrong".
   */
  private callBuiltin(fn: BuiltinV, args: Value[], kwargs: Kwargs): Value {
    let v: Value;
    try {
      v = fn.call(args, kwargs);
    } catch (e) {
      if (e instanceof SpecError || e instanceof PyException || e instanceof StepBudget || (e instanceof RangeError && /call stack/i.test(e.message))) throw e;
      return refuse('code.builtinFailed', { name: fn.name });
    }
    if (typeof v === 'string' ? v.length > LIMITS.items : isObj(v) && ('items' in v ? v.items.length : 'map' in v ? v.map.size : 0) > LIMITS.items) overLimit('items');
    return v;
  }

  private callFunction(f: FunctionV, args: Value[], kwargs: Kwargs): Value {
    if (this.calls >= LIMITS.calls) overLimit('calls');
    const scope = new Scope('function', f.closure, f.def);
    this.bindParameters(f, args, kwargs, scope);
    this.calls++;
    this.frames.push({ fn: f, first: args[0] });
    let result: Value;
    if (Array.isArray(f.def.body)) {
      const flow = this.execBlock(f.def.body as readonly Stmt[], scope);
      result = flow !== null && typeof flow === 'object' ? flow.value : null;
    } else {
      result = this.eval(f.def.body as Expr, scope);
    }
    this.frames.pop();
    this.calls--;
    return result;
  }

  private bindParameters(f: FunctionV, args: readonly Value[], kwargs: Kwargs, scope: Scope): void {
    const { params } = f.def;
    const positional = params.positional;
    const vars = scope.vars;
    const extra: Value[] = [];
    for (let i = 0; i < args.length; i++) {
      const p = positional[i];
      if (p) vars.set(p.name, args[i]!);
      else if (params.vararg) extra.push(args[i]!);
      else raise('TypeError', 'py.tooManyArgs', { fn: f.name, max: String(positional.length), got: String(args.length) });
    }
    if (params.vararg) vars.set(params.vararg, tuple(extra));
    let rest: DictV | null = null;
    for (const [k, v] of kwargs) {
      const known = positional.some((p) => p.name === k) || params.keywordOnly.some((p) => p.name === k);
      if (known) {
        if (vars.has(k) && k !== params.vararg) raise('TypeError', 'py.multipleValues', { fn: f.name, name: k });
        vars.set(k, v);
      } else if (params.kwarg) {
        rest ??= newDict(this);
        dictSet(this, rest, k, v);
      } else raise('TypeError', 'py.unexpectedKwarg', { fn: f.name, name: k });
    }
    if (params.kwarg) vars.set(params.kwarg, rest ?? newDict(this));
    const missing: string[] = [];
    for (const p of [...positional, ...params.keywordOnly]) {
      if (vars.has(p.name)) continue;
      const d = f.defaults.get(p.name);
      if (d !== undefined || f.defaults.has(p.name)) vars.set(p.name, d!);
      else missing.push(`'${p.name}'`);
    }
    if (missing.length > 0) raise('TypeError', 'py.missingArgs', { fn: f.name, names: missing.join(', ') });
  }

  makeFunction(def: FunctionDef, scope: Scope): FunctionV {
    const defaults = new Map<string, Value>();
    for (const p of [...def.params.positional, ...def.params.keywordOnly]) if (p.default !== null) defaults.set(p.name, this.eval(p.default, scope));
    return { t: 'function', def, closure: scope.closure(), defaults, owner: null, name: def.name };
  }

  private decorate(decorators: readonly Expr[], value: Value, scope: Scope): Value {
    let v = value;
    for (let i = decorators.length - 1; i >= 0; i--) v = this.call(this.eval(decorators[i]!, scope), [v]);
    return v;
  }

  private makeClass(s: Extract<Stmt, { t: 'class' }>, scope: Scope): ClassV {
    const bases: ClassV[] = [];
    for (const b of s.bases) {
      if (b.kind !== 'pos') {
        if (b.kind === 'kw' && b.name === 'metaclass') refuse('code.unsupported', { what: 'metaclass=' });
        continue; // class keywords (`total=False`) build nothing countable
      }
      const base = this.eval(b.value, scope);
      if (is(base, 'class')) bases.push(base);
      else if (is(base, 'opaque')) refuse('code.unknownBase', { name: s.name, base: base.origin });
      else raise('TypeError', 'py.badBase', { type: typeName(base) });
    }
    if (bases.length === 0) bases.push(this.builtins.get('object') as ClassV);
    const body = new Scope('class', scope);
    body.vars.set('__module__', '__main__');
    body.vars.set('__qualname__', s.name);
    this.execBlock(s.body, body);
    const cls: ClassV = { t: 'class', name: s.name, bases, mro: [], dict: new Map(body.vars), line: s.line };
    cls.mro = linearize(cls);
    for (const v of cls.dict.values()) {
      if (is(v, 'function')) v.owner ??= cls;
      if (is(v, 'wrapped') && is(v.fn, 'function')) v.fn.owner ??= cls;
    }
    // a base's __init_subclass__ (implicitly a classmethod) runs on the new class, as in Python:
    // enum.Enum and typing.NamedTuple make their members and fields this way
    const hook = cls.mro
      .slice(1)
      .map((c) => c.dict.get('__init_subclass__'))
      .find((v) => v !== undefined);
    if (hook !== undefined) this.call(is(hook, 'wrapped') ? bindTo(hook, cls, cls) : { t: 'method', self: cls, fn: hook as FunctionV }, [], new Map());
    return cls;
  }

  instantiate(cls: ClassV, args: Value[], kwargs: Kwargs): Value {
    const construct = classAttr(cls, '__new_instance__');
    if (construct !== undefined) return this.call(construct, [cls, ...args], kwargs);
    const inst: InstanceV = { t: 'instance', cls, dict: NO_ATTRS };
    this.host.initInstance(this, inst);
    const init = classAttr(cls, '__init__');
    if (init !== undefined) {
      const r = this.call(bindTo(init, inst, cls), args, kwargs);
      if (r !== null && !is(r, 'opaque')) raise('TypeError', 'py.initReturn', { type: typeName(r) });
    } else if (args.length > 0 || kwargs.size > 0) {
      raise('TypeError', 'py.tooManyArgs', { fn: cls.name, max: '0', got: String(args.length + kwargs.size) });
    }
    return inst;
  }

  // ── attributes and items ──
  special(obj: Value, name: string): Value | undefined {
    if (!is(obj, 'instance')) return undefined;
    const f = classAttr(obj.cls, name);
    return f === undefined ? undefined : bindTo(f, obj, obj.cls);
  }

  getattr(obj: Value, name: string): Value {
    const lib = this.host.getattr(this, obj, name);
    if (lib !== undefined) return lib;
    if (isObj(obj)) {
      switch (obj.t) {
        case 'instance':
          return this.instanceAttr(obj, name);
        case 'class': {
          if (name === '__name__' || name === '__qualname__') return obj.name;
          if (name === '__mro__') return tuple(obj.mro);
          if (name === '__bases__') return tuple(obj.bases);
          const v = classAttr(obj, name);
          if (v === undefined) break;
          if (is(v, 'wrapped')) return v.how === 'classmethod' ? { t: 'method', self: obj, fn: v.fn as FunctionV } : v.how === 'staticmethod' ? v.fn : v;
          return v;
        }
        case 'super': {
          const type = is(obj.self, 'instance') ? obj.self.cls : is(obj.self, 'class') ? obj.self : null;
          if (type) {
            const start = type.mro.indexOf(obj.after);
            for (const c of type.mro.slice(start + 1)) {
              const v = c.dict.get(name);
              if (v !== undefined) return bindTo(v, obj.self, type);
            }
          }
          break;
        }
        case 'namespace': {
          const v = obj.get(name);
          if (v !== undefined) return v;
          return this.unknownMember(obj.name, name);
        }
        case 'function':
          if (name === '__name__' || name === '__qualname__') return obj.name;
          break;
        case 'opaque':
          return obj.plain ? { t: 'opaque', origin: `${obj.origin}.${name}`, line: obj.line, plain: true } : { t: 'opaque', origin: `${obj.origin}.${name}`, line: obj.line };
        default:
          break;
      }
    }
    const method = builtinMethod(this, obj, name);
    if (method !== undefined) return method;
    if (isPythonMethod(typeName(obj), name)) return refuse('code.methodNotRead', { type: typeName(obj), name });
    return raise('AttributeError', 'py.attribute', { type: typeName(obj), name });
  }

  private instanceAttr(obj: InstanceV, name: string): Value {
    if (name === '__class__') return obj.cls;
    if (name === '__dict__') return instanceDict(this, obj);
    const clsValue = classAttr(obj.cls, name);
    if (clsValue !== undefined && is(clsValue, 'wrapped') && clsValue.how === 'property') return this.call(clsValue.fn, [obj]);
    const own = obj.dict.get(name);
    if (own !== undefined || obj.dict.has(name)) return own!;
    const lib = this.host.getInstanceAttr(this, obj, name);
    if (lib !== undefined) return lib;
    if (clsValue !== undefined) return bindTo(clsValue, obj, obj.cls);
    const fallback = classAttr(obj.cls, '__getattr__');
    if (fallback !== undefined) return this.call(bindTo(fallback, obj, obj.cls), [name]);
    return raise('AttributeError', 'py.attribute', { type: obj.cls.name, name });
  }

  setattr(obj: Value, name: string, value: Value): void {
    if (this.host.setattr(this, obj, name, value)) return;
    if (is(obj, 'instance')) {
      const clsValue = classAttr(obj.cls, name);
      if (clsValue !== undefined && is(clsValue, 'wrapped') && clsValue.how === 'property') refuse('code.unsupported', { what: `@property ${name} = …` });
      if (this.host.setInstanceAttr(this, obj, name, value)) return;
      attrsOf(obj).set(name, value);
      return;
    }
    if (is(obj, 'class')) {
      obj.dict.set(name, value);
      return;
    }
    if (is(obj, 'opaque') || is(obj, 'namespace')) return; // settings of libraries the reader does not run
    raise('AttributeError', 'py.attribute', { type: typeName(obj), name });
  }

  delattr(obj: Value, name: string): void {
    if (is(obj, 'instance') && (this.host.delInstanceAttr(this, obj, name) || dropAttr(obj, name))) return;
    raise('AttributeError', 'py.attribute', { type: typeName(obj), name });
  }

  getitem(obj: Value, key: Value): Value {
    if (isObj(obj)) {
      switch (obj.t) {
        case 'list':
        case 'tuple':
          if (is(key, 'slice')) {
            const items = sliceItems(this, obj.items, key);
            return obj.t === 'list' ? list(items) : tuple(items);
          }
          return obj.items[position(key, obj.items.length, obj.t)]!;
        case 'dict': {
          const v = dictGet(this, obj, key);
          if (v === undefined) {
            const missing = this.host.getitem(this, obj, key);
            if (missing !== undefined) return missing;
            return raise('KeyError', 'py.key', { key: repr(this, key) });
          }
          return v;
        }
        case 'range': {
          if (is(key, 'slice')) return refuse('code.unsupported', { what: 'range[…:…]' });
          const n = Number((obj.stop - obj.start) / obj.step);
          const i = position(key, Math.max(0, Math.ceil(n)), 'range');
          return obj.start + BigInt(i) * obj.step;
        }
        case 'opaque':
          return obj.plain ? { t: 'opaque', origin: `${obj.origin}[…]`, line: obj.line, plain: true } : { t: 'opaque', origin: `${obj.origin}[…]`, line: obj.line };
        case 'instance': {
          const f = this.special(obj, '__getitem__');
          if (f !== undefined) return this.call(f, [key]);
          break;
        }
        case 'class': {
          // Color['RED'] (enum); otherwise typing generics: List[int], Optional[nn.Module]
          const own = classAttr(obj, '__class_getitem__');
          if (own !== undefined) return this.call(bindTo(own, obj, obj), [key]);
          return obj;
        }
        default: {
          const lib = this.host.getitem(this, obj, key);
          if (lib !== undefined) return lib;
        }
      }
    }
    if (typeof obj === 'string') {
      // Python indexes code points: the string is split into them, which costs its length
      this.charge(obj.length);
      const chars = [...obj];
      if (is(key, 'slice')) return sliceItems(this, chars, key).join('');
      return chars[position(key, chars.length, 'string')]!;
    }
    return raise('TypeError', 'py.notSubscriptable', { type: typeName(obj) });
  }

  setitem(obj: Value, key: Value, value: Value): void {
    if (this.host.setitem(this, obj, key, value)) return;
    if (is(obj, 'list')) {
      if (is(key, 'slice')) {
        const [start, stop, step] = [key.start === null ? 0 : Number(toIndex(key.start)), key.stop === null ? obj.items.length : Number(toIndex(key.stop)), key.step];
        if (step !== null) return refuse('code.unsupported', { what: 'list[a:b:c] = …' });
        const more = iterate(this, value);
        this.charge(obj.items.length + more.length);
        obj.items.splice(start, stop - start, ...more);
        return;
      }
      obj.items[position(key, obj.items.length, 'list')] = value;
      return;
    }
    if (is(obj, 'dict')) {
      dictSet(this, obj, key, value);
      return;
    }
    if (is(obj, 'opaque')) return;
    const f = this.special(obj, '__setitem__');
    if (f !== undefined) {
      this.call(f, [key, value]);
      return;
    }
    raise('TypeError', 'py.noItemAssign', { type: typeName(obj) });
  }

  // ── imports ──
  private importModule(name: string): Value {
    const m = this.host.importModule(name);
    if (m !== undefined) return m;
    return this.unknownModule(name);
  }

  /**
   * A name a known library does not have, as far as the reader knows. In the libraries whose
   * functions only compute values (torch.*, torch.nn.functional, keras.ops, keras.models'
   * clone_model, ...), it is a value the reader lacks: the count goes on, and refuses only where
   * that value is needed (a layer's size, a branch, a loop that builds, a layer the model holds);
   * what was skipped is said. Elsewhere (torch.nn, keras.layers: classes that may hold parameters)
   * it is refused by name.
   */
  private unknownMember(namespace: string, name: string): Value {
    const full = `${namespace}.${name}`;
    if (!VALUE_ONLY.has(namespace)) return refuse('code.unknownName', { name: full });
    if (!this.skipped.has(full)) {
      this.charge(1);
      this.skipped.set(full, this.line);
    }
    return { t: 'opaque', origin: full, line: this.line, plain: true };
  }

  /** A module the reader does not know: importing it is fine, using it yields opaque values. */
  private unknownModule(name: string): Value {
    return { t: 'opaque', origin: name, line: this.line };
  }

  private importFrom(module: string, names: Extract<Stmt, { t: 'from' }>['names'], scope: Scope): void {
    if (module.startsWith('.')) refuse('code.relativeImport', { module });
    const m = this.importModule(module);
    if (names === '*') {
      if (!is(m, 'namespace')) return;
      const star = this.host.getattr(this, m, '__all__');
      if (star !== undefined) for (const n of iterate(this, star)) if (typeof n === 'string') scope.assign(n, this.getattr(m, n));
      return;
    }
    for (const { name, as } of names) {
      let v: Value;
      if (is(m, 'namespace')) {
        v = m.get(name) ?? this.host.importModule(`${module}.${name}`) ?? this.unknownMember(m.name, name);
      } else v = is(m, 'opaque') ? { t: 'opaque', origin: `${module}.${name}`, line: this.line } : this.getattr(m, name);
      scope.assign(as ?? name, v);
    }
  }
}

/** Whether a call's argument is or holds an object (a layer, a model): what a call given one returns may be a layer. */
function holdsInstance(v: Value): boolean {
  if (is(v, 'instance') || (is(v, 'opaque') && !v.plain)) return true;
  if (is(v, 'list') || is(v, 'tuple')) return v.items.some((x) => is(x, 'instance') || is(x, 'list') || is(x, 'tuple') || (is(x, 'opaque') && !x.plain));
  if (is(v, 'dict')) return [...v.map.values()].some((e) => is(e.value, 'instance'));
  return false;
}

/** Built-ins that compute from numbers and strings, never building anything (see onlyComputes). */
const COMPUTING_BUILTINS: ReadonlySet<string> = new Set(['len', 'float', 'int', 'str', 'abs', 'round', 'min', 'max', 'sum', 'bool', 'repr', 'format']);

/**
 * Libraries whose members compute values and never hold parameters: a member the reader does not
 * know there is a value it lacks, not a refusal of the whole paste (see unknownMember).
 */
const VALUE_ONLY: ReadonlySet<string> = new Set([
  ...['torch', 'torch.nn.functional', 'torch.linalg', 'torch.fft', 'torch.special', 'keras.ops', 'keras.models', 'keras.activations', 'numpy'],
  // Python's own modules hold no parameters: `from collections import Counter` for a vocabulary is data
  ...['math', 'collections', 'functools', 'itertools', 'typing', 'copy', 'dataclasses', 'enum', 'types', 'warnings'],
]);

/** How many calls deep a loop's body is read for layers it builds (a loop → add_task → build_head → mlp). */
const BUILD_DEPTH = 6;

/** A PyTorch module or Keras layer: what a loop over data trains, never rebuilds. */
const isModel = (v: Value): boolean => is(v, 'instance') && (v.module !== undefined || v.keras !== undefined);

/** What a loop over data may change in place: a list, a dict, a set, a configuration object; not a module (`torch.save(...)`), a class, a function or a model. */
const holdsData = (v: Value): boolean => is(v, 'list') || is(v, 'dict') || is(v, 'set') || (is(v, 'instance') && !isModel(v));

/** `__name__ == '__main__'`, either way round: the script's entry point. */
function isMainGuard(test: Expr): boolean {
  if (test.t !== 'compare' || test.ops.length !== 1 || test.ops[0] !== '==') return false;
  const [a, b] = [test.first, test.rest[0]!];
  const side = (x: Expr, y: Expr) => x.t === 'name' && x.id === '__name__' && y.t === 'const' && y.value === '__main__';
  return side(a, b) || side(b, a);
}

/** Thrown when a followed forward pass runs out of its share of the budget. */
export class StepBudget extends Error {}

function identical(a: Value, b: Value): boolean {
  if (a === b) return true;
  // small ints and interned strings compare `is`-equal in CPython; students rely on `x is None` only
  return typeof a === 'bigint' && typeof b === 'bigint' && a === b;
}

export function classAttr(cls: ClassV, name: string): Value | undefined {
  for (const c of cls.mro) {
    const v = c.dict.get(name);
    if (v !== undefined || c.dict.has(name)) return v;
  }
  return undefined;
}

/** An attribute found on a class, as seen from an instance (methods bound, wrappers applied). */
export function bindTo(v: Value, self: Value, cls: ClassV): Value {
  if (!isObj(v)) return v;
  if (v.t === 'function' || v.t === 'builtin') return { t: 'method', self, fn: v };
  if (v.t === 'wrapped') {
    if (v.how === 'staticmethod') return v.fn;
    if (v.how === 'classmethod') return { t: 'method', self: cls, fn: v.fn as FunctionV | BuiltinV };
  }
  return v;
}

export function isException(cls: ClassV): boolean {
  return cls.mro.some((c) => c.native === 'exception');
}

/** The nearest built-in exception type of a class (a pasted `class MyError(ValueError)` is a ValueError). */
function exceptionType(cls: ClassV): string {
  return cls.mro.find((c) => c.native === 'exception')?.name ?? 'Exception';
}

/** C3 linearization (Python's method resolution order). */
export function linearize(cls: ClassV): ClassV[] {
  const seqs = [...cls.bases.map((b) => [...b.mro]), [...cls.bases]];
  const out: ClassV[] = [cls];
  for (;;) {
    const live = seqs.filter((s) => s.length > 0);
    if (live.length === 0) return out;
    const head = live.map((s) => s[0]!).find((h) => !live.some((s) => s.indexOf(h) > 0));
    if (!head) return raise('TypeError', 'py.mro', { name: cls.name });
    out.push(head);
    for (const s of live) if (s[0] === head) s.shift();
  }
}

/**
 * `name: type` in a class body, kept in the class's `__annotations__` in order (dataclasses and
 * NamedTuple read their fields from it). The type is kept as its written head (`ClassVar`,
 * `Optional`, `int`, a string for a forward reference) and never evaluated: no count depends on it.
 */
function annotate(rt: Interpreter, scope: Scope, name: string, annotation: Expr): void {
  let d = scope.vars.get('__annotations__');
  if (d === undefined || !is(d, 'dict')) {
    d = newDict(rt);
    scope.vars.set('__annotations__', d);
  }
  dictSet(rt, d, name, annotationHead(annotation));
}

function annotationHead(e: Expr): string {
  switch (e.t) {
    case 'name':
      return e.id;
    case 'attr':
      return e.name;
    case 'index':
      return annotationHead(e.obj);
    case 'const':
      return typeof e.value === 'string' ? e.value : 'None';
    default:
      return 'object';
  }
}

/** obj.__dict__ and vars(obj): a dict whose writes go to the object (`self.__dict__.update(kwargs)`). */
function instanceDict(rt: Interpreter, obj: InstanceV): DictV {
  const d = newDict(
    rt,
    [...obj.dict].map(([k, v]) => [k, v] as const),
  );
  return { ...d, mirror: attrsOf(obj) };
}
