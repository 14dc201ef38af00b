/**
 * The teacher's report lists the summary-table rows the class missed most: two students fill in a
 * table (/quiz table, /answer with a line of counts), one with BatchNorm's moving statistics left
 * out, and the report page names that row, in both languages.
 */
import { describe, expect, it } from 'vitest';
import { bob, carol } from '../support/quiz.js';
import { exerciseOf } from '../support/table-student.js';
import { linkIn, startWebApp } from '../support/web.js';

const SPEC = 'input 28x28x1 > conv 8 3 > bn > maxpool 2 > flatten > dense 10';

describe('the teacher report and the summary tables', () => {
  it('lists the rows the class got wrong most', async () => {
    const web = await startWebApp();
    const teacher = { userId: 'U_TEACHER', name: 'teacher' };
    await web.run(teacher, `/quiz table model: ${SPEC}`);
    const ex = exerciseOf({ kind: 'spec', level: 'medium', spec: SPEC });
    const line = (bn: bigint) => [...ex.rows.map((r) => (r.kind === 'bn' ? bn : r.counts.total)), ex.totals.total, ex.totals.trainable, ex.totals.nonTrainable].join(', ');
    const wrong = await web.run(bob, `/answer ${line(16n)}`, { isAdmin: false });
    expect(wrong.text).toMatch(/2\. batch_normalization_1: ✗ Param #: 16: /);
    await web.run(carol, `/answer ${line(32n)}`, { isAdmin: false });
    const link = linkIn((await web.run(teacher, '/report')).text, 'report');
    const page = await (await web.get(link)).text();
    expect(page).toContain('Summary-table rows missed most');
    expect(page).toMatch(/<td>batch_normalization_1<\/td><td class="num bad">1 of 2<\/td>/);
    const zh = await (await web.get(`${link}?lang=zh-TW`)).text();
    expect(zh).toContain('摘要表中最常錯的列');
    expect(zh).toContain('2 人中 1 人答錯');
  });
});
