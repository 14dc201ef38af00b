/**
 * The table exercise in words: the lecture's drawing of VGG16, the blank summary, the reveal as
 * Keras and torchinfo print it, and the graded rows in both languages.
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../../src/engine/count.js';
import { renderCount } from '../../../src/engine/render.js';
import { gradeTable } from '../../../src/quiz/table/grade.js';
import { blankTable, drawing, gradeLines, revealTable } from '../../../src/quiz/table/render.js';
import { carriedShape, exerciseOf } from '../../support/table-student.js';

const lecture = exerciseOf({ kind: 'spec', level: 'medium', spec: 'vgg16-lecture' });

describe('the table in words', () => {
  it('draws the model the way the lecture does', () => {
    const lines = drawing(lecture).split('\n');
    expect(lines[0]).toBe('Size: 224x224, 3 ch');
    expect(lines.slice(1, 4).map((l) => l.trim())).toEqual(['3x3 conv, 64, same', '3x3 conv, 64, same', 'pool/2']);
    expect(lines.slice(-5).map((l) => l.trim())).toEqual(['dense 4096', 'dropout 0.5', 'dense 4096', 'dropout 0.5', 'dense 2']);
  });

  it('leaves the Param # column and the totals blank, the rows numbered', () => {
    const blank = blankTable(lecture);
    expect(blank).toMatch(/^ *1 +conv2d_1 \(Conv2D\) +\(None, 224, 224, 64\) +____$/m);
    expect(blank).not.toMatch(/1,792|36,928/);
    expect(blank).toContain('Non-trainable params: ____');
    const hard = blankTable(exerciseOf({ kind: 'spec', level: 'hard', spec: 'vgg16-lecture' }));
    expect(hard).not.toContain('(None, 224, 224, 64)');
  });

  it("reveals the table with the engine's Keras numbers and each row's formula", () => {
    const shown = revealTable(lecture);
    const engine = renderCount(count('vgg16-lecture'), 'en');
    for (const row of lecture.rows) expect(shown).toMatch(new RegExp(`${row.name} \\(${row.typeName}\\) +\\(None, [\\d, ]+\\) +${row.counts.total.toLocaleString('en-US')}$`, 'm'));
    expect(shown).toContain('Total params: 134,268,738');
    expect(shown).toContain('(25,088 + 1)×4,096 = 102,764,544');
    expect(engine).toContain('102,764,544');
    const torch = revealTable(exerciseOf({ kind: 'spec', level: 'medium', spec: 'input 28x28x1 > conv 8 3 > bn > flatten > dense 10 --framework pytorch' }));
    expect(torch).toMatch(/^Conv2d: 1-1 +\[1, 8, 26, 26\] +80$/m);
    expect(torch).toMatch(/^BatchNorm2d: 1-2 +\[1, 8, 26, 26\] +16$/m);
  });

  it('says a carried row in both languages', () => {
    const ex = exerciseOf({ kind: 'spec', level: 'hard', spec: 'input 28x28x1 > conv 8 3 > maxpool 2 > flatten > dense 10' });
    const g = gradeTable(ex, carriedShape(ex, 1, [14, 14, 8])!);
    expect(gradeLines('en', g)).toContain("4. dense_1: ↪ Param #: right formula, carried from row 2's shape; ✓ output shape: right");
    expect(gradeLines('zh-TW', g)).toContain('4. dense_1：↪ Param #：公式正確，錯誤是從第 2 列的形狀帶下來的；✓ 輸出形狀：正確');
  });
});
