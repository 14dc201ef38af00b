/**
 * Feedback and reveals a student can read, checked as a new user would meet them, over many
 * generated questions of every topic and level, in both languages:
 *  - no number inside Python code (a code block, or `name=` and `Layer(` in words) is written with
 *    thousands separators (`dim_feedforward=1,024` is not Python);
 *  - feedback and the worked solution name no layer the question did not show (`attention_1`,
 *    `batch_norm2d_1` are the engine's names, never a question's);
 *  - no feedback is circular ("in dense_1: that leaves out dense_1");
 *  - a hint about Flatten only where the model has one;
 *  - "work it through" (/count of the question) stays short: a 25-layer decoder is not 370 lines.
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { renderCount } from '../../src/engine/render.js';
import { LANGS, t } from '../../src/i18n/messages.js';
import { diagnose, roundingOf } from '../../src/quiz/diagnose.js';
import { generate } from '../../src/quiz/generator.js';
import { diagnosisText, promptText, whyText } from '../../src/quiz/text.js';
import { LEVELS, TOPICS } from '../../src/domain/index.js';
import { renderWorking } from '../../src/quiz/working.js';

const SEEDS = 40;
/** The longest /count answer a question's "work it through" may give, in lines. */
const MAX_WORK_LINES = 80;

/** Keras-style names the engine gives layers no one named: conv2d_1, batch_norm2d_1, multi_head_attention_2. */
const ENGINE_NAME = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)*_\d+\b/g;
/** A number with a thousands separator where Python code is written in words: `dim_feedforward=1,024`, `Dense(1,024`. */
const SEPARATED_IN_CODE = /(?:=|\w\()\d{1,3}(?:,\d{3})+(?!\d)/;

describe('what a student reads', () => {
  for (const topic of TOPICS) {
    it(`${topic}: code without separators, only layers it shows, no circular feedback, hints that fit, short reveals`, () => {
      let checked = 0;
      for (const level of LEVELS) {
        for (let i = 0; i < SEEDS; i++) {
          const q = generate(i * 48_271 + 17, level, topic);
          const work = renderCount(count(q.spec), 'en').split('\n').length;
          expect(work, `${q.template} ${q.spec}: /count gives ${work} lines`).toBeLessThanOrEqual(MAX_WORK_LINES);
          for (const lang of LANGS) {
            const prompt = promptText(lang, q);
            for (const block of prompt.matchAll(/```python\n([\s\S]*?)\n```/g)) expect(block[1], `${q.template}: ${block[1]}`).not.toMatch(/\d,\d{3}/);
            expect(prompt.replace(/```python\n[\s\S]*?\n```/g, ''), `${q.template}: ${prompt}`).not.toMatch(SEPARATED_IN_CODE);
            const shown = new Set(prompt.match(ENGINE_NAME) ?? []);
            const unshown = (text: string) => (text.match(ENGINE_NAME) ?? []).filter((name) => !shown.has(name));
            const told = [...q.mistakes.map((m) => m.value), ...q.differences.map((d) => d.value)].map((v) => diagnosisText(lang, q, diagnose(q, v)));
            for (const text of [...told, ...renderWorking(lang, q.working)]) {
              checked++;
              expect(unshown(text), `${q.template} (${lang}): "${text}" names a layer the question does not show\n${prompt}`).toEqual([]);
            }
            for (const m of q.mistakes) {
              if (!m.layer) continue;
              const label = t(lang, m.layer);
              const text = whyText(lang, m);
              expect(text.split(label).length - 1, `${q.template}: "${text}" says ${label} twice`).toBeLessThanOrEqual(1);
            }
            if (t('en', q.hint).includes('Flatten')) expect(prompt, `${q.template}: a Flatten hint for a model without one`).toMatch(/Flatten/);
          }
        }
      }
      expect(checked).toBeGreaterThan(200);
    });
  }
});

describe('"close, but counts are exact" only for a rounding', () => {
  it('a number that is the answer rounded, typed scaled or ending in two zeros; not 7,780 for 7,778', () => {
    expect(roundingOf(7_778n, 7_780n)).toBe(false);
    expect(roundingOf(7_778n, 7_780n, '7.78k')).toBe(true);
    expect(roundingOf(7_778n, 7_800n)).toBe(true);
    expect(roundingOf(1_792_000n, 1_800_000n, '1.8M')).toBe(true);
    expect(roundingOf(1_792_000n, 1_790_000n)).toBe(true);
    expect(roundingOf(1_792n, 1_700n)).toBe(false);
    expect(roundingOf(1_792n, 1_792n)).toBe(false);
  });
});
