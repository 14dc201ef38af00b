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
import { activeAs, type ActiveReading } from './active.js';
import { flopsAs, flopsPerToken, type FlopsReading, type TokenFlops } from './flops.js';
import type { FormatBytes, QuantReading } from './quant/formats.js';
import { quantizedFigures } from './quant/index.js';
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

/** The quantized formats a memory question asks about (their layouts: quant/formats.ts). */
export type AskedFormat = 'gptq-int4' | 'awq-int4' | 'nf4';
export const ASKED_FORMATS: readonly AskedFormat[] = ['gptq-int4', 'awq-int4', 'nf4'];

export interface MemoryFigures {
  readonly parameters: bigint;
  readonly weights: ReadonlyArray<{ readonly precision: Precision; readonly bytes: bigint }>;
  readonly fp32: Training;
  readonly mixed: Training;
  readonly kv: KvCache | null;
  /** A mixture of experts: the parameters a token touches (both embedding tables included). */
  readonly active: bigint | null;
  /** Forward FLOPs per token at the model's length (a token sequence with attention). */
  readonly flops: bigint | null;
  /** The same, in its two parts as counted (for the working, whatever the reading). */
  readonly flopsParts: TokenFlops | null;
  /** The checkpoint's bytes in each asked format a decoder LM can be stored in. */
  readonly quantized: Readonly<Partial<Record<AskedFormat, FormatBytes>>>;
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
  /** The parameters memory is sized from: all of them; or (misread) a mixture of experts' active count. */
  readonly parameters: 'total' | 'active';
  readonly active: ActiveReading;
  readonly flops: FlopsReading;
  readonly quant: QuantReading;
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
  parameters: 'total',
  active: 'touched',
  flops: 'forward',
  quant: 'stored',
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
  // Sized from the active count (a misreading): every parameter a token touches taken for all there are, all trained.
  const sized = c.parameters === 'active' && report.active !== null ? { total: report.active, trainable: report.active, nonTrainable: 0n } : report.counts;
  const { total, trainable, nonTrainable } = sized;
  const weights = PRECISIONS.map((precision) => ({ precision, bytes: bytesOf(total, c.bits[precision], c) }));
  const fp32 = training(FP32_PARTS, c, trainable, nonTrainable);
  const mixed = training(MIXED_PARTS, c, trainable, nonTrainable);
  // Worked out when read: a question asks one figure, and the mistake library works out every figure under each of its readings.
  let kv: { v: KvCache | null } | undefined;
  let active: { v: bigint | null } | undefined;
  let flops: { v: bigint | null } | undefined;
  return {
    parameters: total,
    weights,
    fp32,
    mixed,
    get kv() {
      return (kv ??= { v: kvCache(report, batch, c) }).v;
    },
    get active() {
      return (active ??= { v: activeAs(report, c.active) }).v;
    },
    get flops() {
      return (flops ??= { v: flopsAs(report, c.flops) }).v;
    },
    get flopsParts() {
      return flopsPerToken(report);
    },
    get quantized() {
      return quantizedBytes(report, c.quant, c.bitsPerByte);
    },
  };
}

/** A model's bytes in the asked formats under a reading: by its rows (a copy of the report with other counts shares them), once. */
const QUANTIZED = new WeakMap<Report['rows'], Map<string, Readonly<Partial<Record<AskedFormat, FormatBytes>>>>>();
function quantizedBytes(report: Report, reading: QuantReading, bitsPerByte: number): Readonly<Partial<Record<AskedFormat, FormatBytes>>> {
  let byReading = QUANTIZED.get(report.rows);
  if (byReading === undefined) QUANTIZED.set(report.rows, (byReading = new Map()));
  const key = `${reading}:${bitsPerByte}`;
  let bytes = byReading.get(key);
  if (bytes === undefined) {
    const q = quantizedFigures(report, reading, { gguf: false });
    // bits given for bytes (a misreading) reads a checkpoint's bytes as bits too
    const asked = (id: string): id is AskedFormat => (ASKED_FORMATS as readonly string[]).includes(id);
    bytes = q.ok ? Object.fromEntries(q.figures.flatMap((f) => (f.ok && asked(f.id) ? [[f.id, { bytes: (f.bytes * 8n) / BigInt(bitsPerByte), quantized: f.quantized, kept: f.kept }]] : []))) : {};
    byReading.set(key, bytes);
  }
  return bytes;
}

function kvCache(report: Report, batch: number, c: Conventions): KvCache | null {
  const seq = report.input.length <= 2 ? report.input[0] : null;
  const all = attentionRows(report).map((r) => r.record.attention!);
  if (seq === null || seq === undefined || all.length === 0) return null;
  const geometries = c.kvLayers === 'one' ? all.slice(0, 1) : all;
  const shapes = geometries.map((g) => cacheShape(g, c));
  const elementsPerToken = shapes.reduce((a, shape) => a + cacheElements(shape, c), 0n);
  const first = shapes[0]!;
  const same = (a: CacheShape, b: CacheShape) => (Object.keys(a) as Array<keyof CacheShape>).every((k) => a[k] === b[k]);
  const uniform = shapes.every((shape) => same(shape, first)) ? first : null;
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
export type MemoryQuantity =
  | { readonly of: 'weights'; readonly precision: Precision }
  | { readonly of: 'training'; readonly mode: 'fp32' | 'mixed' }
  | { readonly of: 'kv' }
  | { readonly of: 'quantized'; readonly format: AskedFormat }
  | { readonly of: 'active' }
  | { readonly of: 'flops' };

/** The figure `q` names; undefined when the model has none (no attention layer for a KV cache). */
export function memoryValue(m: MemoryFigures, q: MemoryQuantity): bigint | undefined {
  switch (q.of) {
    case 'weights':
      return m.weights.find((w) => w.precision === q.precision)!.bytes;
    case 'training':
      return m[q.mode].bytes;
    case 'kv':
      return m.kv?.bytes;
    case 'quantized':
      return m.quantized[q.format]?.bytes;
    case 'active':
      return m.active ?? undefined;
    case 'flops':
      return m.flops ?? undefined;
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
  /** What it is about, where not memory: which parameters a token touches (structure), FLOPs (operations). */
  readonly family?: MistakeFamily;
  /** Whether the mistake can happen on this model (a KV cache of one layer cannot leave out the others). */
  readonly applies: (report: Report, batch: number) => boolean;
  readonly conventions: Partial<Conventions>;
  readonly why: MessageRef;
}

const always = () => true;
const moe = (r: Report) => r.active !== null;
const without = (...left: TrainingPart[]): ReadonlySet<TrainingPart> => new Set([...STANDARD.training].filter((p) => !left.includes(p)));
/** The rows with attention, found once per model (the mistake library asks for them under every reading). */
const ATTENTION_ROWS = new WeakMap<Report['rows'], Report['rows']>();
function attentionRows(report: Report): Report['rows'] {
  let rows = ATTENTION_ROWS.get(report.rows);
  if (rows === undefined) ATTENTION_ROWS.set(report.rows, (rows = report.rows.filter((r) => r.record.attention !== null)));
  return rows;
}
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
  // numbers cached given for bytes: asked of latent caches only (a mistake added to the others would change their questions' choices)
  { id: 'kvValuesForBytes', applies: (r) => latentRows(r).length > 0, conventions: { kvBits: 8 }, why: msg('why.kvValuesForBytes') },
  // A mixture of experts: memory sized from what a token touches; the touched count misread.
  { id: 'sizedFromActive', applies: moe, conventions: { parameters: 'active' }, why: msg('why.sizedFromActive') },
  { id: 'activeAllExperts', family: 'structure', applies: moe, conventions: { active: 'allExperts' }, why: msg('why.activeAllExperts') },
  { id: 'activeExpertsOnly', family: 'structure', applies: moe, conventions: { active: 'expertsOnly' }, why: msg('why.activeExpertsOnly') },
  { id: 'activeNoShared', family: 'structure', applies: moe, conventions: { active: 'noShared' }, why: msg('why.activeNoShared') },
  { id: 'activeNoEmbeddings', family: 'structure', applies: moe, conventions: { active: 'noEmbeddings' }, why: msg('why.activeNoEmbeddings') },
  { id: 'activeNoInputEmbedding', family: 'structure', applies: moe, conventions: { active: 'noInputEmbedding' }, why: msg('why.activeNoInputEmbedding') },
  // FLOPs per token: the attention left out (2N), MACs for FLOPs, training's for the forward's, the causal half, the embedding multiplied.
  { id: 'flopsNoAttention', family: 'operations', applies: always, conventions: { flops: 'noAttention' }, why: msg('why.flopsNoAttention') },
  { id: 'flopsAsMacs', family: 'operations', applies: always, conventions: { flops: 'macs' }, why: msg('why.flopsAsMacs') },
  { id: 'flopsTraining', family: 'operations', applies: always, conventions: { flops: 'training' }, why: msg('why.flopsTraining') },
  { id: 'flopsCausalHalf', family: 'operations', applies: always, conventions: { flops: 'causalHalf' }, why: msg('why.flopsCausalHalf') },
  { id: 'flopsWithEmbedding', family: 'operations', applies: always, conventions: { flops: 'withEmbedding' }, why: msg('why.flopsWithEmbedding') },
  { id: 'flopsTwoN', family: 'operations', applies: always, conventions: { flops: 'twoN' }, why: msg('why.flopsTwoN') },
  { id: 'flopsSixN', family: 'operations', applies: always, conventions: { flops: 'sixN' }, why: msg('why.flopsSixN') },
  { id: 'flopsAllExperts', family: 'operations', applies: moe, conventions: { flops: 'allExperts' }, why: msg('why.flopsAllExperts') },
  // A quantized checkpoint: the scales (and zeros) forgotten, the zeros alone, GPTQ's g_idx, every tensor taken to be 4-bit.
  { id: 'quantNoScales', applies: always, conventions: { quant: 'noScales' }, why: msg('why.quantNoScales') },
  { id: 'quantNoZeros', applies: always, conventions: { quant: 'noZeros' }, why: msg('why.quantNoZeros') },
  { id: 'quantNoGidx', applies: always, conventions: { quant: 'noGidx' }, why: msg('why.quantNoGidx') },
  { id: 'quantEverything', applies: always, conventions: { quant: 'allQuantized' }, why: msg('why.quantEverything') },
];

/** Every memory mistake that can happen on the model, each with the figures it gives. */
export function memoryMistakes(report: Report, batch = 1): MemoryMistake[] {
  return MEMORY_MISTAKES.filter((d) => d.applies(report, batch)).map((d) => ({
    id: d.id,
    family: d.family ?? 'memory',
    why: d.why,
    figures: memoryOf(report, batch, { ...STANDARD, ...d.conventions }),
  }));
}
