/**
 * The core of Python's data model for the subset: truth, equality, hashing, arithmetic,
 * comparison, iteration, indexing and printing, with Python's results (floor division and modulo
 * of negative ints, `True + 1 == 2`, `(1,) + (2,)`, `[0] * 3`). Library values (tensors, Keras
 * tensors, opaque values) are handed to their own operations.
 */
import { type PyException, raise, refuse, overLimit } from './errors.js';
import { LIMITS } from './limits.js';
import type { Runtime } from './runtime.js';
import { isObj, list, tuple, type DictV, type Obj, type OpaqueV, type SetV, type TupleV, type Value } from './values.js';
import type { BinOp } from './ast.js';

// ── names and printing ──

export function typeName(v: Value): string {
  switch (typeof v) {
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
  }
  if (v === null) return 'NoneType';
  switch (v.t) {
    case 'instance':
      return v.cls.name;
    case 'class':
      return 'type';
    case 'builtin':
      return 'builtin_function_or_method';
    case 'wrapped':
      return v.how;
    case 'namespace':
      return 'module';
    case 'tensor':
      return v.param ? 'Parameter' : 'Tensor';
    case 'ktensor':
      return 'KerasTensor';
    case 'opaque':
      return 'object';
    case 'iterator':
      return 'iterator';
    default:
      return v.t;
  }
}

export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const exp = Math.floor(Math.log10(Math.abs(x)));
  if (exp < -4 || exp >= 16) {
    return x.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  const s = String(x);
  return Number.isInteger(x) ? `${s}.0` : s;
}

/**
 * Text made piece by piece, each piece paid for and the whole refused past LIMITS.items before it
 * is joined: `repr` of a list holding one long string ten thousand times never builds the result.
 */
export class TextOut {
  private readonly parts: string[] = [];
  private size = 0;

  constructor(private readonly rt: Runtime) {}

  add(piece: string): void {
    this.size += piece.length;
    if (this.size > LIMITS.items) overLimit('items');
    this.rt.scan(piece.length);
    this.parts.push(piece);
  }

  toString(): string {
    return this.parts.join('');
  }
}

export function str(rt: Runtime, v: Value): string {
  if (typeof v === 'string') return v;
  return repr(rt, v);
}

export function repr(rt: Runtime, v: Value): string {
  const out = new TextOut(rt);
  reprInto(rt, v, out, 0);
  return out.toString();
}

export function quoteString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** Python's repr of `v` onto `out`; every node visited costs a step, so shared structure cannot multiply the work unpaid. */
function reprInto(rt: Runtime, v: Value, out: TextOut, depth: number): void {
  rt.tick();
  if (depth > 20) return out.add('...');
  switch (typeof v) {
    case 'bigint':
      return out.add(v.toString());
    case 'number':
      return out.add(floatRepr(v));
    case 'boolean':
      return out.add(v ? 'True' : 'False');
    case 'string':
      rt.scan(v.length);
      return out.add(quoteString(v));
  }
  if (v === null) return out.add('None');
  const items = (xs: Iterable<Value>) => {
    let first = true;
    for (const x of xs) {
      if (!first) out.add(', ');
      first = false;
      reprInto(rt, x, out, depth + 1);
    }
  };
  switch (v.t) {
    case 'list':
      out.add('[');
      items(v.items);
      return out.add(']');
    case 'tuple':
      out.add('(');
      items(v.items);
      return out.add(v.items.length === 1 ? ',)' : ')');
    case 'dict': {
      out.add('{');
      let first = true;
      for (const e of v.map.values()) {
        if (!first) out.add(', ');
        first = false;
        reprInto(rt, e.key, out, depth + 1);
        out.add(': ');
        reprInto(rt, e.value, out, depth + 1);
      }
      return out.add('}');
    }
    case 'set':
      if (v.map.size === 0) return out.add('set()');
      out.add('{');
      items(v.map.values());
      return out.add('}');
    case 'range':
      return out.add(v.step === 1n ? `range(${v.start}, ${v.stop})` : `range(${v.start}, ${v.stop}, ${v.step})`);
    case 'class':
      return out.add(`<class '${v.name}'>`);
    case 'function':
      return out.add(`<function ${v.name}>`);
    case 'instance':
      if (v.message === undefined) return out.add(`${v.cls.name}()`);
      out.add(`${v.cls.name}(`);
      reprInto(rt, v.message, out, depth + 1);
      return out.add(')');
    case 'tensor':
      return out.add(`tensor(shape=[${(v.shape ?? []).map((d) => (d === null ? '?' : String(d))).join(', ')}])`);
    case 'opaque':
      return out.add(`<${v.origin}>`);
    case 'ellipsis':
      return out.add('Ellipsis');
    default:
      return out.add(`<${typeName(v)}>`);
  }
}

// ── truth and identity ──

export function truthy(rt: Runtime, v: Value): boolean {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
  }
  if (v === null) return false;
  switch (v.t) {
    case 'list':
    case 'tuple':
      return v.items.length > 0;
    case 'dict':
    case 'set':
      return v.map.size > 0;
    case 'range':
      return rangeLength(v) > 0n;
    case 'opaque':
      return needValue(v);
    case 'tensor':
    case 'ktensor':
      return raise('RuntimeError', 'py.tensorBool');
    case 'instance': {
      const bool = rt.special(v, '__bool__');
      if (bool !== undefined) return truthy(rt, rt.call(bool, []));
      const len = rt.special(v, '__len__');
      if (len !== undefined) return truthy(rt, rt.call(len, []));
      return true;
    }
    default:
      return true;
  }
}

/** Refuses to go on with a value the reader does not compute, naming where it came from. */
export function needValue(v: OpaqueV): never {
  return refuse('code.needsValue', { origin: v.origin, line: String(v.line) });
}

const ids = new WeakMap<object, number>();
let nextId = 1;
export function identity(o: object): number {
  let id = ids.get(o);
  if (id === undefined) {
    id = nextId++;
    ids.set(o, id);
  }
  return id;
}

/**
 * A dict or set key: equal values (1, 1.0, True) share a key, as Python's hash does. A string's
 * key costs its length; a tuple's is interned (see TupleKeys), so nesting cannot make it long.
 */
export function hashKey(rt: Runtime, v: Value): string {
  switch (typeof v) {
    case 'bigint':
      return `i${v}`;
    case 'boolean':
      return v ? 'i1' : 'i0';
    case 'number':
      return Number.isInteger(v) ? `i${BigInt(v)}` : `f${v}`;
    case 'string':
      rt.scan(v.length);
      return `s${v}`;
  }
  if (v === null) return 'n';
  if (v.t === 'tuple') return tupleKey(rt, v);
  if (v.t === 'list' || v.t === 'dict' || v.t === 'set') return raise('TypeError', 'py.unhashable', { type: typeName(v) });
  if (v.t === 'opaque') return needValue(v);
  return `o${identity(v)}`;
}

function tupleKey(rt: Runtime, t: TupleV): string {
  const { memo, ids } = rt.tupleKeys;
  const known = memo.get(t);
  if (known !== undefined) return known;
  rt.tick();
  rt.tick(t.items.length);
  const inner = t.items.map((x) => hashKey(rt, x)).join(',');
  let key = ids.get(inner);
  if (key === undefined) {
    rt.charge(inner.length);
    key = `t${ids.size}`;
    ids.set(inner, key);
  }
  memo.set(t, key);
  return key;
}

const numeric = (v: Value): v is bigint | number | boolean => typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';
const asInt = (v: bigint | boolean): bigint => (typeof v === 'boolean' ? (v ? 1n : 0n) : v);

export function equals(rt: Runtime, a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    if (a.length !== b.length) return false;
    rt.scan(a.length);
    return a === b;
  }
  if (a === b) return true;
  if (numeric(a) && numeric(b)) {
    if (typeof a === 'number' || typeof b === 'number') return Number(typeof a === 'boolean' ? Number(a) : a) === Number(typeof b === 'boolean' ? Number(b) : b);
    return asInt(a) === asInt(b);
  }
  if (!isObj(a) || !isObj(b)) return false;
  // every pair of containers compared costs a step: two structures sharing their parts cannot make it exponential unpaid
  rt.tick();
  if (a.t === 'opaque') return needValue(a);
  if (b.t === 'opaque') return needValue(b);
  if ((a.t === 'list' && b.t === 'list') || (a.t === 'tuple' && b.t === 'tuple')) {
    if (a.items.length !== b.items.length) return false;
    rt.tick(a.items.length);
    return a.items.every((x, i) => equals(rt, x, b.items[i]!));
  }
  if (a.t === 'dict' && b.t === 'dict') {
    if (a.map.size !== b.map.size) return false;
    rt.tick(a.map.size);
    for (const [k, e] of a.map) {
      const other = b.map.get(k);
      if (!other || !equals(rt, e.value, other.value)) return false;
    }
    return true;
  }
  if (a.t === 'set' && b.t === 'set') {
    if (a.map.size !== b.map.size) return false;
    rt.tick(a.map.size);
    return [...a.map.keys()].every((k) => b.map.has(k));
  }
  if (a.t === 'range' && b.t === 'range') return a.start === b.start && a.stop === b.stop && a.step === b.step;
  if (a.t === 'instance') {
    const eq = rt.special(a, '__eq__');
    if (eq !== undefined) return truthy(rt, rt.call(eq, [b]));
  }
  return false;
}

// ── numbers ──

export function checkInt(n: bigint): bigint {
  const bits = n < 0n ? (-n).toString(2).length : n.toString(2).length;
  if (bits > LIMITS.intBits) overLimit('intBits');
  return n;
}

function floorDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) raise('ZeroDivisionError', 'py.zeroDivision');
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function mod(a: bigint, b: bigint): bigint {
  if (b === 0n) raise('ZeroDivisionError', 'py.zeroDivision');
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

function intOp(op: BinOp, a: bigint, b: bigint): Value {
  switch (op) {
    case '+':
      return checkInt(a + b);
    case '-':
      return checkInt(a - b);
    case '*':
      // the product's size is the sum of the operands' sizes: check before computing it
      if (a !== 0n && b !== 0n && a.toString(16).length + b.toString(16).length > LIMITS.intBits / 4 + 2) overLimit('intBits');
      return checkInt(a * b);
    case '/':
      if (b === 0n) return raise('ZeroDivisionError', 'py.zeroDivision');
      return Number(a) / Number(b);
    case '//':
      return floorDiv(a, b);
    case '%':
      return mod(a, b);
    case '**': {
      if (b < 0n) {
        if (a === 0n) return raise('ZeroDivisionError', 'py.zeroDivision');
        return Number(a) ** Number(b);
      }
      const bits = a === 0n || a === 1n || a === -1n ? 1 : (a < 0n ? -a : a).toString(2).length;
      if (b > BigInt(LIMITS.intBits) || bits * Number(b) > LIMITS.intBits + bits) overLimit('intBits');
      return checkInt(a ** b);
    }
    case '<<':
      if (b < 0n) return raise('ValueError', 'py.negativeShift');
      if (b > BigInt(LIMITS.intBits)) overLimit('intBits');
      return checkInt(a << b);
    case '>>':
      if (b < 0n) return raise('ValueError', 'py.negativeShift');
      return a >> b;
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    case '@':
      return raise('TypeError', 'py.operands', { op, left: 'int', right: 'int' });
  }
}

function floatOp(op: BinOp, a: number, b: number): Value {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) return raise('ZeroDivisionError', 'py.zeroDivision');
      return a / b;
    case '//':
      if (b === 0) return raise('ZeroDivisionError', 'py.zeroDivision');
      return Math.floor(a / b);
    case '%': {
      if (b === 0) return raise('ZeroDivisionError', 'py.zeroDivision');
      const r = a % b;
      return r !== 0 && r < 0 !== b < 0 ? r + b : r;
    }
    case '**':
      return a ** b;
    default:
      return raise('TypeError', 'py.operands', { op, left: 'float', right: 'float' });
  }
}

/** Library operations for tensors and Keras tensors (a session's libraries add theirs to `rt.arrays`). */
export interface ArrayOps {
  binary(rt: Runtime, op: BinOp, a: Value, b: Value): Value | undefined;
  /** `a < b`, `a == b`, ... on arrays: an array of truth values, not a bool. */
  compare(rt: Runtime, a: Value, b: Value): Value | undefined;
}

const REFLECTED: Partial<Record<BinOp, string>> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow', '@': 'matmul' };

export function binary(rt: Runtime, op: BinOp, a: Value, b: Value): Value {
  if ((typeof a === 'bigint' || typeof a === 'boolean') && (typeof b === 'bigint' || typeof b === 'boolean')) {
    if (typeof a === 'boolean' && typeof b === 'boolean' && (op === '&' || op === '|' || op === '^')) {
      return op === '&' ? a && b : op === '|' ? a || b : a !== b;
    }
    return intOp(op, asInt(a), asInt(b));
  }
  if (numeric(a) && numeric(b)) return floatOp(op, Number(a), Number(b));
  if (isObj(a) && a.t === 'opaque') return a;
  if (isObj(b) && b.t === 'opaque') return b;
  for (const ops of rt.arrays) {
    const r = ops.binary(rt, op, a, b);
    if (r !== undefined) return r;
  }
  if (typeof a === 'string') {
    if (op === '+' && typeof b === 'string') {
      rt.charge(a.length + b.length);
      return a + b;
    }
    if (op === '*' && (typeof b === 'bigint' || typeof b === 'boolean')) return repeatString(rt, a, asInt(b));
    if (op === '%') return percentFormat(rt, a, b);
  }
  if (typeof b === 'string' && op === '*' && (typeof a === 'bigint' || typeof a === 'boolean')) return repeatString(rt, b, asInt(a));
  if (isObj(a) && (a.t === 'list' || a.t === 'tuple')) {
    if (op === '+' && isObj(b) && b.t === a.t) {
      rt.charge(a.items.length + b.items.length);
      const items = [...a.items, ...b.items];
      return a.t === 'list' ? list(items) : tuple(items);
    }
    if (op === '*' && (typeof b === 'bigint' || typeof b === 'boolean')) return repeatItems(rt, a, asInt(b));
  }
  if (isObj(b) && (b.t === 'list' || b.t === 'tuple') && op === '*' && (typeof a === 'bigint' || typeof a === 'boolean')) return repeatItems(rt, b, asInt(a));
  if (isObj(a) && a.t === 'dict' && isObj(b) && b.t === 'dict' && op === '|') {
    const map = new Map(a.map);
    for (const [k, e] of b.map) map.set(k, { key: e.key, value: e.value });
    return { t: 'dict', map };
  }
  const name = REFLECTED[op];
  if (name !== undefined) {
    if (isObj(a) && a.t === 'instance') {
      const f = rt.special(a, `__${name}__`);
      if (f !== undefined) return rt.call(f, [b]);
    }
    if (isObj(b) && b.t === 'instance') {
      const f = rt.special(b, `__r${name}__`);
      if (f !== undefined) return rt.call(f, [a]);
    }
  }
  return raise('TypeError', 'py.operands', { op, left: typeName(a), right: typeName(b) });
}

function repeatString(rt: Runtime, s: string, n: bigint): string {
  if (n <= 0n) return '';
  const total = BigInt(s.length) * n;
  if (total > BigInt(LIMITS.items)) overLimit('items');
  rt.charge(Number(total));
  return s.repeat(Number(n));
}

function repeatItems(rt: Runtime, seq: Obj & { items: readonly Value[] }, n: bigint): Value {
  const count = n <= 0n ? 0n : n;
  const total = BigInt(seq.items.length) * count;
  if (total > BigInt(LIMITS.items)) overLimit('items');
  rt.charge(Number(total));
  const items: Value[] = [];
  for (let i = 0n; i < count; i++) items.push(...seq.items);
  return seq.t === 'list' ? list(items) : tuple(items);
}

/** `'%d channels' % n`: the common conversions (%s %r %d %i %f %g %x %%), the text made piece by piece. */
function percentFormat(rt: Runtime, fmt: string, args: Value): string {
  const values = isObj(args) && args.t === 'tuple' ? [...args.items] : [args];
  const out = new TextOut(rt);
  const spec = /%([-+ 0#]*\d*(?:\.\d+)?)([sdrifgex%])/g;
  let i = 0;
  let at = 0;
  rt.scan(fmt.length);
  for (let m = spec.exec(fmt); m !== null; m = spec.exec(fmt)) {
    out.add(fmt.slice(at, m.index));
    at = m.index + m[0].length;
    const [, flags, conv] = m as unknown as [string, string, string];
    if (conv === '%') {
      out.add('%');
      continue;
    }
    const v = values[i++];
    if (v === undefined) raise('TypeError', 'py.formatArgs');
    switch (conv) {
      case 's':
        out.add(str(rt, v));
        break;
      case 'r':
        out.add(repr(rt, v));
        break;
      case 'd':
      case 'i':
        out.add(String(toIntValue(v)));
        break;
      case 'x':
        out.add(toIntValue(v).toString(16));
        break;
      default: {
        const digits = /\.(\d+)/.exec(flags)?.[1];
        const x = toFloatValue(v);
        out.add(conv === 'f' ? fixed(x, digits) : conv === 'e' ? exponential(x, digits) : String(x));
      }
    }
  }
  out.add(fmt.slice(at));
  if (i < values.length) raise('TypeError', 'py.formatArgs');
  return out.toString();
}

/** Digits after the point a format may ask for: JavaScript stops at 100 (Python goes on; no model needs it). */
const MAX_PRECISION = 100;

function precisionOf(digits: string | undefined): number {
  const p = digits === undefined ? 6 : Number(digits);
  if (p > MAX_PRECISION) refuse('code.unsupported', { what: `precision .${digits}` });
  return p;
}

export const fixed = (x: number, digits: string | undefined): string => (Number.isFinite(x) ? x.toFixed(precisionOf(digits)) : floatRepr(x));
export const exponential = (x: number, digits: string | undefined): string => (Number.isFinite(x) ? x.toExponential(precisionOf(digits)) : floatRepr(x));

export function unary(rt: Runtime, op: '-' | '+' | '~', v: Value): Value {
  if (typeof v === 'bigint' || typeof v === 'boolean') {
    const n = asInt(v);
    return op === '-' ? -n : op === '+' ? n : -n - 1n;
  }
  if (typeof v === 'number' && op !== '~') return op === '-' ? -v : v;
  if (isObj(v) && v.t === 'opaque') return v;
  if (isObj(v) && (v.t === 'tensor' || v.t === 'ktensor') && op !== '~') {
    const r = rt.arrays.map((o) => o.binary(rt, '*', v, op === '-' ? -1n : 1n)).find((x) => x !== undefined);
    if (r !== undefined) return r;
  }
  return raise('TypeError', 'py.unary', { op, type: typeName(v) });
}

export function toIntValue(v: Value): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return raise('ValueError', 'py.intOf', { value: floatRepr(v) });
    return BigInt(Math.trunc(v));
  }
  if (isObj(v) && v.t === 'opaque') return needValue(v);
  return raise('TypeError', 'py.intOf', { value: typeName(v) });
}

export function toFloatValue(v: Value): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (isObj(v) && v.t === 'opaque') return needValue(v);
  return raise('TypeError', 'py.floatOf', { value: typeName(v) });
}

/** An index or size argument: int (or bool) only, as Python's `__index__`. */
export function toIndex(v: Value, what = 'index'): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (isObj(v) && v.t === 'opaque') return needValue(v);
  return raise('TypeError', 'py.indexType', { what, type: typeName(v) });
}

// ── comparison ──

export function compare(rt: Runtime, op: '<' | '>' | '<=' | '>=', a: Value, b: Value): boolean {
  const c = order(rt, a, b, op);
  switch (op) {
    case '<':
      return c < 0;
    case '>':
      return c > 0;
    case '<=':
      return c <= 0;
    case '>=':
      return c >= 0;
  }
}

function order(rt: Runtime, a: Value, b: Value, op: string): number {
  if (numeric(a) && numeric(b)) {
    if (typeof a === 'number' || typeof b === 'number') {
      const x = Number(typeof a === 'boolean' ? Number(a) : a);
      const y = Number(typeof b === 'boolean' ? Number(b) : b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const x = asInt(a);
    const y = asInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    rt.scan(Math.min(a.length, b.length));
    return a < b ? -1 : a > b ? 1 : 0;
  }
  rt.tick();
  if (isObj(a) && a.t === 'opaque') return needValue(a);
  if (isObj(b) && b.t === 'opaque') return needValue(b);
  if (isObj(a) && isObj(b) && (a.t === 'list' || a.t === 'tuple') && a.t === b.t) {
    const n = Math.min(a.items.length, b.items.length);
    for (let i = 0; i < n; i++) {
      if (!equals(rt, a.items[i]!, b.items[i]!)) return order(rt, a.items[i]!, b.items[i]!, op);
    }
    return a.items.length - b.items.length;
  }
  if (isObj(a) && (a.t === 'tensor' || a.t === 'ktensor')) return raise('RuntimeError', 'py.tensorBool');
  return raise('TypeError', 'py.order', { op, left: typeName(a), right: typeName(b) });
}

// ── containers ──

export function rangeLength(r: { start: bigint; stop: bigint; step: bigint }): bigint {
  if (r.step > 0n) return r.stop > r.start ? (r.stop - r.start + r.step - 1n) / r.step : 0n;
  return r.start > r.stop ? (r.start - r.stop - r.step - 1n) / -r.step : 0n;
}

/** Every item of an iterable, eagerly (generators in the subset are finite by construction); a new array is paid for. */
export function iterate(rt: Runtime, v: Value): readonly Value[] {
  if (typeof v === 'string') {
    rt.charge(v.length);
    return [...v];
  }
  if (!isObj(v)) return raise('TypeError', 'py.notIterable', { type: typeName(v) });
  switch (v.t) {
    case 'list':
    case 'tuple':
      return v.items;
    case 'dict':
      rt.charge(v.map.size);
      return [...v.map.values()].map((e) => e.key);
    case 'set':
      rt.charge(v.map.size);
      return [...v.map.values()];
    case 'range': {
      const n = rangeLength(v);
      if (n > BigInt(LIMITS.items)) overLimit('items');
      rt.charge(Number(n));
      const out: Value[] = [];
      for (let x = v.start, i = 0n; i < n; i++, x += v.step) out.push(x);
      return out;
    }
    case 'iterator': {
      rt.charge(v.items.length - v.i);
      const rest = v.items.slice(v.i);
      v.i = v.items.length;
      return rest;
    }
    case 'tensor': {
      // a tensor iterates over its first axis (`for x in torch.linspace(0, 0.1, 12)`): sub-tensors by shape
      const first = v.shape?.[0];
      if (v.shape === null || v.shape.length === 0 || first === null || first === undefined) return raise('TypeError', 'py.notIterable', { type: 'Tensor' });
      if (first > LIMITS.items) overLimit('items');
      rt.charge(first);
      const rest = v.shape.slice(1);
      return Array.from({ length: first }, (): Value => ({ t: 'tensor', shape: rest, dtype: v.dtype }));
    }
    case 'opaque':
      return needValue(v);
    case 'instance': {
      const iter = rt.special(v, '__iter__');
      if (iter !== undefined) return iterate(rt, rt.call(iter, []));
      const getitem = rt.special(v, '__getitem__');
      const len = rt.special(v, '__len__');
      if (getitem !== undefined && len !== undefined) {
        const n = toIndex(rt.call(len, []));
        if (n > BigInt(LIMITS.items)) overLimit('items');
        rt.charge(Number(n));
        const out: Value[] = [];
        for (let i = 0n; i < n; i++) out.push(rt.call(getitem, [i]));
        return out;
      }
      break;
    }
    default:
      break;
  }
  return raise('TypeError', 'py.notIterable', { type: typeName(v) });
}

export function length(rt: Runtime, v: Value): bigint {
  if (typeof v === 'string') return BigInt(v.length);
  if (isObj(v)) {
    switch (v.t) {
      case 'list':
      case 'tuple':
        return BigInt(v.items.length);
      case 'dict':
      case 'set':
        return BigInt(v.map.size);
      case 'range':
        return rangeLength(v);
      case 'tensor': {
        // len() of an array is its first axis (a 0-d one has none)
        const first = v.shape?.[0];
        if (first === undefined || first === null) return raise('TypeError', 'py.noLen', { type: 'Tensor' });
        return BigInt(first);
      }
      case 'opaque':
        return needValue(v);
      case 'instance': {
        const len = rt.special(v, '__len__');
        if (len !== undefined) return toIndex(rt.call(len, []));
        break;
      }
      default:
        break;
    }
  }
  return raise('TypeError', 'py.noLen', { type: typeName(v) });
}

/** A normalized position in a sequence of `n` items (negative from the end); throws IndexError. */
export function position(index: Value, n: number, what: string): number {
  let i = toIndex(index);
  if (i < 0n) i += BigInt(n);
  if (i < 0n || i >= BigInt(n)) return raise('IndexError', 'py.indexRange', { what });
  return Number(i);
}

/** Python's slice.indices(n): start, stop, step clamped to a sequence of length n. */
export function sliceIndices(s: { start: Value; stop: Value; step: Value }, n: number): [number, number, number] {
  const step = s.step === null ? 1 : Number(toIndex(s.step));
  if (step === 0) raise('ValueError', 'py.sliceStep');
  const clamp = (v: Value, fallback: number, lo: number, hi: number) => {
    if (v === null) return fallback;
    let i = Number(toIndex(v));
    if (i < 0) i += n;
    return Math.min(Math.max(i, lo), hi);
  };
  if (step > 0) return [clamp(s.start, 0, 0, n), clamp(s.stop, n, 0, n), step];
  return [clamp(s.start, n - 1, -1, n - 1), clamp(s.stop, -1, -1, n - 1), step];
}

/** The items a slice selects, paid for before they are copied. */
export function sliceItems<T>(rt: Runtime, items: readonly T[], s: { start: Value; stop: Value; step: Value }): T[] {
  const [start, stop, step] = sliceIndices(s, items.length);
  rt.charge(step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step)));
  const out: T[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(items[i]!);
  else for (let i = start; i > stop; i += step) out.push(items[i]!);
  return out;
}

export function dictGet(rt: Runtime, d: DictV, key: Value): Value | undefined {
  return d.map.get(hashKey(rt, key))?.value;
}

export function dictSet(rt: Runtime, d: DictV, key: Value, value: Value): void {
  if (d.mirror && typeof key === 'string') d.mirror.set(key, value);
  const k = hashKey(rt, key);
  const e = d.map.get(k);
  if (e) e.value = value;
  else {
    if (d.map.size >= LIMITS.items) overLimit('items');
    rt.tick();
    d.map.set(k, { key, value });
  }
}

export function newDict(rt: Runtime, entries: Iterable<readonly [Value, Value]> = []): DictV {
  const d: DictV = { t: 'dict', map: new Map() };
  for (const [k, v] of entries) dictSet(rt, d, k, v);
  return d;
}

export function setAdd(rt: Runtime, s: SetV, v: Value): void {
  const k = hashKey(rt, v);
  if (s.map.has(k)) return;
  if (s.map.size >= LIMITS.items) overLimit('items');
  rt.tick();
  s.map.set(k, v);
}

export function newSet(rt: Runtime, items: Iterable<Value> = []): SetV {
  const s: SetV = { t: 'set', map: new Map() };
  for (const v of items) setAdd(rt, s, v);
  return s;
}

export function contains(rt: Runtime, container: Value, item: Value): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') return raise('TypeError', 'py.inString', { type: typeName(item) });
    rt.scan(container.length + item.length);
    return container.includes(item);
  }
  if (isObj(container)) {
    switch (container.t) {
      case 'dict':
      case 'set':
        return container.map.has(hashKey(rt, item));
      case 'range': {
        if (typeof item !== 'bigint') return false;
        const r = container;
        if (r.step > 0n ? item < r.start || item >= r.stop : item > r.start || item <= r.stop) return false;
        return (item - r.start) % r.step === 0n;
      }
      case 'instance': {
        const f = rt.special(container, '__contains__');
        if (f !== undefined) return truthy(rt, rt.call(f, [item]));
        break;
      }
      case 'opaque':
        return needValue(container);
      default:
        break;
    }
  }
  return indexOf(rt, iterate(rt, container), item) >= 0;
}

/** Where `item` first is in `items` (==), or -1: a scan paid for by the items it may go over. */
export function indexOf(rt: Runtime, items: readonly Value[], item: Value): number {
  rt.tick(items.length);
  return items.findIndex((x) => equals(rt, x, item));
}

/** Whether an exception value matches an `except` clause's class. */
export function exceptionMatches(e: PyException, type: Value): boolean {
  if (isObj(type) && type.t === 'tuple') return type.items.some((x) => exceptionMatches(e, x));
  if (isObj(type) && type.t === 'class') return e.isA(type.name);
  return false;
}
