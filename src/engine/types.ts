/**
 * Core vocabulary of the counting engine. The engine is pure: every value here is plain data,
 * computed from the layer configuration alone (no I/O, no clock, no randomness).
 */
import type { MessageRef } from '../i18n/messages.js';
import type { Expr } from './expr.js';

/** Which framework's bookkeeping a number follows where the two disagree. */
export type Framework = 'keras' | 'pytorch';

/** A dimension; null while unknown (a single layer given without `in=`). */
export type Dim = number | null;

/** A shape without the batch axis, channels last (Keras order). */
export type Shape = readonly Dim[];

/**
 * What a tensor is for. The quiz names mistakes by role ("you left out the 64 biases"), and
 * statistics are what Keras keeps as non-trainable weights and PyTorch keeps as buffers.
 */
export type TensorRole = 'weight' | 'bias' | 'scale' | 'shift' | 'statistic';

/** One weight tensor of a layer. A layer's parameter count is the sum of its tensors' sizes. */
export interface ParamTensor {
  /** Framework-neutral name: kernel, bias, gamma, beta, moving_mean, ... */
  readonly name: string;
  readonly shape: readonly number[];
  readonly role: TensorRole;
  readonly trainable: boolean;
}

/**
 * What a mistake is about, so a student's record can say what they keep getting wrong (a skill of
 * /review is a topic × one of these): the biases, the channels a filter spans, the kernel, an
 * output size, what is trainable, a framework's bookkeeping, recurrent gates, how a layer is built
 * (depthwise, separable, attention, a layer left out), operations (MACs) against parameters, and
 * memory in bytes (bits for bytes, Adam's moments, the KV cache).
 */
export const MISTAKE_FAMILIES = ['bias', 'channels', 'kernel', 'shape', 'trainable', 'convention', 'gates', 'structure', 'operations', 'memory'] as const;
export type MistakeFamily = (typeof MISTAKE_FAMILIES)[number];

/**
 * One common mistake worked out on one evaluated layer: the layer as a student who makes it counts
 * it. Only what the mistake changes is set; the rest is as the engine counted it.
 */
export interface LayerMistake {
  /** Unique within the kind: `forgotBias`. */
  readonly id: string;
  readonly family: MistakeFamily;
  /** Why it is wrong. Never states a count the engine derived (a question may still be open). */
  readonly why: MessageRef;
  readonly counts?: { readonly total: bigint; readonly trainable: bigint; readonly nonTrainable: bigint };
  readonly macs?: bigint;
  readonly output?: Shape;
}

/** MACs = positions × the multiply-accumulates at each position; the product of the two is the record's MACs. */
export interface MacsFormula {
  readonly positions: Expr;
  readonly perPosition: Expr;
}

/** The layer families of the engine (one file each under layers/). */
export type Family = 'conv' | 'dense' | 'norm' | 'recurrent' | 'attention' | 'transformer' | 'activation' | 'shape';

/** Which attention projection a matrix is: LoRA's `q`, `k`, `v`, `o` shorthands select by role. */
export type ProjectionRole = 'q' | 'k' | 'v' | 'o';

/**
 * A matrix a layer multiplies its input by (a Linear inside it): what a LoRA adapter wraps.
 * `name` is the sub-module's name as the framework has it (`q_proj`, `c_attn`); '' is the layer
 * itself (a dense layer). PEFT matches targets against the full dotted module name.
 */
export interface LinearModule {
  readonly name: string;
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly roles: readonly ProjectionRole[];
  /**
   * Which matrix of a feed-forward block it is (a fused gate_up is `up`, as llama.cpp's ffn_up), or a
   * mixture of experts' router: quantizers treat them apart (llama.cpp keeps routers at F32 and gives
   * ffn_down more bits).
   */
  readonly part?: FeedForwardPart;
  /** An expert's matrix in a mixture of experts (llama.cpp stacks them per layer). */
  readonly expert?: boolean;
}

export type FeedForwardPart = 'gate' | 'up' | 'down' | 'router';

/** The head geometry of an attention layer: what its KV cache holds and what its scores cost. */
export interface AttentionGeometry {
  readonly heads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  /** Multiply-accumulates of QKᵀ and A·V over the sequence (part of `macs`); null when T is unknown. */
  readonly scoreMacs: bigint | null;
  /** Multi-head latent attention: the cache keeps this instead of K and V per head. */
  readonly latent?: LatentCache;
}

/**
 * What multi-head latent attention (DeepSeek-V2, arXiv:2405.04434 §2.1) caches per token and
 * layer: the compressed vector c_KV (`rank`, kv_lora_rank) and the one rotary key shared by every
 * head (`rope`, qk_rope_head_dim); K and V are rebuilt from them. `qkHeadDim` and `vHeadDim` are the
 * heads' sizes after decompression, what a cache of full K and V would hold.
 */
export interface LatentCache {
  readonly rank: number;
  readonly rope: number;
  readonly qkHeadDim: number;
  readonly vHeadDim: number;
}

/**
 * A mixture-of-experts layer's routing: `experts` of `perExpert` parameters each, of which a token
 * uses `topK` (Shazeer et al. 2017). The rest of the layer (router, shared experts) every token uses.
 */
export interface ExpertRouting {
  readonly experts: number;
  readonly topK: number;
  readonly perExpert: bigint;
  /** The shared experts every token uses besides its routed ones, with Qwen2-MoE's gate on them; 0n for none. */
  readonly shared: bigint;
}

/**
 * Everything the engine knows about one evaluated layer, in the manner of torchinfo's per-layer
 * records: the numbers are kept apart from the code that formats them, and every total is derived
 * from `tensors` (see counts.ts), never stored twice.
 */
/**
 * Where an image's channels stand as the framework holds a tensor: N×C×H×W ('first', PyTorch's
 * default) or N×H×W×C ('last', Keras's, and PyTorch's between the Permutes of a Swin or a ConvNeXt
 * block). The engine keeps every shape channels last whatever the framework; this says how to show it.
 */
export type ChannelsAt = 'first' | 'last';

export interface LayerRecord {
  /** Canonical kind of the /count language, e.g. `conv`. */
  readonly kind: string;
  /** Class name in the framework the record was computed for (Conv2D / Conv2d). */
  readonly typeName: string;
  /** The layer in canonical /count text, with inferred arguments filled in; printed on first use (few records are asked). */
  readonly spec: () => string;
  readonly tensors: readonly ParamTensor[];
  /**
   * Worked formula; evaluates to exactly the sum of the tensor sizes. Built when asked: a model's
   * records are many, and most are read for their counts alone (the other framework's totals).
   */
  readonly formula: () => Expr;
  readonly outputShape: Shape;
  /** Weight multiply-accumulates over the whole output, bias excluded; null when a size is unknown. */
  readonly macs: bigint | null;
  /** True when Keras and PyTorch would count this layer differently. */
  readonly conventionSensitive: boolean;
  /**
   * Remarks worth showing beside the number (conventions, buffers, defaults that were assumed).
   * Made when asked: only a layer explained on its own shows them, and a model's records are many.
   */
  readonly notes: () => readonly MessageRef[];
  /** What students most often get wrong when counting this kind, in one sentence. */
  readonly mistake: MessageRef;
  /** The kind's mistake library worked out on this layer (computed on first use). */
  readonly mistakes: () => readonly LayerMistake[];
  /** How the output size follows from the input, as math (`H_out = ⌊(112 + 2·1 − 3)/2⌋ + 1 = 56`); worked out on first use. */
  readonly shapeWorking: () => readonly string[];
  /** MACs worked out (`H_out×W_out × k_h×k_w×C_in×C_out`), when the kind has a formula and the size is known; worked out on first use. */
  readonly macsFormula: () => MacsFormula | null;
  /** What `in=` takes for this kind (`HxW`, `T`), to tell a user how to complete the shape. */
  readonly inputForm: string;
  /** The matrices LoRA can adapt (empty for convolutions, norms, embeddings, ...). */
  readonly linears: readonly LinearModule[];
  /** Set for attention layers that say their head geometry. */
  readonly attention: AttentionGeometry | null;
  /** Set for a mixture of experts: the parameters a token does not touch follow from it. */
  readonly routing?: ExpertRouting;
  /**
   * Set by a permute (torchvision's Permute([0, 2, 3, 1])): the order the framework holds this
   * layer's output in, and the layers after it, until another permute says otherwise.
   */
  readonly channels?: ChannelsAt;
}
