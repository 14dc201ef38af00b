/**
 * Every bound on what one /count request may make the engine do, in one place. Each is far
 * beyond any real model and far below what would cost a chat bot noticeable time or memory: the
 * worst accepted spec is measured in `npm run bench` (`engine_worst_accepted_ms`), and anything
 * past a bound is refused with one line naming the token and the limit.
 */
export const LIMITS = {
  /** Characters of one spec (pasted code has its own, larger, limit). */
  specChars: 20_000,
  /**
   * Layers of one model once expanded, every repetition and def call counted (Keras NASNetLarge
   * has 1,041; LLaMA-2-70B, 80 decoder layers, about 400).
   */
  layers: 5_000,
  /** Layers and groups once expanded: bounds the work of a model made of many empty groups. */
  units: 20_000,
  /** Nesting of braces and of defs inside defs in the /count language. */
  nesting: 32,
  /** Axes of one shape (`input`, `in=`, `reshape`): a video batch has 5 with the batch axis. */
  axes: 8,
  /**
   * Side of an attention window (`windowattn window=M`): Swin uses 7 to 24. Bounds the relative
   * position table, (2M − 1)² rows, so its shape stays an exact number.
   */
  window: 1_024,
  /** `layers=` of a stacked recurrent layer: real stacks have a handful. */
  stackedLayers: 1_000,
  /**
   * Experts of one mixture-of-experts layer (DeepSeek-V3 routes over 256, the largest published
   * about 384): each is three matrices, tensors of one record, so this bounds a record's size.
   */
  experts: 1_024,
  /** Characters of one rendered answer; past it the text is cut with a note. */
  renderChars: 256 * 1024,
} as const;
