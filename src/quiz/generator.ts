/**
 * Seeded question generation: (seed, level, topic) always gives the same question, so a round is
 * stored as its seed and can be replayed. A scope's recent questions and answers are skipped by
 * trying the following seeds.
 *
 * Multiple choice gives nothing away by construction. The answer's rank among the four values
 * (smallest to largest) is drawn first, uniformly, and configurations are drawn until one has
 * enough named mistakes below and above the answer to put it there; then the four values are
 * shuffled into the letters A–D, so a template whose answer is nearly always the smallest value
 * (grouped-query attention) still puts it under each letter a quarter of the time. Every
 * distractor is a named mistake.
 */
import { build, memoryKey, type Built } from './build.js';
import { attentionTopic } from './topics/attention.js';
import { batchnorm } from './topics/batchnorm.js';
import { conv } from './topics/conv.js';
import { dense } from './topics/dense.js';
import { llmTopic } from './topics/llm.js';
import { macs } from './topics/macs.js';
import { model } from './topics/model.js';
import { modernTopic } from './topics/modern.js';
import { pooling } from './topics/pooling.js';
import { recurrent } from './topics/recurrent.js';
import { separable } from './topics/separable.js';
import { rng, type Rng } from './random.js';
import type { Draft, Question, Template, TopicTemplates } from './question.js';
import { TOPICS, type Level, type Topic } from '../domain/index.js';

/** Bump when a change to the topics would make an old seed give a different question. */
export const GENERATOR_VERSION = 3;

export const TEMPLATES: Readonly<Record<Topic, TopicTemplates>> = { dense, conv, batchnorm, pooling, separable, recurrent, model, macs, attention: attentionTopic, llm: llmTopic, modern: modernTopic };

export const CHOICES = 4;

/** Configurations tried for the drawn rank before settling for another one. */
const ATTEMPTS = 40;

/**
 * `rank` distractors below the answer and the rest above, drawn from the named mistakes, in the
 * order the letters show them (shuffled); undefined when there are not enough.
 */
export function choicesAt(built: Built, rank: number, random: Rng): bigint[] | undefined {
  const values = [...new Set(built.mistakes.map((m) => m.value))];
  const below = values.filter((v) => v < built.answer);
  const above = values.filter((v) => v > built.answer);
  if (below.length < rank || above.length < CHOICES - 1 - rank) return undefined;
  const picked = [...random.shuffle(below).slice(0, rank), ...random.shuffle(above).slice(0, CHOICES - 1 - rank)];
  return random.shuffle([...picked, built.answer]);
}

function question(seed: number, level: Level, topic: Topic, template: Template, draft: Draft, built: Built, choices: readonly bigint[] | null): Question {
  const quantity = draft.ask.kind === 'read' ? draft.ask.quantity : draft.ask.kind === 'memory' ? memoryKey(draft.ask.quantity) : draft.ask.kind;
  return {
    topic,
    level,
    seed,
    key: `${topic}|${level}|${template.id}|${draft.variant}|${quantity}|${draft.spec}`,
    template: template.id,
    prompt: draft.prompt,
    spec: draft.spec,
    ask: draft.ask,
    answer: built.answer,
    mistakes: built.mistakes,
    differences: built.differences(),
    choices,
    working: built.working(),
    hint: draft.hint,
  };
}

export function generate(seed: number, level: Level, topic: Topic): Question {
  const random = rng(seed);
  const templates = TEMPLATES[topic][level];
  const rank = level === 'easy' ? random.int(0, CHOICES - 1) : -1;
  let fallback: { template: Template; draft: Draft; built: Built } | undefined;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const template = random.pick(templates);
    const draft = template.draft(random, level);
    const built = build(draft);
    if (!built) continue;
    if (rank < 0) return question(seed, level, topic, template, draft, built, null);
    const choices = choicesAt(built, rank, random);
    if (choices) return question(seed, level, topic, template, draft, built, choices);
    if (new Set(built.mistakes.map((m) => m.value)).size >= CHOICES - 1) fallback ??= { template, draft, built };
  }
  if (!fallback) throw new Error(`no ${topic} ${level} configuration from seed ${seed} has ${CHOICES - 1} named mistakes`);
  // No configuration had the drawn rank: the nearest rank this one allows, still all named mistakes.
  for (const r of [...Array(CHOICES).keys()].sort((a, b) => Math.abs(a - rank) - Math.abs(b - rank))) {
    const choices = choicesAt(fallback.built, r, random);
    if (choices) return question(seed, level, topic, fallback.template, fallback.draft, fallback.built, choices);
  }
  throw new Error('unreachable: the fallback has enough mistakes for some rank');
}

/** What a scope was asked recently: question keys, and answers (a repeated answer is a repeated question to a class). */
export interface Recent {
  readonly keys: ReadonlySet<string>;
  readonly answers: ReadonlySet<bigint>;
}

/** Seeds tried for a fresh question before a repeat is accepted. */
const FRESH_ATTEMPTS = 60;

/** A question for a new round: the topic drawn from `topics` by the seed, skipping recent questions and answers. */
export function generateFresh(seed: number, level: Level, topics: readonly Topic[], recent: Recent): Question {
  const pool = topics.length > 0 ? topics : TOPICS;
  let question: Question | undefined;
  let unseenKey: Question | undefined;
  for (let attempt = 0; attempt < FRESH_ATTEMPTS; attempt++) {
    const s = (seed + attempt * 7919) % 0x7fffffff;
    const topic = pool[rng(s ^ 0x5bd1e995).int(0, pool.length - 1)]!;
    question = generate(s, level, topic);
    if (recent.keys.has(question.key)) continue;
    if (!recent.answers.has(question.answer)) return question;
    unseenKey ??= question;
  }
  return unseenKey ?? question!; // every nearby seed was asked recently: repeating beats refusing to play
}
