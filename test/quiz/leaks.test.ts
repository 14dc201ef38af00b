/**
 * While a question is open no reply states its answer: every explanation a wrong answer can get
 * (each named mistake, in both languages, with the layer it is made in), the "close" message and
 * the hint are checked on many generated questions of every topic and level.
 */
import { describe, expect, it } from 'vitest';
import { formatInt } from '../../src/engine/format.js';
import { msg, t, type Lang } from '../../src/i18n/messages.js';
import { diagnose } from '../../src/quiz/diagnose.js';
import { generate } from '../../src/quiz/generator.js';
import { diagnosisText, promptText, whyText } from '../../src/quiz/text.js';
import { LEVELS, TOPICS } from '../../src/domain/index.js';

const LANGS: readonly Lang[] = ['en', 'zh-TW'];
const PER_CELL = 150;

/** Every number written in a text, as a value: 1,792 and 1792 are both 1792n (digits inside a longer number are not). */
function numbersIn(text: string): Set<bigint> {
  const found = new Set<bigint>();
  for (const m of text.matchAll(/\d{1,3}(?:,\d{3})+|\d+/g)) found.add(BigInt(m[0].replace(/,/g, '')));
  return found;
}

describe('no feedback while a question is open states its answer', () => {
  for (const topic of TOPICS) {
    it(`${topic}: every mistake's explanation, the close-but-rounded note and the hint, in both languages`, () => {
      let checked = 0;
      for (const level of LEVELS) {
        for (let seed = 0; seed < PER_CELL; seed++) {
          const q = generate(seed * 7_919 + 13, level, topic);
          for (const lang of LANGS) {
            // A number the question itself shows is no leak (an inverse question states its target).
            const shown = numbersIn(promptText(lang, q));
            const texts = [...q.mistakes.map((m) => whyText(lang, m)), ...q.differences.map((d) => t(lang, d.why)), t(lang, q.hint), t(lang, msg('answer.hint', { hint: t(lang, q.hint) }))];
            // a rounded answer and any number the diagnosis can meet near the answer
            const near = [q.answer + 1n, q.answer * 2n, q.answer > 1n ? q.answer - 1n : 2n, (q.answer / 1000n + 1n) * 1000n];
            for (const value of [...near, ...q.mistakes.map((m) => m.value), ...q.differences.map((d) => d.value)]) texts.push(diagnosisText(lang, q, diagnose(q, value)));
            for (const text of texts) {
              checked++;
              if (numbersIn(text).has(q.answer) && !shown.has(q.answer)) {
                expect.fail(`${topic} ${level} seed ${q.seed} (${q.template}): the answer ${formatInt(q.answer)} is in "${text}"`);
              }
            }
          }
        }
      }
      expect(checked).toBeGreaterThan(1000);
    });
  }
});
