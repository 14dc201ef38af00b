/**
 * Seeded question generation: (seed, level, topic) always gives the same question, so a round is
 * stored as its seed and can be replayed. A scope's recent questions are skipped by trying the
 * following seeds.
 */
import { batchnorm } from './topics/batchnorm.js';
import { conv } from './topics/conv.js';
import { dense } from './topics/dense.js';
import { macs } from './topics/macs.js';
import { model } from './topics/model.js';
import { pooling } from './topics/pooling.js';
import { recurrent } from './topics/recurrent.js';
import { separable } from './topics/separable.js';
import { rng } from './random.js';
import type { Mistake, Question, TopicGenerator } from './question.js';
import { TOPICS, type Level, type Topic } from './types.js';

/** Bump when a change to the topics would make an old seed give a different question. */
export const GENERATOR_VERSION = 1;

const GENERATORS: Readonly<Record<Topic, TopicGenerator>> = { dense, conv, batchnorm, pooling, separable, recurrent, model, macs };

export function generate(seed: number, level: Level, topic: Topic): Question {
  const random = rng(seed);
  const draft = GENERATORS[topic](random, level);
  // Keep only mistakes that are wrong, positive and distinct: each names one real misconception.
  const seen = new Set<bigint>([draft.answer]);
  const mistakes: Mistake[] = [];
  for (const m of draft.mistakes) {
    if (m.value < 0n || seen.has(m.value)) continue;
    seen.add(m.value);
    mistakes.push(m);
  }
  const choices = level === 'easy' ? random.shuffle([draft.answer, ...mistakes.slice(0, 3).map((m) => m.value)]) : null;
  return {
    topic,
    level,
    seed,
    key: `${topic}|${level}|${draft.spec}|${draft.prompt.key}`,
    prompt: draft.prompt,
    spec: draft.spec,
    answer: draft.answer,
    mistakes,
    choices,
    working: draft.working,
  };
}

/** A question for a new round: the topic drawn from `topics` by the seed, skipping recent keys. */
export function generateFresh(seed: number, level: Level, topics: readonly Topic[], recent: ReadonlySet<string>): Question {
  const pool = topics.length > 0 ? topics : TOPICS;
  let question: Question | undefined;
  for (let attempt = 0; attempt < 50; attempt++) {
    const s = (seed + attempt * 7919) % 0x7fffffff;
    const topic = pool[rng(s ^ 0x5bd1e995).int(0, pool.length - 1)]!;
    question = generate(s, level, topic);
    if (!recent.has(question.key)) return question;
  }
  return question!; // every nearby seed was asked recently: repeating beats refusing to play
}
