/**
 * A decoder language model's parameters as a quantized checkpoint sees them: each tensor with what
 * it is for (a matrix of a transformer block, a router, the token embedding, the LM head, a norm or
 * bias vector) and, for llama.cpp, its GGUF category and layer. Quantizers are written for decoder
 * LMs; a model with anything else (a convolution, a pooler, a classifier) is not one they take, and
 * the figures are refused naming the row.
 */
import { tensorSize } from '../counts.js';
import type { Report } from '../model.js';
import type { LayerRecord, LinearModule, ParamTensor } from '../types.js';

/** llama.cpp's tensor categories (src/llama-quant.cpp, tensor_get_category), and what it never quantizes. */
export type GgufCategory =
  | 'token_embd'
  | 'output'
  | 'attn_q'
  | 'attn_k'
  | 'attn_v'
  | 'attn_qkv'
  | 'attn_output'
  | 'ffn_gate'
  | 'ffn_up'
  | 'ffn_down'
  | 'ffn_gate_inp'
  | 'pos_embd'
  | 'vector'
  | 'other';

export interface StoredTensor {
  /** The tensor's name in its module (`q_proj.weight`); with the group's module, the state-dict key. */
  readonly local: string;
  readonly elements: bigint;
  /** A Linear inside a block, with its sizes: what GPTQ, AWQ and bitsandbytes quantize. */
  readonly linear: Pick<LinearModule, 'inFeatures' | 'outFeatures'> | undefined;
  /** The matrices the group-wise quantizers leave at 16 bits though they are Linear layers: routers, the LM head. */
  readonly use: 'block' | 'router' | 'head' | 'embedding' | 'vector';
  /** GGUF: the length of a row (ne[0]: a Linear's in_features, an embedding's width) and the tensor's category. */
  readonly rowLength: number;
  readonly category: GgufCategory;
}

/**
 * One row's tensors and where they are: its module and its layer (GGUF's blk.N). A block's tensors
 * are worked out once per record and shared by every row that has it (a mixture of experts has
 * thousands in each of dozens of layers).
 */
export interface StoredGroup {
  readonly module: string;
  readonly layer: number | null;
  readonly tensors: readonly StoredTensor[];
}

/** The state-dict name, for a refusal that names the tensor. */
export const tensorName = (g: StoredGroup, t: StoredTensor): string => (t.local === '' ? g.module : `${g.module}.${t.local}`);

export type StoredModel =
  | { readonly ok: true; readonly groups: readonly StoredGroup[]; readonly layers: number; readonly experts: number; readonly tiedHead: boolean }
  | { readonly ok: false; readonly row: string };

/** Rows of these kinds make a decoder LM (the rest have no parameters, or are not what quantizers take). */
const BLOCK_KINDS = new Set(['attention', 'mla', 'glu', 'mlp', 'moe']);
const VECTOR_KINDS = new Set(['rmsnorm', 'ln']);

/** The layer a row belongs to: the first number in its module path (model.layers.3.self_attn → 3, transformer.h.5.attn → 5). */
const layerOf = (module: string): number | null => {
  const m = /(?:^|\.)(\d+)(?:\.|$)/.exec(module);
  return m ? Number(m[1]) : null;
};

function category(record: LayerRecord, l: LinearModule): GgufCategory {
  if (record.kind === 'mla') return 'other';
  const roles = l.roles;
  if (roles.length === 3) return 'attn_qkv';
  if (roles.length === 1) return ({ q: 'attn_q', k: 'attn_k', v: 'attn_v', o: 'attn_output' } as const)[roles[0]!];
  if (l.part === 'router') return 'ffn_gate_inp';
  if (l.part !== undefined) return ({ gate: 'ffn_gate', up: 'ffn_up', down: 'ffn_down' } as const)[l.part];
  return 'other';
}

/** A record's tensors by name, made once per record (a mixture of experts has thousands, and its record serves every layer). */
const BY_NAME = new WeakMap<LayerRecord, ReadonlyMap<string, ParamTensor>>();
function tensorsByName(record: LayerRecord): ReadonlyMap<string, ParamTensor> {
  let map = BY_NAME.get(record);
  if (map === undefined) {
    map = new Map(record.tensors.map((t) => [t.name, t]));
    BY_NAME.set(record, map);
  }
  return map;
}

/** A Linear's weight and its bias among a record's tensors (PyTorch's `q_proj.weight`, `q_proj.bias`; Keras's `q_proj/kernel`). */
function ownTensors(l: LinearModule, record: LayerRecord): { weight: ParamTensor | undefined; bias: ParamTensor | undefined } {
  const byName = tensorsByName(record);
  const named = (sep: string, leaf: string) => byName.get(l.name === '' ? leaf : `${l.name}${sep}${leaf}`);
  return { weight: named('.', 'weight') ?? named('/', 'kernel'), bias: named('.', 'bias') ?? named('/', 'bias') };
}

const vectorOf = (t: ParamTensor): StoredTensor => ({ local: t.name, elements: tensorSize(t), linear: undefined, use: 'vector', rowLength: t.shape[t.shape.length - 1]!, category: 'vector' });

/** A block's tensors: its Linear layers (weights, their biases as vectors), and what else it holds (norms, a bare router); null when a Linear's weight is not found. */
const BLOCKS = new WeakMap<LayerRecord, readonly StoredTensor[] | null>();
function blockTensors(record: LayerRecord): readonly StoredTensor[] | null {
  const cached = BLOCKS.get(record);
  if (cached !== undefined) return cached;
  const out: StoredTensor[] = [];
  const claimed = new Set<ParamTensor>();
  for (const l of record.linears) {
    const { weight, bias } = ownTensors(l, record);
    if (weight === undefined) {
      BLOCKS.set(record, null);
      return null;
    }
    claimed.add(weight);
    out.push({ local: weight.name, elements: tensorSize(weight), linear: l, use: l.part === 'router' ? 'router' : 'block', rowLength: l.inFeatures, category: category(record, l) });
    if (bias !== undefined) {
      claimed.add(bias);
      out.push(vectorOf(bias));
    }
  }
  for (const t of record.tensors) {
    if (claimed.has(t)) continue;
    out.push(t.shape.length === 1 ? vectorOf(t) : { local: t.name, elements: tensorSize(t), linear: undefined, use: 'router', rowLength: t.shape[t.shape.length - 1]!, category: 'ffn_gate_inp' });
  }
  BLOCKS.set(record, out);
  return out;
}

/** What a row that is no block stores: vectors, an embedding table, a head (a tied head's weight is the embedding's). */
function otherTensors(kind: string, tensors: readonly ParamTensor[], tied: boolean): StoredTensor[] | undefined {
  if (VECTOR_KINDS.has(kind)) return tensors.map(vectorOf);
  if (kind === 'embedding' || kind === 'posembed') {
    return tensors.map((t) => ({ local: t.name, elements: tensorSize(t), linear: undefined, use: 'embedding', rowLength: t.shape[1]!, category: kind === 'embedding' ? 'token_embd' : 'pos_embd' }));
  }
  if (kind === 'lmhead') {
    return tensors.flatMap((t): StoredTensor[] => {
      if (t.role !== 'weight') return [vectorOf(t)];
      return tied ? [] : [{ local: t.name, elements: tensorSize(t), linear: undefined, use: 'head', rowLength: t.shape[t.shape.length - 1]!, category: 'output' }];
    });
  }
  return undefined;
}

export function storedModel(report: Report): StoredModel {
  const groups: StoredGroup[] = [];
  let experts = 0;
  for (const row of report.rows) {
    if (row.shared !== null || row.record.tensors.length === 0) continue;
    const { kind } = row.record;
    if (row.record.routing !== undefined) experts = Math.max(experts, row.record.routing.experts);
    const tensors = BLOCK_KINDS.has(kind) ? blockTensors(row.record) : otherTensors(kind, row.record.tensors, row.tied !== null);
    if (tensors === null || tensors === undefined) return { ok: false, row: row.module };
    groups.push({ module: row.module, layer: kind === 'embedding' || kind === 'posembed' || kind === 'lmhead' ? null : layerOf(row.module), tensors });
  }
  const layers = new Set(report.rows.filter((r) => r.record.attention !== null).map((r) => layerOf(r.module))).size;
  if (layers === 0) return { ok: false, row: report.rows[0]?.module ?? '-' };
  const tiedHead = report.rows.some((r) => r.record.kind === 'lmhead' && r.tied !== null) || !report.rows.some((r) => r.record.kind === 'lmhead');
  return { ok: true, groups, layers, experts, tiedHead };
}
