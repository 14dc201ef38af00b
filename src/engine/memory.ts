/**
 * Memory a model needs, each figure from its formula (render.ts states the formula and the
 * convention beside the number):
 * - weights: parameters × bytes per parameter (fp32 4, fp16/bf16 2, int8 1, int4 ½); quantization
 *   scales and zero points left out;
 * - training with Adam, activations left out: fp32 keeps weights, gradients and the two moments,
 *   16 B per trainable parameter; mixed precision (Micikevicius et al. 2018, as ZeRO counts it,
 *   Rajbhandari et al. 2020) keeps fp16 weights and gradients, fp32 master weights and moments,
 *   also 16 B; frozen parameters keep their weights only;
 * - the KV cache of autoregressive decoding: K and V of every attention layer, kv_heads × head_dim
 *   each per token (grouped-query attention makes it smaller), at fp16.
 */
import type { Report } from './model.js';

export type Precision = 'fp32' | 'fp16' | 'bf16' | 'int8' | 'int4';
export const PRECISIONS: readonly Precision[] = ['fp32', 'fp16', 'bf16', 'int8', 'int4'];
/** Bits per parameter. */
export const BITS: Readonly<Record<Precision, number>> = { fp32: 32, fp16: 16, bf16: 16, int8: 8, int4: 4 };

export type TrainingPart = 'weights' | 'gradients' | 'master' | 'momentum' | 'variance';

export interface Training {
  /** Bytes per trainable parameter, part by part. */
  readonly parts: ReadonlyArray<{ readonly part: TrainingPart; readonly bytes: number }>;
  readonly perTrainable: number;
  readonly perFrozen: number;
  readonly bytes: bigint;
}

export interface KvCache {
  /** Attention layers (each use of a shared one caches its own K and V). */
  readonly layers: number;
  /** kv_heads and head_dim when every layer has the same. */
  readonly uniform: { readonly kvHeads: number; readonly headDim: number } | null;
  readonly elementsPerToken: bigint;
  readonly bytesPerElement: number;
  readonly seq: number;
  readonly batch: number;
  readonly bytes: bigint;
}

export interface MemoryFigures {
  readonly parameters: bigint;
  readonly weights: ReadonlyArray<{ readonly precision: Precision; readonly bytes: bigint }>;
  readonly fp32: Training;
  readonly mixed: Training;
  readonly kv: KvCache | null;
}

const KV_BYTES = 2; // fp16 / bf16

const parts = (...list: ReadonlyArray<readonly [TrainingPart, number]>): Training['parts'] => list.map(([part, bytes]) => ({ part, bytes }));
/** Bytes per trainable parameter: fp32 Adam, and mixed precision as ZeRO (Rajbhandari et al. 2020, §3.1) counts it. */
const FP32_PARTS = parts(['weights', 4], ['gradients', 4], ['momentum', 4], ['variance', 4]);
const MIXED_PARTS = parts(['weights', 2], ['gradients', 2], ['master', 4], ['momentum', 4], ['variance', 4]);

function training(parts: Training['parts'], perFrozen: number, trainable: bigint, frozen: bigint): Training {
  const perTrainable = parts.reduce((a, p) => a + p.bytes, 0);
  return { parts, perTrainable, perFrozen, bytes: trainable * BigInt(perTrainable) + frozen * BigInt(perFrozen) };
}

/** The KV cache is for the model's input length (--seq sets it) and `batch` sequences. */
export function memoryOf(report: Report, batch = 1): MemoryFigures {
  const { total, trainable, nonTrainable } = report.counts;
  const weights = PRECISIONS.map((precision) => ({ precision, bytes: (total * BigInt(BITS[precision]) + 7n) / 8n }));
  const fp32 = training(FP32_PARTS, 4, trainable, nonTrainable);
  const mixed = training(MIXED_PARTS, 2, trainable, nonTrainable);
  return { parameters: total, weights, fp32, mixed, kv: kvCache(report, batch) };
}

function kvCache(report: Report, batch: number): KvCache | null {
  const seq = report.input.length <= 2 ? report.input[0] : null;
  const geometries = report.rows.flatMap((r) => (r.record.attention === null ? [] : [r.record.attention]));
  if (seq === null || seq === undefined || geometries.length === 0) return null;
  const elementsPerToken = geometries.reduce((a, g) => a + 2n * BigInt(g.kvHeads) * BigInt(g.headDim), 0n);
  const first = geometries[0]!;
  const uniform = geometries.every((g) => g.kvHeads === first.kvHeads && g.headDim === first.headDim) ? { kvHeads: first.kvHeads, headDim: first.headDim } : null;
  return {
    layers: geometries.length,
    uniform,
    elementsPerToken,
    bytesPerElement: KV_BYTES,
    seq,
    batch,
    bytes: elementsPerToken * BigInt(KV_BYTES) * BigInt(seq) * BigInt(batch),
  };
}
