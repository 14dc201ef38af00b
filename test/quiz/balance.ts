/**
 * Multiple choice must not give the answer away by its rank: over 10,000 easy questions of a topic,
 * the answer is the smallest, second, third and largest choice 25% ± 5% of the time each, and every
 * other choice is one of the question's named mistakes (a real mistake, not a made-up number).
 */
import { expect, it } from 'vitest';
import { generate } from '../../src/quiz/generator.js';
import type { Topic } from '../../src/domain/index.js';

export const QUESTIONS = 10_000;

export function balanceTest(topics: readonly Topic[]): void {
  for (const topic of topics) {
    it(`${topic}: each rank holds the answer 25% ± 5% of ${QUESTIONS.toLocaleString('en-US')} questions; every distractor is a named mistake`, () => {
      const ranks = [0, 0, 0, 0];
      for (let seed = 0; seed < QUESTIONS; seed++) {
        const q = generate(seed * 104_729 + 1, 'easy', topic);
        const choices = q.choices!;
        const named = new Set(q.mistakes.map((m) => m.value));
        for (const c of choices) if (c !== q.answer && !named.has(c)) expect.fail(`${topic} seed ${q.seed}: ${c} is not a named mistake`);
        ranks[choices.indexOf(q.answer)]!++;
      }
      const shares = ranks.map((r) => r / QUESTIONS);
      for (const share of shares) {
        expect(share).toBeGreaterThanOrEqual(0.2);
        expect(share).toBeLessThanOrEqual(0.3);
      }
    }, 120_000); // 10,000 generated questions: seconds on a quiet machine, more on a busy one
  }
}
