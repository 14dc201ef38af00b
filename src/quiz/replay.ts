/**
 * A question asked before, as it was asked: a generated one replayed from its seed, a teacher's
 * one read back from what the round kept (it was built from a spec when the round opened, and the
 * round keeps it whole: prompt, answer, named mistakes, working). Questions are plain data, so the
 * kept form is JSON with the exact integers written as decimal strings.
 */
import { generate, GENERATOR_VERSION } from './generator.js';
import type { Question } from './question.js';
import type { Level, Topic } from '../domain/index.js';

/** Exact integers survive JSON as `{"$n":"1792"}`. */
const BIG = '$n';

export function encodeQuestion(q: Question): string {
  return JSON.stringify(q, (_key, value: unknown) => (typeof value === 'bigint' ? { [BIG]: value.toString() } : value));
}

export function decodeQuestion(json: string): Question {
  return JSON.parse(json, (_key, value: unknown) =>
    value !== null && typeof value === 'object' && BIG in value && typeof (value as Record<string, unknown>)[BIG] === 'string' ? BigInt((value as Record<string, string>)[BIG]!) : value,
  ) as Question;
}

/** What a question is replayed from: a round, or a line of a student's history. */
export interface Asked {
  readonly seed: number;
  readonly generator: number;
  readonly level: Level;
  readonly topic: Topic;
  readonly custom: string | null;
}

/**
 * The question as it was asked; undefined for a generated question of an older generator version
 * (its seed now gives another question).
 */
export function replay(asked: Asked): Question | undefined {
  if (asked.custom !== null) return decodeQuestion(asked.custom);
  return asked.generator === GENERATOR_VERSION ? generate(asked.seed, asked.level, asked.topic) : undefined;
}
