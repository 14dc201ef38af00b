/**
 * Layers that preprocess inside a Keras model, and ConvNeXt's LayerScale:
 * - Rescaling (x·scale + offset): two constants, no weights (MobileNetV3, EfficientNet).
 * - Normalization ((x − mean)/√variance per channel). Adapted to data (no mean= given: Keras
 *   `Normalization.build` adds `mean`, `variance` and the sample `count` as non-trainable
 *   weights), it keeps 2·C + 1 numbers: EfficientNet B0–B7's 7 for an RGB input. With the
 *   mean and variance given as numbers (EfficientNetV2, ConvNeXt) they are constants: none.
 *   PyTorch keeps such statistics as buffers (torchvision normalizes in its transforms): none.
 * - LayerScale (Touvron et al. 2021, arXiv:2103.17239): one trainable γ per channel that scales
 *   a residual branch (Keras ConvNeXt's LayerScale, torchvision CNBlock.layer_scale).
 */
import { constant, lit, noWeights, product, sum } from '../expr.js';
import { formatInt } from '../format.js';
import { msg } from '../../i18n/messages.js';
import { expectMinRank, resolveFeatures, tensor } from './common.js';
import { defineKind, mistake, type Kind } from './kind.js';

export const rescaling = defineKind<Record<string, never>>({
  name: 'rescaling',
  family: 'shape',
  summary: msg('kind.rescaling'),
  mistake: msg('mistake.rescaling'),
  args: [],
  options: [],
  example: 'rescaling in=224x224x3',
  input: { rank: 'any', form: 'HxWxC' },
  parse: () => ({}),
  print: () => 'rescaling',
  evaluate: (c, input) => ({ resolved: c, typeName: 'Rescaling', tensors: [], formula: noWeights, outputShape: input, macs: 0n, conventionSensitive: false }),
  mistakes: [
    mistake(
      'rescalingWeights',
      'structure',
      () => 2n,
      () => msg('why.rescalingConstants'),
    ),
  ],
});

interface NormalizationConfig {
  readonly channels: number | undefined;
  /** mean= and variance= given as numbers: constants, not weights. */
  readonly fixed: boolean;
}

type ResolvedNormalization = NormalizationConfig & { readonly channels: number };

export const normalization = defineKind<NormalizationConfig, ResolvedNormalization>({
  name: 'normalization',
  family: 'norm',
  summary: msg('kind.normalization'),
  mistake: msg('mistake.normalization'),
  args: [{ name: 'C', inferable: true }],
  options: ['fixed'],
  example: 'normalization 3',
  input: { rank: 'any', form: 'HxW', features: (c) => c.channels },
  parse: (a) => ({ channels: a.inferableSize('C'), fixed: a.flag('fixed', false) }),
  print: (c) => ['normalization', ...(c.channels === undefined ? [] : [String(c.channels)]), ...(c.fixed ? ['fixed=true'] : [])].join(' '),
  evaluate(c, input, framework) {
    expectMinRank(input, 1, 'normalization', 'C');
    const channels = resolveFeatures(c.channels, input, 'normalization', 'C');
    const weights = framework === 'keras' && !c.fixed;
    return {
      resolved: { ...c, channels },
      typeName: framework === 'keras' ? 'Normalization' : 'Normalize',
      tensors: weights ? [tensor('mean', [channels], 'statistic', false), tensor('variance', [channels], 'statistic', false), tensor('count', [], 'statistic', false)] : [],
      formula: () => (weights ? sum(product(constant(2), lit(channels, 'C')), constant(1)) : constant(0)),
      outputShape: input,
      macs: 0n,
      conventionSensitive: !c.fixed,
      notes: [msg(c.fixed ? 'note.normalizationFixed' : framework === 'keras' ? 'note.normalizationKeras' : 'note.normalizationTorch', { c: formatInt(channels) })],
    };
  },
  mistakes: [
    mistake(
      'normalizationAffine',
      'structure',
      ({ config: c }) => 4n * BigInt(c.channels),
      () => msg('why.normalizationNoAffine'),
    ),
    mistake(
      'normalizationForgotCount',
      'convention',
      (m) => (m.counts.total > 0n ? m.counts.total - 1n : undefined),
      () => msg('why.normalizationCount'),
    ),
    mistake(
      'normalizationConstants',
      'convention',
      (m) => (m.counts.total === 0n && m.config.fixed ? 2n * BigInt(m.config.channels) + 1n : undefined),
      () => msg('why.normalizationConstants'),
    ),
  ],
});

/** Keras's LayerScale (ConvNeXt) is the vision kinds' `layerscale`. */
export const preprocessingKinds: readonly Kind[] = [rescaling, normalization];
