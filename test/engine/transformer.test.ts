/**
 * Transformer and LLM building blocks, one worked example each, checked in both conventions
 * (Keras and PyTorch count all of them alike: only the tensor layouts differ). Where a number is a
 * published model's module, the comment names it and the config it comes from.
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { renderCount } from '../../src/engine/render.js';
import { describeConventionFree, errorOf, only, type WorkedExample } from '../support/count.js';

/** [spec, total, formula with numbers, what it is] */
const CASES: readonly WorkedExample[] = [
  // HF BertSelfAttention (query, key, value) + BertSelfOutput.dense, hidden 768: 4·768² + 4·768
  ['attention 12 768', 2_362_368, '3×(768 + 1)×12×64 + (12×64 + 1)×768', 'bert-base-uncased encoder.layer.0.attention without its LayerNorm'],
  // LLaMA-2-7B self_attn (config: hidden 4096, 32 heads, 32 KV heads, no bias): 4·4096²
  ['attention 32 4096 bias=false', 67_108_864, '3×4,096×32×128 + 32×128×4,096', 'Llama-2-7b-hf model.layers.0.self_attn'],
  // LLaMA-3-8B (32 heads, 8 KV heads of 128): q 4096², k and v 4096·1024 each, o 4096²
  ['attention 32 4096 kv_heads=8 bias=false', 41_943_040, '4,096×32×128 + 2×4,096×8×128 + 32×128×4,096', 'Meta-Llama-3-8B model.layers.0.self_attn'],
  // multi-query: one K/V head of 128
  ['attention 32 4096 kv_heads=1 bias=false', 34_603_008, '4,096×32×128 + 2×4,096×1×128 + 32×128×4,096', 'multi-query attention'],
  // GPT-2 attn: c_attn 768→2304 with bias + c_proj 768→768 with bias
  ['attention 12 768 fused=true', 2_362_368, '3×(768 + 1)×12×64 + (12×64 + 1)×768', 'gpt2 h.0.attn (c_attn 1,771,776 + c_proj 590,592)'],
  // T5-small block 0 SelfAttention: q, k, v, o 512×512 without bias + relative_attention_bias 32×8
  ['attention 8 512 bias=false names=q,k,v,o rel_buckets=32', 1_048_832, '3×512×8×64 + 8×64×512 + 32×8', 't5-small encoder.block.0.layer.0.SelfAttention'],
  ['attention 12 768 qkv_bias=true out_bias=false', 2_361_600, '3×(768 + 1)×12×64 + 12×64×768', 'biases on Q/K/V only'],
  ['attention 8 2048 head_dim=256 kv_heads=1 bias=false', 9_437_184, '2,048×8×256 + 2×2,048×1×256 + 8×256×2,048', 'head_dim given'],
  // HF BertIntermediate.dense + BertOutput.dense: 768·3072 + 3072 + 3072·768 + 768
  ['mlp 768 3072', 4_722_432, '(768 + 1)×3,072 + (3,072 + 1)×768', 'bert-base-uncased encoder.layer.0 intermediate and output dense'],
  ['mlp 768 3072 bias=false', 4_718_592, '2×768×3,072', 'an MLP without biases'],
  // LLaMA-2-7B mlp: gate_proj, up_proj 4096→11008, down_proj 11008→4096, no bias
  ['swiglu 4096 11008 bias=false', 135_266_304, '3×4,096×11,008', 'Llama-2-7b-hf model.layers.0.mlp'],
  ['geglu 512 1024', 1_575_424, '2×(512 + 1)×1,024 + (1,024 + 1)×512', 'GeGLU with biases'],
  ['rmsnorm 4096', 4_096, '4,096', 'LlamaRMSNorm: weight only'],
  ['ln 768 bias=false', 768, '768', 'nn.LayerNorm(768, bias=False) (PyTorch 2.1+)'],
  ['ln 768', 1_536, '2×768', 'nn.LayerNorm(768)'],
  // GPT-2 wpe: n_positions 1024 × n_embd 768
  ['posembed 1024 768', 786_432, '1,024×768', 'gpt2 transformer.wpe'],
  ['typeembed 2 768', 1_536, '2×768', 'bert-base-uncased embeddings.token_type_embeddings'],
  ['sinusoidal in=512x768', 0, '0', 'Vaswani et al. 2017 positions'],
  ['rope in=4096x128', 0, '0', 'rotary positions'],
  // torchvision vit_b_16: conv_proj 3·16·16·768 + 768, class_token 768, encoder.pos_embedding 197·768
  ['patchembed 3 16 768 in=224x224', 742_656, '(16×16×3 + 1)×768 + 768 + (196 + 1)×768', 'torchvision vit_b_16 conv_proj, class_token and pos_embedding'],
  ['patchembed 3 16 768 cls=false pos=false in=224x224', 590_592, '(16×16×3 + 1)×768', 'the patch convolution alone'],
  // the same three as torchvision holds them, each its own row: class_token 1×1×768, encoder.pos_embedding 1×197×768
  ['classtoken 768 in=196', 768, '768', 'torchvision vit_b_16 class_token'],
  ['posparam 768 in=197', 151_296, '197×768', 'torchvision vit_b_16 encoder.pos_embedding'],
  ['tokens in=14x14x768', 0, '0', "torchvision ViT's _process_input: reshape and permute"],
  ['pooler 768', 590_592, '(768 + 1)×768', 'bert-base-uncased pooler.dense'],
  ['lmhead 768 50257', 38_597_376, '768×50,257', 'gpt2 lm_head, untied'],
  ['clspool in=197x768', 0, '0', 'torchvision ViT x[:, 0]'],
];

describeConventionFree(CASES);

describe('attention', () => {
  it('names its projections as the library does, for LoRA targets', () => {
    expect(only('attention 32 4096 bias=false').record.linears.map((l) => [l.name, l.inFeatures, l.outFeatures])).toEqual([
      ['q_proj', 4096, 4096],
      ['k_proj', 4096, 4096],
      ['v_proj', 4096, 4096],
      ['o_proj', 4096, 4096],
    ]);
    expect(only('attention 12 768 fused=true').record.linears.map((l) => [l.name, l.roles])).toEqual([
      ['c_attn', ['q', 'k', 'v']],
      ['c_proj', ['o']],
    ]);
    expect(only('attention 32 4096 --framework pytorch').record.tensors.map((t) => `${t.name} ${t.shape.join('x')}`)).toContain('k_proj.weight 4096x4096');
    expect(only('attention 32 4096 --framework keras').record.tensors.map((t) => t.name)).toContain('q_proj/kernel');
  });
  it('counts the projections per token and the scores (2·T²·h·d_h) apart', () => {
    const row = only('attention 12 768 in=10');
    const projections = 10n * (768n * 2304n + 768n * 768n);
    const scores = 2n * 10n * 10n * 768n;
    expect(row.record.macs).toBe(projections + scores);
    expect(row.record.attention).toEqual({ heads: 12, kvHeads: 12, headDim: 64, scoreMacs: scores });
    expect(renderCount(count('attention 12 768 in=10'), 'en')).toContain(`of which weights ${projections.toLocaleString('en-US')} and attention scores (QKᵀ, A·V) ${scores.toLocaleString('en-US')}`);
  });
  it('explains grouped-query attention and its common mistake', () => {
    const text = renderCount(count('attention 32 4096 kv_heads=8 bias=false'), 'en');
    expect(text).toContain('32 query heads share 8 K/V heads (4 each), so K and V are 1024 wide');
    // K and V given all 32 heads: the four projections 4,096×4,096 each (LLaMA-3-8B's attention, config.json).
    expect(text).toContain('67,108,864: K and V have 8 heads (grouped-query attention), not 32');
    expect(renderCount(count('attention 32 4096 kv_heads=8 bias=false'), 'zh-TW')).toContain('分組查詢注意力');
  });
  it('refuses kv_heads that do not divide heads, and widths that do not split', () => {
    expect(() => count('attention 32 4096 kv_heads=5')).toThrow(/kv_heads=5 must divide heads=32/);
    expect(() => count('attention 7 768')).toThrow(/768 does not divide into 7 heads: give head_dim=N/);
    expect(() => count('attention 8 512 names=a,b')).toThrow(/must give 4 names/);
  });
});

describe('embeddings and heads', () => {
  it('a position table bounds the sequence length', () => {
    expect(() => count('input 2048 > embedding 50257 768 > posembed 1024')).toThrow(/2048 tokens needs more than the table's 1024 positions/);
  });
  it('a patch embedding needs the image to tile', () => {
    expect(() => count('patchembed 3 16 768 in=225x225')).toThrow(/image side 225 is not a multiple of the patch size 16/);
    expect(count('input 224x224x3 > patchembed 16 768 > clspool > dense 10').report.output).toEqual([10]);
  });
  it("a ViT's patch embedding written as torchvision holds it counts as the one kind does", () => {
    for (const framework of ['pytorch', 'keras']) {
      const apart = count(`input 224x224x3 > conv 768 16 stride=16 > tokens > classtoken > posparam --framework ${framework}`).report;
      const together = count(`input 224x224x3 > patchembed 16 768 --framework ${framework}`).report;
      expect(apart.counts).toEqual(together.counts);
      expect(apart.macs).toBe(together.macs);
      expect(apart.output).toEqual([197, 768]);
    }
  });
  it("vit_b_16's class_token and encoder.pos_embedding are rows of their own, parameters of the model and of its encoder", () => {
    const rows = count('vit_b_16 --framework pytorch').report.rows;
    const row = (name: string) => rows.find((r) => r.name === name)!;
    expect([row('class_token').record.typeName, row('class_token').record.tensors.map((t) => t.shape)]).toEqual(['Parameter', [[1, 1, 768]]]);
    expect([row('encoder.pos_embedding').record.typeName, row('encoder.pos_embedding').record.tensors.map((t) => t.shape)]).toEqual(['Parameter', [[1, 197, 768]]]);
    // the reshape into tokens is applied in forward: no module, no name
    expect(rows.find((r) => r.record.kind === 'tokens')?.call).toBe('function');
    // at 384×384: 576 patches and the class token
    expect(count('vit_b_16 in=384x384 --framework pytorch').report.rows.find((r) => r.name === 'encoder.pos_embedding')!.record.tensors[0]!.shape).toEqual([1, 577, 768]);
  });
  it('the class token and the positions have their own slips', () => {
    const wrong = (spec: string, id: string) =>
      only(spec)
        .record.mistakes()
        .find((m) => m.id === id)?.counts?.total;
    expect(wrong('posparam 768 in=197', 'positionsWithoutClass')).toBe(196n * 768n);
    expect(wrong('classtoken 768 in=196', 'classTokenPerToken')).toBe(197n * 768n);
    expect(errorOf('posparam 768')).toMatch(/`posparam` needs the input size/);
  });
  it('the LM head is tied or untied: GPT-2 either way', () => {
    // openai-community/gpt2: wte 50,257×768 = 38,597,376; tied (tie_word_embeddings) it is counted once.
    expect(count('gpt2').report.counts.total + 38_597_376n).toBe(count('gpt2 tied=false').report.counts.total);
  });
});
