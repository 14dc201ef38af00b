/**
 * Python's built-in functions and types, and the few standard modules model definitions use
 * (math, collections.OrderedDict, functools.partial, copy.deepcopy, typing, itertools). Whatever
 * does I/O or runs text as code (open, eval, exec, input, __import__) is refused by name.
 */
import { PyException, raise, refuse } from './errors.js';
import type { Interpreter } from './interpreter.js';
import { classAttr } from './interpreter.js';
import { overLimit } from './errors.js';
import { LIMITS } from './limits.js';
import { copyDict, sortedItems } from './methods.js';
import {
  binary,
  checkInt,
  compare,
  dictSet,
  exponential,
  fixed,
  floatRepr,
  iterate,
  length,
  needValue,
  newDict,
  newSet,
  repr,
  str,
  toFloatValue,
  toIndex,
  toIntValue,
  truthy,
  typeName,
  unary,
} from './python.js';
import { signature, bind, type Signature } from './signature.js';
import { stdlibModules, type Stdlib } from './stdlib.js';
import { builtin, is, isObj, list, tuple, type BuiltinV, type ClassV, type Kwargs, type NamespaceV, type Value } from './values.js';

/** A class of the built-in hierarchy (object, int, list, Exception, ...). */
export function nativeClass(name: string, bases: readonly ClassV[], dict: Record<string, Value> = {}, native: ClassV['native'] = 'object'): ClassV {
  const cls: ClassV = { t: 'class', name, bases, mro: [], dict: new Map(Object.entries(dict)), native, line: 0 };
  cls.mro = [cls, ...mergeMro(bases)];
  return cls;
}

function mergeMro(bases: readonly ClassV[]): ClassV[] {
  const out: ClassV[] = [];
  for (const b of bases) for (const c of b.mro) if (!out.includes(c)) out.push(c);
  // `object` last, as in every MRO
  const object = out.find((c) => c.name === 'object' && c.line === 0 && c.bases.length === 0);
  return object ? [...out.filter((c) => c !== object), object] : out;
}

/** Calls a builtin with Python-style binding to a documented signature. */
export function fn(sig: Signature, body: (a: Map<string, Value>, rest: { args: readonly Value[]; kwargs: Kwargs }) => Value): BuiltinV {
  return builtin(sig.name, (args, kwargs) => {
    const b = bind(sig, args, kwargs);
    return body(b.values, { args: b.extraArgs, kwargs: b.extraKwargs });
  });
}

export const def = (name: string, params: string, body: Parameters<typeof fn>[1], defaults: Readonly<Record<string, Value>> = {}): BuiltinV => fn(signature(name, params, defaults), body);

export const iterator = (items: readonly Value[]): Value => ({ t: 'iterator', items, i: 0 });

/** Python's round-half-to-even. */
function roundHalfEven(x: number, digits: number): number {
  const m = 10 ** digits;
  const y = x * m;
  const r = Math.round(y);
  const exact = Math.abs(y % 1) === 0.5 ? (r % 2 === 0 ? r : r - 1) : r;
  return exact / m;
}

export interface Builtins {
  readonly names: Map<string, Value>;
  readonly object: ClassV;
  readonly types: Readonly<Record<'int' | 'float' | 'str' | 'bool' | 'list' | 'tuple' | 'dict' | 'set' | 'type' | 'NoneType', ClassV>>;
  readonly modules: ReadonlyMap<string, NamespaceV>;
  /** Whether `v` is an instance of `cls` (built-in type, library class or pasted class). */
  isInstance(v: Value, cls: Value): boolean;
}

export function namespace(name: string, entries: Record<string, Value>, fallback?: (n: string) => Value | undefined): NamespaceV {
  const map = new Map(Object.entries(entries));
  return { t: 'namespace', name, get: (n) => map.get(n) ?? fallback?.(n) };
}

/** A library module the reader does not run (optimizers, datasets, ...): every attribute is opaque. */
export const opaqueNamespace = (rt: { opaque(origin: string): Value }, name: string): NamespaceV => namespace(name, {}, (attr) => rt.opaque(`${name}.${attr}`));

/** Namespaces made on first import and kept for the rest of the reading. */
export function cachedNamespaces(make: (name: string) => NamespaceV | undefined): (name: string) => NamespaceV | undefined {
  const made = new Map<string, NamespaceV>();
  return (name) => {
    let ns = made.get(name);
    if (!ns) {
      ns = make(name);
      if (ns) made.set(name, ns);
    }
    return ns;
  };
}

export function makeBuiltins(rt: Interpreter, deepcopy: (v: Value) => Value, extraIsInstance: (v: Value, cls: ClassV) => boolean | undefined): Builtins {
  // object's own attribute protocol, so `object.__setattr__(self, ...)` (frozen dataclasses) and
  // `self.__setattr__(name, module)` (registering layers by computed names) do what assignment does
  const object = nativeClass('object', [], {
    __setattr__: def('__setattr__', 'self, name, value', (a) => (rt.setattr(a.get('self')!, attrName(a.get('name')!), a.get('value')!), null)),
    __getattribute__: def('__getattribute__', 'self, name', (a) => rt.getattr(a.get('self')!, attrName(a.get('name')!))),
    __delattr__: def('__delattr__', 'self, name', (a) => (rt.delattr(a.get('self')!, attrName(a.get('name')!)), null)),
    __init_subclass__: { t: 'wrapped', how: 'classmethod', fn: builtin('__init_subclass__', () => null) },
  });
  const cls = (name: string, construct: BuiltinV['call'], base: ClassV = object): ClassV =>
    nativeClass(name, [base], { __new_instance__: builtin(name, (args, kwargs) => construct(args.slice(1), kwargs)) });

  const sequence = (args: readonly Value[]): readonly Value[] => (args.length === 0 ? [] : iterate(rt, args[0]!));
  const intType = cls('int', (args, kwargs) => {
    const v = args[0] ?? 0n;
    const base = args[1] ?? kwargs.get('base');
    if (typeof v === 'string') return parsePythonInt(rt, v, base === undefined ? 10 : Number(toIndex(base, 'base')));
    if (base !== undefined) return raise('TypeError', 'py.intBaseNonString');
    if (is(v, 'tensor')) return rt.opaque('int(tensor)');
    return toIntValue(v);
  });
  const floatType = cls('float', (args) => {
    const v = args[0] ?? 0;
    if (typeof v === 'string') {
      const x = Number(
        v
          .trim()
          .toLowerCase()
          .replace(/^(\+|-)?inf(inity)?$/, '$1Infinity'),
      );
      if (Number.isNaN(x) && v.trim().toLowerCase() !== 'nan') raise('ValueError', 'py.floatOf', { value: repr(rt, v) });
      return x;
    }
    return toFloatValue(v);
  });
  const boolType = cls('bool', (args) => (args.length === 0 ? false : truthy(rt, args[0]!)), intType);
  const strType = cls('str', (args) => (args.length === 0 ? '' : str(rt, args[0]!)));
  const copied = (args: readonly Value[]): Value[] => {
    const items = sequence(args);
    rt.charge(items.length);
    return [...items];
  };
  const listType = cls('list', (args) => list(copied(args)));
  const tupleType = cls('tuple', (args) => tuple(copied(args)));
  const dictType = cls('dict', (args, kwargs) => {
    const d = newDict(rt);
    if (args.length > 0) {
      const src = args[0]!;
      if (is(src, 'dict')) for (const e of src.map.values()) dictSet(rt, d, e.key, e.value);
      else
        for (const pair of iterate(rt, src)) {
          const kv = iterate(rt, pair);
          if (kv.length !== 2) raise('ValueError', 'py.dictPair');
          dictSet(rt, d, kv[0]!, kv[1]!);
        }
    }
    for (const [k, v] of kwargs) dictSet(rt, d, k, v);
    return d;
  });
  const setType = cls('set', (args) => newSet(rt, sequence(args)));
  const typeType = cls('type', (args) => {
    if (args.length !== 1) refuse('code.unsupported', { what: 'type(name, bases, dict)' });
    return typeOf(args[0]!);
  });
  const noneType = nativeClass('NoneType', [object]);

  const typeOf = (v: Value): ClassV => {
    switch (typeof v) {
      case 'bigint':
        return intType;
      case 'number':
        return floatType;
      case 'boolean':
        return boolType;
      case 'string':
        return strType;
    }
    if (v === null) return noneType;
    switch (v.t) {
      case 'instance':
        return v.cls;
      case 'list':
        return listType;
      case 'tuple':
        return tupleType;
      case 'dict':
        return dictType;
      case 'set':
        return setType;
      case 'class':
        return typeType;
      default:
        return nativeClass(typeName(v), [object]);
    }
  };

  const isInstance = (v: Value, c: Value): boolean => {
    if (is(c, 'tuple')) return c.items.some((x) => isInstance(v, x));
    if (is(c, 'opaque')) return false;
    if (!is(c, 'class')) return raise('TypeError', 'py.isinstanceArg');
    const lib = extraIsInstance(v, c);
    if (lib !== undefined) return lib;
    if (c === object) return true;
    return typeOf(v).mro.includes(c) || (c === intType && typeof v === 'boolean');
  };

  // ── exceptions ──
  const exceptionInit = builtin('__init__', (args) => {
    const self = args[0];
    if (is(self ?? null, 'instance')) (self as Extract<Value, { t: 'instance' }>).message = args.length > 1 ? str(rt, args[1]!) : '';
    return null;
  });
  const baseException = nativeClass('BaseException', [object], { __init__: exceptionInit }, 'exception');
  const exception = nativeClass('Exception', [baseException], {}, 'exception');
  const exc = (name: string, base: ClassV = exception) => nativeClass(name, [base], {}, 'exception');
  const lookupError = exc('LookupError');
  const arithmeticError = exc('ArithmeticError');
  const runtimeError = exc('RuntimeError');
  const nameError = exc('NameError');
  const importError = exc('ImportError');
  const exceptions = [
    baseException,
    exception,
    lookupError,
    arithmeticError,
    runtimeError,
    nameError,
    importError,
    exc('KeyError', lookupError),
    exc('IndexError', lookupError),
    exc('ZeroDivisionError', arithmeticError),
    exc('OverflowError', arithmeticError),
    exc('NotImplementedError', runtimeError),
    exc('UnboundLocalError', nameError),
    exc('ModuleNotFoundError', importError),
    exc('ValueError'),
    exc('TypeError'),
    exc('AttributeError'),
    exc('AssertionError'),
    exc('StopIteration'),
    exc('OSError'),
    exc('Warning'),
    exc('UserWarning'),
  ];

  const scanned = (v: Value): readonly Value[] => {
    const items = iterate(rt, v);
    rt.tick(items.length);
    return items;
  };
  const keyOf = (key: Value) => (x: Value) => (key === null ? x : rt.call(key, [x]));
  const minMax =
    (which: '<' | '>') =>
    (args: Value[], kwargs: Kwargs): Value => {
      const items = args.length === 1 ? iterate(rt, args[0]!) : args;
      rt.tick(items.length);
      const key = keyOf(kwargs.get('key') ?? null);
      if (items.length === 0) {
        if (kwargs.has('default')) return kwargs.get('default')!;
        return raise('ValueError', 'py.emptySequence', { fn: which === '<' ? 'min' : 'max' });
      }
      let best: Value = items[0]!;
      let bestKey: Value = key(best);
      for (const x of items.slice(1)) {
        rt.tick();
        const k = key(x);
        if (compare(rt, which, k, bestKey)) {
          best = x;
          bestKey = k;
        }
      }
      return best;
    };

  const names = new Map<string, Value>([
    ['object', object],
    ['int', intType],
    ['float', floatType],
    ['bool', boolType],
    ['str', strType],
    ['list', listType],
    ['tuple', tupleType],
    ['dict', dictType],
    ['set', setType],
    ['frozenset', setType],
    ['type', typeType],
    // a paste runs as the script it is (`python model.py`): its `if __name__ == '__main__':` block runs too
    ['__name__', '__main__'],
    ['NotImplemented', null],
    ['Ellipsis', { t: 'ellipsis' }],
    ['print', builtin('print', () => null)],
    ['len', def('len', 'obj', (a) => length(rt, a.get('obj')!))],
    [
      'range',
      builtin('range', (args) => {
        if (args.length === 0 || args.length > 3) raise('TypeError', 'py.rangeArgs');
        const [a, b, c] = args.map((x) => toIndex(x, 'range'));
        const start = args.length === 1 ? 0n : a!;
        const stop = args.length === 1 ? a! : b!;
        const step = c ?? 1n;
        if (step === 0n) raise('ValueError', 'py.rangeStep');
        return { t: 'range', start, stop, step };
      }),
    ],
    [
      'enumerate',
      def('enumerate', 'iterable, start=0', (a) => {
        // data the reader does not run (a DataLoader): enumerating it is that data, which a loop skips
        const data = a.get('iterable')!;
        if (is(data, 'opaque')) return data;
        const start = toIndex(a.get('start')!);
        const items = iterate(rt, data);
        rt.charge(3 * items.length); // a pair each
        return iterator(items.map((x, i) => tuple([start + BigInt(i), x])));
      }),
    ],
    [
      'zip',
      builtin('zip', (args, kwargs) => {
        const data = args.find((x) => is(x, 'opaque'));
        if (data !== undefined) return data; // as enumerate: zip(loader, range(n)) is the loader's data
        const seqs = args.map((x) => iterate(rt, x));
        const n = seqs.reduce((m, s) => Math.min(m, s.length), seqs.length === 0 ? 0 : Infinity);
        if (kwargs.get('strict') === true && seqs.some((s) => s.length !== n)) raise('ValueError', 'py.zipStrict');
        rt.charge(n * (seqs.length + 1)); // a tuple each
        return iterator(Array.from({ length: n }, (_, i) => tuple(seqs.map((s) => s[i]!))));
      }),
    ],
    [
      'map',
      builtin('map', (args) => {
        const [f, ...its] = args;
        if (f === undefined || its.length === 0) raise('TypeError', 'py.mapArgs');
        const seqs = its.map((x) => iterate(rt, x));
        const n = seqs.reduce((m, s) => Math.min(m, s.length), Infinity);
        rt.charge(n);
        return iterator(
          Array.from({ length: n }, (_, i) =>
            rt.call(
              f,
              seqs.map((s) => s[i]!),
            ),
          ),
        );
      }),
    ],
    [
      'filter',
      def('filter', 'function, iterable', (a) => {
        const items = iterate(rt, a.get('iterable')!);
        rt.charge(items.length);
        return iterator(items.filter((x) => truthy(rt, a.get('function') === null ? x : rt.call(a.get('function')!, [x]))));
      }),
    ],
    [
      'reversed',
      def('reversed', 'seq', (a) => {
        const items = iterate(rt, a.get('seq')!);
        rt.charge(items.length);
        return iterator([...items].reverse());
      }),
    ],
    ['iter', def('iter', 'obj', (a) => iterator(iterate(rt, a.get('obj')!)))],
    [
      'next',
      builtin('next', (args) => {
        const it = args[0] ?? null;
        if (!is(it, 'iterator')) return raise('TypeError', 'py.notIterator', { type: typeName(it) });
        if (it.i < it.items.length) return it.items[it.i++]!;
        if (args.length > 1) return args[1]!;
        return raise('StopIteration', 'py.stopIteration');
      }),
    ],
    ['sorted', def('sorted', 'iterable, *, key=None, reverse=False', (a) => list(sortedItems(rt, iterate(rt, a.get('iterable')!), a.get('key')!, truthy(rt, a.get('reverse')!))))],
    ['min', builtin('min', minMax('<'))],
    ['max', builtin('max', minMax('>'))],
    [
      'sum',
      def('sum', 'iterable, start=0', (a) => {
        let acc: Value = a.get('start')!;
        for (const x of iterate(rt, a.get('iterable')!)) {
          rt.tick();
          acc = binary(rt, '+', acc, x);
        }
        return acc;
      }),
    ],
    ['any', def('any', 'iterable', (a) => scanned(a.get('iterable')!).some((x) => truthy(rt, x)))],
    ['all', def('all', 'iterable', (a) => scanned(a.get('iterable')!).every((x) => truthy(rt, x)))],
    [
      'abs',
      def('abs', 'x', (a) => {
        const x = a.get('x')!;
        if (typeof x === 'bigint') return x < 0n ? -x : x;
        if (typeof x === 'boolean') return x ? 1n : 0n;
        if (typeof x === 'number') return Math.abs(x);
        // a tensor's abs is elementwise: its shape, as unary + gives it
        if (isObj(x) && (x.t === 'tensor' || x.t === 'ktensor')) return unary(rt, '+', x);
        return is(x, 'opaque') ? x : raise('TypeError', 'py.unary', { op: 'abs', type: typeName(x) });
      }),
    ],
    [
      'round',
      def('round', 'number, ndigits=None', (a) => {
        const x = a.get('number')!;
        const digits = a.get('ndigits')!;
        if (typeof x === 'bigint' || typeof x === 'boolean') return toIntValue(x);
        const f = toFloatValue(x);
        if (digits === null) return floatToInt(roundHalfEven(f, 0));
        const n = toIndex(digits);
        // past ±308 digits the result is the number itself (or 0): 10**n would overflow first
        if (!Number.isFinite(f) || n > 308n) return f;
        if (n < -308n) return 0 * f;
        return roundHalfEven(f, Number(n));
      }),
    ],
    ['divmod', def('divmod', 'a, b', (a) => tuple([binary(rt, '//', a.get('a')!, a.get('b')!), binary(rt, '%', a.get('a')!, a.get('b')!)]))],
    [
      'pow',
      def('pow', 'base, exp, mod=None', (a) => {
        const r = binary(rt, '**', a.get('base')!, a.get('exp')!);
        return a.get('mod') === null ? r : binary(rt, '%', r, a.get('mod')!);
      }),
    ],
    ['isinstance', def('isinstance', 'obj, classinfo', (a) => isInstance(a.get('obj')!, a.get('classinfo')!))],
    [
      'issubclass',
      def('issubclass', 'cls, classinfo', (a) => {
        const c = a.get('cls')!;
        const info = a.get('classinfo')!;
        if (!is(c, 'class')) return raise('TypeError', 'py.isinstanceArg');
        const targets = is(info, 'tuple') ? info.items : [info];
        return targets.some((x) => is(x, 'class') && c.mro.includes(x));
      }),
    ],
    [
      'hasattr',
      def('hasattr', 'obj, name', (a) => {
        try {
          rt.guarded(() => rt.getattr(a.get('obj')!, stringArg(a.get('name')!)));
          return true;
        } catch (e) {
          if (e instanceof PyException && e.isA('AttributeError')) return false;
          throw e;
        }
      }),
    ],
    [
      'getattr',
      builtin('getattr', (args) => {
        const [obj, name, fallback] = args;
        if (obj === undefined || name === undefined) return raise('TypeError', 'py.missingArgs', { fn: 'getattr', names: "'name'" });
        try {
          return rt.guarded(() => rt.getattr(obj, stringArg(name)));
        } catch (e) {
          if (fallback !== undefined && e instanceof PyException && e.isA('AttributeError')) return fallback;
          throw e;
        }
      }),
    ],
    [
      'setattr',
      def('setattr', 'obj, name, value', (a) => {
        rt.setattr(a.get('obj')!, stringArg(a.get('name')!), a.get('value')!);
        return null;
      }),
    ],
    [
      // `delattr(model, 'fc')`: as `del model.fc`, which the reader already follows (a module's layer leaves it)
      'delattr',
      def('delattr', 'obj, name', (a) => {
        rt.delattr(a.get('obj')!, stringArg(a.get('name')!));
        return null;
      }),
    ],
    [
      'callable',
      def('callable', 'obj', (a) => {
        const v = a.get('obj')!;
        return isObj(v) && (['function', 'builtin', 'method', 'class'].includes(v.t) || (v.t === 'instance' && classAttr(v.cls, '__call__') !== undefined));
      }),
    ],
    ['repr', def('repr', 'obj', (a) => repr(rt, a.get('obj')!))],
    [
      'ord',
      def('ord', 'c', (a) => {
        const c = [...stringArg(a.get('c')!)];
        if (c.length !== 1) return raise('TypeError', 'py.ordLength', { length: String(c.length) });
        return BigInt(c[0]!.codePointAt(0)!);
      }),
    ],
    [
      'chr',
      def('chr', 'i', (a) => {
        const i = toIndex(a.get('i')!);
        if (i < 0n || i > 0x10ffffn) return raise(i < 0n || i < 2n ** 31n ? 'ValueError' : 'OverflowError', 'py.chrRange');
        return String.fromCodePoint(Number(i));
      }),
    ],
    ['format', def('format', "value, format_spec=''", (a) => formatValue(rt, a.get('value')!, stringArg(a.get('format_spec')!)))],
    [
      'super',
      builtin('super', (args) => {
        if (args.length === 2) {
          const [c, self] = args;
          if (!is(c!, 'class')) return raise('TypeError', 'py.superArgs');
          return { t: 'super', after: c, self: self! };
        }
        const frame = rt.frames[rt.frames.length - 1];
        if (!frame || frame.fn.owner === null || frame.first === undefined) return raise('RuntimeError', 'py.superNoArgs');
        return { t: 'super', after: frame.fn.owner, self: frame.first };
      }),
    ],
    ['staticmethod', def('staticmethod', 'f', (a) => ({ t: 'wrapped', how: 'staticmethod', fn: a.get('f')! }))],
    ['classmethod', def('classmethod', 'f', (a) => ({ t: 'wrapped', how: 'classmethod', fn: a.get('f')! }))],
    ['property', def('property', 'fget=None, fset=None, fdel=None, doc=None', (a) => ({ t: 'wrapped', how: 'property', fn: a.get('fget')! }))],
    // vars(obj) is obj.__dict__; vars() alone is locals(), which the reader does not give out
    ['vars', builtin('vars', (args) => (args.length === 1 ? rt.getattr(args[0]!, '__dict__') : refuse('code.forbidden', { name: 'vars()' })))],
    [
      'slice',
      builtin('slice', (args) => (args.length === 1 ? { t: 'slice', start: null, stop: args[0]!, step: null } : { t: 'slice', start: args[0] ?? null, stop: args[1] ?? null, step: args[2] ?? null })),
    ],
    ...exceptions.map((e) => [e.name, e] as [string, Value]),
  ]);
  for (const forbidden of ['open', 'eval', 'exec', 'compile', 'input', '__import__', 'globals', 'locals', 'breakpoint', 'exit', 'quit', 'id', 'memoryview', 'bytearray']) {
    names.set(
      forbidden,
      builtin(forbidden, () => refuse('code.forbidden', { name: forbidden })),
    );
  }

  // What these compute from data the reader does not load (a dataset's length, a sorted file list)
  // is data too: a print of it is nothing, a layer sized by it is refused where it is built.
  for (const name of ['len', 'range', 'sorted', 'sum', 'min', 'max', 'reversed']) {
    const known = names.get(name) as BuiltinV;
    names.set(
      name,
      builtin(name, (args, kwargs) => {
        const data = args.find((x) => is(x, 'opaque'));
        return data !== undefined && is(data, 'opaque') ? { t: 'opaque', origin: `${name}(${data.origin})`, line: data.line } : known.call(args, kwargs);
      }),
    );
  }

  const modules = standardModules(rt, deepcopy, dictType, stdlibModules(rt, object));
  return {
    names,
    object,
    types: { int: intType, float: floatType, str: strType, bool: boolType, list: listType, tuple: tupleType, dict: dictType, set: setType, type: typeType, NoneType: noneType },
    modules,
    isInstance,
  };
}

export function stringArg(v: Value): string {
  if (typeof v === 'string') return v;
  if (is(v, 'opaque')) return needValue(v);
  return raise('TypeError', 'py.stringArg', { type: typeName(v) });
}

/** `format(x, '.2f')` and f-string specs: the few specs model code uses; the width is what is made, so it is paid for first. */
export function formatValue(rt: Interpreter, v: Value, spec: string): string {
  if (spec === '') return str(rt, v);
  const m = /^([<>^]?)(\d*)(,?)(?:\.(\d+))?([dfegsx%]?)$/.exec(spec);
  if (!m) return refuse('code.unsupported', { what: `format spec '${spec.slice(0, 20)}'` });
  const [, align, width, comma, precision, type] = m;
  let s: string;
  if (type === 'f' || type === 'e' || type === '%' || (precision !== undefined && type !== 's')) {
    const x = toFloatValue(v) * (type === '%' ? 100 : 1);
    s = type === 'e' ? exponential(x, precision) : fixed(x, precision);
    if (type === '%') s += '%';
  } else if (type === 'd' || (type === '' && typeof v === 'bigint')) {
    s = toIntValue(v).toString();
    if (comma) s = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  } else if (type === 'x') s = toIntValue(v).toString(16);
  else s = typeof v === 'number' ? floatRepr(v) : str(rt, v);
  const w = width === '' ? 0 : Number(width);
  if (s.length >= w) return s;
  rt.charge(w);
  const pad = ' '.repeat(w - s.length);
  return align === '<' || (align === '' && typeof v === 'string') ? s + pad : align === '^' ? pad.slice(0, pad.length >> 1) + s + pad.slice(pad.length >> 1) : pad + s;
}

/** Python's int(text, base): digits, underscores between them, a sign, 0x/0o/0b with base 0 or theirs; bounded before parsing. */
function parsePythonInt(rt: Interpreter, text: string, base: number): bigint {
  if (base !== 0 && (base < 2 || base > 36)) return raise('ValueError', 'py.intBase');
  rt.scan(text.length);
  const bad = () => raise('ValueError', 'py.intLiteral', { base: String(base), value: repr(rt, text.length > 40 ? `${text.slice(0, 40)}…` : text) });
  const m = /^\s*([+-]?)(?:0([xob])_?)?([0-9a-z]+(?:_[0-9a-z]+)*)\s*$/i.exec(text);
  if (!m) return bad();
  const [, sign, prefix, body] = m as unknown as [string, string, string | undefined, string];
  const radix = prefix === undefined ? (base === 0 ? 10 : base) : { x: 16, o: 8, b: 2 }[prefix.toLowerCase() as 'x' | 'o' | 'b'];
  if (prefix !== undefined && base !== 0 && base !== radix) return bad();
  if (base === 0 && prefix === undefined && /^0+[1-9]/.test(body)) return bad(); // int('010', 0) is an error, as in Python 3
  const digits = body.replace(/_/g, '').toLowerCase();
  // the size is known from the number of digits: check it before the work of parsing
  if (digits.length * Math.log2(radix) > LIMITS.intBits + Math.log2(radix)) overLimit('intBits');
  let n = 0n;
  const r = BigInt(radix);
  for (const d of digits) {
    const value = Number.parseInt(d, 36);
    if (!(value < radix)) return bad();
    n = n * r + BigInt(value);
  }
  return checkInt(sign === '-' ? -n : n);
}

/** The integer square root, by Newton's method from above: a few dozen steps for any int the reader allows. */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt((n.toString(2).length >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

function attrName(v: Value): string {
  return typeof v === 'string' ? v : raise('TypeError', 'py.attrName', { type: typeName(v) });
}

/** int(x) of a float, with Python's errors for what has no integer. */
export function floatToInt(x: number): bigint {
  if (Number.isNaN(x)) return raise('ValueError', 'py.floatToInt', { value: 'NaN' });
  if (!Number.isFinite(x)) return raise('OverflowError', 'py.floatToInt', { value: 'infinity' });
  return BigInt(Math.trunc(x));
}

function standardModules(rt: Interpreter, deepcopy: (v: Value) => Value, dictType: ClassV, std: Stdlib): Map<string, NamespaceV> {
  const num = (f: (x: number) => number, name: string) => def(name, 'x', (a) => f(toFloatValue(a.get('x')!)));
  const intResult = (f: (x: number) => number, name: string) =>
    def(name, 'x', (a) => {
      const x = a.get('x')!;
      return typeof x === 'bigint' ? x : floatToInt(f(toFloatValue(x)));
    });
  const prod = def('prod', 'iterable, *, start=1', (a) => {
    let acc: Value = a.get('start')!;
    for (const x of iterate(rt, a.get('iterable')!)) {
      rt.tick();
      acc = binary(rt, '*', acc, x);
    }
    return acc;
  });
  const gcd = (x: bigint, y: bigint): bigint => (y === 0n ? (x < 0n ? -x : x) : gcd(y, x % y));
  const math = namespace('math', {
    pi: Math.PI,
    e: Math.E,
    tau: 2 * Math.PI,
    inf: Infinity,
    nan: NaN,
    sqrt: num(Math.sqrt, 'sqrt'),
    exp: num(Math.exp, 'exp'),
    log: builtin('log', (args) => (args.length > 1 ? Math.log(toFloatValue(args[0]!)) / Math.log(toFloatValue(args[1]!)) : Math.log(toFloatValue(args[0] ?? 0)))),
    log2: num(Math.log2, 'log2'),
    log10: num(Math.log10, 'log10'),
    sin: num(Math.sin, 'sin'),
    cos: num(Math.cos, 'cos'),
    tan: num(Math.tan, 'tan'),
    tanh: num(Math.tanh, 'tanh'),
    fabs: num(Math.abs, 'fabs'),
    ceil: intResult(Math.ceil, 'ceil'),
    floor: intResult(Math.floor, 'floor'),
    trunc: intResult(Math.trunc, 'trunc'),
    isqrt: def('isqrt', 'n', (a) => {
      const n = toIndex(a.get('n')!);
      if (n < 0n) return raise('ValueError', 'py.isqrtNegative');
      return isqrt(n);
    }),
    gcd: def('gcd', 'a, b', (a) => gcd(toIndex(a.get('a')!), toIndex(a.get('b')!))),
    prod,
    pow: def('pow', 'x, y', (a) => toFloatValue(a.get('x')!) ** toFloatValue(a.get('y')!)),
    isclose: def('isclose', 'a, b, *, rel_tol=1e-09, abs_tol=0.0', (a) => {
      const x = toFloatValue(a.get('a')!);
      const y = toFloatValue(a.get('b')!);
      return Math.abs(x - y) <= Math.max(toFloatValue(a.get('rel_tol')!) * Math.max(Math.abs(x), Math.abs(y)), toFloatValue(a.get('abs_tol')!));
    }),
  });
  const orderedDict = nativeClass('OrderedDict', [dictType], { __new_instance__: builtin('OrderedDict', (args, kwargs) => rt.call(dictType, args.slice(1), kwargs)) });
  const collections = namespace('collections', { OrderedDict: orderedDict, ...std.collections });
  const partial = builtin('partial', (args, kwargs) => {
    const [f, ...fixed] = args;
    if (f === undefined) return raise('TypeError', 'py.missingArgs', { fn: 'partial', names: "'func'" });
    return builtin(`partial(${typeName(f)})`, (more, morekw) => rt.call(f, [...fixed, ...more], new Map([...kwargs, ...morekw])));
  });
  const identityDecorator = builtin('decorator', (args) => {
    const [f] = args;
    // `@wraps(g)`, `@lru_cache(None)`: called with options first, then with the function
    if (f === undefined || !isObj(f) || !['function', 'builtin', 'method', 'class'].includes(f.t)) return builtin('decorator', (inner) => inner[0] ?? null);
    return f;
  });
  const functools = namespace('functools', {
    partial,
    wraps: identityDecorator,
    lru_cache: identityDecorator,
    cache: identityDecorator,
    reduce: builtin('reduce', (args) => {
      const [f, seq, init] = args;
      const items = iterate(rt, seq ?? null);
      let acc: Value = init ?? items[0] ?? raise('TypeError', 'py.emptySequence', { fn: 'reduce' });
      for (const x of init === undefined ? items.slice(1) : items) acc = rt.call(f!, [acc, x]);
      return acc;
    }),
  });
  const copy = namespace('copy', {
    deepcopy: def('deepcopy', 'x, memo=None', (a) => deepcopy(a.get('x')!)),
    copy: def('copy', 'x', (a) => {
      const x = a.get('x')!;
      if (is(x, 'list')) {
        rt.charge(x.items.length);
        return list([...x.items]);
      }
      if (is(x, 'dict')) return copyDict(rt, x);
      if (is(x, 'set')) return newSet(rt, x.map.values());
      return x;
    }),
  });
  const typingName = (name: string) => nativeClass(name, []);
  const typing = namespace('typing', { ...std.typing }, (n) => typingName(n));
  const itertools = namespace('itertools', {
    chain: builtin('chain', (args) => {
      const parts = args.map((a) => iterate(rt, a));
      rt.charge(parts.reduce((n, p) => n + p.length, 0));
      return iterator(parts.flat());
    }),
    product: builtin('product', (args, kwargs) => {
      const repeat = toIndex(kwargs.get('repeat') ?? 1n, 'repeat');
      if (repeat < 0n) return raise('ValueError', 'py.negativeRepeat');
      if (repeat > BigInt(LIMITS.items)) overLimit('items');
      const pools = Array.from({ length: Number(repeat) }, () => args.map((x) => iterate(rt, x))).flat();
      // the number of tuples, and their items, before any is made
      const count = pools.reduce((n, p) => n * p.length, 1);
      if (count === 0) return iterator([]);
      rt.charge(Math.min(count * (pools.length + 1), LIMITS.items + 1));
      let out: Value[][] = [[]];
      for (const pool of pools) out = out.flatMap((prefix) => pool.map((x) => [...prefix, x]));
      return iterator(out.map((x) => tuple(x)));
    }),
    repeat: def('repeat', 'object, times', (a) => {
      const n = toIndex(a.get('times')!, 'times');
      if (n > BigInt(LIMITS.items)) overLimit('items');
      rt.charge(Math.max(0, Number(n)));
      return iterator(Array.from({ length: Math.max(0, Number(n)) }, () => a.get('object')!));
    }),
  });
  const numpy = namespace(
    'numpy',
    {
      prod,
      sqrt: num(Math.sqrt, 'sqrt'),
      log: num(Math.log, 'log'),
      exp: num(Math.exp, 'exp'),
      floor: num(Math.floor, 'floor'),
      ceil: num(Math.ceil, 'ceil'),
      pi: Math.PI,
      int64: builtin('int64', (args) => toIntValue(args[0] ?? 0n)),
      int32: builtin('int32', (args) => toIntValue(args[0] ?? 0n)),
      float32: builtin('float32', (args) => toFloatValue(args[0] ?? 0)),
    },
    (n) => rt.opaque(`numpy.${n}`),
  );
  const warnings = namespace('warnings', { warn: builtin('warn', () => null), filterwarnings: builtin('filterwarnings', () => null) });
  return new Map([
    ['math', math],
    ['collections', collections],
    ['functools', functools],
    ['copy', copy],
    ['typing', typing],
    ['typing_extensions', typing],
    ['itertools', itertools],
    ['numpy', numpy],
    ['warnings', warnings],
    ['__future__', namespace('__future__', {}, () => true)],
    ...std.modules,
  ]);
}
