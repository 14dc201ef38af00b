/**
 * nn.Module as PyTorch defines it: `self.x = ...` registers parameters and submodules (and only
 * those: a plain list of layers is not registered, which is why nn.ModuleList exists), the
 * containers (Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict), and the walks
 * `parameters()` and `named_modules()` are made of. Counting a model is summing its parameters
 * exactly as `sum(p.numel() for p in model.parameters())` does: shared ones once.
 */
import { guardWalk } from './published.js';
import { raise, refuse, overLimit } from '../errors.js';
import type { Interpreter } from '../interpreter.js';
import { LIMITS } from '../limits.js';
import { iterate, position, repr, sliceItems, str, toIndex, truthy, typeName } from '../python.js';
import { builtin, is, newPass, tuple, type ClassV, type InstanceV, type TensorV, type Value, NO_ATTRS, attrsOf, dropAttr } from '../values.js';
import { def, iterator, nativeClass } from '../builtins.js';
import type { Leaf } from './leaves.js';
import type { Torch } from './library.js';
import { msg } from '../../../i18n/messages.js';

export interface ModuleState {
  /** Creation order: which model came first. */
  readonly serial: number;
  /** The pasted line that created it. */
  readonly line: number;
  initialized: boolean;
  training: boolean;
  /** Read here; changed through childrenOf, which gives the module a map of its own on the first change. */
  modules: ReadonlyMap<string, InstanceV | null>;
  readonly params: Map<string, TensorV | null>;
  /** Read here; changed through buffersOf. */
  buffers: ReadonlyMap<string, TensorV | null>;
  /** The last pass (newPass) of a walk that reached it. */
  reached: number;
  /** Set for the library's layers (nn.Conv2d, ...): what the counting engine evaluates. */
  leaf?: Leaf;
}

/**
 * What a module starts with as its submodules and buffers: one empty map shared by all, as most
 * modules (every layer) never hold either, and two maps more per layer made a thousand pasted
 * nn.Linear ~0.3 MB heavier. childrenOf and buffersOf replace it on the first change.
 */
export const NOTHING_HELD: ReadonlyMap<string, never> = new Map<string, never>();

/** A module's submodules, to change. */
export function childrenOf(s: ModuleState): Map<string, InstanceV | null> {
  if (s.modules === NOTHING_HELD) s.modules = new Map();
  return s.modules as Map<string, InstanceV | null>;
}

/** Removes a submodule if the module holds it (no map is made to remove nothing). */
export function dropChild(s: ModuleState, name: string): boolean {
  return s.modules.has(name) && childrenOf(s).delete(name);
}

/** Removes a buffer if the module holds it. */
export function dropBuffer(s: ModuleState, name: string): boolean {
  return s.buffers.has(name) && buffersOf(s).delete(name);
}

/** A module's buffers, to change. */
export function buffersOf(s: ModuleState): Map<string, TensorV | null> {
  if (s.buffers === NOTHING_HELD) s.buffers = new Map();
  return s.buffers as Map<string, TensorV | null>;
}

export const moduleOf = (v: Value): ModuleState | undefined => (is(v, 'instance') ? v.module : undefined);
export const isModule = (v: Value): v is InstanceV => is(v, 'instance') && v.module !== undefined;
export const isParameter = (v: Value): v is TensorV => is(v, 'tensor') && v.param !== undefined;

/** `named_modules()`: every module once, depth first in registration order, with its dotted name. */
export function namedModules(root: InstanceV, prefix = ''): Array<readonly [string, InstanceV]> {
  const out: Array<readonly [string, InstanceV]> = [];
  const pass = newPass();
  const walk = (m: InstanceV, name: string) => {
    if (m.module!.reached === pass) return;
    m.module!.reached = pass;
    out.push([name, m]);
    // forEach, not for-of over the entries, which made a [name, module] pair of each
    const children = m.module!.modules;
    if (children.size > 0)
      children.forEach((sub, child) => {
        if (sub) walk(sub, name === '' ? child : `${name}.${child}`);
      });
  };
  walk(root, prefix);
  return out;
}

/** `named_parameters()`: shared parameters (tied weights, a module used twice) listed once. */
export function namedParameters(root: InstanceV, recurse = true): Array<readonly [string, TensorV, InstanceV]> {
  const out: Array<readonly [string, TensorV, InstanceV]> = [];
  const seen = new Set<TensorV>();
  for (const [name, m] of recurse ? namedModules(root) : [['', root] as const]) {
    for (const [p, t] of m.module!.params) {
      if (t === null || seen.has(t)) continue;
      seen.add(t);
      out.push([name === '' ? p : `${name}.${p}`, t, m]);
    }
  }
  return out;
}

function namedBuffers(root: InstanceV): Array<readonly [string, TensorV]> {
  const out: Array<readonly [string, TensorV]> = [];
  for (const [name, m] of namedModules(root)) for (const [b, t] of m.module!.buffers) if (t) out.push([name === '' ? b : `${name}.${b}`, t]);
  return out;
}

/** The methods of nn.Module and its containers, bound to one session's bookkeeping. */
export function moduleClasses(rt: Interpreter, torch: Torch, object: ClassV) {
  const self = (args: readonly Value[]): InstanceV => {
    const s = args[0];
    if (!isModule(s ?? null)) return raise('TypeError', 'py.selfType', { type: typeName(s ?? null), cls: 'Module' });
    return s as InstanceV;
  };
  const state = (args: readonly Value[]) => self(args).module!;
  const checkName = (name: Value, where: InstanceV, kind: string): string => {
    const n = typeof name === 'string' ? name : raise('TypeError', 'py.stringArg', { type: typeName(name) });
    if (n === '' || n.includes('.')) raise('KeyError', 'torch.badName', { name: n });
    if (where.dict.has(n) && kind !== 'module') raise('KeyError', 'torch.nameTaken', { name: n });
    return n;
  };

  const addModule = (m: InstanceV, name: string, child: Value): void => {
    if (child !== null && !isModule(child)) {
      if (is(child, 'opaque')) refuse('torch.opaqueModule', { origin: child.origin, line: String(child.line) });
      raise('TypeError', 'torch.notModule', { type: typeName(child) });
    }
    if (m.module!.modules.size >= LIMITS.modules) overLimit('modules');
    rt.tick();
    dropAttr(m, name);
    childrenOf(m.module!).set(name, child as InstanceV | null);
  };

  /** undefined when no module under `self` was built from a preset (see published.ts guardWalk). */
  const walked = (a: Map<string, Value>, what: string): undefined => {
    guardWalk(
      namedModules(self([a.get('self')!])).map(([, m]) => m),
      what,
    );
    return undefined;
  };

  const children = (m: InstanceV) => [...m.module!.modules.values()].filter((x): x is InstanceV => x !== null);

  const methods: Record<string, Value> = {
    __init__: builtin('__init__', (args, kwargs) => {
      const s = state(args);
      if (args.length > 1 || kwargs.size > 0) raise('TypeError', 'torch.moduleInitArgs');
      s.initialized = true;
      return null;
    }),
    __call__: builtin('__call__', (args, kwargs) => torch.call(self(args), args.slice(1), kwargs)),
    forward: builtin('forward', (args) => raise('NotImplementedError', 'torch.noForward', { cls: self(args).cls.name })),
    parameters: def('parameters', 'self, recurse=True', (a) => iterator(namedParameters(self([a.get('self')!]), truthy(rt, a.get('recurse')!)).map(([, t]) => t))),
    named_parameters: def(
      'named_parameters',
      "self, prefix='', recurse=True",
      (a) => walked(a, 'named_parameters()') ?? iterator(namedParameters(self([a.get('self')!]), truthy(rt, a.get('recurse')!)).map(([n, t]) => tuple([prefixed(a.get('prefix')!, n), t]))),
    ),
    buffers: def('buffers', 'self, recurse=True', (a) => iterator(namedBuffers(self([a.get('self')!])).map(([, t]) => t))),
    named_buffers: def(
      'named_buffers',
      "self, prefix='', recurse=True",
      (a) => walked(a, 'named_buffers()') ?? iterator(namedBuffers(self([a.get('self')!])).map(([n, t]) => tuple([prefixed(a.get('prefix')!, n), t]))),
    ),
    children: def('children', 'self', (a) => (guardWalk([self([a.get('self')!])], 'children()'), iterator(children(self([a.get('self')!]))))),
    named_children: def(
      'named_children',
      'self',
      (a) => (guardWalk([self([a.get('self')!])], 'named_children()'), iterator([...self([a.get('self')!]).module!.modules].filter(([, m]) => m !== null).map(([n, m]) => tuple([n, m])))),
    ),
    modules: def('modules', 'self', (a) => walked(a, 'modules()') ?? iterator(namedModules(self([a.get('self')!])).map(([, m]) => m))),
    named_modules: def(
      'named_modules',
      "self, memo=None, prefix=''",
      (a) => walked(a, 'named_modules()') ?? iterator(namedModules(self([a.get('self')!])).map(([n, m]) => tuple([prefixed(a.get('prefix')!, n), m]))),
    ),
    add_module: def('add_module', 'self, name, module', (a) => {
      const m = self([a.get('self')!]);
      addModule(m, checkName(a.get('name')!, m, 'module'), a.get('module')!);
      return null;
    }),
    register_module: def('register_module', 'self, name, module', (a) => {
      const m = self([a.get('self')!]);
      addModule(m, checkName(a.get('name')!, m, 'module'), a.get('module')!);
      return null;
    }),
    register_buffer: def('register_buffer', 'self, name, tensor, persistent=True', (a) => {
      const m = self([a.get('self')!]);
      const t = a.get('tensor')!;
      if (t !== null && !is(t, 'tensor')) raise('TypeError', 'torch.bufferType', { type: typeName(t) });
      buffersOf(m.module!).set(checkName(a.get('name')!, m, 'buffer'), t as TensorV | null);
      return null;
    }),
    register_parameter: def('register_parameter', 'self, name, param', (a) => {
      const m = self([a.get('self')!]);
      const p = a.get('param')!;
      if (p !== null && !isParameter(p)) raise('TypeError', 'torch.paramType', { type: typeName(p), name: str(rt, a.get('name')!) });
      m.module!.params.set(checkName(a.get('name')!, m, 'parameter'), p as TensorV | null);
      return null;
    }),
    get_submodule: def('get_submodule', 'self, target', (a) => {
      let m: InstanceV = self([a.get('self')!]);
      const target = str(rt, a.get('target')!);
      if (target === '') return m;
      for (const part of target.split('.')) {
        const next = m.module!.modules.get(part);
        if (!next) return raise('AttributeError', 'py.attribute', { type: m.cls.name, name: part });
        m = next;
      }
      return m;
    }),
    apply: def('apply', 'self, fn', (a) => {
      walked(a, 'apply()');
      const visit = (m: InstanceV): void => {
        for (const c of children(m)) visit(c);
        rt.call(a.get('fn')!, [m]);
      };
      visit(self([a.get('self')!]));
      return a.get('self')!;
    }),
    train: def('train', 'self, mode=True', (a) => {
      const mode = truthy(rt, a.get('mode')!);
      for (const [, m] of namedModules(self([a.get('self')!]))) m.module!.training = mode;
      return a.get('self')!;
    }),
    eval: def('eval', 'self', (a) => {
      for (const [, m] of namedModules(self([a.get('self')!]))) m.module!.training = false;
      return a.get('self')!;
    }),
    requires_grad_: def('requires_grad_', 'self, requires_grad=True', (a) => {
      const on = truthy(rt, a.get('requires_grad')!);
      for (const [, t] of namedParameters(self([a.get('self')!]))) t.param!.requiresGrad = on;
      return a.get('self')!;
    }),
    zero_grad: builtin('zero_grad', () => null),
    // nn.Module.__getattr__: its registered layers, parameters and buffers (`self.__getattr__('level_1')`)
    __getattr__: builtin('__getattr__', (args) => {
      const name = typeof args[1] === 'string' ? args[1] : raise('TypeError', 'py.attrName', { type: typeName(args[1] ?? null) });
      return getModuleAttr(torch, self(args), name) ?? raise('AttributeError', 'py.attribute', { type: self(args).cls.name, name });
    }),
    state_dict: builtin('state_dict', () => rt.opaque('state_dict()')),
    load_state_dict: builtin('load_state_dict', () => rt.opaque('load_state_dict()')),
    extra_repr: builtin('extra_repr', () => ''),
    __repr__: builtin('__repr__', (args) => `${self(args).cls.name}()`),
    __setstate__: builtin('__setstate__', () => null),
  };
  for (const same of ['to', 'cuda', 'cpu', 'float', 'double', 'half', 'bfloat16', 'type', 'share_memory', 'to_empty']) {
    methods[same] = builtin(same, (args) => self(args));
  }
  const Module = nativeClass('Module', [object], methods, 'torch.Module');

  // ── Sequential ──
  const modulesOf = (m: InstanceV) => [...m.module!.modules.entries()];
  const at = (m: InstanceV, key: Value, what: string): [string, InstanceV | null] => {
    const entries = modulesOf(m);
    return entries[position(key, entries.length, what)]!;
  };
  const fresh = (cls: ClassV, entries: ReadonlyArray<readonly [string, InstanceV | null]>): InstanceV => {
    const inst: InstanceV = { t: 'instance', cls, dict: NO_ATTRS };
    torch.initModule(rt, inst);
    inst.module!.initialized = true;
    for (const [k, v] of entries) addModule(inst, k, v);
    return inst;
  };
  const appendAll = (m: InstanceV, items: readonly Value[]) => {
    let n = m.module!.modules.size;
    for (const item of items) addModule(m, String(n++), item);
  };
  const sequentialLike = (name: string, extra: Record<string, Value>, ordered: boolean) =>
    nativeClass(name, [Module], {
      __init__: builtin('__init__', (args, kwargs) => {
        const m = self(args);
        m.module!.initialized = true;
        if (kwargs.size > 0) raise('TypeError', 'py.unexpectedKwarg', { fn: name, name: [...kwargs.keys()][0]! });
        const rest = args.slice(1);
        if (name === 'Sequential') {
          if (rest.length === 1 && is(rest[0]!, 'dict')) {
            for (const e of rest[0].map.values()) addModule(m, str(rt, e.key), e.value);
          } else appendAll(m, rest);
        } else if (rest.length > 0 && rest[0] !== null) {
          if (rest.length > 1) raise('TypeError', 'py.tooManyArgs', { fn: name, max: '1', got: String(rest.length) });
          appendAll(m, iterate(rt, rest[0]!));
        }
        return null;
      }),
      __len__: builtin('__len__', (args) => BigInt(state(args).modules.size)),
      __iter__: builtin('__iter__', (args) => iterator(children(self(args)))),
      __getitem__: builtin('__getitem__', (args) => {
        const m = self(args);
        const key = args[1] ?? null;
        if (is(key, 'slice'))
          return fresh(
            ordered ? m.cls : m.cls,
            sliceItems(rt, modulesOf(m), key).map(([k, v], i) => [ordered ? k : String(i), v] as const),
          );
        return at(m, key, name)[1];
      }),
      __setitem__: builtin('__setitem__', (args) => {
        const m = self(args);
        addModule(m, at(m, args[1] ?? null, name)[0], args[2] ?? null);
        return null;
      }),
      __delitem__: builtin('__delitem__', (args) => {
        const m = self(args);
        const key = args[1] ?? null;
        const drop = is(key, 'slice') ? sliceItems(rt, modulesOf(m), key).map(([k]) => k) : [at(m, key, name)[0]];
        for (const k of drop) dropChild(m.module!, k);
        if (!ordered) {
          const children = childrenOf(m.module!);
          const rest = [...children.values()];
          children.clear();
          rest.forEach((v, i) => children.set(String(i), v));
        }
        return null;
      }),
      __add__: builtin('__add__', (args) => {
        const m = self(args);
        const other = args[1] ?? null;
        if (!isModule(other) || other.cls !== m.cls) return raise('TypeError', 'py.operands', { op: '+', left: m.cls.name, right: typeName(other) });
        return fresh(
          m.cls,
          [...modulesOf(m), ...modulesOf(other)].map(([, v], i) => [String(i), v] as const),
        );
      }),
      __iadd__: builtin('__iadd__', (args) => {
        appendAll(self(args), iterate(rt, args[1] ?? null));
        return args[0]!;
      }),
      append: def('append', 'self, module', (a) => {
        appendAll(self([a.get('self')!]), [a.get('module')!]);
        return a.get('self')!;
      }),
      extend: def('extend', 'self, modules', (a) => {
        appendAll(self([a.get('self')!]), iterate(rt, a.get('modules')!));
        return a.get('self')!;
      }),
      insert: def('insert', 'self, index, module', (a) => {
        const m = self([a.get('self')!]);
        const items = children(m);
        let i = Number(toIndex(a.get('index')!));
        if (i < 0) i += items.length;
        items.splice(Math.max(0, Math.min(i, items.length)), 0, a.get('module') as InstanceV);
        childrenOf(m.module!).clear();
        items.forEach((v, k) => addModule(m, String(k), v));
        return null;
      }),
      pop: def('pop', 'self, key=-1', (a) => {
        const m = self([a.get('self')!]);
        const [k, v] = at(m, a.get('key')!, name);
        dropChild(m.module!, k);
        return v;
      }),
      ...extra,
    });

  const Sequential = sequentialLike(
    'Sequential',
    {
      forward: builtin('forward', (args) => {
        let x = args[1] ?? null;
        if (args.length !== 2) raise('TypeError', 'torch.sequentialArgs', { got: String(args.length - 1) });
        for (const m of children(self(args))) x = rt.call(m, [x]);
        return x;
      }),
    },
    true,
  );
  const ModuleList = sequentialLike('ModuleList', {}, false);

  const ModuleDict = nativeClass('ModuleDict', [Module], {
    __init__: builtin('__init__', (args) => {
      const m = self(args);
      m.module!.initialized = true;
      if (args[1] !== undefined && args[1] !== null) updateDict(m, args[1]);
      return null;
    }),
    __getitem__: builtin('__getitem__', (args) => {
      const key = str(rt, args[1] ?? null);
      const m = state(args).modules;
      if (!m.has(key)) return raise('KeyError', 'py.key', { key: repr(rt, key) });
      return m.get(key)!;
    }),
    __setitem__: builtin('__setitem__', (args) => {
      addModule(self(args), str(rt, args[1] ?? null), args[2] ?? null);
      return null;
    }),
    __delitem__: builtin('__delitem__', (args) => {
      dropChild(state(args), str(rt, args[1] ?? null));
      return null;
    }),
    __len__: builtin('__len__', (args) => BigInt(state(args).modules.size)),
    __iter__: builtin('__iter__', (args) => iterator([...state(args).modules.keys()])),
    __contains__: builtin('__contains__', (args) => typeof args[1] === 'string' && state(args).modules.has(args[1])),
    keys: builtin('keys', (args) => iterator([...state(args).modules.keys()])),
    values: builtin('values', (args) => iterator([...state(args).modules.values()])),
    items: builtin('items', (args) => iterator([...state(args).modules].map(([k, v]) => tuple([k, v])))),
    update: builtin('update', (args) => {
      updateDict(self(args), args[1] ?? null);
      return null;
    }),
    pop: builtin('pop', (args) => {
      const s = state(args);
      const key = str(rt, args[1] ?? null);
      const v = s.modules.get(key);
      if (v === undefined) return raise('KeyError', 'py.key', { key: repr(rt, key) });
      dropChild(s, key);
      return v;
    }),
    clear: builtin('clear', (args) => {
      childrenOf(state(args)).clear();
      return null;
    }),
  });
  const updateDict = (m: InstanceV, src: Value) => {
    if (is(src, 'dict')) for (const e of src.map.values()) addModule(m, str(rt, e.key), e.value);
    else if (isModule(src) && src.cls === ModuleDict) for (const [k, v] of src.module!.modules) addModule(m, k, v);
    else
      for (const pair of iterate(rt, src)) {
        const kv = iterate(rt, pair);
        addModule(m, str(rt, kv[0] ?? null), kv[1] ?? null);
      }
  };

  // ── parameter containers ──
  const addParam = (m: InstanceV, name: string, p: Value) => {
    const t = is(p, 'tensor') && !p.param ? torch.parameter(p, true) : p;
    if (!isParameter(t)) raise('TypeError', 'torch.paramType', { type: typeName(p), name });
    m.module!.params.set(name, t);
  };
  const paramsOf = (m: InstanceV) => [...m.module!.params.values()];
  const ParameterList = nativeClass('ParameterList', [Module], {
    __init__: builtin('__init__', (args) => {
      const m = self(args);
      m.module!.initialized = true;
      if (args[1] !== undefined && args[1] !== null) for (const p of iterate(rt, args[1])) addParam(m, String(m.module!.params.size), p);
      return null;
    }),
    __getitem__: builtin('__getitem__', (args) => {
      const ps = paramsOf(self(args));
      return ps[position(args[1] ?? null, ps.length, 'ParameterList')]!;
    }),
    __len__: builtin('__len__', (args) => BigInt(state(args).params.size)),
    __iter__: builtin('__iter__', (args) => iterator(paramsOf(self(args)))),
    append: builtin('append', (args) => {
      const m = self(args);
      addParam(m, String(m.module!.params.size), args[1] ?? null);
      return m;
    }),
    extend: builtin('extend', (args) => {
      const m = self(args);
      for (const p of iterate(rt, args[1] ?? null)) addParam(m, String(m.module!.params.size), p);
      return m;
    }),
  });
  const ParameterDict = nativeClass('ParameterDict', [Module], {
    __init__: builtin('__init__', (args) => {
      const m = self(args);
      m.module!.initialized = true;
      const src = args[1] ?? null;
      if (is(src, 'dict')) for (const e of src.map.values()) addParam(m, str(rt, e.key), e.value);
      return null;
    }),
    __getitem__: builtin('__getitem__', (args) => {
      const key = str(rt, args[1] ?? null);
      const p = state(args).params.get(key);
      if (p === undefined) return raise('KeyError', 'py.key', { key: repr(rt, key) });
      return p;
    }),
    __setitem__: builtin('__setitem__', (args) => {
      addParam(self(args), str(rt, args[1] ?? null), args[2] ?? null);
      return null;
    }),
    __len__: builtin('__len__', (args) => BigInt(state(args).params.size)),
    __iter__: builtin('__iter__', (args) => iterator([...state(args).params.keys()])),
    __contains__: builtin('__contains__', (args) => typeof args[1] === 'string' && state(args).params.has(args[1])),
    keys: builtin('keys', (args) => iterator([...state(args).params.keys()])),
    values: builtin('values', (args) => iterator(paramsOf(self(args)))),
    items: builtin('items', (args) => iterator([...state(args).params].map(([k, v]) => tuple([k, v])))),
  });

  return { Module, Sequential, ModuleList, ModuleDict, ParameterList, ParameterDict, addModule };
}

const prefixed = (prefix: Value, name: string): string => (typeof prefix === 'string' && prefix !== '' ? `${prefix}.${name}` : name);

/**
 * `self.x = value` on an nn.Module, with PyTorch's rules (torch/nn/modules/module.py,
 * Module.__setattr__): parameters and modules are registered (after Module.__init__ only), a
 * registered name only takes its own kind or None, and anything else is a plain attribute.
 */
export function setModuleAttr(rt: Interpreter, torch: Torch, inst: InstanceV, name: string, value: Value): boolean {
  const s = inst.module;
  if (!s) return false;
  if (name === 'training') {
    s.training = truthy(rt, value);
    return true;
  }
  if (isParameter(value)) {
    if (!s.initialized) raise('AttributeError', 'torch.beforeInit', { what: 'parameters', name });
    dropAttr(inst, name);
    dropBuffer(s, name);
    dropChild(s, name);
    s.params.set(name, value);
    return true;
  }
  if (s.params.has(name)) {
    if (value !== null) raise('TypeError', 'torch.paramType', { type: typeName(value), name });
    s.params.set(name, null);
    return true;
  }
  if (isModule(value)) {
    if (!s.initialized) raise('AttributeError', 'torch.beforeInit', { what: 'module', name });
    if (s.modules.size >= LIMITS.modules) overLimit('modules');
    dropAttr(inst, name);
    s.params.delete(name);
    dropBuffer(s, name);
    childrenOf(s).set(name, value);
    return true;
  }
  if (s.modules.has(name)) {
    if (value !== null) raise('TypeError', 'torch.moduleType', { type: typeName(value), name });
    childrenOf(s).set(name, null);
    return true;
  }
  if (s.buffers.has(name)) {
    if (value !== null && !is(value, 'tensor')) raise('TypeError', 'torch.bufferType', { type: typeName(value) });
    buffersOf(s).set(name, value as TensorV | null);
    return true;
  }
  // an object from a library the reader does not run may be a layer: its parameters are unknown
  if (is(value, 'opaque') && !value.plain && mayHoldLayers(value.origin)) refuse('torch.opaqueModule', { origin: value.origin, line: String(value.line) });
  if ((is(value, 'list') || is(value, 'tuple') || is(value, 'dict')) && holdsModules(value)) torch.notePlain(msg('note.plainContainer', { name, type: typeName(value) }), rt.line, modulesIn(value));
  attrsOf(inst).set(name, value);
  return true;
}

/** Libraries whose objects are never layers (settings, data, logging): storing them on a model is fine. */
const NOT_LAYERS = new Set([
  'argparse',
  'os',
  'sys',
  'logging',
  'pathlib',
  'json',
  'time',
  'random',
  'datetime',
  'tqdm',
  'matplotlib',
  'pandas',
  'PIL',
  'cv2',
  'sklearn',
  'yaml',
  'wandb',
  'numpy',
  'scipy',
  'torchvision.transforms',
  'torch.utils.data',
  'torch.optim',
  'torchvision.datasets',
  'tensorboard',
  'torch.utils.tensorboard',
]);

export function mayHoldLayers(origin: string): boolean {
  const parts = origin.split('.');
  return !parts.some((_, i) => NOT_LAYERS.has(parts.slice(0, i + 1).join('.')));
}

function holdsModules(v: Value): boolean {
  if (is(v, 'list') || is(v, 'tuple')) return v.items.some((x) => isModule(x) || ((is(x, 'list') || is(x, 'tuple')) && holdsModules(x)));
  if (is(v, 'dict')) return [...v.map.values()].some((e) => isModule(e.value));
  return false;
}

function modulesIn(v: Value): InstanceV[] {
  if (is(v, 'list') || is(v, 'tuple')) return v.items.flatMap((x) => (isModule(x) ? [x as InstanceV] : modulesIn(x)));
  if (is(v, 'dict')) return [...v.map.values()].flatMap((e) => (isModule(e.value) ? [e.value as InstanceV] : []));
  return [];
}

export function getModuleAttr(torch: Torch, inst: InstanceV, name: string): Value | undefined {
  const s = inst.module;
  if (!s) return undefined;
  if (s.params.has(name)) {
    const p = s.params.get(name)!;
    if (p !== null) torch.touch(p);
    return p;
  }
  if (s.buffers.has(name)) return s.buffers.get(name)!;
  if (s.modules.has(name)) return s.modules.get(name)!;
  if (name === 'training') return s.training;
  const leaf = s.leaf?.attrs.get(name);
  return leaf;
}

export function delModuleAttr(inst: InstanceV, name: string): boolean {
  const s = inst.module;
  if (!s) return false;
  return s.params.delete(name) || dropBuffer(s, name) || dropChild(s, name);
}
