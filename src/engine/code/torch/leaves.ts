/**
 * PyTorch's layers (torch.nn) as data: each class's documented signature (pytorch.org/docs,
 * torch.nn), the counting engine's layer its arguments are, and how a forward input maps onto the
 * engine's channels-last shapes. Arguments that do not change a count (padding_mode, batch_first,
 * device, eps, ...) are accepted by name and position, as PyTorch accepts them.
 */
import { raise, refuse } from '../errors.js';
import { engineLayer, type LayerArgs, unlessOnes, unlessZeros } from '../layer-args.js';
import { signature, type Signature } from '../signature.js';
import { tuple, type Kwargs, type Value } from '../values.js';
import type { Layer } from '../../layers/kind.js';
import type { LayerRecord, Shape } from '../../types.js';

/** How a tensor in PyTorch order maps to the engine's shape without the batch, channels last. */
export type Layout =
  /** (N, C, *spatial) <-> [*spatial, C]; `spatial` lists the spatial ranks accepted. */
  | { readonly t: 'channels'; readonly spatial: readonly number[]; readonly unbatched: boolean }
  /** (N, *, F) <-> [*, F]: Linear, LayerNorm (the last axes are the features). */
  | { readonly t: 'features' }
  /** Output shape = input shape (activations, dropout): any rank. */
  | { readonly t: 'same' };

export interface LeafCall {
  readonly self: Value;
  readonly leaf: Leaf;
  /** Runs the engine layer on a PyTorch-order input; returns the output in PyTorch order. */
  evaluate(shape: Shape, layer?: Layer): { readonly record: LayerRecord; readonly shape: Shape };
  /** Runs the engine layer on an engine shape (no batch, channels last) as it is. */
  engine(shape: Shape): LayerRecord;
  /** Records a call whose output was worked out here rather than by the engine. */
  recordShape(shape: Shape, record?: LayerRecord): void;
  tensor(shape: Shape, dtype?: 'float' | 'int' | 'bool'): Value;
  shapeOf(v: Value, what: string): Shape;
}

export interface LeafDef {
  readonly sig: Signature;
  readonly layout: Layout;
  build(a: LayerArgs): Layer;
  /** Attributes PyTorch sets on the instance (kernel_size as a tuple, ...), besides the arguments. */
  attrs?(a: LayerArgs): Record<string, Value>;
  /** The shape the layer is counted on when its own arguments do not give one (PReLU(C)). */
  countInput?(a: LayerArgs): Shape;
  /** Whether its parameters start frozen (Embedding.from_pretrained(freeze=True)). */
  frozen?(a: LayerArgs): boolean;
  /** A forward other than one tensor in, one tensor out. */
  forward?(call: LeafCall, a: LayerArgs, args: readonly Value[], kwargs: Kwargs): Value;
}

export interface Leaf {
  readonly className: string;
  readonly def: LeafDef;
  readonly args: LayerArgs;
  readonly layer: Layer;
  /** Evaluated on its own (no input): parameters, formula and notes. */
  readonly record: LayerRecord;
  readonly attrs: Map<string, Value>;
}

const FACTORY = 'device=None, dtype=None';
const sig = (name: string, params: string, defaults: Readonly<Record<string, Value>> = {}) => signature(name, params, defaults);

// ── convolutions ──
const SPATIAL_NAMES = { 1: '1d', 2: '2d', 3: '3d' } as const;
type Rank = 1 | 2 | 3;
const CONV_WORD: Record<Rank, string> = { 1: 'conv1d', 2: 'conv', 3: 'conv3d' };
const DECONV_WORD: Record<Rank, string> = { 1: 'deconv1d', 2: 'deconv', 3: 'deconv3d' };
const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'];

function padOption(a: LayerArgs, name = 'padding'): string | undefined {
  const v = a.get(name);
  if (typeof v === 'string') return a.choice(name, ['same', 'valid']) === 'same' ? 'same' : undefined;
  return unlessZeros(a.sizes(name));
}

function convAttrs(a: LayerArgs, rank: Rank, transposed: boolean): Record<string, Value> {
  const padding = a.get('padding');
  return {
    kernel_size: a.tupleOf('kernel_size', rank),
    stride: a.tupleOf('stride', rank),
    padding: typeof padding === 'string' ? padding : a.tupleOf('padding', rank),
    dilation: a.tupleOf('dilation', rank),
    transposed,
    ...(transposed ? { output_padding: a.tupleOf('output_padding', rank) } : {}),
  };
}

function conv(rank: Rank): LeafDef {
  return {
    sig: sig(`Conv${SPATIAL_NAMES[rank]}`, `in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros', ${FACTORY}`),
    layout: { t: 'channels', spatial: [rank], unbatched: true },
    build(a) {
      a.choice('padding_mode', PADDING_MODES);
      return engineLayer(CONV_WORD[rank], [a.size('in_channels'), a.size('out_channels'), a.sizes('kernel_size')], {
        stride: unlessOnes(a.sizes('stride')),
        pad: padOption(a),
        dilation: unlessOnes(a.sizes('dilation')),
        groups: unlessOnes(a.size('groups')),
        bias: !a.flag('bias') && 'false',
      });
    },
    attrs: (a) => convAttrs(a, rank, false),
  };
}

function deconv(rank: Rank): LeafDef {
  return {
    sig: sig(`ConvTranspose${SPATIAL_NAMES[rank]}`, `in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1, bias=True, dilation=1, padding_mode='zeros', ${FACTORY}`),
    layout: { t: 'channels', spatial: [rank], unbatched: true },
    build(a) {
      if (a.choice('padding_mode', PADDING_MODES) !== 'zeros') raise('ValueError', 'torch.deconvPaddingMode');
      return engineLayer(DECONV_WORD[rank], [a.size('in_channels'), a.size('out_channels'), a.sizes('kernel_size')], {
        stride: unlessOnes(a.sizes('stride')),
        pad: unlessZeros(a.sizes('padding')),
        outpad: unlessZeros(a.sizes('output_padding')),
        dilation: unlessOnes(a.sizes('dilation')),
        groups: unlessOnes(a.size('groups')),
        bias: !a.flag('bias') && 'false',
      });
    },
    attrs: (a) => convAttrs(a, rank, true),
  };
}

// ── pooling ──
function maxPool(rank: Rank): LeafDef {
  return {
    sig: sig(`MaxPool${SPATIAL_NAMES[rank]}`, 'kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False'),
    layout: { t: 'channels', spatial: [rank], unbatched: true },
    build: (a) => pool('max', rank, a),
    attrs: (a) => ({ stride: a.isNone('stride') ? a.get('kernel_size') : a.get('stride') }),
    forward: (call, a, args) => {
      const out = call.evaluate(call.shapeOf(args[0] ?? null, 'input'));
      call.recordShape(out.shape, out.record);
      return a.flag('return_indices') ? tuple([call.tensor(out.shape), call.tensor(out.shape, 'int')]) : call.tensor(out.shape);
    },
  };
}

function avgPool(rank: Rank): LeafDef {
  return {
    sig: sig(`AvgPool${SPATIAL_NAMES[rank]}`, `kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True${rank === 1 ? '' : ', divisor_override=None'}`),
    layout: { t: 'channels', spatial: [rank], unbatched: true },
    build: (a) => pool('avg', rank, a),
    attrs: (a) => ({ stride: a.isNone('stride') ? a.get('kernel_size') : a.get('stride') }),
  };
}

const POOL_WORD = { max: { 1: 'maxpool1d', 2: 'maxpool', 3: 'maxpool3d' }, avg: { 1: 'avgpool1d', 2: 'avgpool', 3: 'avgpool3d' } } as const;

function pool(kind: 'max' | 'avg', rank: Rank, a: LayerArgs): Layer {
  const k = a.sizes('kernel_size');
  const stride = a.isNone('stride') ? undefined : a.sizes('stride');
  return engineLayer(POOL_WORD[kind][rank], [k], {
    stride: stride === k ? undefined : stride,
    pad: unlessZeros(a.sizes('padding')),
    dilation: kind === 'max' ? unlessOnes(a.sizes('dilation')) : undefined,
    ceil: a.flag('ceil_mode') && 'true',
  });
}

const ADAPTIVE_WORD = { avg: { 1: 'adaptivepool1d', 2: 'adaptivepool', 3: 'adaptivepool3d' }, max: { 1: 'adaptivemaxpool1d', 2: 'adaptivemaxpool', 3: 'adaptivemaxpool3d' } } as const;

function adaptive(kind: 'max' | 'avg', rank: Rank): LeafDef {
  const name = `Adaptive${kind === 'max' ? 'Max' : 'Avg'}Pool${SPATIAL_NAMES[rank]}`;
  return {
    sig: sig(name, kind === 'max' ? 'output_size, return_indices=False' : 'output_size'),
    layout: { t: 'channels', spatial: [rank], unbatched: true },
    build(a) {
      const v = a.get('output_size');
      if (v === null || ((v as { t?: string }).t === 'tuple' && (v as { items: Value[] }).items.includes(null))) refuse('torch.adaptiveNone', { call: name });
      return engineLayer(ADAPTIVE_WORD[kind][rank], [a.sizes('output_size')]);
    },
  };
}

// ── recurrent ──
type Cell = 'rnn' | 'lstm' | 'gru';

function recurrent(cell: Cell): LeafDef {
  const params = {
    rnn: `input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True, batch_first=False, dropout=0.0, bidirectional=False, ${FACTORY}`,
    lstm: `input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0, bidirectional=False, proj_size=0, ${FACTORY}`,
    gru: `input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0, bidirectional=False, ${FACTORY}`,
  }[cell];
  return {
    sig: sig(cell.toUpperCase(), params),
    layout: { t: 'features' },
    build(a) {
      if (cell === 'rnn') a.choice('nonlinearity', ['tanh', 'relu']);
      const proj = cell === 'lstm' ? a.int('proj_size') : 0;
      if (proj < 0) raise('ValueError', 'torch.projSize');
      return engineLayer(cell, [a.size('input_size'), a.size('hidden_size')], {
        layers: unlessOnes(a.size('num_layers')),
        bidirectional: a.flag('bidirectional') && 'true',
        bias: !a.flag('bias') && 'false',
        proj: proj > 0 ? String(proj) : undefined,
      });
    },
    forward(call, a, args) {
      const x = call.shapeOf(args[0] ?? null, 'input');
      const batchFirst = a.flag('batch_first');
      const batched = x.length === 3;
      if (x.length !== 2 && x.length !== 3) raise('ValueError', 'torch.rnnRank', { call: cell.toUpperCase(), shape: show(x) });
      const steps = batched ? x[batchFirst ? 1 : 0]! : x[0]!;
      const batch = batched ? x[batchFirst ? 0 : 1]! : null;
      const features = x[x.length - 1]!;
      const record = call.engine([steps, features]);
      const d = a.flag('bidirectional') ? 2 : 1;
      const layers = a.int('num_layers');
      const hidden = a.int('hidden_size');
      const proj = cell === 'lstm' ? a.int('proj_size') : 0;
      const width = record.outputShape[record.outputShape.length - 1]!;
      const output = batched ? (batchFirst ? [batch, steps, width] : [steps, batch, width]) : [steps, width];
      const state = (size: number) => call.tensor(batched ? [d * layers, batch, size] : [d * layers, size]);
      call.recordShape(output, record);
      const h = state(proj > 0 ? proj : hidden);
      return tuple([call.tensor(output), cell === 'lstm' ? tuple([h, state(hidden)]) : h]);
    },
  };
}

function recurrentCell(cell: Cell): LeafDef {
  const name = `${cell === 'rnn' ? 'RNN' : cell.toUpperCase()}Cell`;
  return {
    sig: sig(name, cell === 'rnn' ? `input_size, hidden_size, bias=True, nonlinearity='tanh', ${FACTORY}` : `input_size, hidden_size, bias=True, ${FACTORY}`),
    layout: { t: 'features' },
    build: (a) => engineLayer(cell, [a.size('input_size'), a.size('hidden_size')], { bias: !a.flag('bias') && 'false' }),
    forward(call, a, args) {
      const x = call.shapeOf(args[0] ?? null, 'input');
      if (x.length !== 1 && x.length !== 2) raise('ValueError', 'torch.rnnRank', { call: name, shape: show(x) });
      const one = call.engine([1, x[x.length - 1]!]);
      const h = x.length === 2 ? [x[0]!, a.int('hidden_size')] : [a.int('hidden_size')];
      call.recordShape(h, one);
      return cell === 'lstm' ? tuple([call.tensor(h), call.tensor(h)]) : call.tensor(h);
    },
  };
}

// ── attention ──
const mha: LeafDef = {
  sig: sig('MultiheadAttention', `embed_dim, num_heads, dropout=0.0, bias=True, add_bias_kv=False, add_zero_attn=False, kdim=None, vdim=None, batch_first=False, ${FACTORY}`),
  layout: { t: 'features' },
  build: (a) =>
    engineLayer('mha', [a.size('num_heads'), a.size('embed_dim')], {
      kdim: a.isNone('kdim') ? undefined : a.size('kdim'),
      vdim: a.isNone('vdim') ? undefined : a.size('vdim'),
      bias_kv: a.flag('add_bias_kv') && 'true',
      bias: !a.flag('bias') && 'false',
    }),
  attrs: (a) => ({
    head_dim: BigInt(a.int('embed_dim')) / BigInt(Math.max(1, a.int('num_heads'))),
    kdim: a.isNone('kdim') ? a.get('embed_dim') : a.get('kdim'),
    vdim: a.isNone('vdim') ? a.get('embed_dim') : a.get('vdim'),
  }),
  forward(call, a, args, kwargs) {
    const get = (i: number, name: string) => (args[i] !== undefined ? args[i]! : (kwargs.get(name) ?? null));
    const q = call.shapeOf(get(0, 'query'), 'query');
    const k = call.shapeOf(get(1, 'key'), 'key');
    const v = call.shapeOf(get(2, 'value'), 'value');
    const batchFirst = a.flag('batch_first');
    const batched = q.length === 3;
    const seq = (s: Shape) => (batched ? s[batchFirst ? 1 : 0]! : s[0]!);
    const e = a.int('embed_dim');
    const [kdim, vdim] = [a.isNone('kdim') ? e : a.int('kdim'), a.isNone('vdim') ? e : a.int('vdim')];
    for (const [s, width, what] of [
      [q, e, 'query'],
      [k, kdim, 'key'],
      [v, vdim, 'value'],
    ] as const) {
      if (s[s.length - 1] !== width) raise('AssertionError', 'torch.mhaWidth', { what, expected: String(width), got: String(s[s.length - 1]) });
    }
    const L = seq(q);
    const S = seq(k);
    const result = call.engine([L, e]);
    // projections of the query (L) and key/value (S) sequences, the output projection, then the
    // L×S scores and weighted sum: the engine's self-attention figure when S = L
    const macs = L === null || S === null ? null : BigInt(L) * BigInt(e * e) * 2n + BigInt(S) * BigInt(e) * BigInt(kdim + vdim) + 2n * BigInt(L) * BigInt(S) * BigInt(e);
    call.recordShape(q, { ...result, macs });
    const need = kwargs.get('need_weights') ?? args[4] ?? true;
    const average = kwargs.get('average_attn_weights') ?? args[6] ?? true;
    const n = batched ? q[batchFirst ? 0 : 1]! : null;
    const heads = a.int('num_heads');
    const weights = need === false ? null : call.tensor([...(batched ? [n] : []), ...(average === false ? [heads] : []), L, S]);
    return tuple([call.tensor(q), weights]);
  },
};

// ── normalization ──
function batchNorm(rank: 1 | 2 | 3, name = `BatchNorm${SPATIAL_NAMES[rank]}`): LeafDef {
  const extra = name === 'SyncBatchNorm' ? ', process_group=None' : '';
  return {
    sig: sig(name, `num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True${extra}, ${FACTORY}`),
    layout: { t: 'channels', spatial: name === 'SyncBatchNorm' ? [0, 1, 2, 3] : rank === 1 ? [0, 1] : [rank], unbatched: false },
    build: (a) => engineLayer('bn', [a.size('num_features')], { affine: !a.flag('affine') && 'false' }),
  };
}

function instanceNorm(rank: Rank): LeafDef {
  return {
    sig: sig(`InstanceNorm${SPATIAL_NAMES[rank]}`, `num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False, ${FACTORY}`),
    layout: { t: 'channels', spatial: [rank], unbatched: true },
    build: (a) => engineLayer('instancenorm', [a.size('num_features')], { affine: a.flag('affine') && 'true' }),
  };
}

const layerNorm: LeafDef = {
  sig: sig('LayerNorm', `normalized_shape, eps=1e-05, elementwise_affine=True, bias=True, ${FACTORY}`),
  layout: { t: 'features' },
  build: (a) => engineLayer('ln', [a.sizes('normalized_shape')], { affine: !a.flag('elementwise_affine') && 'false', center: a.flag('elementwise_affine') && !a.flag('bias') && 'false' }),
  attrs: (a) => ({ normalized_shape: tuple(a.ints('normalized_shape').map((n) => BigInt(n))) }),
};

const groupNorm: LeafDef = {
  sig: sig('GroupNorm', `num_groups, num_channels, eps=1e-05, affine=True, ${FACTORY}`),
  layout: { t: 'channels', spatial: [0, 1, 2, 3], unbatched: false },
  build: (a) => engineLayer('gn', [a.size('num_groups'), a.size('num_channels')], { affine: !a.flag('affine') && 'false' }),
};

// ── embeddings ──
const EMBEDDING = `num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, sparse=False, _weight=None, _freeze=False, ${FACTORY}`;
const idsForward =
  (bag: boolean) =>
  (call: LeafCall, a: LayerArgs, args: readonly Value[], kwargs: Kwargs): Value => {
    const ids = call.shapeOf(args[0] ?? null, 'input');
    const offsets = args[1] ?? kwargs.get('offsets') ?? null;
    const d = a.int('embedding_dim');
    let out: Shape;
    if (!bag) out = [...ids, d];
    else if (ids.length === 2) out = [ids[0]!, d];
    else if (ids.length === 1 && offsets !== null) out = [call.shapeOf(offsets, 'offsets')[0]!, d];
    else return raise('ValueError', 'torch.bagInput');
    call.recordShape(out);
    return call.tensor(out);
  };

const embedding: LeafDef = {
  sig: sig('Embedding', EMBEDDING),
  layout: { t: 'features' },
  build: (a) => engineLayer('embedding', [a.size('num_embeddings'), a.size('embedding_dim')]),
  frozen: (a) => a.flag('_freeze'),
  forward: idsForward(false),
};

const embeddingBag: LeafDef = {
  sig: sig(
    'EmbeddingBag',
    `num_embeddings, embedding_dim, max_norm=None, norm_type=2.0, scale_grad_by_freq=False, mode='mean', sparse=False, _weight=None, include_last_offset=False, padding_idx=None, ${FACTORY}`,
  ),
  layout: { t: 'features' },
  build(a) {
    a.choice('mode', ['mean', 'sum', 'max']);
    return engineLayer('embeddingbag', [a.size('num_embeddings'), a.size('embedding_dim')]);
  },
  forward: idsForward(true),
};

// ── shape-only layers ──
const flatten: LeafDef = {
  sig: sig('Flatten', 'start_dim=1, end_dim=-1'),
  layout: { t: 'features' },
  build: () => engineLayer('flatten', []),
  forward(call, a, args) {
    const x = call.shapeOf(args[0] ?? null, 'input');
    const out = flattenShape(x, Number(a.get('start_dim')), Number(a.get('end_dim')));
    call.recordShape(out);
    return call.tensor(out);
  },
};

const unflatten: LeafDef = {
  sig: sig('Unflatten', 'dim, unflattened_size'),
  layout: { t: 'features' },
  build: () => engineLayer('identity', []),
  forward(call, a, args) {
    const x = call.shapeOf(args[0] ?? null, 'input');
    const dim = a.int('dim');
    const sizes = a.ints('unflattened_size');
    const d = dim < 0 ? dim + x.length : dim;
    const known = sizes.filter((s) => s !== -1).reduce((p, s) => p * s, 1);
    const size = x[d];
    const filled = sizes.map((s) => (s === -1 ? (size === null || size === undefined ? null : size / known) : s));
    const out = [...x.slice(0, d), ...filled, ...x.slice(d + 1)];
    call.recordShape(out);
    return call.tensor(out);
  },
};

const dropout = (name: string): LeafDef => ({
  sig: sig(name, 'p=0.5, inplace=False'),
  layout: { t: 'same' },
  build(a) {
    const p = Number(a.rate('p'));
    if (!(p >= 0 && p <= 1)) raise('ValueError', 'torch.dropoutRate', { p: a.rate('p') });
    // PyTorch allows p = 1 (everything dropped); the count is the same: no parameters
    return engineLayer('dropout', [p === 1 ? '0.999' : a.rate('p')]);
  },
});

/** ZeroPad2d's padding: int (all four sides), (left, right) for the last axis only, or (left, right, top, bottom). */
function padSides(a: LayerArgs, name: string): string {
  const v = a.ints('padding');
  // PyTorch lists (left, right[, top, bottom]); zeropad takes top:bottom x left:right
  if (v.length === 1) return `${v[0]}`;
  if (v.length === 2) return `0x${v[0]}:${v[1]}`;
  if (v.length === 4) return `${v[2]}:${v[3]}x${v[0]}:${v[1]}`;
  return raise('ValueError', 'torch.padLength', { call: name, n: String(v.length) });
}

const pad2d = (name: string, params = 'padding'): LeafDef => ({
  sig: sig(name, params),
  layout: { t: 'channels', spatial: [2], unbatched: true },
  build: (a) => engineLayer('zeropad', [padSides(a, name)]),
});

function upsample(name: string, params: string): LeafDef {
  return {
    sig: sig(name, params),
    layout: { t: 'channels', spatial: [1, 2, 3], unbatched: false },
    build(a) {
      if (a.isNone('size') === a.isNone('scale_factor')) raise('ValueError', 'torch.upsampleArgs');
      return engineLayer('upsample', [], a.isNone('size') ? { factor: scaleToken(a) } : { size: a.sizes('size') });
    },
  };
}

function scaleToken(a: LayerArgs): string {
  const v = a.get('scale_factor');
  const items = (v as { t?: string }).t === 'tuple' || (v as { t?: string }).t === 'list' ? (v as { items: Value[] }).items : [v];
  return items.map((x) => (typeof x === 'number' || typeof x === 'bigint' ? String(x) : raise('TypeError', 'layer.floatArg', { call: 'Upsample', name: 'scale_factor', type: typeof x }))).join('x');
}

const pixelShuffle = (name: string, param: string, word: string): LeafDef => ({
  sig: sig(name, param),
  layout: { t: 'channels', spatial: [2], unbatched: true },
  build: (a) => engineLayer(word, [a.size(param)]),
});

// ── activations and parameter-free layers ──
const act = (name: string, word: string, params = 'inplace=False'): LeafDef => ({
  sig: sig(name, params),
  layout: { t: 'same' },
  build: () => engineLayer(word, []),
});

const identity = (name: string, params = '*args, **kwargs'): LeafDef => ({
  sig: sig(name, params),
  layout: { t: 'same' },
  build: () => engineLayer('identity', []),
});

const prelu: LeafDef = {
  sig: sig('PReLU', `num_parameters=1, init=0.25, ${FACTORY}`),
  layout: { t: 'channels', spatial: [0, 1, 2, 3], unbatched: true },
  build: (a) => engineLayer('prelu', [], { per: a.int('num_parameters') === 1 ? 'one' : 'channel' }),
  countInput: (a) => [a.int('num_parameters')],
};

/** Losses and similar modules: no parameters, a scalar (or reduced) output. */
const loss = (name: string): LeafDef => ({
  sig: sig(name, '*args, **kwargs'),
  layout: { t: 'same' },
  build: () => engineLayer('identity', []),
  forward(call, a, args, kwargs) {
    const reduction = kwargs.get('reduction') ?? a.values.get('kwargs') ?? 'mean';
    const out = reduction === 'none' && args[0] !== undefined ? call.shapeOf(args[0], 'input') : [];
    call.recordShape(out);
    return call.tensor(out);
  },
});

const LOSSES = [
  'L1Loss',
  'MSELoss',
  'CrossEntropyLoss',
  'NLLLoss',
  'BCELoss',
  'BCEWithLogitsLoss',
  'HuberLoss',
  'SmoothL1Loss',
  'KLDivLoss',
  'CosineEmbeddingLoss',
  'MarginRankingLoss',
  'TripletMarginLoss',
  'CTCLoss',
  'HingeEmbeddingLoss',
  'SoftMarginLoss',
  'MultiLabelSoftMarginLoss',
  'PoissonNLLLoss',
  'GaussianNLLLoss',
  'MultiMarginLoss',
];

export const LEAVES: ReadonlyMap<string, LeafDef> = new Map<string, LeafDef>([
  ['Conv1d', conv(1)],
  ['Conv2d', conv(2)],
  ['Conv3d', conv(3)],
  ['ConvTranspose1d', deconv(1)],
  ['ConvTranspose2d', deconv(2)],
  ['ConvTranspose3d', deconv(3)],
  [
    'Linear',
    {
      sig: sig('Linear', `in_features, out_features, bias=True, ${FACTORY}`),
      layout: { t: 'features' },
      build: (a) => engineLayer('dense', [a.size('in_features'), a.size('out_features')], { bias: !a.flag('bias') && 'false' }),
    },
  ],
  [
    'Bilinear',
    {
      sig: sig('Bilinear', `in1_features, in2_features, out_features, bias=True, ${FACTORY}`),
      layout: { t: 'features' },
      build: (a) => engineLayer('bilinear', [a.size('in1_features'), a.size('in2_features'), a.size('out_features')], { bias: !a.flag('bias') && 'false' }),
    },
  ],
  ['Identity', identity('Identity')],
  ['BatchNorm1d', batchNorm(1)],
  ['BatchNorm2d', batchNorm(2)],
  ['BatchNorm3d', batchNorm(3)],
  ['SyncBatchNorm', batchNorm(2, 'SyncBatchNorm')],
  ['InstanceNorm1d', instanceNorm(1)],
  ['InstanceNorm2d', instanceNorm(2)],
  ['InstanceNorm3d', instanceNorm(3)],
  ['LayerNorm', layerNorm],
  ['GroupNorm', groupNorm],
  ['LocalResponseNorm', identity('LocalResponseNorm', 'size, alpha=0.0001, beta=0.75, k=1.0')],
  ['Embedding', embedding],
  ['EmbeddingBag', embeddingBag],
  ['RNN', recurrent('rnn')],
  ['LSTM', recurrent('lstm')],
  ['GRU', recurrent('gru')],
  ['RNNCell', recurrentCell('rnn')],
  ['LSTMCell', recurrentCell('lstm')],
  ['GRUCell', recurrentCell('gru')],
  ['MultiheadAttention', mha],
  ['MaxPool1d', maxPool(1)],
  ['MaxPool2d', maxPool(2)],
  ['MaxPool3d', maxPool(3)],
  ['AvgPool1d', avgPool(1)],
  ['AvgPool2d', avgPool(2)],
  ['AvgPool3d', avgPool(3)],
  ['AdaptiveAvgPool1d', adaptive('avg', 1)],
  ['AdaptiveAvgPool2d', adaptive('avg', 2)],
  ['AdaptiveAvgPool3d', adaptive('avg', 3)],
  ['AdaptiveMaxPool1d', adaptive('max', 1)],
  ['AdaptiveMaxPool2d', adaptive('max', 2)],
  ['AdaptiveMaxPool3d', adaptive('max', 3)],
  ['Flatten', flatten],
  ['Unflatten', unflatten],
  ['Dropout', dropout('Dropout')],
  ['Dropout1d', dropout('Dropout1d')],
  ['Dropout2d', dropout('Dropout2d')],
  ['Dropout3d', dropout('Dropout3d')],
  ['AlphaDropout', dropout('AlphaDropout')],
  ['FeatureAlphaDropout', dropout('FeatureAlphaDropout')],
  ['ZeroPad2d', pad2d('ZeroPad2d')],
  ['ConstantPad2d', pad2d('ConstantPad2d', 'padding, value')],
  ['ReflectionPad2d', pad2d('ReflectionPad2d')],
  ['ReplicationPad2d', pad2d('ReplicationPad2d')],
  ['Upsample', upsample('Upsample', "size=None, scale_factor=None, mode='nearest', align_corners=None, recompute_scale_factor=None")],
  ['UpsamplingNearest2d', upsample('UpsamplingNearest2d', 'size=None, scale_factor=None')],
  ['UpsamplingBilinear2d', upsample('UpsamplingBilinear2d', 'size=None, scale_factor=None')],
  ['PixelShuffle', pixelShuffle('PixelShuffle', 'upscale_factor', 'pixelshuffle')],
  ['PixelUnshuffle', pixelShuffle('PixelUnshuffle', 'downscale_factor', 'pixelunshuffle')],
  ['ChannelShuffle', identity('ChannelShuffle', 'groups')],
  ['PReLU', prelu],
  ['ReLU', act('ReLU', 'relu')],
  ['ReLU6', act('ReLU6', 'relu6')],
  ['LeakyReLU', act('LeakyReLU', 'leakyrelu', 'negative_slope=0.01, inplace=False')],
  ['ELU', act('ELU', 'elu', 'alpha=1.0, inplace=False')],
  ['CELU', act('CELU', 'celu', 'alpha=1.0, inplace=False')],
  ['SELU', act('SELU', 'selu')],
  ['GELU', act('GELU', 'gelu', "approximate='none'")],
  ['SiLU', act('SiLU', 'silu')],
  ['Mish', act('Mish', 'mish')],
  ['Sigmoid', act('Sigmoid', 'sigmoid', '')],
  ['Tanh', act('Tanh', 'tanh', '')],
  ['Softmax', act('Softmax', 'softmax', 'dim=None')],
  ['Softmin', act('Softmin', 'softmin', 'dim=None')],
  ['LogSoftmax', act('LogSoftmax', 'logsoftmax', 'dim=None')],
  ['Softmax2d', act('Softmax2d', 'softmax', '')],
  ['Softplus', act('Softplus', 'softplus', 'beta=1.0, threshold=20.0')],
  ['Softsign', act('Softsign', 'softsign', '')],
  ['Hardswish', act('Hardswish', 'hardswish')],
  ['Hardsigmoid', act('Hardsigmoid', 'hardsigmoid')],
  ['Hardtanh', act('Hardtanh', 'hardtanh', 'min_val=-1.0, max_val=1.0, inplace=False, min_value=None, max_value=None')],
  ['Hardshrink', act('Hardshrink', 'hardshrink', 'lambd=0.5')],
  ['Softshrink', act('Softshrink', 'softshrink', 'lambd=0.5')],
  ['Tanhshrink', act('Tanhshrink', 'tanhshrink', '')],
  ['Threshold', act('Threshold', 'threshold', 'threshold, value, inplace=False')],
  ['LogSigmoid', act('LogSigmoid', 'logsigmoid', '')],
  ...LOSSES.map((l) => [l, loss(l)] as [string, LeafDef]),
]);

/** Modules that exist only to be trained against: not layers of a model (module-level `criterion = ...`). */
export const LOSS_NAMES: ReadonlySet<string> = new Set(LOSSES);

/** Lazy modules have no parameters until they see an input: a count of them is undefined. */
export const LAZY = [
  'LazyLinear',
  'LazyConv1d',
  'LazyConv2d',
  'LazyConv3d',
  'LazyConvTranspose1d',
  'LazyConvTranspose2d',
  'LazyConvTranspose3d',
  'LazyBatchNorm1d',
  'LazyBatchNorm2d',
  'LazyBatchNorm3d',
  'LazyInstanceNorm1d',
  'LazyInstanceNorm2d',
  'LazyInstanceNorm3d',
];

const show = (s: Shape) => `[${s.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;

function flattenShape(x: Shape, start: number, end: number): Shape {
  if (x.length === 0) return [1];
  const s = start < 0 ? start + x.length : start;
  const e = end < 0 ? end + x.length : end;
  if (s < 0 || e >= x.length || s > e) return raise('IndexError', 'py.dimRange', { what: 'start_dim', dim: String(start), rank: String(x.length) });
  const middle = x.slice(s, e + 1);
  const v = middle.some((d) => d === null) ? null : middle.reduce<number>((p, d) => p * d!, 1);
  return [...x.slice(0, s), v, ...x.slice(e + 1)];
}
