/** 繁體中文訊息：注意力、Transformer 層與大型語言模型的測驗題目（`attention` 與 `llm` 主題）、提示與記憶體的計算過程。鍵與參數必須與 en/llm-quiz.ts 一致。 */
import { py, type P } from '../params.js';
import type { llmQuiz as En } from '../en/llm-quiz.js';

const pick = (v: string, ...wordings: string[]) => wordings[Number(v)] ?? wordings[0]!;
/** 程式碼或設定裡的數字：1024，不寫成文字裡的 1,024。 */
const withBias = (b: string) => (b === 'no' ? '不含偏差' : '含偏差');
const kvHeads = (kv: string) => (kv === '1' ? '只有 1 個 key/value 頭（多查詢注意力）' : `${kv} 個 key/value 頭`);
const ATTENTION_BIAS: Readonly<Record<string, string>> = {
  none: '沒有偏差（bias=False）',
  qkv: 'q_proj、k_proj 與 v_proj 有偏差，o_proj 沒有（Qwen2 的做法）',
  all: '四個投影各有偏差',
};
const TRAINING: Readonly<Record<string, string>> = {
  fp32: '以 fp32 進行（權重、梯度與 Adam 的兩個動差各 4 位元組）',
  mixed: '以混合精度進行（fp16 的權重與梯度；fp32 的主權重與 Adam 的兩個動差）',
};

type Decoder = 'd' | 'heads' | 'kv' | 'dh' | 'f';

export const llmQuiz: typeof En = {
  // ── 注意力 ──
  'd.torchMha': (p: P<'v' | 'd' | 'heads' | 't' | 'bias'>) =>
    pick(
      p.v,
      `PyTorch 的 nn.MultiheadAttention(embed_dim=${py(p.d)}, num_heads=${p.heads}${p.bias === 'no' ? ', bias=False' : ''}) 當作自注意力，用在長度 ${p.t} 的序列上。`,
      `一個 PyTorch 多頭自注意力層，embed_dim ${p.d}、${p.heads} 個頭（${withBias(p.bias)}），一次讀入 ${p.t} 個詞元。`,
    ),
  'd.kerasMha': (p: P<'v' | 'd' | 'heads' | 'key' | 'value' | 't' | 'bias'>) =>
    pick(
      p.v,
      `Keras：MultiHeadAttention(num_heads=${p.heads}, key_dim=${p.key}${p.value ? `, value_dim=${p.value}` : ''}${p.bias === 'no' ? ', use_bias=False' : ''}) 當作自注意力，用在 (${py(p.t)}, ${py(p.d)}) 的序列上。`,
      `一個 Keras 多頭注意力層，${p.heads} 個頭、key_dim ${p.key}${p.value ? `、value_dim ${p.value}` : ''}（${withBias(p.bias)}），在 ${p.t} 個寬度 ${p.d} 的詞元上運作。`,
    ),
  'd.gqa': (p: P<'v' | 'd' | 'heads' | 'kv' | 'dh' | 't' | 'bias'>) =>
    pick(
      p.v,
      `解碼器的自注意力，q_proj、k_proj、v_proj、o_proj 各自獨立（Hugging Face 的寫法）：隱藏大小 ${p.d}，${p.heads} 個 query 頭與${kvHeads(p.kv)}，每個頭寬 ${p.dh}，${ATTENTION_BIAS[p.bias]}；序列有 ${p.t} 個詞元。`,
      `分組查詢注意力：hidden_size=${py(p.d)}、num_attention_heads=${p.heads}、num_key_value_heads=${p.kv}、head_dim=${p.dh}，${ATTENTION_BIAS[p.bias]}，作用在 ${p.t} 個詞元上。`,
    ),
  'd.encoderTorch': (p: P<'v' | 'd' | 'heads' | 'f' | 't' | 'key' | 'bias'>) =>
    pick(
      p.v,
      `PyTorch 的 nn.TransformerEncoderLayer(d_model=${py(p.d)}, nhead=${p.heads}, dim_feedforward=${py(p.f)}${p.bias === 'no' ? ', bias=False' : ''})：自注意力、一個 LayerNorm、前饋區塊（${p.d} → ${p.f}、ReLU、${p.f} → ${p.d}）與第二個 LayerNorm，輸入 ${p.t} 個詞元。`,
      `一個 PyTorch 的 Transformer 編碼器層（post-norm），輸入 ${p.t} 個寬度 ${p.d} 的詞元：${p.heads} 個頭的 nn.MultiheadAttention、norm1、linear1（${p.d} → ${p.f}）、linear2（${p.f} → ${p.d}）與 norm2，${p.bias === 'no' ? '所有偏差都關掉（bias=False，LayerNorm 也一樣）' : '含偏差'}。`,
    ),
  'd.encoderKeras': (p: P<'v' | 'd' | 'heads' | 'f' | 't' | 'key' | 'bias'>) =>
    pick(
      p.v,
      `Keras 的 Transformer 編碼器層，輸入 (${py(p.t)}, ${py(p.d)}) 的序列：MultiHeadAttention(num_heads=${p.heads}, key_dim=${p.key})、LayerNormalization、Dense(${py(p.f)}, activation="relu")、Dense(${py(p.d)})、LayerNormalization，都含偏差。`,
      `在 Keras 裡，自注意力層（${p.heads} 個頭、key_dim ${p.key}）之後接一個層正規化、兩個 Dense 組成的前饋區塊（先 ${p.f} 個神經元配 ReLU，再 ${p.d} 個）與第二個層正規化，輸入 ${p.t} 個寬度 ${p.d} 的詞元；每一層都有偏差。`,
    ),
  'd.gpt2Block': (p: P<'v' | 'd' | 'heads' | 't' | 'f'>) =>
    pick(
      p.v,
      `一個 GPT-2 區塊（pre-norm），輸入 ${p.t} 個寬度 ${p.d} 的詞元：ln_1（LayerNorm）、attn（${p.heads} 個頭；Q、K、V 放在 c_attn，接著 c_proj）、ln_2，以及 MLP（c_fc ${p.d} → ${p.f}、GELU、c_proj ${p.f} → ${p.d}）；每一層都有偏差。`,
      `GPT-2 的 Transformer 區塊：一個 LayerNorm、寬度 ${p.d} 的 ${p.heads} 頭自注意力、第二個 LayerNorm 與寬度 ${p.f} 的前饋區塊，全部含偏差，輸入長度 ${p.t} 的序列。`,
    ),

  // ── 前饋區塊、嵌入、LLaMA ──
  'd.ffn': (p: P<'v' | 'd' | 'f' | 't' | 'bias'>) =>
    pick(
      p.v,
      `Transformer 的前饋區塊（GPT-2 的寫法）：c_fc ${p.d} → ${p.f}、GELU、c_proj ${p.f} → ${p.d}，${withBias(p.bias)}，作用在 ${p.t} 個詞元的每一個上。`,
      `Transformer 層裡的 MLP 把 ${p.t} 個詞元各自從寬度 ${p.d} 升到 ${p.f}，再降回 ${p.d}（兩個線性層，${withBias(p.bias)}）。`,
    ),
  'd.gated': (p: P<'v' | 'kind' | 'd' | 'f' | 't' | 'bias'>) =>
    pick(
      p.v,
      `一個 ${p.kind} 前饋區塊（LLaMA 的寫法）：gate_proj 與 up_proj ${p.d} → ${p.f}，down_proj ${p.f} → ${p.d}，${withBias(p.bias)}，輸入 ${p.t} 個詞元。`,
      `一個閘控 MLP（${p.kind}），模型寬度 ${p.d}、中間層大小 ${p.f}（${withBias(p.bias)}），作用在長度 ${p.t} 的序列上。`,
    ),
  'd.lmEmbeddings': (p: P<'v' | 'vocab' | 'd' | 'p' | 't' | 'tied'>) =>
    pick(
      p.v,
      `一個 GPT-2 風格的語言模型讀入 ${p.t} 個詞元：詞嵌入（詞彙量 ${p.vocab}、寬度 ${p.d}）、最多 ${p.p} 個位置的可學習位置編碼，最後是輸出 ${p.vocab} 個 logits 的語言模型輸出層${p.tied === 'yes' ? '，它的權重和詞嵌入綁定' : '，它有自己的權重（沒有綁定）'}。`,
      `詞彙量 ${p.vocab}、模型寬度 ${p.d}、${p.p} 個位置的可學習位置表、序列長度 ${p.t}；輸出層沒有偏差，${p.tied === 'yes' ? '和詞嵌入共用同一個矩陣（綁定）' : '有自己的矩陣（未綁定）'}。`,
    ),
  'd.llamaBlock': (p: P<'v' | Decoder | 't'>) =>
    pick(
      p.v,
      `一個 LLaMA 風格的解碼器區塊，輸入 ${p.t} 個寬度 ${p.d} 的詞元：RMSNorm、自注意力（${p.heads} 個 query 頭、${kvHeads(p.kv)}、head_dim ${p.dh}，沒有偏差）、RMSNorm，以及中間層大小 ${p.f}、沒有偏差的 SwiGLU MLP。`,
      `LLaMA 的一層解碼器：input_layernorm（RMSNorm）、self_attn（q/k/v/o_proj；隱藏大小 ${p.d}、${p.heads} 個頭、${p.kv} 個 KV 頭、head_dim ${p.dh}、bias=False）、post_attention_layernorm（RMSNorm）、mlp（gate/up/down_proj，中間層 ${p.f}，bias=False）；${p.t} 個詞元。`,
    ),
  'd.decoder': (p: P<'v' | 'layers' | Decoder>) =>
    pick(
      p.v,
      `一個 ${p.layers} 層、寬度 ${p.d} 的 LLaMA 風格解碼器：每層有 RMSNorm、自注意力（${p.heads} 個 query 頭、${kvHeads(p.kv)}、head_dim ${p.dh}，沒有偏差）、RMSNorm 與中間層大小 ${p.f} 的 SwiGLU MLP。`,
      `${p.layers} 層解碼器（hidden_size=${py(p.d)}、num_attention_heads=${p.heads}、num_key_value_heads=${p.kv}、head_dim=${p.dh}、intermediate_size=${py(p.f)}；沒有偏差，使用 RMSNorm）。`,
    ),
  'd.modelParameters': (p: P<'v' | 'n' | 'layers' | 'd'>) =>
    pick(p.v, `一個 LLaMA 風格的語言模型（${p.layers} 層、寬度 ${p.d}）有 ${p.n} 個參數。`, `一個只有解碼器的模型，${p.layers} 層、寬度 ${p.d}，總共有 ${p.n} 個參數。`),
  'd.loraOn': (p: P<'v' | 'r' | 'targets'>) =>
    pick(p.v, `用 LoRA 微調，r=${p.r}，target_modules=${p.targets}：其他權重全部凍結。`, `在 target_modules=${p.targets} 上加上秩為 ${p.r} 的 LoRA 轉接器；基底模型保持凍結。`),

  // ── 這些題目問的 ──
  'ask.embeddings': (p: P<'v'>) => pick(p.v, `詞嵌入、位置表與輸出層加起來有多少個參數？`, `只算嵌入與輸出層（不含 Transformer 區塊）：有多少個參數？`),
  'ask.weightBytes': (p: P<'v' | 'precision'>) =>
    p.precision.startsWith('int')
      ? pick(p.v, `以 ${p.precision} 儲存時，權重佔多少位元組（不含量化的縮放係數）？`, `權重存成 ${p.precision}，需要多少位元組的記憶體（不含縮放係數與零點）？`)
      : pick(p.v, `以 ${p.precision} 儲存時，權重佔多少位元組？`, `權重存成 ${p.precision}，需要多少位元組的記憶體？`),
  'ask.trainingBytes': (p: P<'v' | 'mode'>) =>
    pick(p.v, `所有參數都用 Adam 訓練，${TRAINING[p.mode]}。權重、梯度與最佳化器狀態共佔多少位元組（不含激勵值）？`, `用 Adam 全參數微調，${TRAINING[p.mode]}：需要多少位元組的記憶體（不算激勵值）？`),
  'ask.loraTrainingBytes': (p: P<'v' | 'mode'>) =>
    pick(
      p.v,
      `轉接器用 Adam 訓練，${TRAINING[p.mode]}；凍結的權重維持原樣（${p.mode === 'fp32' ? 'fp32' : 'fp16'}），沒有梯度也沒有動差。總共多少位元組（不含激勵值）？`,
      `轉接器用 Adam 訓練（${TRAINING[p.mode]}），凍結的基底存成 ${p.mode === 'fp32' ? 'fp32' : 'fp16'}：權重、梯度與最佳化器狀態共佔多少位元組（不含激勵值）？`,
    ),
  'ask.kvPerToken': (p: P<'v' | 't' | 'batch'>) => pick(p.v, `用 fp16 的 KV 快取解碼：一條序列每個詞元要存多少位元組？`, `每多生成一個詞元，fp16 的 KV 快取會多佔多少位元組（一條序列）？`),
  'ask.kvCache': (p: P<'v' | 't' | 'batch'>) =>
    pick(
      p.v,
      `以 fp16 的 KV 快取解碼${p.batch === '1' ? '一條' : `一批 ${p.batch} 條`}長度 ${p.t} 的序列：快取共佔多少位元組？`,
      `用 fp16 的 KV 快取，${p.batch === '1' ? '一條序列' : `${p.batch} 條序列各自`}保留 ${p.t} 個詞元的上下文，需要多少位元組？`,
    ),
  'ask.loraTrainable': (p: P<'v'>) => pick(p.v, `現在模型有多少個可訓練參數？`, `LoRA 訓練多少個參數（轉接器的）？`),

  // ── 提示 ──
  'hint.kerasMha': () => `Keras：Q 與 K 是 D×h×key_dim，V 是 D×h×value_dim，各有 h×寬度 個偏差；輸出投影是 h×value_dim×D，再加 D 個偏差。`,
  'hint.gqa': () => `Q 是 D×(h·d_h)，K 與 V 各是 D×(kv·d_h)，O 是 (h·d_h)×D；有偏差的投影每個輸出加一個偏差。頭數只是把寬度分開。`,
  'hint.encoder': () => `注意力（Q、K、V、O：含偏差為 4·(D×D + D)）、兩個 LayerNorm（γ 與 β：各 2·D）與前饋區塊（D×F + F + F×D + D）。`,
  'hint.gpt2Block': () => `兩個 LayerNorm（各 2·D）、注意力 4·(D×D + D) 與 MLP 的 D×F + F + F×D + D。`,
  'hint.ffn': () => `兩個矩陣 D×F 與 F×D，加上它們的偏差 F 與 D；每個詞元都用同一組權重。`,
  'hint.gated': () => `閘控 MLP 有三個矩陣：gate 與 up（各 D×F）以及 down（F×D），有偏差的層才加偏差。`,
  'hint.embeddings': () => `詞嵌入表是 V×D，位置表是 P×D（P 是最大位置數），未綁定的輸出層另外有自己的 D×V；綁定的則不增加參數。`,
  'hint.llamaBlock': () => `RMSNorm 學 D 個縮放係數；注意力的 Q 與 O 是 D×(h·d_h)，K 與 V 是 D×(kv·d_h)；SwiGLU 有三個 D×F 矩陣；全部沒有偏差。`,
  'hint.memory': () => `位元組 = 參數量 × 每個參數的位元數 / 8：fp32 是 4、fp16 是 2、int8 是 1、int4 是半個位元組。`,
  'hint.training': () => `Adam 為每個訓練中的參數存權重、梯度與兩個動差（混合精度再加一份 fp32 主權重）：16 位元組；凍結的參數只存權重。`,
  'hint.kv': () => `每個詞元：2（K 與 V）× 層數 × kv_heads × head_dim × 2 位元組（fp16）；再乘上詞元數與序列數。`,
  'hint.lora': () => `每個被調整的 IN → OUT 矩陣加上 A（r×IN）與 B（OUT×r）：r×(IN + OUT)；基底保持凍結。`,

  // ── 計算過程 ──
  'work.tied': (p: P<'owner'>) => `與 ${p.owner} 綁定：增加 0（它的權重就是 ${p.owner} 的，已經算過）`,
  'work.lora': (p: P<'target' | 'formula' | 'times' | 'total'>) => `${p.target}：${p.formula}${p.times === '1' ? '' : `，× ${p.times} = ${p.total}`}`,
  'work.training': (p: P<'per' | 'trainable' | 'perFrozen' | 'frozen' | 'total'>) => `= ${p.per} B × ${p.trainable} 個可訓練參數 + ${p.perFrozen} B × ${p.frozen} 個凍結參數 = ${p.total} B`,
};
