/**
 * Output lengths of convolutions and pooling along one axis, in both frameworks' conventions.
 * References: Keras `conv_utils.conv_output_length` / `deconv_output_length`, and the shape
 * formulas in the PyTorch docs of Conv2d, ConvTranspose2d and MaxPool2d.
 */
import { fail } from '../errors.js';
import type { Dim, Framework, Shape } from '../types.js';
import type { Padding } from './kind.js';

export interface AxisConv {
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
  readonly padding: Padding;
  /** Index of the axis, to pick this axis's explicit padding. */
  readonly axis: number;
  /**
   * PyTorch pooling's ceil_mode: the last, partial window is kept when it starts inside the input
   * or its left padding (torch.nn.MaxPool2d docs, the shape formula with ceil).
   */
  readonly ceil?: boolean;
}

const dilated = (a: AxisConv) => a.dilation * (a.kernel - 1) + 1;

/** Convolution or pooling output length; refuses a kernel larger than its (padded) input. */
export function convLength(length: Dim, a: AxisConv, kind: string): Dim {
  if (length === null) return null;
  if (a.padding.mode === 'same') return Math.ceil(length / a.stride);
  const pad = a.padding.mode === 'explicit' ? a.padding.amounts[a.axis]! : 0;
  const span = length + 2 * pad;
  const k = dilated(a);
  if (k > span) {
    fail('err.kernelTooLarge', { kind, kernel: String(k), size: String(length), padded: String(span) });
  }
  return a.ceil ? ceilWindows(length, pad, k, a.stride).out : Math.floor((span - k) / a.stride) + 1;
}

/**
 * ceil_mode's length, ⌈(L + 2p − k)/s⌉ + 1, less the last window when it would start in the right
 * padding (PyTorch's pooling_output_shape).
 */
function ceilWindows(length: number, pad: number, k: number, stride: number): { readonly out: number; readonly dropped: boolean } {
  const steps = Math.ceil((length + 2 * pad - k) / stride);
  const dropped = steps * stride >= length + pad;
  return { out: dropped ? steps : steps + 1, dropped };
}

/** Transposed-convolution output length, each framework's own formula. */
export function transposeLength(length: Dim, a: AxisConv, outputPadding: number | undefined, framework: Framework): Dim {
  if (length === null) return null;
  const k = dilated(a);
  if (framework === 'keras' && outputPadding === undefined) {
    if (a.padding.mode === 'same') return length * a.stride;
    if (a.padding.mode === 'valid') return length * a.stride + Math.max(k - a.stride, 0);
  }
  const pad = a.padding.mode === 'explicit' ? a.padding.amounts[a.axis]! : a.padding.mode === 'same' ? Math.floor(k / 2) : 0;
  const out = (length - 1) * a.stride + k - 2 * pad + (outputPadding ?? 0);
  if (out < 1) fail('err.kernelTooLarge', { kind: 'deconv', kernel: String(k), size: String(length), padded: String(length) });
  return out;
}

const AXIS_NAMES: Readonly<Record<number, readonly string[]>> = { 1: ['L'], 2: ['H', 'W'], 3: ['D', 'H', 'W'] };

/** `⌊(112 + 2·1 − 3)/2⌋ + 1` for one axis, with the output length it gives. */
function lengthTerms(length: number, a: AxisConv): string {
  if (a.padding.mode === 'same') return `⌈${length}/${a.stride}⌉`;
  const pad = a.padding.mode === 'explicit' ? a.padding.amounts[a.axis]! : 0;
  const span = pad > 0 ? `${length} + 2·${pad}` : String(length);
  const k = dilated(a);
  if (a.stride === 1) return `${span} − ${k} + 1`;
  if (!a.ceil) return `⌊(${span} − ${k})/${a.stride}⌋ + 1`;
  return `⌈(${span} − ${k})/${a.stride}⌉${ceilWindows(length, pad, k, a.stride).dropped ? '' : ' + 1'}`;
}

/**
 * How each spatial axis's output length is worked out: one line per distinct axis
 * (`H_out = W_out = ⌊(112 + 2·1 − 3)/2⌋ + 1 = 56`), the dilated kernel first when there is one.
 */
export function lengthWorking(input: readonly Dim[], output: readonly Dim[], axis: (i: number) => AxisConv): string[] {
  const names = AXIS_NAMES[input.length] ?? input.map((_, i) => `d${i}`);
  const groups = new Map<string, { axes: string[]; dilation: string | undefined }>();
  input.forEach((len, i) => {
    const out = output[i];
    if (len === null || out === null || out === undefined) return;
    const a = axis(i);
    // 'same' with stride 1 keeps the length: nothing to work out
    const line = a.padding.mode === 'same' && a.stride === 1 ? `${out} ('same')` : `${lengthTerms(len, a)} = ${out}`;
    const group = groups.get(line) ?? { axes: [], dilation: a.dilation > 1 ? `k_eff = ${a.dilation}·(${a.kernel} − 1) + 1 = ${dilated(a)}` : undefined };
    group.axes.push(`${names[i]}_out`);
    groups.set(line, group);
  });
  return [...groups].flatMap(([line, g]) => [...(g.dilation ? [g.dilation] : []), `${g.axes.join(' = ')} = ${line}`]);
}

/** A wrong way to work out one axis's output length; undefined when it gives the right one or cannot apply. */
export type LengthSlip = (length: number, a: AxisConv) => number | undefined;

const padOf = (a: AxisConv) => (a.padding.mode === 'explicit' ? a.padding.amounts[a.axis]! : 0);
const padded = (a: AxisConv) => a.padding.mode !== 'same';

/** The ways students get an output length wrong, by the mistake's id. */
export const LENGTH_SLIPS = {
  /** ⌊(H + 2p − k)/s⌋: the steps, without the first position. */
  forgotPlusOne: (l, a) => (padded(a) ? Math.floor((l + 2 * padOf(a) - dilated(a)) / a.stride) : undefined),
  /** Every position of a stride-1 slide: the stride left out. */
  ignoredStride: (l, a) => (a.stride === 1 ? undefined : padded(a) ? l + 2 * padOf(a) - dilated(a) + 1 : l),
  /** ⌈·⌉ where the formula floors. */
  ceilNotFloor: (l, a) => (padded(a) && (l + 2 * padOf(a) - dilated(a)) % a.stride !== 0 ? Math.ceil((l + 2 * padOf(a) - dilated(a)) / a.stride) + 1 : undefined),
  /** ⌈H/s⌉: 'same' padding assumed where there is none. */
  assumedSame: (l, a) => (padded(a) ? Math.ceil(l / a.stride) : undefined),
  /** ⌊(H − k)/s⌋ + 1: 'valid' assumed where the padding is 'same'. */
  assumedValid: (l, a) => (!padded(a) && dilated(a) <= l ? Math.floor((l - dilated(a)) / a.stride) + 1 : undefined),
  /** The padding added on one side only. */
  padOneSide: (l, a) => (padOf(a) > 0 && l + padOf(a) >= dilated(a) ? Math.floor((l + padOf(a) - dilated(a)) / a.stride) + 1 : undefined),
  /** The padding left out. */
  forgotPadding: (l, a) => (padOf(a) > 0 && l >= dilated(a) ? Math.floor((l - dilated(a)) / a.stride) + 1 : undefined),
  /** The kernel's own size where the dilated one spans d·(k − 1) + 1. */
  forgotDilation: (l, a) => (a.dilation > 1 && padded(a) ? Math.floor((l + 2 * padOf(a) - a.kernel) / a.stride) + 1 : undefined),
  /** ⌊(H + 2p)/s⌋ + 1: the kernel not subtracted, as if it fitted anywhere. */
  forgotKernelSize: (l, a) => (padded(a) && dilated(a) > 1 ? Math.floor((l + 2 * padOf(a)) / a.stride) + 1 : undefined),
  /** H/s: only the stride, neither the kernel nor the +1. */
  strideOnly: (l, a) => (padded(a) && a.stride > 1 ? Math.floor((l + 2 * padOf(a)) / a.stride) : undefined),
  /** ⌊(H + 2p)/s⌋ − k + 1: the stride applied before the kernel is taken off. */
  strideBeforeKernel: (l, a) => (padded(a) && a.stride > 1 && dilated(a) > 1 ? Math.floor((l + 2 * padOf(a)) / a.stride) - dilated(a) + 1 : undefined),
  /** ⌊H/k⌋: an overlapping pool (stride below its size) taken as one that divides by its size. */
  dividedByKernel: (l, a) => (padded(a) && a.stride < a.kernel ? Math.floor((l + 2 * padOf(a)) / a.kernel) : undefined),
  /** A pool slid with stride 1 (its stride defaults to its size). */
  poolStrideOne: (l, a) => (a.stride === a.kernel && a.kernel > 1 && padded(a) ? l + 2 * padOf(a) - a.kernel + 1 : undefined),
  /** ⌊·⌋ + 1 where ceil_mode=True rounds up: the last, partial window left out. */
  floorNotCeil: (l, a) => (a.ceil && padded(a) ? Math.floor((l + 2 * padOf(a) - dilated(a)) / a.stride) + 1 : undefined),
  /** The size kept, as if pooling did not shrink it. */
  noShrink: (l) => l,
  /** Divided by k×k: the area's factor taken for each side's. */
  dividedByArea: (l, a) => (a.stride === a.kernel && a.kernel > 1 ? Math.floor(l / (a.kernel * a.kernel)) : undefined),
} as const satisfies Record<string, LengthSlip>;

export type LengthSlipId = keyof typeof LENGTH_SLIPS;

/**
 * The output shape with one slip applied to every spatial axis (channels kept), or undefined
 * when the slip changes no axis or gives a length below 1.
 */
export function slippedShape(input: Shape, output: Shape, slip: LengthSlip, axis: (i: number) => AxisConv): Shape | undefined {
  const spatialIn = input.slice(0, -1);
  let changed = false;
  const out: Dim[] = [];
  for (let i = 0; i < spatialIn.length; i++) {
    const len = spatialIn[i];
    const right = output[i] ?? null;
    if (len === null || len === undefined || right === null) return undefined;
    const wrong = slip(len, axis(i));
    if (wrong === undefined || wrong === right) {
      out.push(right);
      continue;
    }
    if (wrong < 1 || !Number.isSafeInteger(wrong)) return undefined;
    changed = true;
    out.push(wrong);
  }
  return changed ? [...out, ...output.slice(spatialIn.length)] : undefined;
}
