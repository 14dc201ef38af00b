/**
 * Multiple choice must not give the answer away by its letter: over 10,000 easy questions of a
 * topic, the answer's letter is uniform within every template (a template shows in its wording, so
 * a topic-wide balance could hide "gqa: always A"). Uniformity is Pearson's chi-square test on the
 * four letter counts of each template, at p = 0.0001 (3 degrees of freedom: 21.11), with at least
 * 200 questions per template. Every other choice is one of the question's named mistakes (a real
 * mistake, not a made-up number).
 */
import { expect, it } from 'vitest';
import { CHOICES, generate } from '../../src/quiz/generator.js';
import type { Topic } from '../../src/domain/index.js';

export const QUESTIONS = 10_000;

/** χ² at p = 0.0001 with 3 degrees of freedom. */
const CRITICAL = 21.108;
const MIN_PER_TEMPLATE = 200;

/** Pearson's χ² of observed counts against a uniform spread. */
export function chiSquare(counts: readonly number[]): number {
  const n = counts.reduce((a, c) => a + c, 0);
  const expected = n / counts.length;
  return counts.reduce((a, c) => a + (c - expected) ** 2 / expected, 0);
}

export function balanceTest(topics: readonly Topic[]): void {
  for (const topic of topics) {
    it(`${topic}: in every template the answer is under each letter alike (χ², p = 0.0001) over ${QUESTIONS.toLocaleString('en-US')} questions; every distractor is a named mistake`, () => {
      const letters = new Map<string, number[]>();
      for (let seed = 0; seed < QUESTIONS; seed++) {
        const q = generate(seed * 104_729 + 1, 'easy', topic);
        const choices = q.choices!;
        const named = new Set(q.mistakes.map((m) => m.value));
        for (const c of choices) if (c !== q.answer && !named.has(c)) expect.fail(`${topic} seed ${q.seed}: ${c} is not a named mistake`);
        const counts = letters.get(q.template) ?? Array.from({ length: CHOICES }, () => 0);
        counts[choices.indexOf(q.answer)]!++;
        letters.set(q.template, counts);
      }
      const report = [...letters].map(([template, counts]) => `${template}: ${counts.join('/')} (χ² ${chiSquare(counts).toFixed(1)})`);
      for (const [template, counts] of letters) {
        const n = counts.reduce((a, c) => a + c, 0);
        expect(n, `${template} is drawn too rarely to test: ${report.join('; ')}`).toBeGreaterThanOrEqual(MIN_PER_TEMPLATE);
        expect(chiSquare(counts), `${topic} ${template}: the answer's letter is not uniform: ${report.join('; ')}`).toBeLessThan(CRITICAL);
      }
    }, 120_000); // 10,000 generated questions: seconds on a quiet machine, more on a busy one
  }
}
