/**
 * Convolutions: Conv1D/2D/3D, their transposes, DepthwiseConv2D and SeparableConv2D.
 *
 * Weights per filter are k_h×k_w×(C_in/groups); one bias per output channel. Keras stores the
 * kernel as (k_h, k_w, C_in/g, C_out) and PyTorch as (C_out, C_in/g, k_h, k_w): the same count,
 * so each tensor is shown in the layout of the framework being followed.
 */
import { fail } from '../errors.js';
import { lit, product, quotient, sum, type Expr } from '../expr.js';
import type { Dim, Framework, Shape } from '../types.js';
import { printTuple } from '../args.js';
import { formatInt } from '../format.js';
import { expectRank, macsOver, prod, resolveFeatures, spatial, tensor } from './common.js';
import { convLength, transposeLength } from './geometry.js';
import { defineKind, type Args, type Kind, type Padding } from './kind.js';
import { msg } from '../../i18n/messages.js';

type Rank = 1 | 2 | 3;

/** Kernel, stride, dilation and padding: what every convolution shares. */
interface Geometry {
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  readonly padding: Padding;
}

const SPATIAL_FORM: Record<Rank, string> = { 1: 'L', 2: 'HxW', 3: 'DxHxW' };
const INPUT_FORM: Record<Rank, string> = { 1: 'L×C', 2: 'H×W×C', 3: 'D×H×W×C' };
const KERNEL_SYMBOLS: Record<Rank, readonly string[]> = { 1: ['k'], 2: ['k_h', 'k_w'], 3: ['k_d', 'k_h', 'k_w'] };
const GEOMETRY_OPTIONS = ['stride', 'pad', 'dilation'] as const;

function parseGeometry(a: Args, rank: Rank, kernelArg = 'K'): Geometry {
  return {
    kernel: a.tuple(kernelArg, rank),
    stride: a.optTuple('stride', rank, 1),
    dilation: a.optTuple('dilation', rank, 1),
    padding: a.padding(rank),
  };
}

function printGeometry(g: Geometry): string {
  const parts: string[] = [];
  if (g.stride.some((s) => s !== 1)) parts.push(`stride=${printTuple(g.stride)}`);
  if (g.padding.mode === 'same') parts.push('pad=same');
  if (g.padding.mode === 'explicit') parts.push(`pad=${printTuple(g.padding.amounts)}`);
  if (g.dilation.some((d) => d !== 1)) parts.push(`dilation=${printTuple(g.dilation)}`);
  return parts.join(' ');
}

const join = (...parts: Array<string | false>) => parts.filter((p) => p !== false && p !== '').join(' ');

function checkSamePadding(g: Geometry, framework: Framework, kind: string): void {
  // PyTorch refuses padding='same' with a stride (RuntimeError in F.conv2d); Keras pads as needed.
  if (framework === 'pytorch' && g.padding.mode === 'same' && g.stride.some((s) => s !== 1)) {
    fail('err.samePaddingStride', { kind });
  }
}

function outputSpatial(input: Shape, g: Geometry, kind: string): Dim[] {
  return spatial(input).map((len, axis) =>
    convLength(len, { kernel: g.kernel[axis]!, stride: g.stride[axis]!, dilation: g.dilation[axis]!, padding: g.padding, axis }, kind),
  );
}

const kernelTerms = (kernel: readonly number[], rank: Rank): Expr[] =>
  kernel.map((k, i) => lit(k, KERNEL_SYMBOLS[rank][i]!));

/** C_in, or C_in/g when grouped, as it appears inside one filter. */
const perGroup = (channels: number, groups: number, symbol = 'C_in'): Expr =>
  groups === 1 ? lit(channels, symbol) : quotient(lit(channels, symbol), lit(groups, 'g'));

/** (k_h×k_w×C_in/g + 1)×C_out, or without the + 1 when there is no bias. */
function filterFormula(kernel: readonly number[], rank: Rank, cin: number, groups: number, cout: number, bias: boolean): Expr {
  const perFilter = product(...kernelTerms(kernel, rank), perGroup(cin, groups));
  return bias ? product(sum(perFilter, lit(1)), lit(cout, 'C_out')) : product(perFilter, lit(cout, 'C_out'));
}

function checkGroups(kind: string, cin: number, cout: number, groups: number): void {
  if (cin % groups !== 0 || cout % groups !== 0) {
    fail('err.groups', { kind, cin: String(cin), cout: String(cout), groups: String(groups) });
  }
}

interface ConvConfig extends Geometry {
  readonly cin: number | undefined;
  readonly cout: number;
  readonly groups: number;
  readonly bias: boolean;
}

function parseConv(a: Args, rank: Rank): ConvConfig {
  return {
    cin: a.inferableSize('CIN'),
    cout: a.size('COUT'),
    ...parseGeometry(a, rank),
    groups: a.optSize('groups', 1),
    bias: a.flag('bias', true),
  };
}

function printConv(name: string, c: ConvConfig, extra = ''): string {
  return join(
    name,
    c.cin === undefined ? '' : String(c.cin),
    String(c.cout),
    printTuple(c.kernel),
    printGeometry(c),
    c.groups !== 1 && `groups=${c.groups}`,
    !c.bias && 'bias=false',
    extra,
  );
}

const CONV_NAMES: Record<Rank, string> = { 1: 'conv1d', 2: 'conv', 3: 'conv3d' };

function convKind(rank: Rank): Kind {
  const name = CONV_NAMES[rank];
  return defineKind<ConvConfig>({
    name,
    aliases: rank === 2 ? ['conv2d', '卷積', '卷積層', '卷积'] : [],
    family: 'conv',
    summary: msg('kind.conv', { rank: String(rank) }),
    mistake: msg('mistake.conv'),
    args: [{ name: 'CIN', inferable: true }, { name: 'COUT' }, { name: 'K' }],
    options: ['bias', ...GEOMETRY_OPTIONS, 'groups'],
    example: { 1: 'conv1d 16 32 5', 2: 'conv 3 64 3', 3: 'conv3d 3 64 3' }[rank],
    input: { rank: rank + 1, form: SPATIAL_FORM[rank], features: (c) => c.cin },
    parse: (a) => parseConv(a, rank),
    print: (c) => printConv(name, c),
    evaluate(c, input, framework) {
      expectRank(input, rank + 1, name, INPUT_FORM[rank]);
      checkSamePadding(c, framework, name);
      const cin = resolveFeatures(c.cin, input, name, 'CIN');
      checkGroups(name, cin, c.cout, c.groups);
      const out = outputSpatial(input, c, name);
      const perGroupIn = cin / c.groups;
      const weightShape = framework === 'keras' ? [...c.kernel, perGroupIn, c.cout] : [c.cout, perGroupIn, ...c.kernel];
      return {
        resolved: { ...c, cin },
        typeName: framework === 'keras' ? `Conv${rank}D` : `Conv${rank}d`,
        tensors: [
          tensor(framework === 'keras' ? 'kernel' : 'weight', weightShape, 'weight'),
          ...(c.bias ? [tensor('bias', [c.cout], 'bias')] : []),
        ],
        formula: filterFormula(c.kernel, rank, cin, c.groups, c.cout, c.bias),
        outputShape: [...out, c.cout],
        macs: macsOver(out, prod(c.kernel) * BigInt(perGroupIn) * BigInt(c.cout)),
        conventionSensitive: false,
      };
    },
  });
}

interface DeconvConfig extends ConvConfig {
  readonly outputPadding: readonly number[] | undefined;
}

const DECONV_NAMES: Record<Rank, string> = { 1: 'deconv1d', 2: 'deconv', 3: 'deconv3d' };

function deconvKind(rank: Rank): Kind {
  const name = DECONV_NAMES[rank];
  return defineKind<DeconvConfig>({
    name,
    aliases: rank === 2 ? ['deconv2d', 'convtranspose'] : [],
    family: 'conv',
    summary: msg('kind.deconv', { rank: String(rank) }),
    mistake: msg('mistake.deconv'),
    args: [{ name: 'CIN', inferable: true }, { name: 'COUT' }, { name: 'K' }],
    options: ['bias', ...GEOMETRY_OPTIONS, 'groups', 'outpad'],
    example: { 1: 'deconv1d 32 16 4 stride=2', 2: 'deconv 64 32 4 stride=2 pad=1', 3: 'deconv3d 64 32 2 stride=2' }[rank],
    input: { rank: rank + 1, form: SPATIAL_FORM[rank], features: (c) => c.cin },
    parse(a) {
      const c = parseConv(a, rank);
      const outputPadding = a.has('outpad') ? a.optTuple('outpad', rank, 0, 0) : undefined;
      outputPadding?.forEach((p, i) => {
        // Both frameworks require output padding smaller than the stride (or the dilation).
        if (p >= Math.max(c.stride[i]!, c.dilation[i]!)) fail('err.outputPadding', { outpad: String(p), stride: String(c.stride[i]) });
      });
      return { ...c, outputPadding };
    },
    print: (c) => printConv(name, c, c.outputPadding ? `outpad=${printTuple(c.outputPadding)}` : ''),
    evaluate(c, input, framework) {
      expectRank(input, rank + 1, name, INPUT_FORM[rank]);
      if (framework === 'pytorch' && c.padding.mode === 'same') fail('err.noSameTorch', { kind: name });
      const cin = resolveFeatures(c.cin, input, name, 'CIN');
      checkGroups(name, cin, c.cout, c.groups);
      const inSpatial = spatial(input);
      const out = inSpatial.map((len, axis) =>
        transposeLength(
          len,
          { kernel: c.kernel[axis]!, stride: c.stride[axis]!, dilation: c.dilation[axis]!, padding: c.padding, axis },
          c.outputPadding?.[axis],
          framework,
        ),
      );
      const perGroupOut = c.cout / c.groups;
      const weightShape = framework === 'keras' ? [...c.kernel, c.cout, cin] : [cin, perGroupOut, ...c.kernel];
      return {
        resolved: { ...c, cin },
        typeName: framework === 'keras' ? `Conv${rank}DTranspose` : `ConvTranspose${rank}d`,
        tensors: [
          tensor(framework === 'keras' ? 'kernel' : 'weight', weightShape, 'weight'),
          ...(c.bias ? [tensor('bias', [c.cout], 'bias')] : []),
        ],
        formula: filterFormula(c.kernel, rank, cin, c.groups, c.cout, c.bias),
        outputShape: [...out, c.cout],
        // A transposed convolution scatters every input element through its kernel (fvcore).
        macs: macsOver(inSpatial, prod(c.kernel) * BigInt(cin) * BigInt(perGroupOut)),
        conventionSensitive: false,
      };
    },
  });
}

interface DepthwiseConfig extends Geometry {
  readonly channels: number | undefined;
  readonly multiplier: number;
  readonly bias: boolean;
}

/** `×M` only when the depth multiplier is not 1, so the common case reads as the lecture writes it. */
const times = (multiplier: number): Expr[] => (multiplier === 1 ? [] : [lit(multiplier, 'M')]);

export const dwconv = defineKind<DepthwiseConfig>({
  name: 'dwconv',
  aliases: ['depthwise', 'dwconv2d'],
  family: 'conv',
  summary: msg('kind.dwconv'),
  mistake: msg('mistake.dwconv'),
  args: [{ name: 'C', inferable: true }, { name: 'K' }],
  options: ['mult', 'bias', ...GEOMETRY_OPTIONS],
  example: 'dwconv 32 3',
  input: { rank: 3, form: 'HxW', features: (c) => c.channels },
  parse: (a) => ({
    channels: a.inferableSize('C'),
    ...parseGeometry(a, 2),
    multiplier: a.optSize('mult', 1),
    bias: a.flag('bias', true),
  }),
  print: (c) =>
    join('dwconv', c.channels === undefined ? '' : String(c.channels), printTuple(c.kernel), c.multiplier !== 1 && `mult=${c.multiplier}`, printGeometry(c), !c.bias && 'bias=false'),
  evaluate(c, input, framework) {
    expectRank(input, 3, 'dwconv', INPUT_FORM[2]);
    checkSamePadding(c, framework, 'dwconv');
    const channels = resolveFeatures(c.channels, input, 'dwconv', 'C');
    const out = outputSpatial(input, c, 'dwconv');
    const cout = channels * c.multiplier;
    const weightShape = framework === 'keras' ? [...c.kernel, channels, c.multiplier] : [cout, 1, ...c.kernel];
    const kernel = kernelTerms(c.kernel, 2);
    const c_ = lit(channels, 'C');
    return {
      resolved: { ...c, channels },
      typeName: framework === 'keras' ? 'DepthwiseConv2D' : 'Conv2d',
      tensors: [
        tensor(framework === 'keras' ? 'depthwise_kernel' : 'weight', weightShape, 'weight'),
        ...(c.bias ? [tensor('bias', [cout], 'bias')] : []),
      ],
      formula: c.bias ? product(sum(product(...kernel), lit(1)), c_, ...times(c.multiplier)) : product(...kernel, c_, ...times(c.multiplier)),
      outputShape: [...out, cout],
      macs: macsOver(out, prod(c.kernel) * BigInt(cout)),
      conventionSensitive: false,
      notes: framework === 'pytorch' ? [msg('note.depthwiseTorch', { c: String(channels), cout: String(cout) })] : [],
    };
  },
});

interface SeparableConfig extends Geometry {
  readonly cin: number | undefined;
  readonly cout: number;
  readonly multiplier: number;
  readonly bias: boolean;
}

export const sepconv = defineKind<SeparableConfig>({
  name: 'sepconv',
  aliases: ['separable', 'sepconv2d'],
  family: 'conv',
  summary: msg('kind.sepconv'),
  mistake: msg('mistake.sepconv'),
  args: [{ name: 'CIN', inferable: true }, { name: 'COUT' }, { name: 'K' }],
  options: ['mult', 'bias', ...GEOMETRY_OPTIONS],
  example: 'sepconv 32 64 3',
  input: { rank: 3, form: 'HxW', features: (c) => c.cin },
  parse: (a) => ({
    cin: a.inferableSize('CIN'),
    cout: a.size('COUT'),
    ...parseGeometry(a, 2),
    multiplier: a.optSize('mult', 1),
    bias: a.flag('bias', true),
  }),
  print: (c) =>
    join('sepconv', c.cin === undefined ? '' : String(c.cin), String(c.cout), printTuple(c.kernel), c.multiplier !== 1 && `mult=${c.multiplier}`, printGeometry(c), !c.bias && 'bias=false'),
  evaluate(c, input, framework) {
    expectRank(input, 3, 'sepconv', INPUT_FORM[2]);
    checkSamePadding(c, framework, 'sepconv');
    const cin = resolveFeatures(c.cin, input, 'sepconv', 'CIN');
    const out = outputSpatial(input, c, 'sepconv');
    const mid = cin * c.multiplier;
    const kernel = kernelTerms(c.kernel, 2);
    const cinM = [lit(cin, 'C_in'), ...times(c.multiplier)];
    const standard = prod(c.kernel) * BigInt(cin) * BigInt(c.cout) + (c.bias ? BigInt(c.cout) : 0n);
    const separable = prod(c.kernel) * BigInt(mid) + BigInt(mid) * BigInt(c.cout) + (c.bias ? BigInt(c.cout) : 0n);
    return {
      resolved: { ...c, cin },
      typeName: framework === 'keras' ? 'SeparableConv2D' : 'Conv2d+Conv2d',
      tensors: [
        tensor(framework === 'keras' ? 'depthwise_kernel' : 'depthwise.weight', framework === 'keras' ? [...c.kernel, cin, c.multiplier] : [mid, 1, ...c.kernel], 'weight'),
        tensor(framework === 'keras' ? 'pointwise_kernel' : 'pointwise.weight', framework === 'keras' ? [1, 1, mid, c.cout] : [c.cout, mid, 1, 1], 'weight'),
        ...(c.bias ? [tensor(framework === 'keras' ? 'bias' : 'pointwise.bias', [c.cout], 'bias')] : []),
      ],
      formula: sum(product(...kernel, ...cinM), product(...cinM, lit(c.cout, 'C_out')), ...(c.bias ? [lit(c.cout, 'C_out')] : [])),
      outputShape: [...out, c.cout],
      macs: macsOver(out, prod(c.kernel) * BigInt(mid) + BigInt(mid) * BigInt(c.cout)),
      conventionSensitive: false,
      notes: [msg('note.separableSaving', { standard: formatInt(standard), ratio: ratio(standard, separable) })].concat(
        framework === 'pytorch' ? [msg('note.separableTorch')] : [],
      ),
    };
  },
});

/** "7.9" for 1,792 / 227; one decimal, exact rounding. */
function ratio(a: bigint, b: bigint): string {
  const tenths = (a * 10n + b / 2n) / b;
  return `${tenths / 10n}.${tenths % 10n}`;
}

export const convKinds: readonly Kind[] = [
  convKind(1),
  convKind(2),
  convKind(3),
  deconvKind(1),
  deconvKind(2),
  deconvKind(3),
  dwconv,
  sepconv,
];
