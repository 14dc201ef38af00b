/**
 * Multi-head self-attention. Keras MultiHeadAttention projects the input to h heads of key_dim
 * (query, key) and value_dim (value) with a bias each, then back to D; PyTorch
 * nn.MultiheadAttention packs the three input projections into one in_proj (3D×D + 3D) and splits
 * D evenly across heads. With key_dim = value_dim = D/h both give 4D² + 4D; only Keras can have
 * other head sizes.
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
}

type ResolvedAttention = AttentionConfig & { readonly model: number };

/** Keras and PyTorch alike: h heads of key_dim (D/h unless given) for Q and K, value_dim for V. */
const ATTENTION_MISTAKES = attentionMistakes<ResolvedAttention>(({ config: c }) => {
  const keyDim = c.keyDim ?? c.model / c.heads;
  return { model: c.model, heads: c.heads, kvHeads: c.heads, keyDim, valueDim: c.valueDim ?? keyDim, qkvBias: c.bias, outBias: c.bias };
});

export const mha = defineKind<AttentionConfig, ResolvedAttention>({
  name: 'mha',
  aliases: ['multiheadattention'],
  family: 'attention',
  summary: msg('kind.mha'),
  mistake: msg('mistake.mha'),
  args: [{ name: 'HEADS' }, { name: 'DMODEL', inferable: true }],
  options: ['key_dim', 'value_dim', 'bias'],
  example: 'mha 8 512',
  input: { rank: 2, form: 'T', features: (c) => c.model },
  parse: (a) => ({
    heads: a.size('HEADS'),
    model: a.inferableSize('DMODEL'),
    keyDim: a.optionalSize('key_dim'),
    valueDim: a.optionalSize('value_dim'),
    bias: a.flag('bias', true),
  }),
  print: (c) =>
    [
      'mha',
      String(c.heads),
      ...(c.model === undefined ? [] : [String(c.model)]),
      ...(c.keyDim === undefined ? [] : [`key_dim=${c.keyDim}`]),
      ...(c.valueDim === undefined ? [] : [`value_dim=${c.valueDim}`]),
      ...(c.bias ? [] : ['bias=false']),
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
    const steps = input[0] ?? null;
    const [D, H, K, V] = [lit(d, 'D'), lit(h, 'h'), lit(k, 'k'), lit(v, 'v')];
    const biased = (weights: Expr, bias: Expr): Expr => (c.bias ? sum(weights, bias) : weights);

    let formula: Expr;
    let tensors;
    if (framework === 'keras') {
      const query = biased(product(D, H, K), product(H, K));
      const value = biased(product(D, H, V), product(H, V));
      const output = biased(product(H, V, D), D);
      formula = sum(v === k ? product(constant(3), query) : sum(product(constant(2), query), value), output);
      const projection = (name: string, size: number) => [
        tensor(`${name}/kernel`, [d, h, size], 'weight'),
        ...(c.bias ? [tensor(`${name}/bias`, [h, size], 'bias')] : []),
      ];
      tensors = [
        ...projection('query', k),
        ...projection('key', k),
        ...projection('value', v),
        tensor('attention_output/kernel', [h, v, d], 'weight'),
        ...(c.bias ? [tensor('attention_output/bias', [d], 'bias')] : []),
      ];
    } else {
      formula = sum(product(constant(3), biased(product(D, D), D)), biased(product(D, D), D));
      tensors = [
        tensor('in_proj_weight', [3 * d, d], 'weight'),
        ...(c.bias ? [tensor('in_proj_bias', [3 * d], 'bias')] : []),
        tensor('out_proj.weight', [d, d], 'weight'),
        ...(c.bias ? [tensor('out_proj.bias', [d], 'bias')] : []),
      ];
    }
    const T = steps === null ? null : BigInt(steps);
    const [bd, bh, bk, bv] = [BigInt(d), BigInt(h), BigInt(k), BigInt(v)];
    return {
      resolved: { ...c, model: d },
      typeName: framework === 'keras' ? 'MultiHeadAttention' : 'MultiheadAttention',
      tensors,
      formula,
      outputShape: [steps, d],
      // projections (q, k, v, out) per step, plus the T×T score and weighted-sum products per head
      macs: T === null ? null : T * (2n * bd * bh * bk + bd * bh * bv + bh * bv * bd) + T * T * bh * (bk + bv),
      conventionSensitive: k !== even || v !== even,
    };
  },
  mistakes: ATTENTION_MISTAKES,
});
