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

export interface Layer {
  readonly kind: string;
  readonly args: readonly string[];
  readonly opts: Readonly<Record<string, string>>;
  /** `wte: embedding ...`: the name a tied head points at. */
  readonly name?: string;
}

/** `lora r=8 targets=q_proj,v_proj` at the end of a spec. */
export interface LoraTail {
  readonly r: number;
  readonly targets: readonly string[];
}

export interface Spec {
  readonly framework: Framework;
  readonly input: readonly number[] | undefined;
  readonly layers: readonly Layer[];
  readonly lora?: LoraTail;
  /** --batch N: the sequences a KV cache holds. */
  readonly batch: number;
}

/** `{ a > b } x3` written out: a > b > a > b > a > b. */
const unrolled = (text: string) => text.replace(/\{([^{}]*)\}\s*x(\d+)/g, (_all, body: string, times: string) => Array.from({ length: Number(times) }, () => body.trim()).join(' > '));

/** `input 28x28x1 > conv 16 3 pad=same > flatten > dense 10 --framework pytorch`, `... > { a > b } x4 > lora r=8 targets=q_proj --batch 2` */
export function readSpec(text: string): Spec {
  const framework: Framework = /--framework\s+pytorch/.test(text) ? 'pytorch' : 'keras';
  const batch = Number(/--batch\s+(\d+)/.exec(text)?.[1] ?? 1);
  const parts = unrolled(text.replace(/--\w+\s+\w+/g, ''))
    .split('>')
    .map((p) => p.trim());
  let input: number[] | undefined;
  let lora: LoraTail | undefined;
  const layers: Layer[] = [];
  for (const part of parts) {
    const labelled = /^([A-Za-z_][\w.]*):\s+(.*)$/.exec(part);
    const [kind = '', ...tokens] = (labelled ? labelled[2]! : part).split(/\s+/);
    const opts: Record<string, string> = {};
    const args: string[] = [];
    for (const tok of tokens) {
      const eq = tok.indexOf('=');
      if (eq > 0) opts[tok.slice(0, eq)] = tok.slice(eq + 1);
      else args.push(tok);
    }
    if (kind === 'input') input = args[0]!.split('x').map(Number);
    else if (kind === 'lora') lora = { r: Number(opts.r), targets: opts.targets!.split(',') };
    else layers.push({ kind, args, opts, ...(labelled && { name: labelled[1]! }) });
  }
  return { framework, input, layers, batch, ...(lora && { lora }) };
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
  | 'forgotBias'
  | 'oneBias'
  | 'biasPerInput'
  | 'biasPerWeight'
  | 'addedBias'
  | 'forgotCin'
  | 'forgotKernel'
  | 'kernelNotSquared'
  | 'outputForKernel'
  | 'ignoredGroups'
  | 'dilatedWeights'
  | 'plusOneMissing'
  | 'ceil'
  | 'noStride'
  | 'assumedSame'
  | 'padOneSide'
  | 'noPadding'
  | 'macsOnePosition'
  | 'macsWithBias'
  | 'depthwiseFull'
  | 'noPointwise'
  | 'noPointwiseNoBias'
  | 'separableStandard'
  | 'addedNotMultiplied'
  | 'perStep'
  | 'statsTrainable'
  | 'noStats'
  | 'buffersCounted'
  | 'onePerChannel'
  | 'normStats'
  | 'perGroup'
  | 'noRecurrent'
  | 'gates'
  | 'otherBiases'
  | 'oneDirection'
  | 'stackReadsInput'
  | 'headsMultiply'
  | 'noOutputProjection'
  | 'poolWeights'
  | 'poolStrideOne'
  | 'poolNoShrink'
  | 'flattenChannelsOnly'
  | 'flattenNoChannels'
  | 'gapFlattens'
  | 'dropoutRemoves'
  // transformers and LLMs
  | 'kvAsFull'
  | 'evenHeads'
  | 'valueAsKey'
  | 'oneMatrix'
  | 'twoMatrices'
  | 'countedGate'
  | 'ffnWidthAsD'
  | 'ffnFourD'
  | 'biasAllD'
  | 'biasAllF'
  | 'shiftCounted'
  | 'normPerToken'
  | 'posRowsAsT'
  | 'tiedTwice'
  | 'untiedOnce'
  // a GRU of two gates (reset and update, the candidate forgotten); a bidirectional stack read as H;
  // a BatchNorm's γ or β counted though scale=False or center=False took it away; an embedding's extra row
  | 'twoGates'
  | 'stackReadsH'
  | 'affineCounted'
  | 'extraRow'
  // mixtures of experts
  | 'expertsAsActive'
  | 'routerForgotten'
  | 'sharedForgotten'
  | 'expertTwoMatrices';

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
      const rows = big(v!) + (slip === 'extraRow' ? 1n : 0n);
      const params = rows * big(dim!) + (slip === 'addedBias' ? big(dim!) : 0n);
      return done(slip === 'perStep' ? params * prod(input) : params, 0n, [...input, dim!]);
    }
    case 'bn':
    case 'ln':
    case 'gn': {
      const channels = kind === 'gn' ? num(args[1], c) : num(args[0], c);
      const scale = opts.scale !== 'false';
      // LayerNorm's bias=False (PyTorch 2.1) is Keras's center=False: no β
      const center = opts.center !== 'false' && opts.bias !== 'false';
      const learned = slip === 'affineCounted' ? 2n : big(Number(scale) + Number(center || slip === 'shiftCounted'));
      const statsKept = kind === 'bn' && fw === 'keras';
      let perChannel = learned;
      let statsPer = statsKept ? 2n : 0n;
      if (slip === 'onePerChannel' && learned === 2n) perChannel = 1n;
      if (slip === 'noStats') statsPer = 0n;
      if (slip === 'buffersCounted' || slip === 'normStats') perChannel += 2n;
      const units = slip === 'perGroup' ? big(num(args[0], 1)) : slip === 'normPerToken' ? prod(input) : big(channels);
      const trainable = perChannel * units;
      const stats = statsPer * units;
      // one multiply per element when γ is learned (β is an addition: no MAC)
      const macs = scale ? prod(input) : 0n;
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
      if (slip === 'twoGates') gates = 2;
      let biases = fw === 'pytorch' ? 2 : kind === 'gru' && opts.reset_after !== 'false' ? 2 : 1;
      if (slip === 'otherBiases') biases = 3 - biases;
      if (slip === 'forgotBias') biases = 0;
      const directions = opts.bidirectional === 'true' && slip !== 'oneDirection' ? 2 : 1;
      const layers = num(opts.layers, 1);
      let params = 0n;
      let perStep = 0n;
      for (let i = 0; i < layers; i++) {
        // a student who counts one direction also takes the next layer to read H, not 2H
        const x = i === 0 || slip === 'stackReadsInput' ? n : slip === 'stackReadsH' ? h : directions * h;
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
    case 'mha':
    case 'attention': {
      // Keras MultiHeadAttention: Q and K D×h×key_dim, V D×h×value_dim (biases h×size), O h×value_dim×D + D;
      // PyTorch's in_proj and out_proj are the same with key_dim = value_dim = D/h. `attention` (Hugging Face
      // q/k/v/o_proj): Q h×head_dim, K and V kv_heads×head_dim, O back to D.
      const heads = Number(args[0]);
      const d = num(args[1], c);
      const given = num(kind === 'mha' ? opts.key_dim : opts.head_dim, d / heads);
      // heads of D/h are what an even split gives: a D that does not split has no such slip
      const even = d % heads === 0 ? d / heads : given;
      const key = slip === 'evenHeads' ? even : given;
      const value = slip === 'evenHeads' ? even : slip === 'valueAsKey' ? key : num(opts.value_dim, key);
      const kv = kind === 'attention' && slip !== 'kvAsFull' ? num(opts.kv_heads, heads) : heads;
      const allOff = opts.bias === 'false';
      let qkvBias = opts.qkv_bias === undefined ? !allOff : opts.qkv_bias === 'true';
      let outBias = opts.out_bias === undefined ? !allOff : opts.out_bias === 'true';
      if (slip === 'forgotBias') [qkvBias, outBias] = [false, false];
      if (slip === 'addedBias') [qkvBias, outBias] = [true, true];
      const widths = big(heads * key + kv * key + kv * value);
      let params = big(d) * widths + (qkvBias ? widths : 0n);
      if (slip !== 'noOutputProjection') params += big(heads * value) * big(d) + (outBias ? big(d) : 0n);
      if (slip === 'headsMultiply') params *= big(heads);
      // the projections at every token, and the T×T scores (QKᵀ) and weighted sums (A·V) per head
      const steps = big(input[0]!);
      const macs = steps * (big(d) * widths + big(heads * value) * big(d)) + steps * steps * big(heads) * big(key + value);
      return done(params, macs, input);
    }
    case 'mlp':
    case 'swiglu':
    case 'geglu': {
      // D → F → D; a gated block (Shazeer 2020) has a gate beside the up matrix: three matrices.
      const [dArg, fArg] = args.length === 2 ? args : [undefined, args[0]];
      const d = big(num(dArg, c));
      let f = big(Number(fArg));
      if (slip === 'ffnWidthAsD') f = d;
      if (slip === 'ffnFourD') f = 4n * d;
      const gatedKind = kind !== 'mlp';
      const matrices = slip === 'twoMatrices' ? 2n : slip === 'countedGate' ? 3n : slip === 'oneMatrix' ? 1n : gatedKind ? 3n : 2n;
      const withBias = slip === 'addedBias' || (bias && slip !== 'forgotBias');
      // one bias per output of each matrix: the up matrices' F, the down matrix's D
      const ups = matrices === 1n ? 1n : matrices - 1n;
      let biases = withBias ? ups * f + (matrices === 1n ? 0n : d) : 0n;
      if (slip === 'biasAllD') biases = matrices * d;
      if (slip === 'biasAllF') biases = matrices * f;
      let params = matrices * d * f + biases;
      const tokens = prod(input.slice(0, -1));
      if (slip === 'perStep') params *= tokens;
      return done(params, tokens * (gatedKind ? 3n : 2n) * big(num(dArg, c)) * big(Number(fArg)), input);
    }
    case 'moe': {
      // a router D×E, E gated experts of width F (3·D·F each), shared experts of width F_s (3·D·F_s) with Qwen2-MoE's gate (D);
      // each token runs the router, its top_k experts and the shared ones
      const [dArg, eArg, fArg] = args.length === 3 ? args : [undefined, ...args];
      const d = big(num(dArg, c));
      const [e, f, k] = [big(Number(eArg)), big(Number(fArg)), big(Number(opts.top_k))];
      const fs = big(num(opts.shared_ff, 0));
      const gate = opts.shared_gate === 'true' ? d : 0n;
      const perMatrix = slip === 'expertTwoMatrices' ? 2n : 3n;
      const stored = slip === 'expertsAsActive' ? k : e;
      const router = slip === 'routerForgotten' ? 0n : e * d;
      const shared = slip === 'sharedForgotten' ? 0n : perMatrix * d * fs + gate;
      const params = router + stored * perMatrix * d * f + shared;
      const tokens = prod(input.slice(0, -1));
      return done(params, tokens * (e * d + k * 3n * d * f + 3n * d * fs + gate), input);
    }
    case 'mla': {
      // DeepSeek's latent attention: q_proj D×h(nope+rope) (or q_a D×q_rank, its norm, q_b q_rank×h(nope+rope)),
      // kv_a_proj_with_mqa D×(kv_rank + rope), its norm kv_rank, kv_b_proj kv_rank×h(nope + v), o_proj h·v×D
      const heads = big(Number(args[0]));
      const d = big(num(args[1], c));
      const [rank, qRank, nope, rope, v] = ['kv_rank', 'q_rank', 'nope_dim', 'rope_dim', 'v_dim'].map((key) => big(num(opts[key], 0)));
      const qk = heads * (nope! + rope!);
      const q = qRank === 0n ? d * qk : d * qRank! + qRank! + qRank! * qk;
      const matrices = (qRank === 0n ? d * qk : d * qRank! + qRank! * qk) + d * (rank! + rope!) + rank! * heads * (nope! + v!) + heads * v! * d;
      const params = q + d * (rank! + rope!) + rank! + rank! * heads * (nope! + v!) + heads * v! * d;
      const steps = big(input[0]!);
      return done(params, steps * matrices + steps * steps * heads * (nope! + rope! + v!), input);
    }
    case 'rmsnorm': {
      // x / rms(x) × γ (Zhang & Sennrich 2019): one scale per feature, no shift
      const channels = big(num(args[0], c));
      const params = slip === 'shiftCounted' ? 2n * channels : slip === 'normPerToken' ? prod(input) : channels;
      return done(params, prod(input), input);
    }
    case 'posembed': {
      // a learned row for each position up to the maximum P, whatever the sequence length
      const d = big(num(args[1], c));
      const rows = slip === 'posRowsAsT' ? big(input[0]!) : big(Number(args[0]));
      return done(rows * d, 0n, input);
    }
    case 'lmhead': {
      // D → V logits, no bias unless asked; tied to the token embedding it adds nothing of its own
      const [dArg, vArg] = args.length === 2 ? args : [undefined, args[0]];
      const d = big(num(dArg, c));
      const v = big(Number(vArg));
      const tied = opts.tie !== undefined;
      const matrix = (tied && slip !== 'tiedTwice') || slip === 'untiedOnce' ? 0n : d * v;
      const params = matrix + (opts.bias === 'true' || slip === 'addedBias' ? v : 0n);
      return done(params, prod(input.slice(0, -1)) * d * v, [...input.slice(0, -1), Number(vArg)]);
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
  // an embedding reads token ids; a mixture of experts' spec does not state D, so in= gives it
  if (kind === 'embedding' || kind === 'moe') return dims;
  if (['maxpool', 'avgpool', 'gap', 'flatten', 'dropout'].includes(kind)) return dims;
  const channels =
    kind === 'gn'
      ? Number(args[1])
      : kind === 'mha' || kind === 'attention'
        ? Number(args[1])
        : kind === 'dwconv'
          ? Number(args[0])
          : kind === 'bn' || kind === 'ln'
            ? Number(args[0])
            : Number(args[0]);
  return [...dims, channels];
}

/** Slips that need the input's size: without it a question gives none to get wrong. */
export const SIZE_SLIPS: ReadonlySet<Slip> = new Set([
  ...SHAPE_SLIPS,
  'outputForKernel',
  'macsOnePosition',
  'macsWithBias',
  'poolStrideOne',
  'poolNoShrink',
  'flattenChannelsOnly',
  'flattenNoChannels',
  'gapFlattens',
  'perStep',
  'normPerToken',
  'posRowsAsT',
]);

/** Whether the spec gives the sizes (an input, or the first layer's in=). */
export const sized = (spec: Spec) => spec.input !== undefined || spec.layers[0]?.opts.in !== undefined;

export interface Totals {
  readonly params: bigint;
  readonly trainable: bigint;
  readonly macs: bigint;
  readonly out: readonly number[];
}

/** The whole count, with at most one slip made in one layer (`at`). */
/** The whole count, with at most one slip made in one layer (`at`), or one made in the LoRA adapters. */
export function countAll(spec: Spec, slip?: { at: number; slip: Slip }, loraSlip?: LoraSlip): Totals {
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
  if (spec.lora === undefined) return { params, trainable, macs, out: shape };
  // LoRA (Hu et al. 2021): the base frozen, A (r×IN) and B (OUT×r) trained for each targeted matrix
  const adapters = loraParams(spec, spec.lora, loraSlip);
  return { params: params + adapters, trainable: adapters, macs, out: shape };
}

/** Layer `at` as the student counts it (its parameters, trainable share, MACs and output) and the input it is given. */
export function layerOf(spec: Spec, at: number): Counted & { readonly input: readonly number[]; readonly layer: Layer } {
  const input = inputs(spec)[at]!;
  const layer = spec.layers[at]!;
  return { ...layerCount(layer, input, spec.framework), input, layer };
}

/** Each layer's input, as the layers before it give it. */
function inputs(spec: Spec): number[][] {
  let shape = spec.input ?? standaloneInput(spec.layers[0]!);
  return spec.layers.map((layer) => {
    const seen = [...shape];
    shape = [...layerCount(layer, shape, spec.framework).out];
    return seen;
  });
}

/** A matrix a layer multiplies by, by the name Hugging Face gives it (q_proj, gate_proj, fc1). */
interface Matrix {
  readonly name: string;
  readonly in: number;
  readonly out: number;
  /** k_proj and v_proj: kv_heads×head_dim wide. */
  readonly keyValue: boolean;
}

function matrices(layer: Layer, input: readonly number[]): Matrix[] {
  const c = input[input.length - 1]!;
  const m = (name: string, i: number, o: number, keyValue = false): Matrix => ({ name, in: i, out: o, keyValue });
  switch (layer.kind) {
    case 'attention': {
      const heads = Number(layer.args[0]);
      const d = num(layer.args[1], c);
      const dh = num(layer.opts.head_dim, d / heads);
      const kv = num(layer.opts.kv_heads, heads);
      return [m('q_proj', d, heads * dh), m('k_proj', d, kv * dh, true), m('v_proj', d, kv * dh, true), m('o_proj', heads * dh, d)];
    }
    case 'swiglu':
    case 'geglu': {
      const f = Number(layer.args[layer.args.length - 1]);
      return [m('gate_proj', c, f), m('up_proj', c, f), m('down_proj', f, c)];
    }
    default:
      return [];
  }
}

/** What a student may get wrong about LoRA's trainable parameters. */
export type LoraSlip = 'aOnly' | 'bOnly' | 'squared' | 'fullMatrix' | 'oneLayer' | 'firstTarget' | 'kvAsD';
export const LORA_SLIPS: readonly LoraSlip[] = ['aOnly', 'bOnly', 'squared', 'fullMatrix', 'oneLayer', 'firstTarget', 'kvAsD'];
export const LORA_NAMES: Readonly<Record<LoraSlip, readonly string[]>> = {
  aOnly: ['loraInOnly'],
  bOnly: ['loraOutOnly'],
  squared: ['loraSquare'],
  fullMatrix: ['loraFullMatrix'],
  oneLayer: ['loraOneLayer'],
  firstTarget: ['loraOneTarget'],
  kvAsD: ['loraKvFullWidth'],
};

/** The adapters' parameters: r×(IN + OUT) for every matrix a target names. */
function loraParams(spec: Spec, lora: LoraTail, slip?: LoraSlip): bigint {
  const shapes = inputs(spec);
  let adapted = spec.layers.flatMap((layer, i) => matrices(layer, shapes[i]!).filter((x) => lora.targets.includes(x.name)));
  if (slip === 'oneLayer') adapted = adapted.filter((x, i) => adapted.findIndex((y) => y.name === x.name) === i);
  if (slip === 'firstTarget') adapted = adapted.filter((x) => x.name === adapted[0]!.name);
  const r = big(lora.r);
  return adapted.reduce((sum, x) => {
    const [i, o] = [big(x.in), big(slip === 'kvAsD' && x.keyValue ? x.in : x.out)];
    const each = slip === 'aOnly' ? r * i : slip === 'bOnly' ? r * o : slip === 'squared' ? r * r : slip === 'fullMatrix' ? i * o : r * (i + o);
    return sum + each;
  }, 0n);
}

/** Whether a LoRA slip can happen here: one layer's adapters only where there are several layers, a K/V width only where it is narrower than D. */
export function loraApplies(spec: Spec, slip: LoraSlip): boolean {
  const shapes = inputs(spec);
  const adapted = spec.layers.flatMap((layer, i) => matrices(layer, shapes[i]!).filter((x) => spec.lora!.targets.includes(x.name)));
  const names = new Set(adapted.map((x) => x.name));
  if (slip === 'oneLayer') return [...names].every((n) => adapted.filter((x) => x.name === n).length > 1);
  if (slip === 'firstTarget') return names.size > 1;
  if (slip === 'kvAsD') return adapted.some((x) => x.keyValue && x.out < x.in);
  return true;
}

/** What a memory question asks for (the quiz's MemoryQuantity, written out independently). */
export type MemoryAsk =
  | { readonly of: 'weights'; readonly precision: 'fp32' | 'fp16' | 'bf16' | 'int8' | 'int4' }
  | { readonly of: 'training'; readonly mode: 'fp32' | 'mixed' }
  | { readonly of: 'kv' }
  | { readonly of: 'quantized'; readonly format: QuantFormat }
  | { readonly of: 'active' }
  | { readonly of: 'flops' };
export type QuantFormat = 'gptq-int4' | 'awq-int4' | 'nf4';

/**
 * Slips of memory: bits for bytes, another precision, Adam's parts, frozen weights, the KV cache's 2, heads, precision, layers,
 * batch; latent attention's cache rebuilt, doubled, without its rotary key, in numbers for bytes; a mixture of experts sized
 * from what a token touches, and what a token touches miscounted; FLOPs per token by a rule of thumb or a convention misread;
 * a quantized checkpoint's scales, zeros or g_idx forgotten, or every tensor taken to be 4-bit.
 */
export type MemorySlip =
  | 'bits'
  | 'int4Byte'
  | 'asFp32'
  | 'asFp16'
  | 'asInt8'
  | 'asInt4'
  | 'noMoments'
  | 'noGradients'
  | 'noMaster'
  | 'weightsOnly'
  | 'frozenTrained'
  | 'frozenLeftOut'
  | 'kvOne'
  | 'kvQueryHeads'
  | 'kvFp32'
  | 'kvOneLayer'
  | 'kvOneSequence'
  | 'latentRebuilt'
  | 'latentTwice'
  | 'latentNoRope'
  | 'kvValues'
  | 'sizedFromActive'
  | 'activeAllExperts'
  | 'activeExpertsOnly'
  | 'activeNoShared'
  | 'activeNoEmbeddings'
  | 'activeNoInputEmbedding'
  | 'flopsNoAttention'
  | 'flopsAsMacs'
  | 'flopsTraining'
  | 'flopsCausalHalf'
  | 'flopsWithEmbedding'
  | 'flopsTwoN'
  | 'flopsSixN'
  | 'flopsAllExperts'
  | 'quantNoScales'
  | 'quantNoZeros'
  | 'quantNoGidx'
  | 'quantEverything';
export const MEMORY_NAMES: Readonly<Record<MemorySlip, readonly string[]>> = {
  bits: ['bitsForBytes'],
  int4Byte: ['int4AsByte'],
  asFp32: ['precision.fp32'],
  asFp16: ['precision.fp16'],
  asInt8: ['precision.int8'],
  asInt4: ['precision.int4'],
  noMoments: ['adamMomentsForgotten'],
  noGradients: ['gradientsForgotten'],
  noMaster: ['masterForgotten'],
  weightsOnly: ['weightsOnly'],
  frozenTrained: ['frozenTrained'],
  frozenLeftOut: ['frozenLeftOut'],
  kvOne: ['kvWithoutTwo'],
  kvQueryHeads: ['kvQueryHeads'],
  // a latent cached twice is twice the numbers, the same as fp32's twice the bytes
  kvFp32: ['kvFp32', 'latentTwice'],
  kvOneLayer: ['kvOneLayer'],
  kvOneSequence: ['kvOneSequence'],
  latentRebuilt: ['latentRebuilt'],
  latentTwice: ['latentTwice', 'kvFp32'],
  latentNoRope: ['latentNoRope'],
  kvValues: ['kvValuesForBytes'],
  sizedFromActive: ['sizedFromActive'],
  activeAllExperts: ['activeAllExperts'],
  activeExpertsOnly: ['activeExpertsOnly'],
  activeNoShared: ['activeNoShared'],
  activeNoEmbeddings: ['activeNoEmbeddings'],
  activeNoInputEmbedding: ['activeNoInputEmbedding'],
  flopsNoAttention: ['flopsNoAttention'],
  flopsAsMacs: ['flopsAsMacs'],
  flopsTraining: ['flopsTraining'],
  flopsCausalHalf: ['flopsCausalHalf'],
  flopsWithEmbedding: ['flopsWithEmbedding'],
  flopsTwoN: ['flopsTwoN'],
  flopsSixN: ['flopsSixN'],
  flopsAllExperts: ['flopsAllExperts'],
  quantNoScales: ['quantNoScales'],
  quantNoZeros: ['quantNoZeros'],
  quantNoGidx: ['quantNoGidx'],
  quantEverything: ['quantEverything'],
};
export const MEMORY_SLIPS = Object.keys(MEMORY_NAMES) as readonly MemorySlip[];

const BITS_PER = { fp32: 32, fp16: 16, bf16: 16, int8: 8, int4: 4 } as const;
/** Adam's bytes per trained parameter, part by part: fp32 4 + 4 + 4 + 4; mixed precision (ZeRO) 2 + 2 + 4 (master) + 4 + 4. */
const ADAM = {
  fp32: { weights: 4, gradients: 4, master: 0, moments: 8 },
  mixed: { weights: 2, gradients: 2, master: 4, moments: 8 },
} as const;

/** Each layer with the input it reads. */
const withInputs = (spec: Spec) => {
  const shapes = inputs(spec);
  return spec.layers.map((layer, i) => ({ layer, input: shapes[i]! }));
};

/** The cache one attention layer keeps per token, in numbers: K and V of its kv heads, or latent attention's latent and rotary key. */
function cachedPerToken(layer: Layer, input: readonly number[], slip?: MemorySlip): bigint {
  const heads = Number(layer.args[0]);
  if (layer.kind === 'mla') {
    const [rank, nope, rope, v] = ['kv_rank', 'nope_dim', 'rope_dim', 'v_dim'].map((key) => big(Number(layer.opts[key])));
    if (slip === 'latentRebuilt') return big(heads) * (nope! + rope! + v!);
    return (slip === 'latentTwice' ? 2n : 1n) * (rank! + (slip === 'latentNoRope' ? 0n : rope!));
  }
  const d = num(layer.args[1], input[input.length - 1]!);
  const dh = num(layer.opts.head_dim, d / heads);
  const kv = slip === 'kvQueryHeads' ? heads : num(layer.opts.kv_heads, heads);
  return big(slip === 'kvOne' ? 1 : 2) * big(kv * dh);
}

/** Mixture-of-experts layers as a student reads them: E, top_k, one expert's and the shared experts' parameters. */
function moeLayers(spec: Spec) {
  return withInputs(spec)
    .filter(({ layer }) => layer.kind === 'moe')
    .map(({ layer, input }) => {
      const d = big(num(layer.args.length === 3 ? layer.args[0] : undefined, input[input.length - 1]!));
      const [e, f] = layer.args.slice(-2).map((x) => big(Number(x)));
      const shared = 3n * d * big(num(layer.opts.shared_ff, 0)) + (layer.opts.shared_gate === 'true' ? d : 0n);
      return { e: e!, k: big(Number(layer.opts.top_k)), expert: 3n * d * f!, shared };
    });
}

/** The parameters of the layers of a kind. */
const paramsOf = (spec: Spec, kind: string) => withInputs(spec).reduce((a, { layer, input }) => (layer.kind === kind ? a + layerCount(layer, input, spec.framework).params : a), 0n);

/** What one token touches (Mistral's convention: its top_k experts, everything else, both embedding tables), with a slip. */
function activeOf(spec: Spec, totals: Totals, slip?: MemorySlip): bigint {
  const moe = moeLayers(spec);
  const active = totals.params - moe.reduce((a, m) => a + (m.e - m.k) * m.expert, 0n);
  switch (slip) {
    case 'activeAllExperts':
      return totals.params;
    case 'activeExpertsOnly':
      return moe.reduce((a, m) => a + m.k * m.expert, 0n);
    case 'activeNoShared':
      return active - moe.reduce((a, m) => a + m.shared, 0n);
    case 'activeNoEmbeddings':
      return active - paramsOf(spec, 'embedding') - paramsOf(spec, 'lmhead');
    case 'activeNoInputEmbedding':
      return active - paramsOf(spec, 'embedding');
    default:
      return active;
  }
}

/** Forward FLOPs per token at the input's length: 2 per MAC of the weights, 2 per MAC of the T×T scores, with a slip. */
function flopsOf(spec: Spec, totals: Totals, slip?: MemorySlip): bigint {
  const t = big((spec.input ?? [1])[0]!);
  // QKᵀ and A·V: T×T×h×(key + value) MACs a layer
  const scores = withInputs(spec).reduce((a, { layer, input }) => {
    if (layer.kind !== 'attention') return a;
    const heads = Number(layer.args[0]);
    const dh = num(layer.opts.head_dim, num(layer.args[1], input[input.length - 1]!) / heads);
    return a + t * t * big(heads * 2 * dh);
  }, 0n);
  const weights = (2n * (totals.macs - scores)) / t;
  const attention = (2n * scores) / t;
  const forward = weights + attention;
  const moe = moeLayers(spec);
  const touched = moe.length > 0 ? activeOf(spec, totals) : totals.params;
  switch (slip) {
    case 'flopsNoAttention':
      return weights;
    case 'flopsAsMacs':
      return forward / 2n;
    case 'flopsTraining':
      return 3n * forward;
    case 'flopsCausalHalf':
      return weights + attention / 2n;
    case 'flopsWithEmbedding':
      return forward + 2n * paramsOf(spec, 'embedding');
    case 'flopsTwoN':
      return 2n * touched;
    case 'flopsSixN':
      return 6n * touched;
    case 'flopsAllExperts':
      return forward + 2n * (totals.params - touched);
    default:
      return forward;
  }
}

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;

/**
 * A quantized checkpoint's bytes: every Linear of the decoder layers in the format's layout (AutoGPTQ: qweight, qzeros, fp16
 * scales per group of 128, g_idx int32 per input; AutoAWQ GEMM: the same without g_idx; bitsandbytes NF4 with double
 * quantization: 4-bit weights, an 8-bit absmax per 64, an fp32 absmax per 256 blocks, two fp32 code tables), the rest at 2 bytes.
 */
function quantizedOf(spec: Spec, format: QuantFormat, slip?: MemorySlip): bigint {
  const g = 128n;
  const linearBytes = (i: bigint, o: bigint): bigint => {
    const packed = (i * o) / 2n;
    if (format === 'nf4') {
      const blocks = ceilDiv(i * o, 64n);
      return packed + (slip === 'quantNoScales' ? 0n : blocks + 4n * ceilDiv(blocks, 256n) + 4n * (256n + 16n));
    }
    const groups = format === 'gptq-int4' ? ceilDiv(i, g) : i / g;
    const zeros = slip === 'quantNoScales' || slip === 'quantNoZeros' ? 0n : (groups * o) / 2n;
    const scales = slip === 'quantNoScales' ? 0n : 2n * groups * o;
    const gIdx = format === 'gptq-int4' && slip !== 'quantNoGidx' ? 4n * i : 0n;
    return packed + zeros + scales + gIdx;
  };
  // what is not quantized: 2 bytes a parameter; every tensor taken to be 4-bit (a slip): the rest packed two to a byte
  const kept = (params: bigint) => (slip === 'quantEverything' ? ceilDiv(params, 2n) : 2n * params);
  return withInputs(spec).reduce((a, { layer, input }) => {
    const linear = matrices(layer, input);
    if (linear.length > 0) return a + linear.reduce((b, m) => b + linearBytes(big(m.in), big(m.out)), 0n);
    return a + kept(layerCount(layer, input, spec.framework).params);
  }, 0n);
}

/** Bytes (or FLOPs, or parameters) for `ask`, counted by hand from the totals and the spec's layers, with at most one slip. */
export function memoryOf(spec: Spec, totals: Totals, ask: MemoryAsk, slip?: MemorySlip): bigint {
  switch (ask.of) {
    case 'weights': {
      const asked = { asFp32: 'fp32', asFp16: 'fp16', asInt8: 'int8', asInt4: 'int4' }[slip as string] as keyof typeof BITS_PER | undefined;
      const precision = asked ?? ask.precision;
      const bits = slip === 'int4Byte' && precision === 'int4' ? 8 : BITS_PER[precision];
      const params = slip === 'sizedFromActive' ? activeOf(spec, totals) : totals.params;
      const total = params * big(bits);
      return slip === 'bits' ? total : (total + 7n) / 8n;
    }
    case 'training': {
      const a = ADAM[ask.mode];
      const parts = { weights: a.weights, gradients: slip === 'noGradients' ? 0 : a.gradients, master: slip === 'noMaster' ? 0 : a.master, moments: slip === 'noMoments' ? 0 : a.moments };
      const perTrained = slip === 'weightsOnly' ? a.weights : parts.weights + parts.gradients + parts.master + parts.moments;
      const frozen = totals.params - totals.trainable;
      const trained = slip === 'frozenTrained' ? totals.params : totals.trainable;
      const kept = slip === 'frozenTrained' || slip === 'frozenLeftOut' ? 0n : frozen;
      return trained * big(perTrained) + kept * big(a.weights);
    }
    case 'kv': {
      // per token: K and V of every attention layer, kv_heads × head_dim each (latent attention: its latent and rotary key), 2 bytes (fp16)
      const layers = withInputs(spec).filter((x) => x.layer.kind === 'attention' || x.layer.kind === 'mla');
      const counted = slip === 'kvOneLayer' ? layers.slice(0, 1) : layers;
      const perToken = counted.reduce((sum, { layer, input }) => sum + cachedPerToken(layer, input, slip), 0n);
      const bytes = slip === 'kvFp32' ? 4n : slip === 'bits' ? 16n : slip === 'kvValues' ? 1n : 2n;
      const tokens = big((spec.input ?? [1])[0]!);
      return perToken * bytes * tokens * big(slip === 'kvOneSequence' ? 1 : spec.batch);
    }
    case 'active':
      return activeOf(spec, totals, slip);
    case 'flops':
      return flopsOf(spec, totals, slip);
    case 'quantized': {
      const bytes = quantizedOf(spec, ask.format, slip);
      return slip === 'bits' ? 8n * bytes : bytes;
    }
  }
}

/** Whether a memory slip can happen on this question (a frozen part to misplace, several layers, a batch, experts, latent attention, the format's parts). */
export function memoryApplies(spec: Spec, totals: Totals, ask: MemoryAsk, slip: MemorySlip): boolean {
  const attention = spec.layers.filter((l) => l.kind === 'attention');
  const latent = spec.layers.some((l) => l.kind === 'mla');
  const moe = spec.layers.filter((l) => l.kind === 'moe');
  const embedded = spec.layers.some((l) => l.kind === 'embedding');
  switch (slip) {
    case 'bits':
      return ask.of === 'weights' || ask.of === 'kv' || ask.of === 'quantized';
    case 'int4Byte':
      return ask.of === 'weights' && ask.precision === 'int4';
    case 'asFp32':
    case 'asFp16':
    case 'asInt8':
    case 'asInt4':
      return ask.of === 'weights';
    case 'noMoments':
    case 'noGradients':
    case 'weightsOnly':
      return ask.of === 'training';
    case 'noMaster':
      return ask.of === 'training' && ask.mode === 'mixed';
    case 'frozenTrained':
    case 'frozenLeftOut':
      return ask.of === 'training' && totals.params > totals.trainable;
    case 'kvOne':
      return ask.of === 'kv' && attention.length > 0;
    case 'kvFp32':
      return ask.of === 'kv';
    case 'kvQueryHeads':
      return ask.of === 'kv' && attention.some((l) => num(l.opts.kv_heads, Number(l.args[0])) < Number(l.args[0]));
    case 'kvOneLayer':
      return ask.of === 'kv' && attention.length + spec.layers.filter((l) => l.kind === 'mla').length > 1;
    case 'kvOneSequence':
      return ask.of === 'kv' && spec.batch > 1;
    case 'latentRebuilt':
    case 'latentTwice':
    case 'latentNoRope':
    case 'kvValues':
      return ask.of === 'kv' && latent;
    case 'sizedFromActive':
      return ask.of === 'weights' && moe.length > 0;
    case 'activeAllExperts':
    case 'activeExpertsOnly':
    case 'activeNoEmbeddings':
      return ask.of === 'active';
    case 'activeNoShared':
      return ask.of === 'active' && moe.some((l) => l.opts.shared_ff !== undefined);
    case 'activeNoInputEmbedding':
      return ask.of === 'active' && embedded;
    case 'flopsNoAttention':
    case 'flopsAsMacs':
    case 'flopsTraining':
    case 'flopsCausalHalf':
    case 'flopsTwoN':
    case 'flopsSixN':
      return ask.of === 'flops';
    case 'flopsWithEmbedding':
      return ask.of === 'flops' && embedded;
    case 'flopsAllExperts':
      return ask.of === 'flops' && moe.length > 0;
    case 'quantNoScales':
    case 'quantEverything':
      return ask.of === 'quantized';
    case 'quantNoZeros':
      return ask.of === 'quantized' && ask.format !== 'nf4';
    case 'quantNoGidx':
      return ask.of === 'quantized' && ask.format === 'gptq-int4';
  }
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
  twoGates: ['gates2'],
  stackReadsH: ['stackedReadH'],
  affineCounted: ['countedAffineOff'],
  extraRow: ['extraRow'],
  headsMultiply: ['headsMultiplied'],
  noOutputProjection: ['forgotOutputProjection'],
  poolWeights: ['poolWeights'],
  poolStrideOne: ['poolStrideOne', 'ignoredStride'],
  poolNoShrink: ['noShrink'],
  flattenChannelsOnly: ['channelsOnly'],
  flattenNoChannels: ['forgotChannels'],
  gapFlattens: ['gapAsFlatten'],
  dropoutRemoves: ['dropoutShrinks'],
  kvAsFull: ['kvAsFullHeads'],
  evenHeads: ['evenHeads'],
  valueAsKey: ['valueAsKeyDim'],
  oneMatrix: ['oneMatrix'],
  twoMatrices: ['twoMatrices'],
  countedGate: ['countedGate'],
  ffnWidthAsD: ['widthAsModel'],
  ffnFourD: ['assumedFourD'],
  biasAllD: ['biasesAllD'],
  biasAllF: ['biasesAllF'],
  shiftCounted: ['countedShift'],
  normPerToken: ['perPosition'],
  posRowsAsT: ['rowsAsSequence'],
  tiedTwice: ['tiedCountedTwice'],
  untiedOnce: ['untiedCountedOnce'],
  expertsAsActive: ['expertsAsActive'],
  routerForgotten: ['routerForgotten'],
  sharedForgotten: ['sharedForgotten'],
  expertTwoMatrices: ['expertTwoMatrices'],
};

/** The slips a student may make in a layer of this kind. */
export const SLIPS_BY_KIND: Readonly<Record<string, readonly Slip[]>> = {
  conv: [
    'forgotBias',
    'oneBias',
    'biasPerInput',
    'biasPerWeight',
    'addedBias',
    'forgotCin',
    'forgotKernel',
    'kernelNotSquared',
    'outputForKernel',
    'ignoredGroups',
    'dilatedWeights',
    'plusOneMissing',
    'ceil',
    'noStride',
    'assumedSame',
    'padOneSide',
    'noPadding',
    'macsOnePosition',
    'macsWithBias',
  ],
  conv1d: ['forgotBias', 'oneBias', 'biasPerWeight', 'forgotCin', 'forgotKernel', 'outputForKernel', 'plusOneMissing', 'assumedSame'],
  deconv: ['forgotBias'],
  dwconv: ['forgotBias', 'biasPerWeight', 'depthwiseFull', 'forgotKernel', 'kernelNotSquared', 'outputForKernel', 'macsOnePosition', 'plusOneMissing', 'noStride'],
  sepconv: ['forgotBias', 'noPointwise', 'noPointwiseNoBias', 'depthwiseFull', 'separableStandard', 'macsOnePosition'],
  dense: ['forgotBias', 'oneBias', 'biasPerInput', 'biasPerWeight', 'addedBias', 'addedNotMultiplied', 'perStep', 'macsWithBias', 'macsOnePosition'],
  embedding: ['addedBias', 'perStep', 'extraRow'],
  bn: ['statsTrainable', 'noStats', 'buffersCounted', 'onePerChannel', 'affineCounted'],
  ln: ['normStats', 'onePerChannel', 'shiftCounted', 'normPerToken'],
  rmsnorm: ['shiftCounted', 'normPerToken'],
  gn: ['normStats', 'onePerChannel', 'perGroup'],
  rnn: ['forgotBias', 'noRecurrent', 'gates', 'otherBiases', 'oneDirection', 'stackReadsInput', 'perStep'],
  lstm: ['forgotBias', 'noRecurrent', 'gates', 'otherBiases', 'oneDirection', 'stackReadsInput', 'stackReadsH', 'perStep'],
  gru: ['forgotBias', 'noRecurrent', 'gates', 'twoGates', 'otherBiases', 'oneDirection', 'stackReadsInput', 'stackReadsH', 'perStep'],
  mha: ['forgotBias', 'headsMultiply', 'noOutputProjection', 'evenHeads', 'valueAsKey', 'addedBias'],
  attention: ['forgotBias', 'headsMultiply', 'noOutputProjection', 'kvAsFull', 'evenHeads', 'addedBias'],
  mlp: ['forgotBias', 'addedBias', 'oneMatrix', 'countedGate', 'ffnWidthAsD', 'ffnFourD', 'biasAllD', 'biasAllF', 'perStep'],
  swiglu: ['forgotBias', 'addedBias', 'twoMatrices', 'ffnWidthAsD', 'ffnFourD', 'biasAllD', 'biasAllF', 'perStep'],
  geglu: ['forgotBias', 'addedBias', 'twoMatrices', 'ffnWidthAsD', 'ffnFourD', 'biasAllD', 'biasAllF', 'perStep'],
  posembed: ['posRowsAsT'],
  lmhead: ['tiedTwice', 'untiedOnce', 'addedBias'],
  moe: ['expertsAsActive', 'routerForgotten', 'sharedForgotten', 'expertTwoMatrices'],
  maxpool: ['poolWeights', 'poolStrideOne', 'poolNoShrink', 'plusOneMissing', 'ceil'],
  avgpool: ['poolWeights', 'poolStrideOne', 'poolNoShrink', 'plusOneMissing', 'ceil'],
  gap: ['gapFlattens'],
  flatten: ['flattenChannelsOnly', 'flattenNoChannels'],
  dropout: ['dropoutRemoves'],
};

/** Which slips apply to a layer's options at all (a bias-free layer has no bias to forget). */
export function applies(layer: Layer, slip: Slip, framework: Framework): boolean {
  const bias = layer.opts.bias !== 'false';
  const tied = layer.opts.tie !== undefined;
  if (layer.kind === 'lmhead') return slip === 'tiedTwice' ? tied : !tied && (slip !== 'addedBias' || layer.opts.bias !== 'true');
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
    case 'stackReadsH':
      return num(layer.opts.layers, 1) > 1 && layer.opts.bidirectional === 'true';
    case 'affineCounted':
      return layer.opts.scale === 'false' || layer.opts.center === 'false';
    case 'stackReadsInput':
      return num(layer.opts.layers, 1) > 1;
    case 'gates':
      return layer.kind !== 'rnn';
    case 'kvAsFull':
      return num(layer.opts.kv_heads, Number(layer.args[0])) < Number(layer.args[0]);
    case 'valueAsKey':
      return layer.opts.value_dim !== undefined;
    case 'biasAllD':
    case 'biasAllF':
      return bias;
    case 'shiftCounted':
      return layer.kind === 'rmsnorm' || (layer.opts.bias === 'false' && layer.opts.scale !== 'false');
    case 'expertsAsActive':
      return Number(layer.opts.top_k) < Number(layer.args[layer.args.length - 2]);
    case 'sharedForgotten':
      return layer.opts.shared_ff !== undefined;
    default:
      return true;
  }
}
