/**
 * PyTorch's tensor factories (torch.zeros, torch.empty, torch.randn, torch.full, torch.eye, ...)
 * as data: one entry per function with its documented signature (PyTorch 1.13, pytorch.org/docs,
 * "Creation Ops"). Parameters are built from these, so a size given any way PyTorch accepts it
 * (`*size`, `size=`, a tuple, a list, `torch.Size`) must give the same shape, and an argument the
 * reader does not read (`out=`) is refused by name rather than ignored: ignoring `size=` once
 * counted a graph attention network as 4 parameters.
 */
import { raise, refuse } from '../errors.js';
import type { Interpreter } from '../interpreter.js';
import { toFloatValue, toIndex, typeName } from '../python.js';
import { bind, signature } from '../signature.js';
import { builtin, is, type BuiltinV, type Kwargs, type TensorV, type Value } from '../values.js';
import { sizesOf, tensor } from './tensor.js';
import type { Dim } from '../../types.js';

type Dtype = TensorV['dtype'];

/** The keyword-only options every factory takes; none changes a shape. */
const OPTIONS = 'out=None, dtype=None, layout=None, device=None, requires_grad=False, pin_memory=False, memory_format=None, generator=None, names=None';

const DTYPES: Readonly<Record<string, Dtype>> = {
  'torch.float32': 'float',
  'torch.float64': 'float',
  'torch.float16': 'float',
  'torch.bfloat16': 'float',
  'torch.int64': 'int',
  'torch.int32': 'int',
  'torch.int16': 'int',
  'torch.int8': 'int',
  'torch.uint8': 'int',
  'torch.bool': 'bool',
};

/** `dtype=`: None keeps the factory's own; a dtype the reader does not know is named. */
export function dtypeArg(call: string, v: Value, fallback: Dtype): Dtype {
  if (v === null) return fallback;
  if (typeof v === 'string' && DTYPES[v] !== undefined) return DTYPES[v];
  if (is(v, 'class') && (v.name === 'float' || v.name === 'int' || v.name === 'bool')) return v.name;
  return refuse('torch.argNotRead', { call, name: 'dtype', value: typeof v === 'string' ? v : typeName(v) });
}

/** `out=` writes into a tensor the paste holds: the reader does not follow that, so it is named. */
function checkOptions(call: string, a: Map<string, Value>): void {
  const layout = a.get('layout');
  if (layout !== null && layout !== undefined && layout !== 'torch.strided') refuse('torch.argNotRead', { call, name: 'layout', value: typeof layout === 'string' ? layout : typeName(layout) });
  if (a.get('out') !== null && a.get('out') !== undefined) refuse('torch.argNotRead', { call, name: 'out', value: typeName(a.get('out')!) });
}

/** The size of `f(2, 3)`, `f((2, 3))`, `f([2, 3])`, `f(torch.Size(...))` or `f(size=(2, 3))`. */
function sizeArg(call: string, positional: readonly Value[], keyword: Value | undefined): Dim[] | null {
  if (keyword !== undefined && keyword !== null) {
    if (positional.length > 0) return raise('TypeError', 'py.multipleValues', { fn: call, name: 'size' });
    if (typeof keyword === 'bigint') return sizesOf([keyword]);
    if (!is(keyword, 'tuple') && !is(keyword, 'list') && !is(keyword, 'opaque')) return raise('TypeError', 'torch.sizeType', { call, type: typeName(keyword) });
    return sizesOf([keyword]);
  }
  if (positional.length === 0) return raise('TypeError', 'py.missingArgs', { fn: call, names: "'size'" });
  return sizesOf(positional);
}

interface Factory {
  readonly params: string;
  readonly dtype: Dtype;
  /** The new tensor's shape (null: not known) from the bound arguments and any extra positionals. */
  shape(a: Map<string, Value>, rest: readonly Value[], call: string): Dim[] | null;
}

const bySize = (dtype: Dtype = 'float'): Factory => ({ params: `*sizes, size=None, ${OPTIONS}`, dtype, shape: (a, rest, call) => sizeArg(call, rest, a.get('size')) });
const count1 = (v: Value): number => Number(toIndex(v, 'n'));

/** torch.arange(end) / arange(start, end, step=1): ceil((end - start) / step) elements. */
function arangeLength(a: Map<string, Value>): Dim[] {
  const start = a.get('start')!;
  const end = a.get('end')!;
  if (start === null && end === null) return raise('TypeError', 'py.missingArgs', { fn: 'torch.arange', names: "'end'" });
  // arange(end), arange(end=...) and arange(start, end)
  const [lo, hi] = end === null ? [0n, start] : [start ?? 0n, end];
  if (is(lo, 'opaque') || is(hi, 'opaque') || is(a.get('step')!, 'opaque')) return [null];
  const step = toFloatValue(a.get('step')!);
  if (step === 0) return raise('RuntimeError', 'torch.arangeStep');
  const n = Math.max(0, Math.ceil((toFloatValue(hi) - toFloatValue(lo)) / step));
  return [n];
}

const FACTORIES: Readonly<Record<string, Factory>> = {
  zeros: bySize(),
  ones: bySize(),
  empty: bySize(),
  randn: bySize(),
  rand: bySize(),
  full: { params: `size, fill_value, *, ${OPTIONS}`, dtype: 'float', shape: (a, _rest, call) => sizeArg(call, [], a.get('size')) },
  eye: { params: `n, m=None, *, ${OPTIONS}`, dtype: 'float', shape: (a) => [count1(a.get('n')!), count1(a.get('m') ?? a.get('n')!)] },
  arange: { params: `start=None, end=None, step=1, *, ${OPTIONS}`, dtype: 'float', shape: arangeLength },
  linspace: { params: `start, end, steps, *, ${OPTIONS}`, dtype: 'float', shape: (a) => [count1(a.get('steps')!)] },
  logspace: { params: `start, end, steps, base=10.0, *, ${OPTIONS}`, dtype: 'float', shape: (a) => [count1(a.get('steps')!)] },
  randperm: { params: `n, *, ${OPTIONS}`, dtype: 'int', shape: (a) => [count1(a.get('n')!)] },
};

/** torch.randint(high, size) or randint(low, high, size): the size is the last of them. */
function randint(call: string, args: readonly Value[], kwargs: Kwargs): Dim[] | null {
  const own = new Map(kwargs);
  for (const k of ['low', 'high']) own.delete(k);
  const size = own.get('size');
  own.delete('size');
  const a = bind(signature(call, `*rest, ${OPTIONS}`), [], own).values;
  checkOptions(call, a);
  const given = args.length + (kwargs.has('low') ? 1 : 0) + (kwargs.has('high') ? 1 : 0) + (size !== undefined ? 1 : 0);
  if (given < 2 || given > 3) return raise('TypeError', 'py.missingArgs', { fn: call, names: "'high', 'size'" });
  const sizeValue = size ?? args[args.length - 1]!;
  if (!is(sizeValue, 'tuple') && !is(sizeValue, 'list') && !is(sizeValue, 'opaque')) return raise('TypeError', 'torch.sizeType', { call, type: typeName(sizeValue) });
  return sizesOf([sizeValue]);
}

/** torch.zeros, torch.empty, ... as builtins bound to their signatures. */
export function factories(_rt: Interpreter): Record<string, BuiltinV> {
  const out: Record<string, BuiltinV> = {};
  for (const [name, f] of Object.entries(FACTORIES)) {
    const call = `torch.${name}`;
    const sig = signature(call, f.params);
    out[name] = builtin(name, (args, kwargs) => {
      const b = bind(sig, args, kwargs);
      checkOptions(call, b.values);
      const shape = f.shape(b.values, b.extraArgs, call);
      return tensor(shape, name === 'arange' && b.values.get('dtype') === null ? arangeDtype(b.values) : dtypeArg(call, b.values.get('dtype')!, f.dtype));
    });
  }
  out.randint = builtin('randint', (args, kwargs) => tensor(randint('torch.randint', args, kwargs), dtypeArg('torch.randint', kwargs.get('dtype') ?? null, 'int')));
  return out;
}

/** arange of ints is int64, of any float is float32. */
function arangeDtype(a: Map<string, Value>): Dtype {
  return ['start', 'end', 'step'].every((k) => typeof a.get(k) === 'bigint' || a.get(k) === null) ? 'int' : 'float';
}

const LIKE_OPTIONS = 'dtype=None, layout=None, device=None, requires_grad=False, memory_format=None';

/** torch.zeros_like(x), torch.full_like(x, v): the shape of their input. */
export function likeFactories(input: (v: Value, what: string) => TensorV): Record<string, BuiltinV> {
  const out: Record<string, BuiltinV> = {};
  for (const name of ['zeros_like', 'ones_like', 'empty_like', 'randn_like', 'rand_like', 'full_like']) {
    const call = `torch.${name}`;
    const sig = signature(call, name === 'full_like' ? `input, fill_value, *, ${LIKE_OPTIONS}` : `input, *, ${LIKE_OPTIONS}`);
    out[name] = builtin(name, (args, kwargs) => {
      const a = bind(sig, args, kwargs).values;
      checkOptions(call, a);
      const x = input(a.get('input')!, 'input');
      return tensor(x.shape, dtypeArg(call, a.get('dtype')!, x.dtype));
    });
  }
  return out;
}

/** x.new_zeros(size), x.new_full(size, v), ...: a new tensor of x's dtype. */
export function newMethod(name: 'new_zeros' | 'new_ones' | 'new_empty' | 'new_full') {
  const call = `Tensor.${name}`;
  const sig = signature(call, name === 'new_full' ? `size, fill_value, *, ${OPTIONS}` : `*sizes, size=None, ${OPTIONS}`);
  return (self: TensorV, args: Value[], kwargs: Kwargs): Value => {
    const b = bind(sig, args, kwargs);
    checkOptions(call, b.values);
    const shape = name === 'new_full' ? sizeArg(call, [], b.values.get('size')) : sizeArg(call, b.extraArgs, b.values.get('size'));
    return tensor(shape, dtypeArg(call, b.values.get('dtype')!, self.dtype));
  };
}
