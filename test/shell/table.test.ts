/**
 * The table exercise in the terminal: /quiz table, the form's button answered with one line of
 * counts (`/press 1 1792, 36928, …`) or /answer with the line, the row-by-row grade, the points on the board and the rows
 * the class missed for the teacher's report; /check of the lecture's table pasted below it, OCR's
 * θ for 0 and all.
 */
import { describe, expect, it } from 'vitest';
import { exerciseOf } from '../support/table-student.js';
import { botEnv, runShell, storeOf } from '../support/app.js';

const SPEC = 'input 28x28x1 > conv 8 3 > bn > maxpool 2 > flatten > dense 10';

describe('the table exercise in the shell', () => {
  it('posts a table, grades a line of counts row by row, scores it and keeps the missed row', async () => {
    const ex = exerciseOf({ kind: 'spec', level: 'medium', spec: SPEC });
    // BatchNorm counted as γ and β only (16, not 32): its moving statistics left out.
    const wrong = [...ex.rows.map((r) => (r.kind === 'bn' ? 16n : r.counts.total)), ex.totals.total, ex.totals.trainable, ex.totals.nonTrainable].join(', ');
    const right = [...ex.rows.map((r) => r.counts.total), ex.totals.total, ex.totals.trainable, ex.totals.nonTrainable].join(', ');
    const env = await botEnv();
    const r = runShell([`/quiz table model: ${SPEC}`, '/as alice', `/press 1 ${wrong}`, '/as bob', `/answer ${right}`, '/answer 1, 2', '/leaderboard'], env);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toContain('3x3 conv, 8');
    expect(out).toContain('batch norm');
    expect(out).toContain('batch_normalization_1 (BatchNormalization)');
    expect(out).toMatch(/2\. batch_normalization_1: ✗ Param #: 16: /);
    expect(out).toContain(`${ex.rows.length + 2} of ${ex.rows.length + 3} cells right`);
    expect(out).toContain('The whole table is right: +10 bonus.');
    // bob's second answer is refused before grading: one clear message.
    expect(out).toContain('That is 2 numbers; the table has');
    expect(out).toMatch(/1\. bob: \d+ pts/);
    const store = await storeOf(env);
    expect(await store.tables.missedRows('shell:local', 10)).toEqual([{ exercise: `s.medium.${SPEC}`, index: 1, layer: 'batch_normalization_1', wrong: 1, answered: 2 }]);
    // The row's named mistake comes back in /review as its skill, as a question's does.
    const alice = (await store.scopes.memberId('shell:local', 'alice'))!;
    const lapses = (await store.practice.deck(alice)).lapses;
    expect(lapses.length).toBeGreaterThan(0);
    expect(lapses.map((l) => l.topic)).toEqual(lapses.map(() => 'model'));
    expect(lapses.map((l) => l.family)).toContain('convention');
  });

  it("checks the lecture's table pasted below /check, θ for 0", async () => {
    const lines = [
      '/check model:vgg16-lecture table:',
      'Layer (type)	Output	Shape		Param #',
      'conv2d_1 (Conv2D)	(None,	224, 224,	64)	1792',
      'conv2d_2 (Conv2D)	(None,	224, 224,	64)	36928',
      'max_pooling2d_1 (MaxPooling2	(None,	112, 112,	64)	θ',
      'conv2d_3 (Conv2D)	(None,	112, 112,	128)	73856',
      'Total params: 134,268,738',
    ];
    const r = runShell(lines, await botEnv());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('1. conv2d_1: ✓ Param #: right');
    expect(r.stdout).toContain('3. max_pooling2d_1: ✓ Param #: right');
    expect(r.stdout).toContain('Your table has no number for: conv2d_4');
    expect(r.stdout).toContain('✓ Total params: right');
  });
});
