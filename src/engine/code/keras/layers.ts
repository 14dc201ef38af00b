/**
 * Keras layers as data: each class's signature (keras.io/api/layers, Keras 3; the Keras 2 spellings
 * `input_dim=`, `input_length=`, LeakyReLU's `alpha=` still accepted) and the counting engine's
 * layer it is for a given input. Keras layers learn their input size when first called, so the
 * engine layer is made at build time from the input shape (batch axis removed).
 */
import { raise, refuse } from '../errors.js';
import { engineLayer, type LayerArgs, unlessOnes } from '../layer-args.js';
import { toIndex } from '../python.js';
import { signature, type Signature } from '../signature.js';
import { is, type Value } from '../values.js';
import type { Layer } from '../../layers/kind.js';
import type { Dim, Shape } from '../../types.js';

export interface KerasLayerDef {
  readonly sig: Signature;
  /** The engine layer for these arguments and this input (batch removed, channels last). */
  build(a: LayerArgs, input: Shape): Layer;
  /** Merge layers: the output shape of several inputs (shapes with the batch axis first). */
  readonly merge?: (a: LayerArgs, inputs: readonly Shape[]) => Shape;
  /** Output shape when it is not the engine's (RepeatVector, Cropping2D, Permute). */
  readonly output?: (a: LayerArgs, input: Shape) => Shape;
  /** Recurrent layers: their output depends on return_sequences / return_state. */
  readonly recurrent?: boolean;
}

/** Keyword arguments every Keras layer takes (keras.layers.Layer and the Keras 2 input hints). */
export const BASE_KWARGS = [
  'name',
  'trainable',
  'dtype',
  'input_shape',
  'batch_input_shape',
  'batch_size',
  'input_dim',
  'input_length',
  'weights',
  'autocast',
  'dynamic',
  'activity_regularizer',
  'seed',
];

const REG = "kernel_initializer='glorot_uniform', bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None";
const sig = (name: string, params: string) => signature(name, `${params}, **kwargs`);

/**
 * A layer's `padding`. Convolutions take it in any case (`'Same'`, as a well-known MNIST notebook
 * writes it): Keras's standardize_padding lowercases it. Pooling layers pass it on as written, and
 * Keras 3 works out their output shape from 'valid' or 'same' only.
 */
function padding(a: LayerArgs, of: { readonly conv: boolean; readonly causal?: boolean }): string | undefined {
  const p = a.choice('padding', of.causal ? ['valid', 'same', 'causal'] : ['valid', 'same'], of.conv);
  // causal padding pads the start only; the output length is the same as 'same'
  return p === 'valid' ? undefined : 'same';
}

function channelsLast(a: LayerArgs): void {
  const f = a.get('data_format');
  // in any case: Keras's standardize_data_format lowercases it
  if (f !== null && (typeof f !== 'string' || f.toLowerCase() !== 'channels_last')) refuse('keras.channelsFirst', { call: a.call });
}

type Rank = 1 | 2 | 3;
const CONV: Record<Rank, string> = { 1: 'conv1d', 2: 'conv', 3: 'conv3d' };
const DECONV: Record<Rank, string> = { 1: 'deconv1d', 2: 'deconv', 3: 'deconv3d' };
const POOL = { max: { 1: 'maxpool1d', 2: 'maxpool', 3: 'maxpool3d' }, avg: { 1: 'avgpool1d', 2: 'avgpool', 3: 'avgpool3d' } } as const;
const twos = (rank: Rank) => (rank === 1 ? '2' : `(${Array.from({ length: rank }, () => '2').join(', ')})`);

function conv(rank: Rank): KerasLayerDef {
  return {
    sig: sig(`Conv${rank}D`, `filters, kernel_size, strides=1, padding='valid', data_format=None, dilation_rate=1, groups=1, activation=None, use_bias=True, ${REG}`),
    build(a) {
      channelsLast(a);
      return engineLayer(CONV[rank], [a.size('filters'), a.sizes('kernel_size')], {
        stride: unlessOnes(a.sizes('strides')),
        pad: padding(a, { conv: true, causal: rank === 1 }),
        dilation: unlessOnes(a.sizes('dilation_rate')),
        groups: unlessOnes(a.size('groups')),
        bias: !a.flag('use_bias') && 'false',
      });
    },
  };
}

function deconv(rank: Rank): KerasLayerDef {
  return {
    sig: sig(`Conv${rank}DTranspose`, `filters, kernel_size, strides=1, padding='valid', output_padding=None, data_format=None, dilation_rate=1, activation=None, use_bias=True, ${REG}`),
    build(a) {
      channelsLast(a);
      return engineLayer(DECONV[rank], [a.size('filters'), a.sizes('kernel_size')], {
        stride: unlessOnes(a.sizes('strides')),
        pad: padding(a, { conv: true }),
        outpad: a.isNone('output_padding') ? undefined : a.sizes('output_padding'),
        dilation: unlessOnes(a.sizes('dilation_rate')),
        bias: !a.flag('use_bias') && 'false',
      });
    },
  };
}

function pool(kind: 'max' | 'avg', rank: Rank): KerasLayerDef {
  const name = `${kind === 'max' ? 'MaxPooling' : 'AveragePooling'}${rank}D`;
  return {
    sig: signature(name, `pool_size=${twos(rank)}, strides=None, padding='valid', data_format=None, **kwargs`),
    build(a) {
      channelsLast(a);
      const size = a.sizes('pool_size');
      const stride = a.isNone('strides') ? undefined : a.sizes('strides');
      return engineLayer(POOL[kind][rank], [size], { stride: stride === undefined || stride === size ? undefined : stride, pad: padding(a, { conv: false }) });
    },
  };
}

function globalPool(kind: 'max' | 'avg', rank: Rank): KerasLayerDef {
  return {
    sig: signature(`Global${kind === 'max' ? 'Max' : 'Average'}Pooling${rank}D`, 'data_format=None, keepdims=False, **kwargs'),
    build(a) {
      channelsLast(a);
      return engineLayer(kind === 'max' ? 'gmp' : 'gap', [], { keepdims: a.flag('keepdims') && 'true' });
    },
  };
}

function recurrent(cell: 'rnn' | 'lstm' | 'gru'): KerasLayerDef {
  const name = { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' }[cell];
  const head = cell === 'rnn' ? "units, activation='tanh', use_bias=True" : "units, activation='tanh', recurrent_activation='sigmoid', use_bias=True";
  const tail = `${REG.replace('activity_regularizer=None, ', '')}, recurrent_initializer='orthogonal', recurrent_regularizer=None, recurrent_constraint=None, dropout=0.0, recurrent_dropout=0.0, return_sequences=False, return_state=False, go_backwards=False, stateful=False, unroll=False, time_major=False${cell === 'lstm' ? ', unit_forget_bias=True' : ''}${cell === 'gru' ? ', reset_after=True' : ''}, use_cudnn='auto'`;
  return {
    sig: signature(name, `${head}, ${tail}, **kwargs`),
    recurrent: true,
    build: (a) =>
      engineLayer(cell, [a.size('units')], {
        bias: !a.flag('use_bias') && 'false',
        seq: a.flag('return_sequences') && 'true',
        reset_after: cell === 'gru' && !a.flag('reset_after') && 'false',
      }),
  };
}

const dropout = (name: string, param = 'rate'): KerasLayerDef => ({
  sig: signature(name, `${param}, noise_shape=None, seed=None, **kwargs`),
  build(a) {
    const p = Number(a.rate(param));
    if (!(p >= 0 && p < 1)) raise('ValueError', 'keras.rate', { call: name, rate: a.rate(param) });
    return engineLayer('dropout', [a.rate(param)]);
  },
});

const same = (name: string, params = ''): KerasLayerDef => ({
  sig: signature(name, params === '' ? '**kwargs' : `${params}, **kwargs`),
  build: () => engineLayer('identity', []),
});

/** Merge layers: same-shaped inputs (broadcast), or joined along an axis. */
function merge(name: string): KerasLayerDef {
  return {
    sig: signature(name, '**kwargs'),
    build: () => engineLayer('identity', []),
    merge: (_a, inputs) => {
      if (inputs.length < 2) raise('ValueError', 'keras.mergeInputs', { call: name, got: String(inputs.length) });
      const first = inputs[0]!;
      for (const s of inputs) {
        if (s.length !== first.length || s.some((d, i) => d !== null && first[i] !== null && d !== first[i] && d !== 1 && first[i] !== 1)) {
          raise('ValueError', 'keras.mergeShapes', { call: name, shapes: inputs.map(show).join(', ') });
        }
      }
      return first.map((d, i) => inputs.map((s) => s[i]!).reduce<Dim>((acc, x) => (acc === 1 ? x : acc === null ? x : acc), d));
    },
  };
}

const concatenate: KerasLayerDef = {
  sig: signature('Concatenate', 'axis=-1, **kwargs'),
  build: () => engineLayer('identity', []),
  merge: (a, inputs) => {
    if (inputs.length < 2) raise('ValueError', 'keras.mergeInputs', { call: 'Concatenate', got: String(inputs.length) });
    const rank = inputs[0]!.length;
    const axis = Number(toIndex(a.get('axis')));
    const ax = axis < 0 ? axis + rank : axis;
    if (ax <= 0 || ax >= rank) raise('ValueError', 'keras.concatAxis', { axis: String(axis) });
    let total: Dim = 0;
    for (const s of inputs) {
      if (s.length !== rank || s.some((d, i) => i !== ax && d !== null && inputs[0]![i] !== null && d !== inputs[0]![i])) {
        raise('ValueError', 'keras.concatShapes', { shapes: inputs.map(show).join(', '), axis: String(axis) });
      }
      total = total === null || s[ax] === null ? null : total + s[ax]!;
    }
    return inputs[0]!.map((d, i) => (i === ax ? total : d));
  },
};

/**
 * Dot(axes, normalize=False): the batched dot product of two tensors along the given axes (one
 * for both, or one each), as keras.ops batch_dot shapes it: the rest of the first's axes, then the
 * rest of the second's; a result with no axis left beside the batch is (batch, 1). No weights.
 */
const dot: KerasLayerDef = {
  sig: signature('Dot', 'axes, normalize=False, **kwargs'),
  build: () => engineLayer('identity', []),
  merge: (a, inputs) => {
    if (inputs.length !== 2) raise('ValueError', 'keras.mergeInputs', { call: 'Dot', got: String(inputs.length) });
    const [x, y] = [inputs[0]!, inputs[1]!];
    const v = a.get('axes');
    const given = is(v, 'tuple') || is(v, 'list') ? v.items.map((d) => Number(toIndex(d))) : [Number(toIndex(v)), Number(toIndex(v))];
    if (given.length !== 2) raise('ValueError', 'keras.mergeShapes', { call: 'Dot', shapes: inputs.map(show).join(', ') });
    const ax = given[0]! < 0 ? given[0]! + x.length : given[0]!;
    const ay = given[1]! < 0 ? given[1]! + y.length : given[1]!;
    if (ax <= 0 || ax >= x.length || ay <= 0 || ay >= y.length) raise('ValueError', 'keras.concatAxis', { axis: String(given.join(', ')) });
    if (x[ax] !== null && y[ay] !== null && x[ax] !== y[ay]) raise('ValueError', 'keras.mergeShapes', { call: 'Dot', shapes: inputs.map(show).join(', ') });
    const rest = [...x.slice(1).filter((_, i) => i + 1 !== ax), ...y.slice(1).filter((_, i) => i + 1 !== ay)];
    return [x[0] ?? null, ...(rest.length === 0 ? [1] : rest)];
  },
};

/** ZeroPadding2D's padding: 1, (1, 2) (symmetric height, width) or ((top, bottom), (left, right)). */
function zeroPadding(a: LayerArgs): string {
  const v = a.get('padding');
  if (is(v, 'tuple') || is(v, 'list')) {
    if (v.items.every((x) => is(x, 'tuple') || is(x, 'list'))) {
      // ((top, bottom), (left, right)) -> top:bottom x left:right
      const axes = v.items.map((x) => (x as { items: readonly Value[] }).items.map((n) => String(toIndex(n))));
      if (axes.length !== 2 || axes.some((axis) => axis.length !== 2)) raise('ValueError', 'keras.zeroPadding');
      return axes.map((axis) => axis.join(':')).join('x');
    }
  }
  return a.sizes('padding');
}

/**
 * MultiHeadAttention's own options, as the engine's `mha` reads them: built alone (a layer's
 * `build`) or when called on its query, value and key (library.ts). output_shape=N (or (N,)) sizes
 * the output projection; a shape of more axes is not modelled.
 */
export function mhaOptions(a: LayerArgs): Record<string, string | false | undefined> {
  const out = a.isNone('output_shape') ? undefined : a.ints('output_shape');
  if (out !== undefined && out.length !== 1) refuse('code.unsupported', { what: 'MultiHeadAttention(output_shape=<more than one axis>)' });
  return { key_dim: a.size('key_dim'), value_dim: a.isNone('value_dim') ? undefined : a.size('value_dim'), bias: !a.flag('use_bias') && 'false', output_shape: out && String(out[0]) };
}

const show = (s: Shape) => `(${s.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;

export const KERAS_LAYERS: ReadonlyMap<string, KerasLayerDef> = new Map<string, KerasLayerDef>([
  ['Dense', { sig: sig('Dense', `units, activation=None, use_bias=True, ${REG}, lora_rank=None`), build: (a) => engineLayer('dense', [a.size('units')], { bias: !a.flag('use_bias') && 'false' }) }],
  ['Conv1D', conv(1)],
  ['Conv2D', conv(2)],
  ['Conv3D', conv(3)],
  ['Convolution2D', conv(2)],
  ['Conv1DTranspose', deconv(1)],
  ['Conv2DTranspose', deconv(2)],
  ['Conv3DTranspose', deconv(3)],
  [
    'DepthwiseConv2D',
    {
      sig: sig(
        'DepthwiseConv2D',
        `kernel_size, strides=(1, 1), padding='valid', depth_multiplier=1, data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True, depthwise_initializer='glorot_uniform', bias_initializer='zeros', depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None, depthwise_constraint=None, bias_constraint=None`,
      ),
      build(a) {
        channelsLast(a);
        return engineLayer('dwconv', [a.sizes('kernel_size')], {
          mult: unlessOnes(a.size('depth_multiplier')),
          stride: unlessOnes(a.sizes('strides')),
          pad: padding(a, { conv: true }),
          dilation: unlessOnes(a.sizes('dilation_rate')),
          bias: !a.flag('use_bias') && 'false',
        });
      },
    },
  ],
  [
    'SeparableConv2D',
    {
      sig: sig(
        'SeparableConv2D',
        `filters, kernel_size, strides=(1, 1), padding='valid', data_format=None, dilation_rate=(1, 1), depth_multiplier=1, activation=None, use_bias=True, depthwise_initializer='glorot_uniform', pointwise_initializer='glorot_uniform', bias_initializer='zeros', depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None, activity_regularizer=None, depthwise_constraint=None, pointwise_constraint=None, bias_constraint=None`,
      ),
      build(a) {
        channelsLast(a);
        return engineLayer('sepconv', [a.size('filters'), a.sizes('kernel_size')], {
          mult: unlessOnes(a.size('depth_multiplier')),
          stride: unlessOnes(a.sizes('strides')),
          pad: padding(a, { conv: true }),
          dilation: unlessOnes(a.sizes('dilation_rate')),
          bias: !a.flag('use_bias') && 'false',
        });
      },
    },
  ],
  ['MaxPooling1D', pool('max', 1)],
  ['MaxPooling2D', pool('max', 2)],
  ['MaxPooling3D', pool('max', 3)],
  ['MaxPool1D', pool('max', 1)],
  ['MaxPool2D', pool('max', 2)],
  ['MaxPool3D', pool('max', 3)],
  ['AvgPool1D', pool('avg', 1)],
  ['AvgPool3D', pool('avg', 3)],
  ['AveragePooling1D', pool('avg', 1)],
  ['AveragePooling2D', pool('avg', 2)],
  ['AveragePooling3D', pool('avg', 3)],
  ['AvgPool2D', pool('avg', 2)],
  ['GlobalAveragePooling1D', globalPool('avg', 1)],
  ['GlobalAveragePooling2D', globalPool('avg', 2)],
  ['GlobalAveragePooling3D', globalPool('avg', 3)],
  ['GlobalMaxPooling1D', globalPool('max', 1)],
  ['GlobalMaxPooling2D', globalPool('max', 2)],
  ['GlobalMaxPooling3D', globalPool('max', 3)],
  ['GlobalAvgPool1D', globalPool('avg', 1)],
  ['GlobalAvgPool2D', globalPool('avg', 2)],
  ['GlobalAvgPool3D', globalPool('avg', 3)],
  ['GlobalMaxPool1D', globalPool('max', 1)],
  ['GlobalMaxPool2D', globalPool('max', 2)],
  ['GlobalMaxPool3D', globalPool('max', 3)],
  ['Flatten', { sig: signature('Flatten', 'data_format=None, **kwargs'), build: () => engineLayer('flatten', []) }],
  [
    'Reshape',
    {
      sig: signature('Reshape', 'target_shape, **kwargs'),
      build(a, input) {
        const target = a.ints('target_shape');
        const total = input.every((d) => d !== null) ? input.reduce<number>((p, d) => p * d!, 1) : null;
        const known = target.filter((d) => d !== -1).reduce((p, d) => p * d, 1);
        const filled = target.map((d) => (d === -1 ? (total === null ? raise('ValueError', 'keras.reshapeUnknown') : total / known) : d));
        return engineLayer('reshape', [filled.join('x')]);
      },
    },
  ],
  [
    'Permute',
    {
      sig: signature('Permute', 'dims, **kwargs'),
      build: (a, input) =>
        engineLayer('reshape', [
          a
            .ints('dims')
            .map((d) => String(input[d - 1] ?? 1))
            .join('x'),
        ]),
    },
  ],
  [
    'RepeatVector',
    {
      sig: signature('RepeatVector', 'n, **kwargs'),
      build: () => engineLayer('identity', []),
      output: (a, input) => [a.int('n'), ...input],
    },
  ],
  [
    'Cropping2D',
    {
      sig: signature('Cropping2D', 'cropping=((0, 0), (0, 0)), data_format=None, **kwargs'),
      build: () => engineLayer('identity', []),
      output(a, input) {
        const v = a.get('cropping');
        const crop =
          is(v, 'tuple') && v.items.every((x) => is(x, 'tuple'))
            ? v.items.flatMap((x) => (x as { items: readonly Value[] }).items.map((n) => Number(toIndex(n))))
            : a.ints('cropping').flatMap((n) => [n, n]);
        const sym = crop.length === 2 ? [crop[0]!, crop[0]!, crop[1]!, crop[1]!] : crop;
        return [input[0] === null ? null : input[0]! - sym[0]! - sym[1]!, input[1] === null ? null : input[1]! - sym[2]! - sym[3]!, input[2] ?? null];
      },
    },
  ],
  ['Dropout', dropout('Dropout')],
  ['SpatialDropout1D', dropout('SpatialDropout1D')],
  ['SpatialDropout2D', dropout('SpatialDropout2D')],
  ['SpatialDropout3D', dropout('SpatialDropout3D')],
  ['AlphaDropout', dropout('AlphaDropout')],
  ['GaussianDropout', dropout('GaussianDropout')],
  ['GaussianNoise', same('GaussianNoise', 'stddev, seed=None')],
  [
    'BatchNormalization',
    {
      sig: sig(
        'BatchNormalization',
        "axis=-1, momentum=0.99, epsilon=0.001, center=True, scale=True, beta_initializer='zeros', gamma_initializer='ones', moving_mean_initializer='zeros', moving_variance_initializer='ones', beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None, synchronized=False, renorm=False",
      ),
      build(a, input) {
        const axis = Number(toIndex(a.get('axis')));
        if (axis !== -1 && axis !== input.length) refuse('keras.normAxis', { call: 'BatchNormalization', axis: String(axis) });
        return engineLayer('bn', [], { scale: !a.flag('scale') && 'false', center: !a.flag('center') && 'false' });
      },
    },
  ],
  [
    'LayerNormalization',
    {
      sig: sig(
        'LayerNormalization',
        "axis=-1, epsilon=0.001, center=True, scale=True, rms_scaling=False, beta_initializer='zeros', gamma_initializer='ones', beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None",
      ),
      build(a, input) {
        const v = a.get('axis');
        const axes = (is(v, 'tuple') || is(v, 'list') ? v.items : [v]).map((x) => Number(toIndex(x))).map((x) => (x < 0 ? x + input.length + 1 : x));
        const sorted = [...axes].sort((x, y) => x - y);
        // the normalized axes must be the last ones (counted with the batch axis at 0)
        if (sorted.some((x, i) => x !== input.length - sorted.length + 1 + i)) refuse('keras.normAxis', { call: 'LayerNormalization', axis: String(v) });
        const dims = sorted.map((x) => input[x - 1]);
        if (dims.some((d) => d === null || d === undefined)) return engineLayer('ln', [], { scale: !a.flag('scale') && 'false', center: !a.flag('center') && 'false' });
        return engineLayer('ln', [dims.join('x')], { scale: !a.flag('scale') && 'false', center: (!a.flag('center') || a.flag('rms_scaling')) && 'false' });
      },
    },
  ],
  [
    'GroupNormalization',
    {
      sig: sig(
        'GroupNormalization',
        "groups=32, axis=-1, epsilon=0.001, center=True, scale=True, beta_initializer='zeros', gamma_initializer='ones', beta_regularizer=None, gamma_regularizer=None, beta_constraint=None, gamma_constraint=None",
      ),
      build: (a) => engineLayer('gn', [a.size('groups')], { scale: !a.flag('scale') && 'false', center: !a.flag('center') && 'false' }),
    },
  ],
  ['UnitNormalization', same('UnitNormalization', 'axis=-1')],
  [
    'Embedding',
    {
      sig: signature(
        'Embedding',
        "input_dim, output_dim, embeddings_initializer='uniform', embeddings_regularizer=None, embeddings_constraint=None, mask_zero=False, weights=None, lora_rank=None, **kwargs",
      ),
      build: (a) => engineLayer('embedding', [a.size('input_dim'), a.size('output_dim')]),
    },
  ],
  ['SimpleRNN', recurrent('rnn')],
  ['LSTM', recurrent('lstm')],
  ['GRU', recurrent('gru')],
  [
    'MultiHeadAttention',
    {
      sig: sig(
        'MultiHeadAttention',
        "num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True, output_shape=None, attention_axes=None, flash_attention=None, kernel_initializer='glorot_uniform', bias_initializer='zeros', kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None",
      ),
      build: (a) => engineLayer('mha', [a.size('num_heads')], mhaOptions(a)),
    },
  ],
  ['Activation', same('Activation', 'activation')],
  ['ReLU', same('ReLU', 'max_value=None, negative_slope=0.0, threshold=0.0')],
  ['LeakyReLU', same('LeakyReLU', 'negative_slope=0.3')],
  ['ELU', same('ELU', 'alpha=1.0')],
  ['Softmax', same('Softmax', 'axis=-1')],
  ['ThresholdedReLU', same('ThresholdedReLU', 'theta=1.0')],
  [
    'PReLU',
    {
      sig: signature('PReLU', "alpha_initializer='zeros', alpha_regularizer=None, alpha_constraint=None, shared_axes=None, **kwargs"),
      build(a, input) {
        const shared = a.get('shared_axes');
        if (shared === null) return engineLayer('prelu', [], { per: 'element' });
        const axes = (is(shared, 'tuple') || is(shared, 'list') ? shared.items : [shared]).map((x) => Number(toIndex(x)));
        // sharing every spatial axis leaves one slope per channel; other sharings are not modelled
        if (axes.length === input.length - 1 && axes.every((x, i) => x === i + 1)) return engineLayer('prelu', [], { per: 'channel' });
        return refuse('keras.preluAxes');
      },
    },
  ],
  ['ZeroPadding2D', { sig: signature('ZeroPadding2D', 'padding=(1, 1), data_format=None, **kwargs'), build: (a) => engineLayer('zeropad', [zeroPadding(a)]) }],
  ['UpSampling1D', { sig: signature('UpSampling1D', 'size=2, **kwargs'), build: (a) => engineLayer('upsample', [], { factor: a.sizes('size') }) }],
  ['UpSampling2D', { sig: signature('UpSampling2D', "size=(2, 2), data_format=None, interpolation='nearest', **kwargs"), build: (a) => engineLayer('upsample', [], { factor: a.sizes('size') }) }],
  ['UpSampling3D', { sig: signature('UpSampling3D', 'size=(2, 2, 2), data_format=None, **kwargs'), build: (a) => engineLayer('upsample', [], { factor: a.sizes('size') }) }],
  ['Add', merge('Add')],
  ['Subtract', merge('Subtract')],
  ['Multiply', merge('Multiply')],
  ['Average', merge('Average')],
  ['Maximum', merge('Maximum')],
  ['Minimum', merge('Minimum')],
  ['Concatenate', concatenate],
  ['Dot', dot],
  ['Rescaling', same('Rescaling', 'scale, offset=0.0')],
  [
    'Normalization',
    {
      sig: signature('Normalization', 'axis=-1, mean=None, variance=None, invert=False, **kwargs'),
      build(a) {
        // per feature of the last axis (the default); other axes keep statistics of other shapes
        if (!(a.get('axis') === -1n)) refuse('code.unsupported', { what: 'Normalization(axis=…) other than the last axis' });
        // mean= and variance= given: constants; else adapt() to data, and three non-trainable weights
        return engineLayer('normalization', [], { fixed: !a.isNone('mean') && !a.isNone('variance') && 'true' });
      },
    },
  ],
  [
    'Resizing',
    {
      sig: signature('Resizing', "height, width, interpolation='bilinear', crop_to_aspect_ratio=False, **kwargs"),
      build: () => engineLayer('identity', []),
      output: (a, input) => [a.int('height'), a.int('width'), input[input.length - 1] ?? null],
    },
  ],
  [
    'CenterCrop',
    { sig: signature('CenterCrop', 'height, width, **kwargs'), build: () => engineLayer('identity', []), output: (a, input) => [a.int('height'), a.int('width'), input[input.length - 1] ?? null] },
  ],
  [
    'RandomCrop',
    {
      sig: signature('RandomCrop', 'height, width, seed=None, **kwargs'),
      build: () => engineLayer('identity', []),
      output: (a, input) => [a.int('height'), a.int('width'), input[input.length - 1] ?? null],
    },
  ],
  ['RandomFlip', same('RandomFlip', "mode='horizontal_and_vertical', seed=None")],
  ['RandomRotation', same('RandomRotation', 'factor')],
  ['RandomZoom', same('RandomZoom', 'height_factor, width_factor=None')],
  ['RandomContrast', same('RandomContrast', 'factor, seed=None')],
  ['RandomTranslation', same('RandomTranslation', 'height_factor, width_factor')],
  ['RandomBrightness', same('RandomBrightness', 'factor, value_range=(0, 255)')],
  ['Masking', same('Masking', 'mask_value=0.0')],
]);
