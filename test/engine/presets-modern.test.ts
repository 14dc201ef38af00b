/**
 * The models a 2026 class asks about: each preset's total, where it is published, and where it is
 * not published to the unit, the same total computed here independently of the engine, from the
 * architecture as transformers and diffusers build it (plain arithmetic over the config's numbers).
 * Active counts of the mixtures of experts follow both published conventions.
 */
import { describe, expect, it } from 'vitest';
import { activeCounts } from '../../src/engine/active.js';
import { count } from '../../src/engine/count.js';
import { toJson } from '../../src/engine/json.js';
import { blockTable } from '../../src/engine/model.js';
import { renderCount } from '../../src/engine/render.js';
import { errorOf } from '../support/count.js';

const n = BigInt;

/** A decoder LM as transformers builds it: embeddings, L layers, a final norm, a head (tied or not). */
function decoderLm(o: { vocab: number; d: number; layers: bigint; tied: boolean }): bigint {
  const embedding = n(o.vocab) * n(o.d);
  return embedding + o.layers + n(o.d) + (o.tied ? 0n : embedding);
}
/** q, k, v, o of heads × head_dim (kv heads for K and V), biases on Q/K/V and O as given. */
function attention(d: number, heads: number, kv: number, dh: number, qkvBias = false, outBias = false): bigint {
  const [q, k] = [n(heads * dh), n(kv * dh)];
  return n(d) * (q + 2n * k) + (qkvBias ? q + 2n * k : 0n) + q * n(d) + (outBias ? n(d) : 0n);
}
const gated = (d: number, f: number): bigint => 3n * n(d) * n(f);

/** [spec, total, where the number comes from] */
const TOTALS: ReadonlyArray<readonly [string, number, string]> = [
  // Given by the class's issue and published on meta-llama/Llama-3.1-8B (safetensors: 8.03B params);
  // the same architecture as Llama 3 8B: 2·128256·4096 + 32·(attention + 3·4096·14336 + 2·4096) + 4096.
  ['llama-3.1-8b', 8_030_261_248, 'Meta Llama 3.1 8B, the Llama 3 architecture'],
  // Qwen2.5 Technical Report (arXiv:2412.15115), Table 1 lists 7.61B for Qwen2.5-7B; the unit figure is
  // the class issue's and the independent computation below.
  ['qwen2.5-7b', 7_615_616_512, 'Qwen2.5-7B'],
  // Mistral AI, "Mixtral of experts" (mistral.ai/news/mixtral-of-experts, Dec 2023): 46.7B total,
  // 12.9B per token; the unit figures are the class issue's and the computation below.
  ['mixtral-8x7b', 46_702_792_704, 'Mixtral-8x7B'],
  // Gemma 2 report (arXiv:2408.00118), Table 1: 9B = 917,504,000 embedding + 8,324,201,984
  // non-embedding parameters = 9,241,705,984 (read in the table; the LM head is tied).
  ['gemma-2-9b', 9_241_705_984, 'Gemma 2 9B'],
  // Phi-3 Technical Report (arXiv:2404.14219) says "3.8B"; the unit figure is computed below (not published).
  ['phi-3-mini', 3_821_079_552, 'Phi-3-mini-4k-instruct'],
  // DeepSeek-V2 (arXiv:2405.04434), Appendix B and the model card: "15.7B parameters in total"; the unit
  // figure is computed below (the Hub's safetensors metadata shows the same 15,706,484,224).
  ['deepseek-v2-lite', 15_706_484_224, 'DeepSeek-V2-Lite'],
  // CLIP ViT-B/32 (transformers CLIPModel): 151,277,313, computed below from the architecture
  // (OpenAI's repository and the Hub list no unit figure).
  ['clip-vit-b-32', 151_277_313, 'openai/clip-vit-base-patch32'],
  // LLaVA-1.5-7B (llava-hf/llava-1.5-7b-hf; the Hub shows 7.06B): vision tower, projector, language model,
  // each computed below.
  ['llava-1.5-7b', 7_063_427_072, 'llava-hf/llava-1.5-7b-hf'],
  // Given by the class's issue: diffusers' UNet2DConditionModel of Stable Diffusion 1.5, the "860M UNet"
  // of the CompVis README.
  ['sd15-unet', 859_520_964, 'Stable Diffusion 1.5 UNet'],
  // Computed below; the decoder half (post_quant_conv + decoder, 49,490,199) is published on
  // huggingface.co/ferrotorch/sd-v1-5-vae-decoder ("Number of trainable parameters in the decoder slice").
  ['sd15-vae', 83_653_863, 'Stable Diffusion 1.5 AutoencoderKL'],
  // CompVis's README: "123M text encoder"; the unit figure is computed below (CLIP ViT-L/14's text tower).
  ['sd15-text-encoder', 123_060_480, 'Stable Diffusion 1.5 CLIPTextModel'],
];

describe.each(TOTALS)('%s', (spec, total) => {
  it(`has ${total.toLocaleString('en-US')} parameters`, () => {
    expect(count(spec).report.counts.total).toBe(BigInt(total));
  });
});

describe('the totals, computed independently of the engine', () => {
  it('Llama 3.1 8B', () => {
    const layer = attention(4096, 32, 8, 128) + gated(4096, 14336) + 2n * 4096n;
    expect(decoderLm({ vocab: 128256, d: 4096, layers: 32n * layer, tied: false })).toBe(8_030_261_248n);
  });
  it('Qwen2.5-7B: biases on q, k and v only', () => {
    const layer = attention(3584, 28, 4, 128, true, false) + gated(3584, 18944) + 2n * 3584n;
    expect(decoderLm({ vocab: 152064, d: 3584, layers: 28n * layer, tied: false })).toBe(7_615_616_512n);
  });
  it('Mixtral-8x7B: 8 experts and a router per layer', () => {
    const layer = attention(4096, 32, 8, 128) + 8n * 4096n + 8n * gated(4096, 14336) + 2n * 4096n;
    expect(decoderLm({ vocab: 32000, d: 4096, layers: 32n * layer, tied: false })).toBe(46_702_792_704n);
  });
  it('Gemma 2 9B: heads of 256, four norms a layer, tied', () => {
    const layer = attention(3584, 16, 8, 256) + gated(3584, 14336) + 4n * 3584n;
    expect(decoderLm({ vocab: 256000, d: 3584, layers: 42n * layer, tied: true })).toBe(9_241_705_984n);
    expect(42n * layer + 3584n).toBe(8_324_201_984n); // the report's non-embedding figure
  });
  it('Phi-3-mini: fused qkv_proj and gate_up_proj count as separate matrices', () => {
    const layer = 3072n * (3n * 3072n) + 3072n * 3072n + 3072n * (2n * 8192n) + 8192n * 3072n + 2n * 3072n;
    expect(decoderLm({ vocab: 32064, d: 3072, layers: 32n * layer, tied: false })).toBe(3_821_079_552n);
  });
  it('DeepSeek-V2-Lite: latent attention, one dense layer, 26 mixtures of experts', () => {
    // q_proj 2048→16·192; kv_a_proj_with_mqa 2048→512+64; kv_a_layernorm 512; kv_b_proj 512→16·256; o_proj 16·128→2048
    const mla = 2048n * 3072n + 2048n * 576n + 512n + 512n * 4096n + 2048n * 2048n;
    const norms = 2n * 2048n;
    const dense = mla + norms + gated(2048, 10944);
    const moe = mla + norms + 64n * 2048n + 64n * gated(2048, 1408) + gated(2048, 2 * 1408);
    expect(decoderLm({ vocab: 102400, d: 2048, layers: dense + 26n * moe, tied: false })).toBe(15_706_484_224n);
  });
});

/** A CLIP encoder layer: two LayerNorms, q, k, v, out projections with biases, fc1 and fc2. */
const clipLayer = (d: number, f: number): bigint => 2n * 2n * n(d) + 4n * (n(d) * n(d) + n(d)) + n(d) * n(f) + n(f) + n(f) * n(d) + n(d);
/** A CLIP text tower: token and position tables, the layers, the final LayerNorm. */
const clipText = (vocab: number, d: number, f: number, layers: bigint): bigint => n(vocab) * n(d) + 77n * n(d) + layers * clipLayer(d, f) + 2n * n(d);
/** A CLIP vision tower: the patch convolution (no bias), class token, positions, two LayerNorms around the layers. */
const clipVision = (d: number, f: number, layers: bigint, patch: number, side: number): bigint =>
  3n * n(patch * patch) * n(d) + n(d) + (n((side / patch) ** 2) + 1n) * n(d) + 2n * 2n * n(d) + layers * clipLayer(d, f);

describe('the multimodal and diffusion totals, computed independently', () => {
  it('CLIP ViT-B/32: both towers, both projections and logit_scale', () => {
    const text = clipText(49408, 512, 2048, 12n);
    const vision = clipVision(768, 3072, 12n, 32, 224);
    expect([text, vision]).toEqual([63_165_952n, 87_456_000n]);
    expect(text + vision + 768n * 512n + 512n * 512n + 1n).toBe(151_277_313n);
  });
  it("SD 1.5 text encoder: CLIP ViT-L/14's text tower", () => {
    expect(clipText(49408, 768, 3072, 12n)).toBe(123_060_480n);
  });
  it('LLaVA-1.5-7B: CLIP ViT-L/14 at 336, a two-layer projector, Vicuna-7B with 32,064 tokens', () => {
    const vision = clipVision(1024, 4096, 24n, 14, 336);
    const projector = 1024n * 4096n + 4096n + 4096n * 4096n + 4096n;
    const layer = attention(4096, 32, 32, 128) + gated(4096, 11008) + 2n * 4096n;
    const lm = decoderLm({ vocab: 32064, d: 4096, layers: 32n * layer, tied: false });
    expect([vision, projector, lm]).toEqual([303_507_456n, 20_979_712n, 6_738_939_904n]);
    const blocks = blockTable(count('llava-1.5-7b').report).map((b) => [b.name, b.counts.total]);
    expect(blocks).toEqual([
      ['vision_tower.vision_model', vision],
      ['multi_modal_projector', projector],
      ['language_model', lm],
    ]);
  });
  it('SD 1.5 VAE: encoder, quant convs, decoder', () => {
    const conv = (i: number, o: number, k: number) => n(i) * n(o) * n(k * k) + n(o);
    const gn = (c: number) => 2n * n(c);
    const resnet = (i: number, o: number) => gn(i) + conv(i, o, 3) + gn(o) + conv(o, o, 3) + (i === o ? 0n : conv(i, o, 1));
    const attn = (c: number) => gn(c) + 4n * (n(c) * n(c) + n(c));
    const mid = (c: number) => resnet(c, c) + attn(c) + resnet(c, c);
    const encoder =
      conv(3, 128, 3) +
      [
        [128, 128],
        [128, 256],
        [256, 512],
        [512, 512],
      ].reduce((a, [i, o], level) => a + resnet(i!, o!) + resnet(o!, o!) + (level < 3 ? conv(o!, o!, 3) : 0n), 0n) +
      mid(512) +
      gn(512) +
      conv(512, 8, 3);
    const decoder =
      conv(4, 512, 3) +
      mid(512) +
      [
        [512, 512],
        [512, 512],
        [512, 256],
        [256, 128],
      ].reduce((a, [i, o], level) => a + resnet(i!, o!) + 2n * resnet(o!, o!) + (level < 3 ? conv(o!, o!, 3) : 0n), 0n) +
      gn(128) +
      conv(128, 3, 3);
    expect(conv(4, 4, 1) + decoder).toBe(49_490_199n); // the published decoder half
    expect(encoder + conv(8, 8, 1) + conv(4, 4, 1) + decoder).toBe(83_653_863n);
  });
});

describe('mixture of experts: total and active', () => {
  it("Mixtral-8x7B: 12,879,925,248 active, both embedding tables included (Mistral's 12.9B)", () => {
    const result = count('mixtral-8x7b');
    // 46,702,792,704 − 32 layers × 6 idle experts × 3·4096·14336
    expect(result.report.active).toBe(46_702_792_704n - 32n * 6n * gated(4096, 14336));
    expect(result.report.active).toBe(12_879_925_248n);
    const json = JSON.parse(toJson(count('mixtral-8x7b --json'))) as { total: number; active: number };
    expect([json.total, json.active]).toEqual([46_702_792_704, 12_879_925_248]);
    expect(renderCount(result, 'en')).toContain('Active parameters per token: 12,879,925,248 of 46,702,792,704 (27.6%)');
  });
  it('DeepSeek-V2-Lite: 2.66B with both tables, 2.45B without the input embedding (DeepSeek\'s "2.4B")', () => {
    const a = activeCounts(count('deepseek-v2-lite').report)!;
    expect(a.active).toBe(15_706_484_224n - 26n * 58n * gated(2048, 1408));
    expect(a.active).toBe(2_661_150_208n);
    expect(a.withoutInputEmbedding).toBe(2_661_150_208n - 102400n * 2048n);
    const text = renderCount(count('deepseek-v2-lite'), 'en');
    expect(text).toContain("2,451,435,008 (DeepSeek's convention");
    expect(renderCount(count('deepseek-v2-lite'), 'zh-TW')).toContain('每個詞元啟用的參數');
  });
  it('a dense model has no active line', () => {
    expect(count('llama-3.1-8b').report.active).toBeNull();
    expect(JSON.parse(toJson(count('llama-3.1-8b --json')))).not.toHaveProperty('active');
  });
});

describe("rows carry the framework's module names", () => {
  it('LlamaForCausalLM: model.embed_tokens, model.layers.N.self_attn, lm_head', () => {
    const rows = count('llama-3.1-8b').report.rows;
    expect(rows.slice(0, 5).map((r) => r.module)).toEqual([
      'model.embed_tokens',
      'model.layers.0.input_layernorm',
      'model.layers.0.self_attn',
      'model.layers.0.post_attention_layernorm',
      'model.layers.0.mlp',
    ]);
    expect(rows.at(-1)!.module).toBe('lm_head');
    // a row's module and its tensors' names make the state dict's keys
    expect(rows[2]!.record.tensors.map((t) => `${rows[2]!.module}.${t.name}`)).toEqual([
      'model.layers.0.self_attn.q_proj.weight',
      'model.layers.0.self_attn.k_proj.weight',
      'model.layers.0.self_attn.v_proj.weight',
      'model.layers.0.self_attn.o_proj.weight',
    ]);
  });
  it('Mixtral names its experts w1, w3, w2; DeepSeek numbers its layers on after the dense one', () => {
    const moe = count('mixtral-8x7b').report.rows.find((r) => r.record.kind === 'moe')!;
    expect(moe.module).toBe('model.layers.0.block_sparse_moe');
    expect(moe.record.tensors.slice(0, 4).map((t) => t.name)).toEqual(['gate.weight', 'experts.0.w1.weight', 'experts.0.w3.weight', 'experts.0.w2.weight']);
    const modules = count('deepseek-v2-lite')
      .report.rows.filter((r) => r.record.kind === 'mla')
      .map((r) => r.module);
    expect(modules.slice(0, 2)).toEqual(['model.layers.0.self_attn', 'model.layers.1.self_attn']);
    expect(modules.at(-1)).toBe('model.layers.26.self_attn');
    expect(blockTable(count('deepseek-v2-lite').report).map((b) => b.name)).toEqual(['model.embed_tokens', 'model.layers', 'model.norm', 'lm_head']);
  });
});

describe('a name that is no preset is refused with the nearest ones, never counted as another model', () => {
  it.each([
    ['clip-vit-b-16', 'clip-vit-b-32, vit_b_16'],
    ['llama-3.2-1b', 'llama-3'],
    ['how many parameters does clip-vit-l-14 have', 'clip-vit-b-32'],
  ])('%s', (spec, nearest) => {
    expect(errorOf(spec)).toMatch(/is not a preset, a layer kind or a def, so it is not counted as another model\. The nearest presets: /);
    expect(errorOf(spec)).toContain(nearest);
  });
  it("clip-vit-b-32 is CLIP, not torchvision's vit_b_32; a misspelled kind keeps its own suggestion", () => {
    expect(count('clip-vit-b-32').preset?.name).toBe('clip-vit-b-32');
    expect(count('how many parameters does clip-vit-b-32 have').report.counts.total).toBe(151_277_313n);
    expect(errorOf('cnov 3 64 3')).toMatch(/did you mean `conv`/);
  });
});
