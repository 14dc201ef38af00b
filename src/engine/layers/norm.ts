/**
 * Normalization layers: BatchNorm, LayerNorm, GroupNorm. γ (scale) and β (shift) are trainable,
 * one per channel. BatchNorm is where the frameworks' bookkeeping differs: Keras also keeps the
 * moving mean and variance as non-trainable weights (4×C in `model.summary()`), while PyTorch keeps
 * its running statistics as buffers, not parameters (2×C from `parameters()`).
 */
import { fail } from '../errors.js';
import { constant, lit, product, sum, type Expr } from '../expr.js';
import type { Framework, ParamTensor, Shape } from '../types.js';
import { msg, type MessageRef } from '../../i18n/messages.js';
import { formatInt } from '../format.js';
import { expectMinRank, resolveFeatures, tensor, volume } from './common.js';
import { defineKind, mistake, type Args, type MistakeDef, type MistakeInput, type Resolved } from './kind.js';

/** Which of γ and β the layer learns: Keras `scale`/`center`, PyTorch `affine`. */
interface Affine {
  readonly scale: boolean;
  readonly center: boolean;
}

function parseAffine(a: Args): Affine {
  const affine = a.flag('affine', true);
  // `bias=false` is LayerNorm's spelling (PyTorch 2.1 nn.LayerNorm(bias=False)) of Keras center=False.
  return { scale: affine && a.flag('scale', true), center: affine && a.flag('center', true) && a.flag('bias', true) };
}

/** The affine options that differ from the defaults, each after a space (none: nothing). */
function printAffine(c: Affine): string {
  if (!c.scale && !c.center) return ' affine=false';
  return (c.scale ? '' : ' scale=false') + (c.center ? '' : ' center=false');
}

/** γ and β as learned, each of `shape` (one per channel: the tensors of a layer may share that array, none changes it). */
function affineTensors(c: Affine, shape: readonly number[], framework: Framework): ParamTensor[] {
  const gamma = c.scale ? tensor(framework === 'keras' ? 'gamma' : 'weight', shape, 'scale') : undefined;
  const beta = c.center ? tensor(framework === 'keras' ? 'beta' : 'bias', shape, 'shift') : undefined;
  // A list made at its size: one grown by pushing reserves room for many more (a norm a layer).
  if (gamma === undefined) return beta === undefined ? [] : [beta];
  return beta === undefined ? [gamma] : [gamma, beta];
}

/** γ and β as learned, then Keras's moving mean and variance: a list made at its size (concat measured slow, a spread grows). */
function batchNormTensors(c: Affine, shape: readonly number[], framework: Framework): ParamTensor[] {
  const affine = affineTensors(c, shape, framework);
  if (framework !== 'keras') return affine;
  const mean = tensor('moving_mean', shape, 'statistic', false);
  const variance = tensor('moving_variance', shape, 'statistic', false);
  if (affine.length === 0) return [mean, variance];
  return affine.length === 1 ? [affine[0]!, mean, variance] : [affine[0]!, affine[1]!, mean, variance];
}

/** n×C, written as C when n is 1 and 0 when n is 0. */
function perChannel(n: number, channels: number | Expr): Expr {
  if (n === 0) return constant(0);
  const c = typeof channels === 'number' ? lit(channels, 'C') : channels;
  return n === 1 ? c : product(constant(n), c);
}

const AFFINE_OPTIONS = ['affine', 'scale', 'center'];

interface ChannelsConfig extends Affine {
  readonly channels: number | undefined;
}

/** What BatchNorm and LayerNorm share: one size C (left out inside a model) and the affine flags. */
function perChannelKind(name: string, options: readonly string[] = AFFINE_OPTIONS) {
  return {
    args: [{ name: 'C', inferable: true }],
    options,
    input: { rank: 'any' as const, form: 'HxW', features: (c: ChannelsConfig) => c.channels },
    parse: (a: Args): ChannelsConfig => ({ channels: a.inferableSize('C'), ...parseAffine(a) }),
    print: (c: ChannelsConfig) => name + (c.channels === undefined ? '' : ` ${c.channels}`) + printAffine(c),
  };
}

type ResolvedChannels = ChannelsConfig & { readonly channels: number };
type ResolvedGroupNorm = GroupNormConfig & { readonly channels: number };

/** γ and β learned per channel: 0, 1 or 2. */
const learned = (c: Affine) => BigInt(Number(c.scale) + Number(c.center));
/** Values per channel besides γ and β that the framework lists as weights: Keras BatchNorm's moving mean and variance. */
const statsPerChannel = (m: MistakeInput<unknown>) => (m.framework === 'keras' ? 2n : 0n);

/** Mistakes every normalization layer shares: one learned number per channel, and γ and β at every position. */
function affineMistakes<R extends Affine & { readonly channels: number }>(stats: (m: MistakeInput<R>) => bigint): MistakeDef<R>[] {
  return [
    mistake(
      'onePerChannel',
      'structure',
      (m) => (learned(m.config) === 2n ? { params: BigInt(m.config.channels) * (1n + stats(m)), trainable: BigInt(m.config.channels) } : undefined),
      () => msg('why.onePerChannel'),
    ),
    mistake(
      'perPosition',
      'shape',
      (m) => {
        const elements = volume(m.input);
        if (elements === null || elements === BigInt(m.config.channels) || learned(m.config) === 0n) return undefined;
        return { params: elements * (learned(m.config) + stats(m)), trainable: elements * learned(m.config) };
      },
      ({ config: c }) => msg('why.perPosition', { c: formatInt(c.channels) }),
    ),
  ];
}

/**
 * BatchNorm's mistakes are mostly about bookkeeping: which of its 4 per-channel vectors are trained,
 * which Keras lists as non-trainable weights, which PyTorch keeps as buffers.
 */
const BN_MISTAKES: readonly MistakeDef<ResolvedChannels>[] = [
  mistake(
    'statsTrainable',
    'trainable',
    (m) => (m.framework === 'keras' && m.counts.trainable > 0n ? { trainable: m.counts.total } : undefined),
    ({ config: c }) => msg('why.statsTrainable', { c: formatInt(c.channels) }),
  ),
  mistake(
    'forgotStats',
    'convention',
    (m) => (m.framework === 'keras' ? { params: m.counts.trainable, trainable: m.counts.trainable } : undefined),
    ({ config: c }) => msg('why.forgotStats', { c: formatInt(c.channels) }),
  ),
  mistake(
    'countedBuffers',
    'convention',
    (m) => (m.framework === 'pytorch' ? m.counts.total + 2n * BigInt(m.config.channels) : undefined),
    () => msg('why.countedBuffers'),
  ),
  // scale=False or center=False takes γ or β away; counted anyway, it is C trainable values too many
  mistake(
    'countedAffineOff',
    'bias',
    (m) => (learned(m.config) === 1n ? { params: m.counts.total + BigInt(m.config.channels), trainable: m.counts.trainable + BigInt(m.config.channels) } : undefined),
    ({ config: c }) => msg(c.center ? 'why.bnNoScale' : 'why.bnNoShift', { c: formatInt(c.channels) }),
  ),
  mistake(
    'countedBatchCounter',
    'convention',
    (m) => (m.framework === 'pytorch' ? m.counts.total + 2n * BigInt(m.config.channels) + 1n : undefined),
    () => msg('why.countedBatchCounter'),
  ),
  ...affineMistakes<ResolvedChannels>(statsPerChannel),
];

/** LayerNorm and GroupNorm keep no statistics: counting BatchNorm's is the usual slip. */
function noStatsMistakes<R extends Affine & { readonly channels: number }>(): MistakeDef<R>[] {
  return [
    mistake(
      'statsLikeBatchNorm',
      'convention',
      ({ config: c }) => (learned(c) + 2n) * BigInt(c.channels),
      () => msg('why.noMovingStats'),
    ),
    ...affineMistakes<R>(() => 0n),
  ];
}

/** A shift counted where there is none: LayerNorm(bias=False), and RMSNorm, which has no β at all. */
const countedShift = <R extends { readonly channels: number }>(applies: (c: R) => boolean, why: () => MessageRef): MistakeDef<R> =>
  mistake('countedShift', 'bias', ({ config: c }) => (applies(c) ? 2n * BigInt(c.channels) : undefined), why);

type ResolvedLn = Affine & { readonly channels: number };

const LN_MISTAKES: readonly MistakeDef<ResolvedLn>[] = [
  ...noStatsMistakes<ResolvedLn>(),
  countedShift<ResolvedLn>(
    (c) => c.scale && !c.center,
    () => msg('why.lnNoShift'),
  ),
];

type ResolvedRms = { readonly channels: number };

/** RMSNorm learns γ alone, one per feature, shared by every token. */
const RMS_MISTAKES: readonly MistakeDef<ResolvedRms>[] = [
  countedShift<ResolvedRms>(
    () => true,
    () => msg('why.rmsNoShift'),
  ),
  mistake(
    'perPosition',
    'shape',
    (m) => {
      const elements = volume(m.input);
      return elements === null || elements === BigInt(m.config.channels) ? undefined : elements;
    },
    ({ config: c }) => msg('why.scalePerFeature', { c: formatInt(c.channels) }),
  ),
];

const GN_MISTAKES: readonly MistakeDef<ResolvedGroupNorm>[] = [
  mistake(
    'perGroup',
    'structure',
    ({ config: c }) => (c.groups !== c.channels ? learned(c) * BigInt(c.groups) : undefined),
    ({ config: c }) => msg('why.perGroup', { g: String(c.groups) }),
  ),
  ...noStatsMistakes<ResolvedGroupNorm>(),
];

/** One scale multiply per element when γ is learned (shift is a bias: left out of MACs). */
const normMacs = (c: Affine, input: Shape): bigint | null => (c.scale ? volume(input) : 0n);

/** γ and β learned, and under Keras the moving mean and variance: one function for every BatchNorm record. */
function batchNormFormula(this: Resolved<ResolvedChannels>): Expr {
  const { channels } = this.resolved;
  const n = Number(this.resolved.scale) + Number(this.resolved.center);
  if (this.framework !== 'keras') return perChannel(n, channels);
  const c = lit(channels, 'C');
  // The moving mean and variance, 2×C: with both γ and β learned, the same term twice, made once.
  const stats = perChannel(2, c);
  return n === 0 ? stats : sum(n === 2 ? stats : perChannel(n, c), stats);
}

/** What the other framework counts of the same BatchNorm: one function for every record, its notes made when asked. */
function batchNormNotes(this: Resolved<ResolvedChannels>): MessageRef[] {
  const { channels } = this.resolved;
  const learned = Number(this.resolved.scale) + Number(this.resolved.center);
  return this.framework === 'keras'
    ? [msg('note.bnKeras', { c: String(channels), torch: String(learned * channels) })]
    : [msg('note.bnTorch', { c: String(channels), keras: String((learned + 2) * channels) })];
}

/** PyTorch's BatchNorm class for an input of rank 2, 3, 4 (and beyond): by its spatial axes. */
const TORCH_BATCH_NORMS = ['', 'BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d'];

export const bn = defineKind<ChannelsConfig, ResolvedChannels>({
  name: 'bn',
  aliases: ['batchnorm', '批次正規化', '批量正規化', '批次標準化', '批量归一化', '批归一化'],
  family: 'norm',
  summary: msg('kind.bn'),
  mistake: msg('mistake.bn'),
  example: 'bn 64',
  ...perChannelKind('bn'),
  evaluate(c, input, framework) {
    expectMinRank(input, 1, 'bn', 'C');
    const channels = resolveFeatures(c.channels, input, 'bn', 'C');
    const keras = framework === 'keras';
    const perChannelShape = [channels];
    const tensors = batchNormTensors(c, perChannelShape, framework);
    return {
      resolved: c.channels === channels ? (c as ResolvedChannels) : { ...c, channels },
      typeName: keras ? 'BatchNormalization' : TORCH_BATCH_NORMS[Math.min(Math.max(input.length - 1, 1), 3)]!,
      tensors,
      formula: batchNormFormula,
      outputShape: input,
      macs: normMacs(c, input),
      conventionSensitive: true,
      notes: batchNormNotes,
    };
  },
  mistakes: BN_MISTAKES,
});

interface LayerNormConfig extends Affine {
  /** The normalized (last) axes: `768`, or `7x7x64` for nn.LayerNorm((64, 7, 7)) on channels-last. */
  readonly shape: readonly number[] | undefined;
}

/** Resolved: the axes known, and `channels` the elements normalized together (what mistakes read). */
type ResolvedLayerNorm = LayerNormConfig & { readonly shape: readonly number[]; readonly channels: number };

export const ln = defineKind<LayerNormConfig, ResolvedLayerNorm>({
  name: 'ln',
  aliases: ['layernorm', '層正規化', '层归一化'],
  family: 'norm',
  summary: msg('kind.ln'),
  mistake: msg('mistake.ln'),
  example: 'ln 768',
  args: [{ name: 'C', inferable: true }],
  options: [...AFFINE_OPTIONS, 'bias'],
  input: { rank: 'any', form: 'HxW', features: (c) => c.shape?.[c.shape.length - 1], trailing: (c) => c.shape },
  parse: (a) => ({ shape: a.inferableDims('C'), ...parseAffine(a) }),
  print: (c) => `ln${c.shape === undefined ? '' : ` ${c.shape.join('x')}`}${printAffine(c)}`,
  evaluate(c, input, framework) {
    expectMinRank(input, c.shape?.length ?? 1, 'ln', 'C');
    let shape: readonly number[];
    if (c.shape === undefined || c.shape.length === 1) shape = [resolveFeatures(c.shape?.[0], input, 'ln', 'C')];
    else {
      const trailing = input.slice(input.length - c.shape.length);
      if (trailing.some((d, i) => d !== null && d !== c.shape![i])) fail('err.lnShape', { shape: c.shape.join('×'), input: trailing.map((d) => (d === null ? '?' : String(d))).join('×') });
      shape = c.shape;
    }
    const n = Number(c.scale) + Number(c.center);
    const size = shape.reduce((a, d) => a * d, 1);
    const symbol = shape.length === 1 ? lit(shape[0]!, 'C') : product(...shape.map((d) => lit(d)));
    return {
      resolved: { ...c, shape, channels: size },
      typeName: framework === 'keras' ? 'LayerNormalization' : 'LayerNorm',
      tensors: [
        ...(c.scale ? [tensor(framework === 'keras' ? 'gamma' : 'weight', [...shape], 'scale')] : []),
        ...(c.center ? [tensor(framework === 'keras' ? 'beta' : 'bias', [...shape], 'shift')] : []),
      ],
      formula: () => (n === 0 ? constant(0) : n === 1 ? symbol : shape.length === 1 ? perChannel(n, size) : product(constant(n), symbol)),
      outputShape: input,
      macs: normMacs(c, input),
      conventionSensitive: false,
    };
  },
  mistakes: LN_MISTAKES,
});

interface InstanceNormConfig {
  readonly channels: number | undefined;
  readonly affine: boolean;
}

/** InstanceNorm (PyTorch): γ and β per channel only with affine=True, which is not its default. */
export const instancenorm = defineKind<InstanceNormConfig>({
  name: 'instancenorm',
  aliases: ['instnorm'],
  family: 'norm',
  summary: msg('kind.instancenorm'),
  mistake: msg('mistake.instancenorm'),
  args: [{ name: 'C', inferable: true }],
  options: ['affine'],
  example: 'instancenorm 64 affine=true',
  input: { rank: 'any', form: 'HxW', features: (c) => c.channels },
  parse: (a) => ({ channels: a.inferableSize('C'), affine: a.flag('affine', false) }),
  print: (c) => ['instancenorm', ...(c.channels === undefined ? [] : [String(c.channels)]), ...(c.affine ? ['affine=true'] : [])].join(' '),
  evaluate(c, input, framework) {
    expectMinRank(input, 1, 'instancenorm', 'C');
    const channels = resolveFeatures(c.channels, input, 'instancenorm', 'C');
    const rank = Math.min(Math.max(input.length - 1, 1), 3);
    return {
      resolved: { ...c, channels },
      typeName: framework === 'keras' ? 'GroupNormalization' : `InstanceNorm${rank}d`,
      tensors: c.affine ? affineTensors({ scale: true, center: true }, [channels], framework) : [],
      formula: () => (c.affine ? perChannel(2, channels) : constant(0)),
      outputShape: input,
      macs: c.affine ? volume(input) : 0n,
      conventionSensitive: false,
      notes: [msg('note.instanceNorm')],
    };
  },
});

/** RMSNorm (Zhang & Sennrich 2019; LLaMA, T5's LayerNorm): x / rms(x) × γ, no mean, no β. */
export const rmsnorm = defineKind<{ readonly channels: number | undefined }, ResolvedRms>({
  name: 'rmsnorm',
  aliases: ['rms'],
  family: 'norm',
  summary: msg('kind.rmsnorm'),
  mistake: msg('mistake.rmsnorm'),
  args: [{ name: 'C', inferable: true }],
  options: [],
  example: 'rmsnorm 4096',
  input: { rank: 'any', form: 'T', features: (c) => c.channels },
  parse: (a) => ({ channels: a.inferableSize('C') }),
  print: (c) => (c.channels === undefined ? 'rmsnorm' : `rmsnorm ${c.channels}`),
  evaluate(c, input, framework) {
    expectMinRank(input, 1, 'rmsnorm', 'C');
    const channels = resolveFeatures(c.channels, input, 'rmsnorm', 'C');
    const keras = framework === 'keras';
    return {
      resolved: { ...c, channels },
      typeName: keras ? 'RMSNormalization' : 'RMSNorm',
      tensors: [tensor(keras ? 'scale' : 'weight', [channels], 'scale')],
      formula: () => lit(channels, 'C'),
      outputShape: input,
      macs: volume(input),
      conventionSensitive: false,
    };
  },
  mistakes: RMS_MISTAKES,
});

interface GroupNormConfig extends Affine {
  readonly groups: number;
  readonly channels: number | undefined;
}

export const gn = defineKind<GroupNormConfig, ResolvedGroupNorm>({
  name: 'gn',
  aliases: ['groupnorm'],
  family: 'norm',
  summary: msg('kind.gn'),
  mistake: msg('mistake.gn'),
  args: [{ name: 'G' }, { name: 'C', inferable: true }],
  options: AFFINE_OPTIONS,
  example: 'gn 32 256',
  input: { rank: 'any', form: 'HxW', features: (c) => c.channels },
  parse: (a) => ({ groups: a.size('G'), channels: a.inferableSize('C'), ...parseAffine(a) }),
  print: (c) => `gn ${c.groups}${c.channels === undefined ? '' : ` ${c.channels}`}${printAffine(c)}`,
  evaluate(c, input, framework) {
    expectMinRank(input, 1, 'gn', 'C');
    const channels = resolveFeatures(c.channels, input, 'gn', 'C');
    if (channels % c.groups !== 0) fail('err.groupNorm', { c: String(channels), groups: String(c.groups) });
    return {
      resolved: { ...c, channels },
      typeName: framework === 'keras' ? 'GroupNormalization' : 'GroupNorm',
      tensors: affineTensors(c, [channels], framework),
      formula: () => perChannel(Number(c.scale) + Number(c.center), channels),
      outputShape: input,
      macs: normMacs(c, input),
      conventionSensitive: false,
    };
  },
  mistakes: GN_MISTAKES,
});
