/**
 * English messages: quiz questions on modern LLMs (the `modern` topic): mixtures of experts, a
 * quantized checkpoint's bytes, latent attention's KV cache and FLOPs per token, each described in
 * one of two wordings that state every number and convention the answer depends on; their hints.
 */
import { py, type P } from '../params.js';

const pick = (v: string, ...wordings: string[]) => wordings[Number(v)] ?? wordings[0]!;
const kvHeads = (kv: string) => (kv === '1' ? 'a single key/value head' : `${kv} key/value heads`);

type Decoder = 'd' | 'heads' | 'kv' | 'dh' | 'f';
type Experts = 'e' | 'k' | 'fe' | 'shared' | 'fs';

/** The shared experts beside the routed ones: none, DeepSeek's (no gate) or Qwen2-MoE's (a sigmoid gate of its own). */
const shared = (p: P<'shared' | 'fs'>) =>
  p.shared === 'none'
    ? 'no shared experts'
    : p.shared === 'plain'
      ? `shared experts every token also uses, one SwiGLU MLP of intermediate size ${p.fs} in all (DeepSeek's shared_experts, no gate)`
      : `a shared expert every token also uses, a SwiGLU MLP of intermediate size ${p.fs}, weighted by its own sigmoid gate (Qwen2-MoE's shared_expert_gate, hidden → 1, no bias)`;

const moe = (p: P<Experts>) =>
  `a router (nn.Linear hidden → ${p.e}, no bias) and ${p.e} experts, each a SwiGLU MLP (gate_proj and up_proj hidden → ${p.fe}, down_proj ${p.fe} → hidden, no biases), of which each token uses the top ${p.k}; ${shared(p)}`;

/** What each format stores for one Linear of in → out features, and what it leaves at 16 bits. */
const LAYOUTS: Readonly<Record<string, readonly [string, string]>> = {
  'gptq-int4': [
    `It is saved with GPTQ at 4 bits, group size 128 (AutoGPTQ's layout). Each nn.Linear inside the decoder layers, in → out features, stores qweight (in·out/2 bytes), qzeros (4 bits per group and output: ⌈in/128⌉·out/2 bytes), scales in fp16 (2·⌈in/128⌉·out bytes) and g_idx (one int32 per input: 4·in bytes).`,
    `GPTQ checkpoint, int4, group_size=128, as AutoGPTQ packs it: for every Linear of the decoder layers (in_features in, out_features out), qweight in·out/2 bytes + qzeros ⌈in/128⌉·out/2 + scales (fp16) 2·⌈in/128⌉·out + g_idx (int32) 4·in.`,
  ],
  'awq-int4': [
    `It is saved with AWQ at 4 bits, group size 128 (AutoAWQ's GEMM layout). Each nn.Linear inside the decoder layers, in → out features, stores qweight (in·out/2 bytes), qzeros (4 bits per group and output: (in/128)·out/2 bytes) and scales in fp16 (2·(in/128)·out bytes); there is no g_idx.`,
    `AWQ checkpoint, w_bit=4, q_group_size=128, as AutoAWQ's WQLinear_GEMM packs it: for every Linear of the decoder layers (in → out), qweight in·out/2 bytes + qzeros (in/128)·out/2 + scales (fp16) 2·(in/128)·out; no g_idx.`,
  ],
  nf4: [
    `It is loaded in 4 bits with bitsandbytes NF4 and double quantization. Each nn.Linear inside the decoder layers, with n = in·out weights, stores the weights at 4 bits (n/2 bytes), one 8-bit absmax per block of 64 weights (n/64 bytes), one fp32 absmax per 256 of those blocks (4·⌈n/64/256⌉ bytes) and two fp32 code tables of 256 and 16 entries (1,088 bytes).`,
    `bitsandbytes NF4 (bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True): a Linear of the decoder layers with n = in·out weights takes n/2 bytes of 4-bit weights + n/64 bytes of 8-bit absmax (blocks of 64) + 4·⌈n/64/256⌉ bytes of fp32 nested absmax (blocks of 256) + 1,088 bytes of code tables (256 + 16 fp32).`,
  ],
};

const FORMATS: Readonly<Record<string, string>> = { 'gptq-int4': 'GPTQ int4', 'awq-int4': 'AWQ int4', nf4: 'NF4' };

export const modernQuiz = {
  'topic.modern': () => 'modern LLMs',
  'noun.moe': () => `mixture of experts`,
  'noun.mla': () => `latent attention`,

  // ── mixtures of experts ──
  'd.moeLayer': (p: P<'v' | 'd' | 't' | Experts>) =>
    pick(
      p.v,
      `A mixture-of-experts feed-forward layer on ${p.t} tokens of width ${p.d}: ${moe(p)}.`,
      `The MLP of a sparse MoE decoder layer, hidden size ${p.d}, ${p.t} tokens: num_experts=${py(p.e)}, num_experts_per_tok=${py(p.k)}, each expert gate/up/down_proj with intermediate size ${p.fe} and bias=False, a router (gate) ${p.d} → ${p.e} without bias; ${shared(p)}.`,
    ),
  'd.moeModel': (p: P<'v' | 'layers' | 'vocab' | Decoder | Experts>) =>
    pick(
      p.v,
      `A mixture-of-experts language model: a token embedding (vocabulary ${p.vocab}, width ${p.d}); ${p.layers} decoder layers, each with RMSNorm, self-attention (${p.heads} query heads, ${kvHeads(p.kv)}, head_dim ${p.dh}, no biases), RMSNorm and, for its MLP, ${moe(p)}; a final RMSNorm; and an LM head of its own (not tied, no bias).`,
      `A sparse MoE decoder: vocab_size=${py(p.vocab)}, hidden_size=${py(p.d)}, num_hidden_layers=${py(p.layers)}, num_attention_heads=${py(p.heads)}, num_key_value_heads=${py(p.kv)}, head_dim=${py(p.dh)}, no biases, RMSNorm before attention and before the MLP and once at the end, tie_word_embeddings=False; every layer's MLP has ${moe(p)}.`,
    ),
  'd.moeCounts': (p: P<'v' | 'layers' | 'd' | 'e' | 'k' | 'n' | 'active'>) =>
    pick(
      p.v,
      `A mixture-of-experts LLM (${p.layers} layers of width ${p.d}, ${p.e} experts a layer, the top ${p.k} used by each token) holds ${p.n} parameters; one token touches ${p.active} of them.`,
      `An MoE model of ${p.layers} layers (hidden size ${p.d}, ${p.e} experts, ${p.k} per token) has ${p.n} parameters in all and ${p.active} active parameters per token.`,
    ),
  'ask.moeActive': (p: P<'v'>) =>
    pick(
      p.v,
      `How many parameters does one token touch in a forward pass? Count as Mistral counts Mixtral's active parameters: the top-k routed experts of every layer, everything that is not a routed expert, and both embedding tables (the input embedding and the LM head).`,
      `How many active parameters per token does it have, in Mistral's convention (its routed top-k experts, all the rest of the model, both the token embedding and the LM head counted)?`,
    ),

  // ── a quantized checkpoint ──
  'd.lmDecoder': (p: P<'v' | 'layers' | 'vocab' | Decoder>) =>
    pick(
      p.v,
      `A LLaMA-style language model: a token embedding (vocabulary ${p.vocab}, width ${p.d}); ${p.layers} decoder layers, each with RMSNorm, self-attention (${p.heads} query heads, ${kvHeads(p.kv)}, head_dim ${p.dh}, no biases), RMSNorm and a SwiGLU MLP of intermediate size ${p.f} (no biases); a final RMSNorm; and an LM head of its own (not tied, no bias).`,
      `A decoder-only LM: vocab_size=${py(p.vocab)}, hidden_size=${py(p.d)}, num_hidden_layers=${py(p.layers)}, num_attention_heads=${py(p.heads)}, num_key_value_heads=${py(p.kv)}, head_dim=${py(p.dh)}, intermediate_size=${py(p.f)}, no biases, RMSNorm, tie_word_embeddings=False.`,
    ),
  'd.quantLayout': (p: P<'v' | 'format'>) =>
    `${pick(p.v, ...(LAYOUTS[p.format] ?? ['']))} ${pick(p.v, 'Everything else (the token embedding, the LM head and the RMSNorm weights, where there are any) stays in fp16, 2 bytes a parameter.', 'The rest (embeddings, LM head, norms) is kept in fp16: 2 bytes per parameter.')}`,
  'ask.quantBytes': (p: P<'v' | 'format' | 'of'>) =>
    pick(
      p.v,
      `How many bytes does the ${FORMATS[p.format]} ${p.of === 'block' ? 'block' : 'checkpoint'} take, exactly (its tensors only, no file header or metadata)?`,
      `Exactly how many bytes of tensors does the ${p.of === 'block' ? 'quantized block' : 'quantized model'} hold in ${FORMATS[p.format]}?`,
    ),

  // ── latent attention's cache ──
  'd.mlaDecoder': (p: P<'v' | 'layers' | 'd' | 'heads' | 'rank' | 'qRank' | 'nope' | 'rope' | 'vd' | 'f'>) =>
    pick(
      p.v,
      `A DeepSeek-style decoder of ${p.layers} layers, width ${p.d}, with multi-head latent attention: ${p.heads} heads whose keys and values are rebuilt from one compressed latent of kv_lora_rank ${p.rank} (a non-rotary key part of ${p.nope} and a value of ${p.vd} per head), plus a rotary key part of qk_rope_head_dim ${p.rope} shared by all heads${p.qRank ? `; queries go through a low-rank q_lora_rank of ${p.qRank}` : ''}. Each layer also has two RMSNorms and a SwiGLU MLP of intermediate size ${p.f}.`,
      `Multi-head latent attention (MLA) in ${p.layers} layers: hidden_size=${py(p.d)}, num_attention_heads=${py(p.heads)}, kv_lora_rank=${py(p.rank)}, qk_nope_head_dim=${py(p.nope)}, qk_rope_head_dim=${py(p.rope)}, v_head_dim=${py(p.vd)}${p.qRank ? `, q_lora_rank=${py(p.qRank)}` : ', q_lora_rank=None'}; the MLP is SwiGLU with intermediate_size=${py(p.f)}.`,
    ),
  'ask.kvLatentToken': (p: P<'v' | 't' | 'batch'>) =>
    pick(
      p.v,
      `Decoding with the cache kept compressed, as latent attention is designed to (DeepSeek-V2 §2.1; vLLM stores it so), in fp16: how many bytes does the cache hold per token of one sequence?`,
      `With MLA's compressed KV cache in fp16 (what DeepSeek's inference keeps, not K and V rebuilt per head), how many bytes does each generated token add for one sequence?`,
    ),
  'ask.kvLatentCache': (p: P<'v' | 't' | 'batch'>) =>
    pick(
      p.v,
      `Decoding ${p.batch === '1' ? 'one sequence' : `a batch of ${p.batch} sequences`} of ${p.t} tokens with the cache kept compressed, as latent attention is designed to (DeepSeek-V2 §2.1; vLLM stores it so), in fp16: how many bytes does the cache hold?`,
      `With MLA's compressed KV cache in fp16 (what DeepSeek's inference keeps, not K and V rebuilt per head), how many bytes hold ${p.t} tokens of context for ${p.batch === '1' ? 'one sequence' : `each of ${p.batch} sequences`}?`,
    ),

  // ── FLOPs per token ──
  'ask.flopsToken': (p: P<'v' | 't'>) =>
    pick(
      p.v,
      `How many FLOPs does one forward pass spend per token at a context of ${p.t} tokens? Count 2 FLOPs per multiply-accumulate: each weight a token meets once (the LM head and the RMSNorm scales included, the embedding lookup free), plus QKᵀ and A·V over all ${p.t} positions in every layer, with no halving for the causal mask.`,
      `Forward FLOPs per token with ${p.t} tokens of context, exactly: 2 per multiply-add; every weight the token passes through (LM head and norm scales too; the embedding is a lookup, 0 FLOPs), and the attention scores and weighted sum over the full ${p.t}×${p.t} (not halved for causality).`,
    ),

  // ── hints ──
  'hint.moeLayer': () =>
    `the router is D×E; every expert is a gated MLP of three D×F matrices, and the layer stores all E of them; shared experts add their own three matrices (and Qwen's gate D more).`,
  'hint.moeActive': () => `from the total, take away the experts a token is not routed to: (E − top_k) experts × 3·D·F in every layer.`,
  'hint.moeWeights': () => `memory holds every expert, whichever a token uses: bytes = all the parameters × bytes per parameter.`,
  'hint.quant': (p: P<'format'>): string =>
    p.format === 'nf4'
      ? `for each quantized Linear: n/2 + n/64 + 4·⌈n/64/256⌉ + 1,088 bytes; the embeddings, the head and the norms at 2 bytes a parameter.`
      : `for each quantized Linear: the packed weights, the zeros and the fp16 scales per group of 128 inputs (and GPTQ's g_idx); what is not quantized at 2 bytes a parameter.`,
  'hint.kvLatent': () => `latent attention caches, per token and layer, the compressed latent (kv_lora_rank) and the shared rotary key (qk_rope_head_dim), 2 bytes each in fp16; not K and V per head.`,
  'hint.flops': () => `2 FLOPs per weight a token meets (every parameter but the embedding table's and the experts it skips), plus 4·T·h·d_h a layer for QKᵀ and A·V.`,
};
