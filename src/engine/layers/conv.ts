/**
 * Convolutions: Conv1D/2D/3D, their transposes, DepthwiseConv2D and SeparableConv2D.
 *
 * Weights per filter are k_h×k_w×(C_in/groups); one bias per output channel. Keras stores the
 * kernel as (k_h, k_w, C_in/g, C_out) and PyTorch as (C_out, C_in/g, k_h, k_w): the same count,
 * so each tensor is shown in the layout of the framework being followed.
 */
import { fail } from '../errors.js';
import { lit, product, productOf, quotient, sum, type Expr } from '../expr.js';
import type { Dim, Framework, MacsFormula, ParamTensor, Shape } from '../types.js';
import { printTuple } from '../args.js';
import { formatInt } from '../format.js';
import { expectRank, macsOver, prod, resolveFeatures, spatial, tensor, volume } from './common.js';
import { convLength, lengthWorking, transposeLength, type AxisConv } from './geometry.js';
import { defineKind, mistake, type Args, type Kind, type MistakeDef, type MistakeInput, type Padding, type Resolved, type Wrong } from './kind.js';
import { lengthMistakes } from './length-mistakes.js';
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

/**
 * Whether any of `values` is not 1, by a loop: `some` on the frozen default tuples every layer
 * shares (uniformTuple) is not inlined, about 100 ns a call, and every convolution printed and
 * evaluated asked it of its stride and dilation.
 */
function notAllOnes(values: readonly number[]): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== 1) return true;
  return false;
}

/** The geometry's options after `out`, spaced: appended one by one (see spaced). */
function withGeometry(out: string, g: Geometry): string {
  let text = spaced(out, notAllOnes(g.stride) && `stride=${printTuple(g.stride)}`);
  text = spaced(text, g.padding.mode === 'same' && 'pad=same');
  text = spaced(text, g.padding.mode === 'explicit' && `pad=${printTuple(g.padding.amounts)}`);
  return spaced(text, notAllOnes(g.dilation) && `dilation=${printTuple(g.dilation)}`);
}

function printGeometry(g: Geometry): string {
  return withGeometry('', g);
}

/**
 * `out` and `part`, spaced; a part left out is false or empty. A convolution is printed part by
 * part: the list of its nine parts a variadic join took was a fifth of a printed layer's garbage.
 */
function spaced(out: string, part: string | false): string {
  if (part === false || part === '') return out;
  return out === '' ? part : `${out} ${part}`;
}

/** The parts given, spaced (see spaced). */
function join(...parts: Array<string | false>): string {
  let out = '';
  for (const p of parts) out = spaced(out, p);
  return out;
}

/** PyTorch refuses padding='same' with a stride (RuntimeError in F.conv2d); Keras pads as needed. */
const refusedByTorch = (g: Geometry): boolean => g.padding.mode === 'same' && notAllOnes(g.stride);

function checkSamePadding(g: Geometry, framework: Framework, kind: string): void {
  if (framework === 'pytorch' && refusedByTorch(g)) fail('err.samePaddingStride', { kind });
}

const axisOf = (g: Geometry, axis: number): AxisConv => ({ kernel: g.kernel[axis]!, stride: g.stride[axis]!, dilation: g.dilation[axis]!, padding: g.padding, axis });

/** Each spatial axis's output length, in one array made at its size (a slice mapped was two, and a closure). */
function outputSpatial(input: Shape, g: Geometry, kind: string): Dim[] {
  const out = new Array<Dim>(Math.max(input.length - 1, 0));
  for (let axis = 0; axis < out.length; axis++) out[axis] = convLength(input[axis]!, axisOf(g, axis), kind);
  return out;
}

/** The output: each spatial axis's length, then `channels`, in the one array the record keeps (the spatial axes made apart were another a layer). */
function convOutput(input: Shape, g: Geometry, kind: string, channels: number): Dim[] {
  const out = new Array<Dim>(input.length);
  const last = input.length - 1;
  for (let axis = 0; axis < last; axis++) out[axis] = convLength(input[axis]!, axisOf(g, axis), kind);
  out[last] = channels;
  return out;
}

/** Refuses a side the windows leave rows of (see ConvConfig.exact): (L + 2p − k) must be a multiple of the stride. */
function checkExact(input: Shape, g: Geometry, kind: string): void {
  spatial(input).forEach((len, axis) => {
    if (len === null || g.padding.mode === 'same') return;
    const pad = g.padding.mode === 'explicit' ? g.padding.amounts[axis]! : 0;
    const k = g.dilation[axis]! * (g.kernel[axis]! - 1) + 1;
    const left = (len + 2 * pad - k) % g.stride[axis]!;
    if (left !== 0) fail('err.convNotExact', { kind, size: String(len), kernel: String(k), stride: String(g.stride[axis]), left: String(left) });
  });
}

/** `H_out = W_out = ⌊(112 + 2·1 − 3)/2⌋ + 1 = 56` for a convolution's input and output. */
const shapeWorking = (input: Shape, out: readonly Dim[], g: Geometry) => (): string[] => lengthWorking(spatial(input), out, (i) => axisOf(g, i));

/** H_out×W_out, the positions a kernel visits, as factors of a MACs formula. */
const positionTerms = (out: readonly Dim[], rank: Rank): Expr[] | null => (out.every((d): d is number => d !== null) ? out.map((d, i) => lit(d, `${['D', 'H', 'W'].slice(3 - rank)[i]}_out`)) : null);

/** k_h×k_w as factors of a formula, in a list with room for `more` after them. */
function kernelTerms(kernel: readonly number[], rank: Rank, more = 0): Expr[] {
  const terms = new Array<Expr>(kernel.length + more);
  for (let i = 0; i < kernel.length; i++) terms[i] = lit(kernel[i]!, KERNEL_SYMBOLS[rank][i]!);
  return terms;
}

/** C_in, or C_in/g when grouped, as it appears inside one filter. */
const perGroup = (channels: number, groups: number, symbol = 'C_in'): Expr => (groups === 1 ? lit(channels, symbol) : quotient(lit(channels, symbol), lit(groups, 'g')));

/** (k_h×k_w×C_in/g + 1)×C_out, or without the + 1 when there is no bias. */
function filterFormula(kernel: readonly number[], rank: Rank, cin: number, groups: number, cout: number, bias: boolean): Expr {
  const factors = kernelTerms(kernel, rank, 1);
  factors[kernel.length] = perGroup(cin, groups);
  const perFilter = productOf(factors);
  return bias ? product(sum(perFilter, lit(1)), lit(cout, 'C_out')) : product(perFilter, lit(cout, 'C_out'));
}

/**
 * A filter bank's shape in the framework's layout: Keras (k_h, k_w, C_in/g, C_out), PyTorch
 * (C_out, C_in/g, k_h, k_w). Written out per rank as array literals, made at their size (a spread grows the array as it goes).
 */
function kernelLayout(framework: Framework, k: readonly number[], perGroupIn: number, cout: number): number[] {
  const keras = framework === 'keras';
  switch (k.length) {
    case 1:
      return keras ? [k[0]!, perGroupIn, cout] : [cout, perGroupIn, k[0]!];
    case 2:
      return keras ? [k[0]!, k[1]!, perGroupIn, cout] : [cout, perGroupIn, k[0]!, k[1]!];
    default:
      return keras ? [...k, perGroupIn, cout] : [cout, perGroupIn, ...k];
  }
}

/** A convolution's kernel (in the framework's layout) and, with a bias, one bias per output channel. */
function filterTensors(framework: Framework, weightShape: readonly number[], cout: number, bias: boolean): ParamTensor[] {
  const weight = tensor(framework === 'keras' ? 'kernel' : 'weight', weightShape, 'weight');
  return bias ? [weight, tensor('bias', [cout], 'bias')] : [weight];
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
  /**
   * `exact=true`: the model refuses an input the windows do not tile exactly, where a convolution
   * alone would drop the last rows. ViT's patch projection is such a convolution: torchvision's
   * VisionTransformer refuses an image side that is not a multiple of its patch size.
   */
  readonly exact: boolean;
}

function parseConv(a: Args, rank: Rank): ConvConfig {
  const cin = a.inferableSize('CIN');
  const cout = a.size('COUT');
  // Taken apart, not spread: the geometry's own object is then never made (a model parses thousands of convolutions).
  const { kernel, stride, dilation, padding } = parseGeometry(a, rank);
  return { cin, cout, kernel, stride, dilation, padding, groups: a.optSize('groups', 1), bias: a.flag('bias', true), exact: a.flag('exact', false) };
}

function printConv(name: string, c: ConvConfig, extra = ''): string {
  const head = c.cin === undefined ? `${name} ${c.cout} ${printTuple(c.kernel)}` : `${name} ${c.cin} ${c.cout} ${printTuple(c.kernel)}`;
  let text = spaced(withGeometry(head, c), c.groups !== 1 && `groups=${c.groups}`);
  text = spaced(text, !c.bias && 'bias=false');
  text = spaced(text, c.exact && 'exact=true');
  return spaced(text, extra);
}

const CONV_NAMES: Record<Rank, string> = { 1: 'conv1d', 2: 'conv', 3: 'conv3d' };
const CONV_TYPES: Record<Framework, Record<Rank, string>> = { keras: { 1: 'Conv1D', 2: 'Conv2D', 3: 'Conv3D' }, pytorch: { 1: 'Conv1d', 2: 'Conv2d', 3: 'Conv3d' } };

type ResolvedConv = ConvConfig & { readonly cin: number };

/** The kernel's symbols for its rank: `k`, `k×k`, `k×k×k`. */
const windowOf = (kernel: readonly number[]): string => kernel.map(() => 'k').join('×');

/** The kernel as a student reads it: `3×3`, `1×7`, `5`. */
const kernelText = (kernel: readonly number[]): string => kernel.join('×');

/** (K·C_in/g + b)·C_out with any factor changed: what each convolution mistake counts. */
function convCount(c: ResolvedConv, o: { kernel?: bigint; perFilter?: bigint; cout?: bigint; biases?: bigint } = {}): bigint {
  const kernel = o.kernel ?? prod(c.kernel);
  const cout = o.cout ?? BigInt(c.cout);
  const perFilter = o.perFilter ?? BigInt(c.cin / c.groups);
  return kernel * perFilter * cout + (o.biases ?? (c.bias ? BigInt(c.cout) : 0n));
}

const weightsOf = (c: ResolvedConv) => convCount(c, { biases: 0n });
const positionsOf = (m: MistakeInput<unknown>) => volume(m.output.slice(0, -1));

/** MACs with one factor of the per-position work changed, when the output size is known. */
function convMacs(m: MistakeInput<ResolvedConv>, o: { kernel?: bigint; perFilter?: bigint }): bigint | undefined {
  const positions = positionsOf(m);
  return positions === null ? undefined : positions * convCount(m.config, { ...o, biases: 0n });
}

/** The output's H_out×W_out taken for the kernel's k×k: `count` is the layer's count with another kernel size. */
function usedOutputSize<R extends Geometry>(count: (c: R, kernel: bigint, bias: boolean) => bigint): MistakeDef<R> {
  return mistake<R>(
    'usedOutputSize',
    'kernel',
    (m) => {
      const positions = positionsOf(m);
      if (positions === null || positions === prod(m.config.kernel)) return undefined;
      return { params: count(m.config, positions, true), ...opt('macs', m.macs === null ? undefined : positions * count(m.config, positions, false)) };
    },
    () => msg('why.usedOutputSize'),
  );
}

/** What students get wrong about a convolution's weights, biases, MACs and output size. */
const CONV_MISTAKES: readonly MistakeDef<ResolvedConv>[] = [
  mistake(
    'forgotBias',
    'bias',
    ({ config: c }) => (c.bias ? weightsOf(c) : undefined),
    ({ config: c }) => msg('why.forgotBias', { n: formatInt(c.cout) }),
  ),
  mistake(
    'oneBias',
    'bias',
    ({ config: c }) => (c.bias && c.cout > 1 ? weightsOf(c) + 1n : undefined),
    ({ config: c }) => msg('why.oneBias', { n: formatInt(c.cout) }),
  ),
  mistake(
    'biasPerInput',
    'bias',
    ({ config: c }) => (c.bias ? weightsOf(c) + BigInt(c.cin) : undefined),
    ({ config: c }) => msg('why.biasPerInput', { in: formatInt(c.cin), out: formatInt(c.cout) }),
  ),
  mistake(
    'biasPerWeight',
    'bias',
    ({ config: c }) => (c.bias ? 2n * weightsOf(c) : undefined),
    ({ config: c }) => msg('why.biasPerWeight', { n: formatInt(c.cout) }),
  ),
  mistake(
    'addedBias',
    'bias',
    ({ config: c }) => (c.bias ? undefined : weightsOf(c) + BigInt(c.cout)),
    ({ config: c }) => msg('why.addedBias', { n: formatInt(c.cout) }),
  ),
  mistake(
    'forgotInputChannels',
    'channels',
    (m) => (m.config.cin / m.config.groups > 1 ? { params: convCount(m.config, { perFilter: 1n }), ...opt('macs', convMacs(m, { perFilter: 1n })) } : undefined),
    ({ config: c }) => msg('why.forgotInputChannels', { cin: formatInt(c.cin), window: windowOf(c.kernel) }),
  ),
  mistake(
    'ignoredGroups',
    'channels',
    (m) => (m.config.groups > 1 ? { params: convCount(m.config, { perFilter: BigInt(m.config.cin) }), ...opt('macs', convMacs(m, { perFilter: BigInt(m.config.cin) })) } : undefined),
    ({ config: c }) => msg('why.ignoredGroups', { g: String(c.groups) }),
  ),
  mistake(
    'dividedTwice',
    'channels',
    ({ config: c }) => (c.groups > 1 ? convCount(c, { cout: BigInt(c.cout / c.groups), biases: c.bias ? BigInt(c.cout / c.groups) : 0n }) : undefined),
    ({ config: c }) => msg('why.dividedTwice', { g: String(c.groups) }),
  ),
  mistake(
    'forgotKernel',
    'kernel',
    (m) => (prod(m.config.kernel) > 1n ? { params: convCount(m.config, { kernel: 1n }), ...opt('macs', convMacs(m, { kernel: 1n })) } : undefined),
    ({ config: c }) => msg('why.forgotKernel', { k: kernelText(c.kernel), window: windowOf(c.kernel) }),
  ),
  mistake(
    'kernelNotSquared',
    'kernel',
    (m) => {
      const [k, ...rest] = m.config.kernel;
      if (k === undefined || k < 2 || rest.length === 0 || rest.some((r) => r !== k)) return undefined;
      return { params: convCount(m.config, { kernel: BigInt(k) }), ...opt('macs', convMacs(m, { kernel: BigInt(k) })) };
    },
    ({ config: c }) => msg('why.kernelNotSquared', { k: String(c.kernel[0]) }),
  ),
  mistake(
    'squaredLongSide',
    'kernel',
    ({ config: c }) => {
      const big = Math.max(...c.kernel);
      return c.kernel.some((k) => k !== big) ? convCount(c, { kernel: BigInt(big) ** BigInt(c.kernel.length) }) : undefined;
    },
    ({ config: c }) => msg('why.squaredLongSide', { k: String(Math.max(...c.kernel)), kernel: kernelText(c.kernel) }),
  ),
  usedOutputSize<ResolvedConv>((c, kernel, bias) => convCount(c, { kernel, ...(!bias && { biases: 0n }) })),
  mistake(
    'dilatedKernel',
    'kernel',
    ({ config: c }) => (c.dilation.some((d) => d > 1) ? convCount(c, { kernel: c.kernel.reduce((a, k, i) => a * BigInt(c.dilation[i]! * (k - 1) + 1), 1n) }) : undefined),
    ({ config: c }) => msg('why.dilatedKernel', { d: String(Math.max(...c.dilation)) }),
  ),
  mistake(
    'dividedByStride',
    'shape',
    ({ config: c, counts }) => {
      const s = prod(c.stride);
      return s > 1n && counts.total % s === 0n ? counts.total / s : undefined;
    },
    () => msg('why.dividedByStride'),
  ),
  mistake(
    'macsPerPosition',
    'operations',
    (m) => (m.macs !== null && positionsOf(m) !== 1n ? { macs: weightsOf(m.config) } : undefined),
    () => msg('why.perPositionOnly'),
  ),
  mistake(
    'macsWithBias',
    'operations',
    (m) => {
      const positions = positionsOf(m);
      return m.macs !== null && positions !== null && m.config.bias ? { macs: m.macs + positions * BigInt(m.config.cout) } : undefined;
    },
    () => msg('why.countedBias'),
  ),
  mistake(
    'macsInputSize',
    'operations',
    (m) => {
      const inPositions = volume(m.input.slice(0, -1));
      return m.macs !== null && inPositions !== null && inPositions !== positionsOf(m) ? { macs: inPositions * weightsOf(m.config) } : undefined;
    },
    () => msg('why.usedInputSize'),
  ),
  ...lengthMistakes<ResolvedConv>(
    ['forgotPlusOne', 'ignoredStride', 'ceilNotFloor', 'assumedSame', 'assumedValid', 'padOneSide', 'forgotPadding', 'forgotDilation', 'forgotKernelSize', 'strideOnly', 'strideBeforeKernel'],
    axisOf,
  ),
];

/** `{ key: value }` when the value is known, nothing otherwise: for optional parts of a Wrong. */
function opt<K extends string>(key: K, value: bigint | undefined): { [P in K]?: bigint } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: bigint };
}

/**
 * H_out×W_out × k_h×k_w×C_in/g×C_out over the output (`output`: its spatial axes, then C_out), exactly;
 * null when a size is unknown. Multiplied as numbers while the product stays a safe integer (then
 * every step was exact), made a bigint once.
 */
function filterMacs(output: readonly Dim[], kernel: readonly number[], perGroupIn: number, cout: number): bigint | null {
  let n = perGroupIn * cout;
  for (const k of kernel) n *= k;
  for (let axis = 0; axis < output.length - 1; axis++) {
    const d = output[axis]!;
    if (d === null) return null;
    n *= d;
  }
  return Number.isSafeInteger(n) ? BigInt(n) : macsOver(output.slice(0, -1), prod(kernel) * BigInt(perGroupIn) * BigInt(cout));
}

/** A convolution's worked formulas, one function each for all its records, from the record's config and input. */
function convWorking(name: string, rank: Rank) {
  return {
    formula(this: Resolved<ResolvedConv>): Expr {
      const c = this.resolved;
      return filterFormula(c.kernel, rank, c.cin, c.groups, c.cout, c.bias);
    },
    macsFormula(this: Resolved<ResolvedConv>): MacsFormula | null {
      const c = this.resolved;
      return positionsTimes(outputSpatial(this.input, c, name), rank, [...kernelTerms(c.kernel, rank), perGroup(c.cin, c.groups), lit(c.cout, 'C_out')]);
    },
    shapeWorking(this: Resolved<ResolvedConv>): string[] {
      const c = this.resolved;
      return lengthWorking(spatial(this.input), outputSpatial(this.input, c, name), (i) => axisOf(c, i));
    },
  };
}

function convKind(rank: Rank): Kind {
  const name = CONV_NAMES[rank];
  const worked = convWorking(name, rank);
  return defineKind<ConvConfig, ResolvedConv>({
    name,
    aliases: rank === 2 ? ['conv2d', '卷積', '卷積層', '卷积'] : [],
    family: 'conv',
    summary: msg('kind.conv', { rank: String(rank) }),
    mistake: msg('mistake.conv'),
    args: [{ name: 'CIN', inferable: true }, { name: 'COUT' }, { name: 'K' }],
    options: ['bias', ...GEOMETRY_OPTIONS, 'groups', 'exact'],
    example: { 1: 'conv1d 16 32 5', 2: 'conv 3 64 3', 3: 'conv3d 3 64 3' }[rank],
    input: { rank: rank + 1, form: SPATIAL_FORM[rank], features: (c) => c.cin },
    parse: (a) => parseConv(a, rank),
    print: (c) => printConv(name, c),
    evaluate(c, input, framework) {
      expectRank(input, rank + 1, name, INPUT_FORM[rank]);
      checkSamePadding(c, framework, name);
      const cin = resolveFeatures(c.cin, input, name, 'CIN');
      checkGroups(name, cin, c.cout, c.groups);
      if (c.exact) checkExact(input, c, name);
      const outputShape = convOutput(input, c, name, c.cout);
      const perGroupIn = cin / c.groups;
      return {
        resolved: c.cin === cin ? (c as ResolvedConv) : { ...c, cin },
        typeName: CONV_TYPES[framework][rank],
        tensors: filterTensors(framework, kernelLayout(framework, c.kernel, perGroupIn, c.cout), c.cout, c.bias),
        outputShape,
        macs: filterMacs(outputShape, c.kernel, perGroupIn, c.cout),
        conventionSensitive: false,
        formula: worked.formula,
        macsFormula: worked.macsFormula,
        shapeWorking: worked.shapeWorking,
      };
    },
    mistakes: CONV_MISTAKES,
    // The framework names the tensors and lays out the kernel; it changes nothing else but a refusal.
    neutral: (c) => !refusedByTorch(c),
  });
}

/** positions × per-position work, or null when the positions are unknown. */
function positionsTimes(out: readonly Dim[], rank: Rank, perPosition: readonly Expr[]): MacsFormula | null {
  const positions = positionTerms(out, rank);
  return positions === null ? null : { positions: product(...positions), perPosition: product(...perPosition) };
}

/** positions × per-position work, worked out when asked (few records are). */
const macsFormula = (out: readonly Dim[], rank: Rank, perPosition: () => Expr[]) => (): MacsFormula | null => positionsTimes(out, rank, perPosition());

interface DeconvConfig extends ConvConfig {
  readonly outputPadding: readonly number[] | undefined;
}

const DECONV_NAMES: Record<Rank, string> = { 1: 'deconv1d', 2: 'deconv', 3: 'deconv3d' };

/** A transposed convolution has a convolution's weights: its counting mistakes are the same (its MACs and sizes are not). */
const DECONV_COUNT_MISTAKES = new Set(['forgotBias', 'oneBias', 'biasPerInput', 'biasPerWeight', 'addedBias', 'ignoredGroups', 'squaredLongSide']);
const DECONV_MISTAKES = CONV_MISTAKES.filter((m) => DECONV_COUNT_MISTAKES.has(m.id));

function deconvKind(rank: Rank): Kind {
  const name = DECONV_NAMES[rank];
  return defineKind<DeconvConfig, DeconvConfig & { readonly cin: number }>({
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
        transposeLength(len, { kernel: c.kernel[axis]!, stride: c.stride[axis]!, dilation: c.dilation[axis]!, padding: c.padding, axis }, c.outputPadding?.[axis], framework),
      );
      const perGroupOut = c.cout / c.groups;
      const weightShape = framework === 'keras' ? [...c.kernel, c.cout, cin] : [cin, perGroupOut, ...c.kernel];
      return {
        resolved: { ...c, cin },
        typeName: framework === 'keras' ? `Conv${rank}DTranspose` : `ConvTranspose${rank}d`,
        tensors: filterTensors(framework, weightShape, c.cout, c.bias),
        formula: () => filterFormula(c.kernel, rank, cin, c.groups, c.cout, c.bias),
        outputShape: [...out, c.cout],
        // A transposed convolution scatters every input element through its kernel (fvcore).
        macs: macsOver(inSpatial, prod(c.kernel) * BigInt(cin) * BigInt(perGroupOut)),
        conventionSensitive: false,
      };
    },
    mistakes: DECONV_MISTAKES,
  });
}

interface DepthwiseConfig extends Geometry {
  readonly channels: number | undefined;
  readonly multiplier: number;
  readonly bias: boolean;
}

/** `×M` only when the depth multiplier is not 1, so the common case reads as the lecture writes it. */
const times = (multiplier: number): Expr[] => (multiplier === 1 ? [] : [lit(multiplier, 'M')]);

type ResolvedDepthwise = DepthwiseConfig & { readonly channels: number };

/** (K + b)×C×M with any factor changed: what each depthwise mistake counts. */
function depthwiseCount(c: ResolvedDepthwise, o: { kernel?: bigint; perFilter?: bigint; multiplier?: bigint; bias?: boolean } = {}): bigint {
  const filters = BigInt(c.channels) * (o.multiplier ?? BigInt(c.multiplier));
  return ((o.kernel ?? prod(c.kernel)) * (o.perFilter ?? 1n) + ((o.bias ?? c.bias) ? 1n : 0n)) * filters;
}

/** A depthwise layer counted with another kernel size: its parameters, and its MACs when the output is known. */
function depthwiseWith(m: MistakeInput<ResolvedDepthwise>, kernel: bigint): Wrong {
  const positions = positionsOf(m);
  return { params: depthwiseCount(m.config, { kernel }), ...opt('macs', m.macs === null || positions === null ? undefined : positions * depthwiseCount(m.config, { kernel, bias: false })) };
}

const DEPTHWISE_MISTAKES: readonly MistakeDef<ResolvedDepthwise>[] = [
  mistake(
    'depthwiseAsStandard',
    'structure',
    (m) => ({
      params: depthwiseCount(m.config, { perFilter: BigInt(m.config.channels) }),
      ...opt('macs', m.macs === null ? undefined : m.macs * BigInt(m.config.channels)),
    }),
    () => msg('why.depthwiseAsStandard'),
  ),
  mistake(
    'forgotBias',
    'bias',
    ({ config: c }) => (c.bias ? depthwiseCount(c, { bias: false }) : undefined),
    ({ config: c }) => msg('why.forgotBias', { n: formatInt(c.channels * c.multiplier) }),
  ),
  mistake(
    'addedBias',
    'bias',
    ({ config: c }) => (c.bias ? undefined : depthwiseCount(c, { bias: true })),
    ({ config: c }) => msg('why.addedBias', { n: formatInt(c.channels * c.multiplier) }),
  ),
  mistake(
    'biasPerWeight',
    'bias',
    ({ config: c }) => (c.bias ? 2n * depthwiseCount(c, { bias: false }) : undefined),
    ({ config: c }) => msg('why.biasPerWeight', { n: formatInt(c.channels * c.multiplier) }),
  ),
  usedOutputSize<ResolvedDepthwise>((c, kernel, bias) => depthwiseCount(c, { kernel, ...(!bias && { bias: false }) })),
  mistake(
    'forgotKernel',
    'kernel',
    (m) => (prod(m.config.kernel) > 1n ? depthwiseWith(m, 1n) : undefined),
    ({ config: c }) => msg('why.forgotKernelDepthwise', { k: kernelText(c.kernel) }),
  ),
  mistake(
    'kernelNotSquared',
    'kernel',
    (m) => (m.config.kernel[0] === m.config.kernel[1] && m.config.kernel[0]! > 1 ? depthwiseWith(m, BigInt(m.config.kernel[0]!)) : undefined),
    ({ config: c }) => msg('why.kernelNotSquared', { k: String(c.kernel[0]) }),
  ),
  mistake(
    'forgotMultiplier',
    'channels',
    ({ config: c }) => (c.multiplier > 1 ? depthwiseCount(c, { multiplier: 1n }) : undefined),
    ({ config: c }) => msg('why.forgotMultiplier', { m: String(c.multiplier) }),
  ),
  mistake(
    'macsPerPosition',
    'operations',
    (m) => (m.macs !== null ? { macs: depthwiseCount(m.config, { bias: false }) } : undefined),
    () => msg('why.perPositionOnly'),
  ),
  mistake(
    'macsInputSize',
    'operations',
    (m) => {
      const inPositions = volume(m.input.slice(0, -1));
      return m.macs !== null && inPositions !== null && inPositions !== positionsOf(m) ? { macs: inPositions * depthwiseCount(m.config, { bias: false }) } : undefined;
    },
    () => msg('why.usedInputSize'),
  ),
  ...lengthMistakes<ResolvedDepthwise>(['forgotPlusOne', 'ignoredStride', 'assumedSame', 'assumedValid'], axisOf),
];

export const dwconv = defineKind<DepthwiseConfig, ResolvedDepthwise>({
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
  print: (c) => join('dwconv', c.channels === undefined ? '' : String(c.channels), printTuple(c.kernel), c.multiplier !== 1 && `mult=${c.multiplier}`, printGeometry(c), !c.bias && 'bias=false'),
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
      tensors: [tensor(framework === 'keras' ? 'depthwise_kernel' : 'weight', weightShape, 'weight'), ...(c.bias ? [tensor('bias', [cout], 'bias')] : [])],
      formula: () => (c.bias ? product(sum(product(...kernel), lit(1)), c_, ...times(c.multiplier)) : product(...kernel, c_, ...times(c.multiplier))),
      outputShape: [...out, cout],
      macs: macsOver(out, prod(c.kernel) * BigInt(cout)),
      macsFormula: macsFormula(out, 2, () => [...kernel, c_, ...times(c.multiplier)]),
      shapeWorking: shapeWorking(input, out, c),
      conventionSensitive: false,
      notes: framework === 'pytorch' ? [msg('note.depthwiseTorch', { c: String(channels), cout: String(cout) })] : [],
    };
  },
  mistakes: DEPTHWISE_MISTAKES,
});

interface SeparableConfig extends Geometry {
  readonly cin: number | undefined;
  readonly cout: number;
  readonly multiplier: number;
  readonly bias: boolean;
}

type ResolvedSeparable = SeparableConfig & { readonly cin: number };

/** Depthwise K×C_in×M, pointwise C_in×M×C_out, one bias per output channel: each part can be changed. */
function separableCount(c: ResolvedSeparable, o: { depthwise?: bigint; pointwise?: bigint; biases?: bigint } = {}): bigint {
  const mid = BigInt(c.cin * c.multiplier);
  return (o.depthwise ?? prod(c.kernel) * mid) + (o.pointwise ?? mid * BigInt(c.cout)) + (o.biases ?? (c.bias ? BigInt(c.cout) : 0n));
}

const SEPARABLE_MISTAKES: readonly MistakeDef<ResolvedSeparable>[] = [
  mistake(
    'forgotPointwise',
    'structure',
    (m) => ({
      params: separableCount(m.config, { pointwise: 0n }),
      ...opt('macs', m.macs === null ? undefined : (positionsOf(m) ?? 0n) * prod(m.config.kernel) * BigInt(m.config.cin * m.config.multiplier)),
    }),
    ({ config: c }) => msg('why.forgotPointwise', { cin: formatInt(c.cin * c.multiplier), cout: formatInt(c.cout) }),
  ),
  mistake(
    'forgotPointwiseBias',
    'bias',
    ({ config: c }) => (c.bias ? separableCount(c, { pointwise: 0n, biases: 0n }) : undefined),
    ({ config: c }) => msg('why.forgotPointwise', { cin: formatInt(c.cin * c.multiplier), cout: formatInt(c.cout) }),
  ),
  mistake(
    'forgotBias',
    'bias',
    ({ config: c }) => (c.bias ? separableCount(c, { biases: 0n }) : undefined),
    ({ config: c }) => msg('why.forgotBias', { n: formatInt(c.cout) }),
  ),
  mistake(
    'depthwiseBias',
    'bias',
    ({ config: c }) => (c.bias ? separableCount(c) + BigInt(c.cin * c.multiplier) : undefined),
    ({ config: c }) => msg('why.separableOneBias', { n: formatInt(c.cout) }),
  ),
  mistake(
    'forgotDepthwise',
    'structure',
    ({ config: c }) => separableCount(c, { depthwise: 0n }),
    ({ config: c }) => msg('why.forgotDepthwise', { k: kernelText(c.kernel), cin: formatInt(c.cin) }),
  ),
  mistake(
    'separableAsStandard',
    'structure',
    (m) => ({
      params: prod(m.config.kernel) * BigInt(m.config.cin) * BigInt(m.config.cout) + (m.config.bias ? BigInt(m.config.cout) : 0n),
      ...opt('macs', m.macs === null ? undefined : (positionsOf(m) ?? 0n) * prod(m.config.kernel) * BigInt(m.config.cin) * BigInt(m.config.cout)),
    }),
    () => msg('why.separableAsStandard'),
  ),
  mistake(
    'depthwiseAsStandard',
    'structure',
    (m) => {
      const depthwise = prod(m.config.kernel) * BigInt(m.config.cin) * BigInt(m.config.cin * m.config.multiplier);
      const positions = positionsOf(m);
      return {
        params: separableCount(m.config, { depthwise }),
        ...opt('macs', m.macs === null || positions === null ? undefined : positions * separableCount(m.config, { depthwise, biases: 0n })),
      };
    },
    () => msg('why.depthwiseAsStandard'),
  ),
  mistake(
    'kernelNotSquared',
    'kernel',
    ({ config: c }) => (c.kernel[0] === c.kernel[1] && c.kernel[0]! > 1 ? separableCount(c, { depthwise: BigInt(c.kernel[0]! * c.cin * c.multiplier) }) : undefined),
    ({ config: c }) => msg('why.kernelNotSquared', { k: String(c.kernel[0]) }),
  ),
  mistake(
    'forgotMultiplier',
    'channels',
    ({ config: c }) => (c.multiplier > 1 ? separableCount({ ...c, multiplier: 1 }) : undefined),
    ({ config: c }) => msg('why.forgotMultiplier', { m: String(c.multiplier) }),
  ),
  mistake(
    'macsPerPosition',
    'operations',
    (m) => (m.macs !== null ? { macs: separableCount(m.config, { biases: 0n }) } : undefined),
    () => msg('why.perPositionOnly'),
  ),
  ...lengthMistakes<ResolvedSeparable>(['forgotPlusOne', 'ignoredStride', 'assumedSame'], axisOf),
];

export const sepconv = defineKind<SeparableConfig, ResolvedSeparable>({
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
      formula: () => sum(product(...kernel, ...cinM), product(...cinM, lit(c.cout, 'C_out')), ...(c.bias ? [lit(c.cout, 'C_out')] : [])),
      outputShape: [...out, c.cout],
      macs: macsOver(out, prod(c.kernel) * BigInt(mid) + BigInt(mid) * BigInt(c.cout)),
      macsFormula: macsFormula(out, 2, () => [sum(product(...kernel, ...cinM), product(...cinM, lit(c.cout, 'C_out')))]),
      shapeWorking: shapeWorking(input, out, c),
      conventionSensitive: false,
      notes: [msg('note.separableSaving', { standard: formatInt(standard), ratio: ratio(standard, separable) })].concat(framework === 'pytorch' ? [msg('note.separableTorch')] : []),
    };
  },
  mistakes: SEPARABLE_MISTAKES,
});

/** "7.9" for 1,792 / 227; one decimal, exact rounding. */
function ratio(a: bigint, b: bigint): string {
  const tenths = (a * 10n + b / 2n) / b;
  return `${tenths / 10n}.${tenths % 10n}`;
}

export const convKinds: readonly Kind[] = [convKind(1), convKind(2), convKind(3), deconvKind(1), deconvKind(2), deconvKind(3), dwconv, sepconv];
