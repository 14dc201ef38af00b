/**
 * English messages: the mistake library of transformer and LLM counts (attention heads, feed-forward
 * blocks, norms, embeddings and heads), of memory in bytes and of LoRA. Like every mistake's
 * message, each names the slip from the numbers a question shows, never a count the engine derived.
 */
import type { P } from '../params.js';

export const llmMistakes = {
  // ── attention ──
  'why.kvAsFullHeads': (p: P<'heads' | 'kv'>) => `K and V have ${p.kv} heads (grouped-query attention), not ${p.heads}: only Q has a head for every query head.`,
  'why.evenHeads': (p: P<'key' | 'value'>) => `the heads are as wide as the layer says (key_dim ${p.key}, value_dim ${p.value}), not D/h: each projection is D×h×head size.`,
  'why.valueDim': (p: P<'value'>) => `V and the output projection use value_dim (${p.value}), not key_dim.`,
  'why.attentionNoBias': () => `these projections have no biases (bias=False / use_bias=False): there is nothing to add to the weights.`,
  // ── feed-forward blocks ──
  'why.ffnBiases': (p: P<'f' | 'd'>) => `each matrix has a bias as wide as its output: ${p.f} going up to the hidden layer, ${p.d} coming back down.`,
  'why.ffnNoBias': () => `these matrices have no biases (bias=False, as in LLaMA): count the weights only.`,
  'why.ffnBiasSizes': (p: P<'f' | 'd'>) => `a bias is as wide as its matrix's output: ${p.f} for a matrix going up, ${p.d} for the one coming down.`,
  'why.gluThreeMatrices': () => `a gated MLP (SwiGLU, GeGLU) has three matrices: gate and up (D → F) and down (F → D), not two.`,
  'why.ffnNoGate': () => `a plain feed-forward block has two matrices (up and down); only a gated one (SwiGLU) has a third.`,
  'why.ffnTwoMatrices': () => `the block has two matrices: D → F up, then F → D back down.`,
  'why.ffnWidth': (p: P<'f' | 'd'>) => `the hidden layer is ${p.f} wide (the feed-forward width), not the model width ${p.d}.`,
  'why.ffnNotFourD': (p: P<'f' | 'd'>) => `this block's hidden layer is ${p.f} wide: 4·D is only the usual choice, not a rule.`,
  'why.perToken': () => `the same weights are applied at every token: they are not multiplied by the sequence length.`,
  // ── norms, embeddings, heads ──
  'why.lnNoShift': () => `with bias=False a LayerNorm learns γ only: one number per feature, no β.`,
  'why.rmsNoShift': () => `RMSNorm has no shift: it learns one scale γ per feature, no β.`,
  'why.scalePerFeature': (p: P<'c'>) => `γ is one per feature (${p.c}), shared by every token.`,
  'why.positionRows': (p: P<'p'>) => `the position table has a row for each of its ${p.p} positions, however long the sequence asked about.`,
  'why.untiedHead': () => `this head is not tied to the token embedding: its own D×V matrix counts too.`,
  'why.headNoBias': (p: P<'v'>) => `this head has no bias (bias=False): there are no ${p.v} biases to add.`,
  'why.tiedCountedTwice': (p: P<'owner'>) => `the head's weight is ${p.owner}'s (tied): that V×D matrix is counted once.`,
  // ── memory ──
  'why.bitsForBytes': () => `that is in bits; a byte is 8 bits (fp16: 16 bits = 2 bytes per number).`,
  'why.int4HalfByte': () => `int4 is half a byte per parameter (4 bits), not a whole byte.`,
  'why.adamMoments': () => `Adam also keeps two moments per trainable parameter (m and v, 4 bytes each).`,
  'why.adamGradients': () => `training also keeps a gradient for every trainable parameter.`,
  'why.adamMaster': () => `mixed precision also keeps an fp32 master copy of the weights (4 bytes each).`,
  'why.adamWeightsOnly': () => `that is the weights alone; training with Adam also keeps gradients and two moments.`,
  'why.frozenNoOptimizer': () => `frozen parameters get no gradients and no Adam moments: only their weights are kept.`,
  'why.frozenWeightsKept': () => `frozen weights are not trained, but they are still in memory.`,
  'why.kvBoth': () => `the cache keeps K and V: 2 tensors per layer and token.`,
  'why.kvHeads': () => `the cache holds the K/V heads (kv_heads), not every query head: that is how grouped-query attention saves memory.`,
  'why.kvFp16': () => `the cache is fp16: 2 bytes per number.`,
  'why.kvEveryLayer': () => `every attention layer caches its own K and V.`,
  'why.kvEverySequence': () => `each sequence of the batch has its own cache.`,
  'why.otherPrecision': (p: P<'precision'>) => `that is the size at ${p.precision}; check the precision the question asks for.`,
  // ── LoRA ──
  'why.loraBothFactors': () => `an adapter has two factors, A (r×IN) and B (OUT×r): r×(IN + OUT) per adapted matrix.`,
  'why.loraSquare': () => `the factors are r×IN and OUT×r, not r×r.`,
  'why.loraFull': () => `LoRA trains the two small factors; the IN×OUT matrix itself stays frozen.`,
  'why.loraEveryLayer': (p: P<'n'>) => `each of the ${p.n} layers has its own adapters.`,
  'why.loraEveryTarget': (p: P<'targets'>) => `every target module (${p.targets}) gets its own adapter.`,
  'why.loraKvWidth': () => `with grouped-query attention k_proj and v_proj map D to kv_heads×head_dim: their OUT is narrower than D.`,
};
