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
      linears: [{ name: '', inFeatures, outFeatures: c.outFeatures, roles: [] }],
    };
  },
});

interface EmbeddingConfig {
  readonly vocabulary: number;
  readonly dimension: number;
}

/**
 * A V×D lookup table: Embedding (one row per id: T ids give T×D) and EmbeddingBag (the rows of a
 * bag reduced to one: T ids give D). The input is token ids, (T) with no feature axis, so `in=` is
 * the sequence length.
 */
function tableKind(name: 'embedding' | 'embeddingbag', aliases: string[]) {
  const bag = name === 'embeddingbag';
  return defineKind<EmbeddingConfig>({
    name,
    aliases,
    family: 'dense',
    summary: msg(bag ? 'kind.embeddingbag' : 'kind.embedding'),
    mistake: msg('mistake.embedding'),
    args: [{ name: 'V' }, { name: 'D' }],
    options: [],
    example: `${name} 10000 128`,
    input: { rank: 'any', form: 'T' },
    parse: (a) => ({ vocabulary: a.size('V'), dimension: a.size('D') }),
    print: (c) => `${name} ${c.vocabulary} ${c.dimension}`,
    evaluate: (c, input, framework) => ({
      resolved: c,
      typeName: bag ? 'EmbeddingBag' : 'Embedding',
      tensors: [tensor(framework === 'keras' ? 'embeddings' : 'weight', [c.vocabulary, c.dimension], 'weight')],
      formula: product(lit(c.vocabulary, 'V'), lit(c.dimension, 'D')),
      outputShape: [...(bag ? input.slice(0, -1) : input), c.dimension],
      macs: 0n, // a table lookup: no multiply-accumulates
      conventionSensitive: false,
    }),
  });
}

export const embedding = tableKind('embedding', ['embed', '嵌入', '嵌入層']);
export const embeddingbag = tableKind('embeddingbag', []);
