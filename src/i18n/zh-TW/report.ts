/** 繁體中文訊息：模型報告在總數之外的內容（共享與綁定的權重、注意力 MACs、LoRA、記憶體）。鍵與參數必須與 en/report.ts 一致。 */
import type { P } from '../params.js';
import type { report as En } from '../en/report.js';

export const report: typeof En = {
  'summary.sharedMark': (p: P<'name'>) => `［共享 ${p.name}］`,
  'summary.tiedMark': (p: P<'name'>) => `［權重綁定到 ${p.name}］`,
  'summary.tiedFormula': (p: P<'name' | 'counted'>) => `（權重綁定到 ${p.name}，在那裡計算：這裡增加 ${p.counted}）`,
  'summary.reused': (p: P<'n' | 'twice'>) => `共享或綁定的權重只算一次：有 ${p.n} 個參數沒有再算（重複計算會得到 ${p.twice}）。`,
  'count.macsSplit': (p: P<'weights' | 'scores'>) => `  其中權重 ${p.weights}，注意力分數（QKᵀ、A·V）${p.scores}`,
  'count.macsPerToken': (p: P<'t' | 'weights' | 'scores' | 'flops'>) => `  在 T = ${p.t} 時每個詞元：權重 ${p.weights} MACs + 分數 ${p.scores} MACs；FLOPs = 2×MACs = 每個詞元 ${p.flops}`,
  'lora.summary': (p: P<'r' | 'modules' | 'targets'>) => `LoRA r=${p.r} 套用在 ${p.modules} 個矩陣上（${p.targets}）：每個增加 r×(in + out)；基礎模型凍結。`,
  'lora.peft': (p: P<'targets' | 'r'>) => `PEFT：LoraConfig(r=${p.r}, target_modules=[${p.targets}])，再呼叫 model.print_trainable_parameters()：`,
  'memory.title': () => `記憶體（位元組；MiB 與 GiB 為 2^20 與 2^30 位元組）。權重 = 參數量 × 每個參數的位元組數，不含量化的縮放與零點：`,
  'memory.weights': (p: P<'precision' | 'bytes' | 'n' | 'total' | 'scaled'>) => `${p.precision.padEnd(4)}  ${p.bytes} B × ${p.n} = ${p.total} B = ${p.scaled}`,
  'memory.trainingTitle': () => `用 Adam 訓練（權重、梯度與優化器的兩個動量；不含激勵值）：`,
  'memory.fp32': (p: P<'per' | 'parts' | 'frozen' | 'total' | 'scaled'>) => `fp32：每個可訓練參數 ${p.per} B（${p.parts}），每個凍結參數 ${p.frozen} B = ${p.total} B = ${p.scaled}`,
  'memory.mixed': (p: P<'per' | 'parts' | 'frozen' | 'total' | 'scaled'>) =>
    `混合精度（依 ZeRO 的計算方式，Rajbhandari et al. 2020）：每個可訓練參數 ${p.per} B（${p.parts}），每個凍結參數 ${p.frozen} B = ${p.total} B = ${p.scaled}`,
  'memory.part.weights': () => `權重`,
  'memory.part.gradients': () => `梯度`,
  'memory.part.master': () => `fp32 主權重`,
  'memory.part.momentum': () => `Adam m`,
  'memory.part.variance': () => `Adam v`,
  'memory.kvUniform': (p: P<'layers' | 'kv' | 'dim' | 'bytes'>) => `2（K、V）× ${p.layers} 層 × ${p.kv} 個 kv_heads × ${p.dim} head_dim × ${p.bytes} B`,
  'memory.kvMixed': (p: P<'layers' | 'bytes'>) => `2（K、V）× kv_heads × head_dim 在 ${p.layers} 個注意力層上加總 × ${p.bytes} B`,
  'memory.kv': (p: P<'formula' | 'perToken' | 'seq' | 'batch' | 'total' | 'scaled'>) =>
    `fp16 的 KV 快取（自迴歸解碼）：${p.formula} = 每個詞元 ${p.perToken} B；× ${p.seq} 個詞元 × 批次 ${p.batch} = ${p.total} B = ${p.scaled}`,
};
