/** 繁體中文訊息：現代模型（專家混合、潛在注意力、config.json、量化檢查點、訓練記憶體與每詞元 FLOPs）。鍵與參數必須與 en/models.ts 一致。 */
import type { P } from '../params.js';
import type { models as En } from '../en/models.js';

export const models: typeof En = {
  // ── 層的種類 ──
  'kind.moe': () => `專家混合（MoE）：路由器 D×E 與 E 個門控專家（各 3·D·F），每個詞元只用 top_k 個；另有每個詞元都用的共享專家（shared_ff=）。`,
  'kind.mla': () => `多頭潛在注意力（DeepSeek）：K 與 V 由一個壓縮向量（kv_rank）加一個共用的旋轉 key 還原；快取只存這兩者。`,
  'kind.newinput': () => `模型的另一個輸入（CLIP 文字之外的影像）：後面的層從形狀為 SHAPE 的張量開始；沒有參數。`,
  'kind.timesteps': () => `擴散模型的時間步，轉成 DIM 個正弦特徵（diffusers 的 time_proj）：用公式算出，沒有參數。`,
  'kind.param': () => `模組直接持有的參數（CLIP 的 logit_scale）：有幾個元素就是幾個參數，自成一列。`,
  'mistake.moe': () => `這一層存著所有專家（E×3·D·F），雖然每個詞元只用其中 top_k 個：記憶體看總參數量，計算量看啟用的參數量。`,
  'mistake.mla': () => `潛在注意力每個詞元、每層快取 kv_rank + rope 個數，不是每個頭的 K 與 V；參數裡還有兩個小小的 RMSNorm 權重。`,
  'mistake.timesteps': () => `時間步的正弦特徵是算出來的：0 個參數（後面時間嵌入的兩個 Linear 層才有參數）。`,
  'mistake.param': () => `單獨的參數有幾個元素就算幾個：logit_scale 是 1 個數。`,

  // ── 錯誤庫：專家混合、潛在注意力 ──
  'why.moeAllExpertsStored': (p: P<'experts' | 'k'>) => `這一層存著全部 ${p.experts} 個專家；每個詞元只用 ${p.k} 個，但每一個都要存（也都要算）。`,
  'why.moeRouter': (p: P<'experts' | 'd'>) => `路由器也有參數：一個 ${p.d}×${p.experts} 的矩陣，替每個詞元幫專家打分數。`,
  'why.moeShared': () => `共享專家（和它的門控）也屬於這一層：除了被路由到的專家，每個詞元都會經過它們。`,
  'why.mlaNorms': () => `潛在注意力會正規化壓縮後的向量：kv_a_layernorm（用低秩 query 時還有 q_a_layernorm）各有一組權重。`,
  'why.mlaRopeKey': (p: P<'rope'>) => `kv_a_proj_with_mqa 除了潛在向量，還產生寬 ${p.rope}、所有頭共用的旋轉 key。`,
  'why.mlaNotMha': (p: P<'heads'>) => `這是潛在注意力，不是 ${p.heads} 個頭各自的 Q、K、V、O 投影：K 與 V 來自一個小小的潛在矩陣。`,

  'err.unknownModel': (p: P<'token' | 'nearest'>) => `\`${p.token}\` 不是預設模型、層的種類或 def，所以不會當成別的模型來算。最接近的預設模型：${p.nearest}。`,
  'err.unreadWords': (p: P<'model' | 'words' | 'options'>) =>
    `看得懂 \`${p.model}\`，但看不懂 ${p.words}：略過它們去算 ${p.model}，算到的會是另一個模型。請用選項寫（${p.options}），例如 \`${p.model} classes=2 top=false trainable=false\`，或用這些說法：2 類、不含頂層、凍結。`,
  'err.tooManyExperts': (p: P<'max'>) => `展開後的模型太大：所有專家混合層加起來最多 ${p.max} 個專家。`,
  'err.moeTopK': () => `\`moe\` 需要 top_k=K，也就是每個詞元用幾個專家（Mixtral：2）。`,
  'err.moeTopKExperts': (p: P<'k' | 'experts'>) => `\`moe\`：top_k=${p.k} 比專家數 ${p.experts} 還多。`,
  'err.mlaNeeds': (p: P<'key'>) => `\`mla\` 需要 ${p.key}=N（例如 mla 16 2048 kv_rank=512 nope_dim=128 rope_dim=64 v_dim=128）。`,
  'err.fusedCross': () => `\`attention\`：fused=true（一個 QKV 矩陣）只讀一個輸入；交叉注意力（kv_dim=）有兩個。`,

  'note.moe': (p: P<'experts' | 'k' | 'expert' | 'active' | 'formula'>) =>
    `專家混合：${p.experts} 個專家、每個 ${p.expert} 個參數，全部都要存；每個詞元只用其中 ${p.k} 個。每個詞元：${p.formula} = ${p.active} 個參數會用到。`,
  'note.moeScoreBias': (p: P<'experts'>) =>
    `DeepSeek-V3 的 e_score_correction_bias（${p.experts} 個數，只用來挑專家）在 transformers 裡是 buffer，不是參數；DeepSeek 自己的模型程式把它當成 nn.Parameter（每層多 ${p.experts} 個）。`,
  'note.mla': (p: P<'rank' | 'rope' | 'heads' | 'full'>) => `潛在注意力：快取每個詞元存 ${p.rank} + ${p.rope} 個數，而不是 ${p.heads} 個頭的 K 與 V（${p.full} 個數）。`,
  'note.crossAttention': (p: P<'kv' | 'd' | 'len'>) => `交叉注意力：K 與 V 讀寬度 ${p.kv} 的上下文（${p.len} 個詞元），Q 與輸出用這一層自己的 ${p.d}。`,
  'note.gluFused': (p: P<'f' | 'd' | 'name'>) => `gate 與 up 合成一個矩陣（${p.name}：${p.d} → 2×${p.f}），再接 down（${p.f} → ${p.d}）：參數量和三個矩陣一樣。`,

  // ── 貼上的 config.json ──
  'err.configJson': (p: P<'reason'>) => `這看起來像 config.json，但不是合法的 JSON：${p.reason}。`,
  'err.configTooLong': (p: P<'max'>) => `超過 ${p.max} 個字元的 config.json 超出能讀的範圍：請貼模型本身的 config.json。`,
  'err.notAConfig': () => `這個 JSON 物件沒有 model_type 或 architectures，所以不是 Hugging Face 的 config.json。`,
  'err.configModelType': (p: P<'modelType' | 'supported'>) => `config.json：還不能讀 model_type \`${p.modelType}\`；能讀的有 ${p.supported}。`,
  'err.configArchitecture': (p: P<'architecture' | 'modelType' | 'supported'>) => `config.json：\`${p.architecture}\` 不是這裡能建的 ${p.modelType} 架構；能建的有 ${p.supported}。`,
  'err.configField': (p: P<'field' | 'value' | 'expected'>) => `config.json：\`${p.field}\` 是 \`${p.value}\`；應該是 ${p.expected}。`,
  'err.configMissing': (p: P<'field'>) => `config.json：缺少 \`${p.field}\`，而且沒有預設值可以假設。`,
  'err.configUnsupportedValue': (p: P<'field' | 'value' | 'allowed'>) =>
    `config.json：\`${p.field}\` = \`${p.value}\` 改變了架構，這裡不會建那樣的模型（能建的是 ${p.allowed}）：寧可不算，也不給錯的數字。`,
  'err.configUnknownField': (p: P<'field' | 'family'>) => `config.json：\`${p.field}\` 不是這裡認得的 ${p.family} 欄位；它可能會改變參數量，所以不計算。如果它沒有參數，請把它拿掉。`,
  'err.configHeads': (p: P<'heads' | 'kv'>) => `config.json：num_key_value_heads ${p.kv} 必須能整除 num_attention_heads ${p.heads}。`,
  'err.configHeadDim': (p: P<'d' | 'heads'>) => `config.json：hidden_size ${p.d} 無法平均分給 ${p.heads} 個頭，也沒有給 head_dim。`,
  'summary.config': (p: P<'architecture' | 'modelType' | 'source' | 'framework'>) => `${p.architecture}，讀自 config.json（model_type ${p.modelType}）：${p.source}（${p.framework} 慣例）`,
  'summary.configDefaultArchitecture': (p: P<'architecture'>) => `config.json 沒有指定架構：建的是這個家族的第一個，${p.architecture}。`,
  'summary.configUsed': (p: P<'fields'>) => `用到的欄位：${p.fields}。`,
  'summary.configAssumed': (p: P<'fields'>) => `假設的預設值（config 類別的預設，和 transformers 一樣）：${p.fields}。`,
  'summary.configIgnored': (p: P<'fields'>) => `讀了但不影響參數量（沒有參數）：${p.fields}。`,
  'summary.configQuantized': (p: P<'method'>) => `quantization_config：這個檢查點把權重存成 ${p.method}；參數量照架構算（位元組數請用 --memory）。`,
  'note.configGemmaNormalizer': () => `Gemma 會把嵌入乘上 √hidden_size（是 buffer，不是參數），它的 RMSNorm 乘的是 1 + weight：參數量不變。`,
  'note.configMtp': (p: P<'n'>) =>
    `num_nextn_predict_layers ${p.n}：DeepSeek-V3 的檢查點另外存了多詞元預測模組（第 62 層，加上自己的嵌入與輸出層副本，約 14B）；transformers 不會建它，所以沒有算進去。`,

  // ── 記憶體：潛在快取與常見誤讀 ──
  'memory.kvLatent': (p: P<'layers' | 'rank' | 'rope' | 'copies' | 'bytes'>) =>
    `${p.copies === '1' ? '' : `${p.copies} × `}（${p.rank} kv_lora_rank + ${p.rope} rope）× ${p.layers} 層 × ${p.bytes} B（潛在注意力：每個詞元一個壓縮向量與一個旋轉 key）`,
  'memory.kvRebuilt': (p: P<'layers' | 'heads' | 'qk' | 'v' | 'bytes'>) => `${p.heads} 個頭 ×（${p.qk} K + ${p.v} V）× ${p.layers} 層 × ${p.bytes} B`,
  'why.latentRebuilt': () => `潛在注意力快取的是壓縮向量與共用的旋轉 key，不是由它們還原出來的每個頭的 K 與 V：省記憶體就省在這裡。`,
  'why.kvValuesForBytes': () => `這是快取裡有幾個數；在 fp16 下每個數佔 2 位元組。`,
  'why.latentTwice': () => `潛在向量同時代表 K 與 V：每個詞元、每層只存一次，不是 K 一次、V 再一次。`,
  'why.latentNoRope': () => `除了潛在向量，每個詞元還要快取它的旋轉 key（qk_rope_head_dim 個數），所有頭共用。`,

  // ── 訓練：每詞元 FLOPs、激活值 ──
  'flops.perToken': (p: P<'t' | 'weights' | 'attention' | 'share' | 'training' | 'forward'>) =>
    `T = ${p.t} 時每個詞元的 FLOPs：前向 ${p.forward} = 權重 ${p.weights} + 注意力 ${p.attention}（完整 T×T 的 QKᵀ 與 A·V，每層 4·T·h·d_h：這個長度下是權重的 +${p.share}%）；訓練（前向加反向，3 × 前向）：${p.training}。`,
  'flops.sixN': (p: P<'n' | 'sixN'>) => `6N 法則（Kaplan et al. 2020），N = ${p.n} 個參數：每個詞元 ${p.sixN}，不含注意力。`,
  'flops.sixNActive': (p: P<'n' | 'sixN'>) => `6N 法則（Kaplan et al. 2020），N = ${p.n}，一個詞元會用到的參數：每個詞元 ${p.sixN}，不含注意力。`,
  'activations.title': (p: P<'s' | 'b'>) => `訓練反向傳播要保留的激活值（Korthikanti et al. 2022 的算法，套用這個模型的寬度：16 位元激活值、1 位元組的 dropout 遮罩），s = ${p.s} 個詞元，b = ${p.b}：`,
  'activations.stored': (p: P<'layers' | 'perToken' | 'perScore' | 'total'>) => `全部保留：${p.layers} 層 × s·b·(${p.perToken} + ${p.perScore}·s) B（分數隨 s² 成長）= ${p.total}`,
  'activations.flash': (p: P<'statistics' | 'total'>) => `flash attention（不存 s×s 的分數；保留 fp32 的 softmax 統計量，每層 ${p.statistics}·s·b B）：${p.total}`,
  'activations.checkpointed': (p: P<'input' | 'total'>) => `梯度檢查點（每層只留輸入 ${p.input}·s·b B，一次重算一層）：${p.total}`,
  'activations.outside': (p: P<'total'>) => `各層之外（最後正規化與輸出層的輸入、fp32 的 logits 4·s·b·V）：${p.total}`,

  // ── 量化檢查點 ──
  'quant.title': () => `量化檢查點（存下來的張量的確切位元組；不含檔頭與中繼資料）。格式沒有量化的部分維持 16 位元：嵌入、語言模型輸出層、正規化、偏差、路由器：`,
  'quant.none': (p: P<'why'>) => `量化檢查點：${p.why}`,
  'quant.line': (p: P<'label' | 'total' | 'scaled' | 'quantized' | 'kept'>) => `${p.label}：${p.total} B = ${p.scaled}；${p.quantized} 個參數量化，${p.kept} 個沒有`,
  'quant.own': () => `  ← 這個檢查點的格式（它的 quantization_config）`,
  'quant.gptq4': () => `GPTQ int4，群組 128（AutoGPTQ 的 QuantLinear；一個 in×out 的 Linear 存 qweight in·out/2 + qzeros ⌈in/128⌉·out/2 + scales 2·⌈in/128⌉·out + g_idx 4·in 位元組）`,
  'quant.gptq8': () => `GPTQ int8，群組 128（同樣的配置換成 8 位元：qweight in·out + qzeros ⌈in/128⌉·out + scales 2·⌈in/128⌉·out + g_idx 4·in）`,
  'quant.awq': () => `AWQ int4，群組 128（AutoAWQ 的 WQLinear_GEMM：qweight in·out/2 + qzeros (in/128)·out/2 + scales 2·(in/128)·out；沒有 g_idx）`,
  'quant.nf4': () => `bitsandbytes NF4，每塊 64 個、雙重量化（語言模型輸出層以外的每個 Linear：權重 n/2 + absmax n/64 + nested_absmax 4·⌈n/64/256⌉ + 兩張對照表 1,024 + 64 位元組）`,
  'quant.q8_0': () => `GGUF Q8_0（llama.cpp：每 32 個一塊、佔 34 位元組；一維張量、路由器與位置表為 F32）`,
  'quant.q4_k_m': () =>
    `GGUF Q4_K_M（llama.cpp 的 llama-quantize 規則：Q4_K，每 256 個 144 位元組；輸出層，以及 use_more_bits 選中的層的 attn_v 與 ffn_down 用 Q6_K（210）；8 個專家的模型 attn_v 與 attn_k 用 Q8_0、attn_output 用 Q5_K）`,
  'quant.notDecoder': (p: P<'row'>) => `沒有計算：GPTQ、AWQ、bitsandbytes 與 GGUF 量化的是解碼器語言模型的 Transformer 區塊，\`${p.row}\` 不屬於它們處理的部分。`,
  'quant.shape': (p: P<'tensor' | 'size' | 'multiple'>) => `做不到：\`${p.tensor}\` 的 ${p.size} 不是這個格式打包單位 ${p.multiple} 的倍數。`,
  'quant.ggufLayout': (p: P<'tensor'>) => `沒有計算：llama.cpp 怎麼命名與儲存 \`${p.tensor}\` 這裡沒有建模（潛在注意力的 GGUF 配置隨版本而變）。`,
  'quant.ggufRow': (p: P<'tensor' | 'size'>) => `做不到：\`${p.tensor}\` 每列 ${p.size} 個，不是 Q8_0 每塊 32 的倍數，而 llama-quantize 沒有 Q8_0 的替代格式。`,

  // ── 錯誤庫：詞元用到的參數、每詞元 FLOPs、量化檢查點 ──
  'why.sizedFromActive': () => `記憶體要放下所有專家，不只一個詞元用到的那幾個：權重大小要用總參數量算，不是啟用的參數量。`,
  'why.activeAllExperts': () => `一個詞元只經過它的 top_k 個專家：沒被路由到的專家有存，但不會用到。`,
  'why.activeExpertsOnly': () => `一個詞元用到的不只專家：注意力、正規化、路由器、共享專家與嵌入表也都會用到。`,
  'why.activeNoShared': () => `共享專家每個詞元都會用，除了被路由到的專家之外：它們也要算進去。`,
  'why.activeNoEmbeddings': () => `照這個算法（Mistral 的），兩張嵌入表都要算：詞嵌入與語言模型輸出層。`,
  'why.activeNoInputEmbedding': () => `這樣少算了輸入嵌入（DeepSeek 的算法）；題目要兩張嵌入表都算。`,
  'why.flopsNoAttention': () => `這只是權重的部分（詞元遇到的每個權重 2 FLOPs）：注意力分數 QKᵀ 與 A·V 在 T×T 個位置上還要另外算。`,
  'why.flopsAsMacs': () => `這是乘積累加數：每個是 2 FLOPs（一次乘、一次加）。`,
  'why.flopsTraining': () => `這是訓練的數字（前向加反向，3 × 前向）：題目問的是前向。`,
  'why.flopsCausalHalf': () => `題目的注意力算全部 T×T 個位置，不是因果遮罩下的一半。`,
  'why.flopsWithEmbedding': () => `詞嵌入是查表，不是矩陣乘法：它的表不花 FLOPs。`,
  'why.flopsTwoN': () => `2N 是經驗法則：它把嵌入表當成也要做乘法，又沒算 T 個位置上的注意力；題目要的是精確的數字。`,
  'why.flopsSixN': () => `6N 是訓練的經驗法則（前向加反向）；題目問的是一次前向，而且要精確。`,
  'why.flopsAllExperts': () => `一個詞元只經過它的 top_k 個專家：其他專家的權重不花它任何 FLOPs。`,
  'why.quantNoScales': () => `量化檢查點還要存每一組的縮放值（與零點）：光是 4 位元的權重並不是全部。`,
  'why.quantNoZeros': () => `除了縮放值，每一組還要存零點（4 位元，每個 int32 裝八個）。`,
  'why.quantNoGidx': () => `GPTQ 還要存 g_idx：每個矩陣的每個輸入一個 int32（它屬於哪一組）。`,
  'why.quantEverything': () => `只有區塊裡的 Linear 層會量化：嵌入、語言模型輸出層與正規化都維持 16 位元。`,

  'memory.quantizedLine': (p: P<'format' | 'quantized' | 'kept' | 'keptBytes' | 'total' | 'scaled'>) =>
    `${p.format}：解碼器層裡 Linear 層的 ${p.quantized} 個參數照這樣存，其他 ${p.kept} 個每個 2 位元組（${p.keptBytes} B）：${p.total} B = ${p.scaled}`,
  'memory.activeLine': (p: P<'active' | 'idle' | 'total'>) =>
    `一個詞元用到的參數（Mistral 的算法：它的 top_k 個專家、模型的其他部分、兩張嵌入表）：${p.total} − 沒被路由到的專家裡的 ${p.idle} = ${p.active}`,
  'memory.flopsLine': (p: P<'t' | 'macs' | 'weights' | 'attention' | 'flops'>) =>
    `T = ${p.t} 時每個詞元的前向 FLOPs：詞元遇到的權重 2 × ${p.macs} = ${p.weights}，加上 QKᵀ 與 A·V，每層 4·T·h·d_h = ${p.attention}；合計 ${p.flops}`,

  // ── 專家混合的總數 ──
  'summary.active': (p: P<'active' | 'total' | 'share'>) =>
    `每個詞元啟用的參數：${p.total} 個中的 ${p.active} 個（${p.share}%）：一個詞元會用到的參數，含它的 top_k 個專家與兩張嵌入表（Mistral 的算法：Mixtral-8x7B 的 12.9B）。記憶體要放下全部 ${p.total} 個。`,
  'summary.activeNoEmbedding': (p: P<'n'>) => `不算輸入嵌入表（一個詞元只讀其中一列）：${p.n} 個（DeepSeek 的算法：DeepSeek-V2-Lite 的「啟用 2.4B」）。`,

  'opt.kv_dim': () => `kv_dim=N 交叉注意力：K 與 V 讀寬度 N 的上下文（Stable Diffusion 寬 768 的文字狀態）`,
  'opt.kv_len': () => `kv_len=N 交叉注意力上下文的長度，用來算 MACs（CLIP 文字的 77 個詞元）`,
  'opt.group_norm': () => `group_norm=G diffusers 的 Attention 內含輸入的 GroupNorm（norm_num_groups）：多 2·D 個參數`,
  'opt.top_k': () => `top_k=K 每個詞元使用的專家數（moe）`,
  'opt.shared_ff': () => `shared_ff=N 每個詞元都用的共享專家的總寬度（moe；0：沒有）`,
  'opt.shared_name': () => `shared_name=NAME 共享專家的模組名稱（shared_experts；Qwen2-MoE 是 shared_expert）`,
  'opt.shared_gate': () => `shared_gate=true Qwen2-MoE 共享專家上單一輸出的門控（D 個參數）`,
  'opt.router_linear': () => `router_linear=false 路由器是單獨的參數（DeepSeek 的 MoEGate），不是 LoRA 可以套用的 nn.Linear`,
  'opt.score_bias': () => `score_bias=true DeepSeek-V3 挑選專家用的偏差（在 transformers 是 buffer：只註明，不計入）`,
  'opt.kv_rank': () => `kv_rank=N 潛在注意力壓縮後的 K/V 寬度（kv_lora_rank）`,
  'opt.q_rank': () => `q_rank=N 潛在注意力的低秩 query（q_lora_rank；0：單一 q_proj）`,
  'opt.nope_dim': () => `nope_dim=N 潛在注意力每個頭不含旋轉的部分（qk_nope_head_dim）`,
  'opt.rope_dim': () => `rope_dim=N 潛在注意力各頭共用的旋轉 key 大小（qk_rope_head_dim）`,
  'opt.v_dim': () => `v_dim=N 潛在注意力每個 value 頭的大小`,
};
