/**
 * Multi-head self-attention. Keras MultiHeadAttention projects the input to h heads of key_dim
 * (query, key) and value_dim (value) with a bias each, then back to D; PyTorch
 * nn.MultiheadAttention packs the three input projections into one in_proj (3D×D + 3D) and splits
 * D evenly across heads. With key_dim = value_dim = D/h both give 4D² + 4D; only Keras can have
 * other head sizes. Keys and values may come from inputs of other sizes (`kdim=`, `vdim=`: PyTorch's
 * kdim/vdim, Keras's key/value tensors), and PyTorch's add_bias_kv learns one more key and value
 * vector (`bias_kv=true`, 2×D). Keras's output_shape= sizes the output projection (h×v×out + out)
 * and the output; PyTorch's always returns D.
 */
import { fail } from '../errors.js';
import { constant, lit, product, sum, type Expr } from '../expr.js';
import { expectRank, resolveFeatures, tensor } from './common.js';
import { attentionMistakes } from './attention-mistakes.js';
import { defineKind } from './kind.js';
import { msg } from '../../i18n/messages.js';

interface AttentionConfig {
  readonly heads: number;
  readonly model: number | undefined;
  readonly keyDim: number | undefined;
  readonly valueDim: number | undefined;
  readonly bias: boolean;
  /** Sizes of the key and value inputs, when not DMODEL. */
  readonly kdim: number | undefined;
  readonly vdim: number | undefined;
  readonly biasKv: boolean;
  /** Keras's output_shape: the output's features, when not DMODEL. */
  readonly out: number | undefined;
}

type ResolvedAttention = AttentionConfig & { readonly model: number };

/** Keras and PyTorch alike: h heads of key_dim (D/h unless given) for Q and K, value_dim for V. */
const ATTENTION_MISTAKES = attentionMistakes<ResolvedAttention>(({ config: c }) => {
  const keyDim = c.keyDim ?? c.model / c.heads;
  return { model: c.model, heads: c.heads, kvHeads: c.heads, keyDim, valueDim: c.valueDim ?? keyDim, qkvBias: c.bias, outBias: c.bias, out: c.out };
});

export const mha = defineKind<AttentionConfig, ResolvedAttention>({
  name: 'mha',
  aliases: ['multiheadattention'],
  family: 'attention',
  summary: msg('kind.mha'),
  mistake: msg('mistake.mha'),
  args: [{ name: 'HEADS' }, { name: 'DMODEL', inferable: true }],
  options: ['key_dim', 'value_dim', 'bias', 'kdim', 'vdim', 'bias_kv', 'output_shape'],
  example: 'mha 8 512',
  input: { rank: 2, form: 'T', features: (c) => c.model },
  parse: (a) => ({
    heads: a.size('HEADS'),
    model: a.inferableSize('DMODEL'),
    keyDim: a.optionalSize('key_dim'),
    valueDim: a.optionalSize('value_dim'),
    bias: a.flag('bias', true),
    kdim: a.optionalSize('kdim'),
    vdim: a.optionalSize('vdim'),
    biasKv: a.flag('bias_kv', false),
    out: a.optionalSize('output_shape'),
  }),
  print: (c) =>
    [
      'mha',
      String(c.heads),
      ...(c.model === undefined ? [] : [String(c.model)]),
      ...(c.keyDim === undefined ? [] : [`key_dim=${c.keyDim}`]),
      ...(c.valueDim === undefined ? [] : [`value_dim=${c.valueDim}`]),
      ...(c.bias ? [] : ['bias=false']),
      ...(c.kdim === undefined ? [] : [`kdim=${c.kdim}`]),
      ...(c.vdim === undefined ? [] : [`vdim=${c.vdim}`]),
      ...(c.biasKv ? ['bias_kv=true'] : []),
      ...(c.out === undefined ? [] : [`output_shape=${c.out}`]),
    ].join(' '),
  evaluate(c, input, framework) {
    expectRank(input, 2, 'mha', 'T×D');
    const d = resolveFeatures(c.model, input, 'mha', 'DMODEL');
    const h = c.heads;
    const even = d % h === 0 ? d / h : undefined;
    if (framework === 'pytorch') {
      if (even === undefined) fail('err.mhaDivisible', { d: String(d), heads: String(h) });
      if ((c.keyDim ?? even) !== even || (c.valueDim ?? even) !== even) fail('err.mhaTorchHeadSize', { d: String(d), heads: String(h), size: String(even) });
    }
    const k = c.keyDim ?? even ?? fail('err.mhaKeyDim', { d: String(d), heads: String(h) });
    const v = c.valueDim ?? k;
    const kd = c.kdim ?? d;
    const vd = c.vdim ?? d;
    const separate = kd !== d || vd !== d;
    if (framework === 'keras' && c.biasKv) fail('err.biasKvKeras');
    if (framework === 'pytorch' && c.out !== undefined) fail('err.outputShapeTorch');
    const o = c.out ?? d;
    const steps = input[0] ?? null;
    const [D, H, K, V] = [lit(d, 'D'), lit(h, 'h'), lit(k, 'k'), lit(v, 'v')];
    const [KD, VD] = [lit(kd, 'kdim'), lit(vd, 'vdim')];
    const O = c.out === undefined ? D : lit(o, 'out');
    const biased = (weights: Expr, bias: Expr): Expr => (c.bias ? sum(weights, bias) : weights);
    const biasKv = c.biasKv ? [product(constant(2), D)] : [];

    const formula = (): Expr => {
      if (framework === 'keras') {
        const query = biased(product(D, H, K), product(H, K));
        const value = biased(product(separate ? VD : D, H, V), product(H, V));
        const output = biased(product(H, V, O), O);
        const key = biased(product(separate ? KD : D, H, K), product(H, K));
        return separate ? sum(query, key, value, output) : sum(v === k ? product(constant(3), query) : sum(product(constant(2), query), value), output);
      }
      const output = biased(product(D, D), D);
      return separate
        ? sum(product(D, D), product(D, KD), product(D, VD), ...(c.bias ? [product(constant(3), D)] : []), ...biasKv, output)
        : sum(product(constant(3), biased(product(D, D), D)), ...biasKv, output);
    };
    let tensors;
    if (framework === 'keras') {
      const projection = (name: string, from: number, size: number) => [tensor(`${name}/kernel`, [from, h, size], 'weight'), ...(c.bias ? [tensor(`${name}/bias`, [h, size], 'bias')] : [])];
      tensors = [
        ...projection('query', d, k),
        ...projection('key', kd, k),
        ...projection('value', vd, v),
        tensor('attention_output/kernel', [h, v, o], 'weight'),
        ...(c.bias ? [tensor('attention_output/bias', [o], 'bias')] : []),
      ];
    } else {
      tensors = [
        ...(separate
          ? [tensor('q_proj_weight', [d, d], 'weight'), tensor('k_proj_weight', [d, kd], 'weight'), tensor('v_proj_weight', [d, vd], 'weight')]
          : [tensor('in_proj_weight', [3 * d, d], 'weight')]),
        ...(c.bias ? [tensor('in_proj_bias', [3 * d], 'bias')] : []),
        ...(c.biasKv ? [tensor('bias_k', [1, 1, d], 'bias'), tensor('bias_v', [1, 1, d], 'bias')] : []),
        tensor('out_proj.weight', [d, d], 'weight'),
        ...(c.bias ? [tensor('out_proj.bias', [d], 'bias')] : []),
      ];
    }
    const T = steps === null ? null : BigInt(steps);
    const [bd, bh, bk, bv, bkd, bvd, bo] = [BigInt(d), BigInt(h), BigInt(k), BigInt(v), BigInt(kd), BigInt(vd), BigInt(o)];
    return {
      resolved: { ...c, model: d },
      notes: c.biasKv ? [msg('note.biasKv', { d: String(d) })] : [],
      typeName: framework === 'keras' ? 'MultiHeadAttention' : 'MultiheadAttention',
      tensors,
      formula,
      outputShape: [steps, o],
      // projections (q, k, v, out) per step, plus the T×T score and weighted-sum products per head
      macs: T === null ? null : T * (bd * bh * bk + bkd * bh * bk + bvd * bh * bv + bh * bv * bo) + T * T * bh * (bk + bv),
      conventionSensitive: k !== even || v !== even,
    };
  },
  mistakes: ATTENTION_MISTAKES,
});
