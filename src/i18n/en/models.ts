/**
 * English messages: modern models. Mixture-of-experts and latent attention, pasted Hugging Face
 * config.json files, quantized checkpoints, training memory and FLOPs per token.
 */
import type { P } from '../params.js';

export const models = {
  // ── Layer kinds ──
  'kind.moe': () => `Mixture of experts: a router D×E and E gated experts (3·D·F each), top_k used per token; shared experts every token uses (shared_ff=).`,
  'kind.mla': () => `Multi-head latent attention (DeepSeek): K and V rebuilt from a compressed vector (kv_rank) plus one shared rotary key; the cache keeps only those.`,
  'kind.newinput': () => `Another input of the model (CLIP's image beside its text): what follows starts from a tensor of SHAPE; no parameters.`,
  'kind.timesteps': () => `A diffusion timestep as DIM sinusoidal features (diffusers' time_proj): computed, no parameters.`,
  'kind.param': () => `A parameter held directly by a module (CLIP's logit_scale): its elements, its own row.`,
  'mistake.moe': () => `the layer stores every expert (E×3·D·F) even though a token uses only top_k of them: memory follows the total, compute the active count.`,
  'mistake.mla': () => `latent attention caches kv_rank + rope numbers per token and layer, not K and V for every head; its parameters include two small RMSNorm weights.`,
  'mistake.timesteps': () => `the sinusoidal timestep features are computed: 0 parameters (the time embedding's two Linear layers after them have them).`,
  'mistake.param': () => `a bare parameter counts its elements: logit_scale is 1 number.`,

  // ── The mistake library: mixture of experts, latent attention ──
  'why.moeAllExpertsStored': (p: P<'experts' | 'k'>) => `the layer holds all ${p.experts} experts; a token uses ${p.k} of them, but every one is stored (and counted).`,
  'why.moeRouter': (p: P<'experts' | 'd'>) => `the router is parameters too: a ${p.d}×${p.experts} matrix that scores the experts for each token.`,
  'why.moeShared': () => `the shared experts (and their gate) belong to the layer too: every token goes through them besides the routed ones.`,
  'why.mlaNorms': () => `latent attention normalizes its compressed vectors: kv_a_layernorm (and q_a_layernorm with a low-rank query) have a weight each.`,
  'why.mlaRopeKey': (p: P<'rope'>) => `kv_a_proj_with_mqa also makes the ${p.rope}-wide rotary key every head shares, beside the latent vector.`,
  'why.mlaNotMha': (p: P<'heads'>) => `this is latent attention, not ${p.heads} heads of separate Q, K, V, O projections: K and V come out of one small latent matrix.`,

  'err.unknownModel': (p: P<'token' | 'nearest'>) => `\`${p.token}\` is not a preset, a layer kind or a def, so it is not counted as another model. The nearest presets: ${p.nearest}.`,
  'err.unreadWords': (p: P<'model' | 'words' | 'options'>) =>
    `Read \`${p.model}\`, but not ${p.words}: counting ${p.model} without them would count another model than the one asked about. Say it with options (${p.options}), e.g. \`${p.model} classes=2 top=false trainable=false\`, or in words: with 2 classes, without the top, frozen.`,
  'err.tooManyExperts': (p: P<'max'>) => `The model is too large once expanded: at most ${p.max} experts in all its mixture-of-experts layers.`,
  'err.moeTopK': () => `\`moe\` needs top_k=K, the experts each token uses (Mixtral: 2).`,
  'err.moeTopKExperts': (p: P<'k' | 'experts'>) => `\`moe\`: top_k=${p.k} is more than the ${p.experts} experts.`,
  'err.mlaNeeds': (p: P<'key'>) => `\`mla\` needs ${p.key}=N (e.g. mla 16 2048 kv_rank=512 nope_dim=128 rope_dim=64 v_dim=128).`,
  'err.fusedCross': () => `\`attention\`: fused=true (one QKV matrix) reads one input; cross-attention (kv_dim=) has two.`,

  'note.moe': (p: P<'experts' | 'k' | 'expert' | 'active' | 'formula'>) =>
    `Mixture of experts: ${p.experts} experts of ${p.expert} parameters each are all stored; each token uses ${p.k} of them. Per token: ${p.formula} = ${p.active} parameters touched.`,
  'note.moeScoreBias': (p: P<'experts'>) =>
    `DeepSeek-V3's e_score_correction_bias (${p.experts} numbers, used only to pick the experts) is a buffer in transformers, not a parameter; DeepSeek's own modeling code keeps it as an nn.Parameter (+${p.experts} per layer).`,
  'note.mla': (p: P<'rank' | 'rope' | 'heads' | 'full'>) => `Latent attention: the cache keeps ${p.rank} + ${p.rope} numbers per token, not K and V of ${p.heads} heads (${p.full} numbers).`,
  'note.crossAttention': (p: P<'kv' | 'd' | 'len'>) => `Cross-attention: K and V read a context ${p.kv} wide (${p.len} tokens), Q and the output the layer's own ${p.d}.`,
  'note.gluFused': (p: P<'f' | 'd' | 'name'>) => `Gate and up in one matrix (${p.name}: ${p.d} → 2×${p.f}), then down (${p.f} → ${p.d}): the same count as three matrices.`,

  // ── A pasted config.json ──
  'err.configJson': (p: P<'reason'>) => `That looks like a config.json but is not valid JSON: ${p.reason}.`,
  'err.configTooLong': (p: P<'max'>) => `A config.json of more than ${p.max} characters is more than this reads: paste the model's config.json itself.`,
  'err.notAConfig': () => `That JSON object names no model_type or architectures, so it is not a Hugging Face config.json.`,
  'err.configModelType': (p: P<'modelType' | 'supported'>) => `config.json: model_type \`${p.modelType}\` is not one this reads; it reads ${p.supported}.`,
  'err.configArchitecture': (p: P<'architecture' | 'modelType' | 'supported'>) => `config.json: \`${p.architecture}\` is not an architecture of ${p.modelType} this builds; it builds ${p.supported}.`,
  'err.configField': (p: P<'field' | 'value' | 'expected'>) => `config.json: \`${p.field}\` is \`${p.value}\`; expected ${p.expected}.`,
  'err.configMissing': (p: P<'field'>) => `config.json: \`${p.field}\` is missing and has no default to assume.`,
  'err.configUnsupportedValue': (p: P<'field' | 'value' | 'allowed'>) =>
    `config.json: \`${p.field}\` = \`${p.value}\` changes the architecture in a way this does not build (it builds ${p.allowed}): nothing is counted rather than a wrong number.`,
  'err.configUnknownField': (p: P<'field' | 'family'>) =>
    `config.json: \`${p.field}\` is not a field this reader knows for ${p.family}; it might change the count, so nothing is counted. Remove it if it has no parameters.`,
  'err.configHeads': (p: P<'heads' | 'kv'>) => `config.json: num_key_value_heads ${p.kv} must divide num_attention_heads ${p.heads}.`,
  'err.configHeadDim': (p: P<'d' | 'heads'>) => `config.json: hidden_size ${p.d} does not divide into ${p.heads} heads, and head_dim is not given.`,
  'summary.config': (p: P<'architecture' | 'modelType' | 'source' | 'framework'>) => `${p.architecture}, read from config.json (model_type ${p.modelType}): ${p.source} (${p.framework} conventions)`,
  'summary.configDefaultArchitecture': (p: P<'architecture'>) => `config.json names no architecture: ${p.architecture}, the family's first, is built.`,
  'summary.configUsed': (p: P<'fields'>) => `Fields used: ${p.fields}.`,
  'summary.configAssumed': (p: P<'fields'>) => `Defaults assumed (the config class's, as transformers takes them): ${p.fields}.`,
  'summary.configIgnored': (p: P<'fields'>) => `Read and ignored (no parameters): ${p.fields}.`,
  'summary.configQuantized': (p: P<'method'>) => `quantization_config: the checkpoint stores its weights as ${p.method}; the parameters are the architecture's (--memory gives the bytes).`,
  'note.configGemmaNormalizer': () => `Gemma scales the embeddings by √hidden_size (a buffer, not a parameter) and its RMSNorms multiply by 1 + weight: the same count.`,
  'note.configMtp': (p: P<'n'>) =>
    `num_nextn_predict_layers ${p.n}: DeepSeek-V3's checkpoint also stores its multi-token-prediction module (a 62nd layer with its own embedding and head copies, about 14B); transformers does not build it, so it is not counted.`,

  // ── Memory: the latent cache and its misreadings ──
  'memory.kvLatent': (p: P<'layers' | 'rank' | 'rope' | 'copies' | 'bytes'>) =>
    `${p.copies === '1' ? '' : `${p.copies} × `}(${p.rank} kv_lora_rank + ${p.rope} rope) × ${p.layers} layers × ${p.bytes} B (latent attention: one compressed vector and one rotary key per token)`,
  'memory.kvRebuilt': (p: P<'layers' | 'heads' | 'qk' | 'v' | 'bytes'>) => `${p.heads} heads × (${p.qk} K + ${p.v} V) × ${p.layers} layers × ${p.bytes} B`,
  'why.latentRebuilt': () => `latent attention caches the compressed vector and the shared rotary key, not the K and V of every head it rebuilds from them: that is what it saves.`,
  'why.kvValuesForBytes': () => `that is how many numbers the cache holds; in fp16 each takes 2 bytes.`,
  'why.latentTwice': () => `the latent vector stands for K and V together: it is cached once per token and layer, not once for K and once for V.`,
  'why.latentNoRope': () => `besides the latent vector, each token caches its rotary key (qk_rope_head_dim numbers), shared by every head.`,

  // ── Training: FLOPs per token, activations ──
  'flops.perToken': (p: P<'t' | 'weights' | 'attention' | 'share' | 'training' | 'forward'>) =>
    `FLOPs per token at T = ${p.t}: forward ${p.forward} = weights ${p.weights} + attention ${p.attention} (QKᵀ and A·V over the full T×T, 4·T·h·d_h a layer: +${p.share}% of the weights' at this length); training, forward and backward (3 × forward): ${p.training}.`,
  'flops.sixN': (p: P<'n' | 'sixN'>) => `The 6N rule (Kaplan et al. 2020), N = ${p.n} parameters: ${p.sixN} per token, attention left out.`,
  'flops.sixNActive': (p: P<'n' | 'sixN'>) => `The 6N rule (Kaplan et al. 2020) with N = ${p.n}, the parameters a token touches: ${p.sixN} per token, attention left out.`,
  'activations.title': (p: P<'s' | 'b'>) =>
    `Activations kept for training's backward pass (Korthikanti et al. 2022's accounting at this model's widths: 16-bit activations, 1-byte dropout masks), s = ${p.s} tokens, b = ${p.b}:`,
  'activations.stored': (p: P<'layers' | 'perToken' | 'perScore' | 'total'>) => `all stored: ${p.layers} layers × s·b·(${p.perToken} + ${p.perScore}·s) B (the scores grow with s²) = ${p.total}`,
  'activations.flash': (p: P<'statistics' | 'total'>) => `flash attention (no s×s scores stored; its fp32 softmax statistics, ${p.statistics}·s·b B a layer): ${p.total}`,
  'activations.checkpointed': (p: P<'input' | 'total'>) => `gradient checkpointing (each layer keeps its input, ${p.input}·s·b B, and one layer is rebuilt at a time): ${p.total}`,
  'activations.outside': (p: P<'total'>) => `outside the layers (the final norm's and the head's inputs, the fp32 logits 4·s·b·V): ${p.total}`,

  // ── Quantized checkpoints ──
  'quant.title': () =>
    `Quantized checkpoints (exact bytes of the stored tensors; header and metadata left out). What a format does not quantize stays at 16 bits: embeddings, the LM head, norms, biases, routers:`,
  'quant.none': (p: P<'why'>) => `Quantized checkpoints: ${p.why}`,
  'quant.line': (p: P<'label' | 'total' | 'scaled' | 'quantized' | 'kept'>) => `${p.label}: ${p.total} B = ${p.scaled}; ${p.quantized} parameters quantized, ${p.kept} not`,
  'quant.own': () => `  ← this checkpoint's format (its quantization_config)`,
  'quant.gptq4': () => `GPTQ int4, group 128 (AutoGPTQ QuantLinear; a Linear in×out stores qweight in·out/2 + qzeros ⌈in/128⌉·out/2 + scales 2·⌈in/128⌉·out + g_idx 4·in bytes)`,
  'quant.gptq8': () => `GPTQ int8, group 128 (the same layout at 8 bits: qweight in·out + qzeros ⌈in/128⌉·out + scales 2·⌈in/128⌉·out + g_idx 4·in)`,
  'quant.awq': () => `AWQ int4, group 128 (AutoAWQ WQLinear_GEMM: qweight in·out/2 + qzeros (in/128)·out/2 + scales 2·(in/128)·out; no g_idx)`,
  'quant.nf4': () =>
    `bitsandbytes NF4, blocks of 64, double quantization (every Linear but the LM head: the weight n/2 + absmax n/64 + nested_absmax 4·⌈n/64/256⌉ + the two code tables 1,024 + 64 bytes)`,
  'quant.q8_0': () => `GGUF Q8_0 (llama.cpp: blocks of 32 in 34 bytes; 1-D tensors, routers and position tables F32)`,
  'quant.q4_k_m': () =>
    `GGUF Q4_K_M (llama.cpp's llama-quantize rule: Q4_K, 144 bytes per 256; Q6_K (210) for the head and for attn_v and ffn_down in the layers use_more_bits picks; 8-expert models' attn_v and attn_k Q8_0, attn_output Q5_K)`,
  'quant.notDecoder': (p: P<'row'>) => `not figured: GPTQ, AWQ, bitsandbytes and GGUF quantize decoder language models' transformer blocks, and \`${p.row}\` is not one of their parts.`,
  'quant.shape': (p: P<'tensor' | 'size' | 'multiple'>) => `not possible: \`${p.tensor}\` has ${p.size}, not a multiple of ${p.multiple}, where this format packs.`,
  'quant.ggufLayout': (p: P<'tensor'>) => `not figured: how llama.cpp names and stores \`${p.tensor}\` is not modelled here (latent attention's GGUF layout changes between versions).`,
  'quant.ggufRow': (p: P<'tensor' | 'size'>) => `not possible: \`${p.tensor}\` has rows of ${p.size}, not a multiple of Q8_0's 32, and llama-quantize has no fallback for Q8_0.`,

  // ── The mistake library: what a token touches, FLOPs per token, a quantized checkpoint ──
  'why.sizedFromActive': () => `memory holds every expert, not only the ones a token uses: size the weights from the total, not the active count.`,
  'why.activeAllExperts': () => `a token goes through its top_k experts only: the experts it is not routed to are stored but not touched.`,
  'why.activeExpertsOnly': () => `a token touches more than its experts: attention, the norms, the router, the shared experts and the embedding tables too.`,
  'why.activeNoShared': () => `the shared experts are used by every token, besides its routed ones: they count in what it touches.`,
  'why.activeNoEmbeddings': () => `in this convention (Mistral's) both embedding tables count: the token embedding and the LM head.`,
  'why.activeNoInputEmbedding': () => `that leaves out the input embedding (DeepSeek's convention); the question counts both embedding tables.`,
  'why.flopsNoAttention': () => `that is the weights alone (2 FLOPs per weight a token meets): the attention scores, QKᵀ and A·V over the T×T positions, add their own.`,
  'why.flopsAsMacs': () => `those are multiply-accumulates: each is 2 FLOPs (a multiply and an add).`,
  'why.flopsTraining': () => `that is training's figure (forward and backward, 3 × forward): the question asks for the forward pass.`,
  'why.flopsCausalHalf': () => `the question counts the attention over all T×T positions, not half of them for the causal mask.`,
  'why.flopsWithEmbedding': () => `the token embedding is a lookup, not a matrix product: its table costs no FLOPs.`,
  'why.flopsTwoN': () => `2N is a rule of thumb: it counts the embedding table as if it multiplied and leaves out the attention over the T positions; the question asks for the exact count.`,
  'why.flopsSixN': () => `6N is training's rule of thumb (forward and backward); the question asks for one forward pass, exactly.`,
  'why.flopsAllExperts': () => `a token runs through its top_k experts only: the others' weights cost it no FLOPs.`,
  'why.quantNoScales': () => `a quantized checkpoint also stores each group's scale (and zero point): the 4-bit weights alone are not all of it.`,
  'why.quantNoZeros': () => `besides the scales, each group stores its zero point (4 bits, packed eight to an int32).`,
  'why.quantNoGidx': () => `GPTQ also stores g_idx, one int32 per input of each matrix (which group it belongs to).`,
  'why.quantEverything': () => `only the blocks' Linear layers are quantized: the embeddings, the LM head and the norms stay at 16 bits.`,

  'memory.quantizedLine': (p: P<'format' | 'quantized' | 'kept' | 'keptBytes' | 'total' | 'scaled'>) =>
    `${p.format}: ${p.quantized} parameters of the decoder layers' Linear layers stored so, ${p.kept} others at 2 bytes (${p.keptBytes} B): ${p.total} B = ${p.scaled}`,
  'memory.activeLine': (p: P<'active' | 'idle' | 'total'>) =>
    `parameters a token touches (Mistral's convention: its top_k experts, the rest of the model, both embedding tables): ${p.total} − ${p.idle} in the experts it is not routed to = ${p.active}`,
  'memory.flopsLine': (p: P<'t' | 'macs' | 'weights' | 'attention' | 'flops'>) =>
    `forward FLOPs per token at T = ${p.t}: the weights a token meets, 2 × ${p.macs} = ${p.weights}, + QKᵀ and A·V, 4·T·h·d_h a layer = ${p.attention}; in all ${p.flops}`,

  // ── Totals of a mixture of experts ──
  'summary.active': (p: P<'active' | 'total' | 'share'>) =>
    `Active parameters per token: ${p.active} of ${p.total} (${p.share}%): what one token touches, its top_k experts and both embedding tables included (Mistral's convention: Mixtral-8x7B's 12.9B). Memory holds all ${p.total}.`,
  'summary.activeNoEmbedding': (p: P<'n'>) => `Without the input embedding table, of which a token reads one row: ${p.n} (DeepSeek's convention: DeepSeek-V2-Lite's "2.4B activated").`,

  'opt.kv_dim': () => `kv_dim=N cross-attention: K and V read a context N wide (Stable Diffusion's 768-wide text states)`,
  'opt.kv_len': () => `kv_len=N the cross-attention context's length, for MACs (77 tokens of CLIP text)`,
  'opt.group_norm': () => `group_norm=G diffusers' Attention with a GroupNorm of its input inside (norm_num_groups): 2·D more`,
  'opt.top_k': () => `top_k=K experts each token uses (moe)`,
  'opt.shared_ff': () => `shared_ff=N width of the shared experts every token uses, all told (moe; 0: none)`,
  'opt.shared_name': () => `shared_name=NAME the shared experts' module (shared_experts, Qwen2-MoE's shared_expert)`,
  'opt.shared_gate': () => `shared_gate=true Qwen2-MoE's one-output gate on the shared expert (D parameters)`,
  'opt.router_linear': () => `router_linear=false the router is a bare parameter (DeepSeek's MoEGate), not an nn.Linear LoRA can adapt`,
  'opt.score_bias': () => `score_bias=true DeepSeek-V3's expert-selection bias (a buffer in transformers: noted, not counted)`,
  'opt.kv_rank': () => `kv_rank=N latent attention's compressed K/V width (kv_lora_rank)`,
  'opt.q_rank': () => `q_rank=N latent attention's low-rank query (q_lora_rank; 0: one q_proj)`,
  'opt.nope_dim': () => `nope_dim=N latent attention's key head size without the rotary part (qk_nope_head_dim)`,
  'opt.rope_dim': () => `rope_dim=N latent attention's rotary key size, shared by the heads (qk_rope_head_dim)`,
  'opt.v_dim': () => `v_dim=N latent attention's value head size`,
};
