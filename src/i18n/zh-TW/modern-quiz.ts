/** 繁體中文訊息：現代 LLM 的測驗題目（`modern` 主題）：專家混合、量化檢查點的位元組、潛在注意力的 KV 快取與每詞元 FLOPs，以及提示。鍵與參數必須與 en/modern-quiz.ts 一致。 */
import { py, type P } from '../params.js';
import type { modernQuiz as En } from '../en/modern-quiz.js';

const pick = (v: string, ...wordings: string[]) => wordings[Number(v)] ?? wordings[0]!;
/** 設定寫法 `name=value` 裡的數字：6144，不寫成文字裡的 6,144。 */
const kvHeads = (kv: string) => (kv === '1' ? '只有 1 個 key/value 頭' : `${kv} 個 key/value 頭`);

type Decoder = 'd' | 'heads' | 'kv' | 'dh' | 'f';
type Experts = 'e' | 'k' | 'fe' | 'shared' | 'fs';

const shared = (p: P<'shared' | 'fs'>) =>
  p.shared === 'none'
    ? '沒有共享專家'
    : p.shared === 'plain'
      ? `另有每個詞元都會用到的共享專家，合起來是一個中間層大小 ${p.fs} 的 SwiGLU MLP（DeepSeek 的 shared_experts，沒有閘）`
      : `另有一個每個詞元都會用到的共享專家，是中間層大小 ${p.fs} 的 SwiGLU MLP，輸出乘上它自己的 sigmoid 閘（Qwen2-MoE 的 shared_expert_gate，hidden → 1，沒有偏差）`;

const moe = (p: P<Experts>) =>
  `一個路由器（nn.Linear hidden → ${p.e}，沒有偏差）與 ${p.e} 個專家，每個專家是一個 SwiGLU MLP（gate_proj 與 up_proj hidden → ${p.fe}、down_proj ${p.fe} → hidden，沒有偏差），每個詞元只用分數最高的 ${p.k} 個；${shared(p)}`;

const LAYOUTS: Readonly<Record<string, readonly [string, string]>> = {
  'gptq-int4': [
    `它用 GPTQ 存成 4 位元、群組大小 128（AutoGPTQ 的格式）。解碼器層裡每個 nn.Linear（in → out 個特徵）存 qweight（in·out/2 位元組）、qzeros（每組每個輸出 4 位元：⌈in/128⌉·out/2 位元組）、fp16 的 scales（2·⌈in/128⌉·out 位元組）與 g_idx（每個輸入一個 int32：4·in 位元組）。`,
    `GPTQ 檢查點，int4，group_size=128，依 AutoGPTQ 的打包方式：解碼器層裡的每個 Linear（in_features 為 in、out_features 為 out）有 qweight in·out/2 位元組 + qzeros ⌈in/128⌉·out/2 + scales（fp16）2·⌈in/128⌉·out + g_idx（int32）4·in。`,
  ],
  'awq-int4': [
    `它用 AWQ 存成 4 位元、群組大小 128（AutoAWQ 的 GEMM 格式）。解碼器層裡每個 nn.Linear（in → out 個特徵）存 qweight（in·out/2 位元組）、qzeros（每組每個輸出 4 位元：(in/128)·out/2 位元組）與 fp16 的 scales（2·(in/128)·out 位元組）；沒有 g_idx。`,
    `AWQ 檢查點，w_bit=4、q_group_size=128，依 AutoAWQ 的 WQLinear_GEMM 打包：解碼器層裡的每個 Linear（in → out）有 qweight in·out/2 位元組 + qzeros (in/128)·out/2 + scales（fp16）2·(in/128)·out；沒有 g_idx。`,
  ],
  nf4: [
    `它用 bitsandbytes 的 NF4 加雙重量化載入成 4 位元。解碼器層裡每個 nn.Linear 有 n = in·out 個權重，存 4 位元的權重（n/2 位元組）、每 64 個權重一個 8 位元的 absmax（n/64 位元組）、每 256 個這樣的區塊一個 fp32 的 absmax（4·⌈n/64/256⌉ 位元組），以及兩張 fp32 的碼表，256 與 16 項（1,088 位元組）。`,
    `bitsandbytes NF4（bnb_4bit_quant_type="nf4"、bnb_4bit_use_double_quant=True）：解碼器層裡一個有 n = in·out 個權重的 Linear 佔 n/2 位元組的 4 位元權重 + n/64 位元組的 8 位元 absmax（每塊 64 個）+ 4·⌈n/64/256⌉ 位元組的 fp32 巢狀 absmax（每塊 256 個）+ 1,088 位元組的碼表（256 + 16 個 fp32）。`,
  ],
};

const FORMATS: Readonly<Record<string, string>> = { 'gptq-int4': 'GPTQ int4', 'awq-int4': 'AWQ int4', nf4: 'NF4' };

export const modernQuiz: typeof En = {
  'topic.modern': () => '現代 LLM',

  // ── 專家混合 ──
  'd.moeLayer': (p: P<'v' | 'd' | 't' | Experts>) =>
    pick(
      p.v,
      `一個專家混合的前饋層，輸入 ${p.t} 個寬度 ${p.d} 的詞元：${moe(p)}。`,
      `稀疏 MoE 解碼器層的 MLP，隱藏大小 ${p.d}、${p.t} 個詞元：num_experts=${py(p.e)}、num_experts_per_tok=${py(p.k)}，每個專家的 gate/up/down_proj 中間層大小 ${p.fe}、bias=False，路由器（gate）${p.d} → ${p.e}、沒有偏差；${shared(p)}。`,
    ),
  'd.moeModel': (p: P<'v' | 'layers' | 'vocab' | Decoder | Experts>) =>
    pick(
      p.v,
      `一個專家混合的語言模型：詞嵌入（詞彙量 ${p.vocab}、寬度 ${p.d}）；${p.layers} 層解碼器，每層有 RMSNorm、自注意力（${p.heads} 個 query 頭、${kvHeads(p.kv)}、head_dim ${p.dh}，沒有偏差）、RMSNorm，MLP 則是${moe(p)}；最後一個 RMSNorm；以及自己的語言模型輸出層（沒有綁定、沒有偏差）。`,
      `一個稀疏 MoE 解碼器：vocab_size=${py(p.vocab)}、hidden_size=${py(p.d)}、num_hidden_layers=${py(p.layers)}、num_attention_heads=${py(p.heads)}、num_key_value_heads=${py(p.kv)}、head_dim=${py(p.dh)}，沒有偏差，注意力前、MLP 前與最後各有一個 RMSNorm，tie_word_embeddings=False；每層的 MLP 有${moe(p)}。`,
    ),
  'd.moeCounts': (p: P<'v' | 'layers' | 'd' | 'e' | 'k' | 'n' | 'active'>) =>
    pick(
      p.v,
      `一個專家混合的 LLM（${p.layers} 層、寬度 ${p.d}，每層 ${p.e} 個專家，每個詞元用分數最高的 ${p.k} 個）有 ${p.n} 個參數；一個詞元會用到其中 ${p.active} 個。`,
      `一個 ${p.layers} 層的 MoE 模型（隱藏大小 ${p.d}、${p.e} 個專家、每個詞元 ${p.k} 個）總共有 ${p.n} 個參數，每個詞元啟用 ${p.active} 個。`,
    ),
  'd.statedTotal': (p: P<'v' | 'n'>) => pick(p.v, `它總共有 ${p.n} 個參數。`, `它的參數量是 ${p.n}。`),
  'ask.moeActive': (p: P<'v'>) =>
    pick(
      p.v,
      `一個詞元在一次前向傳遞中會用到多少個參數？照 Mistral 計算 Mixtral 啟用參數的方式：每層被路由到的 top-k 個專家、所有不屬於路由專家的部分，以及兩張嵌入表（輸入嵌入與語言模型輸出層）。`,
      `照 Mistral 的算法（被路由到的 top-k 個專家、模型其餘所有部分，詞嵌入與語言模型輸出層都算），它每個詞元有多少個啟用參數？`,
    ),

  // ── 量化檢查點 ──
  'd.lmDecoder': (p: P<'v' | 'layers' | 'vocab' | Decoder>) =>
    pick(
      p.v,
      `一個 LLaMA 風格的語言模型：詞嵌入（詞彙量 ${p.vocab}、寬度 ${p.d}）；${p.layers} 層解碼器，每層有 RMSNorm、自注意力（${p.heads} 個 query 頭、${kvHeads(p.kv)}、head_dim ${p.dh}，沒有偏差）、RMSNorm 與中間層大小 ${p.f} 的 SwiGLU MLP（沒有偏差）；最後一個 RMSNorm；以及自己的語言模型輸出層（沒有綁定、沒有偏差）。`,
      `一個只有解碼器的語言模型：vocab_size=${py(p.vocab)}、hidden_size=${py(p.d)}、num_hidden_layers=${py(p.layers)}、num_attention_heads=${py(p.heads)}、num_key_value_heads=${py(p.kv)}、head_dim=${py(p.dh)}、intermediate_size=${py(p.f)}，沒有偏差，使用 RMSNorm，tie_word_embeddings=False。`,
    ),
  'd.quantLayout': (p: P<'v' | 'format'>) =>
    `${pick(p.v, ...(LAYOUTS[p.format] ?? ['']))}${pick(p.v, '其他部分（詞嵌入、語言模型輸出層與 RMSNorm 的權重，如果有的話）維持 fp16，每個參數 2 位元組。', '其餘（嵌入、輸出層、正規化）都存成 fp16：每個參數 2 位元組。')}`,
  'ask.quantBytes': (p: P<'v' | 'format' | 'of'>) =>
    pick(
      p.v,
      `這個 ${FORMATS[p.format]} 的${p.of === 'block' ? '區塊' : '檢查點'}精確來說佔多少位元組（只算張量，不含檔頭與中繼資料）？`,
      `量化後的${p.of === 'block' ? '區塊' : '模型'}以 ${FORMATS[p.format]} 儲存，張量精確來說共有多少位元組？`,
    ),

  // ── 潛在注意力的快取 ──
  'd.mlaDecoder': (p: P<'v' | 'layers' | 'd' | 'heads' | 'rank' | 'qRank' | 'nope' | 'rope' | 'vd' | 'f'>) =>
    pick(
      p.v,
      `一個 DeepSeek 風格、${p.layers} 層、寬度 ${p.d} 的解碼器，使用多頭潛在注意力：${p.heads} 個頭的 key 與 value 由一個 kv_lora_rank ${p.rank} 的壓縮潛在向量還原（每個頭有 ${p.nope} 維不旋轉的 key 與 ${p.vd} 維的 value），另有所有頭共用、qk_rope_head_dim ${p.rope} 的旋轉 key${p.qRank ? `；query 經過 q_lora_rank ${p.qRank} 的低秩分解` : ''}。每層另有兩個 RMSNorm 與中間層大小 ${p.f} 的 SwiGLU MLP。`,
      `${p.layers} 層的多頭潛在注意力（MLA）：hidden_size=${py(p.d)}、num_attention_heads=${py(p.heads)}、kv_lora_rank=${py(p.rank)}、qk_nope_head_dim=${py(p.nope)}、qk_rope_head_dim=${py(p.rope)}、v_head_dim=${py(p.vd)}${p.qRank ? `、q_lora_rank=${py(p.qRank)}` : '、q_lora_rank=None'}；MLP 是 intermediate_size=${py(p.f)} 的 SwiGLU。`,
    ),
  'ask.kvLatentToken': (p: P<'v' | 't' | 'batch'>) =>
    pick(
      p.v,
      `解碼時快取照潛在注意力的設計保持壓縮（DeepSeek-V2 §2.1；vLLM 就這樣存），用 fp16：一條序列每個詞元的快取佔多少位元組？`,
      `用 MLA 壓縮過的 fp16 KV 快取（DeepSeek 推論時存的，不是每個頭還原後的 K 與 V），一條序列每多生成一個詞元會多佔多少位元組？`,
    ),
  'ask.kvLatentCache': (p: P<'v' | 't' | 'batch'>) =>
    pick(
      p.v,
      `解碼${p.batch === '1' ? '一條' : `一批 ${p.batch} 條`}長度 ${p.t} 的序列，快取照潛在注意力的設計保持壓縮（DeepSeek-V2 §2.1；vLLM 就這樣存），用 fp16：快取共佔多少位元組？`,
      `用 MLA 壓縮過的 fp16 KV 快取（DeepSeek 推論時存的，不是每個頭還原後的 K 與 V），${p.batch === '1' ? '一條序列' : `${p.batch} 條序列各自`}保留 ${p.t} 個詞元的上下文需要多少位元組？`,
    ),

  // ── 每詞元 FLOPs ──
  'ask.flopsToken': (p: P<'v' | 't'>) =>
    pick(
      p.v,
      `上下文長度 ${p.t} 個詞元時，一次前向傳遞每個詞元花多少 FLOPs？每次乘積累加算 2 FLOPs：詞元遇到的每個權重各一次（語言模型輸出層與 RMSNorm 的縮放值都算，嵌入查表不花 FLOPs），再加上每層在全部 ${p.t} 個位置上的 QKᵀ 與 A·V，不因因果遮罩減半。`,
      `上下文 ${p.t} 個詞元時每個詞元的前向 FLOPs，精確值：每次乘加 2 FLOPs；詞元經過的每個權重（輸出層與正規化的縮放值也算；嵌入是查表，0 FLOPs），以及完整 ${p.t}×${p.t} 上的注意力分數與加權和（不因因果性減半）。`,
    ),

  // ── 提示 ──
  'hint.moeLayer': () => `路由器是 D×E；每個專家是三個 D×F 矩陣的閘控 MLP，這一層把 E 個專家全部存著；共享專家另有自己的三個矩陣（Qwen 的閘再加 D 個）。`,
  'hint.moeActive': () => `從總數扣掉詞元沒被路由到的專家：每層 (E − top_k) 個專家 × 3·D·F。`,
  'hint.moeWeights': () => `不管詞元用哪幾個專家，記憶體都要放下全部專家：位元組 = 全部參數 × 每個參數的位元組數。`,
  'hint.quant': (p: P<'format'>) =>
    p.format === 'nf4'
      ? `每個量化的 Linear：n/2 + n/64 + 4·⌈n/64/256⌉ + 1,088 位元組；嵌入、輸出層與正規化每個參數 2 位元組。`
      : `每個量化的 Linear：打包後的權重、每 128 個輸入一組的零點與 fp16 縮放值（GPTQ 還有 g_idx）；沒量化的每個參數 2 位元組。`,
  'hint.kvLatent': () => `潛在注意力每個詞元、每層快取壓縮的潛在向量（kv_lora_rank）與共用的旋轉 key（qk_rope_head_dim），fp16 各 2 位元組；不是每個頭的 K 與 V。`,
  'hint.flops': () => `詞元遇到的每個權重 2 FLOPs（除了嵌入表與它跳過的專家以外的所有參數），再加上每層 QKᵀ 與 A·V 的 4·T·h·d_h。`,
};
