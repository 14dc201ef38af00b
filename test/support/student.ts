/**
 * A student who counts by hand, independently of the engine and of its mistake library: reads a
 * question's /count spec with its own small parser, counts parameters, MACs and shapes with its own
 * formulas, and makes the common mistakes one at a time (each with the name the library should
 * give it). What the quiz names for each wrong answer is then measured against these.
 *
 * Formulas: Keras layer docs and PyTorch nn docs (Conv2d, Linear, BatchNorm2d, LSTM, GRU, RNN,
 * MultiheadAttention); output sizes ⌊(H + 2p − d(k − 1) − 1)/s⌋ + 1, 'same' ⌈H/s⌉ (Keras
 * conv_utils.conv_output_length).
 */
export type Framework = 'keras' | 'pytorch';
export type Quantity = 'params' | 'trainable' | 'nonTrainable' | 'macs' | 'height' | 'size';

interface Layer {
  readonly kind: string;
  readonly args: readonly string[];
  readonly opts: Readonly<Record<string, string>>;
}

export interface Spec {
  readonly framework: Framework;
  readonly input: readonly number[] | undefined;
  readonly layers: readonly Layer[];
}

/** `input 28x28x1 > conv 16 3 pad=same > flatten > dense 10 --framework pytorch` */
export function readSpec(text: string): Spec {
  const framework: Framework = /--framework\s+pytorch/.test(text) ? 'pytorch' : 'keras';
  const parts = text.replace(/--framework\s+\w+/, '').split('>').map((p) => p.trim());
  let input: number[] | undefined;
  const layers: Layer[] = [];
  for (const part of parts) {
    const [kind = '', ...tokens] = part.split(/\s+/);
    if (kind === 'input') {
      input = tokens[0]!.split('x').map(Number);
      continue;
    }
    const opts: Record<string, string> = {};
    const args: string[] = [];
    for (const tok of tokens) {
      const eq = tok.indexOf('=');
      if (eq > 0) opts[tok.slice(0, eq)] = tok.slice(eq + 1);
      else args.push(tok);
    }
    layers.push({ kind, args, opts });
  }
  return { framework, input, layers };
}

/** One layer as counted: its parameters (and the trainable part), MACs and output shape. */
interface Counted {
  readonly params: bigint;
  readonly trainable: bigint;
  readonly macs: bigint;
  readonly out: readonly number[];
}

/** What a student may do differently in one layer (or in the whole count). */
export type Slip =
  | 'forgotBias' | 'oneBias' | 'biasPerInput' | 'biasPerWeight' | 'addedBias' | 'forgotCin' | 'forgotKernel' | 'kernelNotSquared' | 'outputForKernel'
  | 'ignoredGroups' | 'dilatedWeights' | 'plusOneMissing' | 'ceil' | 'noStride' | 'assumedSame' | 'padOneSide' | 'noPadding'
  | 'macsOnePosition' | 'macsWithBias' | 'depthwiseFull' | 'noPointwise' | 'noPointwiseNoBias' | 'separableStandard' | 'addedNotMultiplied' | 'perStep'
  | 'statsTrainable' | 'noStats' | 'buffersCounted' | 'onePerChannel' | 'normStats' | 'perGroup' | 'noRecurrent' | 'gates' | 'otherBiases'
  | 'oneDirection' | 'stackReadsInput' | 'headsMultiply' | 'noOutputProjection' | 'poolWeights' | 'poolStrideOne' | 'poolNoShrink'
  | 'flattenChannelsOnly' | 'flattenNoChannels' | 'gapFlattens' | 'dropoutRemoves';

const big = BigInt;
const prod = (xs: readonly number[]) => xs.reduce((a, x) => a * big(x), 1n);
const num = (s: string | undefined, fallback: number) => (s === undefined ? fallback : Number(s));

/** Output length along one axis, with the student's slip if it concerns sizes. */
function length(l: number, k: number, s: number, pad: 'same' | number, d: number, slip?: Slip): number {
  const keff = d * (k - 1) + 1;
  if (pad === 'same') {
    if (slip === 'noStride') return l;
    return Math.ceil(l / s);
  }
  const p = slip === 'noPadding' ? 0 : slip === 'padOneSide' ? pad / 2 : pad;
  const span = l + 2 * p - keff;
  switch (slip) {
    case 'plusOneMissing':
      return Math.floor(span / s);
    case 'ceil':
      return Math.ceil(span / s) + 1;
    case 'noStride':
      return span + 1;
    case 'assumedSame':
      return Math.ceil(l / s);
    default:
      return Math.floor(span / s) + 1;
  }
}

const SHAPE_SLIPS: ReadonlySet<Slip> = new Set(['plusOneMissing', 'ceil', 'noStride', 'assumedSame', 'padOneSide', 'noPadding']);

function layerCount(layer: Layer, input: readonly number[], fw: Framework, slip?: Slip): Counted {
  const { kind, args, opts } = layer;
  const frozen = opts.trainable === 'false';
  const done = (params: bigint, macs: bigint, out: readonly number[], trainable = params): Counted => ({ params, trainable: frozen ? 0n : trainable, macs, out });
  const bias = opts.bias !== 'false';
  const c = input[input.length - 1]!;
  const spatialIn = input.slice(0, -1);
  switch (kind) {
    case 'conv':
    case 'conv1d':
    case 'dwconv':
    case 'sepconv': {
      const depthwise = kind === 'dwconv';
      const separable = kind === 'sepconv';
      const rank = kind === 'conv1d' ? 1 : 2;
      const [cinArg, coutArg, kArg] = depthwise ? (args.length === 2 ? [args[0], undefined, args[1]] : [undefined, undefined, args[0]]) : args.length === 3 ? args : [undefined, ...args];
      const cin = num(cinArg, c);
      const mult = num(opts.mult, 1);
      const cout = depthwise ? cin * mult : Number(coutArg);
      const ks = kArg!.split('x').map(Number);
      const kernel = ks.length === rank ? ks : Array.from({ length: rank }, () => ks[0]!);
      const stride = num(opts.stride, 1);
      const d = num(opts.dilation, 1);
      const g = num(opts.groups, 1);
      const pad: 'same' | number = opts.pad === 'same' ? 'same' : num(opts.pad, 0);
      const out = spatialIn.map((l, i) => length(l, kernel[i]!, stride, pad, d, SHAPE_SLIPS.has(slip!) ? slip : undefined));
      const positions = prod(out);
      let K = prod(kernel);
      if (slip === 'forgotKernel') K = 1n;
      if (slip === 'kernelNotSquared' && rank === 2 && kernel[0] === kernel[1]) K = big(kernel[0]!);
      if (slip === 'outputForKernel') K = prod(spatialIn.map((l, i) => length(l, kernel[i]!, stride, pad, d)));
      if (slip === 'dilatedWeights') K = prod(kernel.map((k) => d * (k - 1) + 1));
      if (depthwise) {
        const perFilter = slip === 'depthwiseFull' ? big(cin) : 1n;
        const w = K * perFilter * big(cin * mult);
        const b = bias ? big(cin * mult) : 0n;
        const params = slip === 'forgotBias' ? w : slip === 'biasPerWeight' ? 2n * w : w + b;
        const macs = slip === 'macsOnePosition' ? w : positions * w;
        return done(params, macs, [...out, cout]);
      }
      if (separable) {
        const mid = big(cin * mult);
        let dw = K * mid;
        let pw = mid * big(cout);
        let b = bias ? big(cout) : 0n;
        if (slip === 'noPointwise') pw = 0n;
        if (slip === 'noPointwiseNoBias') [pw, b] = [0n, 0n];
        if (slip === 'forgotBias') b = 0n;
        if (slip === 'depthwiseFull') dw = K * big(cin) * mid;
        if (slip === 'separableStandard') [dw, pw] = [K * big(cin) * big(cout), 0n];
        const macs = slip === 'macsOnePosition' ? dw + pw : positions * (dw + pw);
        return done(dw + pw + b, macs, [...out, cout]);
      }
      const perFilter = slip === 'forgotCin' ? 1n : slip === 'ignoredGroups' ? big(cin) : big(cin / g);
      const w = K * perFilter * big(cout);
      let b = bias ? big(cout) : 0n;
      if (slip === 'forgotBias') b = 0n;
      if (slip === 'oneBias') b = 1n;
      if (slip === 'biasPerInput') b = big(cin);
      if (slip === 'biasPerWeight') b = w;
      if (slip === 'addedBias') b = big(cout);
      const onePosition = K * perFilter * big(cout);
      const macs = slip === 'macsOnePosition' ? onePosition : positions * onePosition + (slip === 'macsWithBias' ? positions * big(cout) : 0n);
      return done(w + b, macs, [...out, cout]);
    }
    case 'deconv': {
      const [cin, cout, k] = args.length === 3 ? args.map(Number) : [c, ...args.map(Number)];
      const w = big(k! * k!) * big(cin!) * big(cout!);
      const b = slip === 'forgotBias' ? 0n : big(cout!);
      const s = num(opts.stride, 1);
      return done(w + b, 0n, [...spatialIn.map((l) => (l - 1) * s + Math.max(k!, s)), cout!]);
    }
    case 'dense': {
      const [inArg, outArg] = args.length === 2 ? args : [undefined, args[0]];
      const n = num(inArg, c);
      const m = Number(outArg);
      const steps = prod(input.slice(0, -1));
      let b = bias ? big(m) : 0n;
      if (slip === 'forgotBias') b = 0n;
      if (slip === 'oneBias') b = 1n;
      if (slip === 'biasPerInput') b = big(n);
      if (slip === 'biasPerWeight') b = big(n) * big(m);
      if (slip === 'addedBias') b = big(m);
      let params = big(n) * big(m) + b;
      if (slip === 'addedNotMultiplied') params = big(n) + big(m) + (bias ? big(m) : 0n);
      if (slip === 'perStep') params *= steps;
      const macs = steps * big(n) * big(m) + (slip === 'macsWithBias' && bias ? steps * big(m) : 0n);
      return done(params, slip === 'macsOnePosition' ? big(n) * big(m) : macs, [...input.slice(0, -1), m]);
    }
    case 'embedding': {
      const [v, dim] = args.map(Number);
      const params = big(v!) * big(dim!) + (slip === 'addedBias' ? big(dim!) : 0n) ;
      return done(slip === 'perStep' ? params * prod(input) : params, 0n, [...input, dim!]);
    }
    case 'bn':
    case 'ln':
    case 'gn': {
      const channels = kind === 'gn' ? num(args[1], c) : num(args[0], c);
      const learned = big(Number(opts.scale !== 'false') + Number(opts.center !== 'false'));
      const statsKept = kind === 'bn' && fw === 'keras';
      let perChannel = learned;
      let statsPer = statsKept ? 2n : 0n;
      if (slip === 'onePerChannel' && learned === 2n) perChannel = 1n;
      if (slip === 'noStats') statsPer = 0n;
      if (slip === 'buffersCounted' || slip === 'normStats') perChannel += 2n;
      const units = slip === 'perGroup' ? big(num(args[0], 1)) : big(channels);
      const trainable = perChannel * units;
      const stats = statsPer * units;
      // one multiply per element when γ is learned (β is an addition: no MAC)
      const macs = opts.scale !== 'false' ? prod(input) : 0n;
      return done(trainable + stats, macs, input, slip === 'statsTrainable' ? trainable + stats : trainable);
    }
    case 'rnn':
    case 'lstm':
    case 'gru': {
      const [inArg, hArg] = args.length === 2 ? args : [undefined, args[0]];
      const n = num(inArg, c);
      const h = Number(hArg);
      let gates = { rnn: 1, lstm: 4, gru: 3 }[kind];
      if (slip === 'gates') gates = kind === 'lstm' ? 3 : 4;
      let biases = fw === 'pytorch' ? 2 : kind === 'gru' && opts.reset_after !== 'false' ? 2 : 1;
      if (slip === 'otherBiases') biases = 3 - biases;
      if (slip === 'forgotBias') biases = 0;
      const directions = opts.bidirectional === 'true' && slip !== 'oneDirection' ? 2 : 1;
      const layers = num(opts.layers, 1);
      let params = 0n;
      let perStep = 0n;
      for (let i = 0; i < layers; i++) {
        // a student who counts one direction also takes the next layer to read H, not 2H
        const x = i === 0 || slip === 'stackReadsInput' ? n : directions * h;
        params += big(directions * gates) * (big(x) * big(h) + (slip === 'noRecurrent' ? 0n : big(h) * big(h)) + big(biases * h));
        perStep += big(directions * gates) * (big(x) * big(h) + big(h) * big(h));
      }
      if (slip === 'perStep') params *= big(input[0]!);
      // every step multiplies the input and the state by the gates' kernels (fvcore)
      const macs = big(input[0]!) * perStep;
      const sequences = opts.seq === 'true' || fw === 'pytorch';
      const width = (opts.bidirectional === 'true' ? 2 : 1) * h;
      return done(params, macs, sequences ? [input[0]!, width] : [width]);
    }
    case 'mha': {
      const heads = Number(args[0]);
      const d = num(args[1], c);
      const withBias = slip !== 'forgotBias';
      let params = 4n * big(d) * big(d) + (withBias ? 4n * big(d) : 0n);
      if (slip === 'noOutputProjection') params -= big(d) * big(d) + big(d);
      if (slip === 'headsMultiply') params *= big(heads);
      // four D×D projections per token, and the T×T scores and weighted sums over D
      const steps = big(input[0]!);
      return done(params, steps * 4n * big(d) * big(d) + steps * steps * 2n * big(d), input);
    }
    case 'maxpool':
    case 'avgpool': {
      const k = Number(args[0]);
      const s = num(opts.stride, k);
      const pad: 'same' | number = opts.pad === 'same' ? 'same' : num(opts.pad, 0);
      let out: number[];
      if (slip === 'poolNoShrink') out = [...spatialIn];
      else if (slip === 'poolStrideOne') out = spatialIn.map((l) => length(l, k, 1, pad, 1));
      else out = spatialIn.map((l) => length(l, k, s, pad, 1, SHAPE_SLIPS.has(slip!) ? slip : undefined));
      return done(slip === 'poolWeights' ? big(k * k) * big(c) : 0n, 0n, [...out, c]);
    }
    case 'gap':
      return done(0n, 0n, slip === 'gapFlattens' ? [Number(prod(input))] : [c]);
    case 'flatten':
      return done(0n, 0n, slip === 'flattenChannelsOnly' ? [c] : slip === 'flattenNoChannels' ? [Number(prod(spatialIn))] : [Number(prod(input))]);
    case 'dropout': {
      const rate = Number(args[0]);
      return done(0n, 0n, slip === 'dropoutRemoves' ? [...input.slice(0, -1), Math.floor(c * (1 - rate))] : input);
    }
    default:
      throw new Error(`the student does not know ${kind}`);
  }
}

/** The first layer's own input, from `in=` and its channels (no spatial axes when `in=` is not given: no sizes to slip on). */
function standaloneInput(layer: Layer): number[] {
  const dims = layer.opts.in === undefined ? [] : layer.opts.in.split('x').map(Number);
  const { kind, args } = layer;
  if (kind === 'embedding') return dims;
  if (['maxpool', 'avgpool', 'gap', 'flatten', 'dropout'].includes(kind)) return dims;
  const channels =
    kind === 'gn' ? Number(args[1]) : kind === 'mha' ? Number(args[1]) : kind === 'dwconv' ? Number(args[0]) : kind === 'bn' || kind === 'ln' ? Number(args[0]) : Number(args[0]);
  return [...dims, channels];
}

/** Slips that need the input's size: without it a question gives none to get wrong. */
export const SIZE_SLIPS: ReadonlySet<Slip> = new Set([...SHAPE_SLIPS, 'outputForKernel', 'macsOnePosition', 'macsWithBias', 'poolStrideOne', 'poolNoShrink', 'flattenChannelsOnly', 'flattenNoChannels', 'gapFlattens', 'perStep']);

/** Whether the spec gives the sizes (an input, or the first layer's in=). */
export const sized = (spec: Spec) => spec.input !== undefined || spec.layers[0]?.opts.in !== undefined;

export interface Totals {
  readonly params: bigint;
  readonly trainable: bigint;
  readonly macs: bigint;
  readonly out: readonly number[];
}

/** The whole count, with at most one slip made in one layer (`at`). */
export function countAll(spec: Spec, slip?: { at: number; slip: Slip }): Totals {
  let shape = spec.input ?? standaloneInput(spec.layers[0]!);
  let params = 0n;
  let trainable = 0n;
  let macs = 0n;
  spec.layers.forEach((layer, i) => {
    const r = layerCount(layer, shape, spec.framework, slip?.at === i ? slip.slip : undefined);
    params += r.params;
    trainable += r.trainable;
    macs += r.macs;
    shape = r.out;
  });
  return { params, trainable, macs, out: shape };
}

export function quantityOf(q: Quantity, t: Totals): bigint | undefined {
  switch (q) {
    case 'params':
      return t.params;
    case 'trainable':
      return t.trainable;
    case 'nonTrainable':
      return t.params - t.trainable;
    case 'macs':
      return t.macs;
    case 'height':
      return t.out.length > 1 ? big(t.out[0]!) : undefined;
    case 'size':
      return prod(t.out);
  }
}

/** The library's names a student's slip may be given: the same mistake, or one that necessarily gives the same number. */
export const NAMES: Readonly<Record<Slip, readonly string[]>> = {
  forgotBias: ['forgotBias', 'forgotPointwiseBias'],
  oneBias: ['oneBias'],
  biasPerInput: ['biasPerInput'],
  biasPerWeight: ['biasPerWeight'],
  addedBias: ['addedBias'],
  forgotCin: ['forgotInputChannels'],
  forgotKernel: ['forgotKernel'],
  kernelNotSquared: ['kernelNotSquared'],
  outputForKernel: ['usedOutputSize'],
  ignoredGroups: ['ignoredGroups'],
  dilatedWeights: ['dilatedKernel'],
  plusOneMissing: ['forgotPlusOne'],
  ceil: ['ceilNotFloor'],
  noStride: ['ignoredStride'],
  assumedSame: ['assumedSame'],
  padOneSide: ['padOneSide'],
  noPadding: ['forgotPadding'],
  macsOnePosition: ['macsPerPosition'],
  macsWithBias: ['macsWithBias'],
  depthwiseFull: ['depthwiseAsStandard'],
  noPointwise: ['forgotPointwise'],
  // for MACs the pointwise bias does not count: the same mistake as leaving the pointwise part out
  noPointwiseNoBias: ['forgotPointwiseBias', 'forgotPointwise'],
  separableStandard: ['separableAsStandard'],
  addedNotMultiplied: ['addedNotMultiplied'],
  perStep: ['timesSteps'],
  statsTrainable: ['statsTrainable'],
  noStats: ['forgotStats'],
  buffersCounted: ['countedBuffers'],
  onePerChannel: ['onePerChannel'],
  normStats: ['statsLikeBatchNorm'],
  perGroup: ['perGroup'],
  noRecurrent: ['forgotRecurrent'],
  gates: ['gates3', 'gates4'],
  otherBiases: ['otherBiases'],
  oneDirection: ['forgotDirections'],
  stackReadsInput: ['stackedReadIn'],
  headsMultiply: ['headsMultiplied'],
  noOutputProjection: ['forgotOutputProjection'],
  poolWeights: ['poolWeights'],
  poolStrideOne: ['poolStrideOne', 'ignoredStride'],
  poolNoShrink: ['noShrink'],
  flattenChannelsOnly: ['channelsOnly'],
  flattenNoChannels: ['forgotChannels'],
  gapFlattens: ['gapAsFlatten'],
  dropoutRemoves: ['dropoutShrinks'],
};

/** The slips a student may make in a layer of this kind. */
export const SLIPS_BY_KIND: Readonly<Record<string, readonly Slip[]>> = {
  conv: ['forgotBias', 'oneBias', 'biasPerInput', 'biasPerWeight', 'addedBias', 'forgotCin', 'forgotKernel', 'kernelNotSquared', 'outputForKernel', 'ignoredGroups', 'dilatedWeights', 'plusOneMissing', 'ceil', 'noStride', 'assumedSame', 'padOneSide', 'noPadding', 'macsOnePosition', 'macsWithBias'],
  conv1d: ['forgotBias', 'oneBias', 'biasPerWeight', 'forgotCin', 'forgotKernel', 'outputForKernel', 'plusOneMissing', 'assumedSame'],
  deconv: ['forgotBias'],
  dwconv: ['forgotBias', 'biasPerWeight', 'depthwiseFull', 'forgotKernel', 'kernelNotSquared', 'outputForKernel', 'macsOnePosition', 'plusOneMissing', 'noStride'],
  sepconv: ['forgotBias', 'noPointwise', 'noPointwiseNoBias', 'depthwiseFull', 'separableStandard', 'macsOnePosition'],
  dense: ['forgotBias', 'oneBias', 'biasPerInput', 'biasPerWeight', 'addedBias', 'addedNotMultiplied', 'perStep', 'macsWithBias', 'macsOnePosition'],
  embedding: ['addedBias', 'perStep'],
  bn: ['statsTrainable', 'noStats', 'buffersCounted', 'onePerChannel'],
  ln: ['normStats', 'onePerChannel'],
  gn: ['normStats', 'onePerChannel', 'perGroup'],
  rnn: ['forgotBias', 'noRecurrent', 'gates', 'otherBiases', 'oneDirection', 'stackReadsInput', 'perStep'],
  lstm: ['forgotBias', 'noRecurrent', 'gates', 'otherBiases', 'oneDirection', 'stackReadsInput', 'perStep'],
  gru: ['forgotBias', 'noRecurrent', 'gates', 'otherBiases', 'oneDirection', 'stackReadsInput', 'perStep'],
  mha: ['forgotBias', 'headsMultiply', 'noOutputProjection'],
  maxpool: ['poolWeights', 'poolStrideOne', 'poolNoShrink', 'plusOneMissing', 'ceil'],
  avgpool: ['poolWeights', 'poolStrideOne', 'poolNoShrink', 'plusOneMissing', 'ceil'],
  gap: ['gapFlattens'],
  flatten: ['flattenChannelsOnly', 'flattenNoChannels'],
  dropout: ['dropoutRemoves'],
};

/** Which slips apply to a layer's options at all (a bias-free layer has no bias to forget). */
export function applies(layer: Layer, slip: Slip, framework: Framework): boolean {
  const bias = layer.opts.bias !== 'false';
  switch (slip) {
    case 'forgotBias':
    case 'oneBias':
    case 'biasPerInput':
    case 'biasPerWeight':
    case 'macsWithBias':
      return bias;
    case 'addedBias':
      return !bias || layer.kind === 'embedding';
    case 'ignoredGroups':
      return num(layer.opts.groups, 1) > 1;
    case 'dilatedWeights':
      return num(layer.opts.dilation, 1) > 1;
    case 'padOneSide':
    case 'noPadding':
      return num(layer.opts.pad === 'same' ? undefined : layer.opts.pad, 0) > 0;
    case 'statsTrainable':
    case 'noStats':
      return framework === 'keras';
    case 'buffersCounted':
      return framework === 'pytorch';
    case 'oneDirection':
      return layer.opts.bidirectional === 'true';
    case 'stackReadsInput':
      return num(layer.opts.layers, 1) > 1;
    case 'gates':
      return layer.kind !== 'rnn';
    default:
      return true;
  }
}
