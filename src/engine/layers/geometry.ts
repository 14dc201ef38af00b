/**
 * Output lengths of convolutions and pooling along one axis, in both frameworks' conventions.
 * References: Keras `conv_utils.conv_output_length` / `deconv_output_length`, and the shape
 * formulas in the PyTorch docs of Conv2d, ConvTranspose2d and MaxPool2d.
 */
import { fail } from '../errors.js';
import type { Dim, Framework } from '../types.js';
import type { Padding } from './kind.js';

export interface AxisConv {
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
  readonly padding: Padding;
  /** Index of the axis, to pick this axis's explicit padding. */
  readonly axis: number;
  /** Pooling's ceil_mode (PyTorch): round the window count up, keeping the last window inside the input. */
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
  if (!a.ceil) return Math.floor((span - k) / a.stride) + 1;
  // PyTorch pooling_output_shape: one more window when it starts inside the (left-padded) input
  const out = Math.ceil((span - k) / a.stride) + 1;
  return (out - 1) * a.stride >= length + pad ? out - 1 : out;
}

/** Transposed-convolution output length, each framework's own formula. */
export function transposeLength(length: Dim, a: AxisConv, outputPadding: number | undefined, framework: Framework): Dim {
  if (length === null) return null;
  const k = dilated(a);
  if (framework === 'keras' && outputPadding === undefined) {
    if (a.padding.mode === 'same') return length * a.stride;
    if (a.padding.mode === 'valid') return length * a.stride + Math.max(k - a.stride, 0);
  }
  const pad =
    a.padding.mode === 'explicit' ? a.padding.amounts[a.axis]! : a.padding.mode === 'same' ? Math.floor(k / 2) : 0;
  const out = (length - 1) * a.stride + k - 2 * pad + (outputPadding ?? 0);
  if (out < 1) fail('err.kernelTooLarge', { kind: 'deconv', kernel: String(k), size: String(length), padded: String(length) });
  return out;
}
