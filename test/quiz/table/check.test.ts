/**
 * /check's work and a table answer's grading in their worker (TableCheckPool) give what the same
 * code gives in-process, and bad input is one message with nothing graded: a model that does not
 * count, one layer, a paste past its bounds, nothing pasted.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/messages.js';
import { checkTable, gradeSource } from '../../../src/quiz/table/check.js';
import { TableCheckPool } from '../../../src/quiz/table/check-pool.js';
import { MAX_PASTE_CHARS } from '../../../src/quiz/table/parse.js';

const pool = new TableCheckPool();
afterAll(() => pool.close());

const MODEL = 'input 28x28x1 > conv 8 3 > maxpool 2 > flatten > dense 10';
const PASTED = 'conv2d_1 (Conv2D) (None, 26, 26, 8) 80\nmax_pooling2d_1 (MaxPooling2 (None, 13, 13, 8) θ\nflatten_1 (Flatten) (None, 1352) θ\ndense_1 (Dense) (None, 10) 13520';

describe('/check', () => {
  it('gives in its worker what it gives here', async () => {
    const here = checkTable('zh-TW', MODEL, PASTED);
    expect(await pool.check({ lang: 'zh-TW', model: MODEL, pasted: PASTED })).toEqual(here);
    expect(here.ok && here.checked.lines[3]).toMatch(/^4\. dense_1：✗ Param #：13,520：/);
  });

  it("grades a table answer in its worker as here: the lecture's VGG16, every row wrong, counts exact across the thread", async () => {
    const job = {
      source: { kind: 'spec', level: 'hard', spec: 'vgg16-lecture' } as const,
      answer: { rows: Array.from({ length: 24 }, (_, i) => ({ params: 36864n + BigInt(i), shape: [224, 224, 64] })), totals: { total: 134268738n } },
    };
    const there = await pool.grade(job);
    expect(there).toEqual(gradeSource(job));
    expect(there.ok && there.grade.totals.total.kind).toBe('right');
  });

  it.each([
    ['conv 3 x 3', PASTED, /`x`/],
    ['dense 10 2', PASTED, /at least two layers/],
    [MODEL, 'x'.repeat(MAX_PASTE_CHARS + 1), /longer than 20,000 characters/],
    [MODEL, '   ', /Paste your filled-in table/],
    ['', PASTED, /Name the model/],
  ])('refuses %j with one message', async (model, pasted, message) => {
    const r = await pool.check({ lang: 'en', model, pasted });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(t('en', r.error)).toMatch(message);
  });
});
