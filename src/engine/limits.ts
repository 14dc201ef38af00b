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
   * Layers of one model once expanded, every repetition and def call counted: the largest preset
   * has 884 (NASNetLarge, EfficientNetV2-L), LLaMA-2-70B written out about 400, and pasted code
   * may hold 2,000 modules. Each distinct layer costs about 4 µs to parse, evaluate (under both
   * frameworks when a layer counts differently in the other) and render, so this bound keeps the
   * worst accepted spec near ten milliseconds (the bench's engine_worst_accepted_ms measures it:
   * about 5 ms for 1,800 distinct def instances on a 2-core machine, 8 to 13 ms when the young
   * generation's collections land inside it), far inside the 1 s deadline on a loaded machine.
   */
  layers: 2_000,
  /** Layers and groups once expanded: bounds the work of a model made of many empty groups. */
  units: 8_000,
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
  /**
   * Experts of a whole model, every layer's counted (DeepSeek-V3 has 58 × 256 = 14,848; Kimi K2
   * 60 × 384): each is three matrices whose bytes, names and MACs are worked out.
   */
  expertModules: 65_536,
  /** Characters of one rendered answer; past it the text is cut with a note. */
  renderChars: 256 * 1024,
} as const;
