/**
 * Pasted Hugging Face config.json files, counted offline. Each config here is written from the
 * model's published architecture (its model card's or paper's numbers, the field names of the
 * family's transformers config class), not copied; the totals are the presets' (each with its source
 * in presets.test.ts and presets-modern.test.ts) or published where named.
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { toJson } from '../../src/engine/json.js';
import { renderCount } from '../../src/engine/render.js';
import { SUPPORTED_MODEL_TYPES } from '../../src/engine/presets/configs/index.js';
import { errorOf } from '../support/count.js';
import {
  type Config,
  wit,
  BERT_BASE,
  BOOKKEEPING,
  CLIP_B32,
  DEEPSEEK_V2_LITE,
  DEEPSEEK_V3,
  GEMMA2_9B,
  GPT2,
  LLAMA_31_8B,
  MISTRAL_7B,
  MIXTRAL_8X7B,
  PHI3_MINI,
  QWEN25_7B,
  SD15_TEXT,
  T5_SMALL,
  T5_V11_BASE,
  VIT_BASE,
} from '../support/hf-configs.js';

const paste = (config: Config, flags = '') => count(`${flags}\n${JSON.stringify(config, null, 2)}`);
const total = (config: Config) => paste(config).report.counts.total;

/** [name, config, total, the preset it must agree with (or where the total comes from)] */
const FAMILIES: ReadonlyArray<readonly [string, Config, bigint, string]> = [
  ['llama (Llama-3.1-8B)', LLAMA_31_8B, 8_030_261_248n, 'llama-3.1-8b'],
  ['mistral (Mistral-7B-v0.1)', MISTRAL_7B, 7_241_732_096n, 'mistral-7b'],
  ['mixtral (Mixtral-8x7B)', MIXTRAL_8X7B, 46_702_792_704n, 'mixtral-8x7b'],
  ['qwen2 (Qwen2.5-7B)', QWEN25_7B, 7_615_616_512n, 'qwen2.5-7b'],
  ['gemma2 (Gemma-2-9B)', GEMMA2_9B, 9_241_705_984n, 'gemma-2-9b'],
  ['phi3 (Phi-3-mini)', PHI3_MINI, 3_821_079_552n, 'phi-3-mini'],
  ['deepseek_v2 (DeepSeek-V2-Lite)', DEEPSEEK_V2_LITE, 15_706_484_224n, 'deepseek-v2-lite'],
  ['gpt2 (GPT-2, tied head)', GPT2, 124_439_808n, 'gpt2'],
  ['t5 (t5-small, tied head)', T5_SMALL, 60_506_624n, 't5-small'],
  ['clip (CLIP ViT-B/32)', CLIP_B32, 151_277_313n, 'clip-vit-b-32'],
  ['clip_text_model (SD 1.5 text encoder)', SD15_TEXT, 123_060_480n, 'sd15-text-encoder'],
  // google/vit-base-patch16-224 (ViTForImageClassification, 1000 labels): the same modules as torchvision's vit_b_16.
  ['vit (ViT-B/16, 1000 classes)', VIT_BASE, 86_567_656n, 'vit_b_16'],
];

describe.each(FAMILIES)('%s', (_name, config, expected, preset) => {
  it(`counts ${expected.toLocaleString('en-US')}, as the preset ${preset}`, () => {
    expect(total(config)).toBe(expected);
    expect(count(preset).report.counts.total).toBe(expected);
  });
});

describe('a config and its preset are one model: the same rows, by the same module names', () => {
  it.each([
    [LLAMA_31_8B, 'llama-3.1-8b'],
    [QWEN25_7B, 'qwen2.5-7b'],
    [MIXTRAL_8X7B, 'mixtral-8x7b'],
    [GEMMA2_9B, 'gemma-2-9b'],
    [PHI3_MINI, 'phi-3-mini'],
    [DEEPSEEK_V2_LITE, 'deepseek-v2-lite'],
    [CLIP_B32, 'clip-vit-b-32'],
    [SD15_TEXT, 'sd15-text-encoder'],
  ] as const)('%#: %s', (config, preset) => {
    const rows = (r: ReturnType<typeof count>) => r.report.rows.filter((x) => x.counts.total > 0n).map((x) => [x.module, x.counts.total]);
    expect(rows(paste(config))).toEqual(rows(count(preset)));
  });
});

describe('families without a preset, each total derived here', () => {
  it('DeepSeek-V3: 671,026,404,352 (DeepSeek\'s "671B total, 37B activated"), active 37,552,282,624', () => {
    // Independently: MLA with q_lora 1536 per layer; 3 dense layers (18432), 58 MoE layers (256 + 1 shared of 2048).
    const mla = 7168n * 1536n + 1536n + 1536n * 128n * 192n + 7168n * 576n + 512n + 512n * 128n * 256n + 128n * 128n * 7168n;
    const dense = mla + 2n * 7168n + 3n * 7168n * 18432n;
    const expert = 3n * 7168n * 2048n;
    const moe = mla + 2n * 7168n + 256n * 7168n + 257n * expert;
    const all = 2n * 129280n * 7168n + 3n * dense + 58n * moe + 7168n;
    expect(all).toBe(671_026_404_352n);
    const result = paste(DEEPSEEK_V3);
    expect(result.report.counts.total).toBe(all);
    expect(result.report.active).toBe(all - 58n * 248n * expert);
    expect(result.report.active).toBe(37_552_282_624n);
  });
  it('T5 v1.1 base: gated feed-forward (wi_0, wi_1, wo) and an untied head', () => {
    // shared 32128·768; encoder 12 × (4·768² + 3·768·2048 + 2·768) + 32·12 + 768; decoder 12 × (8·768² + 3·768·2048 + 3·768) + 32·12 + 768; lm_head 32128·768
    const enc = 12n * (4n * 768n * 768n + 3n * 768n * 2048n + 2n * 768n) + 32n * 12n + 768n;
    const dec = 12n * (8n * 768n * 768n + 3n * 768n * 2048n + 3n * 768n) + 32n * 12n + 768n;
    expect(total(T5_V11_BASE)).toBe(2n * 32128n * 768n + enc + dec);
    expect(total(T5_V11_BASE)).toBe(247_577_856n);
  });
  it('BERT base as its config names it, BertForMaskedLM: no pooler, the prediction head, the decoder tied', () => {
    // BertModel without the pooler 108,891,648 (presets.test.ts) + transform.dense 768² + 768 + LayerNorm 2·768 + decoder bias 30,522
    expect(total(BERT_BASE)).toBe(108_891_648n + 590_592n + 1_536n + 30_522n);
    expect(total(wit(BERT_BASE, { architectures: ['BertModel'] }))).toBe(109_482_240n);
    expect(total(wit(BERT_BASE, { architectures: ['BertForSequenceClassification'], id2label: { 0: 'no', 1: 'yes' } }))).toBe(109_482_240n + 768n * 2n + 2n);
  });
  it('Qwen1.5-MoE-A2.7B (qwen2_moe): 60 experts, 4 per token, a shared expert with its gate', () => {
    const config = {
      architectures: ['Qwen2MoeForCausalLM'],
      model_type: 'qwen2_moe',
      vocab_size: 151936,
      hidden_size: 2048,
      intermediate_size: 5632,
      num_hidden_layers: 24,
      num_attention_heads: 16,
      num_key_value_heads: 16,
      num_experts: 60,
      num_experts_per_tok: 4,
      moe_intermediate_size: 1408,
      shared_expert_intermediate_size: 5632,
      decoder_sparse_step: 1,
      mlp_only_layers: [],
      norm_topk_prob: false,
      output_router_logits: false,
      router_aux_loss_coef: 0.001,
      max_position_embeddings: 8192,
      tie_word_embeddings: false,
      ...BOOKKEEPING,
    };
    const attention = 2048n * 2048n * 4n + 3n * 2048n;
    const mlp = 60n * 2048n + 60n * 3n * 2048n * 1408n + 3n * 2048n * 5632n + 2048n;
    const all = 2n * 151936n * 2048n + 24n * (attention + mlp + 2n * 2048n) + 2048n;
    expect(total(config)).toBe(all); // Qwen's blog: "14.3B parameters in total and 2.7B activated"
    expect(all).toBe(14_315_784_192n);
    // mlp_only_layers makes those layers dense, numbered in place
    const mixed = paste(wit(config, { mlp_only_layers: [0] }));
    expect(mixed.report.rows.find((r) => r.module === 'model.layers.0.mlp')?.record.kind).toBe('glu');
    expect(mixed.report.rows.find((r) => r.module === 'model.layers.1.mlp')?.record.kind).toBe('moe');
  });
  it('architectures change the head: a model without one, a classifier', () => {
    expect(total(wit(LLAMA_31_8B, { architectures: ['LlamaModel'] }))).toBe(8_030_261_248n - 128256n * 4096n);
    expect(paste(wit(LLAMA_31_8B, { architectures: ['LlamaModel'] })).report.rows[0]!.module).toBe('embed_tokens');
    expect(total(wit(LLAMA_31_8B, { architectures: ['LlamaForSequenceClassification'], num_labels: 3 }))).toBe(8_030_261_248n - 128256n * 4096n + 3n * 4096n);
    expect(total(wit(GPT2, { architectures: ['GPT2Model'] }))).toBe(124_439_808n);
    expect(total(wit(T5_SMALL, { architectures: ['T5EncoderModel'] }))).toBe(16_449_536n + 6n * (4n * 512n * 512n + 2n * 512n * 2048n + 2n * 512n) + 32n * 8n + 512n);
  });
  it("Llama's own switches: attention_bias, mlp_bias, head_dim, tied embeddings", () => {
    const base = 8_030_261_248n;
    expect(total(wit(LLAMA_31_8B, { attention_bias: true }))).toBe(base + 32n * (4096n + 2n * 1024n + 4096n));
    expect(total(wit(LLAMA_31_8B, { mlp_bias: true }))).toBe(base + 32n * (2n * 14336n + 4096n));
    expect(total(wit(LLAMA_31_8B, { tie_word_embeddings: true }))).toBe(base - 128256n * 4096n);
    // head_dim 64 halves every projection's head width (Llama 3.2 1B has 64)
    expect(total(wit(LLAMA_31_8B, { head_dim: 64 }))).toBe(base - 32n * (4096n * 2048n + 2n * 4096n * 512n + 2048n * 4096n));
  });
});

describe('what the answer says it read', () => {
  it('the fields used, the defaults assumed, the fields ignored', () => {
    const text = renderCount(paste(wit(MISTRAL_7B, { max_position_embeddings: undefined })), 'en');
    expect(text).toContain('MistralForCausalLM, read from config.json (model_type mistral): transformers MistralForCausalLM (models/mistral/modeling_mistral.py)');
    expect(text).toMatch(/Fields used: model_type mistral, architectures MistralForCausalLM, hidden_size 4096, num_attention_heads 32, num_key_value_heads 8,/);
    expect(text).toContain("Defaults assumed (the config class's, as transformers takes them): head_dim 128, max_position_embeddings 131072.");
    expect(text).toMatch(/Read and ignored \(no parameters\): [^\n]*sliding_window/);
    expect(text).toMatch(/Read and ignored \(no parameters\): [^\n]*rope_theta/);
    expect(renderCount(paste(MISTRAL_7B), 'zh-TW')).toContain('讀自 config.json（model_type mistral）');
  });
  it('--json carries the reading, active and total', () => {
    const json = JSON.parse(toJson(paste(MIXTRAL_8X7B, '--json'))) as { total: number; active: number; config: { modelType: string; used: Record<string, string>; ignored: string[] } };
    expect(json.total).toBe(46_702_792_704);
    expect(json.active).toBe(12_879_925_248);
    expect(json.config.modelType).toBe('mixtral');
    expect(json.config.used.num_local_experts).toBe('8');
    expect(json.config.ignored).toContain('router_aux_loss_coef');
  });
  it("a Markdown fence and flags around the JSON are fine; no architectures builds the family's first", () => {
    expect(count(`--memory\n\`\`\`json\n${JSON.stringify(GPT2)}\n\`\`\``).request.memory).toBe(true);
    const text = renderCount(paste(wit(GPT2, { architectures: undefined })), 'en');
    expect(text).toContain("config.json names no architecture: GPT2LMHeadModel, the family's first, is built.");
  });
  it("DeepSeek-V3 says what it leaves out: the checkpoint's multi-token-prediction layer, the routing bias buffer", () => {
    const text = renderCount(paste(DEEPSEEK_V3), 'en');
    expect(text).toContain('num_nextn_predict_layers 1');
    expect(text).toContain('e_score_correction_bias');
    expect(text).toContain('quantization_config: the checkpoint stores its weights as fp8');
  });
});

describe('a config that cannot be counted exactly is refused, naming why', () => {
  it('an unsupported model_type is one line listing the supported ones', () => {
    const error = errorOf(JSON.stringify({ model_type: 'mamba', hidden_size: 768 }));
    expect(error).toBe(`config.json: model_type \`mamba\` is not one this reads; it reads ${SUPPORTED_MODEL_TYPES.join(', ')}.`);
    for (const family of ['llama', 'mistral', 'mixtral', 'qwen2', 'qwen2_moe', 'gemma', 'gemma2', 'phi3', 'deepseek_v2', 'deepseek_v3', 'gpt2', 'bert', 't5', 'vit', 'clip']) {
      expect(SUPPORTED_MODEL_TYPES).toContain(family);
    }
  });
  it.each([
    // a field this reader does not know might change the count
    [wit(LLAMA_31_8B, { num_local_experts: 8 }), /`num_local_experts` is not a field this reader knows for llama/],
    [wit(DEEPSEEK_V2_LITE, { moe_layer_freq: 2 }), /`moe_layer_freq` = `2` changes the architecture/],
    [wit(BERT_BASE, { position_embedding_type: 'relative_key' }), /`position_embedding_type` = `relative_key`/],
    [wit(GPT2, { add_cross_attention: true }), /`add_cross_attention` = `true`/],
    [wit(BERT_BASE, { pruned_heads: { 0: [1, 2] } }), /`pruned_heads`/],
    [wit(LLAMA_31_8B, { hidden_size: '4096' }), /`hidden_size` is `4096`; expected a whole number from 1/],
    [wit(LLAMA_31_8B, { num_key_value_heads: 7 }), /num_key_value_heads 7 must divide num_attention_heads 32/],
    [
      wit(LLAMA_31_8B, { architectures: ['LlamaForTokenClassification'] }),
      /`LlamaForTokenClassification` is not an architecture of llama this builds; it builds LlamaForCausalLM, LlamaModel, LlamaForSequenceClassification/,
    ],
    [wit(T5_SMALL, { feed_forward_proj: 'gated-tanh' }), /`feed_forward_proj` = `gated-tanh`/],
    [wit(LLAMA_31_8B, { num_hidden_layers: 1_000_000 }), /too large for num_hidden_layers/],
    [wit(MIXTRAL_8X7B, { num_local_experts: 100_000 }), /too large for EXPERTS/],
  ])('%#', (config, message) => {
    expect(errorOf(JSON.stringify(config))).toMatch(message);
  });
  it('JSON that does not parse, or a JSON object that is no config', () => {
    expect(errorOf('{"model_type": "llama", "hidden_size": 4096,}')).toMatch(/^That looks like a config.json but is not valid JSON: /);
    expect(errorOf('{"hidden_size": 4096}')).toMatch(/names no model_type or architectures/);
  });
  it('a config with only its architectures is read by them', () => {
    expect(total(wit(GPT2, { model_type: undefined }))).toBe(124_439_808n);
  });
});
