import { msg, type MessageRef } from '../../i18n/messages.js';
/**
 * Every size that multiplies the reader's work, bounded by construction. A paste that reaches one
 * is refused by name with the limit (code.limit), never run further. The figures leave real model
 * definitions far inside (a ResNet-50 written as classes takes ~7,000 steps and 160 modules) and
 * keep the worst accepted paste within a few tens of milliseconds (bench/engine.ts measures it).
 */
export const LIMITS = {
  /** Characters of pasted text: a Discord attachment or a Slack form is ~100 KB. */
  text: 100_000,
  /** Nested brackets. */
  nesting: 100,
  /** Nested expressions in the parser (brackets, unary operators, conditionals, lambdas): its recursion depth. */
  depth: 300,
  /** Nested indented blocks. */
  blocks: 50,
  /** Evaluator steps: every statement, expression, loop iteration and call costs one. */
  steps: 200_000,
  /** Python calls in progress at once (recursion). */
  calls: 64,
  /** Evaluations in progress at once (calls within expressions within calls), well inside V8's stack. */
  recursion: 1_200,
  /** Items in one list, tuple, dict or set; characters in one string. */
  items: 100_000,
  /** Modules (layers) created, PyTorch or Keras (a ResNet-152 has about 500, a DenseNet-201 about 700). */
  modules: 2_000,
  /** Parameter tensors created (a ResNet-152 has 466, a 96-layer transformer about 1,200). */
  parameters: 6_000,
  /** Magnitude of an integer, in bits (sizes are far smaller; this stops 10**10**6). */
  intBits: 4_096,
  /** Axes of a tensor. */
  rank: 32,
} as const;

export type LimitName = keyof typeof LIMITS;

/** The refusal for a limit reached: what it bounds and its figure. */
export function limitMessage(name: LimitName): MessageRef {
  return msg('code.limit', { what: msg(`limit.${name}`), max: LIMITS[name].toLocaleString('en-US') });
}

/** Items (slots, characters) copied or gone over per step: a memory-speed loop, so a step's worth of them costs about what a statement does. */
export const ITEMS_PER_STEP = 4;
