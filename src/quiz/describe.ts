/**
 * Layers as a question shows them: the /count spec the engine counts, the Keras constructor a
 * student reads (`Conv2D(16, 3)`: 16 filters of 3×3, nothing to misread), the PyTorch one, and the
 * layer in words. One builder per kind makes all four from the same options, so a question's words
 * and code always state what its spec counts: a template writes a layer once and cannot describe
 * it one way while counting it another (test/quiz/answerable.test.ts reads every form back).
 */
import { formatInt } from '../engine/format.js';
import type { Framework } from '../engine/types.js';
import { msg, type MessageRef } from '../i18n/messages.js';

/** How a PyTorch tensor for the layer's input is written: images channels first; vectors and sequences as they are (batch_first); token ids. */
export type TorchInput = 'channelsFirst' | 'asIs' | { readonly ids: number };

/** One layer, its spellings; a framework's is missing where it has no such layer (Keras has no explicit padding). */
export interface Piece {
  readonly spec: string;
  readonly keras?: string;
  readonly torch?: string;
  /** What the Keras layer is called on, when not `(inputs)`: self-attention reads `(inputs, inputs)`. */
  readonly kerasCall?: string;
  /** What the PyTorch layer is called on, when not `(x)`: nn.MultiheadAttention reads `(x, x, x)`. */
  readonly torchCall?: string;
  /** The spec states the input's last axis (C_in, IN, D): `in=` gives only the axes before it. */
  readonly features: boolean;
  readonly torchInput: TorchInput;
  /** Counted under this framework's conventions only (BatchNorm's statistics, recurrent biases): its code is that framework's alone. */
  readonly framework?: Framework;
  /** The layer in words on `input`, in wording `v` (0 or 1); absent where only code says it all. */
  readonly words?: (v: number, input: readonly number[]) => MessageRef;
  /** What a block's words call the layer (attention, LayerNorm): how feedback names it there. */
  readonly noun?: MessageRef;
}

/** A number as the question's words show it: 1,792. Code never shows it so (`dim_feedforward=1024`). */
export const n = (x: number | bigint): string => formatInt(x);
/** `3×3`, `1×7`, `5` (a 1-D kernel). */
const kernelWords = (k: number | readonly [number, number], rank: 1 | 2) => (typeof k === 'number' ? (rank === 1 ? String(k) : `${k}×${k}`) : k.join('×'));
/** The spatial sizes of an input, `56×56` (or `120` steps). */
const spatialWords = (input: readonly number[]) => input.slice(0, -1).join('×');
const shapeWords = (input: readonly number[]) => input.join('×');
const yes = (b: boolean) => (b ? 'yes' : 'no');

const opts = (...parts: Array<string | false | undefined>) => parts.filter((p): p is string => typeof p === 'string' && p !== '');
const call = (name: string, args: readonly string[]) => `${name}(${args.join(', ')})`;
export const pyTuple = (dims: readonly number[]) => (dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`);
const kernelArg = (k: number | readonly [number, number]) => (typeof k === 'number' ? String(k) : pyTuple(k));
const kernelSpec = (k: number | readonly [number, number]) => (typeof k === 'number' ? String(k) : k.join('x'));
/** Padding as words state it: always, so a question never leaves its convention to be guessed ('valid', as /count and Keras default to). */
const padWords = (pad: 'same' | number | undefined) => (pad === undefined || pad === 0 ? 'valid' : String(pad));
const channelsOf = (input: readonly number[]) => input[input.length - 1]!;

export interface ConvOptions {
  /** Input channels: given on a layer of its own, left out inside a model. */
  readonly cin?: number | undefined;
  readonly cout: number;
  readonly k: number | readonly [number, number];
  readonly stride?: number | undefined;
  /** 'same', or zeros on each side (PyTorch only). */
  readonly pad?: 'same' | number | undefined;
  readonly dilation?: number | undefined;
  readonly groups?: number | undefined;
  readonly bias?: boolean | undefined;
  readonly rank?: 1 | 2 | undefined;
  readonly frozen?: boolean | undefined;
}

export function conv(o: ConvOptions): Piece {
  const rank = o.rank ?? 2;
  const stride = o.stride ?? 1;
  const bias = o.bias ?? true;
  const spec = [
    rank === 1 ? 'conv1d' : 'conv',
    ...(o.cin === undefined ? [] : [String(o.cin)]),
    String(o.cout),
    kernelSpec(o.k),
    ...opts(
      stride !== 1 && `stride=${stride}`,
      o.pad !== undefined && `pad=${o.pad}`,
      (o.dilation ?? 1) !== 1 && `dilation=${o.dilation}`,
      (o.groups ?? 1) !== 1 && `groups=${o.groups}`,
      !bias && 'bias=false',
      o.frozen && 'trainable=false',
    ),
  ].join(' ');
  const kerasName = rank === 1 ? 'Conv1D' : 'Conv2D';
  const keras =
    typeof o.pad === 'number'
      ? undefined
      : call(kerasName, [
          String(o.cout),
          kernelArg(o.k),
          ...opts(
            stride !== 1 && `strides=${stride}`,
            o.pad === 'same' && `padding="same"`,
            (o.dilation ?? 1) !== 1 && `dilation_rate=${o.dilation}`,
            (o.groups ?? 1) !== 1 && `groups=${o.groups}`,
            !bias && 'use_bias=False',
            o.frozen && 'trainable=False',
          ),
        ]);
  const torch =
    o.cin === undefined || (o.pad === 'same' && stride !== 1)
      ? undefined
      : call(`nn.Conv${rank}d`, [
          String(o.cin),
          String(o.cout),
          `kernel_size=${kernelArg(o.k)}`,
          ...opts(
            stride !== 1 && `stride=${stride}`,
            o.pad === 'same' ? `padding="same"` : o.pad !== undefined && `padding=${o.pad}`,
            (o.dilation ?? 1) !== 1 && `dilation=${o.dilation}`,
            (o.groups ?? 1) !== 1 && `groups=${o.groups}`,
            !bias && 'bias=False',
          ),
        ]);
  const words = (v: number, input: readonly number[]) =>
    msg(rank === 1 ? 'd.conv1d' : 'd.conv', {
      v: String(v),
      cin: n(o.cin ?? channelsOf(input)),
      cout: n(o.cout),
      k: kernelWords(o.k, rank),
      size: spatialWords(input),
      stride: stride !== 1 ? String(stride) : '',
      pad: padWords(o.pad),
      dilation: (o.dilation ?? 1) !== 1 ? String(o.dilation) : '',
      groups: (o.groups ?? 1) !== 1 ? String(o.groups) : '',
      bias: yes(bias),
    });
  return { spec, ...(keras && { keras }), ...(torch && { torch }), features: o.cin !== undefined, torchInput: 'channelsFirst', ...(!o.frozen && { words }) };
}

export function deconv(o: { cin?: number; cout: number; k: number; stride: number }): Piece {
  return {
    spec: ['deconv', ...(o.cin === undefined ? [] : [String(o.cin)]), String(o.cout), String(o.k), `stride=${o.stride}`].join(' '),
    keras: call('Conv2DTranspose', [String(o.cout), String(o.k), `strides=${o.stride}`]),
    ...(o.cin !== undefined && { torch: call('nn.ConvTranspose2d', [String(o.cin), String(o.cout), `kernel_size=${o.k}`, `stride=${o.stride}`]) }),
    features: o.cin !== undefined,
    torchInput: 'channelsFirst',
    words: (v, input) => msg('d.deconv', { v: String(v), cin: n(o.cin ?? channelsOf(input)), cout: n(o.cout), k: kernelWords(o.k, 2), stride: String(o.stride), size: spatialWords(input) }),
  };
}

export function dwconv(o: { c?: number; k: number; mult?: number; stride?: number; pad?: 'same'; bias?: boolean }): Piece {
  const mult = o.mult ?? 1;
  const bias = o.bias ?? true;
  const stride = o.stride ?? 1;
  return {
    spec: [
      'dwconv',
      ...(o.c === undefined ? [] : [String(o.c)]),
      String(o.k),
      ...opts(mult !== 1 && `mult=${mult}`, stride !== 1 && `stride=${stride}`, o.pad && `pad=${o.pad}`, !bias && 'bias=false'),
    ].join(' '),
    keras: call('DepthwiseConv2D', [String(o.k), ...opts(stride !== 1 && `strides=${stride}`, o.pad && `padding="same"`, mult !== 1 && `depth_multiplier=${mult}`, !bias && 'use_bias=False')]),
    ...(o.c !== undefined &&
      !(o.pad && stride !== 1) && {
        torch: call('nn.Conv2d', [
          String(o.c),
          String(o.c * mult),
          `kernel_size=${o.k}`,
          `groups=${o.c}`,
          ...opts(stride !== 1 && `stride=${stride}`, o.pad && `padding="same"`, !bias && 'bias=False'),
        ]),
      }),
    features: o.c !== undefined,
    torchInput: 'channelsFirst',
    words: (v, input) =>
      msg('d.dwconv', {
        v: String(v),
        c: n(o.c ?? channelsOf(input)),
        k: kernelWords(o.k, 2),
        mult: String(mult),
        size: spatialWords(input),
        stride: stride !== 1 ? String(stride) : '',
        pad: padWords(o.pad),
        bias: yes(bias),
      }),
  };
}

export function sepconv(o: { cin?: number; cout: number; k: number; mult?: number; stride?: number; pad?: 'same' }): Piece {
  const mult = o.mult ?? 1;
  const stride = o.stride ?? 1;
  return {
    spec: [
      'sepconv',
      ...(o.cin === undefined ? [] : [String(o.cin)]),
      String(o.cout),
      String(o.k),
      ...opts(mult !== 1 && `mult=${mult}`, stride !== 1 && `stride=${stride}`, o.pad && `pad=${o.pad}`),
    ].join(' '),
    keras: call('SeparableConv2D', [String(o.cout), String(o.k), ...opts(stride !== 1 && `strides=${stride}`, o.pad && `padding="same"`, mult !== 1 && `depth_multiplier=${mult}`)]),
    features: o.cin !== undefined,
    torchInput: 'channelsFirst',
    words: (v, input) =>
      msg('d.sepconv', {
        v: String(v),
        cin: n(o.cin ?? channelsOf(input)),
        cout: n(o.cout),
        k: kernelWords(o.k, 2),
        mult: String(mult),
        size: spatialWords(input),
        stride: stride !== 1 ? String(stride) : '',
        pad: padWords(o.pad),
      }),
  };
}

export function dense(o: { in?: number; out: number; bias?: boolean; frozen?: boolean }): Piece {
  const bias = o.bias ?? true;
  return {
    spec: ['dense', ...(o.in === undefined ? [] : [String(o.in)]), String(o.out), ...opts(!bias && 'bias=false', o.frozen && 'trainable=false')].join(' '),
    keras: call('Dense', [String(o.out), ...opts(!bias && 'use_bias=False', o.frozen && 'trainable=False')]),
    ...(o.in !== undefined && { torch: call('nn.Linear', [String(o.in), String(o.out), ...opts(!bias && 'bias=False')]) }),
    features: o.in !== undefined,
    torchInput: 'asIs',
    ...(!o.frozen && {
      // on a vector: its inputs; on a sequence: the steps it is applied at
      words: (v: number, input: readonly number[]) =>
        input.length === 1
          ? msg('d.dense', { v: String(v), in: n(o.in ?? input[0]!), out: n(o.out), bias: yes(bias) })
          : msg('d.denseSequence', { v: String(v), t: n(input[0]!), in: n(o.in ?? channelsOf(input)), out: n(o.out), bias: yes(bias) }),
    }),
  };
}

export function embedding(o: { v: number; d: number }): Piece {
  return {
    spec: `embedding ${o.v} ${o.d}`,
    keras: call('Embedding', [String(o.v), String(o.d)]),
    torch: call('nn.Embedding', [String(o.v), String(o.d)]),
    features: false,
    torchInput: { ids: o.v },
    words: (v, input) => msg('d.embedding', { v: String(v), vocab: n(o.v), d: n(o.d), t: n(input[0]!) }),
  };
}

export function bn(o: { c?: number; scale?: boolean; center?: boolean; rank?: 1 | 2; frozen?: boolean; framework?: Framework }): Piece {
  const scale = o.scale ?? true;
  const center = o.center ?? true;
  const torch = o.c !== undefined && scale && center && o.framework !== 'keras';
  return {
    spec: ['bn', ...(o.c === undefined ? [] : [String(o.c)]), ...opts(!scale && 'scale=false', !center && 'center=false', o.frozen && 'trainable=false')].join(' '),
    ...(o.framework !== 'pytorch' && { keras: call('BatchNormalization', opts(!scale && 'scale=False', !center && 'center=False', o.frozen && 'trainable=False')) }),
    ...(torch && { torch: call(`nn.BatchNorm${o.rank ?? 2}d`, [String(o.c)]) }),
    features: o.c !== undefined,
    torchInput: 'channelsFirst',
    ...(o.framework && { framework: o.framework }),
    ...(o.framework &&
      !o.frozen && {
        words: (v: number, input: readonly number[]) =>
          scale && center
            ? msg('d.bn', { v: String(v), shape: shapeWords(input), framework: o.framework === 'keras' ? 'Keras' : 'PyTorch' })
            : msg('d.bnPartial', { v: String(v), shape: shapeWords(input), off: scale ? 'center' : 'scale' }),
      }),
  };
}

export function ln(o: { c?: number; bias?: boolean }): Piece {
  const bias = o.bias ?? true;
  return {
    spec: ['ln', ...(o.c === undefined ? [] : [String(o.c)]), ...opts(!bias && 'bias=false')].join(' '),
    keras: call('LayerNormalization', opts(!bias && 'center=False')),
    noun: msg('noun.ln'),
    ...(o.c !== undefined && { torch: call('nn.LayerNorm', [String(o.c), ...opts(!bias && 'bias=False')]) }),
    features: o.c !== undefined,
    torchInput: 'asIs',
    ...(bias && { words: (v: number, input: readonly number[]) => msg('d.ln', { v: String(v), t: n(input[0]!), d: n(o.c ?? channelsOf(input)) }) }),
  };
}

export function gn(o: { groups: number; c?: number }): Piece {
  return {
    spec: ['gn', String(o.groups), ...(o.c === undefined ? [] : [String(o.c)])].join(' '),
    keras: call('GroupNormalization', [`groups=${o.groups}`]),
    ...(o.c !== undefined && { torch: call('nn.GroupNorm', [String(o.groups), String(o.c)]) }),
    features: o.c !== undefined,
    torchInput: 'channelsFirst',
    words: (v, input) => msg('d.gn', { v: String(v), g: String(o.groups), shape: shapeWords(input) }),
  };
}

export type Cell = 'rnn' | 'lstm' | 'gru';
const KERAS_CELLS: Record<Cell, string> = { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };
const TORCH_CELLS: Record<Cell, string> = { rnn: 'nn.RNN', lstm: 'nn.LSTM', gru: 'nn.GRU' };

/** `framework`: the conventions the question counts under (Keras keeps one bias vector per gate, PyTorch two). */
export function recurrent(o: { cell: Cell; in?: number; h: number; layers?: number; bidirectional?: boolean; resetAfter?: false; sequences?: boolean; framework?: Framework }): Piece {
  const layers = o.layers ?? 1;
  const inner = call(KERAS_CELLS[o.cell], [String(o.h), ...opts(o.resetAfter === false && 'reset_after=False', o.sequences && 'return_sequences=True')]);
  const framework = o.framework ?? 'keras';
  return {
    spec: [
      o.cell,
      ...(o.in === undefined ? [] : [String(o.in)]),
      String(o.h),
      ...opts(layers !== 1 && `layers=${layers}`, o.bidirectional && 'bidirectional=true', o.resetAfter === false && 'reset_after=false', o.sequences && 'seq=true'),
    ].join(' '),
    ...(framework === 'keras' && { keras: o.bidirectional ? call('Bidirectional', [inner]) : inner }),
    ...(o.in !== undefined &&
      o.resetAfter === undefined &&
      framework === 'pytorch' && {
        torch: call(TORCH_CELLS[o.cell], [String(o.in), String(o.h), ...opts(layers !== 1 && `num_layers=${layers}`, o.bidirectional && 'bidirectional=True', 'batch_first=True')]),
      }),
    features: o.in !== undefined,
    torchInput: 'asIs',
    ...(o.framework && { framework: o.framework }),
    ...(o.framework && {
      words: (v: number, input: readonly number[]) =>
        msg('d.recurrent', {
          v: String(v),
          type: (framework === 'keras' ? KERAS_CELLS : TORCH_CELLS)[o.cell],
          in: n(o.in ?? channelsOf(input)),
          h: n(o.h),
          t: n(input[0]!),
          framework: framework === 'keras' ? 'Keras' : 'PyTorch',
          layers: layers > 1 ? String(layers) : '',
          bidirectional: o.bidirectional ? 'yes' : '',
          resetAfter: o.resetAfter === false ? 'no' : '',
        }),
    }),
  };
}

/**
 * Multi-head attention. `style` picks the words: the layer as either framework builds it (heads of
 * D/h), PyTorch's nn.MultiheadAttention, or Keras's MultiHeadAttention with its own key_dim.
 * `selfCall`: the Keras layer called as self-attention, on (query, value) = (inputs, inputs).
 */
export function mha(o: { heads: number; d?: number; keyDim?: number; valueDim?: number; bias?: boolean; selfCall?: boolean; style?: 'either' | 'pytorch' | 'keras' }): Piece {
  const bias = o.bias ?? true;
  const style = o.style ?? 'either';
  const keyDim = o.keyDim ?? (o.d === undefined ? undefined : o.d / o.heads);
  return {
    spec: [
      'mha',
      String(o.heads),
      ...(o.d === undefined ? [] : [String(o.d)]),
      ...opts(o.keyDim !== undefined && `key_dim=${o.keyDim}`, o.valueDim !== undefined && `value_dim=${o.valueDim}`, !bias && 'bias=false'),
    ].join(' '),
    ...(style !== 'pytorch' && {
      keras: call('MultiHeadAttention', [`num_heads=${o.heads}`, `key_dim=${keyDim ?? '?'}`, ...opts(o.valueDim !== undefined && `value_dim=${o.valueDim}`, !bias && 'use_bias=False')]),
    }),
    ...(o.d !== undefined &&
      o.keyDim === undefined &&
      o.valueDim === undefined &&
      style !== 'keras' && { torch: call('nn.MultiheadAttention', [String(o.d), String(o.heads), ...opts(!bias && 'bias=False'), 'batch_first=True']) }),
    ...(o.selfCall && { kerasCall: '(inputs, inputs)' }),
    torchCall: '(x, x, x)',
    noun: msg('noun.attention'),
    features: o.d !== undefined,
    torchInput: 'asIs',
    ...(style === 'pytorch' && { framework: 'pytorch' as const }),
    words: (v, input) => {
      const d = o.d ?? channelsOf(input);
      const common = { v: String(v), heads: String(o.heads), d: n(d), t: n(input[0]!) };
      if (style === 'pytorch') return msg('d.torchMha', { ...common, bias: yes(bias) });
      if (style === 'keras') return msg('d.kerasMha', { ...common, key: String(keyDim), value: o.valueDim === undefined ? '' : String(o.valueDim), bias: yes(bias) });
      return msg('d.mha', { ...common, key: String(keyDim) });
    },
  };
}

/** Which biases an attention with separate Q/K/V/O projections has: all, none, or Q/K/V only (Qwen2). */
export type AttentionBias = 'all' | 'none' | 'qkv';
const ATTENTION_BIAS: Readonly<Record<AttentionBias, string>> = { all: '', none: 'bias=false', qkv: 'qkv_bias=true out_bias=false' };

/** Attention with separate Q/K/V/O projections (Hugging Face's q_proj, k_proj, v_proj, o_proj): no Keras or PyTorch layer of its own. */
export function attention(o: { heads: number; d?: number; kvHeads?: number; headDim?: number; bias: AttentionBias }): Piece {
  return {
    spec: [
      'attention',
      String(o.heads),
      ...(o.d === undefined ? [] : [String(o.d)]),
      ...opts(o.kvHeads !== undefined && o.kvHeads !== o.heads && `kv_heads=${o.kvHeads}`, o.headDim !== undefined && `head_dim=${o.headDim}`, ATTENTION_BIAS[o.bias]),
    ].join(' '),
    features: o.d !== undefined,
    noun: msg('noun.attention'),
    torchInput: 'asIs',
    words: (v, input) => {
      const d = o.d ?? channelsOf(input);
      return msg('d.gqa', { v: String(v), d: n(d), heads: String(o.heads), kv: String(o.kvHeads ?? o.heads), dh: String(o.headDim ?? d / o.heads), t: n(input[0]!), bias: o.bias });
    },
  };
}

/** A feed-forward block, D → F → D (`gated`: SwiGLU or GeGLU, three matrices). */
export function feedForward(o: { d?: number; f: number; bias: boolean; kind: 'mlp' | 'swiglu' | 'geglu'; act?: 'relu' | 'gelu' }): Piece {
  return {
    spec: [o.kind, ...(o.d === undefined ? [] : [String(o.d)]), String(o.f), ...opts(!o.bias && 'bias=false', o.act !== undefined && o.act !== 'gelu' && `act=${o.act}`)].join(' '),
    features: o.d !== undefined,
    noun: msg(o.kind === 'mlp' ? 'noun.mlp' : 'noun.gated'),
    torchInput: 'asIs',
    words: (v, input) => {
      const common = { v: String(v), d: n(o.d ?? channelsOf(input)), f: n(o.f), t: n(input[0]!), bias: yes(o.bias) };
      return o.kind === 'mlp' ? msg('d.ffn', common) : msg('d.gated', { ...common, kind: o.kind === 'swiglu' ? 'SwiGLU' : 'GeGLU' });
    },
  };
}

/** A layer only a block's words or a model's code shows (no words of its own). */
const inModel = (spec: string, o: Partial<Pick<Piece, 'keras' | 'torch' | 'noun'>> = {}): Piece => ({ spec, ...o, features: false, torchInput: 'channelsFirst' });

export const rmsnorm: Piece = inModel('rmsnorm', { noun: msg('noun.rmsnorm') });

/** A named token embedding (a tied head names it), a learned position table, the LM head. */
export const tokens = (o: { name: string; v: number; d: number }): Piece => inModel(`${o.name}: embedding ${o.v} ${o.d}`, { noun: msg('noun.tokens') });
export const positions = (p: number): Piece => inModel(`posembed ${p}`, { noun: msg('noun.positions') });
export const lmHead = (o: { v: number; tie?: string }): Piece => inModel(['lm_head: lmhead', String(o.v), ...opts(o.tie !== undefined && `tie=${o.tie}`)].join(' '), { noun: msg('noun.lmHead') });

export function pool(o: { k: number; stride?: number | undefined; pad?: 'same' | number | undefined; avg?: boolean }): Piece {
  const name = o.avg ? 'avgpool' : 'maxpool';
  const stride = o.stride ?? o.k;
  return {
    spec: [name, String(o.k), ...opts(stride !== o.k && `stride=${stride}`, o.pad !== undefined && `pad=${o.pad}`)].join(' '),
    ...(typeof o.pad !== 'number' && { keras: call(o.avg ? 'AveragePooling2D' : 'MaxPooling2D', [String(o.k), ...opts(stride !== o.k && `strides=${stride}`, o.pad === 'same' && `padding="same"`)]) }),
    ...(o.pad !== 'same' && { torch: call(o.avg ? 'nn.AvgPool2d' : 'nn.MaxPool2d', [String(o.k), ...opts(stride !== o.k && `stride=${stride}`, o.pad !== undefined && `padding=${o.pad}`)]) }),
    features: false,
    torchInput: 'channelsFirst',
    ...(o.pad === undefined && {
      words: (v: number, input: readonly number[]) => msg('d.pool', { v: String(v), k: kernelWords(o.k, 2), stride: String(stride), shape: shapeWords(input), avg: yes(o.avg === true) }),
    }),
  };
}

export const flatten: Piece = inModel('flatten', { keras: 'Flatten()', torch: 'nn.Flatten()' });
export const gap: Piece = inModel('gap', { keras: 'GlobalAveragePooling2D()' });
export const dropout = (p: number): Piece => inModel(`dropout ${p}`, { keras: `Dropout(${p})`, torch: `nn.Dropout(${p})` });

/** A model: an input shape and its layers, as /count chains them. */
export interface Model {
  readonly input: readonly number[];
  readonly layers: readonly Piece[];
}

export const modelSpec = (m: Model) => [`input ${m.input.join('x')}`, ...m.layers.map((l) => l.spec)].join(' > ');

/** `{ a > b } x12`: the layers repeated, each copy with its own weights. */
export const repeated = (layers: readonly Piece[], times: number): Piece => inModel(times === 1 ? layers.map((l) => l.spec).join(' > ') : `{ ${layers.map((l) => l.spec).join(' > ')} } x${times}`);

/** `in=56x56`: the input a layer asked alone is given, but the axis its own arguments state; '' when that leaves nothing. */
export function inOption(piece: Piece, input: readonly number[]): string {
  const dims = piece.features ? input.slice(0, -1) : input;
  return dims.length === 0 ? '' : ` in=${dims.join('x')}`;
}

/** The conventions a question counts under: those its pieces name, else Keras's (they count alike there). */
export function frameworkOf(pieces: readonly Piece[]): Framework {
  return pieces.some((p) => p.framework === 'pytorch') ? 'pytorch' : 'keras';
}

const kerasOf = (p: Piece): string => {
  if (p.keras === undefined) throw new Error(`${p.spec} has no Keras spelling`);
  return p.keras;
};

/** The model as Keras code a student would write. */
export function kerasModel(m: Model): string {
  return ['model = keras.Sequential([', `    keras.Input(shape=${pyTuple(m.input)}),`, ...m.layers.map((l) => `    layers.${kerasOf(l)},`), '])'].join('\n');
}

/** One layer as Keras code: its input first, so the channels are there to read. */
export function kerasLayer(input: readonly number[], piece: Piece): string {
  return [`inputs = keras.Input(shape=${pyTuple(input)})`, `outputs = layers.${kerasOf(piece)}${piece.kerasCall ?? '(inputs)'}`].join('\n');
}

/**
 * The input tensor PyTorch code feeds: `torch.randn(1, 3, 32, 32)` for an image, token ids for an
 * embedding. One example, so MACs per forward pass are per example; two where a BatchNorm1d
 * follows, which refuses a batch of one in training mode (what a fresh model is in).
 */
function torchInput(input: readonly number[], layout: TorchInput, batch = 1): string {
  if (typeof layout === 'object') return `torch.randint(0, ${layout.ids}, ${pyTuple([batch, ...input])})`;
  const dims = layout === 'channelsFirst' && input.length > 1 ? [input[input.length - 1]!, ...input.slice(0, -1)] : input;
  return `torch.randn(${[batch, ...dims].join(', ')})`;
}

/** One layer as PyTorch code, called on its input so every size it depends on is there to read. */
export function torchLayer(input: readonly number[], piece: Piece): string {
  return [`layer = ${piece.torch}`, `x = ${torchInput(input, piece.torchInput)}`, `y = layer${piece.torchCall ?? '(x)'}`].join('\n');
}

/** A model as PyTorch code, called on its input; undefined when a layer has no PyTorch spelling. */
export function torchModel(m: Model): string | undefined {
  if (m.layers.some((p) => p.torch === undefined)) return undefined;
  const batch = m.layers.some((p) => p.torch?.startsWith('nn.BatchNorm1d')) ? 2 : 1;
  return ['model = nn.Sequential(', ...m.layers.map((p) => `    ${p.torch},`), ')', `x = ${torchInput(m.input, m.layers[0]!.torchInput, batch)}`, 'y = model(x)'].join('\n');
}

/** A code block as one part of a prompt. */
export const code = (text: string): MessageRef => msg('q.code', { code: text });
