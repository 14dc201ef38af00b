/**
 * Dense (fully connected) layers and embeddings.
 * Dense: IN×OUT weights plus OUT biases, applied to the last axis (Keras Dense and PyTorch Linear
 * both do), so a (T, IN) input gives (T, OUT) and T×IN×OUT MACs.
 */
import { lit, product, sum } from '../expr.js';
import { expectMinRank, macsOver, resolveFeatures, tensor } from './common.js';
import { defineKind } from './kind.js';
import { msg } from '../../i18n/messages.js';

interface DenseConfig {
  readonly inFeatures: number | undefined;
  readonly outFeatures: number;
  readonly bias: boolean;
}

export const dense = defineKind<DenseConfig>({
  name: 'dense',
  aliases: ['fc', 'linear', '全連接', '全連接層', '全连接', '全连接层'],
  family: 'dense',
  summary: msg('kind.dense'),
  mistake: msg('mistake.dense'),
  args: [{ name: 'IN', inferable: true }, { name: 'OUT' }],
  options: ['bias'],
  example: 'dense 512 10',
  input: { rank: 'any', form: 'T', features: (c) => c.inFeatures },
  parse: (a) => ({ inFeatures: a.inferableSize('IN'), outFeatures: a.size('OUT'), bias: a.flag('bias', true) }),
  print: (c) => ['dense', c.inFeatures, c.outFeatures, c.bias ? undefined : 'bias=false'].filter((p) => p !== undefined).join(' '),
  evaluate(c, input, framework) {
    expectMinRank(input, 1, 'dense', 'N');
    const inFeatures = resolveFeatures(c.inFeatures, input, 'dense', 'IN');
    const leading = input.slice(0, -1);
    const n = lit(inFeatures, 'IN');
    const m = lit(c.outFeatures, 'OUT');
    return {
      resolved: { ...c, inFeatures },
      typeName: framework === 'keras' ? 'Dense' : 'Linear',
      tensors: [
        tensor(framework === 'keras' ? 'kernel' : 'weight', framework === 'keras' ? [inFeatures, c.outFeatures] : [c.outFeatures, inFeatures], 'weight'),
        ...(c.bias ? [tensor('bias', [c.outFeatures], 'bias')] : []),
      ],
      formula: c.bias ? product(sum(n, lit(1)), m) : product(n, m),
      outputShape: [...leading, c.outFeatures],
      macs: macsOver(leading, BigInt(inFeatures) * BigInt(c.outFeatures)),
      conventionSensitive: false,
    };
  },
});

interface EmbeddingConfig {
  readonly vocabulary: number;
  readonly dimension: number;
}

export const embedding = defineKind<EmbeddingConfig>({
  name: 'embedding',
  aliases: ['embed', '嵌入', '嵌入層'],
  family: 'dense',
  summary: msg('kind.embedding'),
  mistake: msg('mistake.embedding'),
  args: [{ name: 'V' }, { name: 'D' }],
  options: [],
  example: 'embedding 10000 128',
  // The input is token ids: (T) with no feature axis, so `in=` is the sequence length.
  input: { rank: 'any', form: 'T' },
  parse: (a) => ({ vocabulary: a.size('V'), dimension: a.size('D') }),
  print: (c) => `embedding ${c.vocabulary} ${c.dimension}`,
  evaluate(c, input, framework) {
    return {
      resolved: c,
      typeName: 'Embedding',
      tensors: [tensor(framework === 'keras' ? 'embeddings' : 'weight', [c.vocabulary, c.dimension], 'weight')],
      formula: product(lit(c.vocabulary, 'V'), lit(c.dimension, 'D')),
      outputShape: [...input, c.dimension],
      macs: 0n, // a table lookup: no multiply-accumulates
      conventionSensitive: false,
    };
  },
});

/** nn.EmbeddingBag: the table of an Embedding, reduced (mean, sum, max) over each bag of ids. */
export const embeddingbag = defineKind<EmbeddingConfig>({
  name: 'embeddingbag',
  family: 'dense',
  summary: msg('kind.embeddingbag'),
  mistake: msg('mistake.embedding'),
  args: [{ name: 'V' }, { name: 'D' }],
  options: [],
  example: 'embeddingbag 10000 128',
  input: { rank: 'any', form: 'T' },
  parse: (a) => ({ vocabulary: a.size('V'), dimension: a.size('D') }),
  print: (c) => `embeddingbag ${c.vocabulary} ${c.dimension}`,
  evaluate: (c, input, framework) => ({
    resolved: c,
    typeName: 'EmbeddingBag',
    tensors: [tensor(framework === 'keras' ? 'embeddings' : 'weight', [c.vocabulary, c.dimension], 'weight')],
    formula: product(lit(c.vocabulary, 'V'), lit(c.dimension, 'D')),
    outputShape: [...input.slice(0, -1), c.dimension],
    macs: 0n,
    conventionSensitive: false,
  }),
});
