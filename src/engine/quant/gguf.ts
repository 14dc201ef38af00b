/**
 * GGUF files as llama.cpp's llama-quantize writes them (src/llama-quant.cpp at ggml-org/llama.cpp
 * 007dbbf, the same rule since the k-quants came), tensor data only (the header, the tokenizer and
 * the 32-byte alignment padding are left out):
 *
 * - Block sizes (ggml/src/ggml-common.h): Q8_0 34 bytes per 32 weights; Q5_0 22 and Q5_1 24 per 32;
 *   Q4_K 144, Q5_K 176, Q6_K 210 per 256; F16 2 bytes, F32 4.
 * - What is never quantized (tensor_allows_quantization; convert_hf_to_gguf.py writes them at F32):
 *   1-D tensors (norms, biases), MoE routers (ffn_gate_inp), position tables.
 * - Q8_0: every other tensor is Q8_0.
 * - Q4_K_M (llama_tensor_get_type_impl, LLAMA_FTYPE_MOSTLY_Q4_K_M): Q4_K, except
 *   output (the LM head; the token embedding when the head is tied to it) Q6_K;
 *   attn_v (and fused attn_qkv) Q6_K in the layers use_more_bits picks, i.e. i < n/8, i ≥ 7n/8, or
 *   (i − n/8) % 3 == 2, Q5_K instead of Q4_K in a 70B-type model (80 layers, grouped-query), and
 *   Q8_0 in an 8-expert model; attn_k Q8_0 in an 8-expert model; attn_output Q5_K in an 8-expert
 *   model; ffn_down (dense, experts', shared experts') Q6_K in the layers use_more_bits picks.
 * - A row whose length does not divide the block (tensor_type_fallback): Q4_K → Q5_0, Q5_K → Q5_1,
 *   Q6_K → Q8_0, then F16 if that does not divide either; Q8_0 has no fallback (the file cannot be made).
 */
import type { StoredTensor } from './stored.js';

export type GgmlType = 'F32' | 'F16' | 'Q8_0' | 'Q5_0' | 'Q5_1' | 'Q4_K' | 'Q5_K' | 'Q6_K';
export type GgufFile = 'Q8_0' | 'Q4_K_M';

/** [weights per block, bytes per block] */
export const BLOCKS: Readonly<Record<GgmlType, readonly [number, number]>> = {
  F32: [1, 4],
  F16: [1, 2],
  Q8_0: [32, 34],
  Q5_0: [32, 22],
  Q5_1: [32, 24],
  Q4_K: [256, 144],
  Q5_K: [256, 176],
  Q6_K: [256, 210],
};

const FALLBACK: Partial<Record<GgmlType, GgmlType>> = { Q4_K: 'Q5_0', Q5_K: 'Q5_1', Q6_K: 'Q8_0' };

/** The model's numbers the rule reads. */
export interface GgufModel {
  readonly layers: number;
  readonly experts: number;
  readonly tiedHead: boolean;
  /** llama.cpp's LLM_TYPE_70B: its attn_v gets Q5_K rather than Q4_K. */
  readonly is70B: boolean;
}

/** llama.cpp's use_more_bits(i_layer, n_layers), integer division as in C. */
export const useMoreBits = (i: number, n: number): boolean => i < Math.floor(n / 8) || i >= Math.floor((7 * n) / 8) || (i - Math.floor(n / 8)) % 3 === 2;

/** A tensor llama.cpp cannot store in this file (a Q8_0 row that is not a multiple of 32). */
export class GgufRefused extends Error {
  constructor(
    readonly tensor: string,
    readonly rowLength: number,
  ) {
    super(`${tensor}: a row of ${rowLength}`);
  }
}

function chosen(t: StoredTensor, layer: number, file: GgufFile, m: GgufModel): GgmlType {
  const base: GgmlType = file === 'Q8_0' ? 'Q8_0' : 'Q4_K';
  const kQuant = file === 'Q4_K_M';
  if (t.category === 'output' || (m.tiedHead && t.category === 'token_embd')) {
    if (t.rowLength % BLOCKS[base][0] !== 0) return 'Q8_0';
    return base === 'Q8_0' ? 'Q8_0' : 'Q6_K';
  }
  if (t.category === 'attn_v' || t.category === 'attn_qkv') {
    let type: GgmlType = kQuant && useMoreBits(layer, m.layers) ? 'Q6_K' : base;
    if (m.is70B && type === 'Q4_K') type = 'Q5_K';
    return m.experts === 8 ? 'Q8_0' : type;
  }
  if (t.category === 'attn_k') return m.experts === 8 ? 'Q8_0' : base;
  if (t.category === 'ffn_down') return kQuant && useMoreBits(layer, m.layers) ? 'Q6_K' : base;
  if (t.category === 'attn_output') return kQuant && m.experts === 8 ? 'Q5_K' : base;
  return base;
}

/** The type llama-quantize gives a tensor of layer `layer` (blk.N; 0 outside the layers) in this file. */
export function ggufType(t: StoredTensor, layer: number, file: GgufFile, m: GgufModel): GgmlType {
  if (t.category === 'vector' || t.category === 'ffn_gate_inp' || t.category === 'pos_embd') return 'F32';
  const type = chosen(t, layer, file, m);
  if (t.rowLength % BLOCKS[type][0] === 0) return type;
  const fallback = FALLBACK[type];
  if (fallback === undefined) throw new GgufRefused(t.local, t.rowLength);
  return t.rowLength % BLOCKS[fallback][0] === 0 ? fallback : 'F16';
}

export function ggufTensorBytes(t: StoredTensor, type: GgmlType): bigint {
  const [block, bytes] = BLOCKS[type];
  return (t.elements / BigInt(block)) * BigInt(bytes);
}
