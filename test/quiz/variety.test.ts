/**
 * Variety a semester cannot exhaust: at least 1,000 distinct questions in every topic × level cell
 * (1,050 draws give at least 1,000 different ones), and a class that narrows /quiz to one topic for
 * 18 weeks × 10 questions meets under 2% repeats of a question or of its answer, through the same
 * path /quiz takes (a server's last 200 questions and answers are skipped).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { generate, generateFresh } from '../../src/quiz/generator.js';
import { rng } from '../../src/quiz/random.js';
import { LEVELS, TOPICS } from '../../src/domain/index.js';
import { RECENT_QUESTIONS } from '../../src/quiz/service.js';

const DRAWS = 1_050;
const SEMESTER = 18 * 10;
const figures: string[] = [];

afterAll(() => console.log(['Distinct questions per cell and semester repeats:', ...figures].join('\n')));

describe('variety', () => {
  for (const topic of TOPICS) {
    it(`${topic}: over 1,000 distinct questions per level; a semester of it repeats under 2% of questions and answers`, () => {
      for (const level of LEVELS) {
        const keys = new Set<string>();
        const r = rng(2026 + level.length);
        for (let i = 0; i < DRAWS; i++) keys.add(generate(Math.floor(r.next() * 0x7fffffff), level, topic).key);
        expect(keys.size, `${topic} ${level}`).toBeGreaterThanOrEqual(1_000);

        // a semester: each round's question fresh against the server's last RECENT_QUESTIONS
        const asked: Array<{ key: string; answer: bigint }> = [];
        let repeatedQuestions = 0;
        let repeatedAnswers = 0;
        const seeds = rng(topic.length * 31 + level.length);
        for (let round = 0; round < SEMESTER; round++) {
          const window = asked.slice(-RECENT_QUESTIONS);
          const q = generateFresh(Math.floor(seeds.next() * 0x7fffffff), level, [topic], { keys: new Set(window.map((a) => a.key)), answers: new Set(window.map((a) => a.answer)) });
          if (asked.some((a) => a.key === q.key)) repeatedQuestions++;
          if (asked.some((a) => a.answer === q.answer)) repeatedAnswers++;
          asked.push({ key: q.key, answer: q.answer });
        }
        figures.push(`${topic.padEnd(10)} ${level.padEnd(7)} ${keys.size} distinct of ${DRAWS}; semester repeats: ${repeatedQuestions} questions, ${repeatedAnswers} answers of ${SEMESTER}`);
        expect(repeatedQuestions / SEMESTER).toBeLessThan(0.02);
        expect(repeatedAnswers / SEMESTER).toBeLessThan(0.02);
      }
    }, 120_000); // about 4,000 generated questions: seconds on a quiet machine, more on a busy one
  }
});
