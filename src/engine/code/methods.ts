/**
 * Methods of the built-in types model code calls: list.append and friends, dict.items, str.format
 * and str.join, tuple.index. Each is Python's documented behaviour; copies charge the step budget.
 */
import { overLimit, raise } from './errors.js';
import { formatValue, stringArg } from './builtins.js';
import type { Interpreter } from './interpreter.js';
import { LIMITS } from './limits.js';
import { compare, dictGet, dictSet, equals, hashKey, iterate, position, repr, toIndex, truthy } from './python.js';
import { builtin, is, list, tuple, type BuiltinV, type DictV, type ListV, type Value } from './values.js';

type Method = (rt: Interpreter, self: Value, args: Value[], kwargs: Map<string, Value>) => Value;

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
  pop(_rt, self, args) {
    const l = self as ListV;
    if (l.items.length === 0) return raise('IndexError', 'py.indexRange', { what: 'pop from empty list' });
    const i = args.length === 0 ? l.items.length - 1 : position(args[0]!, l.items.length, 'pop');
    return l.items.splice(i, 1)[0]!;
  },
  remove(rt, self, args) {
    const l = self as ListV;
    const i = l.items.findIndex((x) => equals(rt, x, args[0] ?? null));
    if (i < 0) return raise('ValueError', 'py.notInList');
    l.items.splice(i, 1);
    return null;
  },
  index(rt, self, args) {
    const items = (self as { items: readonly Value[] }).items;
    const i = items.findIndex((x) => equals(rt, x, args[0] ?? null));
    if (i < 0) return raise('ValueError', 'py.notInList');
    return BigInt(i);
  },
  count: (rt, self, args) => BigInt((self as { items: readonly Value[] }).items.filter((x) => equals(rt, x, args[0] ?? null)).length),
  reverse(_rt, self) {
    (self as ListV).items.reverse();
    return null;
  },
  sort(rt, self, _args, kwargs) {
    const l = self as ListV;
    const key = kwargs.get('key') ?? null;
    rt.charge(l.items.length * Math.max(1, Math.ceil(Math.log2(l.items.length + 1))));
    const keyed = l.items.map((x) => [key === null ? x : rt.call(key, [x]), x] as const);
    keyed.sort((a, b) => (compare(rt, '<', a[0], b[0]) ? -1 : compare(rt, '<', b[0], a[0]) ? 1 : 0));
    if (truthy(rt, kwargs.get('reverse') ?? false)) keyed.reverse();
    l.items = keyed.map((x) => x[1]);
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

const DICT: Record<string, Method> = {
  keys: (_rt, self) => ({ t: 'iterator', items: [...(self as DictV).map.values()].map((e) => e.key), i: 0 }),
  values: (_rt, self) => ({ t: 'iterator', items: [...(self as DictV).map.values()].map((e) => e.value), i: 0 }),
  items: (_rt, self) => ({ t: 'iterator', items: [...(self as DictV).map.values()].map((e) => tuple([e.key, e.value])), i: 0 }),
  get: (_rt, self, args) => dictGet(self as DictV, args[0] ?? null) ?? args[1] ?? null,
  pop(rt, self, args) {
    const d = self as DictV;
    const k = hashKey(args[0] ?? null);
    const e = d.map.get(k);
    if (!e) return args.length > 1 ? args[1]! : raise('KeyError', 'py.key', { key: repr(rt, args[0] ?? null) });
    d.map.delete(k);
    return e.value;
  },
  setdefault(rt, self, args) {
    const d = self as DictV;
    const v = dictGet(d, args[0] ?? null);
    if (v !== undefined) return v;
    dictSet(rt, d, args[0] ?? null, args[1] ?? null);
    return args[1] ?? null;
  },
  update(rt, self, args, kwargs) {
    const d = self as DictV;
    const src = args[0];
    if (src !== undefined) {
      if (is(src, 'dict')) for (const e of src.map.values()) dictSet(rt, d, e.key, e.value);
      else for (const pair of iterate(rt, src)) {
        const kv = iterate(rt, pair);
        dictSet(rt, d, kv[0] ?? null, kv[1] ?? null);
      }
    }
    for (const [k, v] of kwargs) dictSet(rt, d, k, v);
    return null;
  },
  copy: (_rt, self) => ({ t: 'dict', map: new Map([...(self as DictV).map].map(([k, e]) => [k, { key: e.key, value: e.value }])) }),
  clear(_rt, self) {
    (self as DictV).map.clear();
    return null;
  },
};

const text = (self: Value) => self as string;

const STR: Record<string, Method> = {
  join(rt, self, args) {
    const parts = iterate(rt, args[0] ?? null).map((x) => (typeof x === 'string' ? x : raise('TypeError', 'py.joinItem')));
    const out = parts.join(text(self));
    rt.charge(out.length);
    return out;
  },
  format(rt, self, args, kwargs) {
    let auto = 0;
    const out = text(self).replace(/\{\{|\}\}|\{([^{}:!]*)(?:![rsa])?(?::([^{}]*))?\}/g, (all, field: string | undefined, spec: string | undefined) => {
      if (all === '{{') return '{';
      if (all === '}}') return '}';
      const name = field ?? '';
      const v = name === '' ? args[auto++] : /^\d+$/.test(name) ? args[Number(name)] : kwargs.get(name);
      if (v === undefined) return raise('IndexError', 'py.formatField', { field: name });
      return formatValue(rt, v, spec ?? '');
    });
    rt.charge(out.length);
    return out;
  },
  split(rt, self, args) {
    const sep = args[0] ?? null;
    const s = text(self);
    const parts = sep === null ? s.trim().split(/\s+/).filter((x) => x !== '') : s.split(stringArg(sep));
    rt.charge(parts.length);
    return list(parts);
  },
  replace(rt, self, args) {
    const out = text(self).split(stringArg(args[0] ?? null)).join(stringArg(args[1] ?? null));
    rt.charge(out.length);
    return out;
  },
  lower: (_rt, self) => text(self).toLowerCase(),
  upper: (_rt, self) => text(self).toUpperCase(),
  title: (_rt, self) => text(self).replace(/\b\w/g, (c) => c.toUpperCase()),
  capitalize: (_rt, self) => text(self).charAt(0).toUpperCase() + text(self).slice(1).toLowerCase(),
  strip: (_rt, self, args) => (args[0] ? trimChars(text(self), stringArg(args[0]), true, true) : text(self).trim()),
  lstrip: (_rt, self, args) => (args[0] ? trimChars(text(self), stringArg(args[0]), true, false) : text(self).trimStart()),
  rstrip: (_rt, self, args) => (args[0] ? trimChars(text(self), stringArg(args[0]), false, true) : text(self).trimEnd()),
  startswith: (_rt, self, args) => (is(args[0] ?? null, 'tuple') ? (args[0] as { items: readonly Value[] }).items.some((p) => text(self).startsWith(stringArg(p))) : text(self).startsWith(stringArg(args[0] ?? null))),
  endswith: (_rt, self, args) => (is(args[0] ?? null, 'tuple') ? (args[0] as { items: readonly Value[] }).items.some((p) => text(self).endsWith(stringArg(p))) : text(self).endsWith(stringArg(args[0] ?? null))),
  find: (_rt, self, args) => BigInt(text(self).indexOf(stringArg(args[0] ?? null))),
  index(_rt, self, args) {
    const i = text(self).indexOf(stringArg(args[0] ?? null));
    return i < 0 ? raise('ValueError', 'py.substring') : BigInt(i);
  },
  count: (_rt, self, args) => BigInt(text(self).split(stringArg(args[0] ?? null)).length - 1),
  isdigit: (_rt, self) => /^\d+$/.test(text(self)),
  isalpha: (_rt, self) => /^\p{L}+$/u.test(text(self)),
  zfill: (_rt, self, args) => text(self).padStart(Number(toIndex(args[0] ?? 0n)), '0'),
  rjust: (_rt, self, args) => text(self).padStart(Number(toIndex(args[0] ?? 0n)), typeof args[1] === 'string' ? args[1] : ' '),
  ljust: (_rt, self, args) => text(self).padEnd(Number(toIndex(args[0] ?? 0n)), typeof args[1] === 'string' ? args[1] : ' '),
};

function trimChars(s: string, chars: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  while (left && a < b && chars.includes(s[a]!)) a++;
  while (right && b > a && chars.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

const SET: Record<string, Method> = {
  add(_rt, self, args) {
    (self as { map: Map<string, Value> }).map.set(hashKey(args[0] ?? null), args[0] ?? null);
    return null;
  },
  update(rt, self, args) {
    for (const v of iterate(rt, args[0] ?? null)) (self as { map: Map<string, Value> }).map.set(hashKey(v), v);
    return null;
  },
  discard(_rt, self, args) {
    (self as { map: Map<string, Value> }).map.delete(hashKey(args[0] ?? null));
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
