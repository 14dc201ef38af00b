/**
 * The parts of the vision transformers and modern convolutional nets that no other kind covers:
 *
 * - `windowattn`: self-attention inside M×M windows of an H×W×C map (Swin; MaxViT's block and grid
 *   attention). The Q/K/V and output projections are shared by every window; what is new is the
 *   relative position bias: Swin V1 and MaxViT learn a table of (2M−1)² offsets × h heads, Swin V2
 *   computes it with a small MLP (2 → 512 → h, the continuous position bias) and learns a logit
 *   scale per head. The index tables that pick a bias for each pair of positions are buffers.
 * - `layerscale`: a learned γ per channel that scales a block's output before the residual sum
 *   (CaiT, ConvNeXt: C parameters).
 * - `spacetodepth`: B×B neighbours stacked on the channel axis (H×W×C → H/B×W/B×B²C), the first
 *   step of Swin's patch merging; no parameters, but the next layer sees B²C channels.
 *
 * Each counts alike under Keras and PyTorch conventions; tensors are shown in the framework's
 * layout, named as torchvision names them.
 */
import { fail } from '../errors.js';
import { constant, type Expr, lit, noWeights, product, sum } from '../expr.js';
import { formatInt, formatShape } from '../format.js';
import { LIMITS } from '../limits.js';
import { MAX_SIZE } from '../args.js';
import type { Dim, LinearModule } from '../types.js';
import { msg } from '../../i18n/messages.js';
import { expectRank, macsOver, resolveFeatures, tensor, volume } from './common.js';
import { defineKind, mistake, type Args, type Kind, type MistakeDef } from './kind.js';
import { linear, linearTensors, parseNames, printed, printNames } from './transformer.js';

/** `window=7` or `window=7x8`: the window's height and width, at most LIMITS.window each. */
function parseWindow(a: Args): readonly [number, number] {
  const [h, w] = a.optTuple('window', 2, 7);
  for (const side of [h!, w!]) {
    if (side > LIMITS.window) fail('err.tooLarge', { token: `window=${a.text('window')}`, what: 'window', max: formatInt(LIMITS.window) });
  }
  return [h!, w!];
}

/** A side padded up to a multiple of `block` (`ceil`), or refused when it is not one. */
function tiled(side: Dim, block: number, ceil: boolean, kind: string): Dim {
  if (side === null) return null;
  if (side % block === 0) return side;
  if (!ceil) fail('err.notTiled', { kind, size: String(side), block: String(block) });
  return Math.ceil(side / block) * block;
}

interface WindowConfig {
  readonly heads: number;
  readonly model: number | undefined;
  readonly window: readonly [number, number];
  /** Swin V2: the continuous position bias MLP and a logit scale per head instead of the table. */
  readonly v2: boolean;
  /** Hidden width of Swin V2's position-bias MLP (torchvision: 512). */
  readonly cpb: number;
  readonly qkvBias: boolean;
  readonly projBias: boolean;
  /** Pad H and W up to a multiple of the window (Swin) rather than refuse them (MaxViT). */
  readonly ceil: boolean;
  readonly names: readonly string[] | undefined;
}

type ResolvedWindow = WindowConfig & { readonly model: number };

/** Relative offsets a window's positions can have: (2M_h − 1)×(2M_w − 1). */
const offsets = (c: WindowConfig) => BigInt(2 * c.window[0] - 1) * BigInt(2 * c.window[1] - 1);
/** Positions in one window: M_h×M_w. */
const area = (c: WindowConfig) => BigInt(c.window[0]) * BigInt(c.window[1]);
/** What the position bias costs: the table, or V2's MLP (2 → cpb with bias, cpb → h without) and logit scale. */
const positionBias = (c: WindowConfig) => {
  const h = BigInt(c.heads);
  return c.v2 ? 3n * BigInt(c.cpb) + BigInt(c.cpb) * h + h : offsets(c) * h;
};

const WINDOW_MISTAKES: readonly MistakeDef<ResolvedWindow>[] = [
  mistake(
    'tableWindowArea',
    'structure',
    ({ config: c, counts }) => (c.v2 ? undefined : counts.total - offsets(c) * BigInt(c.heads) + area(c) * BigInt(c.heads)),
    ({ config: c }) => msg('why.tableWindowArea', { m: printWindow(c.window), h: String(c.heads) }),
  ),
  mistake(
    'countedIndexBuffer',
    'convention',
    ({ config: c, counts }) => counts.total + area(c) * area(c),
    ({ config: c }) => msg('why.countedIndexBuffer', { m: printWindow(c.window) }),
  ),
  mistake(
    'forgotPositionBias',
    'structure',
    ({ config: c, counts }) => counts.total - positionBias(c),
    ({ config: c }) => msg(c.v2 ? 'why.forgotCpb' : 'why.forgotPositionBias', { h: String(c.heads) }),
  ),
  mistake(
    'forgotLogitScale',
    'structure',
    ({ config: c, counts }) => (c.v2 ? counts.total - BigInt(c.heads) : undefined),
    ({ config: c }) => msg('why.forgotLogitScale', { h: String(c.heads) }),
  ),
  mistake(
    'perWindow',
    'shape',
    ({ config: c, input, counts }) => {
      const windows = windowCount(c, input[0] ?? null, input[1] ?? null);
      return windows === null || windows < 2n ? undefined : counts.total * windows;
    },
    () => msg('why.perWindow'),
  ),
];

const printWindow = (w: readonly [number, number]) => (w[0] === w[1] ? String(w[0]) : `${w[0]}x${w[1]}`);

/** Windows over the (padded) map, or null while its size is unknown. */
function windowCount(c: WindowConfig, height: Dim, width: Dim): bigint | null {
  const [h, w] = [tiled(height, c.window[0], true, 'windowattn'), tiled(width, c.window[1], true, 'windowattn')];
  return h === null || w === null ? null : BigInt(h / c.window[0]) * BigInt(w / c.window[1]);
}

const WINDOW_NAMES = ['qkv', 'proj'];

export const windowattn = defineKind<WindowConfig, ResolvedWindow>({
  name: 'windowattn',
  aliases: ['windowattention', 'swinattn'],
  family: 'attention',
  summary: msg('kind.windowattn'),
  mistake: msg('mistake.windowattn'),
  args: [{ name: 'HEADS' }, { name: 'D', inferable: true }],
  options: ['window', 'v2', 'cpb', 'bias', 'qkv_bias', 'proj_bias', 'ceil', 'names'],
  example: 'windowattn 3 96 window=7 in=56x56',
  input: { rank: 3, form: 'HxW', features: (c) => c.model },
  parse(a) {
    const bias = a.flag('bias', true);
    const v2 = a.flag('v2', false);
    if (a.has('cpb') && !v2) fail('err.cpbWithoutV2', { token: `cpb=${a.text('cpb')}` });
    return {
      heads: a.size('HEADS'),
      model: a.inferableSize('D'),
      window: parseWindow(a),
      v2,
      cpb: a.optSize('cpb', 512),
      qkvBias: a.optionalFlag('qkv_bias') ?? bias,
      projBias: a.optionalFlag('proj_bias') ?? bias,
      ceil: a.flag('ceil', false),
      names: parseNames(a, 'windowattn', 2),
    };
  },
  print: (c) =>
    printed(
      'windowattn',
      c.heads,
      c.model,
      `window=${printWindow(c.window)}`,
      c.v2 && 'v2=true',
      c.v2 && c.cpb !== 512 && `cpb=${c.cpb}`,
      ...(c.qkvBias === c.projBias ? [!c.qkvBias && 'bias=false'] : [`qkv_bias=${c.qkvBias}`, `proj_bias=${c.projBias}`]),
      c.ceil && 'ceil=true',
      ...printNames(c.names),
    ),
  evaluate(c, input, framework) {
    expectRank(input, 3, 'windowattn', 'H×W×C');
    const d = resolveFeatures(c.model, input, 'windowattn', 'D');
    const h = c.heads;
    if (d % h !== 0) fail('err.windowHeads', { d: String(d), heads: String(h) });
    const [mh, mw] = c.window;
    const [qkvName, projName] = c.names ?? WINDOW_NAMES;
    const keras = framework === 'keras';
    const sep = keras ? '/' : '.';
    const rows = (2 * mh - 1) * (2 * mw - 1);
    const tensors = [...linearTensors(qkvName!, d, 3 * d, c.qkvBias, framework), ...linearTensors(projName!, d, d, c.projBias, framework)];
    const linears: LinearModule[] = [linear(qkvName!, d, 3 * d, ['q', 'k', 'v']), linear(projName!, d, d, ['o'])];
    if (c.v2) {
      tensors.push(tensor('logit_scale', [h, 1, 1], 'weight'), ...linearTensors(`cpb_mlp${sep}0`, 2, c.cpb, true, framework), ...linearTensors(`cpb_mlp${sep}2`, c.cpb, h, false, framework));
      linears.push(linear(`cpb_mlp${sep}0`, 2, c.cpb), linear(`cpb_mlp${sep}2`, c.cpb, h));
    } else {
      tensors.push(tensor('relative_position_bias_table', [rows, h], 'weight'));
    }

    const [D, H] = [lit(d, 'D'), lit(h, 'h')];
    const withBias = (bias: boolean) => (bias ? sum(D, lit(1)) : D);
    const side = (m: number) => lit(2 * m - 1, mh === mw ? '(2M−1)' : m === mh ? '(2M_h−1)' : '(2M_w−1)');
    const cpb = lit(c.cpb, 'cpb');
    const bias: Expr[] = c.v2 ? [H, product(sum(constant(2), lit(1)), cpb), product(cpb, H)] : [product(side(mh), side(mw), H)];
    const formula = (): Expr => sum(product(constant(3), withBias(c.qkvBias), D), product(withBias(c.projBias), D), ...bias);

    const [height, width] = [tiled(input[0] ?? null, mh, c.ceil, 'windowattn'), tiled(input[1] ?? null, mw, c.ceil, 'windowattn')];
    const tokens = volume([height, width]);
    const scoreMacs = tokens === null ? null : 2n * tokens * area(c) * BigInt(d);
    const biasMacs = c.v2 ? BigInt(rows) * (2n * BigInt(c.cpb) + BigInt(c.cpb) * BigInt(h)) : 0n;
    const weightMacs = macsOver([height, width], 4n * BigInt(d) * BigInt(d));
    const notes = [
      msg('note.windowattn', { m: printWindow(c.window), tokens: formatInt(area(c)), heads: String(h) }),
      msg(c.v2 ? 'note.windowCpb' : 'note.windowTable', { rows: formatInt(rows), heads: String(h), cpb: formatInt(c.cpb), index: formatInt(area(c) * area(c)) }),
    ];
    return {
      resolved: { ...c, model: d },
      typeName: c.v2 ? 'ShiftedWindowAttentionV2' : 'ShiftedWindowAttention',
      tensors,
      formula,
      outputShape: input,
      macs: weightMacs === null || scoreMacs === null ? null : weightMacs + scoreMacs + biasMacs,
      conventionSensitive: false,
      notes,
      linears,
      attention: { heads: h, kvHeads: h, headDim: d / h, scoreMacs },
    };
  },
  mistakes: WINDOW_MISTAKES,
});

interface ScaleConfig {
  readonly channels: number | undefined;
}

type ResolvedScale = ScaleConfig & { readonly channels: number };

const SCALE_MISTAKES: readonly MistakeDef<ResolvedScale>[] = [
  mistake(
    'layerScaleConstant',
    'structure',
    () => 0n,
    ({ config: c }) => msg('why.layerScaleConstant', { c: formatInt(c.channels) }),
  ),
  mistake(
    'layerScaleScalar',
    'structure',
    ({ config: c }) => (c.channels > 1 ? 1n : undefined),
    ({ config: c }) => msg('why.layerScaleScalar', { c: formatInt(c.channels) }),
  ),
  mistake(
    'layerscalePerPosition',
    'shape',
    ({ config: c, input }) => {
      const elements = volume(input);
      return elements === null || elements === BigInt(c.channels) ? undefined : elements;
    },
    ({ config: c }) => msg('why.layerScalePerPosition', { c: formatInt(c.channels) }),
  ),
  mistake(
    'layerscaleWithShift',
    'structure',
    ({ config: c }) => 2n * BigInt(c.channels),
    () => msg('why.layerscaleNoShift'),
  ),
];

export const layerscale = defineKind<ScaleConfig, ResolvedScale>({
  name: 'layerscale',
  aliases: ['layer_scale'],
  family: 'transformer',
  summary: msg('kind.layerscale'),
  mistake: msg('mistake.layerscale'),
  args: [{ name: 'C', inferable: true }],
  options: [],
  example: 'layerscale 96 in=56x56',
  input: { rank: 'any', form: 'HxW', features: (c) => c.channels },
  parse: (a) => ({ channels: a.inferableSize('C') }),
  print: (c) => printed('layerscale', c.channels),
  evaluate(c, input) {
    const channels = resolveFeatures(c.channels, input, 'layerscale', 'C');
    return {
      resolved: { ...c, channels },
      typeName: 'LayerScale',
      tensors: [tensor('gamma', [channels], 'scale')],
      formula: () => lit(channels, 'C'),
      outputShape: input,
      macs: volume(input),
      conventionSensitive: false,
      notes: [msg('note.layerscale', { c: formatInt(channels) })],
    };
  },
  mistakes: SCALE_MISTAKES,
});

interface SpaceToDepthConfig {
  readonly block: number;
  readonly ceil: boolean;
}

export const spacetodepth = defineKind<SpaceToDepthConfig>({
  name: 'spacetodepth',
  aliases: ['pixelunshuffle', 'space_to_depth'],
  family: 'shape',
  summary: msg('kind.spacetodepth'),
  mistake: msg('mistake.spacetodepth'),
  args: [{ name: 'B' }],
  options: ['ceil'],
  example: 'spacetodepth 2 in=56x56x96',
  input: { rank: 3, form: 'HxW' },
  parse: (a) => ({ block: a.size('B'), ceil: a.flag('ceil', false) }),
  print: (c) => printed('spacetodepth', c.block, c.ceil && 'ceil=true'),
  evaluate(c, input) {
    expectRank(input, 3, 'spacetodepth', 'H×W×C');
    const b = c.block;
    const [height, width] = [tiled(input[0] ?? null, b, c.ceil, 'spacetodepth'), tiled(input[1] ?? null, b, c.ceil, 'spacetodepth')];
    const channels = input[2] ?? null;
    const stacked = channels === null ? null : BigInt(b) * BigInt(b) * BigInt(channels);
    if (stacked !== null && stacked > BigInt(MAX_SIZE)) fail('err.tooLargeShape', { shape: `${b}×${b}×${channels}` });
    const output = [height === null ? null : height / b, width === null ? null : width / b, stacked === null ? null : Number(stacked)];
    return {
      resolved: c,
      typeName: 'SpaceToDepth',
      tensors: [],
      formula: noWeights,
      outputShape: output,
      macs: 0n,
      conventionSensitive: false,
      shapeWorking: () => (output.every((d) => d !== null) ? [`${formatShape(input)} → ${formatShape(output)}`] : []),
    };
  },
  mistakes: [
    mistake(
      'keptChannels',
      'shape',
      ({ config: c, output, input }) => (output[2] === null || c.block === 1 ? undefined : { output: [output[0] ?? null, output[1] ?? null, input[2] ?? null] }),
      ({ config: c }) => msg('why.keptChannels', { b: String(c.block) }),
    ),
    mistake(
      'keptSize',
      'shape',
      ({ config: c, output, input }) => (c.block === 1 ? undefined : { output: [input[0] ?? null, input[1] ?? null, output[2] ?? null] }),
      ({ config: c }) => msg('why.keptSize', { b: String(c.block) }),
    ),
  ],
});

export const visionKinds: readonly Kind[] = [windowattn, layerscale, spacetodepth];
