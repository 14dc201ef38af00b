/**
 * What a 2026 class asks after the count: the exact bytes of a quantized checkpoint, the KV cache of
 * latent attention, training's activation memory, FLOPs per token. Each figure is recomputed here
 * from the tool's own layout or the paper's formula, written out independently of the engine.
 */
import { describe, expect, it } from 'vitest';
import { activationsOf } from '../../src/engine/activations.js';
import { count } from '../../src/engine/count.js';
import { flopsPerToken } from '../../src/engine/flops.js';
import { toJson } from '../../src/engine/json.js';
import { memoryMistakes, memoryOf } from '../../src/engine/memory.js';
import { useMoreBits } from '../../src/engine/quant/gguf.js';
import { quantizedFigures, type QuantFigure, type QuantFormatId } from '../../src/engine/quant/index.js';
import { renderCount } from '../../src/engine/render.js';

const ceil = (a: bigint, b: bigint) => (a + b - 1n) / b;

/** Llama-3.1-8B's Linear layers in one decoder layer, [in, out] (config.json: 4096 wide, 8 K/V heads of 128, 14336). */
const LLAMA_LINEARS: ReadonlyArray<readonly [bigint, bigint, string]> = [
  [4096n, 4096n, 'q'],
  [4096n, 1024n, 'k'],
  [4096n, 1024n, 'v'],
  [4096n, 4096n, 'o'],
  [4096n, 14336n, 'gate'],
  [4096n, 14336n, 'up'],
  [14336n, 4096n, 'down'],
];
/** What stays at 16 bits in GPTQ, AWQ and NF4 (no biases in Llama): both embedding tables, 65 RMSNorms. */
const LLAMA_KEPT = 2n * 128256n * 4096n + 65n * 4096n;

function figure(spec: string, id: QuantFormatId): Extract<QuantFigure, { ok: true }> {
  const all = quantizedFigures(count(spec).report);
  if (!all.ok) throw new Error('not figured');
  const f = all.figures.find((x) => x.id === id)!;
  if (!f.ok) throw new Error(`${id} refused`);
  return f;
}

describe('quantized checkpoints, byte for byte', () => {
  it('GPTQ int4 g128 (AutoGPTQ QuantLinear): qweight, qzeros, scales, g_idx per Linear; the rest at 16 bits', () => {
    // AutoGPTQ: qweight int32 [in/8, out], qzeros int32 [⌈in/128⌉, out/8], scales fp16 [⌈in/128⌉, out], g_idx int32 [in]
    const perLayer = LLAMA_LINEARS.reduce((a, [i, o]) => a + (i * o) / 2n + (ceil(i, 128n) * o) / 2n + 2n * ceil(i, 128n) * o + 4n * i, 0n);
    expect(figure('llama-3.1-8b', 'gptq-int4').bytes).toBe(32n * perLayer + 2n * LLAMA_KEPT);
    expect(figure('llama-3.1-8b', 'gptq-int4').kept).toBe(LLAMA_KEPT);
  });
  it('AWQ int4 g128 (AutoAWQ WQLinear_GEMM): no g_idx', () => {
    const perLayer = LLAMA_LINEARS.reduce((a, [i, o]) => a + (i * o) / 2n + ((i / 128n) * o) / 2n + 2n * (i / 128n) * o, 0n);
    expect(figure('llama-3.1-8b', 'awq-int4').bytes).toBe(32n * perLayer + 2n * LLAMA_KEPT);
  });
  it('bitsandbytes NF4 with double quantization: every Linear but the head, routers too', () => {
    const nf4 = (elements: bigint) => elements / 2n + ceil(elements, 64n) + 4n * ceil(ceil(elements, 64n), 256n) + 1024n + 64n;
    const perLayer = LLAMA_LINEARS.reduce((a, [i, o]) => a + nf4(i * o), 0n);
    expect(figure('llama-3.1-8b', 'nf4').bytes).toBe(32n * perLayer + 2n * LLAMA_KEPT);
    // Mixtral's router (block_sparse_moe.gate, an nn.Linear 4096 → 8) is quantized by bitsandbytes, kept by GPTQ
    expect(figure('mixtral-8x7b', 'nf4').kept).toBe(2n * 32000n * 4096n + 65n * 4096n);
    expect(figure('mixtral-8x7b', 'gptq-int4').kept).toBe(2n * 32000n * 4096n + 65n * 4096n + 32n * 8n * 4096n);
  });
  it('GGUF Q8_0: 34 bytes per 32 weights, 1-D tensors F32', () => {
    const matrices = 8_030_261_248n - 65n * 4096n;
    expect(figure('llama-3.1-8b', 'gguf-q8_0').bytes).toBe((matrices / 32n) * 34n + 65n * 4096n * 4n);
  });
  it("GGUF Q4_K_M: llama.cpp's rule, layer by layer", () => {
    // use_more_bits(i, 32): i < 4, i >= 28, or (i − 4) % 3 == 2 → 16 of 32 layers
    const more = Array.from({ length: 32 }, (_, i) => i < 4 || i >= 28 || (i - 4) % 3 === 2);
    expect(more.filter(Boolean)).toHaveLength(16);
    expect(more.map((_, i) => useMoreBits(i, 32))).toEqual(more);
    const q4k = (e: bigint) => (e / 256n) * 144n;
    const q6k = (e: bigint) => (e / 256n) * 210n;
    const layers = more.reduce((a, up) => {
      const v = 4096n * 1024n;
      const down = 14336n * 4096n;
      const rest = 4096n * 4096n * 2n + 4096n * 1024n + 2n * 4096n * 14336n;
      return a + q4k(rest) + (up ? q6k(v) + q6k(down) : q4k(v) + q4k(down));
    }, 0n);
    const embedding = 128256n * 4096n;
    // token_embd Q4_K, output Q6_K (the untied head), 65 norms F32
    expect(figure('llama-3.1-8b', 'gguf-q4_k_m').bytes).toBe(layers + q4k(embedding) + q6k(embedding) + 65n * 4096n * 4n);
    expect(figure('llama-3.1-8b', 'gguf-q4_k_m').types).toEqual({
      F32: 266_240n,
      Q6_K: 16n * (4096n * 1024n + 14336n * 4096n) + embedding,
      Q4_K: 8_030_261_248n - 266_240n - 16n * (4096n * 1024n + 14336n * 4096n) - embedding,
    });
  });
  it('a tied head makes the token embedding the output tensor; an 8-expert model bumps attn_v and attn_k to Q8_0', () => {
    expect(figure('gemma-2-9b', 'gguf-q4_k_m').types?.Q6_K).toBeGreaterThan(256000n * 3584n - 1n);
    const mixtral = figure('mixtral-8x7b', 'gguf-q4_k_m').types!;
    expect(mixtral.Q8_0).toBe(32n * 2n * 4096n * 1024n); // attn_k and attn_v of every layer
    expect(mixtral.Q5_K).toBe(32n * 4096n * 4096n); // attn_output
    expect(mixtral.F32).toBe(65n * 4096n + 32n * 8n * 4096n); // norms and the routers (ffn_gate_inp)
  });
  it('refuses what a format cannot take, saying why', () => {
    const notDecoder = quantizedFigures(count('resnet50').report);
    expect(notDecoder.ok).toBe(false);
    const deepseek = quantizedFigures(count('deepseek-v2-lite').report);
    expect(deepseek.ok && deepseek.figures.find((f) => f.id === 'gguf-q4_k_m')?.ok).toBe(false);
    expect(deepseek.ok && deepseek.figures.find((f) => f.id === 'gptq-int4')?.ok).toBe(true);
  });
  it("--memory and --json state them; a config's quantization_config marks its own format", () => {
    const text = renderCount(count('llama-3.1-8b --memory'), 'en');
    expect(text).toContain('GPTQ int4, group 128 (AutoGPTQ QuantLinear');
    expect(text).toContain('GGUF Q4_K_M (llama.cpp');
    const json = JSON.parse(toJson(count('llama-3.1-8b --memory --json'))) as { memory: { quantized: Record<string, { bytes: number }> } };
    expect(json.memory.quantized['gptq-int4']!.bytes).toBe(Number(figure('llama-3.1-8b', 'gptq-int4').bytes));
    const config = JSON.stringify({ model_type: 'gpt2', architectures: ['GPT2LMHeadModel'], quantization_config: { quant_method: 'gptq', bits: 4, group_size: 128, desc_act: false } });
    expect(renderCount(count(`--memory ${config}`), 'en')).toMatch(/GPTQ int4, group 128 .*← this checkpoint's format/);
  });
});

describe('the KV cache of latent attention', () => {
  it('DeepSeek-V2-Lite caches kv_lora_rank + qk_rope_head_dim per token and layer: (512 + 64) × 27 × 2 B', () => {
    const kv = memoryOf(count('deepseek-v2-lite --seq 4096').report).kv!;
    expect(kv.elementsPerToken).toBe(576n * 27n);
    expect(kv.bytes).toBe(576n * 27n * 2n * 4096n);
    expect(kv.uniform).toEqual({ t: 'latent', rank: 512, rope: 64, copies: 1 });
    expect(renderCount(count('deepseek-v2-lite --seq 4096 --memory'), 'en')).toContain('(512 kv_lora_rank + 64 rope) × 27 layers × 2 B');
  });
  it('its misreadings: the rebuilt K and V, the latent twice, the rotary key forgotten', () => {
    const mistakes = Object.fromEntries(memoryMistakes(count('deepseek-v2-lite --seq 1').report).map((m) => [m.id, m.figures.kv?.elementsPerToken]));
    expect(mistakes.latentRebuilt).toBe(27n * 16n * (192n + 128n));
    expect(mistakes.latentTwice).toBe(27n * 2n * 576n);
    expect(mistakes.latentNoRope).toBe(27n * 512n);
    expect(mistakes).not.toHaveProperty('kvWithoutTwo');
  });
});

describe('training: activations (Korthikanti et al. 2022) and FLOPs per token', () => {
  it("GPT-2 small reproduces the paper's per-layer 34·s·b·h + 5·a·s²·b (dropout, 4h MLP, as many K/V heads as Q)", () => {
    const a = activationsOf(count('gpt2').report, 1024, 2)!;
    const perLayer = 34n * 1024n * 2n * 768n + 5n * 12n * 1024n * 1024n * 2n;
    expect(a.stored).toBe(12n * perLayer);
    // flash attention: the s² terms gone, 4·a·s·b of fp32 statistics kept
    expect(a.flash).toBe(12n * (34n * 1024n * 2n * 768n + 4n * 12n * 1024n * 2n));
    // checkpointing: each layer's input 2·s·b·h, and one layer's full set at a time
    expect(a.checkpointed).toBe(12n * 2n * 1024n * 2n * 768n + perLayer);
  });
  it('Llama-3.1-8B: no dropout, grouped-query K and V, a gated MLP', () => {
    const s = 4096n;
    // norms 2·2h; attention 2h + 2(hq + hkv) + 2hkv + 2hq; SwiGLU 2h + 8F; scores 2·a per token and key
    const perToken = 4n * 4096n + (2n * 4096n + 2n * (4096n + 1024n) + 2n * 1024n + 2n * 4096n) + (2n * 4096n + 8n * 14336n);
    expect(activationsOf(count('llama-3.1-8b').report, 4096, 1)!.stored).toBe(32n * s * (perToken + 2n * 32n * s));
  });
  it("FLOPs per token: Llama-3.1-8B's attention adds 14.3% at 4,096 tokens and 457.8% at 131,072", () => {
    // weights: 2 × 7,504,924,672 (every matrix a token passes, the head included, the embedding lookup not; the norms' one multiply per feature)
    // attention: QKᵀ and A·V at the full T×T, 2 × 2·T·4096 MACs per layer and token, 32 layers
    const at = (t: number) => flopsPerToken(count(`llama-3.1-8b --seq ${t}`).report)!;
    expect(at(4096).weights).toBe(2n * 7_504_924_672n);
    expect(at(4096).attention).toBe(4n * 32n * 4096n * 4096n);
    expect(Number((at(4096).attention * 1000n) / at(4096).weights) / 10).toBe(14.3);
    expect(Number((at(131072).attention * 1000n) / at(131072).weights) / 10).toBe(457.8);
    expect(at(4096).training).toBe(3n * (at(4096).weights + at(4096).attention));
    expect(at(4096).sixN).toBe(6n * 8_030_261_248n);
    const text = renderCount(count('llama-3.1-8b --seq 4096'), 'en');
    expect(text).toContain("+14.3% of the weights' at this length");
    expect(text).toContain('The 6N rule (Kaplan et al. 2020), N = 8,030,261,248 parameters: 48,181,567,488 per token');
  });
  it('a mixture of experts: 6N with the active count', () => {
    expect(flopsPerToken(count('mixtral-8x7b').report)!.n).toBe(12_879_925_248n);
  });
});
