/**
 * A decoder language model's parameters as a quantized checkpoint sees them: each tensor with what
 * it is for (a matrix of a transformer block, a router, the token embedding, the LM head, a norm or
 * bias vector) and, for llama.cpp, its GGUF category and layer. Quantizers are written for decoder
 * LMs; a model with anything else (a convolution, a pooler, a classifier) is not one they take, and
 * the figures are refused naming the row.
 */
import { tensorSize } from '../counts.js';
import type { Report, Row } from '../model.js';
import type { LinearModule, ParamTensor } from '../types.js';

/** llama.cpp's tensor categories (src/llama-quant.cpp, tensor_get_category), and what it never quantizes. */
export type GgufCategory =
  | 'token_embd' | 'output' | 'attn_q' | 'attn_k' | 'attn_v' | 'attn_qkv' | 'attn_output' | 'ffn_gate' | 'ffn_up' | 'ffn_down'
  | 'ffn_gate_inp' | 'pos_embd' | 'vector' | 'other';

export interface StoredTensor {
  /** The state-dict name: the row's module and the tensor's (`model.layers.0.self_attn.q_proj.weight`). */
  readonly name: string;
  readonly elements: bigint;
  /** A Linear inside a block, with its sizes: what GPTQ, AWQ and bitsandbytes quantize. */
  readonly linear: Pick<LinearModule, 'inFeatures' | 'outFeatures'> | undefined;
  /** The matrices the group-wise quantizers leave at 16 bits though they are Linear layers: routers, the LM head. */
  readonly use: 'block' | 'router' | 'head' | 'embedding' | 'vector';
  /** GGUF: the length of a row (ne[0]: a Linear's in_features, an embedding's width) and the tensor's category and layer. */
  readonly rowLength: number;
  readonly category: GgufCategory;
  readonly layer: number | null;
}

export type StoredModel = { readonly ok: true; readonly tensors: readonly StoredTensor[]; readonly layers: number; readonly experts: number; readonly tiedHead: boolean } | { readonly ok: false; readonly row: string };

/** Rows of these kinds make a decoder LM (the rest have no parameters, or are not what quantizers take). */
const BLOCK_KINDS = new Set(['attention', 'mla', 'glu', 'mlp', 'moe']);
const VECTOR_KINDS = new Set(['rmsnorm', 'ln']);

/** The layer a row belongs to: the first number in its module path (model.layers.3.self_attn → 3, transformer.h.5.attn → 5). */
const layerOf = (module: string): number | null => {
  const m = /(?:^|\.)(\d+)(?:\.|$)/.exec(module);
  return m ? Number(m[1]) : null;
};

function category(row: Row, l: LinearModule): GgufCategory {
  if (row.record.kind === 'mla') return 'other';
  const roles = l.roles;
  if (roles.length === 3) return 'attn_qkv';
  if (roles.length === 1) return ({ q: 'attn_q', k: 'attn_k', v: 'attn_v', o: 'attn_output' } as const)[roles[0]!];
  if (l.part === 'router') return 'ffn_gate_inp';
  if (l.part !== undefined) return ({ gate: 'ffn_gate', up: 'ffn_up', down: 'ffn_down' } as const)[l.part];
  return 'other';
}

/** A Linear's weight and its bias among a record's tensors (PyTorch's `q_proj.weight`, `q_proj.bias`; Keras's `q_proj/kernel`). */
function ownTensors(l: LinearModule, tensors: readonly ParamTensor[]): { weight: ParamTensor | undefined; bias: ParamTensor | undefined } {
  const named = (sep: string, leaf: string) => tensors.find((t) => t.name === (l.name === '' ? leaf : `${l.name}${sep}${leaf}`));
  return { weight: named('.', 'weight') ?? named('/', 'kernel'), bias: named('.', 'bias') ?? named('/', 'bias') };
}

export function storedModel(report: Report): StoredModel {
  const tensors: StoredTensor[] = [];
  const full = (row: Row, t: ParamTensor) => (t.name === '' ? row.module : `${row.module}.${t.name}`);
  let experts = 0;
  for (const row of report.rows) {
    if (row.shared !== null || row.record.tensors.length === 0) continue;
    const { kind } = row.record;
    const layer = layerOf(row.module);
    const vector = (t: ParamTensor): StoredTensor => ({ name: full(row, t), elements: tensorSize(t), linear: undefined, use: 'vector', rowLength: t.shape[t.shape.length - 1]!, category: 'vector', layer });
    if (BLOCK_KINDS.has(kind)) {
      if (row.record.routing !== undefined) experts = Math.max(experts, row.record.routing.experts);
      const claimed = new Set<ParamTensor>();
      for (const l of row.record.linears) {
        const { weight, bias } = ownTensors(l, row.record.tensors);
        if (weight === undefined) return { ok: false, row: row.module };
        claimed.add(weight);
        const cat = category(row, l);
        tensors.push({ name: full(row, weight), elements: tensorSize(weight), linear: l, use: l.part === 'router' ? 'router' : 'block', rowLength: l.inFeatures, category: cat, layer });
        if (bias !== undefined) {
          claimed.add(bias);
          tensors.push(vector(bias));
        }
      }
      // What a block holds beside its Linear layers: the norms inside latent attention (1-D), a router kept as a bare parameter.
      for (const t of row.record.tensors) {
        if (claimed.has(t)) continue;
        if (t.shape.length === 1) tensors.push(vector(t));
        else tensors.push({ name: full(row, t), elements: tensorSize(t), linear: undefined, use: 'router', rowLength: t.shape[t.shape.length - 1]!, category: 'ffn_gate_inp', layer });
      }
    } else if (VECTOR_KINDS.has(kind)) {
      tensors.push(...row.record.tensors.map(vector));
    } else if (kind === 'embedding' || kind === 'posembed') {
      const [t] = row.record.tensors;
      tensors.push({ name: full(row, t!), elements: tensorSize(t!), linear: undefined, use: 'embedding', rowLength: t!.shape[1]!, category: kind === 'embedding' ? 'token_embd' : 'pos_embd', layer: null });
    } else if (kind === 'lmhead') {
      // A tied head's weight is the embedding's (not stored twice); a head's own bias is a vector.
      for (const t of row.record.tensors) {
        if (row.tied !== null && t.role === 'weight') continue;
        tensors.push(t.role === 'weight' ? { name: full(row, t), elements: tensorSize(t), linear: undefined, use: 'head', rowLength: t.shape[t.shape.length - 1]!, category: 'output', layer: null } : vector(t));
      }
    } else {
      return { ok: false, row: row.module };
    }
  }
  const layers = new Set(report.rows.filter((r) => r.record.attention !== null).map((r) => layerOf(r.module))).size;
  if (layers === 0) return { ok: false, row: report.rows[0]?.module ?? '-' };
  const tiedHead = report.rows.some((r) => r.record.kind === 'lmhead' && r.tied !== null) || !report.rows.some((r) => r.record.kind === 'lmhead');
  return { ok: true, tensors, layers, experts, tiedHead };
}
