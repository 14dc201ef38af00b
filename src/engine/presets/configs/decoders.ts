/**
 * The decoder-only language models that share Llama's shape (transformers' models/llama, mistral,
 * mixtral, qwen2, qwen2_moe, gemma, gemma2, phi3): token embedding, decoder layers, a final RMSNorm, and
 * the head of the architecture (an LM head, tied or not; a classifier `score`; none). What differs is
 * a row of this table: the config class's defaults and the layer the fields make.
 */
import { fail } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import { msg } from '../../../i18n/messages.js';
import { item, type Built, type ConfigFamily } from './family.js';
import type { ConfigReader } from './reader.js';

/** The sizes every decoder config has, as its class's defaults give them when the file does not. */
interface Defaults {
  readonly vocab: number;
  readonly hidden: number;
  readonly intermediate: number;
  readonly layers: number;
  readonly heads: number;
  /** The K/V heads when num_key_value_heads is absent: a number, or as many as the query heads. */
  readonly kvHeads: number | 'heads';
  /** head_dim's default when the class has one (Gemma's 256); else hidden/heads. */
  readonly headDim?: number;
  readonly positions: number;
  readonly tied: boolean;
}

/** A decoder's numbers once read. */
export interface Geometry {
  readonly d: number;
  readonly heads: number;
  readonly kv: number;
  readonly headDim: number;
  readonly intermediate: number;
  readonly layers: number;
}

interface DecoderType {
  /** The transformers class prefix: Llama → LlamaForCausalLM, LlamaModel, LlamaForSequenceClassification. */
  readonly prefix: string;
  readonly file: string;
  readonly defaults: Defaults;
  /** Whether the class reads a head_dim field (getattr(config, "head_dim", ...) in its attention). */
  readonly headDim: boolean;
  /** The def call of each layer, reading the family's own fields. */
  layers(c: ConfigReader, g: Geometry): readonly string[];
  /** The family's fields that have no parameters (rotary settings, dropout, router losses, ...). */
  readonly countFree: readonly string[];
}

/** Fields of every decoder config that have no parameters. */
const DECODER_FREE = [
  'hidden_act',
  'rms_norm_eps',
  'rope_theta',
  'rope_scaling',
  'rope_parameters',
  'attention_dropout',
  'pretraining_tp',
  'use_sliding_window',
  'sliding_window',
  'max_window_layers',
  'layer_types',
];

const every = (g: Geometry, call: string): string[] => Array.from({ length: g.layers }, () => call);
const common = (g: Geometry) => `${g.d} ${g.heads} ${g.kv} ${g.headDim}`;

/** Llama's layer with attention_bias (Q, K, V and O) and mlp_bias, as its config reads them. */
function llamaLayers(c: ConfigReader, g: Geometry): string[] {
  const attention = c.bool('attention_bias', false);
  const mlp = c.bool('mlp_bias', false);
  return every(g, `llama_decoder_layer ${common(g)} ${g.intermediate} qkv_bias=${attention} out_bias=${attention} mlp_bias=${mlp}`);
}

/** Qwen2-MoE: which layers are sparse (transformers' rule: not in mlp_only_layers, and (i + 1) % decoder_sparse_step == 0). */
function qwen2MoeLayers(c: ConfigReader, g: Geometry): string[] {
  const experts = c.int('num_experts', 60, 0);
  const topK = c.int('num_experts_per_tok', 4);
  const moeWidth = c.int('moe_intermediate_size', 1408);
  const shared = c.int('shared_expert_intermediate_size', 5632, 0);
  const step = c.int('decoder_sparse_step', 1);
  const dense = new Set(c.intList('mlp_only_layers', []));
  const qkvBias = c.bool('qkv_bias', true);
  c.countFree(['norm_topk_prob', 'output_router_logits', 'router_aux_loss_coef']);
  const sparse = `qwen2_moe_decoder_layer ${common(g)} ${experts} ${moeWidth} ${topK} ${shared} qkv_bias=${qkvBias}`;
  const plain = `llama_decoder_layer ${common(g)} ${g.intermediate} qkv_bias=${qkvBias} out_bias=false`;
  return Array.from({ length: g.layers }, (_, i) => (!dense.has(i) && experts > 0 && (i + 1) % step === 0 ? sparse : plain));
}

const TYPES: Readonly<Record<string, DecoderType>> = {
  llama: {
    prefix: 'Llama',
    file: 'models/llama/modeling_llama.py',
    defaults: { vocab: 32000, hidden: 4096, intermediate: 11008, layers: 32, heads: 32, kvHeads: 'heads', positions: 2048, tied: false },
    headDim: true,
    layers: llamaLayers,
    countFree: [],
  },
  mistral: {
    prefix: 'Mistral',
    file: 'models/mistral/modeling_mistral.py',
    defaults: { vocab: 32000, hidden: 4096, intermediate: 14336, layers: 32, heads: 32, kvHeads: 8, positions: 131072, tied: false },
    headDim: true,
    layers: (_c, g) => every(g, `llama_decoder_layer ${common(g)} ${g.intermediate}`),
    countFree: [],
  },
  mixtral: {
    prefix: 'Mixtral',
    file: 'models/mixtral/modeling_mixtral.py',
    defaults: { vocab: 32000, hidden: 4096, intermediate: 14336, layers: 32, heads: 32, kvHeads: 8, positions: 131072, tied: false },
    headDim: true,
    layers(c, g) {
      const experts = c.int('num_local_experts', 8);
      const topK = c.int('num_experts_per_tok', 2);
      return every(g, `mixtral_decoder_layer ${common(g)} ${experts} ${g.intermediate} ${topK}`);
    },
    countFree: ['output_router_logits', 'router_aux_loss_coef', 'router_jitter_noise'],
  },
  qwen2: {
    prefix: 'Qwen2',
    file: 'models/qwen2/modeling_qwen2.py',
    defaults: { vocab: 151936, hidden: 4096, intermediate: 22016, layers: 32, heads: 32, kvHeads: 32, positions: 32768, tied: false },
    headDim: true,
    // Qwen2's attention: biases on q_proj, k_proj and v_proj, none on o_proj (no field turns them off).
    layers: (_c, g) => every(g, `llama_decoder_layer ${common(g)} ${g.intermediate} qkv_bias=true out_bias=false`),
    countFree: ['use_mrope'],
  },
  qwen2_moe: {
    prefix: 'Qwen2Moe',
    file: 'models/qwen2_moe/modeling_qwen2_moe.py',
    defaults: { vocab: 151936, hidden: 2048, intermediate: 5632, layers: 24, heads: 16, kvHeads: 16, positions: 32768, tied: false },
    headDim: true,
    layers: qwen2MoeLayers,
    countFree: [],
  },
  gemma: {
    prefix: 'Gemma',
    file: 'models/gemma/modeling_gemma.py',
    defaults: { vocab: 256000, hidden: 3072, intermediate: 24576, layers: 28, heads: 16, kvHeads: 16, headDim: 256, positions: 8192, tied: true },
    headDim: true,
    layers(c, g) {
      const bias = c.bool('attention_bias', false);
      return every(g, `llama_decoder_layer ${common(g)} ${g.intermediate} qkv_bias=${bias} out_bias=${bias} act=gelu`);
    },
    countFree: ['hidden_activation'],
  },
  gemma2: {
    prefix: 'Gemma2',
    file: 'models/gemma2/modeling_gemma2.py',
    defaults: { vocab: 256000, hidden: 2304, intermediate: 9216, layers: 26, heads: 8, kvHeads: 4, headDim: 256, positions: 8192, tied: true },
    headDim: true,
    layers: (c, g) => every(g, `gemma2_decoder_layer ${common(g)} ${g.intermediate} bias=${c.bool('attention_bias', false)}`),
    countFree: ['hidden_activation', 'query_pre_attn_scalar', 'final_logit_softcapping', 'attn_logit_softcapping', 'use_bidirectional_attention', 'cache_implementation', 'sliding_window_size'],
  },
  phi3: {
    prefix: 'Phi3',
    file: 'models/phi3/modeling_phi3.py',
    defaults: { vocab: 32064, hidden: 3072, intermediate: 8192, layers: 32, heads: 32, kvHeads: 'heads', positions: 4096, tied: false },
    headDim: false,
    layers(c, g) {
      // Phi3's projections have no biases whatever the file says; one that asks for them is not what this builds.
      c.require('attention_bias', [false]);
      return every(g, `phi3_decoder_layer ${common(g)} ${g.intermediate}`);
    },
    countFree: ['original_max_position_embeddings', 'resid_pdrop', 'embd_pdrop'],
  },
};

/** Heads, K/V heads and head size as the config gives them (transformers' rules for absent fields). */
export function geometry(c: ConfigReader, defaults: Defaults, readsHeadDim: boolean): Geometry {
  const d = c.int('hidden_size', defaults.hidden);
  const heads = c.int('num_attention_heads', defaults.heads);
  const kv = c.int('num_key_value_heads', defaults.kvHeads === 'heads' ? heads : defaults.kvHeads);
  if (heads % kv !== 0) fail('err.configHeads', { heads: String(heads), kv: String(kv) });
  const fallbackDim = defaults.headDim ?? (d % heads === 0 ? d / heads : fail('err.configHeadDim', { d: String(d), heads: String(heads) }));
  const headDim = readsHeadDim ? c.int('head_dim', fallbackDim) : fallbackDim;
  const layers = c.int('num_hidden_layers', defaults.layers);
  if (layers > LIMITS.layers) fail('err.tooLarge', { token: String(layers), what: 'num_hidden_layers', max: LIMITS.layers.toLocaleString('en-US') });
  return { d, heads, kv, headDim, intermediate: c.int('intermediate_size', defaults.intermediate), layers };
}

/**
 * The decoder layers as one item: `model.layers: { call } x32`; layers of two kinds (a dense layer
 * before mixtures of experts) as a group of runs numbered on (`{ dense } x1`, `{ moe } x26 start=1`).
 */
export function layersItem(label: string, calls: readonly string[]): string {
  const runs: Array<{ call: string; start: number; times: number }> = [];
  for (const [i, call] of calls.entries()) {
    const last = runs[runs.length - 1];
    if (last?.call === call) last.times++;
    else runs.push({ call, start: i, times: 1 });
  }
  if (runs.length === 1) return item(label, `{ ${runs[0]!.call} } x${runs[0]!.times}`);
  return item(label, `{\n${runs.map((r) => `  { ${r.call} } x${r.times}${r.start > 0 ? ` start=${r.start}` : ''}`).join('\n')}\n}`);
}

/** The three architectures of every decoder family: `${P}ForCausalLM`, `${P}Model`, `${P}ForSequenceClassification`. */
export const decoderArchitectures = (prefix: string): readonly string[] => [`${prefix}ForCausalLM`, `${prefix}Model`, `${prefix}ForSequenceClassification`];

/** Embedding, the layers, the final norm and the architecture's head, named as the class names its modules. */
export function decoderBody(c: ConfigReader, architecture: string, vocab: number, d: number, tiedDefault: boolean, layers: string): string[] {
  const base = architecture.endsWith('Model') ? '' : 'model.';
  const tied = c.bool('tie_word_embeddings', tiedDefault);
  const body = [item(`${base}embed_tokens`, `embedding ${vocab} ${d}`), layers, item(`${base}norm`, 'rmsnorm')];
  if (architecture.endsWith('ForCausalLM')) body.push(item('lm_head', `lmhead ${vocab}${tied ? ` tie=${base}embed_tokens` : ''}`));
  if (architecture.endsWith('ForSequenceClassification')) body.push(item('score', `dense ${c.labels()} bias=false`));
  return body;
}

export const decoders: ConfigFamily = {
  modelTypes: Object.keys(TYPES),
  architectures: (modelType) => decoderArchitectures(TYPES[modelType]!.prefix),
  build(c, modelType, architecture): Built {
    const type = TYPES[modelType]!;
    const g = geometry(c, type.defaults, type.headDim);
    const vocab = c.int('vocab_size', type.defaults.vocab);
    const positions = c.int('max_position_embeddings', type.defaults.positions);
    const layers = layersItem(`${architecture.endsWith('Model') ? '' : 'model.'}layers`, type.layers(c, g));
    c.countFree([...DECODER_FREE, ...type.countFree]);
    return {
      input: String(positions),
      body: decoderBody(c, architecture, vocab, g.d, type.defaults.tied, layers),
      source: `transformers ${architecture} (${type.file})`,
      notes: modelType.startsWith('gemma') ? [msg('note.configGemmaNormalizer')] : [],
    };
  },
};
