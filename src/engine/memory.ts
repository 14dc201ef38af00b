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
 *   each per token (grouped-query attention makes it smaller), at fp16; a latent-attention layer
 *   (DeepSeek-V2's MLA) caches its compressed vector and one shared rotary key instead,
 *   kv_lora_rank + qk_rope_head_dim per token (arXiv:2405.04434 §2.1.2, Table 1).
 */
import { msg, type MessageRef } from '../i18n/messages.js';
import type { Report } from './model.js';
import type { AttentionGeometry, MistakeFamily } from './types.js';

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

/**
 * What every layer caches per token, when they all cache alike: K and V heads; a latent vector and a
 * rotary key (`copies` 2 when misread as kept once for K and once for V); or, misread, the K and V a
 * latent layer rebuilds (heads × (qk + v)).
 */
export type CacheShape =
  | { readonly t: 'heads'; readonly kvHeads: number; readonly headDim: number }
  | { readonly t: 'latent'; readonly rank: number; readonly rope: number; readonly copies: number }
  | { readonly t: 'rebuilt'; readonly heads: number; readonly qk: number; readonly v: number };

export interface KvCache {
  /** Attention layers (each use of a shared one caches its own K and V). */
  readonly layers: number;
  /** The cache of one layer and token when every layer has the same. */
  readonly uniform: CacheShape | null;
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

const parts = (...list: ReadonlyArray<readonly [TrainingPart, number]>): Training['parts'] => list.map(([part, bytes]) => ({ part, bytes }));
/** Bytes per trainable parameter: fp32 Adam, and mixed precision as ZeRO (Rajbhandari et al. 2020, §3.1) counts it. */
const FP32_PARTS = parts(['weights', 4], ['gradients', 4], ['momentum', 4], ['variance', 4]);
const MIXED_PARTS = parts(['weights', 2], ['gradients', 2], ['master', 4], ['momentum', 4], ['variance', 4]);

/**
 * How the bytes are counted. `STANDARD` is what the figures follow; each memory mistake below is
 * the same computation with one of these misread, so a wrong figure comes from the same code as
 * the right one.
 */
interface Conventions {
  /** 8; 1 for a student who takes bits for bytes. */
  readonly bitsPerByte: number;
  readonly bits: Readonly<Record<Precision, number>>;
  /** Which parts of Adam training a trainable parameter keeps (the bytes are the precision's). */
  readonly training: ReadonlySet<TrainingPart>;
  /** Frozen parameters keep their weights; a student may train them too, or leave them out. */
  readonly frozen: 'weights' | 'trained' | 'none';
  /** Tensors cached per attention layer and token: K and V. */
  readonly kvTensors: number;
  /** Heads the cache holds: the K/V heads, or (misread) every query head. */
  readonly kvHeads: 'kv' | 'query';
  /** Bits per cached element: fp16. */
  readonly kvBits: number;
  readonly kvLayers: 'all' | 'one';
  readonly kvBatch: 'given' | 'one';
  /** A latent-attention layer: its compressed cache; or (misread) the K and V it rebuilds, the latent kept twice, or without its rotary key. */
  readonly latent: 'compressed' | 'rebuilt' | 'twice' | 'noRope';
}

const STANDARD: Conventions = {
  bitsPerByte: 8,
  bits: BITS,
  training: new Set(['weights', 'gradients', 'master', 'momentum', 'variance']),
  frozen: 'weights',
  kvTensors: 2,
  kvHeads: 'kv',
  kvBits: 16,
  kvLayers: 'all',
  kvBatch: 'given',
  latent: 'compressed',
};

function training(all: Training['parts'], c: Conventions, trainable: bigint, frozen: bigint): Training {
  const kept = all.filter((p) => c.training.has(p.part));
  const perTrainable = kept.reduce((a, p) => a + p.bytes, 0);
  const perFrozen = all.find((p) => p.part === 'weights')!.bytes;
  const trained = c.frozen === 'trained' ? trainable + frozen : trainable;
  const weightsOnly = c.frozen === 'weights' ? frozen : 0n;
  return { parts: kept, perTrainable, perFrozen, bytes: trained * BigInt(perTrainable) + weightsOnly * BigInt(perFrozen) };
}

/** Bytes, rounded up: half a byte per int4 parameter of an odd count is a whole byte. */
const bytesOf = (elements: bigint, bits: number, c: Conventions): bigint => (elements * BigInt(bits) + BigInt(c.bitsPerByte - 1)) / BigInt(c.bitsPerByte);

/** The KV cache is for the model's input length (--seq sets it) and `batch` sequences. */
export function memoryOf(report: Report, batch = 1, conventions: Conventions = STANDARD): MemoryFigures {
  const c = conventions;
  const { total, trainable, nonTrainable } = report.counts;
  const weights = PRECISIONS.map((precision) => ({ precision, bytes: bytesOf(total, c.bits[precision], c) }));
  const fp32 = training(FP32_PARTS, c, trainable, nonTrainable);
  const mixed = training(MIXED_PARTS, c, trainable, nonTrainable);
  return { parameters: total, weights, fp32, mixed, kv: kvCache(report, batch, c) };
}

function kvCache(report: Report, batch: number, c: Conventions): KvCache | null {
  const seq = report.input.length <= 2 ? report.input[0] : null;
  const all = report.rows.flatMap((r) => (r.record.attention === null ? [] : [r.record.attention]));
  if (seq === null || seq === undefined || all.length === 0) return null;
  const geometries = c.kvLayers === 'one' ? all.slice(0, 1) : all;
  const shapes = geometries.map((g) => cacheShape(g, c));
  const elementsPerToken = shapes.reduce((a, shape) => a + cacheElements(shape, c), 0n);
  const first = shapes[0]!;
  const uniform = shapes.every((shape) => JSON.stringify(shape) === JSON.stringify(first)) ? first : null;
  const sequences = c.kvBatch === 'given' ? batch : 1;
  return {
    layers: geometries.length,
    uniform,
    elementsPerToken,
    bytesPerElement: c.kvBits / c.bitsPerByte,
    seq,
    batch: sequences,
    bytes: bytesOf(elementsPerToken * BigInt(seq) * BigInt(sequences), c.kvBits, c),
  };
}

/** What one layer caches per token as `c` reads it. */
function cacheShape(g: AttentionGeometry, c: Conventions): CacheShape {
  const latent = g.latent;
  if (latent === undefined) return { t: 'heads', kvHeads: c.kvHeads === 'kv' ? g.kvHeads : g.heads, headDim: g.headDim };
  if (c.latent === 'rebuilt') return { t: 'rebuilt', heads: g.heads, qk: latent.qkHeadDim, v: latent.vHeadDim };
  return { t: 'latent', rank: latent.rank, rope: c.latent === 'noRope' ? 0 : latent.rope, copies: c.latent === 'twice' ? 2 : 1 };
}

/** Elements per token of one layer's cache. */
function cacheElements(shape: CacheShape, c: Conventions): bigint {
  switch (shape.t) {
    case 'heads':
      return BigInt(c.kvTensors) * BigInt(shape.kvHeads) * BigInt(shape.headDim);
    case 'latent':
      return BigInt(shape.copies) * BigInt(shape.rank + shape.rope);
    case 'rebuilt':
      return BigInt(shape.heads) * BigInt(shape.qk + shape.v);
  }
}

/** One figure of the memory a question asks for. */
export type MemoryQuantity = { readonly of: 'weights'; readonly precision: Precision } | { readonly of: 'training'; readonly mode: 'fp32' | 'mixed' } | { readonly of: 'kv' };

/** The figure `q` names; undefined when the model has none (no attention layer for a KV cache). */
export function memoryValue(m: MemoryFigures, q: MemoryQuantity): bigint | undefined {
  switch (q.of) {
    case 'weights':
      return m.weights.find((w) => w.precision === q.precision)!.bytes;
    case 'training':
      return m[q.mode].bytes;
    case 'kv':
      return m.kv?.bytes;
  }
}

/** A memory figure as a student who makes one mistake works it out. */
export interface MemoryMistake {
  readonly id: string;
  readonly family: MistakeFamily;
  readonly why: MessageRef;
  readonly figures: MemoryFigures;
}

interface MemoryMistakeDef {
  readonly id: string;
  /** Whether the mistake can happen on this model (a KV cache of one layer cannot leave out the others). */
  readonly applies: (report: Report, batch: number) => boolean;
  readonly conventions: Partial<Conventions>;
  readonly why: MessageRef;
}

const always = () => true;
const without = (...left: TrainingPart[]): ReadonlySet<TrainingPart> => new Set([...STANDARD.training].filter((p) => !left.includes(p)));
const attentionRows = (report: Report) => report.rows.filter((r) => r.record.attention !== null);
const headRows = (report: Report) => attentionRows(report).filter((r) => r.record.attention!.latent === undefined);
const latentRows = (report: Report) => attentionRows(report).filter((r) => r.record.attention!.latent !== undefined);

/** The memory mistakes: bits taken for bytes, Adam's moments or gradients forgotten, frozen weights misplaced, the KV cache's 2, its heads, its layers, its batch. */
const MEMORY_MISTAKES: readonly MemoryMistakeDef[] = [
  { id: 'bitsForBytes', applies: always, conventions: { bitsPerByte: 1 }, why: msg('why.bitsForBytes') },
  { id: 'int4AsByte', applies: always, conventions: { bits: { ...BITS, int4: 8 } }, why: msg('why.int4HalfByte') },
  { id: 'adamMomentsForgotten', applies: always, conventions: { training: without('momentum', 'variance') }, why: msg('why.adamMoments') },
  { id: 'gradientsForgotten', applies: always, conventions: { training: without('gradients') }, why: msg('why.adamGradients') },
  { id: 'masterForgotten', applies: always, conventions: { training: without('master') }, why: msg('why.adamMaster') },
  { id: 'weightsOnly', applies: always, conventions: { training: new Set(['weights']) }, why: msg('why.adamWeightsOnly') },
  { id: 'frozenTrained', applies: (r) => r.counts.nonTrainable > 0n, conventions: { frozen: 'trained' }, why: msg('why.frozenNoOptimizer') },
  { id: 'frozenLeftOut', applies: (r) => r.counts.nonTrainable > 0n, conventions: { frozen: 'none' }, why: msg('why.frozenWeightsKept') },
  { id: 'kvWithoutTwo', applies: (r) => headRows(r).length > 0, conventions: { kvTensors: 1 }, why: msg('why.kvBoth') },
  { id: 'kvQueryHeads', applies: (r) => attentionRows(r).some((row) => row.record.attention!.kvHeads < row.record.attention!.heads), conventions: { kvHeads: 'query' }, why: msg('why.kvHeads') },
  { id: 'kvFp32', applies: always, conventions: { kvBits: 32 }, why: msg('why.kvFp16') },
  { id: 'kvOneLayer', applies: (r) => attentionRows(r).length > 1, conventions: { kvLayers: 'one' }, why: msg('why.kvEveryLayer') },
  { id: 'kvOneSequence', applies: (_r, batch) => batch > 1, conventions: { kvBatch: 'one' }, why: msg('why.kvEverySequence') },
  { id: 'latentRebuilt', applies: (r) => latentRows(r).length > 0, conventions: { latent: 'rebuilt' }, why: msg('why.latentRebuilt') },
  { id: 'latentTwice', applies: (r) => latentRows(r).length > 0, conventions: { latent: 'twice' }, why: msg('why.latentTwice') },
  { id: 'latentNoRope', applies: (r) => latentRows(r).length > 0, conventions: { latent: 'noRope' }, why: msg('why.latentNoRope') },
];

/** Every memory mistake that can happen on the model, each with the figures it gives. */
export function memoryMistakes(report: Report, batch = 1): MemoryMistake[] {
  return MEMORY_MISTAKES.filter((d) => d.applies(report, batch)).map((d) => ({ id: d.id, family: 'memory', why: d.why, figures: memoryOf(report, batch, { ...STANDARD, ...d.conventions }) }));
}
