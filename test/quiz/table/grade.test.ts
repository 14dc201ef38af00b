/**
 * The table exercise graded row by row: every cell right; one row with one listed mistake (that row
 * alone wrong, named from the library); one output shape wrong and the rows after it worked out from
 * it (carried, not fresh mistakes). Property-style over many seeds at every level.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnosisIds } from '../../../src/quiz/diagnose.js';
import { gradeTable, gradeMistakes } from '../../../src/quiz/table/grade.js';
import { decodeSource, encodeSource } from '../../../src/quiz/table/model.js';
import { LEVELS, type Level } from '../../../src/domain/index.js';
import { carriedShape, exerciseOf as exercise, ownMistake, rightAnswer, withRow } from '../../support/table-student.js';

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 2 });
const levels = fc.constantFrom<Level>(...LEVELS);

describe('the table exercise', () => {
  it('is the lecture VGG16 table for vgg16-lecture, totals 134,268,738, all trainable', () => {
    const ex = exercise({ kind: 'spec', level: 'medium', spec: 'vgg16-lecture' });
    expect(ex.rows.map((r) => Number(r.counts.total)).slice(0, 6)).toEqual([1792, 36928, 0, 73856, 147584, 0]);
    expect(ex.rows.at(-1)!.counts.total).toBe(8194n);
    expect(ex.totals).toEqual({ total: 134268738n, trainable: 134268738n, nonTrainable: 0n });
    expect(ex.replayable).toBe(true);
  });

  it('is the same table for the same seed and level, with BatchNorm and Dropout from medium on', () => {
    fc.assert(
      fc.property(seeds, levels, (seed, level) => {
        const a = exercise({ kind: 'generated', level, seed });
        expect(exercise({ kind: 'generated', level, seed }).spec).toBe(a.spec);
        expect(a.replayable).toBe(true);
        if (level !== 'easy') expect(a.rows.some((r) => r.kind === 'bn') && a.rows.some((r) => r.kind === 'dropout')).toBe(true);
        // BatchNorm's moving statistics are the only non-trainable parameters (Keras).
        expect(a.totals.nonTrainable).toBe(a.rows.filter((r) => r.kind === 'bn').reduce((s, r) => s + r.counts.nonTrainable, 0n));
        expect(a.blanks.shapes).toBe(level === 'hard');
        expect(decodeSource(encodeSource(a.source))).toEqual(a.source);
      }),
      { numRuns: 60 },
    );
  });

  it('grades a right table right, with the bonus-worthy whole', () => {
    fc.assert(
      fc.property(seeds, levels, (seed, level) => {
        const ex = exercise({ kind: 'generated', level, seed });
        const g = gradeTable(ex, rightAnswer(ex));
        expect(g.whole).toBe(true);
        expect(g.earned).toBe(g.cells);
        expect(gradeMistakes(g)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('names one mistake in one row, and only that row is wrong', () => {
    let checked = 0;
    fc.assert(
      fc.property(seeds, levels, fc.nat(), (seed, level, pick) => {
        const ex = exercise({ kind: 'generated', level, seed });
        const counted = ex.rows.filter((r) => r.counts.total > 0n);
        const row = counted[pick % counted.length]!;
        const mistake = ownMistake(ex, row.index);
        if (!mistake) return;
        checked++;
        const g = gradeTable(ex, withRow(ex, row.index, mistake.value));
        for (const r of g.rows) {
          if (r.row.index !== row.index) expect(r.params.kind, `row ${r.row.index + 1} of ${ex.spec}`).toBe('right');
        }
        const wrong = g.rows[row.index]!.params;
        expect(wrong.kind).toBe('wrong');
        if (wrong.kind === 'wrong') expect(diagnosisIds(wrong.diagnosis)).toContain(mistake.id);
        expect(g.whole).toBe(false);
        // The totals are the truth's: the student added up the right table.
        expect(g.totals.total.kind).toBe('right');
        // Added up from their own rows instead, the total is right from their work: summed, not a fresh mistake.
        const own = withRow(ex, row.index, mistake.value);
        const summed = gradeTable(ex, { ...own, totals: { ...own.totals, total: own.rows.reduce((a, r) => a + r.params!, 0n) } });
        expect(summed.totals.total.kind).toBe('summed');
        expect(summed.earned).toBe(g.earned);
      }),
      { numRuns: 60 },
    );
    expect(checked).toBeGreaterThan(30);
  });

  it('tells a shape mistake carried down the table from a fresh one (hard level)', () => {
    let carried = 0;
    fc.assert(
      fc.property(seeds, fc.nat(), (seed, pick) => {
        const ex = exercise({ kind: 'generated', level: 'hard', seed });
        // An image row before the last: its height and width written 2 larger.
        const images = ex.rows.filter((r) => r.shape.length === 3 && r.index < ex.rows.length - 1);
        if (images.length === 0) return;
        const row = images[pick % images.length]!;
        const shape = [row.shape[0]! + 2, row.shape[1]! + 2, row.shape[2]!];
        const answer = carriedShape(ex, row.index, shape);
        if (!answer) return;
        const g = gradeTable(ex, answer);
        expect(g.rows[row.index]!.shape!.kind).toBe('wrong');
        expect(g.rows[row.index]!.params.kind).toBe('right');
        for (const r of g.rows.slice(0, row.index)) expect([r.params.kind, r.shape!.kind]).toEqual(['right', 'right']);
        for (const r of g.rows.slice(row.index + 1)) {
          const given = answer.rows[r.row.index]!;
          for (const [verdict, same] of [
            [r.params, given.params === r.row.counts.total],
            [r.shape!, given.shape!.join('x') === r.row.shape.join('x')],
          ] as const) {
            if (same) expect(verdict.kind).toBe('right');
            else {
              expect(verdict, `row ${r.row.index + 1} of ${ex.spec}`).toEqual({ kind: 'carried', from: { row: row.index, what: 'shape' } });
              carried++;
            }
          }
        }
        // The total adds up the student's own rows: right from their numbers.
        expect(['right', 'summed']).toContain(g.totals.total.kind);
      }),
      { numRuns: 80 },
    );
    expect(carried).toBeGreaterThan(20);
  });

  it('grades the trainable / non-trainable split: BatchNorm statistics counted as trainable are named', () => {
    const ex = exercise({ kind: 'spec', level: 'medium', spec: 'input 28x28x1 > conv 8 3 > bn > maxpool 2 > flatten > dense 10' });
    const right = rightAnswer(ex);
    const g = gradeTable(ex, { ...right, totals: { total: ex.totals.total, trainable: ex.totals.total, nonTrainable: 0n } });
    expect(g.totals.total.kind).toBe('right');
    expect(g.totals.trainable.kind).toBe('wrong');
    expect(g.totals.nonTrainable.kind).toBe('wrong');
    expect(gradeMistakes(g).some((id) => id.startsWith('trainable:'))).toBe(true);
  });
});
