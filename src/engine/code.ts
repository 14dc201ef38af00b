/**
 * Pasted framework code to the /count language: `nn.Conv2d(3, 64, kernel_size=3, bias=False)`,
 * `nn.Sequential(...)`, `layers.Conv2D(64, (3, 3))` after a `keras.Input(...)`, `model.add(...)`.
 * Arguments are bound the way Python binds them (positionals by signature order, then keywords),
 * so a student's code means here what it means to the framework. Anything that would change the
 * count and is not understood is refused by name, never skipped.
 */
import { fail } from './errors.js';
import { LIMITS } from './limits.js';
import type { Framework } from './types.js';

type Py = number | string | boolean | null | PyTuple | PyCall | PySymbol;
interface PyTuple {
  readonly t: 'tuple';
  readonly items: readonly Py[];
}
interface PySymbol {
  readonly t: 'symbol';
  readonly name: string;
}
interface PyCall {
  readonly t: 'call';
  readonly name: string;
  readonly args: readonly Py[];
  readonly kwargs: ReadonlyMap<string, Py>;
}

type Token = { readonly k: 'name' | 'number' | 'string' | 'punct'; readonly v: string };

const TOKEN = /\s+|#[^\n]*|([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_]\w*)*)|(\d+\.?\d*(?:e[+-]?\d+)?|\.\d+)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|(==|\/\/|[()[\],=+\-*/])|(.)/gy;

function tokenize(code: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(code)) !== null) {
    if (m[1] !== undefined) out.push({ k: 'name', v: m[1].replace(/\s+/g, '') });
    else if (m[2] !== undefined) out.push({ k: 'number', v: m[2] });
    else if (m[3] !== undefined) out.push({ k: 'string', v: m[3].slice(1, -1) });
    else if (m[4] !== undefined) out.push({ k: 'punct', v: m[4] });
    // whitespace, comments and other operators carry nothing a layer count needs
  }
  return out;
}

class Parser {
  private i = 0;
  /** Brackets open around the current token: recursion stays far from the stack's limit. */
  private depth = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  private enter(): void {
    if (++this.depth > LIMITS.codeNesting) fail('err.codeNesting', { max: String(LIMITS.codeNesting) });
  }

  /** Every outermost call in source order, skipping `class X(...)` and `def f(...)` headers. */
  calls(): PyCall[] {
    const found: PyCall[] = [];
    while (this.i < this.tokens.length) {
      const tok = this.tokens[this.i]!;
      const next = this.tokens[this.i + 1];
      if (tok.k === 'name' && next?.v === '(') {
        const prev = this.tokens[this.i - 1];
        if ((prev?.k === 'name' && (prev.v === 'class' || prev.v === 'def')) || !holdsLayers(tok.v)) {
          this.i++;
          this.skipGroup();
          continue;
        }
        found.push(this.call());
      } else {
        this.i++;
      }
    }
    return found;
  }

  private expect(v: string): void {
    const tok = this.tokens[this.i];
    if (tok?.v !== v) fail('err.codeSyntax', { near: tok?.v ?? 'end of input', expected: v });
    this.i++;
  }

  private call(): PyCall {
    const name = this.tokens[this.i++]!.v;
    this.expect('(');
    this.enter();
    const args: Py[] = [];
    const kwargs = new Map<string, Py>();
    while (this.tokens[this.i]?.v !== ')') {
      const tok = this.tokens[this.i];
      if (tok === undefined) fail('err.codeSyntax', { near: name, expected: ')' });
      if (tok.k === 'name' && this.tokens[this.i + 1]?.v === '=') {
        this.i += 2;
        kwargs.set(tok.v, this.value());
      } else {
        args.push(this.value());
      }
      const after = this.tokens[this.i];
      if (after?.v === ',') this.i++;
      else if (after === undefined) fail('err.codeSyntax', { near: 'end of input', expected: ')' });
      else if (after.v !== ')') fail('err.codeSyntax', { near: after.v, expected: ', or )' });
    }
    this.i++;
    this.depth--;
    // A call applied again, as in the functional API `layers.Dense(10)(x)`: the layer is the first call.
    while (this.tokens[this.i]?.v === '(') this.skipGroup();
    return { t: 'call', name, args, kwargs };
  }

  private skipGroup(): void {
    let depth = 0;
    do {
      const v = this.tokens[this.i++]?.v;
      if (v === undefined) return;
      if (v === '(' || v === '[') depth++;
      if (v === ')' || v === ']') depth--;
    } while (depth > 0);
  }

  /** A value, with integer arithmetic (`32 * 13 * 13`, `512 // 2`) worked out as Python would. */
  private value(): Py {
    let left = this.term();
    for (let op = this.tokens[this.i]?.v; op === '+' || op === '-'; op = this.tokens[this.i]?.v) {
      this.i++;
      left = arithmetic(left, op, this.term());
    }
    return left;
  }

  private term(): Py {
    let left = this.factor();
    for (let op = this.tokens[this.i]?.v; op === '*' || op === '/' || op === '//'; op = this.tokens[this.i]?.v) {
      this.i++;
      left = arithmetic(left, op, this.factor());
    }
    return left;
  }

  private factor(): Py {
    const tok = this.tokens[this.i];
    if (tok === undefined) fail('err.codeSyntax', { near: 'end of input', expected: 'a value' });
    if (tok.v === '-' || tok.v === '+') {
      this.i++;
      this.enter();
      const operand = this.factor();
      this.depth--;
      return arithmetic(0, tok.v, operand);
    }
    if (tok.k === 'number') {
      this.i++;
      return Number(tok.v);
    }
    if (tok.k === 'string') {
      this.i++;
      return tok.v;
    }
    if (tok.k === 'name') {
      if (this.tokens[this.i + 1]?.v === '(') {
        if (holdsLayers(tok.v)) return this.call();
        this.i++;
        this.skipGroup(); // a function's result (math.prod(...), F.relu(x)): not a literal
        return { t: 'symbol', name: tok.v };
      }
      this.i++;
      if (tok.v === 'True') return true;
      if (tok.v === 'False') return false;
      if (tok.v === 'None') return null;
      return { t: 'symbol', name: tok.v };
    }
    if (tok.v === '(' || tok.v === '[') {
      const close = tok.v === '(' ? ')' : ']';
      this.i++;
      this.enter();
      const items: Py[] = [];
      let trailingComma = false;
      while (this.tokens[this.i]?.v !== close) {
        if (this.tokens[this.i] === undefined) fail('err.codeSyntax', { near: 'end of input', expected: close });
        items.push(this.value());
        trailingComma = this.tokens[this.i]?.v === ',';
        if (trailingComma) this.i++;
        else if (this.tokens[this.i]?.v !== close) fail('err.codeSyntax', { near: this.tokens[this.i]?.v ?? close, expected: `, or ${close}` });
      }
      this.i++;
      this.depth--;
      // (x) is a parenthesized value; (x,) and [x] are sequences
      return tok.v === '(' && items.length === 1 && !trailingComma ? items[0]! : { t: 'tuple', items };
    }
    return fail('err.codeSyntax', { near: tok.v, expected: 'a value' });
  }
}

/** Calls worth reading: layers (capitalized) and containers; lowercase calls are functions. */
function holdsLayers(name: string): boolean {
  const base = lastPart(name);
  return /^[A-Z]/.test(base) || CONTAINERS.has(base);
}

/** Python integer arithmetic on literals; anything else (a variable) stays unknown. */
function arithmetic(a: Py, op: string, b: Py): Py {
  if (typeof a !== 'number' || typeof b !== 'number') return { t: 'symbol', name: `${String(a)} ${op} ${String(b)}` };
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '//':
      return Math.floor(a / b);
    default:
      return a / b;
  }
}

/** Arguments bound to a signature, formatted as /count tokens. */
class Bound {
  constructor(
    private readonly call: string,
    private readonly values: ReadonlyMap<string, Py>,
  ) {}
  has(name: string): boolean {
    const v = this.values.get(name);
    return v !== undefined && v !== null;
  }
  raw(name: string): Py | undefined {
    return this.values.get(name);
  }
  /** The value as a /count token: 3 -> "3", (3, 5) -> "3x5", True -> "true". */
  token(name: string): string {
    const v = this.values.get(name);
    if (v === undefined || v === null) return fail('err.codeMissing', { call: this.call, arg: name });
    return format(v, this.call, name);
  }
  /** `key=value` when the argument was given (and is not None), else nothing. */
  option(name: string, key: string = name): string[] {
    return this.has(name) ? [`${key}=${this.token(name)}`] : [];
  }
  /** `key=false` only when the argument is False; for defaults of True. */
  falseOption(name: string, key: string): string[] {
    return this.values.get(name) === false ? [`${key}=false`] : [];
  }
  /** An integer value that only matters when it differs from the default (dilation=1, groups=1). */
  nonDefault(name: string, key: string, fallback: string): string[] {
    return this.has(name) && this.token(name) !== fallback && !/^1(x1)*$/.test(this.token(name)) ? [`${key}=${this.token(name)}`] : [];
  }
}

function format(v: Py, call: string, arg: string): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v !== null && typeof v === 'object' && v.t === 'tuple') return v.items.map((x) => format(x, call, arg)).join('x');
  return fail('err.codeArg', { call, arg });
}

/** Keyword arguments that never change a count or a shape we compute. */
const HARMLESS = new Set([
  'name', 'dtype', 'device', 'activation', 'recurrent_activation', 'eps', 'epsilon', 'momentum', 'inplace', 'dim', 'axis',
  'kernel_initializer', 'bias_initializer', 'recurrent_initializer', 'depthwise_initializer', 'pointwise_initializer',
  'kernel_regularizer', 'bias_regularizer', 'activity_regularizer', 'recurrent_regularizer', 'kernel_constraint',
  'bias_constraint', 'beta_initializer', 'gamma_initializer', 'moving_mean_initializer', 'moving_variance_initializer',
  'padding_mode', 'batch_first', 'dropout', 'recurrent_dropout', 'return_state', 'go_backwards', 'stateful', 'unroll',
  'track_running_stats', 'negative_slope', 'alpha', 'approximate', 'init', 'padding_idx', 'max_norm', 'mask_zero',
  'input_length', 'seed', 'noise_shape', 'data_format', 'count_include_pad', 'start_dim', 'end_dim', 'merge_mode',
  'use_cudnn', 'synchronized', 'renorm', 'add_zero_attn', 'attention_axes', 'output_shape', 'max_value', 'threshold',
]);

interface Translation {
  readonly signature: readonly string[];
  build(b: Bound, ctx: { inModel: boolean }): string;
}

const tr = (signature: string[], build: Translation['build']): Translation => ({ signature, build });
const line = (...parts: Array<string | string[]>): string => parts.flat().join(' ');

const convGeometry = (b: Bound, stride: string, pad: string, dilation: string) => [
  ...b.nonDefault(stride, 'stride', '1'),
  ...(b.has(pad) && !['0', 'valid'].includes(b.token(pad)) && !/^0(x0)*$/.test(b.token(pad)) ? [`pad=${b.token(pad)}`] : []),
  ...b.nonDefault(dilation, 'dilation', '1'),
];

function torchConv(kind: string): Translation {
  return tr(['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias'], (b) =>
    line(kind, b.token('in_channels'), b.token('out_channels'), b.token('kernel_size'), convGeometry(b, 'stride', 'padding', 'dilation'), b.nonDefault('groups', 'groups', '1'), b.falseOption('bias', 'bias')),
  );
}
function torchDeconv(kind: string): Translation {
  return tr(['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'output_padding', 'groups', 'bias', 'dilation'], (b) =>
    line(kind, b.token('in_channels'), b.token('out_channels'), b.token('kernel_size'), convGeometry(b, 'stride', 'padding', 'dilation'), b.nonDefault('output_padding', 'outpad', '0'), b.nonDefault('groups', 'groups', '1'), b.falseOption('bias', 'bias')),
  );
}
function torchPool(kind: string): Translation {
  return tr(['kernel_size', 'stride', 'padding'], (b) => {
    const stride = b.has('stride') && b.token('stride') !== b.token('kernel_size') ? [`stride=${b.token('stride')}`] : [];
    const pad = b.has('padding') && !/^0(x0)*$/.test(b.token('padding')) ? [`pad=${b.token('padding')}`] : [];
    return line(kind, b.token('kernel_size'), stride, pad);
  });
}
function torchRecurrent(kind: string): Translation {
  return tr(['input_size', 'hidden_size', 'num_layers', 'bias', 'batch_first', 'dropout', 'bidirectional', 'proj_size'], (b) => {
    if (b.has('proj_size') && b.token('proj_size') !== '0') fail('err.codeUnsupportedArg', { call: kind, arg: 'proj_size' });
    return line(kind, b.token('input_size'), b.token('hidden_size'), b.nonDefault('num_layers', 'layers', '1'), b.raw('bidirectional') === true ? ['bidirectional=true'] : [], b.falseOption('bias', 'bias'));
  });
}
const parameterFree = (kind: string): Translation => tr([], () => kind);

const TORCH: Readonly<Record<string, Translation>> = {
  Conv1d: torchConv('conv1d'),
  Conv2d: torchConv('conv'),
  Conv3d: torchConv('conv3d'),
  ConvTranspose1d: torchDeconv('deconv1d'),
  ConvTranspose2d: torchDeconv('deconv'),
  ConvTranspose3d: torchDeconv('deconv3d'),
  Linear: tr(['in_features', 'out_features', 'bias'], (b) => line('dense', b.token('in_features'), b.token('out_features'), b.falseOption('bias', 'bias'))),
  LazyLinear: tr(['out_features', 'bias'], (b) => line('dense', b.token('out_features'), b.falseOption('bias', 'bias'))),
  BatchNorm1d: tr(['num_features', 'eps', 'momentum', 'affine'], (b) => line('bn', b.token('num_features'), b.falseOption('affine', 'affine'))),
  BatchNorm2d: tr(['num_features', 'eps', 'momentum', 'affine'], (b) => line('bn', b.token('num_features'), b.falseOption('affine', 'affine'))),
  BatchNorm3d: tr(['num_features', 'eps', 'momentum', 'affine'], (b) => line('bn', b.token('num_features'), b.falseOption('affine', 'affine'))),
  LayerNorm: tr(['normalized_shape', 'eps', 'elementwise_affine', 'bias'], (b) => {
    if (b.token('normalized_shape').includes('x')) fail('err.codeUnsupportedArg', { call: 'LayerNorm', arg: 'normalized_shape' });
    return line('ln', b.token('normalized_shape'), b.falseOption('elementwise_affine', 'affine'), b.falseOption('bias', 'center'));
  }),
  GroupNorm: tr(['num_groups', 'num_channels', 'eps', 'affine'], (b) => line('gn', b.token('num_groups'), b.token('num_channels'), b.falseOption('affine', 'affine'))),
  Embedding: tr(['num_embeddings', 'embedding_dim'], (b) => line('embedding', b.token('num_embeddings'), b.token('embedding_dim'))),
  RNN: torchRecurrent('rnn'),
  LSTM: torchRecurrent('lstm'),
  GRU: torchRecurrent('gru'),
  MultiheadAttention: tr(['embed_dim', 'num_heads', 'dropout', 'bias', 'add_bias_kv', 'add_zero_attn', 'kdim', 'vdim'], (b) => {
    for (const arg of ['add_bias_kv', 'kdim', 'vdim']) if (b.has(arg) && b.raw(arg) !== false) fail('err.codeUnsupportedArg', { call: 'MultiheadAttention', arg });
    return line('mha', b.token('num_heads'), b.token('embed_dim'), b.falseOption('bias', 'bias'));
  }),
  PReLU: tr(['num_parameters'], (b, ctx) => {
    const n = b.has('num_parameters') ? b.token('num_parameters') : '1';
    if (n === '1') return 'prelu per=one';
    return ctx.inModel ? 'prelu per=channel' : `prelu per=channel in=${n}`;
  }),
  MaxPool1d: torchPool('maxpool1d'),
  MaxPool2d: torchPool('maxpool'),
  MaxPool3d: torchPool('maxpool3d'),
  AvgPool1d: torchPool('avgpool1d'),
  AvgPool2d: torchPool('avgpool'),
  AvgPool3d: torchPool('avgpool3d'),
  AdaptiveAvgPool2d: tr(['output_size'], (b) => line('adaptivepool', b.token('output_size'))),
  Flatten: parameterFree('flatten'),
  Dropout: tr(['p'], (b) => line('dropout', b.has('p') ? b.token('p') : '0.5')),
  Dropout2d: tr(['p'], (b) => line('dropout', b.has('p') ? b.token('p') : '0.5')),
  ZeroPad2d: tr(['padding'], (b) => line('zeropad', b.token('padding'))),
  ReLU: parameterFree('relu'),
  ReLU6: parameterFree('relu6'),
  LeakyReLU: parameterFree('leakyrelu'),
  ELU: parameterFree('elu'),
  SELU: parameterFree('selu'),
  GELU: parameterFree('gelu'),
  SiLU: parameterFree('silu'),
  Sigmoid: parameterFree('sigmoid'),
  Tanh: parameterFree('tanh'),
  Softmax: parameterFree('softmax'),
  Softplus: parameterFree('softplus'),
  Hardswish: parameterFree('hardswish'),
};

function kerasConv(kind: string): Translation {
  return tr(['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'groups', 'activation', 'use_bias'], (b) =>
    line(kind, b.token('filters'), b.token('kernel_size'), convGeometry(b, 'strides', 'padding', 'dilation_rate'), b.nonDefault('groups', 'groups', '1'), b.falseOption('use_bias', 'bias')),
  );
}
function kerasPool(kind: string): Translation {
  return tr(['pool_size', 'strides', 'padding'], (b) => {
    const size = b.has('pool_size') ? b.token('pool_size') : '2';
    const stride = b.has('strides') && b.token('strides') !== size ? [`stride=${b.token('strides')}`] : [];
    const pad = b.has('padding') && b.token('padding') !== 'valid' ? [`pad=${b.token('padding')}`] : [];
    return line(kind, size, stride, pad);
  });
}
function kerasRecurrent(kind: string): Translation {
  return tr(['units', 'activation', 'recurrent_activation', 'use_bias'], (b) =>
    line(kind, b.token('units'), b.falseOption('use_bias', 'bias'), b.raw('return_sequences') === true ? ['seq=true'] : [], kind === 'gru' ? b.falseOption('reset_after', 'reset_after') : []),
  );
}
const kerasGlobal = (kind: string): Translation => tr([], (b) => line(kind, b.raw('keepdims') === true ? ['keepdims=true'] : []));
const kerasNorm = (kind: string): Translation => tr([], (b) => line(kind, b.falseOption('scale', 'scale'), b.falseOption('center', 'center')));

const KERAS: Readonly<Record<string, Translation>> = {
  Conv1D: kerasConv('conv1d'),
  Conv2D: kerasConv('conv'),
  Conv3D: kerasConv('conv3d'),
  Conv1DTranspose: tr(['filters', 'kernel_size', 'strides', 'padding', 'output_padding', 'data_format', 'dilation_rate', 'activation', 'use_bias'], (b) =>
    line('deconv1d', b.token('filters'), b.token('kernel_size'), convGeometry(b, 'strides', 'padding', 'dilation_rate'), b.option('output_padding', 'outpad'), b.falseOption('use_bias', 'bias')),
  ),
  Conv2DTranspose: tr(['filters', 'kernel_size', 'strides', 'padding', 'output_padding', 'data_format', 'dilation_rate', 'activation', 'use_bias'], (b) =>
    line('deconv', b.token('filters'), b.token('kernel_size'), convGeometry(b, 'strides', 'padding', 'dilation_rate'), b.option('output_padding', 'outpad'), b.falseOption('use_bias', 'bias')),
  ),
  DepthwiseConv2D: tr(['kernel_size', 'strides', 'padding', 'depth_multiplier', 'data_format', 'dilation_rate', 'activation', 'use_bias'], (b) =>
    line('dwconv', b.token('kernel_size'), b.nonDefault('depth_multiplier', 'mult', '1'), convGeometry(b, 'strides', 'padding', 'dilation_rate'), b.falseOption('use_bias', 'bias')),
  ),
  SeparableConv2D: tr(['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'depth_multiplier', 'activation', 'use_bias'], (b) =>
    line('sepconv', b.token('filters'), b.token('kernel_size'), b.nonDefault('depth_multiplier', 'mult', '1'), convGeometry(b, 'strides', 'padding', 'dilation_rate'), b.falseOption('use_bias', 'bias')),
  ),
  Dense: tr(['units', 'activation', 'use_bias'], (b) => line('dense', b.token('units'), b.falseOption('use_bias', 'bias'))),
  BatchNormalization: kerasNorm('bn'),
  LayerNormalization: kerasNorm('ln'),
  GroupNormalization: tr(['groups'], (b) => line('gn', b.has('groups') ? b.token('groups') : '32', b.falseOption('scale', 'scale'), b.falseOption('center', 'center'))),
  Embedding: tr(['input_dim', 'output_dim'], (b) => line('embedding', b.token('input_dim'), b.token('output_dim'))),
  SimpleRNN: kerasRecurrent('rnn'),
  LSTM: kerasRecurrent('lstm'),
  GRU: kerasRecurrent('gru'),
  MultiHeadAttention: tr(['num_heads', 'key_dim', 'value_dim', 'dropout', 'use_bias'], (b) =>
    line('mha', b.token('num_heads'), b.option('key_dim'), b.option('value_dim'), b.falseOption('use_bias', 'bias')),
  ),
  PReLU: tr(['alpha_initializer', 'alpha_regularizer', 'alpha_constraint', 'shared_axes'], (b) => {
    const shared = b.raw('shared_axes');
    if (shared === undefined || shared === null) return 'prelu per=element';
    // Sharing every spatial axis leaves one alpha per channel; other sharings are not modelled.
    if (typeof shared === 'object' && shared.t === 'tuple' && shared.items.length >= 1 && shared.items.every((x, i) => x === i + 1)) return 'prelu per=channel';
    return fail('err.codeUnsupportedArg', { call: 'PReLU', arg: 'shared_axes' });
  }),
  MaxPooling1D: kerasPool('maxpool1d'),
  MaxPooling2D: kerasPool('maxpool'),
  MaxPooling3D: kerasPool('maxpool3d'),
  AveragePooling1D: kerasPool('avgpool1d'),
  AveragePooling2D: kerasPool('avgpool'),
  AveragePooling3D: kerasPool('avgpool3d'),
  GlobalAveragePooling1D: kerasGlobal('gap'),
  GlobalAveragePooling2D: kerasGlobal('gap'),
  GlobalAveragePooling3D: kerasGlobal('gap'),
  GlobalMaxPooling1D: kerasGlobal('gmp'),
  GlobalMaxPooling2D: kerasGlobal('gmp'),
  GlobalMaxPooling3D: kerasGlobal('gmp'),
  Flatten: parameterFree('flatten'),
  Dropout: tr(['rate'], (b) => line('dropout', b.token('rate'))),
  SpatialDropout2D: tr(['rate'], (b) => line('dropout', b.token('rate'))),
  Reshape: tr(['target_shape'], (b) => line('reshape', b.token('target_shape'))),
  ZeroPadding2D: tr(['padding'], (b) => line('zeropad', b.has('padding') ? b.token('padding') : '1')),
  Activation: tr(['activation'], (b) => line('act', b.token('activation'))),
  ReLU: parameterFree('relu'),
  LeakyReLU: parameterFree('leakyrelu'),
  ELU: parameterFree('elu'),
  Softmax: parameterFree('softmax'),
};

/** Calls that hold layers rather than being one. */
const CONTAINERS = new Set(['Sequential', 'ModuleList', 'add']);
const INPUTS = new Set(['Input', 'InputLayer']);
/** Capitalized calls that are not layers and add no parameters to a model (models, optimizers, losses). */
const NOT_LAYERS = new Set(['Model', 'Module', 'Identity', 'Adam', 'AdamW', 'SGD', 'RMSprop', 'CrossEntropyLoss', 'MSELoss', 'BCELoss', 'BCEWithLogitsLoss', 'NLLLoss']);

const lastPart = (name: string) => name.slice(name.lastIndexOf('.') + 1);

/** Which framework the code is written for, from its namespaces and class names. */
function detectFramework(calls: readonly PyCall[]): Framework | undefined {
  let torch = false;
  let keras = false;
  const visit = (c: PyCall) => {
    const base = lastPart(c.name);
    if (/^(nn|torch)\./.test(c.name) || (base in TORCH && !(base in KERAS))) torch = true;
    if (/^(layers|keras|tf)\./.test(c.name) || (base in KERAS && !(base in TORCH))) keras = true;
    [...c.args, ...c.kwargs.values()].forEach(function walk(v: Py): void {
      if (v !== null && typeof v === 'object' && v.t === 'call') visit(v);
      if (v !== null && typeof v === 'object' && v.t === 'tuple') v.items.forEach(walk);
    });
  };
  calls.forEach(visit);
  if (torch && keras) fail('err.codeMixed');
  return torch ? 'pytorch' : keras ? 'keras' : undefined;
}

function bind(call: PyCall, t: Translation): Bound {
  const name = lastPart(call.name);
  const values = new Map<string, Py>();
  call.args.forEach((v, i) => {
    const param = t.signature[i];
    if (param === undefined) fail('err.codeTooManyArgs', { call: name, max: String(t.signature.length) });
    values.set(param, v);
  });
  for (const [key, v] of call.kwargs) {
    if (key === 'trainable' || key === 'input_shape' || key === 'shape') continue;
    if (!t.signature.includes(key) && !HARMLESS.has(key) && !KNOWN_EXTRA.has(key)) fail('err.codeKwarg', { call: name, key });
    values.set(key, v);
  }
  return new Bound(name, values);
}

/** Keywords read by a translation but not in its positional signature. */
const KNOWN_EXTRA = new Set(['return_sequences', 'reset_after', 'keepdims', 'scale', 'center', 'depth_multiplier', 'output_padding', 'groups']);

export interface Translated {
  readonly spec: string;
  readonly framework: Framework | undefined;
}

export function translateCode(code: string): Translated {
  const calls = new Parser(tokenize(code)).calls();
  const framework = detectFramework(calls);
  const table = framework === 'pytorch' ? TORCH : KERAS;
  let input: string | undefined;
  const segments: string[] = [];

  const shapeOf = (v: Py | undefined, call: string): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'object' && v.t === 'tuple') {
      // Keras shapes leave out the batch axis but may write it as None.
      const dims = v.items.filter((x) => x !== null);
      return dims.map((x) => format(x, call, 'shape')).join('x');
    }
    return format(v, call, 'shape');
  };

  const visit = (call: PyCall, extra: string[] = []): void => {
    const name = lastPart(call.name);
    if (CONTAINERS.has(name)) {
      for (const arg of call.args) {
        const items = arg !== null && typeof arg === 'object' && arg.t === 'tuple' ? arg.items : [arg];
        for (const item of items) if (item !== null && typeof item === 'object' && item.t === 'call') visit(item);
      }
      return;
    }
    if (INPUTS.has(name)) {
      input = shapeOf(call.kwargs.get('shape') ?? call.kwargs.get('input_shape') ?? call.kwargs.get('batch_shape') ?? call.args[0], name);
      return;
    }
    if (name === 'Bidirectional') {
      const inner = call.args[0] ?? call.kwargs.get('layer');
      if (inner === undefined || inner === null || typeof inner !== 'object' || inner.t !== 'call') return fail('err.codeArg', { call: name, arg: 'layer' });
      visit(inner, ['bidirectional=true']);
      return;
    }
    const translation = table[name];
    if (translation === undefined) {
      if (/^[A-Z]/.test(name) && !NOT_LAYERS.has(name)) fail('err.codeUnsupported', { call: name });
      return; // lowercase calls are functions (F.relu, torch.flatten, model.summary): no parameters
    }
    const shape = call.kwargs.get('input_shape');
    if (shape !== undefined && input === undefined && segments.length === 0) input = shapeOf(shape, name);
    const frozen = call.kwargs.get('trainable') === false ? ['trainable=false'] : [];
    segments.push(line(translation.build(bind(call, translation), { inModel: input !== undefined || segments.length > 0 }), extra, frozen));
  };
  calls.forEach((c) => visit(c));

  if (segments.length === 0) fail('err.codeEmpty');
  return { spec: [...(input === undefined ? [] : [`input ${input}`]), ...segments].join(' > '), framework };
}
