/**
 * Methods of the built-in types model code calls: list.append and friends, dict.items, str.format
 * and str.join, tuple.index. Each is Python's documented behaviour, and pays for what it makes and
 * what it goes over before doing it (see runtime.ts).
 */
import { overLimit, raise } from './errors.js';
import { formatValue, iterator, stringArg } from './builtins.js';
import type { Interpreter } from './interpreter.js';
import { LIMITS } from './limits.js';
import { binary, compare, dictGet, dictSet, equals, hashKey, indexOf, iterate, position, repr, setAdd, TextOut, toIndex, truthy } from './python.js';
import { builtin, is, list, tuple, type BuiltinV, type DictV, type Kwargs, type ListV, type SetV, type Value } from './values.js';

type Method = (rt: Interpreter, self: Value, args: Value[], kwargs: Kwargs) => Value;

const items = (self: Value) => (self as { items: readonly Value[] }).items;

const LIST: Record<string, Method> = {
  append(_rt, self, args) {
    const l = self as ListV;
    if (l.items.length >= LIMITS.items) overLimit('items');
    l.items.push(args[0] ?? null);
    return null;
  },
  extend(rt, self, args) {
    const l = self as ListV;
    const more = iterate(rt, args[0] ?? null);
    rt.charge(l.items.length + more.length);
    l.items.push(...more);
    return null;
  },
  insert(rt, self, args) {
    const l = self as ListV;
    let i = Number(toIndex(args[0] ?? 0n));
    if (i < 0) i = Math.max(0, i + l.items.length);
    rt.charge(l.items.length + 1);
    l.items.splice(Math.min(i, l.items.length), 0, args[1] ?? null);
    return null;
  },
  pop(rt, self, args) {
    const l = self as ListV;
    if (l.items.length === 0) return raise('IndexError', 'py.indexRange', { what: 'pop from empty list' });
    const i = args.length === 0 ? l.items.length - 1 : position(args[0]!, l.items.length, 'pop');
    rt.scan(l.items.length - i); // the items after it move down
    return l.items.splice(i, 1)[0]!;
  },
  remove(rt, self, args) {
    const l = self as ListV;
    const i = indexOf(rt, l.items, args[0] ?? null);
    if (i < 0) return raise('ValueError', 'py.notInList');
    l.items.splice(i, 1);
    return null;
  },
  index(rt, self, args) {
    const i = indexOf(rt, items(self), args[0] ?? null);
    if (i < 0) return raise('ValueError', 'py.notInList');
    return BigInt(i);
  },
  count(rt, self, args) {
    const all = items(self);
    rt.tick(all.length);
    return BigInt(all.filter((x) => equals(rt, x, args[0] ?? null)).length);
  },
  reverse(rt, self) {
    rt.scan((self as ListV).items.length);
    (self as ListV).items.reverse();
    return null;
  },
  sort(rt, self, _args, kwargs) {
    const l = self as ListV;
    l.items = sortedItems(rt, l.items, kwargs.get('key') ?? null, truthy(rt, kwargs.get('reverse') ?? false));
    return null;
  },
  copy(rt, self) {
    rt.charge((self as ListV).items.length);
    return list([...(self as ListV).items]);
  },
  clear(_rt, self) {
    (self as ListV).items = [];
    return null;
  },
};

/** Python's sorted(): stable, by `key`, each comparison paid for (compare ticks per pair of containers). */
export function sortedItems(rt: Interpreter, values: readonly Value[], key: Value, reverse: boolean): Value[] {
  const n = values.length;
  rt.charge(n);
  rt.tick(n * Math.max(1, Math.ceil(Math.log2(n + 1))));
  const keyed = values.map((x) => [key === null ? x : rt.call(key, [x]), x] as const);
  const less = (a: Value, b: Value) => compare(rt, '<', a, b);
  // reverse=True keeps equal items in their order, as Python does: compare the other way, not reverse after
  keyed.sort(reverse ? (a, b) => (less(b[0], a[0]) ? -1 : less(a[0], b[0]) ? 1 : 0) : (a, b) => (less(a[0], b[0]) ? -1 : less(b[0], a[0]) ? 1 : 0));
  return keyed.map((x) => x[1]);
}

const entries = (rt: Interpreter, self: Value) => {
  const d = self as DictV;
  rt.charge(d.map.size);
  return [...d.map.values()];
};

const DICT: Record<string, Method> = {
  keys: (rt, self) => iterator(entries(rt, self).map((e) => e.key)),
  values: (rt, self) => iterator(entries(rt, self).map((e) => e.value)),
  items: (rt, self) => {
    const all = entries(rt, self);
    rt.tick(all.length); // a tuple each
    return iterator(all.map((e) => tuple([e.key, e.value])));
  },
  get: (rt, self, args) => dictGet(rt, self as DictV, args[0] ?? null) ?? args[1] ?? null,
  pop(rt, self, args) {
    const d = self as DictV;
    const k = hashKey(rt, args[0] ?? null);
    const e = d.map.get(k);
    if (!e) return args.length > 1 ? args[1]! : raise('KeyError', 'py.key', { key: repr(rt, args[0] ?? null) });
    d.map.delete(k);
    return e.value;
  },
  setdefault(rt, self, args) {
    const d = self as DictV;
    const v = dictGet(rt, d, args[0] ?? null);
    if (v !== undefined) return v;
    dictSet(rt, d, args[0] ?? null, args[1] ?? null);
    return args[1] ?? null;
  },
  update(rt, self, args, kwargs) {
    const d = self as DictV;
    const src = args[0];
    if (src !== undefined) {
      if (is(src, 'dict')) for (const e of entries(rt, src)) dictSet(rt, d, e.key, e.value);
      else
        for (const pair of iterate(rt, src)) {
          const kv = iterate(rt, pair);
          dictSet(rt, d, kv[0] ?? null, kv[1] ?? null);
        }
    }
    for (const [k, v] of kwargs) dictSet(rt, d, k, v);
    return null;
  },
  copy: (rt, self) => copyDict(rt, self as DictV),
  clear(_rt, self) {
    (self as DictV).map.clear();
    return null;
  },
};

export function copyDict(rt: Interpreter, d: DictV): DictV {
  rt.charge(d.map.size);
  rt.tick(d.map.size); // an entry each
  return { t: 'dict', map: new Map([...d.map].map(([k, e]) => [k, { key: e.key, value: e.value }])) };
}

const text = (self: Value) => self as string;

/** A string method's result made by JavaScript, no longer than `bound`: paid for, and refused past the limit, before it is made. */
function made(rt: Interpreter, bound: number, make: () => string): string {
  rt.charge(bound);
  return make();
}

/** `rjust`, `ljust`, `center`, `zfill`: the width is the size of what is made, so it is checked first. */
function padded(rt: Interpreter, self: Value, args: readonly Value[], pad: (s: string, width: number, fill: string) => string, fill = ' '): string {
  const s = text(self);
  const width = toIndex(args[0] ?? null, 'width');
  const f = args[1] === undefined ? fill : stringArg(args[1]);
  if ([...f].length !== 1) return raise('TypeError', 'py.fillChar');
  if (width <= BigInt(s.length)) return s;
  if (width > BigInt(LIMITS.items)) overLimit('items');
  return made(rt, Number(width), () => pad(s, Number(width), f));
}

const STR: Record<string, Method> = {
  join(rt, self, args) {
    const parts = iterate(rt, args[0] ?? null).map((x) => (typeof x === 'string' ? x : raise('TypeError', 'py.joinItem')));
    const sep = text(self);
    const total = parts.reduce((n, p) => n + p.length, 0) + sep.length * Math.max(0, parts.length - 1);
    return made(rt, total, () => parts.join(sep));
  },
  format(rt, self, args, kwargs) {
    const out = new TextOut(rt);
    const field = /\{\{|\}\}|\{([^{}:!]*)(?:![rsa])?(?::([^{}]*))?\}/g;
    const s = text(self);
    let auto = 0;
    let at = 0;
    rt.scan(s.length);
    for (let m = field.exec(s); m !== null; m = field.exec(s)) {
      out.add(s.slice(at, m.index));
      at = m.index + m[0].length;
      if (m[0] === '{{' || m[0] === '}}') {
        out.add(m[0][0]!);
        continue;
      }
      const name = m[1] ?? '';
      const v = name === '' ? args[auto++] : /^\d+$/.test(name) ? args[Number(name)] : kwargs.get(name);
      if (v === undefined) return raise('IndexError', 'py.formatField', { field: name });
      if (is(v, 'opaque')) return v; // text made from data is that data, as in an f-string
      out.add(formatValue(rt, v, m[2] ?? ''));
    }
    out.add(s.slice(at));
    return out.toString();
  },
  split(rt, self, args, kwargs) {
    const s = text(self);
    const sep = args[0] ?? kwargs.get('sep') ?? null;
    const max = args[1] ?? kwargs.get('maxsplit') ?? -1n;
    const limit = Number(toIndex(max, 'maxsplit'));
    rt.charge(s.length + 1); // at most one part per character, and the scan
    if (sep === null) {
      const words = s
        .trim()
        .split(/\s+/)
        .filter((x) => x !== '');
      if (limit < 0 || words.length <= limit + 1) return list(words);
      // the rest after `limit` splits keeps its own spacing, as Python does
      const rest = s.trimStart().replace(new RegExp(`^(?:\\S+\\s+){${limit}}`), '');
      return list([...words.slice(0, limit), rest]);
    }
    const by = stringArg(sep);
    if (by === '') return raise('ValueError', 'py.emptySeparator');
    const parts = s.split(by);
    return list(limit < 0 || parts.length <= limit + 1 ? parts : [...parts.slice(0, limit), parts.slice(limit).join(by)]);
  },
  replace(rt, self, args, kwargs) {
    const s = text(self);
    const old = stringArg(args[0] ?? null);
    const now = stringArg(args[1] ?? null);
    const count = Number(toIndex(args[2] ?? kwargs.get('count') ?? -1n, 'count'));
    rt.scan(s.length);
    // '' matches before every character and at the end: 'ab'.replace('', '-') is '-a-b-'
    const parts = old === '' ? ['', ...s, ''] : s.split(old);
    const cut = count < 0 || parts.length - 1 <= count ? parts.length - 1 : count;
    const head = parts.slice(0, cut + 1);
    const tail = old === '' ? parts.slice(cut + 1).join('') : parts.slice(cut + 1).join(old);
    if (cut < parts.length - 1) head[cut] = `${head[cut]}${old}${tail}`;
    return made(rt, s.length + cut * now.length - (old === '' ? 0 : cut * old.length), () => head.join(now));
  },
  // Case changes may lengthen a string (ß → SS, ﬃ → FFI): at most three characters for one.
  lower: (rt, self) => made(rt, 3 * text(self).length, () => text(self).toLowerCase()),
  upper: (rt, self) => made(rt, 3 * text(self).length, () => text(self).toUpperCase()),
  title: (rt, self) => made(rt, 3 * text(self).length, () => text(self).replace(/\b\w/g, (c) => c.toUpperCase())),
  capitalize: (rt, self) => made(rt, 3 * text(self).length, () => text(self).charAt(0).toUpperCase() + text(self).slice(1).toLowerCase()),
  strip: (rt, self, args) => made(rt, text(self).length, () => (args[0] ? trimChars(text(self), stringArg(args[0]), true, true) : text(self).trim())),
  lstrip: (rt, self, args) => made(rt, text(self).length, () => (args[0] ? trimChars(text(self), stringArg(args[0]), true, false) : text(self).trimStart())),
  rstrip: (rt, self, args) => made(rt, text(self).length, () => (args[0] ? trimChars(text(self), stringArg(args[0]), false, true) : text(self).trimEnd())),
  startswith: (rt, self, args) => affixes(rt, args[0] ?? null).some((p) => text(self).startsWith(p)),
  endswith: (rt, self, args) => affixes(rt, args[0] ?? null).some((p) => text(self).endsWith(p)),
  find(rt, self, args) {
    rt.scan(text(self).length);
    return BigInt(text(self).indexOf(stringArg(args[0] ?? null)));
  },
  index(rt, self, args) {
    rt.scan(text(self).length);
    const i = text(self).indexOf(stringArg(args[0] ?? null));
    return i < 0 ? raise('ValueError', 'py.substring') : BigInt(i);
  },
  count(rt, self, args) {
    const s = text(self);
    const sub = stringArg(args[0] ?? null);
    rt.scan(s.length);
    if (sub === '') return BigInt([...s].length + 1);
    let n = 0n;
    for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length)) n++;
    return n;
  },
  isdigit(rt, self) {
    rt.scan(text(self).length);
    return /^\d+$/.test(text(self));
  },
  isalpha(rt, self) {
    rt.scan(text(self).length);
    return /^\p{L}+$/u.test(text(self));
  },
  zfill(rt, self, args) {
    const s = text(self);
    const sign = s.startsWith('-') || s.startsWith('+') ? s[0]! : '';
    return sign + padded(rt, s.slice(sign.length), [binary(rt, '-', toIndex(args[0] ?? null, 'width'), BigInt(sign.length))], (x, w, f) => x.padStart(w, f), '0');
  },
  rjust: (rt, self, args) => padded(rt, self, args, (s, w, f) => s.padStart(w, f)),
  ljust: (rt, self, args) => padded(rt, self, args, (s, w, f) => s.padEnd(w, f)),
  center: (rt, self, args) =>
    padded(rt, self, args, (s, w, f) => {
      // CPython's rule for an odd amount of fill: the extra character goes left when the width is odd
      const total = w - s.length;
      const left = Math.floor(total / 2) + (total & w & 1);
      return f.repeat(left) + s + f.repeat(total - left);
    }),
};

/** startswith/endswith's argument: a string or a tuple of strings, each paid for. */
function affixes(rt: Interpreter, arg: Value): string[] {
  const all = is(arg, 'tuple') ? arg.items.map(stringArg) : [stringArg(arg)];
  rt.scan(all.reduce((n, p) => n + p.length, 0));
  return all;
}

function trimChars(s: string, chars: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  while (left && a < b && chars.includes(s[a]!)) a++;
  while (right && b > a && chars.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

const SET: Record<string, Method> = {
  add(rt, self, args) {
    setAdd(rt, self as SetV, args[0] ?? null);
    return null;
  },
  update(rt, self, args) {
    for (const v of iterate(rt, args[0] ?? null)) setAdd(rt, self as SetV, v);
    return null;
  },
  discard(rt, self, args) {
    (self as SetV).map.delete(hashKey(rt, args[0] ?? null));
    return null;
  },
};

const INT: Record<string, Method> = {
  bit_length: (_rt, self) => BigInt((self as bigint) < 0n ? (-(self as bigint)).toString(2).length : (self as bigint) === 0n ? 0 : (self as bigint).toString(2).length),
};
const FLOAT: Record<string, Method> = {
  is_integer: (_rt, self) => Number.isInteger(self as number),
};

/** `value.name` for a built-in type's method, bound; undefined when the type has no such method. */
export function builtinMethod(rt: Interpreter, self: Value, name: string): BuiltinV | undefined {
  let table: Record<string, Method> | undefined;
  if (typeof self === 'string') table = STR;
  else if (typeof self === 'bigint') table = INT;
  else if (typeof self === 'number') table = FLOAT;
  else if (is(self, 'list')) table = LIST;
  else if (is(self, 'tuple')) table = name === 'index' || name === 'count' ? LIST : undefined;
  else if (is(self, 'dict')) table = DICT;
  else if (is(self, 'set')) table = SET;
  const m = table && Object.hasOwn(table, name) ? table[name] : undefined;
  return m ? builtin(name, (args, kwargs) => m(rt, self, args, kwargs)) : undefined;
}

/**
 * The methods Python 3.11's built-in types have (dir(str), dir(list), ...). A name here that the
 * reader lacks is the reader's gap, never an AttributeError Python would raise.
 */
const PYTHON_METHODS: Readonly<Record<string, readonly string[]>> = {
  str: [
    'capitalize',
    'casefold',
    'center',
    'count',
    'encode',
    'endswith',
    'expandtabs',
    'find',
    'format',
    'format_map',
    'index',
    'isalnum',
    'isalpha',
    'isascii',
    'isdecimal',
    'isdigit',
    'isidentifier',
    'islower',
    'isnumeric',
    'isprintable',
    'isspace',
    'istitle',
    'isupper',
    'join',
    'ljust',
    'lower',
    'lstrip',
    'maketrans',
    'partition',
    'removeprefix',
    'removesuffix',
    'replace',
    'rfind',
    'rindex',
    'rjust',
    'rpartition',
    'rsplit',
    'rstrip',
    'split',
    'splitlines',
    'startswith',
    'strip',
    'swapcase',
    'title',
    'translate',
    'upper',
    'zfill',
  ],
  list: ['append', 'clear', 'copy', 'count', 'extend', 'index', 'insert', 'pop', 'remove', 'reverse', 'sort'],
  tuple: ['count', 'index'],
  dict: ['clear', 'copy', 'fromkeys', 'get', 'items', 'keys', 'pop', 'popitem', 'setdefault', 'update', 'values'],
  set: [
    'add',
    'clear',
    'copy',
    'difference',
    'difference_update',
    'discard',
    'intersection',
    'intersection_update',
    'isdisjoint',
    'issubset',
    'issuperset',
    'pop',
    'remove',
    'symmetric_difference',
    'symmetric_difference_update',
    'union',
    'update',
  ],
  int: ['as_integer_ratio', 'bit_count', 'bit_length', 'conjugate', 'denominator', 'from_bytes', 'imag', 'numerator', 'real', 'to_bytes'],
  float: ['as_integer_ratio', 'conjugate', 'fromhex', 'hex', 'imag', 'is_integer', 'real'],
};

/** Whether `name` is a method Python's type of `self` has (so lacking it is the reader's gap). */
export function isPythonMethod(typeName: string, name: string): boolean {
  return PYTHON_METHODS[typeName]?.includes(name) ?? false;
}
