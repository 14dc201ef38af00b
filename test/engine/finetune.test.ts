/**
 * What students ask after the count: freezing, LoRA (as PEFT counts it), and memory (weights by
 * precision, training with Adam, the KV cache). Every figure is derived in the comment beside it.
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { toJson } from '../../src/engine/json.js';
import { memoryOf } from '../../src/engine/memory.js';
import { renderCount } from '../../src/engine/render.js';
import { errorOf } from '../support/count.js';

const LLAMA2_7B = 6_738_415_616n;

describe('LoRA, matched as PEFT matches target modules', () => {
  it('LLaMA-2-7B, r=8 on q and v: the line PEFT prints', () => {
    // 32 layers × 2 matrices × 8·(4096 + 4096) = 4,194,304; all = 6,738,415,616 + 4,194,304.
    // PEFT's print_trainable_parameters() for meta-llama/Llama-2-7b-hf with LoraConfig(r=8,
    // target_modules=["q_proj", "v_proj"]) prints exactly this line.
    const result = count('llama-2-7b > lora r=8 targets=q,v');
    expect(renderCount(result, 'en')).toContain('trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622');
    expect(result.lora?.targetModules).toEqual(['q_proj', 'v_proj']);
    expect(result.lora?.modules[0]).toBe('layers.0.self_attn.q_proj');
    expect(result.report.counts).toEqual({ total: LLAMA2_7B + 4_194_304n, trainable: 4_194_304n, nonTrainable: LLAMA2_7B });
    expect(count('llama-2-7b > lora r=8 targets=q_proj,v_proj').lora?.trainable).toBe(4_194_304n);
  });
  it('GPT-2, r=8 on c_attn (Q, K and V in one matrix): 294,912', () => {
    // 12 layers × 8·(768 + 2304)
    expect(count('gpt2 > lora r=8 targets=c_attn').lora?.trainable).toBe(294_912n);
    // q and v name c_attn's roles: the same fused matrix, adapted once.
    expect(count('gpt2 > lora r=8 targets=q,v').lora?.modules).toHaveLength(12);
  });
  it('BERT, r=8 on query and value: 294,912; a suffix matches as in PEFT', () => {
    // 12 layers × 2 × 8·(768 + 768)
    expect(count('bert-base > lora r=8 targets=query,value').lora?.trainable).toBe(294_912n);
    expect(count('bert-base > lora targets=q,v').lora?.trainable).toBe(294_912n); // PEFT's default r=8
    // `dense` ends attention.output.dense, intermediate.dense, output.dense and pooler.dense: 12 × 3 + 1 modules
    expect(count('bert-base > lora r=1 targets=dense').lora?.modules).toHaveLength(37);
  });
  it('all-linear: every matrix but the LM head', () => {
    // per layer 8·(768+2304) + 8·(768+768) + 8·(768+3072) + 8·(3072+768) = 98,304; × 12
    expect(count('gpt2 > lora r=8 targets=all-linear').lora?.trainable).toBe(1_179_648n);
  });
  it('refuses targets that match nothing, naming what there is', () => {
    expect(errorOf('gpt2 > lora r=8 targets=q_proj')).toMatch(/No matrix matches targets=q_proj .*this model has: .*c_attn/);
  });
  it('lora counts into JSON', () => {
    const json = JSON.parse(toJson(count('llama-2-7b > lora r=8 targets=q,v --json'))) as { lora: { trainable: number; all: number; targetModules: string[] }; trainable: number };
    expect(json.lora).toMatchObject({ trainable: 4_194_304, all: 6_742_609_920, targetModules: ['q_proj', 'v_proj'] });
    expect(json.trainable).toBe(4_194_304);
  });
});

describe('freezing a backbone', () => {
  it("the lecture's VGG16 with a new 2-class head: only the head trains", () => {
    const c = count('vgg16 top=false trainable=false > flatten > dense 4096 > dense 4096 > dense 2').report.counts;
    // the lecture's model is 134,268,738 in all; its backbone is keras VGG16 top=false: 14,714,688
    expect(c.total).toBe(134_268_738n);
    expect(c.nonTrainable).toBe(14_714_688n);
    expect(c.trainable).toBe(134_268_738n - 14_714_688n);
  });
});

describe('memory, each figure from its formula', () => {
  it('LLaMA-2-7B weights at fp32, fp16, bf16, int8, int4', () => {
    const m = memoryOf(count('llama-2-7b').report);
    expect(Object.fromEntries(m.weights.map((w) => [w.precision, w.bytes]))).toEqual({
      fp32: LLAMA2_7B * 4n,
      fp16: LLAMA2_7B * 2n,
      bf16: LLAMA2_7B * 2n,
      int8: LLAMA2_7B,
      int4: LLAMA2_7B / 2n,
    });
    const text = renderCount(count('llama-2-7b --memory'), 'en');
    expect(text).toContain('fp32  4 B × 6,738,415,616 = 26,953,662,464 B = 25.10 GiB');
    expect(text).toContain('int4  0.5 B × 6,738,415,616 = 3,369,207,808 B = 3.14 GiB');
  });
  it('training with Adam: 16 bytes per parameter, in fp32 and in mixed precision, each part named', () => {
    const text = renderCount(count('llama-2-7b --memory'), 'en');
    expect(text).toContain('fp32: 16 B per trainable parameter (4 weights + 4 gradients + 4 Adam m + 4 Adam v)');
    expect(text).toContain('16 B per trainable parameter (2 weights + 2 gradients + 4 fp32 master weights + 4 Adam m + 4 Adam v)');
    expect(memoryOf(count('llama-2-7b').report).fp32.bytes).toBe(LLAMA2_7B * 16n); // 100.41 GiB
  });
  it('with LoRA only the adapters carry gradients and moments; the frozen base keeps its weights', () => {
    const m = memoryOf(count('llama-2-7b > lora r=8 targets=q,v').report);
    expect(m.fp32.bytes).toBe(4_194_304n * 16n + LLAMA2_7B * 4n);
    expect(m.mixed.bytes).toBe(4_194_304n * 16n + LLAMA2_7B * 2n);
  });
  it('the KV cache: per token, for a sequence and a batch, smaller with grouped-query attention', () => {
    // LLaMA-2-7B: 2 (K, V) × 32 layers × 32 KV heads × 128 × 2 B = 524,288 B per token; × 4,096 = 2 GiB
    const llama2 = renderCount(count('llama-2-7b --memory'), 'en');
    expect(llama2).toContain('2 (K, V) × 32 layers × 32 kv_heads × 128 head_dim × 2 B = 524,288 B per token; × 4,096 tokens × batch 1 = 2,147,483,648 B = 2.00 GiB');
    // LLaMA-3-8B: 8 KV heads: 131,072 B per token; × 8,192 × batch 4 = 4 GiB
    const llama3 = memoryOf(count('llama-3-8b').report, 4).kv!;
    expect(llama3.elementsPerToken * 2n).toBe(131_072n);
    expect(llama3.bytes).toBe(131_072n * 8_192n * 4n);
    expect(memoryOf(count('llama-3-8b --seq 2048').report).kv!.bytes).toBe(131_072n * 2_048n);
    expect(renderCount(count('gpt2 --batch 8'), 'en')).toContain('× 1,024 tokens × batch 8');
  });
  it('memory goes into JSON with --memory', () => {
    const json = JSON.parse(toJson(count('llama-2-7b --memory --json'))) as { memory: { weights: Record<string, number>; kvCache: { bytesPerToken: number } } };
    expect(json.memory.weights.fp16).toBe(13_476_831_232);
    expect(json.memory.kvCache.bytesPerToken).toBe(524_288);
  });
});

describe('MACs and FLOPs are always labelled; FLOPs = 2 × MACs', () => {
  it('a transformer per sequence and per token, the scores apart', () => {
    const result = count('llama-2-7b');
    const { macs, scoreMacs } = result.report;
    // scores: 32 layers × 2·T²·h·d_h = 32 × 2 × 4096² × 4096
    expect(scoreMacs).toBe(32n * 2n * 4096n * 4096n * 4096n);
    // weights: every parameter but the embedding table (a lookup) multiplies once per token, RMSNorm's γ included
    expect(macs! - scoreMacs!).toBe((LLAMA2_7B - 131_072_000n) * 4096n);
    const text = renderCount(result, 'en');
    expect(text).toContain(`FLOPs = 2×MACs = ${(2n * macs!).toLocaleString('en-US')}`);
    expect(text).toContain('per token over T = 4,096: ');
  });
});
