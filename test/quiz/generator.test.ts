/** Generated questions: seeded, answered by the engine, with named mistakes as the only wrong choices. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { read } from '../../src/quiz/build.js';
import { generate, generateFresh } from '../../src/quiz/generator.js';
import { promptText } from '../../src/quiz/text.js';
import { LEVELS, TOPICS } from '../../src/domain/index.js';

/** The code a prompt shows, if it shows code. */
const codeOf = (q: ReturnType<typeof generate>): string | undefined => {
  const part = q.prompt.find((p) => p.key === 'q.code');
  return part && 'params' in part ? (part.params as { code: string }).code : undefined;
};

describe('generated questions', () => {
  it('are the same for the same seed (a round can be replayed from its seed)', () => {
    for (const topic of TOPICS) for (const level of LEVELS) expect(generate(42, level, topic)).toEqual(generate(42, level, topic));
  });

  it('every topic and level: named mistakes that are wrong and distinct, four choices when easy, each one the answer or a named mistake', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 2 }), fc.constantFrom(...TOPICS), fc.constantFrom(...LEVELS), (seed, topic, level) => {
        const q = generate(seed, level, topic);
        expect(q.answer >= 0n).toBe(true);
        // an inverse question's mistakes are the slips that solve to a whole number: often none
        if (q.ask.kind !== 'inverse') expect(q.mistakes.length).toBeGreaterThanOrEqual(1);
        expect(new Set(q.mistakes.map((m) => m.id)).size).toBe(q.mistakes.length);
        expect(q.mistakes.map((m) => m.value)).not.toContain(q.answer);
        if (level === 'easy') {
          expect(q.choices).toHaveLength(4);
          expect(new Set(q.choices!).size).toBe(4);
          expect(q.choices).toContain(q.answer);
          const named = new Set(q.mistakes.map((m) => m.value));
          for (const c of q.choices!) if (c !== q.answer) expect(named.has(c)).toBe(true);
        } else {
          expect(q.choices).toBeNull();
        }
        expect(promptText('en', q).length).toBeGreaterThan(20);
        expect(promptText('zh-TW', q).length).toBeGreaterThan(10);
      }),
      { numRuns: 600 },
    );
  });

  it('parameter questions are answered by the engine on the spec the reveal shows', () => {
    for (let seed = 0; seed < 40; seed++) {
      for (const level of LEVELS) {
        for (const topic of ['dense', 'conv', 'recurrent'] as const) {
          const q = generate(seed, level, topic);
          if (q.ask.kind === 'read') expect(q.answer).toBe(read(q.ask.quantity, count(q.spec).report));
          if (q.ask.kind === 'inverse') expect(count(q.ask.template.replace('{x}', String(q.answer))).report.counts.total).toBe(count(q.spec).report.counts.total);
        }
      }
    }
  });

  it('code a question shows means what its spec means: the pasted-code reader counts it the same', () => {
    let checked = 0;
    for (const topic of TOPICS) {
      for (const level of LEVELS) {
        for (let seed = 0; seed < 60; seed++) {
          const q = generate(seed, level, topic);
          const code = codeOf(q);
          if (code === undefined) continue;
          const spec = count(q.spec);
          // Where the frameworks count differently the code is the spec's framework's; elsewhere either counts the same.
          expect(count(code).report.counts, code).toEqual(spec.report.counts);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('states the framework where the conventions differ', () => {
    for (let seed = 0; seed < 30; seed++) {
      const q = generate(seed, 'medium', 'batchnorm');
      if (q.template.startsWith('bnKeras')) expect(promptText('en', q)).toMatch(/Keras/);
      if (q.template === 'bnTorch') expect(promptText('en', q)).toMatch(/PyTorch|nn\.BatchNorm2d/);
    }
  });

  it('skips questions and answers the scope had recently', () => {
    const first = generateFresh(7, 'easy', ['dense'], { keys: new Set(), answers: new Set() });
    const second = generateFresh(7, 'easy', ['dense'], { keys: new Set([first.key]), answers: new Set() });
    expect(second.key).not.toBe(first.key);
    const third = generateFresh(7, 'easy', ['dense'], { keys: new Set(), answers: new Set([first.answer]) });
    expect(third.answer).not.toBe(first.answer);
  });
});
