/**
 * The mistake libraries of transformer and LLM counts, each worked out on a published layer or
 * model: the wrong count a student gives, from the same records the engine counts. Every right
 * count below is derived in the comment beside it from the model's published configuration
 * (Hugging Face config.json, the PyTorch and Keras layer docs).
 */
import { describe, expect, it } from 'vitest';
import { count, misread } from '../../src/engine/count.js';
import { memoryMistakes, memoryOf, memoryValue, type MemoryQuantity } from '../../src/engine/memory.js';
import { renderCount } from '../../src/engine/render.js';

/** The values a single layer's mistakes give, by id. */
function wrong(spec: string): Record<string, bigint> {
  const rows = count(spec).report.rows;
  if (rows.length !== 1) throw new Error(`${spec} is not one layer`);
  return Object.fromEntries(rows[0]!.record.mistakes().map((m) => [m.id, m.counts?.total ?? -1n]));
}

/** The values a model's misreadings give, by id (with the layer they are made in). */
function misreadings(spec: string): Record<string, bigint> {
  const result = count(spec);
  return Object.fromEntries(misread(result).map((m) => [m.layer ? `${m.id}@${m.layer.name}` : m.id, m.counts.total]));
}

/** The memory figure `q` as each memory mistake gives it. */
function memoryWrong(spec: string, q: MemoryQuantity, batch = 1): Record<string, bigint | undefined> {
  return Object.fromEntries(memoryMistakes(count(spec).report, batch).map((m) => [m.id, memoryValue(m.figures, q)]));
}

describe('attention: one library for mha and for Q/K/V/O attention', () => {
  it('PyTorch nn.MultiheadAttention(512, 8): heads, the output projection, the biases', () => {
    // in_proj_weight 3·512×512 + in_proj_bias 3·512 + out_proj 512×512 + 512 = 1,050,624 (PyTorch nn.MultiheadAttention docs)
    expect(count('mha 8 512 --framework pytorch').report.counts.total).toBe(1_050_624n);
    expect(wrong('mha 8 512 --framework pytorch')).toEqual({
      headsMultiplied: 8n * 1_050_624n,
      forgotOutputProjection: 1_050_624n - 262_656n, // out_proj 512×512 + 512
      forgotBias: 1_048_576n, // 4·512², no biases
      forgotOutputBias: 1_050_112n,
    });
  });
  it('Keras MultiHeadAttention(num_heads=12, key_dim=48, value_dim=72) on 768: heads of D/h, value_dim taken for key_dim', () => {
    // Q, K 768×12×48 + 12×48 each; V 768×12×72 + 12×72; O 12×72×768 + 768 (keras.layers.MultiHeadAttention docs)
    const right = 2n * (768n * 576n + 576n) + 768n * 864n + 864n + 864n * 768n + 768n;
    expect(count('mha 12 768 key_dim=48 value_dim=72').report.counts.total).toBe(right);
    const w = wrong('mha 12 768 key_dim=48 value_dim=72');
    // heads of 768/12 = 64: BERT-base's attention, 4·(768² + 768) = 2,362,368
    expect(w.evenHeads).toBe(2_362_368n);
    // value_dim read as 48: Q, K, V 768×576 + 576 each, O 576×768 + 768
    expect(w.valueAsKeyDim).toBe(3n * (768n * 576n + 576n) + 576n * 768n + 768n);
  });
  it('LLaMA-3-8B attention (32 heads, 8 K/V heads of 128, no biases): K and V given every head, biases added', () => {
    // hidden 4096, num_attention_heads 32, num_key_value_heads 8 (meta-llama/Meta-Llama-3-8B config.json):
    // q 4096×4096 + k, v 4096×1024 each + o 4096×4096 = 41,943,040
    const spec = 'attention 32 4096 kv_heads=8 bias=false';
    expect(count(spec).report.counts.total).toBe(41_943_040n);
    const w = wrong(spec);
    expect(w.kvAsFullHeads).toBe(4n * 4096n * 4096n);
    expect(w.headsMultiplied).toBe(32n * 41_943_040n);
    expect(w.forgotOutputProjection).toBe(41_943_040n - 4096n * 4096n);
    expect(w.addedBias).toBe(41_943_040n + 4096n + 1024n + 1024n + 4096n);
    expect(w.forgotBias).toBeUndefined();
    // /count notes the grouped-query slip first
    expect(renderCount(count(spec), 'en')).toContain('67,108,864: K and V have 8 heads (grouped-query attention), not 32');
  });
  it('a head size of its own (Gemma-7B: 16 heads of 256 on 3072) against D/h', () => {
    // google/gemma-7b config.json: hidden 3072, 16 heads, head_dim 256, 16 K/V heads: q, k, v 3072×4096, o 4096×3072
    const spec = 'attention 16 3072 head_dim=256 bias=false';
    expect(count(spec).report.counts.total).toBe(4n * 3072n * 4096n);
    expect(wrong(spec).evenHeads).toBe(4n * 3072n * 3072n);
  });
});

describe('feed-forward blocks', () => {
  it("GPT-2's MLP (768 → 3072 → 768, biases): two matrices, biases by width, a gate, the width", () => {
    // c_fc 768×3072 + 3072, c_proj 3072×768 + 768 = 4,722,432 (openai-community/gpt2: n_embd 768, n_inner 4·768)
    const spec = 'mlp 768 3072 in=1024';
    expect(count(spec).report.counts.total).toBe(4_722_432n);
    const w = wrong(spec);
    expect(w.forgotBias).toBe(2n * 768n * 3072n);
    expect(w.oneMatrix).toBe(768n * 3072n + 3072n);
    expect(w.biasesAllD).toBe(2n * 768n * 3072n + 2n * 768n);
    expect(w.biasesAllF).toBe(2n * 768n * 3072n + 2n * 3072n);
    expect(w.countedGate).toBe(3n * 768n * 3072n + 2n * 3072n + 768n);
    expect(w.widthAsModel).toBe(2n * 768n * 768n + 768n + 768n);
    expect(w.assumedFourD).toBeUndefined(); // 3072 is 4·768
    expect(w.timesSteps).toBe(1024n * 4_722_432n);
  });
  it("LLaMA-2-7B's SwiGLU (4096 → 11008, no biases): two matrices, 4·D, biases added", () => {
    // meta-llama/Llama-2-7b-hf config.json: hidden 4096, intermediate 11008; gate, up, down: 3·4096·11008
    const spec = 'swiglu 4096 11008 bias=false';
    expect(count(spec).report.counts.total).toBe(135_266_304n);
    const w = wrong(spec);
    expect(w.twoMatrices).toBe(2n * 4096n * 11008n);
    expect(w.assumedFourD).toBe(3n * 4096n * 16384n);
    expect(w.addedBias).toBe(135_266_304n + 2n * 11008n + 4096n);
    expect(w.oneMatrix).toBeUndefined();
  });
});

describe('norms, positions and heads', () => {
  it('RMSNorm and LayerNorm(bias=False) learn γ only: a β counted is the slip', () => {
    expect(wrong('rmsnorm 4096').countedShift).toBe(8192n);
    expect(wrong('ln 768 bias=false').countedShift).toBe(1536n);
    // one γ per token instead of per feature
    expect(wrong('rmsnorm 4096 in=16').perPosition).toBe(16n * 4096n);
    expect(wrong('ln 768').countedShift).toBeUndefined();
  });
  it("GPT-2's position table has 1,024 rows whatever the sequence", () => {
    // wpe: n_positions 1024 × 768 = 786,432; a sequence of 512 tokens still has the whole table
    expect(count('posembed 1024 768 in=512').report.counts.total).toBe(786_432n);
    expect(wrong('posembed 1024 768 in=512').rowsAsSequence).toBe(512n * 768n);
    expect(wrong('posembed 1024 768 in=1024').rowsAsSequence).toBeUndefined();
  });
  it("GPT-2's embeddings and tied head: counted twice, or the untied head counted once", () => {
    // wte 50,257×768 = 38,597,376 and wpe 786,432: 39,383,808, about a third of GPT-2 small's
    // 124,439,808; the tied lm_head adds nothing (untied, GPT-2 would have 163,037,184)
    const tied = 'input 1024 > wte: embedding 50257 768 > posembed 1024 > lm_head: lmhead 50257 tie=wte';
    expect(count(tied).report.counts.total).toBe(39_383_808n);
    expect(misreadings(tied)['tiedCountedTwice@lm_head']).toBe(39_383_808n + 38_597_376n);
    const untied = 'input 1024 > wte: embedding 50257 768 > posembed 1024 > lm_head: lmhead 50257';
    expect(count(untied).report.counts.total).toBe(39_383_808n + 38_597_376n);
    expect(misreadings(untied)['untiedCountedOnce@lm_head']).toBe(39_383_808n);
    expect(Object.keys(misreadings(tied))).not.toContain('untiedCountedOnce@lm_head');
  });
});

describe('memory in bytes', () => {
  const LLAMA2_7B = 6_738_415_616n;
  it('LLaMA-2-7B weights: bits for bytes, int4 as a byte, another precision', () => {
    expect(memoryWrong('llama-2-7b', { of: 'weights', precision: 'fp16' }).bitsForBytes).toBe(LLAMA2_7B * 16n);
    expect(memoryWrong('llama-2-7b', { of: 'weights', precision: 'int4' }).int4AsByte).toBe(LLAMA2_7B);
  });
  it("Adam's 16 bytes: the moments, the gradients, the master copy forgotten; frozen weights misplaced", () => {
    const fp32 = memoryWrong('llama-2-7b', { of: 'training', mode: 'fp32' });
    expect(fp32.adamMomentsForgotten).toBe(LLAMA2_7B * 8n);
    expect(fp32.gradientsForgotten).toBe(LLAMA2_7B * 12n);
    expect(fp32.weightsOnly).toBe(LLAMA2_7B * 4n);
    // mixed precision: 2 + 2 + 4 (master) + 4 + 4; without the master copy 12
    expect(memoryWrong('llama-2-7b', { of: 'training', mode: 'mixed' }).masterForgotten).toBe(LLAMA2_7B * 12n);
    // LoRA r=8 on q and v (4,194,304 trainable, PEFT): the frozen base trained too, or left out
    const lora = memoryWrong('llama-2-7b > lora r=8 targets=q,v', { of: 'training', mode: 'fp32' });
    expect(lora.frozenTrained).toBe((LLAMA2_7B + 4_194_304n) * 16n);
    expect(lora.frozenLeftOut).toBe(4_194_304n * 16n);
    expect(Object.keys(memoryWrong('llama-2-7b', { of: 'training', mode: 'fp32' }))).not.toContain('frozenTrained');
  });
  it('the KV cache: its 2, its heads, fp16, every layer, every sequence', () => {
    // LLaMA-3-8B: 2 × 32 layers × 8 KV heads × 128 × 2 B = 131,072 B per token
    const q: MemoryQuantity = { of: 'kv' };
    const w = memoryWrong('llama-3-8b --seq 1', q);
    expect(memoryValue(memoryOf(count('llama-3-8b --seq 1').report), q)).toBe(131_072n);
    expect(w.kvWithoutTwo).toBe(65_536n);
    expect(w.kvQueryHeads).toBe(4n * 131_072n); // 32 query heads
    expect(w.kvFp32).toBe(2n * 131_072n);
    expect(w.kvOneLayer).toBe(131_072n / 32n);
    expect(w.bitsForBytes).toBe(8n * 131_072n);
    expect(memoryWrong('llama-3-8b --seq 1', q, 4).kvOneSequence).toBe(131_072n);
  });
});

describe('LoRA', () => {
  it('LLaMA-2-7B, r=8 on q_proj and v_proj (4,194,304 trainable, PEFT): one factor, r×r, the full matrix, one layer, one target', () => {
    const w = misreadings('llama-2-7b > lora r=8 targets=q_proj,v_proj');
    const base = 6_738_415_616n;
    const trainable = (id: string) => w[id]! - base;
    expect(trainable('loraInOnly')).toBe(64n * 8n * 4096n); // 32 layers × 2 matrices × r×IN
    expect(trainable('loraOutOnly')).toBe(64n * 8n * 4096n);
    expect(trainable('loraSquare')).toBe(64n * 64n);
    expect(trainable('loraFullMatrix')).toBe(64n * 4096n * 4096n);
    expect(trainable('loraOneLayer')).toBe(2n * 8n * 8192n);
    expect(trainable('loraOneTarget')).toBe(32n * 8n * 8192n);
    expect(w.loraKvFullWidth).toBeUndefined(); // LLaMA-2-7B has as many K/V heads as query heads
  });
  it('LLaMA-3-8B, r=8 on q_proj and v_proj (3,407,872 trainable): v_proj is 4096 → 1024, not 4096 wide', () => {
    // per layer 8·(4096 + 4096) + 8·(4096 + 1024) = 106,496; × 32 layers
    const result = count('llama-3-8b > lora r=8 targets=q_proj,v_proj');
    expect(result.lora?.trainable).toBe(3_407_872n);
    const w = misreadings('llama-3-8b > lora r=8 targets=q_proj,v_proj');
    expect(w.loraKvFullWidth! - result.report.counts.nonTrainable).toBe(4_194_304n);
  });
});
