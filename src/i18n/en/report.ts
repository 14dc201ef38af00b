/** English messages: what a model's report adds to the totals (shared and tied weights, attention MACs, LoRA, memory). */
import type { P } from '../params.js';

export const report = {
  'summary.sharedMark': (p: P<'name'>) => `[shares ${p.name}]`,
  'summary.tiedMark': (p: P<'name'>) => `[weight tied to ${p.name}]`,
  'summary.tiedFormula': (p: P<'name' | 'counted'>) => `(weight tied to ${p.name}, counted there: adds ${p.counted})`,
  'summary.reused': (p: P<'n' | 'twice'>) => `Shared or tied weights, counted once: ${p.n} parameters not counted again (counting them twice would give ${p.twice}).`,
  'count.macsSplit': (p: P<'weights' | 'scores'>) => `  of which weights ${p.weights} and attention scores (QKᵀ, A·V) ${p.scores}`,
  'count.macsPerToken': (p: P<'t' | 'weights' | 'scores' | 'flops'>) => `  per token over T = ${p.t}: ${p.weights} weight MACs + ${p.scores} score MACs; FLOPs = 2×MACs = ${p.flops} per token`,
  'lora.summary': (p: P<'r' | 'modules' | 'targets'>) => `LoRA r=${p.r} on ${p.modules} matrices (${p.targets}): each adds r×(in + out); the base model is frozen.`,
  'lora.peft': (p: P<'targets' | 'r'>) => `PEFT: LoraConfig(r=${p.r}, target_modules=[${p.targets}]), then model.print_trainable_parameters():`,
  'memory.title': () => `Memory (bytes; MiB and GiB are 2^20 and 2^30 bytes). Weights = parameters × bytes per parameter, without quantization scales or zero points:`,
  'memory.weights': (p: P<'precision' | 'bytes' | 'n' | 'total' | 'scaled'>) => `${p.precision.padEnd(4)}  ${p.bytes} B × ${p.n} = ${p.total} B = ${p.scaled}`,
  'memory.trainingTitle': () => `Training with Adam (weights, gradients and the optimizer's two moments; activations not included):`,
  'memory.fp32': (p: P<'per' | 'parts' | 'frozen' | 'total' | 'scaled'>) => `fp32: ${p.per} B per trainable parameter (${p.parts}), ${p.frozen} B per frozen one = ${p.total} B = ${p.scaled}`,
  'memory.mixed': (p: P<'per' | 'parts' | 'frozen' | 'total' | 'scaled'>) =>
    `mixed precision (ZeRO's accounting, Rajbhandari et al. 2020): ${p.per} B per trainable parameter (${p.parts}), ${p.frozen} B per frozen one = ${p.total} B = ${p.scaled}`,
  'memory.part.weights': () => `weights`,
  'memory.part.gradients': () => `gradients`,
  'memory.part.master': () => `fp32 master weights`,
  'memory.part.momentum': () => `Adam m`,
  'memory.part.variance': () => `Adam v`,
  'memory.kvUniform': (p: P<'layers' | 'kv' | 'dim' | 'bytes'>) => `2 (K, V) × ${p.layers} layers × ${p.kv} kv_heads × ${p.dim} head_dim × ${p.bytes} B`,
  'memory.kvMixed': (p: P<'layers' | 'bytes'>) => `2 (K, V) × kv_heads × head_dim summed over ${p.layers} attention layers × ${p.bytes} B`,
  'memory.kv': (p: P<'formula' | 'perToken' | 'seq' | 'batch' | 'total' | 'scaled'>) =>
    `KV cache at fp16 (autoregressive decoding): ${p.formula} = ${p.perToken} B per token; × ${p.seq} tokens × batch ${p.batch} = ${p.total} B = ${p.scaled}`,
};
