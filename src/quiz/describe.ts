/**
 * Layers as a question shows them: the /count spec the engine counts, the Keras constructor a
 * student reads (`Conv2D(16, 3)`: 16 filters of 3×3, nothing to misread), and the PyTorch one.
 * One builder per kind, so a template writes a layer once and gets all three spellings, and the
 * code a question shows always means what the spec means (a test counts the code itself).
 */
import { msg, type MessageRef } from '../i18n/messages.js';

/** One layer, three spellings; a framework's is missing where it has no such layer (Keras has no explicit padding). */
export interface Piece {
  readonly spec: string;
  readonly keras?: string;
  readonly torch?: string;
  /** What the Keras layer is called on, when not `(inputs)`: self-attention reads `(inputs, inputs)`. */
  readonly kerasCall?: string;
}

const opts = (...parts: Array<string | false | undefined>) => parts.filter((p): p is string => typeof p === 'string' && p !== '');
const call = (name: string, args: readonly string[]) => `${name}(${args.join(', ')})`;
export const pyTuple = (dims: readonly number[]) => (dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`);
const kernelArg = (k: number | readonly [number, number]) => (typeof k === 'number' ? String(k) : pyTuple(k));
const kernelSpec = (k: number | readonly [number, number]) => (typeof k === 'number' ? String(k) : k.join('x'));

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
    ...opts(stride !== 1 && `stride=${stride}`, o.pad !== undefined && `pad=${o.pad}`, (o.dilation ?? 1) !== 1 && `dilation=${o.dilation}`, (o.groups ?? 1) !== 1 && `groups=${o.groups}`, !bias && 'bias=false', o.frozen && 'trainable=false'),
  ].join(' ');
  const kerasName = rank === 1 ? 'Conv1D' : 'Conv2D';
  const keras =
    typeof o.pad === 'number'
      ? undefined
      : call(kerasName, [
          String(o.cout),
          kernelArg(o.k),
          ...opts(stride !== 1 && `strides=${stride}`, o.pad === 'same' && `padding="same"`, (o.dilation ?? 1) !== 1 && `dilation_rate=${o.dilation}`, (o.groups ?? 1) !== 1 && `groups=${o.groups}`, !bias && 'use_bias=False', o.frozen && 'trainable=False'),
        ]);
  const torch =
    o.cin === undefined || (o.pad === 'same' && stride !== 1)
      ? undefined
      : call(`nn.Conv${rank}d`, [
          String(o.cin),
          String(o.cout),
          `kernel_size=${kernelArg(o.k)}`,
          ...opts(stride !== 1 && `stride=${stride}`, o.pad === 'same' ? `padding="same"` : o.pad !== undefined && `padding=${o.pad}`, (o.dilation ?? 1) !== 1 && `dilation=${o.dilation}`, (o.groups ?? 1) !== 1 && `groups=${o.groups}`, !bias && 'bias=False'),
        ]);
  return { spec, ...(keras && { keras }), ...(torch && { torch }) };
}

export function deconv(o: { cin?: number; cout: number; k: number; stride: number }): Piece {
  return {
    spec: ['deconv', ...(o.cin === undefined ? [] : [String(o.cin)]), String(o.cout), String(o.k), `stride=${o.stride}`].join(' '),
    keras: call('Conv2DTranspose', [String(o.cout), String(o.k), `strides=${o.stride}`]),
    ...(o.cin !== undefined && { torch: call('nn.ConvTranspose2d', [String(o.cin), String(o.cout), `kernel_size=${o.k}`, `stride=${o.stride}`]) }),
  };
}

export function dwconv(o: { c?: number; k: number; mult?: number; stride?: number; pad?: 'same'; bias?: boolean }): Piece {
  const mult = o.mult ?? 1;
  const bias = o.bias ?? true;
  const stride = o.stride ?? 1;
  return {
    spec: ['dwconv', ...(o.c === undefined ? [] : [String(o.c)]), String(o.k), ...opts(mult !== 1 && `mult=${mult}`, stride !== 1 && `stride=${stride}`, o.pad && `pad=${o.pad}`, !bias && 'bias=false')].join(' '),
    keras: call('DepthwiseConv2D', [String(o.k), ...opts(stride !== 1 && `strides=${stride}`, o.pad && `padding="same"`, mult !== 1 && `depth_multiplier=${mult}`, !bias && 'use_bias=False')]),
    ...(o.c !== undefined &&
      !(o.pad && stride !== 1) && {
        torch: call('nn.Conv2d', [String(o.c), String(o.c * mult), `kernel_size=${o.k}`, `groups=${o.c}`, ...opts(stride !== 1 && `stride=${stride}`, o.pad && `padding="same"`, !bias && 'bias=False')]),
      }),
  };
}

export function sepconv(o: { cin?: number; cout: number; k: number; mult?: number; stride?: number; pad?: 'same' }): Piece {
  const mult = o.mult ?? 1;
  const stride = o.stride ?? 1;
  return {
    spec: ['sepconv', ...(o.cin === undefined ? [] : [String(o.cin)]), String(o.cout), String(o.k), ...opts(mult !== 1 && `mult=${mult}`, stride !== 1 && `stride=${stride}`, o.pad && `pad=${o.pad}`)].join(' '),
    keras: call('SeparableConv2D', [String(o.cout), String(o.k), ...opts(stride !== 1 && `strides=${stride}`, o.pad && `padding="same"`, mult !== 1 && `depth_multiplier=${mult}`)]),
  };
}

export function dense(o: { in?: number; out: number; bias?: boolean; frozen?: boolean }): Piece {
  const bias = o.bias ?? true;
  return {
    spec: ['dense', ...(o.in === undefined ? [] : [String(o.in)]), String(o.out), ...opts(!bias && 'bias=false', o.frozen && 'trainable=false')].join(' '),
    keras: call('Dense', [String(o.out), ...opts(!bias && 'use_bias=False', o.frozen && 'trainable=False')]),
    ...(o.in !== undefined && { torch: call('nn.Linear', [String(o.in), String(o.out), ...opts(!bias && 'bias=False')]) }),
  };
}

export function embedding(o: { v: number; d: number }): Piece {
  return { spec: `embedding ${o.v} ${o.d}`, keras: call('Embedding', [String(o.v), String(o.d)]), torch: call('nn.Embedding', [String(o.v), String(o.d)]) };
}

export function bn(o: { c?: number; scale?: boolean; center?: boolean; rank?: 1 | 2; frozen?: boolean }): Piece {
  const scale = o.scale ?? true;
  const center = o.center ?? true;
  return {
    spec: ['bn', ...(o.c === undefined ? [] : [String(o.c)]), ...opts(!scale && 'scale=false', !center && 'center=false', o.frozen && 'trainable=false')].join(' '),
    keras: call('BatchNormalization', opts(!scale && 'scale=False', !center && 'center=False', o.frozen && 'trainable=False')),
    ...(o.c !== undefined && scale && center && { torch: call(`nn.BatchNorm${o.rank ?? 2}d`, [String(o.c)]) }),
  };
}

export function ln(o: { c?: number; bias?: boolean }): Piece {
  const bias = o.bias ?? true;
  return {
    spec: ['ln', ...(o.c === undefined ? [] : [String(o.c)]), ...opts(!bias && 'bias=false')].join(' '),
    keras: call('LayerNormalization', opts(!bias && 'center=False')),
    ...(o.c !== undefined && { torch: call('nn.LayerNorm', [String(o.c), ...opts(!bias && 'bias=False')]) }),
  };
}

export function gn(o: { groups: number; c?: number }): Piece {
  return {
    spec: ['gn', String(o.groups), ...(o.c === undefined ? [] : [String(o.c)])].join(' '),
    keras: call('GroupNormalization', [`groups=${o.groups}`]),
    ...(o.c !== undefined && { torch: call('nn.GroupNorm', [String(o.groups), String(o.c)]) }),
  };
}

export type Cell = 'rnn' | 'lstm' | 'gru';
const KERAS_CELLS: Record<Cell, string> = { rnn: 'SimpleRNN', lstm: 'LSTM', gru: 'GRU' };
const TORCH_CELLS: Record<Cell, string> = { rnn: 'nn.RNN', lstm: 'nn.LSTM', gru: 'nn.GRU' };

export function recurrent(o: { cell: Cell; in?: number; h: number; layers?: number; bidirectional?: boolean; resetAfter?: false; sequences?: boolean }): Piece {
  const layers = o.layers ?? 1;
  const inner = call(KERAS_CELLS[o.cell], [String(o.h), ...opts(o.resetAfter === false && 'reset_after=False', o.sequences && 'return_sequences=True')]);
  return {
    spec: [
      o.cell,
      ...(o.in === undefined ? [] : [String(o.in)]),
      String(o.h),
      ...opts(layers !== 1 && `layers=${layers}`, o.bidirectional && 'bidirectional=true', o.resetAfter === false && 'reset_after=false', o.sequences && 'seq=true'),
    ].join(' '),
    keras: o.bidirectional ? call('Bidirectional', [inner]) : inner,
    ...(o.in !== undefined && o.resetAfter === undefined && {
      torch: call(TORCH_CELLS[o.cell], [String(o.in), String(o.h), ...opts(layers !== 1 && `num_layers=${layers}`, o.bidirectional && 'bidirectional=True', 'batch_first=True')]),
    }),
  };
}

/** `selfCall`: the Keras layer called as self-attention, on (query, value) = (inputs, inputs). */
export function mha(o: { heads: number; d?: number; keyDim?: number; valueDim?: number; bias?: boolean; selfCall?: boolean }): Piece {
  const bias = o.bias ?? true;
  return {
    spec: ['mha', String(o.heads), ...(o.d === undefined ? [] : [String(o.d)]), ...opts(o.keyDim !== undefined && `key_dim=${o.keyDim}`, o.valueDim !== undefined && `value_dim=${o.valueDim}`, !bias && 'bias=false')].join(' '),
    keras: call('MultiHeadAttention', [`num_heads=${o.heads}`, `key_dim=${o.keyDim ?? (o.d === undefined ? '?' : o.d / o.heads)}`, ...opts(o.valueDim !== undefined && `value_dim=${o.valueDim}`, !bias && 'use_bias=False')]),
    ...(o.d !== undefined && o.keyDim === undefined && o.valueDim === undefined && { torch: call('nn.MultiheadAttention', [String(o.d), String(o.heads), ...opts(!bias && 'bias=False'), 'batch_first=True']) }),
    ...(o.selfCall && { kerasCall: '(inputs, inputs)' }),
  };
}

/** Which biases an attention with separate Q/K/V/O projections has: all, none, or Q/K/V only (Qwen2). */
export type AttentionBias = 'all' | 'none' | 'qkv';
const ATTENTION_BIAS: Readonly<Record<AttentionBias, string>> = { all: '', none: 'bias=false', qkv: 'qkv_bias=true out_bias=false' };

/** Attention with separate Q/K/V/O projections (Hugging Face's q_proj, k_proj, v_proj, o_proj): no Keras or PyTorch layer of its own. */
export function attention(o: { heads: number; d?: number; kvHeads?: number; headDim?: number; bias: AttentionBias }): Piece {
  return {
    spec: ['attention', String(o.heads), ...(o.d === undefined ? [] : [String(o.d)]), ...opts(o.kvHeads !== undefined && o.kvHeads !== o.heads && `kv_heads=${o.kvHeads}`, o.headDim !== undefined && `head_dim=${o.headDim}`, ATTENTION_BIAS[o.bias])].join(' '),
  };
}

/** A feed-forward block, D → F → D (`gated`: SwiGLU or GeGLU, three matrices). */
export function feedForward(o: { d?: number; f: number; bias: boolean; kind: 'mlp' | 'swiglu' | 'geglu'; act?: 'relu' | 'gelu' }): Piece {
  return { spec: [o.kind, ...(o.d === undefined ? [] : [String(o.d)]), String(o.f), ...opts(!o.bias && 'bias=false', o.act !== undefined && o.act !== 'gelu' && `act=${o.act}`)].join(' ') };
}

export const rmsnorm: Piece = { spec: 'rmsnorm' };

/** A named token embedding (a tied head names it), a learned position table, the LM head. */
export const tokens = (o: { name: string; v: number; d: number }): Piece => ({ spec: `${o.name}: embedding ${o.v} ${o.d}` });
export const positions = (p: number): Piece => ({ spec: `posembed ${p}` });
export const lmHead = (o: { v: number; tie?: string }): Piece => ({ spec: ['lm_head: lmhead', String(o.v), ...opts(o.tie !== undefined && `tie=${o.tie}`)].join(' ') });

export function pool(o: { k: number; stride?: number | undefined; pad?: 'same' | number | undefined; avg?: boolean }): Piece {
  const name = o.avg ? 'avgpool' : 'maxpool';
  const stride = o.stride ?? o.k;
  return {
    spec: [name, String(o.k), ...opts(stride !== o.k && `stride=${stride}`, o.pad !== undefined && `pad=${o.pad}`)].join(' '),
    ...(typeof o.pad !== 'number' && { keras: call(o.avg ? 'AveragePooling2D' : 'MaxPooling2D', [String(o.k), ...opts(stride !== o.k && `strides=${stride}`, o.pad === 'same' && `padding="same"`)]) }),
    ...(o.pad !== 'same' && { torch: call(o.avg ? 'nn.AvgPool2d' : 'nn.MaxPool2d', [String(o.k), ...opts(stride !== o.k && `stride=${stride}`, o.pad !== undefined && `padding=${o.pad}`)]) }),
  };
}

export const flatten: Piece = { spec: 'flatten', keras: 'Flatten()', torch: 'nn.Flatten()' };
export const gap: Piece = { spec: 'gap', keras: 'GlobalAveragePooling2D()' };
export const dropout = (p: number): Piece => ({ spec: `dropout ${p}`, keras: `Dropout(${p})`, torch: `nn.Dropout(${p})` });

/** A model: an input shape and its layers, as /count chains them. */
export interface Model {
  readonly input: readonly number[];
  readonly layers: readonly Piece[];
}

export const modelSpec = (m: Model) => [`input ${m.input.join('x')}`, ...m.layers.map((l) => l.spec)].join(' > ');

/** `{ a > b } x12`: the layers repeated, each copy with its own weights. */
export const repeated = (layers: readonly Piece[], times: number): Piece => ({ spec: times === 1 ? layers.map((l) => l.spec).join(' > ') : `{ ${layers.map((l) => l.spec).join(' > ')} } x${times}` });

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

export function torchLayer(piece: Piece): string {
  return `layer = ${piece.torch}`;
}

export function torchModel(pieces: readonly Piece[]): string | undefined {
  if (pieces.some((p) => p.torch === undefined)) return undefined;
  return ['model = nn.Sequential(', ...pieces.map((p) => `    ${p.torch},`), ')'].join('\n');
}

/** A code block as one part of a prompt. */
export const code = (text: string): MessageRef => msg('q.code', { code: text });
