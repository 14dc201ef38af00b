/**
 * The bytes of a quantized checkpoint, exactly, as the tools that write one lay it out:
 *
 * - GPTQ (AutoGPTQ's QuantLinear, auto_gptq/nn_modules/qlinear: `make_quant` replaces every Linear
 *   of the blocks): qweight int32 [in·b/32, out], qzeros int32 [⌈in/g⌉, out·b/32], scales fp16
 *   [⌈in/g⌉, out], g_idx int32 [in], the bias (fp16) where the Linear has one.
 * - AWQ (AutoAWQ's WQLinear_GEMM, awq/modules/linear/gemm.py): qweight int32 [in, out/8], qzeros
 *   int32 [in/g, out/8], scales fp16 [in/g, out]; in must be a multiple of g, out of 8. No g_idx.
 * - bitsandbytes NF4 (Linear4bit and QuantState.as_dict, bitsandbytes/functional.py; blocks of 64,
 *   double quantization): the weight packed two to a byte, absmax one uint8 per block, nested_absmax
 *   one fp32 per 256 blocks, nested_quant_map 256 fp32, quant_map 16 fp32. Every nn.Linear but the
 *   LM head (transformers' get_keys_to_not_convert), routers included. The per-tensor JSON
 *   quant_state (a few hundred bytes) is left out.
 *
 * What a format does not quantize stays at 16 bits (2 bytes): embeddings, the LM head, norms, biases,
 * routers (GPTQ and AWQ leave Mixtral's gate and Qwen's shared_expert_gate alone).
 */
import type { StoredGroup, StoredTensor } from './stored.js';

const ceil = (a: bigint, b: bigint) => (a + b - 1n) / b;

export interface FormatBytes {
  readonly bytes: bigint;
  /** Parameters stored quantized, and at 16 bits. */
  readonly quantized: bigint;
  readonly kept: bigint;
}

/** The tensor a format cannot store (its shape does not divide), for the refusal: its name within its group. */
export class ShapeRefused extends Error {
  constructor(
    readonly tensor: string,
    readonly size: number,
    readonly multiple: number,
  ) {
    super(`${tensor}: ${size} is not a multiple of ${multiple}`);
  }
}

/**
 * How a checkpoint's bytes are counted: as stored, or with one part of the layout forgotten (the
 * scales, the zero points, GPTQ's g_idx), or every tensor taken to be quantized (the embeddings,
 * the head and the norms too). The quiz's slips are these readings of the same layout.
 */
export type QuantReading = 'stored' | 'noScales' | 'noZeros' | 'noGidx' | 'allQuantized';

/** A format: which tensors it quantizes, and the bytes of one quantized Linear. */
export interface GroupFormat {
  readonly id: string;
  readonly reading: QuantReading;
  quantizes(t: StoredTensor): boolean;
  linearBytes(t: StoredTensor, inFeatures: bigint, outFeatures: bigint): bigint;
}

/** The parts of a layout a reading keeps. */
const keeps = (reading: QuantReading, part: 'scales' | 'zeros' | 'gIdx') =>
  !((reading === 'noScales' && (part === 'scales' || part === 'zeros')) || (reading === 'noZeros' && part === 'zeros') || (reading === 'noGidx' && part === 'gIdx'));

function need(t: StoredTensor, size: number, multiple: number): void {
  if (size % multiple !== 0) throw new ShapeRefused(t.local, size, multiple);
}

export const gptq = (bits: 4 | 8, group: number, reading: QuantReading = 'stored'): GroupFormat => ({
  id: `gptq-int${bits}`,
  reading,
  quantizes: (t) => t.use === 'block' || (reading === 'allQuantized' && t.linear !== undefined),
  linearBytes(t, inF, outF) {
    need(t, Number(inF), 32 / bits);
    need(t, Number(outF), 32 / bits);
    const b = BigInt(bits);
    const groups = ceil(inF, BigInt(group));
    const zeros = keeps(reading, 'zeros') ? (groups * outF * b) / 8n : 0n;
    const scales = keeps(reading, 'scales') ? 2n * groups * outF : 0n;
    return (inF * outF * b) / 8n + zeros + scales + (keeps(reading, 'gIdx') ? 4n * inF : 0n);
  },
});

export const awq = (group: number, reading: QuantReading = 'stored'): GroupFormat => ({
  id: 'awq-int4',
  reading,
  quantizes: (t) => t.use === 'block' || (reading === 'allQuantized' && t.linear !== undefined),
  linearBytes(t, inF, outF) {
    need(t, Number(inF), group);
    need(t, Number(outF), 8);
    const groups = inF / BigInt(group);
    return (inF * outF) / 2n + (keeps(reading, 'zeros') ? (groups * outF) / 2n : 0n) + (keeps(reading, 'scales') ? 2n * groups * outF : 0n);
  },
});

/** NF4 with double quantization: blocks of 64 weights, their absmax quantized in blocks of 256 (the scales: absmax, nested absmax, the code tables). */
export const nf4 = (reading: QuantReading = 'stored'): GroupFormat => ({
  id: 'nf4',
  reading,
  quantizes: (t) => t.linear !== undefined && (t.use === 'block' || t.use === 'router' || reading === 'allQuantized'),
  linearBytes(_t, inF, outF) {
    const n = inF * outF;
    const blocks = ceil(n, 64n);
    return ceil(n, 2n) + (keeps(reading, 'scales') ? blocks + 4n * ceil(blocks, 256n) + 4n * 256n + 4n * 16n : 0n);
  },
});

/** One group's bytes in a format: the same for every row that shares the block, so worked out once per tensor list. */
const GROUP_BYTES = new WeakMap<readonly StoredTensor[], Map<string, FormatBytes>>();
function groupBytes(format: GroupFormat, tensors: readonly StoredTensor[]): FormatBytes {
  let byFormat = GROUP_BYTES.get(tensors);
  if (byFormat === undefined) GROUP_BYTES.set(tensors, (byFormat = new Map()));
  const key = `${format.id}:${format.reading}`;
  let figure = byFormat.get(key);
  if (figure === undefined) {
    let [bytes, quantized, kept] = [0n, 0n, 0n];
    for (const t of tensors) {
      if (t.linear !== undefined && format.quantizes(t)) {
        bytes += format.linearBytes(t, BigInt(t.linear.inFeatures), BigInt(t.linear.outFeatures));
        quantized += t.elements;
      } else {
        // every tensor taken to be 4-bit (a misreading): the rest packed two to a byte as well
        bytes += format.reading === 'allQuantized' ? ceil(t.elements, 2n) : 2n * t.elements;
        kept += t.elements;
      }
    }
    figure = { bytes, quantized, kept };
    byFormat.set(key, figure);
  }
  return figure;
}

export function formatBytes(format: GroupFormat, groups: readonly StoredGroup[]): FormatBytes {
  let [bytes, quantized, kept] = [0n, 0n, 0n];
  for (const g of groups) {
    let figure: FormatBytes;
    try {
      figure = groupBytes(format, g.tensors);
    } catch (e) {
      throw e instanceof ShapeRefused ? new ShapeRefused(`${g.module}.${e.tensor}`, e.size, e.multiple) : e;
    }
    bytes += figure.bytes;
    quantized += figure.quantized;
    kept += figure.kept;
  }
  return { bytes, quantized, kept };
}
