/**
 * DeepSeek-V2 and V3 (transformers' models/deepseek_v2 and deepseek_v3; DeepSeek's own modeling code
 * builds the same modules): multi-head latent attention in every layer, a gated MLP in the first
 * first_k_dense_replace layers and a mixture of experts in the others (routed and shared experts). V3's
 * group-limited routing (n_group, topk_group) has no parameters; its e_score_correction_bias is a
 * buffer in transformers, said in a note.
 */
import { fail } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import { msg, type MessageRef } from '../../../i18n/messages.js';
import { decoderArchitectures, decoderBody, layersItem } from './decoders.js';
import type { Built, ConfigFamily } from './family.js';
import type { ConfigReader } from './reader.js';

interface Defaults {
  readonly prefix: string;
  readonly file: string;
  readonly vocab: number;
  readonly hidden: number;
  readonly intermediate: number;
  readonly moeIntermediate: number;
  readonly layers: number;
  readonly heads: number;
  readonly shared: number;
  readonly routed: number;
  readonly topK: number | undefined;
  readonly firstDense: number;
  readonly qRank: number;
  readonly positions: number;
  readonly topkMethod: string;
}

/** The config classes' defaults (configuration_deepseek_v2.py, configuration_deepseek_v3.py). */
const DEFAULTS: Readonly<Record<string, Defaults>> = {
  deepseek_v2: {
    prefix: 'DeepseekV2',
    file: 'models/deepseek_v2/modeling_deepseek_v2.py',
    vocab: 32000,
    hidden: 4096,
    intermediate: 11008,
    moeIntermediate: 1407,
    layers: 32,
    heads: 32,
    shared: 2,
    routed: 64,
    topK: undefined,
    firstDense: 0,
    qRank: 1536,
    positions: 2048,
    topkMethod: 'greedy',
  },
  deepseek_v3: {
    prefix: 'DeepseekV3',
    file: 'models/deepseek_v3/modeling_deepseek_v3.py',
    vocab: 129280,
    hidden: 7168,
    intermediate: 18432,
    moeIntermediate: 2048,
    layers: 61,
    heads: 128,
    shared: 1,
    routed: 256,
    topK: 8,
    firstDense: 3,
    qRank: 1536,
    positions: 4096,
    topkMethod: 'noaux_tc',
  },
};

/** Routing methods whose gate has no parameters beyond its weight (noaux_tc adds the correction bias, a buffer). */
const TOPK_METHODS = ['greedy', 'group_limited_greedy', 'noaux_tc'];

const COUNT_FREE = [
  'hidden_act',
  'rms_norm_eps',
  'rope_theta',
  'rope_scaling',
  'rope_parameters',
  'rope_interleave',
  'attention_dropout',
  'pretraining_tp',
  'num_key_value_heads',
  'head_dim',
  'routed_scaling_factor',
  'n_group',
  'topk_group',
  'norm_topk_prob',
  'scoring_func',
  'aux_loss_alpha',
  'seq_aux',
  'ep_size',
];

export const deepseek: ConfigFamily = {
  modelTypes: Object.keys(DEFAULTS),
  architectures: (modelType) => decoderArchitectures(DEFAULTS[modelType]!.prefix),
  build(c: ConfigReader, modelType, architecture): Built {
    const f = DEFAULTS[modelType]!;
    const d = c.int('hidden_size', f.hidden);
    const heads = c.int('num_attention_heads', f.heads);
    const layers = c.int('num_hidden_layers', f.layers);
    if (layers > LIMITS.layers) fail('err.tooLarge', { token: String(layers), what: 'num_hidden_layers', max: LIMITS.layers.toLocaleString('en-US') });
    const kvRank = c.int('kv_lora_rank', 512);
    // q_lora_rank null: one q_proj (DeepSeek-V2-Lite); else the low-rank pair q_a_proj, q_b_proj.
    const qRank = c.intOrNull('q_lora_rank', f.qRank) ?? 0;
    const nope = c.int('qk_nope_head_dim', 128);
    const rope = c.int('qk_rope_head_dim', 64);
    const v = c.int('v_head_dim', 128);
    const bias = c.bool('attention_bias', false);
    c.require('mlp_bias', [false]);
    // DeepSeek's modeling code makes layer i sparse only when i % moe_layer_freq == 0; transformers' always.
    c.require('moe_layer_freq', [1]);
    const routed = c.int('n_routed_experts', f.routed);
    const topK = f.topK === undefined ? c.int('num_experts_per_tok') : c.int('num_experts_per_tok', f.topK);
    const shared = c.int('n_shared_experts', f.shared, 0);
    const firstDense = Math.min(c.int('first_k_dense_replace', f.firstDense, 0), layers);
    const moeWidth = c.int('moe_intermediate_size', f.moeIntermediate);
    const method = c.string('topk_method', f.topkMethod, TOPK_METHODS);
    const mla = `${d} ${heads} ${kvRank} ${qRank} ${nope} ${rope} ${v}`;
    const dense = `deepseek_dense_layer ${mla} ${c.int('intermediate_size', f.intermediate)} bias=${bias}`;
    const sparse = `deepseek_moe_layer ${mla} ${routed} ${moeWidth} ${topK} ${shared * moeWidth} bias=${bias} score_bias=${method === 'noaux_tc'}`;
    const notes: MessageRef[] = method === 'noaux_tc' ? [msg('note.moeScoreBias', { experts: String(routed) })] : [];
    if (c.has('num_nextn_predict_layers')) {
      const mtp = c.int('num_nextn_predict_layers', 0, 0);
      if (mtp > 0) notes.push(msg('note.configMtp', { n: String(mtp) }));
    }
    c.countFree(COUNT_FREE);
    const calls = Array.from({ length: layers }, (_, i) => (i < firstDense ? dense : sparse));
    const vocab = c.int('vocab_size', f.vocab);
    return {
      input: String(c.int('max_position_embeddings', f.positions)),
      body: decoderBody(c, architecture, vocab, d, false, layersItem(`${architecture.endsWith('Model') ? '' : 'model.'}layers`, calls)),
      source: `transformers ${architecture} (${f.file})`,
      notes,
    };
  },
};
