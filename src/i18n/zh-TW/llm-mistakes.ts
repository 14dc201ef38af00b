/** 繁體中文訊息：Transformer 與大型語言模型（注意力頭、前饋區塊、正規化、嵌入與輸出層）、記憶體位元組與 LoRA 的常見錯誤。鍵與參數必須與 en/llm-mistakes.ts 一致。 */
import type { P } from '../params.js';
import type { llmMistakes as En } from '../en/llm-mistakes.js';

export const llmMistakes: typeof En = {
  // ── 注意力 ──
  'why.kvAsFullHeads': (p: P<'heads' | 'kv'>) => `K 與 V 只有 ${p.kv} 個頭（分組查詢注意力），不是 ${p.heads} 個：只有 Q 每個 query 頭都有一份。`,
  'why.evenHeads': (p: P<'key' | 'value'>) => `每個頭的寬度照這一層的設定（key_dim ${p.key}、value_dim ${p.value}），不是 D/h：每個投影是 D×h×頭的寬度。`,
  'why.valueDim': (p: P<'value'>) => `V 與輸出投影用的是 value_dim（${p.value}），不是 key_dim。`,
  'why.attentionNoBias': () => `這些投影沒有偏差（bias=False／use_bias=False）：權重之外沒有東西要加。`,
  // ── 前饋區塊 ──
  'why.ffnBiases': (p: P<'f' | 'd'>) => `每個矩陣都有一組和輸出一樣寬的偏差：往上到隱藏層是 ${p.f} 個，再回到模型寬度是 ${p.d} 個。`,
  'why.ffnNoBias': () => `這些矩陣沒有偏差（bias=False，和 LLaMA 一樣）：只算權重。`,
  'why.ffnBiasSizes': (p: P<'f' | 'd'>) => `偏差和所屬矩陣的輸出一樣寬：往上的矩陣是 ${p.f} 個，往下的矩陣是 ${p.d} 個。`,
  'why.gluThreeMatrices': () => `閘控 MLP（SwiGLU、GeGLU）有三個矩陣：gate 與 up（D → F）以及 down（F → D），不是兩個。`,
  'why.ffnNoGate': () => `一般的前饋區塊只有兩個矩陣（up 與 down）；有閘控的（SwiGLU）才有第三個。`,
  'why.ffnTwoMatrices': () => `這個區塊有兩個矩陣：先 D → F 往上，再 F → D 回來。`,
  'why.ffnWidth': (p: P<'f' | 'd'>) => `隱藏層寬度是 ${p.f}（前饋寬度），不是模型寬度 ${p.d}。`,
  'why.ffnNotFourD': (p: P<'f' | 'd'>) => `這個區塊的隱藏層寬度是 ${p.f}：4·D 只是常見的設定，不是規定。`,
  'why.perToken': () => `每個詞元用的是同一組權重：參數量不會乘上序列長度。`,
  // ── 正規化、嵌入、輸出層 ──
  'why.lnNoShift': () => `bias=False 的 LayerNorm 只學 γ：每個特徵一個數，沒有 β。`,
  'why.rmsNoShift': () => `RMSNorm 沒有平移：每個特徵只學一個縮放 γ，沒有 β。`,
  'why.scalePerFeature': (p: P<'c'>) => `γ 是每個特徵一個（${p.c} 個），所有詞元共用。`,
  'why.positionRows': (p: P<'p'>) => `位置表的每一列對應一個位置，共 ${p.p} 列，和題目問的序列長度無關。`,
  'why.untiedHead': () => `這個輸出層沒有和詞嵌入綁定：它自己的 D×V 矩陣也要算進去。`,
  'why.headNoBias': (p: P<'v'>) => `這個輸出層沒有偏差（bias=False）：沒有 ${p.v} 個偏差要加。`,
  'why.tiedCountedTwice': (p: P<'owner'>) => `輸出層的權重就是 ${p.owner} 的（綁定權重）：那個 V×D 矩陣只算一次。`,
  // ── 記憶體 ──
  'why.bitsForBytes': () => `這是位元數；一個位元組是 8 位元（fp16：16 位元 = 每個數 2 位元組）。`,
  'why.int4HalfByte': () => `int4 每個參數是半個位元組（4 位元），不是一整個位元組。`,
  'why.adamMoments': () => `Adam 還要為每個可訓練參數保存兩個動差（m 與 v，各 4 位元組）。`,
  'why.adamGradients': () => `訓練時每個可訓練參數還有一個梯度要存。`,
  'why.adamMaster': () => `混合精度還要保存一份 fp32 的主權重（每個 4 位元組）。`,
  'why.adamWeightsOnly': () => `這只算了權重；用 Adam 訓練還要存梯度和兩個動差。`,
  'why.frozenNoOptimizer': () => `凍結的參數沒有梯度，也沒有 Adam 的動差：只需要存權重。`,
  'why.frozenWeightsKept': () => `凍結的權重不訓練，但還是佔記憶體。`,
  'why.kvBoth': () => `快取要存 K 和 V：每一層、每個詞元各 2 個張量。`,
  'why.kvHeads': () => `快取存的是 K/V 頭（kv_heads），不是每個 query 頭：分組查詢注意力就是這樣省記憶體的。`,
  'why.kvFp16': () => `快取是 fp16：每個數 2 位元組。`,
  'why.kvEveryLayer': () => `每一層注意力都有自己的 K 與 V 快取。`,
  'why.kvEverySequence': () => `批次裡的每一條序列都有自己的快取。`,
  'why.otherPrecision': (p: P<'precision'>) => `這是 ${p.precision} 的大小；請再看一次題目問的是哪一種精度。`,
  // ── LoRA ──
  'why.loraBothFactors': () => `一個轉接器有兩個因子，A（r×IN）與 B（OUT×r）：每個被調整的矩陣是 r×(IN + OUT)。`,
  'why.loraSquare': () => `兩個因子是 r×IN 與 OUT×r，不是 r×r。`,
  'why.loraFull': () => `LoRA 訓練的是兩個小因子；IN×OUT 的原矩陣本身保持凍結。`,
  'why.loraEveryLayer': (p: P<'n'>) => `${p.n} 層每一層都有自己的轉接器。`,
  'why.loraEveryTarget': (p: P<'targets'>) => `每個目標模組（${p.targets}）都有自己的轉接器。`,
  'why.loraKvWidth': () => `分組查詢注意力的 k_proj 與 v_proj 把 D 映到 kv_heads×head_dim：它們的 OUT 比 D 窄。`,
};
