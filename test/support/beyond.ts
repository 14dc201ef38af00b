/**
 * A student whose slips are none of the mistake library's: the ways real students go wrong that
 * no listed mistake describes. Written apart from the library, on the hand-counting student's own
 * formulas (student.ts): each slip is the right count changed the way the slip changes it.
 *
 * The quiz cannot name these (none is listed), so a diagnosis of one is right when it says what the
 * difference equals without a cause (or says it beside listed mistakes, as only one way to it),
 * wrong when it names a listed mistake as the cause or calls the number a rounding, and says
 * nothing otherwise.
 */
import { countAll, layerOf, memoryOf, quantityOf, type MemoryAsk, type Quantity, type Spec, type Totals } from './student.js';

export type BeyondSlip =
  /** One layer of a model counted twice. */
  | 'layerTwice'
  /** A convolution or Dense layer counted with its input and output channels swapped. */
  | 'swapped'
  /** A layer that has its bias counted with one more vector of C_out (the bias counted twice). */
  | 'extraVector'
  /** A convolution or Dense layer counted with one filter (unit) too few. */
  | 'oneFilterShort'
  /** Every pooling layer given one weight per channel. */
  | 'poolPerChannel'
  /** An attention layer counted as one head's share (the count divided by the heads). */
  | 'perHead'
  /** A feed-forward block with biases counted with the first matrix's bias only (the D of the second forgotten). */
  | 'ffnOneBias'
  /** Adam's training memory taken as 8 bytes per trained parameter ("mixed precision halves it"). */
  | 'halfAdam'
  /** The KV cache counted with K and V each twice. */
  | 'kvTwice'
  /** An output height one position too tall. */
  | 'heightPlusOne'
  // slips whose difference has none of the shapes the quiz describes: what it must not name wrong
  /** A convolution counted with a kernel one larger on each side (4×4 for 3×3). */
  | 'kernelPlusOne'
  /** An LSTM or GRU counted with one H×H recurrent kernel shared by every gate. */
  | 'sharedRecurrent'
  /** An attention layer counted without its value projection. */
  | 'noValue'
  /** A convolution's MACs counted over one output row too many. */
  | 'macsExtraRow';

export const BEYOND_SLIPS: readonly BeyondSlip[] = [
  'layerTwice',
  'swapped',
  'extraVector',
  'oneFilterShort',
  'poolPerChannel',
  'perHead',
  'ffnOneBias',
  'halfAdam',
  'kvTwice',
  'heightPlusOne',
  'kernelPlusOne',
  'sharedRecurrent',
  'noValue',
  'macsExtraRow',
];

const big = BigInt;
const prod = (xs: readonly number[]) => xs.reduce((a, x) => a * big(x), 1n);
const num = (s: string | undefined, fallback: number) => (s === undefined ? fallback : Number(s));
const hasBias = (opts: Readonly<Record<string, string>>) => opts.bias !== 'false';

/** A layer's count changed by a slip, or undefined when the slip cannot be made on it. */
function changed(spec: Spec, at: number, slip: BeyondSlip): { params: bigint; trainable: bigint } | undefined {
  const l = layerOf(spec, at);
  const { kind, args, opts } = l.layer;
  const c = l.input[l.input.length - 1]!;
  const frozen = l.trainable === 0n && l.params > 0n;
  const as = (params: bigint) => ({ params, trainable: frozen ? 0n : l.trainable + (params - l.params) });
  const conv = (kind === 'conv' || kind === 'conv1d') && opts.groups === undefined;
  switch (slip) {
    case 'layerTwice':
      return l.params > 0n && spec.layers.length > 1 ? { params: 2n * l.params, trainable: 2n * l.trainable } : undefined;
    case 'swapped': {
      if (!conv && kind !== 'dense') return undefined;
      const [cinArg, coutArg, kArg] = kind === 'dense' ? [args.length === 2 ? args[0] : undefined, args[args.length - 1], '1'] : args.length === 3 ? args : [undefined, ...args];
      const cin = num(cinArg, c);
      const cout = Number(coutArg);
      if (cin === cout) return undefined;
      const window = prod(kArg!.split('x').map(Number)) ** (kind === 'conv' && !kArg!.includes('x') ? 2n : 1n);
      return as(window * big(cin) * big(cout) + (hasBias(opts) ? big(cin) : 0n));
    }
    case 'extraVector': {
      if (!(conv || kind === 'dense') || !hasBias(opts)) return undefined;
      return as(l.params + big(l.out[l.out.length - 1]!));
    }
    case 'oneFilterShort': {
      if (!(conv || kind === 'dense')) return undefined;
      const cout = l.out[l.out.length - 1]!;
      return cout > 1 ? as(l.params - l.params / big(cout)) : undefined;
    }
    case 'poolPerChannel':
      return kind === 'maxpool' || kind === 'avgpool' ? as(big(c)) : undefined;
    case 'perHead': {
      if (kind !== 'mha' && kind !== 'attention') return undefined;
      const h = big(Number(args[0]));
      return h > 1n && l.params % h === 0n ? as(l.params / h) : undefined;
    }
    case 'ffnOneBias': {
      if ((kind !== 'mlp' && kind !== 'swiglu' && kind !== 'geglu') || !hasBias(opts)) return undefined;
      return as(l.params - big(c));
    }
    case 'kernelPlusOne': {
      if (kind !== 'conv' || opts.groups !== undefined) return undefined;
      const [cinArg, coutArg, kArg] = args.length === 3 ? args : [undefined, ...args];
      const ks = kArg!.split('x').map(Number);
      const window = ks.length === 2 ? big(ks[0]! + 1) * big(ks[1]! + 1) : big(ks[0]! + 1) ** 2n;
      return as(window * big(num(cinArg, c)) * big(Number(coutArg)) + (hasBias(opts) ? big(Number(coutArg)) : 0n));
    }
    case 'sharedRecurrent': {
      if ((kind !== 'lstm' && kind !== 'gru') || opts.layers !== undefined || opts.bidirectional === 'true') return undefined;
      const h = big(Number(args[args.length - 1]));
      const gates = kind === 'lstm' ? 4n : 3n;
      return as(l.params - (gates - 1n) * h * h);
    }
    case 'noValue': {
      if (kind !== 'mha' && kind !== 'attention') return undefined;
      // the value projection: D × (kv heads × head size), and its bias where the layer has one
      const heads = Number(args[0]);
      const d = num(args[1], c);
      const kv = num(opts.kv_heads, heads);
      const size = num(kind === 'mha' ? (opts.value_dim ?? opts.key_dim) : opts.head_dim, d / heads);
      const width = big((kind === 'mha' ? heads : kv) * size);
      const bias = opts.bias !== 'false' && opts.qkv_bias !== 'false';
      return as(l.params - big(d) * width - (bias ? width : 0n));
    }
    default:
      return undefined;
  }
}

/** The student's whole count with one layer changed by a slip (the layers after it read the same input: no slip here changes a shape). */
function withLayer(spec: Spec, right: Totals, at: number, slip: BeyondSlip): Totals | undefined {
  const l = layerOf(spec, at);
  const c = changed(spec, at, slip);
  return c && { params: right.params - l.params + c.params, trainable: right.trainable - l.trainable + c.trainable, macs: right.macs, out: right.out };
}

export interface BeyondAttempt {
  readonly slip: BeyondSlip;
  readonly value: bigint;
  readonly what: string;
}

/**
 * Every answer the student gives to a question it counts by slips beyond the library: a quantity
 * read off a count (params, trainable, non-trainable, height), or bytes. Slips that change a shape
 * are left out but for the height, asked as a height.
 */
export function beyondAttempts(spec: Spec, ask: { kind: 'read'; quantity: Quantity } | { kind: 'memory'; quantity: MemoryAsk; counted: boolean }): BeyondAttempt[] {
  const right = countAll(spec);
  const out: BeyondAttempt[] = [];
  if (ask.kind === 'memory') {
    const q = ask.quantity;
    if (q.of === 'training' && q.mode === 'mixed') out.push({ slip: 'halfAdam', value: right.trainable * 8n + (right.params - right.trainable) * 2n, what: 'Adam at 8 B per trained parameter' });
    if (q.of === 'kv') out.push({ slip: 'kvTwice', value: 2n * memoryOf(spec, right, q), what: 'K and V each counted twice' });
    return out;
  }
  const quantity = ask.quantity;
  if (quantity === 'height') {
    const h = quantityOf('height', right);
    if (h !== undefined) out.push({ slip: 'heightPlusOne', value: h + 1n, what: 'one position too many' });
    return out;
  }
  if (quantity === 'macs') {
    spec.layers.forEach((layer, at) => {
      const l = layerOf(spec, at);
      const rows = l.out.length === 3 ? l.out[0]! : 0;
      if ((layer.kind === 'conv' || layer.kind === 'dwconv' || layer.kind === 'sepconv') && rows > 1 && l.macs % big(rows) === 0n) {
        out.push({ slip: 'macsExtraRow', value: right.macs + l.macs / big(rows), what: `MACs of ${layer.kind} (layer ${at + 1}) over one row too many` });
      }
    });
    return out;
  }
  if (quantity !== 'params' && quantity !== 'trainable' && quantity !== 'nonTrainable') return out;
  const perLayer: BeyondSlip[] = ['layerTwice', 'swapped', 'extraVector', 'oneFilterShort', 'perHead', 'ffnOneBias', 'kernelPlusOne', 'sharedRecurrent', 'noValue', 'macsExtraRow'];
  spec.layers.forEach((layer, at) => {
    for (const slip of perLayer) {
      const t = withLayer(spec, right, at, slip);
      const v = t && quantityOf(quantity, t);
      if (v !== undefined) out.push({ slip, value: v, what: `${slip} in ${layer.kind} (layer ${at + 1})` });
    }
  });
  // every pool given weights, as a student who thinks pooling learns does
  const pools = spec.layers.map((_, at) => at).filter((at) => changed(spec, at, 'poolPerChannel') !== undefined);
  if (pools.length > 0 && quantity === 'params') {
    const added = pools.reduce((a, at) => a + changed(spec, at, 'poolPerChannel')!.params, 0n);
    out.push({ slip: 'poolPerChannel', value: right.params + added, what: `${pools.length} pools with a weight per channel` });
  }
  return out;
}
