/**
 * English messages: quiz questions on attention, transformer layers and large language models
 * (the `attention` and `llm` topics): layers and models described in one of two wordings, the
 * questions only they ask (embeddings, bytes, the KV cache, LoRA), hints, and the memory working.
 */
import { py, type P } from '../params.js';

const pick = (v: string, ...wordings: string[]) => wordings[Number(v)] ?? wordings[0]!;
/** A number inside Python code or a config: 1024, never the 1,024 words show. */
const withBias = (b: string) => (b === 'no' ? 'no biases' : 'with biases');
/** `8 key/value heads`, or multi-query's single one. */
const kvHeads = (kv: string) => (kv === '1' ? 'a single key/value head (multi-query attention)' : `${kv} key/value heads`);
const ATTENTION_BIAS: Readonly<Record<string, string>> = {
  none: 'no biases (bias=False)',
  qkv: 'biases on q_proj, k_proj and v_proj but none on o_proj (as Qwen2 has them)',
  all: 'a bias on each of the four projections',
};
const TRAINING: Readonly<Record<string, string>> = {
  fp32: 'in fp32 (weights, gradients and both Adam moments at 4 bytes each)',
  mixed: 'in mixed precision (fp16 weights and gradients; an fp32 master copy of the weights and both Adam moments in fp32)',
};

type Decoder = 'd' | 'heads' | 'kv' | 'dh' | 'f';

export const llmQuiz = {
  // ── attention ──
  'd.torchMha': (p: P<'v' | 'd' | 'heads' | 't' | 'bias'>) =>
    pick(
      p.v,
      `PyTorch's nn.MultiheadAttention(embed_dim=${py(p.d)}, num_heads=${p.heads}${p.bias === 'no' ? ', bias=False' : ''}) is used as self-attention on sequences of ${p.t} tokens.`,
      `A PyTorch multi-head self-attention layer, embed_dim ${p.d} and ${p.heads} heads (${withBias(p.bias)}), reads ${p.t} tokens at a time.`,
    ),
  'd.kerasMha': (p: P<'v' | 'd' | 'heads' | 'key' | 'value' | 't' | 'bias'>) =>
    pick(
      p.v,
      `Keras: MultiHeadAttention(num_heads=${p.heads}, key_dim=${p.key}${p.value ? `, value_dim=${p.value}` : ''}${p.bias === 'no' ? ', use_bias=False' : ''}) is used as self-attention on a (${py(p.t)}, ${py(p.d)}) sequence.`,
      `A Keras multi-head attention layer with ${p.heads} heads of key_dim ${p.key}${p.value ? ` and value_dim ${p.value}` : ''} (${withBias(p.bias)}) attends over ${p.t} tokens of width ${p.d}.`,
    ),
  'd.gqa': (p: P<'v' | 'd' | 'heads' | 'kv' | 'dh' | 't' | 'bias'>) =>
    pick(
      p.v,
      `A decoder's self-attention with separate q_proj, k_proj, v_proj and o_proj (Hugging Face style): hidden size ${p.d}, ${p.heads} query heads and ${kvHeads(p.kv)} of size ${p.dh}, ${ATTENTION_BIAS[p.bias]}; the sequence has ${p.t} tokens.`,
      `Grouped-query attention: hidden_size=${py(p.d)}, num_attention_heads=${p.heads}, num_key_value_heads=${p.kv}, head_dim=${p.dh}, with ${ATTENTION_BIAS[p.bias]}, over ${p.t} tokens.`,
    ),
  'd.encoderTorch': (p: P<'v' | 'd' | 'heads' | 'f' | 't' | 'key' | 'bias'>) =>
    pick(
      p.v,
      `PyTorch's nn.TransformerEncoderLayer(d_model=${py(p.d)}, nhead=${p.heads}, dim_feedforward=${py(p.f)}${p.bias === 'no' ? ', bias=False' : ''}): self-attention, a LayerNorm, the feed-forward block (${p.d} → ${p.f}, ReLU, ${p.f} → ${p.d}) and a second LayerNorm, on ${p.t} tokens.`,
      `A PyTorch Transformer encoder layer (post-norm) on ${p.t} tokens of width ${p.d}: nn.MultiheadAttention with ${p.heads} heads, norm1, linear1 (${p.d} → ${p.f}), linear2 (${p.f} → ${p.d}) and norm2, ${p.bias === 'no' ? 'every bias off (bias=False, also in the LayerNorms)' : 'with biases'}.`,
    ),
  'd.encoderKeras': (p: P<'v' | 'd' | 'heads' | 'f' | 't' | 'key' | 'bias'>) =>
    pick(
      p.v,
      `A Transformer encoder layer in Keras on a (${py(p.t)}, ${py(p.d)}) sequence: MultiHeadAttention(num_heads=${p.heads}, key_dim=${p.key}), LayerNormalization, Dense(${py(p.f)}, activation="relu"), Dense(${py(p.d)}), LayerNormalization, with biases.`,
      `In Keras, a self-attention layer (${p.heads} heads of key_dim ${p.key}) is followed by a layer norm, a feed-forward block of two Dense layers (${p.f} units with ReLU, then ${p.d}) and a second layer norm, on ${p.t} tokens of width ${p.d}; every layer keeps its bias.`,
    ),
  'd.gpt2Block': (p: P<'v' | 'd' | 'heads' | 't' | 'f'>) =>
    pick(
      p.v,
      `A GPT-2 block (pre-norm) on ${p.t} tokens of width ${p.d}: ln_1 (LayerNorm), attn (${p.heads} heads; Q, K, V in c_attn, then c_proj), ln_2, and the MLP (c_fc ${p.d} → ${p.f}, GELU, c_proj ${p.f} → ${p.d}); every layer has its biases.`,
      `GPT-2's transformer block: a LayerNorm, self-attention with ${p.heads} heads over width ${p.d}, a second LayerNorm and a feed-forward block of width ${p.f}, all with biases, on a sequence of ${p.t} tokens.`,
    ),

  // ── feed-forward blocks, embeddings, LLaMA ──
  'd.ffn': (p: P<'v' | 'd' | 'f' | 't' | 'bias'>) =>
    pick(
      p.v,
      `A transformer's feed-forward block (GPT-2 style): c_fc ${p.d} → ${p.f}, GELU, c_proj ${p.f} → ${p.d}, ${withBias(p.bias)}, applied to each of ${p.t} tokens.`,
      `The MLP of a transformer layer maps each of ${p.t} tokens from width ${p.d} up to ${p.f} and back to ${p.d} (two linear layers, ${withBias(p.bias)}).`,
    ),
  'd.gated': (p: P<'v' | 'kind' | 'd' | 'f' | 't' | 'bias'>) =>
    pick(
      p.v,
      `A ${p.kind} feed-forward block (LLaMA style): gate_proj and up_proj ${p.d} → ${p.f}, down_proj ${p.f} → ${p.d}, ${withBias(p.bias)}, on ${p.t} tokens.`,
      `A gated MLP (${p.kind}) with model width ${p.d} and intermediate size ${p.f} (${withBias(p.bias)}) is applied to a sequence of ${p.t} tokens.`,
    ),
  'd.lmEmbeddings': (p: P<'v' | 'vocab' | 'd' | 'p' | 't' | 'tied'>) =>
    pick(
      p.v,
      `A GPT-2-style language model reads ${p.t} tokens: a token embedding (vocabulary ${p.vocab}, width ${p.d}), learned positions for up to ${p.p} tokens, and at the end an LM head to the ${p.vocab} logits${p.tied === 'yes' ? ', whose weight is tied to the token embedding' : ' with a weight of its own (not tied)'}.`,
      `Vocabulary ${p.vocab}, model width ${p.d}, a learned position table of ${p.p} positions, sequences of ${p.t} tokens; the output layer has no bias and ${p.tied === 'yes' ? 'shares its matrix with the token embedding (tied)' : 'its own matrix (untied)'}.`,
    ),
  'd.llamaBlock': (p: P<'v' | Decoder | 't'>) =>
    pick(
      p.v,
      `A LLaMA-style decoder block on ${p.t} tokens of width ${p.d}: RMSNorm, self-attention (${p.heads} query heads, ${kvHeads(p.kv)}, head_dim ${p.dh}, no biases), RMSNorm, and a SwiGLU MLP of intermediate size ${p.f} without biases.`,
      `One decoder layer as LLaMA has it: input_layernorm (RMSNorm), self_attn (q/k/v/o_proj; hidden ${p.d}, ${p.heads} heads, ${p.kv} KV heads, head_dim ${p.dh}, bias=False), post_attention_layernorm (RMSNorm), mlp (gate/up/down_proj, intermediate ${p.f}, bias=False); ${p.t} tokens.`,
    ),
  'd.decoder': (p: P<'v' | 'layers' | Decoder>) =>
    pick(
      p.v,
      `A LLaMA-style decoder of ${p.layers} layers, width ${p.d}: each layer has RMSNorm, self-attention (${p.heads} query heads, ${kvHeads(p.kv)}, head_dim ${p.dh}, no biases), RMSNorm and a SwiGLU MLP of intermediate size ${p.f}.`,
      `${p.layers} decoder layers (hidden_size=${py(p.d)}, num_attention_heads=${p.heads}, num_key_value_heads=${p.kv}, head_dim=${p.dh}, intermediate_size=${py(p.f)}; no biases, RMSNorm).`,
    ),
  'd.modelParameters': (p: P<'v' | 'n' | 'layers' | 'd'>) =>
    pick(p.v, `A LLaMA-style language model (${p.layers} layers, width ${p.d}) has ${p.n} parameters.`, `A decoder-only model with ${p.layers} layers of width ${p.d} holds ${p.n} parameters in all.`),
  'd.loraOn': (p: P<'v' | 'r' | 'targets'>) =>
    pick(
      p.v,
      `It is fine-tuned with LoRA, r=${p.r}, target_modules=${p.targets}: every other weight is frozen.`,
      `LoRA adapters of rank ${p.r} are put on target_modules=${p.targets}; the base model stays frozen.`,
    ),

  // ── what these questions ask ──
  'ask.embeddings': (p: P<'v'>) =>
    pick(
      p.v,
      `How many parameters do the token embedding, the position table and the LM head hold together?`,
      `Counting the embeddings and the head only (no transformer blocks): how many parameters?`,
    ),
  'ask.weightBytes': (p: P<'v' | 'precision'>) =>
    // the scales and zero points are a quantized format's alone: no aside for fp32/fp16/bf16
    p.precision.startsWith('int')
      ? pick(
          p.v,
          `How many bytes do its weights take in ${p.precision} (quantization scales left out)?`,
          `Stored in ${p.precision}, how many bytes of memory do the weights need (no scales or zero points)?`,
        )
      : pick(p.v, `How many bytes do its weights take in ${p.precision}?`, `Stored in ${p.precision}, how many bytes of memory do the weights need?`),
  'ask.trainingBytes': (p: P<'v' | 'mode'>) =>
    pick(
      p.v,
      `Every parameter is trained with Adam ${TRAINING[p.mode]}. How many bytes do the weights, gradients and optimizer states take (activations left out)?`,
      `Full fine-tuning with Adam ${TRAINING[p.mode]}: how many bytes of memory, activations not counted?`,
    ),
  'ask.loraTrainingBytes': (p: P<'v' | 'mode'>) =>
    pick(
      p.v,
      `The adapters are trained with Adam ${TRAINING[p.mode]}; the frozen weights are kept as they are (${p.mode === 'fp32' ? 'fp32' : 'fp16'}), with no gradients or moments. How many bytes in all, activations left out?`,
      `With Adam ${TRAINING[p.mode]} on the adapters and the frozen base stored in ${p.mode === 'fp32' ? 'fp32' : 'fp16'}, how many bytes do weights, gradients and optimizer states take (no activations)?`,
    ),
  'ask.kvPerToken': (p: P<'v' | 't' | 'batch'>) =>
    pick(p.v, `Decoding with a KV cache in fp16: how many bytes does the cache hold per token of one sequence?`, `How many bytes of fp16 KV cache does each generated token add (one sequence)?`),
  'ask.kvCache': (p: P<'v' | 't' | 'batch'>) =>
    pick(
      p.v,
      `Decoding ${p.batch === '1' ? 'one sequence' : `a batch of ${p.batch} sequences`} of ${p.t} tokens with a KV cache in fp16: how many bytes does the cache hold?`,
      `With an fp16 KV cache, how many bytes does it take to hold ${p.t} tokens of context for ${p.batch === '1' ? 'one sequence' : `each of ${p.batch} sequences`}?`,
    ),
  'ask.loraTrainable': (p: P<'v'>) => pick(p.v, `How many trainable parameters does the model have now?`, `How many parameters does LoRA train (the adapters)?`),

  // ── hints ──
  'hint.kerasMha': () => `Keras: Q and K are D×h×key_dim, V is D×h×value_dim, each with an h×size bias; the output is h×value_dim×D plus D biases.`,
  'hint.gqa': () => `Q is D×(h·d_h), K and V are D×(kv·d_h) each, O is (h·d_h)×D; add a bias per output where there are biases. The heads only split the widths.`,
  'hint.encoder': () => `attention (Q, K, V, O: 4·(D×D + D) with biases), two LayerNorms (γ and β: 2·D each) and the feed-forward block (D×F + F + F×D + D).`,
  'hint.gpt2Block': () => `two LayerNorms (2·D each), attention 4·(D×D + D) and the MLP D×F + F + F×D + D.`,
  'hint.ffn': () => `two matrices, D×F and F×D, and their biases, F and D; the same weights serve every token.`,
  'hint.gated': () => `a gated MLP has three matrices: gate and up (D×F each) and down (F×D), plus biases only where the layer has them.`,
  'hint.embeddings': () => `the token table is V×D, the position table P×D (P the maximum positions), and an untied head adds its own D×V; a tied one adds nothing.`,
  'hint.llamaBlock': () => `RMSNorm learns D scales; attention Q and O are D×(h·d_h), K and V D×(kv·d_h); SwiGLU has three D×F matrices; no biases anywhere.`,
  'hint.memory': () => `bytes = parameters × bits per parameter / 8: fp32 4, fp16 2, int8 1, int4 half a byte.`,
  'hint.training': () => `Adam keeps, for each trained parameter, its weight, its gradient and two moments (and in mixed precision an fp32 master copy): 16 bytes; a frozen one keeps only its weight.`,
  'hint.kv': () => `per token: 2 (K and V) × layers × kv_heads × head_dim × 2 bytes (fp16); then × tokens × sequences.`,
  'hint.lora': () => `each adapted matrix IN → OUT gets A (r×IN) and B (OUT×r): r×(IN + OUT); the base stays frozen.`,

  // ── the working ──
  'work.tied': (p: P<'owner'>) => `tied to ${p.owner}: adds 0 (its weight is ${p.owner}'s, counted there)`,
  'work.lora': (p: P<'target' | 'formula' | 'times' | 'total'>) => `${p.target}: ${p.formula}${p.times === '1' ? '' : `, × ${p.times} = ${p.total}`}`,
  'work.training': (p: P<'per' | 'trainable' | 'perFrozen' | 'frozen' | 'total'>) => `= ${p.per} B × ${p.trainable} trainable + ${p.perFrozen} B × ${p.frozen} frozen = ${p.total} B`,
};
