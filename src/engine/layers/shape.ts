/**
 * Layers with no parameters that change (or keep) the shape: pooling, global pooling, flatten,
 * dropout, reshape, zero padding. They matter to counting because the next layer's size depends
 * on them: the 7×7×512 that VGG16 flattens into 25,088 inputs of its first dense layer.
 */
import { fail } from '../errors.js';
import { noWeights } from '../expr.js';
import { formatInt, formatShape } from '../format.js';
import type { Dim, Framework, Shape } from '../types.js';
import { parseDims, parseSize, printTuple } from '../args.js';
import { expectMinRank, expectRank, NO_TENSORS, prod, spatial, volume } from './common.js';
import { convLength, lengthWorking, type AxisConv } from './geometry.js';
import { defineKind, mistake, type Evaluation, type Kind, type MistakeDef, type MistakeInput, type Padding } from './kind.js';
import { lengthMistakes } from './length-mistakes.js';
import { msg } from '../../i18n/messages.js';

/** Evaluation of a layer that has no weights. */
export function shapeOnly<C>(resolved: C, typeName: string, outputShape: Shape): Evaluation<C> {
  return { resolved, typeName, tensors: NO_TENSORS, formula: noWeights, outputShape, macs: 0n, conventionSensitive: false };
}

type Rank = 1 | 2 | 3;
type Pooling = 'max' | 'avg';

interface PoolConfig {
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly padding: Padding;
  /** Max pooling only (PyTorch): spacing between the window's elements. */
  readonly dilation: readonly number[];
  /** PyTorch's ceil_mode=True (torchvision GoogLeNet, SqueezeNet): the last, partial window is kept. */
  readonly ceil: boolean;
}

const POOL_NAMES: Record<Pooling, Record<Rank, string>> = {
  max: { 1: 'maxpool1d', 2: 'maxpool', 3: 'maxpool3d' },
  avg: { 1: 'avgpool1d', 2: 'avgpool', 3: 'avgpool3d' },
};
const POOL_TYPES: Record<Pooling, Record<Framework, string>> = {
  max: { keras: 'MaxPooling', pytorch: 'MaxPool' },
  avg: { keras: 'AveragePooling', pytorch: 'AvgPool' },
};
const SPATIAL_FORM: Record<Rank, string> = { 1: 'L', 2: 'HxW', 3: 'DxHxW' };

const poolAxis = (c: PoolConfig, axis: number): AxisConv => ({ kernel: c.kernel[axis]!, stride: c.stride[axis]!, dilation: c.dilation[axis]!, padding: c.padding, axis, ceil: c.ceil });
const channelsOf = (m: MistakeInput<unknown>): bigint | undefined => {
  const c = m.input[m.input.length - 1];
  return c === null || c === undefined ? undefined : BigInt(c);
};

/** The slips worked out from the rounded-down formula: with ceil_mode the right length is another, so they do not apply. */
const FLOOR_SLIPS: ReadonlySet<string> = new Set([
  'ignoredStride',
  'forgotPlusOne',
  'ceilNotFloor',
  'assumedValid',
  'padOneSide',
  'forgotPadding',
  'forgotKernelSize',
  'strideOnly',
  'strideBeforeKernel',
  'dividedByKernel',
]);
const unlessCeil = (m: MistakeDef<PoolConfig>): MistakeDef<PoolConfig> => (FLOOR_SLIPS.has(m.id) ? { ...m, wrong: (input) => (input.config.ceil ? undefined : m.wrong(input)) } : m);

/** Pooling has no weights, yet students give it some; and its output size has its own slips. */
const POOL_MISTAKES: readonly MistakeDef<PoolConfig>[] = [
  mistake(
    'poolWeights',
    'structure',
    (m) => mapDefined(channelsOf(m), (c) => prod(m.config.kernel) * c),
    () => msg('why.poolHasNoWeights'),
  ),
  mistake(
    'poolWeightsAndBias',
    'structure',
    (m) => mapDefined(channelsOf(m), (c) => (prod(m.config.kernel) + 1n) * c),
    () => msg('why.poolHasNoWeights'),
  ),
  mistake(
    'poolOneKernel',
    'structure',
    ({ config: c }) => prod(c.kernel),
    () => msg('why.poolHasNoWeights'),
  ),
  ...lengthMistakes<PoolConfig>(
    [
      'poolStrideOne',
      'ignoredStride',
      'noShrink',
      'dividedByArea',
      'forgotPlusOne',
      'ceilNotFloor',
      'assumedValid',
      'padOneSide',
      'forgotPadding',
      'forgotKernelSize',
      'strideOnly',
      'strideBeforeKernel',
      'dividedByKernel',
      'floorNotCeil',
    ],
    poolAxis,
  ).map(unlessCeil),
];

function mapDefined<T, U>(v: T | undefined, f: (v: T) => U): U | undefined {
  return v === undefined ? undefined : f(v);
}

function poolKind(pooling: Pooling, rank: Rank): Kind {
  const name = POOL_NAMES[pooling][rank];
  return defineKind<PoolConfig>({
    name,
    aliases: rank === 2 ? [`${pooling}pool2d`, ...(pooling === 'max' ? ['pool', '最大池化'] : ['avgpooling', '平均池化'])] : [],
    family: 'shape',
    summary: msg('kind.pool', { rank: String(rank) }),
    mistake: msg('mistake.pool'),
    args: [{ name: 'K' }],
    options: ['stride', 'pad', ...(pooling === 'max' ? ['dilation'] : []), 'ceil'],
    example: `${name} 2`,
    input: { rank: rank + 1, form: SPATIAL_FORM[rank] },
    parse(a) {
      const kernel = a.tuple('K', rank);
      const padding = a.padding(rank);
      const ceil = a.flag('ceil', false);
      // 'same' pads so that nothing is left over: there is no partial window to keep.
      if (ceil && padding.mode === 'same') fail('err.ceilSame', { kind: name });
      return {
        kernel,
        stride: a.has('stride') ? a.optTuple('stride', rank, 1) : kernel,
        padding,
        dilation: a.optTuple('dilation', rank, 1),
        ceil,
      };
    },
    print(c) {
      const stride = c.stride.every((s, i) => s === c.kernel[i]) ? '' : ` stride=${printTuple(c.stride)}`;
      const pad = c.padding.mode === 'valid' ? '' : ` pad=${c.padding.mode === 'same' ? 'same' : printTuple(c.padding.amounts)}`;
      const dilation = c.dilation.every((d) => d === 1) ? '' : ` dilation=${printTuple(c.dilation)}`;
      return `${name} ${printTuple(c.kernel)}${stride}${pad}${dilation}${c.ceil ? ' ceil=true' : ''}`;
    },
    evaluate(c, input, framework) {
      expectRank(input, rank + 1, name, `${SPATIAL_FORM[rank].replace(/x/g, '×')}×C`);
      if (framework === 'pytorch' && c.padding.mode === 'same') fail('err.noSameTorch', { kind: name });
      // ceil=true is a shape rule only and stays allowed (a torchvision preset counted under Keras conventions);
      // a dilated window has no Keras layer at all.
      if (framework === 'keras' && c.dilation.some((d) => d !== 1)) fail('err.torchPoolOption', { kind: name });
      const effective = c.kernel.map((k, i) => c.dilation[i]! * (k - 1) + 1);
      if (c.padding.mode === 'explicit' && c.padding.amounts.some((p, i) => 2 * p > effective[i]!)) {
        // PyTorch: "pad should be at most half of effective kernel size"; a window of only padding is meaningless.
        fail('err.poolPadding', { kind: name, pad: printTuple(c.padding.amounts), kernel: printTuple(c.kernel) });
      }
      if (framework === 'pytorch' && pooling === 'avg' && rank === 3) {
        // avg_pool3d checks the input before padding: "input image (T: 1 H: 4 W: 4) smaller than kernel size"
        spatial(input).forEach((len, i) => {
          if (len !== null && len < c.kernel[i]!) fail('err.avgPool3dInput', { kernel: printTuple(c.kernel), size: String(len) });
        });
      }
      const out = spatial(input).map((len, axis) => convLength(len, poolAxis(c, axis), name));
      const suffix = framework === 'keras' ? `${rank}D` : `${rank}d`;
      return {
        ...shapeOnly(c, POOL_TYPES[pooling][framework] + suffix, [...out, input[input.length - 1] ?? null]),
        shapeWorking: () => lengthWorking(spatial(input), out, (i) => poolAxis(c, i)),
      };
    },
    mistakes: POOL_MISTAKES,
    // The framework names the class; it changes nothing else but the refusals above.
    neutral: (c) => c.padding.mode !== 'same' && c.dilation.every((d) => d === 1) && !(pooling === 'avg' && rank === 3),
  });
}

interface GlobalPoolConfig {
  readonly keepdims: boolean;
}

function globalPoolKind(pooling: Pooling): Kind {
  const name = pooling === 'avg' ? 'gap' : 'gmp';
  return defineKind<GlobalPoolConfig>({
    name,
    aliases: pooling === 'avg' ? ['globalavgpool'] : ['globalmaxpool'],
    family: 'shape',
    summary: msg('kind.globalPool'),
    mistake: msg('mistake.globalPool'),
    args: [],
    options: ['keepdims'],
    example: `${name} in=7x7x2048`,
    input: { rank: 'any', form: 'HxWxC' },
    parse: (a) => ({ keepdims: a.flag('keepdims', false) }),
    print: (c) => (c.keepdims ? `${name} keepdims=true` : name),
    evaluate(c, input, framework) {
      expectMinRank(input, 2, name, 'H×W×C');
      const channels = input[input.length - 1] ?? null;
      const r = input.length - 1;
      const typeName = framework === 'keras' ? `Global${pooling === 'avg' ? 'Average' : 'Max'}Pooling${r}D` : `Adaptive${pooling === 'avg' ? 'Avg' : 'Max'}Pool${Math.min(r, 3)}d`;
      const all = spatial(input);
      return {
        ...shapeOnly(c, typeName, c.keepdims ? [...all.map(() => 1), channels] : [channels]),
        shapeWorking: () => (all.every((d) => d !== null) && channels !== null ? [`${formatShape(input)} → ${c.keepdims ? formatShape([...all.map(() => 1), channels]) : channels}`] : []),
      };
    },
    mistakes: [
      mistake(
        'gapAsFlatten',
        'shape',
        (m) => {
          const size = volume(m.input);
          return size === null || m.config.keepdims || size === volume(m.output) ? undefined : { output: [Number(size)] };
        },
        () => msg('why.gapAsFlatten'),
      ),
    ],
  });
}

interface AdaptivePoolConfig {
  readonly size: readonly number[];
}

const ADAPTIVE_NAMES: Record<Pooling, Record<Rank, string>> = {
  avg: { 1: 'adaptivepool1d', 2: 'adaptivepool', 3: 'adaptivepool3d' },
  max: { 1: 'adaptivemaxpool1d', 2: 'adaptivemaxpool', 3: 'adaptivemaxpool3d' },
};

/** PyTorch AdaptiveAvgPool2d and friends: a fixed output size whatever the input (torchvision AlexNet, VGG). */
function adaptivePoolKind(pooling: Pooling, rank: Rank): Kind {
  const name = ADAPTIVE_NAMES[pooling][rank];
  const example = { 1: 'adaptivepool1d 1 in=100x64', 2: 'adaptivepool 6 in=13x13x256', 3: 'adaptivepool3d 1 in=4x7x7x512' }[rank];
  return defineKind<AdaptivePoolConfig>({
    name,
    aliases: pooling === 'avg' && rank === 2 ? ['adaptiveavgpool'] : [],
    family: 'shape',
    summary: msg('kind.adaptivepool', { rank: String(rank), pooling: pooling === 'avg' ? 'average' : 'max' }),
    mistake: msg('mistake.pool'),
    args: [{ name: 'SIZE' }],
    options: [],
    example: example.replace('adaptivepool', pooling === 'max' ? 'adaptivemaxpool' : 'adaptivepool'),
    input: { rank: rank + 1, form: SPATIAL_FORM[rank] },
    parse: (a) => ({ size: a.tuple('SIZE', rank) }),
    print: (c) => `${name} ${printTuple(c.size)}`,
    evaluate(c, input, framework) {
      expectRank(input, rank + 1, name, `${SPATIAL_FORM[rank].replace(/x/g, '×')}×C`);
      const type = `Adaptive${pooling === 'avg' ? 'Avg' : 'Max'}Pool${rank}d`;
      return shapeOnly(c, framework === 'keras' ? type.replace('Pool', 'Pooling').replace(/d$/, 'D') : type, [...c.size, input[rank] ?? null]);
    },
  });
}

/** The ways a Flatten's size goes wrong, each carried on to the Dense after it; and weights it does not have. */
const FLATTEN_MISTAKES: readonly MistakeDef<Record<string, never>>[] = [
  mistake(
    'channelsOnly',
    'shape',
    ({ input }) => (input.length > 1 && input[input.length - 1] !== null && volume(input) !== null ? { output: [input[input.length - 1]!] } : undefined),
    ({ input }) => msg('why.channelsOnly', { c: formatInt(input[input.length - 1] ?? 0) }),
  ),
  mistake(
    'oneSpatialAxis',
    'shape',
    ({ input }) => (input.length === 3 && input.every((d) => d !== null) && input[0] !== 1 ? { output: [input[1]! * input[2]!] } : undefined),
    () => msg('why.oneSpatialAxis'),
  ),
  mistake(
    'forgotChannels',
    'shape',
    ({ input }) => {
      const area = volume(input.slice(0, -1));
      return input.length > 1 && area !== null && input[input.length - 1] !== 1 ? { output: [Number(area)] } : undefined;
    },
    () => msg('why.flattenChannels'),
  ),
  mistake(
    'flattenWeights',
    'structure',
    ({ input }) => volume(input) ?? undefined,
    () => msg('why.flattenHasNoWeights'),
  ),
];

export const flatten = defineKind<Record<string, never>>({
  name: 'flatten',
  family: 'shape',
  summary: msg('kind.flatten'),
  mistake: msg('mistake.flatten'),
  args: [],
  options: [],
  example: 'flatten in=7x7x512',
  input: { rank: 'any', form: 'HxWxC' },
  parse: () => ({}),
  print: () => 'flatten',
  evaluate(c, input) {
    const size = volume(input);
    if (size !== null && size > BigInt(Number.MAX_SAFE_INTEGER)) fail('err.tooLargeShape', { shape: formatShape(input) });
    return {
      ...shapeOnly(c, 'Flatten', [size === null ? null : Number(size)]),
      shapeWorking: () => (size !== null && input.length > 1 ? [`${formatShape(input)} = ${formatInt(size)}`] : []),
    };
  },
  mistakes: FLATTEN_MISTAKES,
});

interface DropoutConfig {
  readonly rate: number;
}

export const dropout = defineKind<DropoutConfig>({
  name: 'dropout',
  family: 'shape',
  summary: msg('kind.dropout'),
  mistake: msg('mistake.dropout'),
  args: [{ name: 'P' }],
  options: [],
  example: 'dropout 0.5',
  input: { rank: 'any', form: 'HxWxC' },
  parse: (a) => ({ rate: a.rate('P') }),
  print: (c) => `dropout ${c.rate}`,
  evaluate: (c, input) => shapeOnly(c, 'Dropout', input),
  mistakes: [
    mistake(
      'dropoutShrinks',
      'shape',
      ({ config: c, input }) => {
        const last = input[input.length - 1];
        const kept = last === null || last === undefined ? undefined : Math.floor(last * (1 - c.rate));
        return kept === undefined || kept === last || kept < 1 ? undefined : { output: [...input.slice(0, -1), kept] };
      },
      ({ config: c }) => msg('why.dropoutKeepsShape', { p: String(c.rate) }),
    ),
  ],
});

interface ReshapeConfig {
  readonly target: readonly number[];
}

export const reshape = defineKind<ReshapeConfig>({
  name: 'reshape',
  family: 'shape',
  summary: msg('kind.reshape'),
  mistake: msg('mistake.shape'),
  args: [{ name: 'SHAPE' }],
  options: [],
  example: 'reshape 7x7x512 in=25088',
  input: { rank: 'any', form: 'HxWxC' },
  parse: (a) => ({ target: a.dims('SHAPE') }),
  print: (c) => `reshape ${c.target.join('x')}`,
  evaluate(c, input, framework) {
    const size = volume(input);
    if (size !== null && size !== volume(c.target)) fail('err.reshape', { from: formatShape(input), to: c.target.join('×') });
    return shapeOnly(c, framework === 'keras' ? 'Reshape' : 'Unflatten', c.target);
  },
});

/**
 * What ZeroPadding2D adds or Cropping2D cuts at each edge, Keras's ((top, bottom), (left, right)).
 * Written `1` (every edge), `1x2` (per axis, both sides), `0:1` (before:after on both axes: the
 * ((0, 1), (0, 1)) Keras pads with before a strided convolution on an even size) or `0:1x1:0`.
 */
type Edges = readonly [readonly [number, number], readonly [number, number]];

interface EdgesConfig {
  readonly edges: Edges;
}

function parseEdges(token: string, what: string): Edges {
  const axes = token.split(/[xX×*]/);
  if (axes.length > 2) fail('err.tupleRank', { token, what, rank: '2' });
  const sides = axes.map((axis): readonly [number, number] => {
    const [before = '', after = before, ...rest] = axis.split(':');
    if (rest.length > 0) fail('err.edges', { token, what });
    return [parseSize(before, what, 0), parseSize(after, what, 0)];
  });
  return [sides[0]!, sides[1] ?? sides[0]!];
}

function printEdges(edges: Edges): string {
  const [h, w] = edges.map(([before, after]) => (before === after ? String(before) : `${before}:${after}`));
  return h === w ? h! : `${h}x${w}`;
}

/** Both sides of each axis alike (ZeroPadding2D(1), Cropping2D(2)): what the one-sided mistakes need. */
const symmetric = (edges: Edges) => edges.every(([before, after]) => before === after);

/** A kind that changes H and W by its edges: zero padding (+1) or cropping (−1). */
function edgesKind(name: string, sign: 1 | -1, typeNames: Readonly<Record<Framework, string>>, example: string): Kind {
  const resize = (d: Dim, [before, after]: readonly [number, number]): Dim => (d === null ? null : d + sign * (before + after));
  return defineKind<EdgesConfig>({
    name,
    aliases: sign === 1 ? ['zeropadding'] : ['cropping'],
    family: 'shape',
    summary: msg(sign === 1 ? 'kind.zeropad' : 'kind.crop'),
    mistake: msg('mistake.shape'),
    args: [{ name: 'N' }],
    options: [],
    example,
    input: { rank: 3, form: 'HxW' },
    parse: (a) => ({ edges: parseEdges(a.word('N'), 'N') }),
    print: (c) => `${name} ${printEdges(c.edges)}`,
    evaluate(c, input, framework) {
      expectRank(input, 3, name, 'H×W×C');
      const [h = null, w = null, channels = null] = input;
      const out: Dim[] = [resize(h, c.edges[0]), resize(w, c.edges[1]), channels];
      if (out.some((d) => d !== null && d < 1)) fail('err.cropTooLarge', { kind: name, shape: formatShape(input), crop: printEdges(c.edges) });
      return {
        ...shapeOnly(c, typeNames[framework], out),
        shapeWorking: () => (h !== null && w !== null ? [`${formatShape(input)} → ${formatShape(out)}`] : []),
      };
    },
    mistakes: [
      mistake(
        sign === 1 ? 'padOneSide' : 'cropOneSide',
        'shape',
        ({ config: c, input, output }) => {
          const [h, w, ch] = input;
          const [[top], [left]] = c.edges;
          if (h === null || w === null || h === undefined || w === undefined || !symmetric(c.edges) || top + left === 0) return undefined;
          const wrong = [h + sign * top, w + sign * left];
          return wrong.some((d) => d < 1) ? undefined : { output: [...wrong, ch ?? null, ...output.slice(3)] };
        },
        ({ config: c }) => (sign === 1 ? msg('why.padOneSide', { k: '', s: '', p: String(c.edges[0][0]), d: '' }) : msg('why.cropOneSide', { p: String(c.edges[0][0]) })),
      ),
    ],
  });
}

export const zeropad = edgesKind('zeropad', 1, { keras: 'ZeroPadding2D', pytorch: 'ZeroPad2d' }, 'zeropad 3 in=224x224x3');
/** Keras Cropping2D; PyTorch has no module of its own for it (a slice of the tensor). */
export const crop = edgesKind('crop', -1, { keras: 'Cropping2D', pytorch: 'Crop' }, 'crop 1:0 in=57x57x32');

/** nn.Identity (and parameter-free modules whose output is their input). */
export const identity = defineKind<Record<string, never>>({
  name: 'identity',
  family: 'shape',
  summary: msg('kind.identity'),
  mistake: msg('mistake.shape'),
  args: [],
  options: [],
  example: 'identity in=7x7x512',
  input: { rank: 'any', form: 'HxWxC' },
  parse: () => ({}),
  print: () => 'identity',
  evaluate: (c, input) => shapeOnly(c, 'Identity', input),
});

interface UpsampleConfig {
  /** Factor per spatial axis, or the output size. */
  readonly factor: readonly number[] | undefined;
  readonly size: readonly number[] | undefined;
}

const SCALE = /^(\d+(\.\d+)?|\.\d+)$/;

/** Upsampling (nn.Upsample, Keras UpSampling2D): repeats or interpolates rows and columns, no parameters. */
export const upsample = defineKind<UpsampleConfig>({
  name: 'upsample',
  aliases: ['upsampling'],
  family: 'shape',
  summary: msg('kind.upsample'),
  mistake: msg('mistake.shape'),
  args: [],
  options: ['factor', 'size'],
  example: 'upsample factor=2 in=14x14x64',
  input: { rank: 'any', form: 'HxWxC' },
  parse(a) {
    const factorText = a.optionText('factor');
    const sizeText = a.optionText('size');
    const size = sizeText === undefined ? undefined : parseDims(sizeText, 'size');
    if ((factorText === undefined) === (size === undefined)) fail('err.upsampleArgs');
    const factor = factorText?.split(/[xX×*]/).map((p) => {
      if (!SCALE.test(p) || Number(p) <= 0) fail('err.notAChoice', { token: p, what: 'factor', choices: '2, 1.5, 2x2' });
      return Number(p);
    });
    return { factor, size };
  },
  print: (c) => (c.factor ? `upsample factor=${printTuple(c.factor)}` : `upsample size=${c.size!.join('x')}`),
  evaluate(c, input, framework) {
    const typeName = (axes: number) => (framework === 'keras' ? `UpSampling${axes}D` : 'Upsample');
    // on its own, without in=: nothing to scale yet
    if (input.length === 1 && input[0] === null) return shapeOnly(c, typeName(2), input);
    expectMinRank(input, 2, 'upsample', 'L×C');
    const axes = spatial(input);
    const per = (values: readonly number[]) => (values.length === 1 ? axes.map(() => values[0]!) : values);
    if (c.size && c.size.length !== axes.length) fail('err.inRank', { kind: 'upsample', token: `size=${c.size.join('x')}`, expected: axes.map(() => 'N').join('x') });
    if (c.factor && c.factor.length !== 1 && c.factor.length !== axes.length) fail('err.inRank', { kind: 'upsample', token: `factor=${c.factor.join('x')}`, expected: axes.map(() => 'S').join('x') });
    const out = c.size ? [...c.size] : axes.map((d, i) => (d === null ? null : Math.floor(d * per(c.factor!)[i]!)));
    return shapeOnly(c, typeName(axes.length), [...out, input[input.length - 1] ?? null]);
  },
});

/**
 * PixelShuffle: R×R channels become an R×R patch. Its inverse (PixelUnshuffle) is the same
 * reshaping as space-to-depth, one kind: `spacetodepth` (vision.ts), aliased `pixelunshuffle`.
 */
const pixelshuffle = defineKind<{ readonly factor: number }>({
  name: 'pixelshuffle',
  family: 'shape',
  summary: msg('kind.pixelshuffle'),
  mistake: msg('mistake.shape'),
  args: [{ name: 'R' }],
  options: [],
  example: 'pixelshuffle 2 in=8x8x16',
  input: { rank: 3, form: 'HxW' },
  parse: (a) => ({ factor: a.size('R') }),
  print: (c) => `pixelshuffle ${c.factor}`,
  evaluate(c, input) {
    expectRank(input, 3, 'pixelshuffle', 'H×W×C');
    const [h, w, ch] = [input[0] ?? null, input[1] ?? null, input[2] ?? null];
    const r = c.factor;
    if (ch !== null && ch % (r * r) !== 0) fail('err.pixelShuffle', { c: String(ch), r: String(r) });
    return shapeOnly(c, 'PixelShuffle', [h === null ? null : h * r, w === null ? null : w * r, ch === null ? null : ch / (r * r)]);
  },
});

export const shapeKinds: readonly Kind[] = [
  poolKind('max', 1),
  poolKind('max', 2),
  poolKind('max', 3),
  poolKind('avg', 1),
  poolKind('avg', 2),
  poolKind('avg', 3),
  globalPoolKind('avg'),
  globalPoolKind('max'),
  ...([1, 2, 3] as const).flatMap((r) => [adaptivePoolKind('avg', r), adaptivePoolKind('max', r)]),
  flatten,
  dropout,
  reshape,
  zeropad,
  identity,
  upsample,
  pixelshuffle,
  crop,
];
