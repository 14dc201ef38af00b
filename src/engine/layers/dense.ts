/**
 * Dense (fully connected) layers and embeddings.
 * Dense: IN×OUT weights plus OUT biases, applied to the last axis (Keras Dense and PyTorch Linear
 * both do), so a (T, IN) input gives (T, OUT) and T×IN×OUT MACs.
 */
import { fail } from '../errors.js';
import { lit, product, sum } from '../expr.js';
import { formatInt } from '../format.js';
import { expectMinRank, macsOver, resolveFeatures, tensor, volume } from './common.js';
import { defineKind, mistake, type MistakeDef, type MistakeInput } from './kind.js';
import { msg } from '../../i18n/messages.js';

interface DenseConfig {
  readonly inFeatures: number | undefined;
  readonly outFeatures: number;
  readonly bias: boolean;
}

type ResolvedDense = DenseConfig & { readonly inFeatures: number };

const weights = (c: ResolvedDense) => BigInt(c.inFeatures) * BigInt(c.outFeatures);
const biases = (c: ResolvedDense) => (c.bias ? BigInt(c.outFeatures) : 0n);
/** T: the positions the layer is applied at (a sequence's steps), when the input has leading axes. */
const steps = (m: MistakeInput<unknown>) => volume(m.input.slice(0, -1));

/** What students get wrong about a Dense layer: biases, adding instead of multiplying, and sequences. */
const DENSE_MISTAKES: readonly MistakeDef<ResolvedDense>[] = [
  mistake(
    'forgotBias',
    'bias',
    ({ config: c }) => (c.bias ? weights(c) : undefined),
    ({ config: c }) => msg('why.forgotBias', { n: formatInt(c.outFeatures) }),
  ),
  mistake(
    'oneBias',
    'bias',
    ({ config: c }) => (c.bias && c.outFeatures > 1 ? weights(c) + 1n : undefined),
    ({ config: c }) => msg('why.oneBias', { n: formatInt(c.outFeatures) }),
  ),
  mistake(
    'biasPerInput',
    'bias',
    ({ config: c }) => (c.bias ? weights(c) + BigInt(c.inFeatures) : undefined),
    ({ config: c }) => msg('why.biasPerInput', { in: formatInt(c.inFeatures), out: formatInt(c.outFeatures) }),
  ),
  mistake(
    'biasPerWeight',
    'bias',
    ({ config: c }) => (c.bias ? 2n * weights(c) : undefined),
    ({ config: c }) => msg('why.biasPerWeight', { n: formatInt(c.outFeatures) }),
  ),
  mistake(
    'addedBias',
    'bias',
    ({ config: c }) => (c.bias ? undefined : weights(c) + BigInt(c.outFeatures)),
    ({ config: c }) => msg('why.addedBias', { n: formatInt(c.outFeatures) }),
  ),
  mistake(
    'extraInputRow',
    'bias',
    ({ config: c }) => (c.bias ? (BigInt(c.inFeatures) + 1n) * (BigInt(c.outFeatures) + 1n) : undefined),
    ({ config: c }) => msg('why.extraInputRow', { out: formatInt(c.outFeatures) }),
  ),
  mistake(
    'addedNotMultiplied',
    'channels',
    ({ config: c }) => BigInt(c.inFeatures) + BigInt(c.outFeatures) + biases(c),
    () => msg('why.addedNotMultiplied'),
  ),
  mistake(
    'timesSteps',
    'shape',
    (m) => {
      const t = steps(m);
      return t !== null && t > 1n ? (weights(m.config) + biases(m.config)) * t : undefined;
    },
    () => msg('why.timesSteps'),
  ),
  mistake(
    'biasPerStep',
    'bias',
    (m) => {
      const t = steps(m);
      return t !== null && t > 1n && m.config.bias ? weights(m.config) + biases(m.config) * t : undefined;
    },
    () => msg('why.biasPerStep'),
  ),
  mistake(
    'macsPerPosition',
    'operations',
    (m) => {
      const t = steps(m);
      return m.macs !== null && t !== null && t > 1n ? { macs: weights(m.config) } : undefined;
    },
    () => msg('why.perPositionOnly'),
  ),
  mistake(
    'macsWithBias',
    'operations',
    (m) => (m.macs !== null && m.config.bias ? { macs: m.macs + (steps(m) ?? 1n) * biases(m.config) } : undefined),
    () => msg('why.countedBias'),
  ),
];

export const dense = defineKind<DenseConfig, ResolvedDense>({
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
      formula: () => (c.bias ? product(sum(n, lit(1)), m) : product(n, m)),
      outputShape: [...leading, c.outFeatures],
      macs: macsOver(leading, BigInt(inFeatures) * BigInt(c.outFeatures)),
      macsFormula: () =>
        leading.every((d): d is number => d !== null) ? { positions: leading.length === 0 ? lit(1) : product(...leading.map((d) => lit(d, 'T'))), perPosition: product(n, m) } : null,
      conventionSensitive: false,
      linears: [{ name: '', inFeatures, outFeatures: c.outFeatures, roles: [] }],
    };
  },
  mistakes: DENSE_MISTAKES,
  // The framework names the tensors and lays out the kernel, nothing else.
  neutral: () => true,
});

interface BilinearConfig {
  readonly in1: number | undefined;
  readonly in2: number;
  readonly outFeatures: number;
  readonly bias: boolean;
}

type ResolvedBilinear = BilinearConfig & { readonly in1: number };

/**
 * PyTorch's nn.Bilinear: y = x₁ᵀ A x₂ + b, one IN1×IN2 matrix per output (a weight of OUT×IN1×IN2)
 * and OUT biases. Keras has no such layer. The input given is x₁'s; x₂ has IN2 features.
 */
export const bilinear = defineKind<BilinearConfig, ResolvedBilinear>({
  name: 'bilinear',
  family: 'dense',
  summary: msg('kind.bilinear'),
  mistake: msg('mistake.bilinear'),
  args: [{ name: 'IN1', inferable: true }, { name: 'IN2' }, { name: 'OUT' }],
  options: ['bias'],
  example: 'bilinear 64 64 1',
  input: { rank: 'any', form: 'T', features: (c) => c.in1 },
  parse: (a) => ({ in1: a.inferableSize('IN1'), in2: a.size('IN2'), outFeatures: a.size('OUT'), bias: a.flag('bias', true) }),
  print: (c) => ['bilinear', c.in1, c.in2, c.outFeatures, c.bias ? undefined : 'bias=false'].filter((p) => p !== undefined).join(' '),
  evaluate(c, input, framework) {
    if (framework === 'keras') fail('err.bilinearKeras');
    expectMinRank(input, 1, 'bilinear', 'N');
    const in1 = resolveFeatures(c.in1, input, 'bilinear', 'IN1');
    const leading = input.slice(0, -1);
    const [a, b, o] = [lit(in1, 'IN1'), lit(c.in2, 'IN2'), lit(c.outFeatures, 'OUT')];
    return {
      resolved: { ...c, in1 },
      typeName: 'Bilinear',
      tensors: [tensor('weight', [c.outFeatures, in1, c.in2], 'weight'), ...(c.bias ? [tensor('bias', [c.outFeatures], 'bias')] : [])],
      formula: () => (c.bias ? sum(product(o, a, b), o) : product(o, a, b)),
      outputShape: [...leading, c.outFeatures],
      macs: macsOver(leading, BigInt(in1) * BigInt(c.in2) * BigInt(c.outFeatures)),
      // PyTorch's alone: there is no Keras count for it to agree with
      conventionSensitive: true,
    };
  },
  mistakes: [
    mistake(
      'forgotBias',
      'bias',
      ({ config: c }) => (c.bias ? BigInt(c.outFeatures) * BigInt(c.in1) * BigInt(c.in2) : undefined),
      ({ config: c }) => msg('why.forgotBias', { n: formatInt(c.outFeatures) }),
    ),
    mistake(
      'bilinearAsLinear',
      'channels',
      ({ config: c }) => (BigInt(c.in1) + BigInt(c.in2)) * BigInt(c.outFeatures) + (c.bias ? BigInt(c.outFeatures) : 0n),
      () => msg('why.bilinearAsLinear'),
    ),
  ],
});

interface EmbeddingConfig {
  readonly vocabulary: number;
  readonly dimension: number;
}

const EMBEDDING_MISTAKES: readonly MistakeDef<EmbeddingConfig>[] = [
  mistake(
    'addedBias',
    'bias',
    ({ config: c }) => BigInt(c.vocabulary) * BigInt(c.dimension) + BigInt(c.dimension),
    ({ config: c }) => msg('why.embeddingBias', { d: formatInt(c.dimension) }),
  ),
  mistake(
    'addedNotMultiplied',
    'channels',
    ({ config: c }) => BigInt(c.vocabulary) + BigInt(c.dimension),
    () => msg('why.embeddingTable'),
  ),
  // V + 1 rows, as if an id past the last had one (or a padding row were extra): the same number as a bias of D
  mistake(
    'extraRow',
    'structure',
    ({ config: c }) => (BigInt(c.vocabulary) + 1n) * BigInt(c.dimension),
    ({ config: c }) => msg('why.embeddingRows', { v: formatInt(c.vocabulary) }),
  ),
  mistake(
    'timesSteps',
    'shape',
    (m) => {
      const t = volume(m.input);
      return t !== null && t > 1n ? BigInt(m.config.vocabulary) * BigInt(m.config.dimension) * t : undefined;
    },
    () => msg('why.embeddingShared'),
  ),
];

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
      formula: () => product(lit(c.vocabulary, 'V'), lit(c.dimension, 'D')),
      outputShape: [...(bag ? input.slice(0, -1) : input), c.dimension],
      macs: 0n, // a table lookup: no multiply-accumulates
      conventionSensitive: false,
    }),
    mistakes: EMBEDDING_MISTAKES,
  });
}

export const embedding = tableKind('embedding', ['embed', '嵌入', '嵌入層']);
export const embeddingbag = tableKind('embeddingbag', []);
