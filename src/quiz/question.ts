/**
 * What a generated question is, and the helpers topic generators share. Every answer is read off
 * the counting engine; a topic only chooses the numbers, the words and the plausible mistakes.
 */
import { count, type CountResult } from '../engine/count.js';
import { tensorSize } from '../engine/counts.js';
import { formatInt } from '../engine/format.js';
import { workedFormula } from '../engine/render.js';
import type { TensorRole } from '../engine/types.js';
import { msg, type MessageKey, type MessageParams, type MessageRef } from '../i18n/messages.js';
import type { Rng } from './random.js';
import type { Level, Topic } from './types.js';

/** A wrong answer students really give, by the value it produces. */
export interface Mistake {
  readonly id: string;
  readonly value: bigint;
  /** "that is the weights without the 64 biases" */
  readonly why: MessageRef;
}

export interface Question {
  readonly topic: Topic;
  readonly level: Level;
  readonly seed: number;
  /** Identity of the question (same numbers, same ask), so a scope does not repeat it. */
  readonly key: string;
  readonly prompt: MessageRef;
  /** A /count spec that shows the worked answer. */
  readonly spec: string;
  readonly answer: bigint;
  readonly mistakes: readonly Mistake[];
  /** Multiple choice (easy questions): the answer and three real mistakes, shuffled. */
  readonly choices: readonly bigint[] | null;
  /** The worked formulas, with numbers, as the reveal shows them. */
  readonly working: readonly string[];
}

/** What a topic generator returns; the generator adds choices, key and seed. */
export interface Draft {
  readonly prompt: MessageRef;
  readonly spec: string;
  readonly answer: bigint;
  readonly mistakes: readonly Mistake[];
  readonly working: readonly string[];
}

export type TopicGenerator = (rng: Rng, level: Level) => Draft;

export const n = (x: number | bigint): string => formatInt(x);

export function mistake<K extends MessageKey>(id: string, value: bigint | number, key: K, ...params: MessageParams<K>): Mistake {
  return { id, value: BigInt(value), why: msg(key, ...params) };
}

/** The engine's answer for a spec. */
export const evaluate = (spec: string): CountResult => count(spec);
export const total = (spec: string): bigint => count(spec).report.counts.total;

/** Sum of a role's tensors over a result (all biases of a model, say). */
export function sizeOf(result: CountResult, role: TensorRole): bigint {
  let s = 0n;
  for (const row of result.report.rows) for (const t of row.record.tensors) if (t.role === role) s += tensorSize(t);
  return s;
}

/** A question whose answer is the spec's total parameter count, as the engine counts it. */
export function countQuestion(prompt: MessageRef, spec: string, mistakes: (answer: bigint, result: CountResult) => readonly Mistake[]): Draft {
  const result = count(spec);
  const answer = result.report.counts.total;
  return { prompt, spec, answer, mistakes: mistakes(answer, result), working: working(result) };
}

/** One line per layer with parameters, as the reveal shows them. */
export function working(result: CountResult): string[] {
  const rows = result.report.rows.filter((r) => r.counts.total > 0n);
  const lines = rows.map((r) => (result.report.rows.length === 1 ? workedFormula(r.record) : `${r.name}: ${workedFormula(r.record)}`));
  if (rows.length > 1) lines.push(`${rows.map((r) => n(r.counts.total)).join(' + ')} = ${n(result.report.counts.total)}`);
  return lines;
}
