/**
 * What a generated question is. A topic only chooses a configuration, its words and what is asked;
 * the answer, the named mistakes and the worked solution are all read off the counting engine and
 * its mistake library, so a question can never disagree with /count.
 */
import type { MemoryQuantity } from '../engine/memory.js';
import type { MistakeFamily } from '../engine/types.js';
import type { MessageRef } from '../i18n/messages.js';
import type { Difference } from './differences.js';
import type { Labels } from './labels.js';
import type { WorkStep } from './working.js';
import type { Level, Topic } from '../domain/index.js';

/** What a question asks of the spec's count. */
export const QUANTITIES = ['params', 'trainable', 'nonTrainable', 'macs', 'height', 'size'] as const;
export type Quantity = (typeof QUANTITIES)[number];

/**
 * How the answer follows from the spec: a quantity read off its count; the parameters a layer
 * saves against another spec; the number `x` that gives a target count (inverse); which layer
 * (1-based, as listed) holds the most parameters; one of its memory figures in bytes, where
 * `counted` says whether the student counts the parameters first (false: the prompt states them);
 * or what one layer of a model has.
 */
export type Ask =
  | { readonly kind: 'read'; readonly quantity: Quantity }
  | { readonly kind: 'memory'; readonly quantity: MemoryQuantity; readonly counted: boolean }
  | { readonly kind: 'saving'; readonly versus: string }
  | { readonly kind: 'inverse'; readonly template: string; readonly unknown: number }
  | { readonly kind: 'largest' }
  /** One layer of a model (0-based `index`, as the summary lists the rows): its parameters, output height or output size. */
  | { readonly kind: 'layer'; readonly index: number; readonly quantity: 'params' | 'height' | 'size' };

/** A wrong answer students really give, by the value it produces. */
export interface Mistake {
  /** Unique within the question: `forgotBias`, or `forgotBias@conv2d_1` in a model. */
  readonly id: string;
  readonly family: MistakeFamily;
  readonly value: bigint;
  /** "that is the weights without the 64 biases" */
  readonly why: MessageRef;
  /** The layer the mistake is made in, as the question shows it, when the question has several. */
  readonly layer?: MessageRef;
}

/** What a topic's template writes: the words, the spec they describe, and what is asked. */
export interface Draft {
  /** Parts shown in order (a sentence, a code block, the question itself). */
  readonly prompt: readonly MessageRef[];
  readonly spec: string;
  readonly ask: Ask;
  /** What to look at again when a wrong answer matches no known mistake. */
  readonly hint: MessageRef;
  /** The wording and form chosen (part of the question's identity). */
  readonly variant: string;
  /** How the question shows each of its top-level layers (see labels.ts); unset for one layer. */
  readonly labels?: Labels;
}

export interface Question {
  readonly topic: Topic;
  readonly level: Level;
  readonly seed: number;
  /** Identity of the question (same numbers, same words), so a scope does not repeat it. */
  readonly key: string;
  readonly template: string;
  readonly prompt: readonly MessageRef[];
  /** A /count spec that shows the worked answer. */
  readonly spec: string;
  readonly ask: Ask;
  readonly answer: bigint;
  readonly mistakes: readonly Mistake[];
  /** What a wrong count's difference may equal, said without a cause (differences.ts). */
  readonly differences: readonly Difference[];
  /** Multiple choice (easy questions): the answer and three named mistakes, in the order of the letters A–D (shuffled). */
  readonly choices: readonly bigint[] | null;
  /** The worked solution, as the reveal shows it. */
  readonly working: readonly WorkStep[];
  readonly hint: MessageRef;
}

export interface Template {
  /** Stable name, part of the question's identity. */
  readonly id: string;
  draft(rng: import('./random.js').Rng, level: Level): Draft;
}

export type TopicTemplates = Readonly<Record<Level, readonly Template[]>>;
