/**
 * PyTorch's tensor operations on shapes: creation (torch.zeros, torch.randn, ...), the Tensor
 * methods forward passes use (view, flatten, permute, mean, ...), torch.* and
 * torch.nn.functional. Pooling and convolution shapes come from the counting engine's own kinds,
 * so F.max_pool2d and nn.MaxPool2d can never disagree.
 */
import type { BinOp } from '../ast.js';
import { namespace } from '../builtins.js';
import { raise, refuse, overLimit } from '../errors.js';
import type { Interpreter } from '../interpreter.js';
import { engineLayer, unlessOnes, unlessZeros } from '../layer-args.js';
import { LIMITS } from '../limits.js';
import { iterate, needValue, sliceIndices, toFloatValue, toIndex, truthy, typeName, type ArrayOps } from '../python.js';
import { signature, bind } from '../signature.js';
import { builtin, is, tuple, type BuiltinV, type Kwargs, type TensorV, type Value } from '../values.js';
import type { Layer } from '../../layers/kind.js';
import type { Dim } from '../../types.js';
import * as S from './shape.js';
import { einsumShape } from './einops.js';
import { dtypeArg, factories, likeFactories, newMethod } from './factories.js';

type Dtype = TensorV['dtype'];

/** torch.device('cuda:0'): its `type` and `index`, as code reads them (`device.type == 'cuda'`); the reader runs on the CPU. */
export function device(name: string): Value {
  const [type, index] = name.split(':');
  return namespace('torch.device', { type: type ?? 'cpu', index: index !== undefined && /^\d+$/.test(index) ? BigInt(index) : null });
}

export function tensor(shape: S.Shape | null, dtype: Dtype = 'float'): TensorV {
  if (shape !== null) S.checkRank(shape);
  return { t: 'tensor', shape, dtype };
}

const isTensor = (v: Value): v is TensorV => is(v, 'tensor');

/** A tensor's known shape, or the refusal that says why it is not known. */
export function shapeOf(v: Value, what = 'input'): S.Shape {
  if (isTensor(v)) {
    if (v.shape === null) return refuse('torch.shapeUnknown', { what });
    return v.shape;
  }
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return [];
  if (is(v, 'opaque')) return refuse('torch.traceOpaque', { origin: v.origin, line: String(v.line) });
  return raise('TypeError', 'torch.notTensor', { what, type: typeName(v) });
}

const dim = (v: Value): number => Number(toIndex(v, 'dim'));
const maybeDims = (v: Value): number[] | null => (v === null ? null : is(v, 'tuple') || is(v, 'list') ? v.items.map(dim) : [dim(v)]);

/** Sizes given as `f(2, 3)`, `f((2, 3))` or `f([2, 3])`; an unknown size makes the shape unknown. */
export function sizesOf(args: readonly Value[]): Dim[] | null {
  const list = args.length === 1 && (is(args[0]!, 'tuple') || is(args[0]!, 'list')) ? (args[0] as { items: readonly Value[] }).items : args;
  const out: Dim[] = [];
  for (const v of list) {
    if (is(v, 'opaque')) return null;
    const n = Number(toIndex(v, 'size'));
    if (n < 0) raise('RuntimeError', 'torch.negativeSize', { size: String(n) });
    out.push(n);
  }
  if (out.length > LIMITS.rank) overLimit('rank');
  return out;
}

const viewSizes = (args: readonly Value[]): number[] => {
  const list = args.length === 1 && (is(args[0]!, 'tuple') || is(args[0]!, 'list')) ? (args[0] as { items: readonly Value[] }).items : args;
  return list.map((v) => Number(toIndex(v, 'size')));
};

/** The shape of nested Python lists given to torch.tensor; null when it is data the reader does not have (a DataFrame's column). */
function dataShape(v: Value): { shape: Dim[] | null; dtype: Dtype } {
  if (is(v, 'opaque')) return { shape: null, dtype: 'float' };
  if (is(v, 'list') || is(v, 'tuple')) {
    if (v.items.length === 0) return { shape: [0], dtype: 'float' };
    const inner = dataShape(v.items[0]!);
    const dtype = v.items.every((x) => typeof x === 'bigint' || is(x, 'list') || is(x, 'tuple')) ? inner.dtype : 'float';
    return { shape: inner.shape === null ? null : [v.items.length, ...inner.shape], dtype };
  }
  if (isTensor(v)) return { shape: [...shapeOf(v)], dtype: v.dtype };
  if (typeof v === 'bigint') return { shape: [], dtype: 'int' };
  if (typeof v === 'boolean') return { shape: [], dtype: 'bool' };
  return { shape: [], dtype: 'float' };
}

const sameShape = (t: TensorV, dtype: Dtype = t.dtype) => tensor(t.shape, dtype);

/** Shapes through the engine's pooling/convolution kinds: (N, C, *spatial) in, the same order out. */
export function channelsFirst(layer: Layer, shape: S.Shape, rank: number): S.Shape {
  const batched = shape.length === rank + 2;
  if (shape.length !== rank + 1 && !batched) raise('RuntimeError', 'torch.rankExpected', { expected: `${rank + 1}D or ${rank + 2}D`, got: S.show(shape) });
  const lead = batched ? [shape[0]!] : [];
  const body = batched ? shape.slice(1) : shape;
  const out = layer.evaluate([...body.slice(1), body[0]!], 'pytorch').outputShape;
  return [...lead, out[out.length - 1]!, ...out.slice(0, -1)];
}

export interface TensorLibrary {
  readonly methods: ReadonlyMap<string, (self: TensorV, args: Value[], kwargs: Kwargs) => Value>;
  readonly torch: Readonly<Record<string, Value>>;
  readonly functional: Readonly<Record<string, Value>>;
  attribute(t: TensorV, name: string): Value | undefined;
  index(t: TensorV, key: Value): Value;
}

/** The broadcast shape of an operation on tensors and numbers; null when a shape is unknown. */
function binaryShape(a: Value, b: Value): S.Shape | null {
  const sa = isTensor(a) ? a.shape : is(a, 'opaque') ? null : [];
  const sb = isTensor(b) ? b.shape : is(b, 'opaque') ? null : [];
  if (sa === null || sb === null) return null;
  return S.broadcast(sa, sb);
}

function dtypeOf(a: Value, b: Value): Dtype {
  const d = (v: Value): Dtype => (isTensor(v) ? v.dtype : typeof v === 'bigint' || typeof v === 'boolean' ? 'int' : 'float');
  return d(a) === 'int' && d(b) === 'int' ? 'int' : 'float';
}

/**
 * Operators on tensors (`x + 1`, `a @ b`, `x > 0`), for `rt.arrays`. Apart from tensorLibrary, which
 * is made on first use: a paste of layers alone (no torch function, no forward) never needs it, and
 * making it was a third of a reading's set-up. A parameter used in one is reported to onParamUse.
 */
export function tensorOps(onParamUse: (t: TensorV) => void): ArrayOps {
  return {
    binary(_rt, op: BinOp, a, b) {
      if ((!isTensor(a) && !isTensor(b)) || is(a, 'ktensor') || is(b, 'ktensor')) return undefined;
      for (const v of [a, b]) if (isTensor(v) && v.param) onParamUse(v);
      if (op === '@') {
        if (!isTensor(a) || !isTensor(b)) return raise('TypeError', 'py.operands', { op, left: typeName(a), right: typeName(b) });
        return a.shape === null || b.shape === null ? tensor(null) : tensor(S.matmul(a.shape, b.shape));
      }
      for (const v of [a, b])
        if (!isTensor(v) && typeof v !== 'bigint' && typeof v !== 'number' && typeof v !== 'boolean') return raise('TypeError', 'py.operands', { op, left: typeName(a), right: typeName(b) });
      return tensor(binaryShape(a, b), op === '/' ? 'float' : dtypeOf(a, b));
    },
    compare(_rt, a, b) {
      if ((!isTensor(a) && !isTensor(b)) || is(a, 'ktensor') || is(b, 'ktensor')) return undefined;
      return tensor(binaryShape(a, b), 'bool');
    },
  };
}

export function tensorLibrary(rt: Interpreter, onParamUse: (t: TensorV) => void): TensorLibrary {
  const t1 = (args: readonly Value[], what = 'input'): TensorV => {
    const v = args[0] ?? null;
    if (!isTensor(v)) {
      shapeOf(v, what);
      return tensor([]);
    }
    return v;
  };
  const known = (t: TensorV, what = 'input') => shapeOf(t, what);
  const lostShape = (t: TensorV, make: (s: S.Shape) => S.Shape): TensorV => (t.shape === null ? tensor(null, t.dtype) : tensor(make(t.shape), t.dtype));

  // ── signatures of the methods that take options ──
  const reduction = (name: string) => signature(name, 'dim=None, keepdim=False, *, dtype=None, out=None', {});
  const reduceOp =
    (name: string) =>
    (self: TensorV, args: Value[], kwargs: Kwargs): Value => {
      const b = bind(reduction(name), args, kwargs).values;
      return lostShape(self, (s) => S.reduce(s, maybeDims(b.get('dim')!), truthy(rt, b.get('keepdim')!)));
    };
  const valuesIndices =
    (name: string) =>
    (self: TensorV, args: Value[], kwargs: Kwargs): Value => {
      if (args.length === 0 && !kwargs.has('dim')) return tensor([], name.startsWith('arg') ? 'int' : self.dtype);
      if (isTensor(args[0] ?? null)) return tensor(binaryShape(self, args[0]!), self.dtype); // torch.max(a, b): elementwise
      const b = bind(signature(name, 'dim, keepdim=False'), args, kwargs).values;
      const shape = self.shape === null ? null : S.reduce(self.shape, [dim(b.get('dim')!)], truthy(rt, b.get('keepdim')!));
      if (name.startsWith('arg')) return tensor(shape, 'int');
      return tuple([tensor(shape, self.dtype), tensor(shape, 'int')]);
    };
  const keep = (self: TensorV) => sameShape(self);
  const asDtype = (dtype: Dtype) => (self: TensorV) => sameShape(self, dtype);

  const methods = new Map<string, (self: TensorV, args: Value[], kwargs: Kwargs) => Value>([
    [
      'size',
      (self, args, kwargs) => {
        const d = args[0] ?? kwargs.get('dim') ?? null;
        if (d === null) return sizeTuple(self);
        const s = known(self);
        const n = s[S.axis(dim(d), s.length)]!;
        return n === null ? rt.opaque('size') : BigInt(n);
      },
    ],
    ['dim', (self) => BigInt(known(self).length)],
    ['ndimension', (self) => BigInt(known(self).length)],
    [
      'numel',
      (self) => {
        const v = S.volume(known(self));
        return v === null ? rt.opaque('numel()') : BigInt(v);
      },
    ],
    ['nelement', (self) => BigInt(S.volume(known(self)) ?? 0)],
    ['view', (self, args) => (is(args[0] ?? null, 'opaque') ? tensor(null) : lostShape(self, (s) => S.reshape(s, viewSizes(args))))],
    ['reshape', (self, args) => lostShape(self, (s) => S.reshape(s, viewSizes(args)))],
    ['view_as', (self, args) => sameShape(t1(args, 'other'), self.dtype)],
    ['reshape_as', (self, args) => sameShape(t1(args, 'other'), self.dtype)],
    [
      'flatten',
      (self, args, kwargs) => {
        const b = bind(signature('flatten', 'start_dim=0, end_dim=-1'), args, kwargs).values;
        return lostShape(self, (s) => S.flatten(s, dim(b.get('start_dim')!), dim(b.get('end_dim')!)));
      },
    ],
    [
      'unflatten',
      (self, args) =>
        lostShape(self, (s) => {
          const d = S.axis(dim(args[0] ?? 0n), s.length);
          const sizes = viewSizes([args[1] ?? tuple([])]);
          return [...s.slice(0, d), ...S.reshape([s[d]!], sizes), ...s.slice(d + 1)];
        }),
    ],
    ['squeeze', (self, args, kwargs) => lostShape(self, (s) => S.squeeze(s, (args[0] ?? kwargs.get('dim') ?? null) === null ? null : dim(args[0] ?? kwargs.get('dim')!)))],
    ['unsqueeze', (self, args, kwargs) => lostShape(self, (s) => S.unsqueeze(s, dim(args[0] ?? kwargs.get('dim') ?? 0n)))],
    ['permute', (self, args) => lostShape(self, (s) => S.permute(s, viewSizes(args)))],
    ['transpose', (self, args) => lostShape(self, (s) => S.transpose(s, dim(args[0] ?? 0n), dim(args[1] ?? 1n)))],
    ['swapaxes', (self, args) => lostShape(self, (s) => S.transpose(s, dim(args[0] ?? 0n), dim(args[1] ?? 1n)))],
    ['t', (self) => lostShape(self, (s) => (s.length < 2 ? s : S.transpose(s, 0, 1)))],
    ['expand', (self, args) => lostShape(self, (s) => S.expand(s, viewSizes(args)))],
    ['expand_as', (self, args) => sameShape(t1(args, 'other'), self.dtype)],
    ['repeat', (self, args) => lostShape(self, (s) => S.repeat(s, viewSizes(args)))],
    ['tile', (self, args) => lostShape(self, (s) => S.repeat(s, viewSizes(args)))],
    ['chunk', (self, args, kwargs) => tuple(S.chunk(known(self), dim(args[0] ?? kwargs.get('chunks') ?? 1n), dim(args[1] ?? kwargs.get('dim') ?? 0n)).map((s) => tensor(s, self.dtype)))],
    [
      'split',
      (self, args, kwargs) => {
        const size = args[0] ?? kwargs.get('split_size') ?? kwargs.get('split_size_or_sections') ?? 1n;
        const sizes = is(size, 'list') || is(size, 'tuple') ? size.items.map(dim) : dim(size);
        return tuple(S.split(known(self), sizes, dim(args[1] ?? kwargs.get('dim') ?? 0n)).map((s) => tensor(s, self.dtype)));
      },
    ],
    [
      'unbind',
      (self, args, kwargs) => {
        const s = known(self);
        const d = S.axis(dim(args[0] ?? kwargs.get('dim') ?? 0n), s.length);
        const n = s[d] ?? 0;
        if (n === null) return refuse('torch.shapeUnknown', { what: 'unbind' });
        rt.charge(n);
        return tuple(
          Array.from({ length: n }, () =>
            tensor(
              s.filter((_, i) => i !== d),
              self.dtype,
            ),
          ),
        );
      },
    ],
    ['narrow', (self, args) => lostShape(self, (s) => s.map((x, i) => (i === S.axis(dim(args[0] ?? 0n), s.length) ? dim(args[2] ?? 1n) : x)))],
    ['sum', reduceOp('sum')],
    ['mean', reduceOp('mean')],
    ['std', reduceOp('std')],
    ['var', reduceOp('var')],
    ['prod', reduceOp('prod')],
    ['amax', reduceOp('amax')],
    ['amin', reduceOp('amin')],
    [
      'norm',
      (self, args, kwargs) => {
        const b = bind(signature('norm', "p='fro', dim=None, keepdim=False, dtype=None"), args, kwargs).values;
        return lostShape(self, (s) => S.reduce(s, maybeDims(b.get('dim')!), truthy(rt, b.get('keepdim')!)));
      },
    ],
    ['logsumexp', reduceOp('logsumexp')],
    ['all', (self, args, kwargs) => sameShape(reduceOp('all')(self, args, kwargs) as TensorV, 'bool')],
    ['any', (self, args, kwargs) => sameShape(reduceOp('any')(self, args, kwargs) as TensorV, 'bool')],
    ['max', valuesIndices('max')],
    ['min', valuesIndices('min')],
    ['argmax', valuesIndices('argmax')],
    ['argmin', valuesIndices('argmin')],
    [
      'topk',
      (self, args, kwargs) => {
        const b = bind(signature('topk', 'k, dim=-1, largest=True, sorted=True'), args, kwargs).values;
        const s = known(self);
        const d = S.axis(dim(b.get('dim')!), s.length);
        const out = s.map((x, i) => (i === d ? dim(b.get('k')!) : x));
        return tuple([tensor(out, self.dtype), tensor(out, 'int')]);
      },
    ],
    ['sort', (self) => tuple([sameShape(self), sameShape(self, 'int')])],
    ['argsort', (self) => sameShape(self, 'int')],
    ['matmul', (self, args) => tensor(S.matmul(known(self), known(t1(args, 'other'))))],
    ['mm', (self, args) => tensor(S.matmul(known(self), known(t1(args, 'other'))))],
    ['bmm', (self, args) => tensor(S.matmul(known(self), known(t1(args, 'other'))))],
    ['masked_fill', (self, args) => (t1(args, 'mask'), sameShape(self))],
    ['gather', (self, args) => sameShape(t1(args.slice(1), 'index'), self.dtype)],
    ['index_select', (self, args) => lostShape(self, (s) => s.map((x, i) => (i === S.axis(dim(args[0] ?? 0n), s.length) ? known(t1(args.slice(1), 'index'))[0]! : x)))],
    ['item', () => rt.opaque('tensor.item()')],
    ['tolist', () => rt.opaque('tensor.tolist()')],
    ['numpy', () => rt.opaque('tensor.numpy()')],
    ['backward', () => null],
    ['retain_grad', () => null],
    ['register_hook', () => null],
    ['new_zeros', newMethod('new_zeros')],
    ['new_ones', newMethod('new_ones')],
    ['new_empty', newMethod('new_empty')],
    ['new_full', newMethod('new_full')],
    ['new_tensor', (_self, args, kwargs) => dataTensor('Tensor.new_tensor', args, kwargs)],
    ['long', asDtype('int')],
    ['int', asDtype('int')],
    ['bool', asDtype('bool')],
    ['float', asDtype('float')],
    ['double', asDtype('float')],
    ['half', asDtype('float')],
    ['type', (self, args) => (args.length === 0 ? 'torch.FloatTensor' : sameShape(self))],
    // numpy's: a size given for data the script loads (`x_train=60000x28x28`) is an array it converts
    ['astype', (self) => sameShape(self)],
    [
      'requires_grad_',
      (self, args) => {
        if (self.param) self.param.requiresGrad = args.length === 0 ? true : truthy(rt, args[0]!);
        return self;
      },
    ],
  ]);
  for (const same of [
    'contiguous',
    'clone',
    'detach',
    'cpu',
    'cuda',
    'to',
    'type_as',
    'relu',
    'sigmoid',
    'tanh',
    'exp',
    'log',
    'log1p',
    'sqrt',
    'rsqrt',
    'abs',
    'neg',
    'pow',
    'clamp',
    'clip',
    'sign',
    'floor',
    'ceil',
    'round',
    'reciprocal',
    'square',
    'sin',
    'cos',
    'erf',
    'softmax',
    'log_softmax',
    'cumsum',
    'cumprod',
    'flip',
    'roll',
    'triu',
    'tril',
    'add',
    'sub',
    'mul',
    'div',
    'lerp',
    'pin_memory',
    'float_power',
    'sigmoid_',
    'relu_',
    'detach_',
    'masked_fill_',
    'fill_',
    'zero_',
    'normal_',
    'uniform_',
    'copy_',
    'add_',
    'mul_',
    'div_',
    'sub_',
    'clamp_',
    'exponential_',
    'bernoulli_',
    'random_',
    'fill_diagonal_',
    'index_fill_',
    'scatter_',
    'nan_to_num',
    'abs_',
    'sqrt_',
    'unsqueeze_',
    'share_memory_',
  ]) {
    if (methods.has(same)) continue;
    methods.set(same, (self, args) => {
      const other = args[0] ?? null;
      if (['add', 'sub', 'mul', 'div', 'add_', 'mul_', 'div_', 'sub_', 'pow', 'lerp'].includes(same) && (isTensor(other) || typeof other === 'bigint' || typeof other === 'number')) {
        const shape = binaryShape(self, other);
        if (same.endsWith('_')) return self;
        return tensor(shape, self.dtype);
      }
      return same.endsWith('_') ? self : keep(self);
    });
  }
  // comparisons and logical and/or: a bool tensor of the broadcast shape
  for (const name of ['eq', 'ne', 'lt', 'le', 'gt', 'ge', 'logical_and', 'logical_or']) {
    methods.set(name, (self, args) => tensor(binaryShape(self, args[0] ?? 0n), 'bool'));
  }
  methods.set('logical_not', (self) => sameShape(self, 'bool'));

  const sizeTuple = (t: TensorV): Value => tuple(known(t).map((d) => (d === null ? rt.opaque('size') : BigInt(d))));

  const attribute = (t: TensorV, name: string): Value | undefined => {
    switch (name) {
      case 'shape':
        return sizeTuple(t);
      case 'ndim':
        return BigInt(known(t).length);
      case 'dtype':
        return t.dtype === 'int' ? 'torch.int64' : t.dtype === 'bool' ? 'torch.bool' : 'torch.float32';
      case 'device':
        return device('cpu');
      case 'is_cuda':
      case 'is_xpu':
      case 'is_mps':
      case 'is_meta':
      case 'is_sparse':
      case 'is_quantized':
      case 'is_nested':
        return false;
      case 'requires_grad':
        return t.param ? t.param.requiresGrad : false;
      case 'grad':
        return null;
      case 'data':
        return t;
      case 'T':
        return lostShape(t, (s) => [...s].reverse());
      case 'mT':
        return lostShape(t, (s) => S.transpose(s, -2, -1));
    }
    const m = methods.get(name);
    if (m) return builtin(name, (args, kwargs) => m(t, args, kwargs));
    return undefined;
  };

  const index = (t: TensorV, key: Value): Value => {
    if (t.param) onParamUse(t);
    if (t.shape === null) return tensor(null, t.dtype);
    const parts = (is(key, 'tuple') ? key.items : [key]).map((k): S.IndexPart => {
      if (typeof k === 'bigint' || typeof k === 'boolean') return { t: 'int' };
      if (k === null) return { t: 'none' };
      if (is(k, 'ellipsis')) return { t: 'ellipsis' };
      if (is(k, 'slice')) return { t: 'slice', size: (n) => (n === null ? null : sliceLength(k, n)) };
      if (isTensor(k)) return { t: 'tensor', shape: known(k, 'index'), bool: k.dtype === 'bool' };
      if (is(k, 'list')) return { t: 'tensor', shape: [k.items.length], bool: k.items.some((x) => typeof x === 'boolean') };
      if (is(k, 'opaque')) return needValue(k);
      return raise('IndexError', 'torch.indexType', { type: typeName(k) });
    });
    const shape = S.index(t.shape, parts);
    return tensor(shape, t.dtype);
  };

  // ── torch.* ──
  /** torch.Tensor(2, 3) (sizes) or torch.Tensor([[1, 2]]) (data); `device=` is its only option. */
  const legacyTensor = (name: string, args: Value[], kwargs: Kwargs, dtype: Dtype): TensorV => {
    for (const k of kwargs.keys()) if (k !== 'device') refuse('torch.argNotRead', { call: `torch.${name}`, name: k, value: typeName(kwargs.get(k)!) });
    const data = args.length === 1 && (is(args[0]!, 'list') || isTensor(args[0]!));
    return data ? tensor(dataShape(args[0]!).shape, dtype) : tensor(sizesOf(args), dtype);
  };
  const unaryFn = (name: string) =>
    builtin(name, (args, kwargs) => {
      const t = t1(args);
      const m = methods.get(name);
      return m ? m(t, args.slice(1), kwargs) : keep(t);
    });
  /** torch.tensor(data, *, dtype=None, device=None, requires_grad=False, pin_memory=False). */
  const dataSig = (call: string) => signature(call, 'data, *, dtype=None, device=None, requires_grad=False, pin_memory=False');
  const dataTensor = (call: string, args: Value[], kwargs: Kwargs): TensorV => {
    const a = bind(dataSig(call), args, kwargs).values;
    const d = dataShape(a.get('data')!);
    return tensor(d.shape, dtypeArg(call, a.get('dtype')!, d.dtype));
  };
  const tensors = (v: Value, what: string): TensorV[] => iterate(rt, v).map((x) => (isTensor(x) ? x : (shapeOf(x, what), tensor([]))));

  const torchFns: Record<string, Value> = {
    ...factories(rt),
    ...likeFactories((v, what) => t1([v], what)),
    Tensor: builtin('Tensor', (args, kwargs) => legacyTensor('Tensor', args, kwargs, 'float')),
    FloatTensor: builtin('FloatTensor', (args, kwargs) => legacyTensor('FloatTensor', args, kwargs, 'float')),
    LongTensor: builtin('LongTensor', (args, kwargs) => legacyTensor('LongTensor', args, kwargs, 'int')),
    tensor: builtin('tensor', (args, kwargs) => dataTensor('torch.tensor', args, kwargs)),
    as_tensor: builtin('as_tensor', (args, kwargs) => dataTensor('torch.as_tensor', args, kwargs)),
    // numpy data the reader never has: the value it came from is named where the shapes stop
    from_numpy: builtin('from_numpy', (args) => (is(args[0] ?? null, 'opaque') ? args[0]! : tensor(null))),
    cat: builtin('cat', (args, kwargs) => catLike('cat', args, kwargs)),
    concat: builtin('concat', (args, kwargs) => catLike('cat', args, kwargs)),
    concatenate: builtin('concatenate', (args, kwargs) => catLike('cat', args, kwargs)),
    stack: builtin('stack', (args, kwargs) => catLike('stack', args, kwargs)),
    where: builtin('where', (args) => {
      if (args.length === 1) return rt.opaque('torch.where(cond)');
      const s = binaryShape(binaryShape(args[0]!, args[1]!) === null ? tensor(null) : tensor(binaryShape(args[0]!, args[1]!)), args[2] ?? 0n);
      return tensor(s);
    }),
    einsum: builtin('einsum', (args) => {
      // torch.einsum('b h d n, b h e n -> b h d e', k, v), or the operands as one list
      const equation = args[0] ?? null;
      const operands = args.length === 2 && (is(args[1]!, 'list') || is(args[1]!, 'tuple')) ? iterate(rt, args[1]!) : args.slice(1);
      if (typeof equation !== 'string' || operands.some((o) => !isTensor(o))) return tensor(null);
      const shapes = (operands as TensorV[]).map((o) => o.shape);
      if (shapes.some((s) => s === null)) return tensor(null);
      rt.charge(equation.length + shapes.length);
      return tensor(einsumShape(equation, shapes as S.Shape[]));
    }),
    addmm: builtin('addmm', (args) => tensor(S.broadcast(known(t1(args)), S.matmul(known(t1(args.slice(1), 'mat1')), known(t1(args.slice(2), 'mat2')))))),
    outer: builtin('outer', (args) => tensor([known(t1(args))[0]!, known(t1(args.slice(1)))[0]!])),
    numel: builtin('numel', (args) => methods.get('numel')!(t1(args), [], new Map())),
    is_tensor: builtin('is_tensor', (args) => isTensor(args[0] ?? null)),
    Size: builtin('Size', (args) => tuple(iterate(rt, args[0] ?? tuple([])))),
    maximum: builtin('maximum', (args) => tensor(binaryShape(args[0] ?? 0n, args[1] ?? 0n))),
    minimum: builtin('minimum', (args) => tensor(binaryShape(args[0] ?? 0n, args[1] ?? 0n))),
  };
  for (const name of [
    'flatten',
    'reshape',
    'squeeze',
    'unsqueeze',
    'transpose',
    'permute',
    'matmul',
    'mm',
    'bmm',
    'sum',
    'mean',
    'std',
    'var',
    'prod',
    'max',
    'min',
    'argmax',
    'argmin',
    'softmax',
    'log_softmax',
    'sigmoid',
    'tanh',
    'relu',
    'exp',
    'log',
    'sqrt',
    'rsqrt',
    'abs',
    'sin',
    'cos',
    'clamp',
    'clip',
    'split',
    'chunk',
    'masked_fill',
    'triu',
    'tril',
    'topk',
    'sort',
    'argsort',
    'cumsum',
    'flip',
    'roll',
    'norm',
    'logsumexp',
    'amax',
    'amin',
    'unbind',
    'narrow',
    'gather',
    'index_select',
    'erf',
    'floor',
    'ceil',
    'round',
    'sign',
    'neg',
    'square',
    'pow',
    'add',
    'sub',
    'mul',
    'div',
    'expand_copy',
    'swapaxes',
    'tile',
    'repeat_interleave',
    'nan_to_num',
    'eq',
    'ne',
    'lt',
    'gt',
    'le',
    'ge',
    'logical_not',
    'logical_and',
    'logical_or',
    'all',
    'any',
  ]) {
    torchFns[name] ??= unaryFn(name);
  }

  function catLike(kind: 'cat' | 'stack', args: Value[], kwargs: Kwargs): Value {
    const b = bind(signature(kind, 'tensors, dim=0, *, out=None'), args, kwargs).values;
    const ts = tensors(b.get('tensors')!, 'tensors');
    if (ts.some((t) => t.shape === null)) return tensor(null);
    const shapes = ts.map((t) => t.shape!);
    return tensor(kind === 'cat' ? S.concat(shapes, dim(b.get('dim')!)) : S.stack(shapes, dim(b.get('dim')!)));
  }

  // ── torch.nn.functional ──
  const fsig = (name: string, params: string) => signature(name, params);
  const ffn = (name: string, params: string, body: (a: Map<string, Value>) => Value): BuiltinV => {
    const s = fsig(name, params);
    return builtin(name, (args, kwargs) => body(bind(s, args, kwargs).values));
  };
  const input = (a: Map<string, Value>, name = 'input'): TensorV => {
    const v = a.get(name)!;
    if (!isTensor(v)) return (shapeOf(v, name), tensor([]));
    if (v.param) onParamUse(v);
    return v;
  };
  const sizesToken = (v: Value): string => (is(v, 'tuple') || is(v, 'list') ? v.items.map((x) => String(toIndex(x, 'size'))).join('x') : String(toIndex(v, 'size')));
  const poolFn = (kind: 'max' | 'avg', rank: 1 | 2 | 3) => {
    const word = { max: { 1: 'maxpool1d', 2: 'maxpool', 3: 'maxpool3d' }, avg: { 1: 'avgpool1d', 2: 'avgpool', 3: 'avgpool3d' } }[kind][rank];
    const params =
      kind === 'max'
        ? 'input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False'
        : 'input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None';
    return ffn(`${kind}_pool${rank}d`, params, (a) => {
      const x = input(a);
      const k = sizesToken(a.get('kernel_size')!);
      const stride = a.get('stride') === null || (is(a.get('stride')!, 'list') && (a.get('stride') as { items: Value[] }).items.length === 0) ? undefined : sizesToken(a.get('stride')!);
      const layer = engineLayer(word, [k], {
        stride: stride === k ? undefined : stride,
        pad: unlessZeros(sizesToken(a.get('padding')!)),
        dilation: kind === 'max' ? unlessOnes(sizesToken(a.get('dilation')!)) : undefined,
        ceil: truthy(rt, a.get('ceil_mode')!) && 'true',
      });
      const out = tensor(x.shape === null ? null : channelsFirst(layer, x.shape, rank));
      return kind === 'max' && truthy(rt, a.get('return_indices')!) ? tuple([out, sameShape(out, 'int')]) : out;
    });
  };
  const adaptiveFn = (kind: 'max' | 'avg', rank: 1 | 2 | 3) => {
    const word = { max: { 1: 'adaptivemaxpool1d', 2: 'adaptivemaxpool', 3: 'adaptivemaxpool3d' }, avg: { 1: 'adaptivepool1d', 2: 'adaptivepool', 3: 'adaptivepool3d' } }[kind][rank];
    return ffn(`adaptive_${kind}_pool${rank}d`, kind === 'max' ? 'input, output_size, return_indices=False' : 'input, output_size', (a) => {
      const x = input(a);
      const out = tensor(x.shape === null ? null : channelsFirst(engineLayer(word, [sizesToken(a.get('output_size')!)]), x.shape, rank));
      return kind === 'max' && truthy(rt, a.get('return_indices')!) ? tuple([out, sameShape(out, 'int')]) : out;
    });
  };
  const convFn = (rank: 1 | 2 | 3) =>
    ffn(`conv${rank}d`, 'input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1', (a) => {
      const x = input(a);
      const w = known(input(a, 'weight'), 'weight');
      const padding = a.get('padding')!;
      const layer = engineLayer({ 1: 'conv1d', 2: 'conv', 3: 'conv3d' }[rank], [String(Number(w[1]) * Number(toIndex(a.get('groups')!))), String(w[0]), w.slice(2).join('x')], {
        stride: unlessOnes(sizesToken(a.get('stride')!)),
        pad: typeof padding === 'string' ? (padding === 'same' ? 'same' : undefined) : unlessZeros(sizesToken(padding)),
        dilation: unlessOnes(sizesToken(a.get('dilation')!)),
        groups: unlessOnes(String(toIndex(a.get('groups')!))),
        bias: a.get('bias') === null && 'false',
      });
      return tensor(x.shape === null ? null : channelsFirst(layer, x.shape, rank));
    });
  const same = (name: string, params = 'input, *args, **kwargs') => ffn(name, params, (a) => keep(input(a)));
  const scalarLoss = (name: string) => builtin(name, (args, kwargs) => (kwargs.get('reduction') === 'none' ? keep(t1(args)) : tensor([])));

  const functional: Record<string, Value> = {
    max_pool1d: poolFn('max', 1),
    max_pool2d: poolFn('max', 2),
    max_pool3d: poolFn('max', 3),
    avg_pool1d: poolFn('avg', 1),
    avg_pool2d: poolFn('avg', 2),
    avg_pool3d: poolFn('avg', 3),
    adaptive_avg_pool1d: adaptiveFn('avg', 1),
    adaptive_avg_pool2d: adaptiveFn('avg', 2),
    adaptive_avg_pool3d: adaptiveFn('avg', 3),
    adaptive_max_pool1d: adaptiveFn('max', 1),
    adaptive_max_pool2d: adaptiveFn('max', 2),
    adaptive_max_pool3d: adaptiveFn('max', 3),
    conv1d: convFn(1),
    conv2d: convFn(2),
    conv3d: convFn(3),
    linear: ffn('linear', 'input, weight, bias=None', (a) => {
      const x = input(a);
      const w = known(input(a, 'weight'), 'weight');
      return x.shape === null ? tensor(null) : tensor(S.matmul(x.shape, [w[1]!, w[0]!]));
    }),
    embedding: ffn('embedding', 'input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False', (a) => {
      const ids = input(a);
      const w = known(input(a, 'weight'), 'weight');
      return lostShape(ids, (s) => [...s, w[1]!]);
    }),
    one_hot: ffn('one_hot', 'tensor, num_classes=-1', (a) => {
      const n = Number(toIndex(a.get('num_classes')!));
      return lostShape(input(a, 'tensor'), (s) => [...s, n < 0 ? null : n]);
    }),
    // F.affine_grid(theta (N, 2, 3), size (N, C, H, W)) -> a grid (N, H, W, 2); 3-D: (N, 3, 4), (N, C, D, H, W) -> (N, D, H, W, 3)
    affine_grid: ffn('affine_grid', 'theta, size, align_corners=None', (a) => {
      const theta = known(input(a, 'theta'), 'theta');
      const size = iterate(rt, a.get('size')!).map((d) => Number(toIndex(d, 'size')));
      const spatial = size.length - 2;
      if ((spatial !== 2 && spatial !== 3) || theta.length !== 3 || theta[1] !== spatial || theta[2] !== spatial + 1)
        raise('ValueError', 'py.affineGrid', { theta: S.show(theta), size: S.show(size) });
      return tensor([size[0]!, ...size.slice(2), spatial]);
    }),
    // F.grid_sample(input (N, C, H, W), grid (N, H', W', 2)) -> (N, C, H', W')
    grid_sample: ffn('grid_sample', "input, grid, mode='bilinear', padding_mode='zeros', align_corners=None", (a) => {
      const x = known(input(a));
      const grid = known(input(a, 'grid'), 'grid');
      if (grid.length !== x.length || grid[grid.length - 1] !== x.length - 2) raise('ValueError', 'py.affineGrid', { theta: S.show(grid), size: S.show(x) });
      return tensor([x[0]!, x[1]!, ...grid.slice(1, -1)]);
    }),
    interpolate: ffn('interpolate', "input, size=None, scale_factor=None, mode='nearest', align_corners=None, recompute_scale_factor=None, antialias=False", (a) => {
      const x = input(a);
      if (x.shape === null) return tensor(null);
      const spatial = x.shape.length - 2;
      const size = a.get('size')!;
      const scale = a.get('scale_factor')!;
      const per = (v: Value) => (is(v, 'tuple') || is(v, 'list') ? v.items : Array.from({ length: spatial }, () => v));
      const out =
        size !== null
          ? per(size).map((v) => Number(toIndex(v)))
          : scale !== null
            ? per(scale).map((f, i) => (x.shape![i + 2] === null ? null : Math.floor(x.shape![i + 2]! * toFloatValue(f))))
            : raise('ValueError', 'torch.upsampleArgs');
      return tensor([...x.shape.slice(0, 2), ...out]);
    }),
    pad: ffn('pad', "input, pad, mode='constant', value=None", (a) => {
      const x = input(a);
      const amounts = iterate(rt, a.get('pad')!).map((v) => Number(toIndex(v)));
      if (amounts.length % 2 !== 0) raise('RuntimeError', 'torch.padPairs');
      return lostShape(x, (s) =>
        s.map((d, i) => {
          const fromEnd = s.length - 1 - i;
          if (fromEnd * 2 + 1 >= amounts.length || d === null) return d;
          return d + amounts[fromEnd * 2]! + amounts[fromEnd * 2 + 1]!;
        }),
      );
    }),
    pixel_shuffle: ffn('pixel_shuffle', 'input, upscale_factor', (a) => {
      const r = Number(toIndex(a.get('upscale_factor')!));
      return lostShape(input(a), (s) => [...s.slice(0, -3), s[s.length - 3] === null ? null : s[s.length - 3]! / (r * r), ...s.slice(-2).map((d) => (d === null ? null : d * r))]);
    }),
    scaled_dot_product_attention: ffn('scaled_dot_product_attention', 'query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None', (a) => {
      const q = known(input(a, 'query'), 'query');
      const v = known(input(a, 'value'), 'value');
      return tensor([...q.slice(0, -1), v[v.length - 1]!]);
    }),
    glu: ffn('glu', 'input, dim=-1', (a) => lostShape(input(a), (s) => s.map((d, i) => (i === S.axis(dim(a.get('dim')!), s.length) ? (d === null ? null : d / 2) : d)))),
    cosine_similarity: ffn('cosine_similarity', 'x1, x2, dim=1, eps=1e-08', (a) => {
      const s = binaryShape(input(a, 'x1'), input(a, 'x2'));
      return tensor(s === null ? null : S.reduce(s, [dim(a.get('dim')!)], false));
    }),
    normalize: same('normalize'),
    layer_norm: same('layer_norm'),
    batch_norm: same('batch_norm'),
    group_norm: same('group_norm'),
    instance_norm: same('instance_norm'),
    local_response_norm: same('local_response_norm'),
    dropout: same('dropout'),
    dropout1d: same('dropout1d'),
    dropout2d: same('dropout2d'),
    dropout3d: same('dropout3d'),
    alpha_dropout: same('alpha_dropout'),
  };
  for (const name of [
    'relu',
    'relu6',
    'leaky_relu',
    'elu',
    'selu',
    'celu',
    'gelu',
    'silu',
    'mish',
    'sigmoid',
    'tanh',
    'softmax',
    'log_softmax',
    'softmin',
    'softplus',
    'softsign',
    'hardswish',
    'hardsigmoid',
    'hardtanh',
    'logsigmoid',
    'tanhshrink',
    'threshold',
    'prelu',
    'rrelu',
    'relu_',
    'elu_',
    'leaky_relu_',
    'gumbel_softmax',
    'hardshrink',
    'softshrink',
  ])
    functional[name] = same(name);
  for (const name of [
    'cross_entropy',
    'nll_loss',
    'mse_loss',
    'l1_loss',
    'smooth_l1_loss',
    'huber_loss',
    'binary_cross_entropy',
    'binary_cross_entropy_with_logits',
    'kl_div',
    'cosine_embedding_loss',
    'triplet_margin_loss',
    'margin_ranking_loss',
    'ctc_loss',
    'poisson_nll_loss',
    'soft_margin_loss',
    'multilabel_soft_margin_loss',
  ])
    functional[name] = scalarLoss(name);

  return { methods, torch: torchFns, functional, attribute, index };
}

function sliceLength(s: { start: Value; stop: Value; step: Value }, n: number): number {
  const [start, stop, step] = sliceIndices(s, n);
  return step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
}
