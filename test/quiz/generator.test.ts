/** Generated questions: seeded, answered by the engine, with real mistakes as wrong choices. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { generate, generateFresh } from '../../src/quiz/generator.js';
import { LEVELS, TOPICS } from '../../src/quiz/types.js';
import { t } from '../../src/i18n/messages.js';

describe('generated questions', () => {
  it('are the same for the same seed (a round can be replayed from its seed)', () => {
    for (const topic of TOPICS) for (const level of LEVELS) expect(generate(42, level, topic)).toEqual(generate(42, level, topic));
  });

  it('every topic and level: a positive engine answer (or 0 for pooling), distinct real mistakes, four choices when easy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 2 }), fc.constantFrom(...TOPICS), fc.constantFrom(...LEVELS), (seed, topic, level) => {
        const q = generate(seed, level, topic);
        expect(q.answer >= 0n).toBe(true);
        expect(q.mistakes.length).toBeGreaterThanOrEqual(2);
        const values = q.mistakes.map((m) => m.value);
        expect(new Set(values).size).toBe(values.length);
        expect(values).not.toContain(q.answer);
        if (level === 'easy') {
          expect(q.choices).toHaveLength(4);
          expect(new Set(q.choices!).size).toBe(4);
          expect(q.choices).toContain(q.answer);
        } else {
          expect(q.choices).toBeNull();
        }
        expect(t('en', q.prompt).length).toBeGreaterThan(20);
        expect(t('zh-TW', q.prompt).length).toBeGreaterThan(10);
      }),
      { numRuns: 600 },
    );
  });

  it('parameter questions are answered by the engine on the spec the reveal shows', () => {
    for (let seed = 0; seed < 40; seed++) {
      for (const level of LEVELS) {
        const q = generate(seed, level, 'conv');
        expect(q.answer).toBe(count(q.spec).report.counts.total);
        const r = generate(seed, level, 'recurrent');
        expect(r.answer).toBe(count(r.spec).report.counts.total);
      }
    }
  });

  it('states the convention where it matters', () => {
    expect(t('en', generate(3, 'easy', 'batchnorm').prompt)).toMatch(/TRAINABLE.*|Keras/);
    expect(t('en', generate(3, 'hard', 'batchnorm').prompt)).toContain('PyTorch');
    expect(t('en', generate(3, 'medium', 'recurrent').prompt)).toContain('Keras');
  });

  it('skips questions the scope asked recently', () => {
    const first = generateFresh(7, 'easy', ['dense'], new Set());
    const second = generateFresh(7, 'easy', ['dense'], new Set([first.key]));
    expect(second.key).not.toBe(first.key);
  });
});
