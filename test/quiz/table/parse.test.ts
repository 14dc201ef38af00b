/**
 * Reading filled-in tables: a line of numbers, one field per row, and pastes as Keras and
 * torchinfo print them, messy as a photo of the lecture's slides read by OCR (θ for 0, rows split
 * over lines, the first rows pasted twice, rows missing). Truths are the engine's Keras counts.
 */
import { describe, expect, it } from 'vitest';
import { t } from '../../../src/i18n/messages.js';
import { gradeTable } from '../../../src/quiz/table/grade.js';
import { exerciseOf } from '../../support/table-student.js';
import { isTableLine, MAX_PASTE_CHARS, parseFields, parseLine, parsePasted } from '../../../src/quiz/table/parse.js';

const exercise = (spec: string, level: 'medium' | 'hard' = 'medium') => exerciseOf({ kind: 'spec', level, spec });

const SMALL = 'input 28x28x1 > conv 8 3 > bn > maxpool 2 > flatten > dense 10';

/** The lecture's table as OCR reads a photo of its slides: θ and Θ for 0, a shape split (`1	28`), a header and the first rows again, a row of the lost middle missing. */
const LECTURE_PASTE = `
Layer (type)	Output	Shape		Param #
conv2d_1 (Conv2D)	(None,	224, 224,	64)	1792
conv2d_2 (Conv2D)	(None,	224, 224,	64)	36928
max_pooling2d_1 (MaxPooling2	(None,	112, 112,	64)	θ
conv2d_3 (Conv2D)	(None,	112, 112,	128)	73856
conv2d_4 (Conv2D)	(None,	112, 112,	128)	147584
max_pooling2d_2 (MaxPooling2	(None,	56, 56, 1	28)	θ
conv2d_5 (Conv2D)	(None, 56, 56, 256)	295168
conv2d_6 (Conv2D)	(None, 56, 56, 256)	590080
conv2d_7 (Conv2D)	(None, 56, 56, 256)	590,080
max_pooling2d_3 (MaxPooling2	(None, 28, 28, 256)	Θ
conv2d_8 (Conv2D)	(None, 28, 28, 512)	1180160
conv2d_9 (Conv2D)	(None, 28, 28, 512)
	2359808
Layer (type)	Output	Shape	Param #
conv2d_1 (Conv2D)	(None,	224, 224, 64)	1792
conv2d_2 (Conv2D)	(None,	224, 224, 64)	36928
max_pooling2d_4 (MaxPooling2	(None,	14, 14, 512)	Θ
conv2d_11 (Conv2D)	(None,	14, 14, 512)	2359808
conv2d_12 (Conv2D)	(None,	14, 14, 512)	2359808
conv2d_13 (Conv2D)	(None,	14, 14, 512)	2359808
max_pooling2d_5 (MaxPooling2	(None,	7, 7, 512)	θ
flatten_1 (Flatten)	(None,	25088)	θ
dense_1 (Dense)	(None,	4096)	102764544
dropout_1 (Dropout)	(None,	4096)	θ
dense_2 (Dense)	(None,	4096)	16781312
dropout_2 (Dropout)	(None,	4096)	Θ
dense_3 (Dense)	(None,	2)	8194
dense_4 (Dense)	(None,	2)	8194

Total params: 134,268,738 Trainable params: 134,268,738 Non-trainable params: θ
`;

describe('a line of numbers', () => {
  const ex = exercise(SMALL);
  it('reads one count per row, then the three totals; 1,792 is one count', () => {
    const counts = ex.rows.map((r) => r.counts.total);
    const line = [...counts, ex.totals.total, ex.totals.trainable, ex.totals.nonTrainable].map((n) => n.toLocaleString('en-US')).join(', ');
    const parsed = parseLine(ex, line);
    expect(parsed.ok && gradeTable(ex, parsed.value).whole).toBe(true);
    const withoutTotals = parseLine(ex, counts.join(' '));
    expect(withoutTotals.ok && withoutTotals.value.rows.map((r) => r.params)).toEqual(counts);
  });
  it("tells a table's line from one count or formula (a question's answer)", () => {
    for (const line of ['1792, 36928, 0', '1,792 36,928', '26x26x8 80; 13x13x8 0', '1792\n0']) expect(isTableLine(line), line).toBe(true);
    for (const one of ['1,792', '1792', '(3×3×3+1)×64', '1.8M', 'B']) expect(isTableLine(one), one).toBe(false);
  });
  it('refuses a line one short, with what it expected', () => {
    const parsed = parseLine(ex, '80, 32, 0');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(t('en', parsed.error)).toContain(`${ex.rows.length} rows`);
  });
  it('reads θ as 0 and full-width digits', () => {
    const parsed = parseLine(ex, ex.rows.map((r) => (r.counts.total === 0n ? 'θ' : r.counts.total.toString().replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))))).join(', '));
    expect(parsed.ok && parsed.value.rows.map((r) => r.params)).toEqual(ex.rows.map((r) => r.counts.total));
  });
  it('at the hard level reads `shape count` entries', () => {
    const hard = exercise(SMALL, 'hard');
    const parsed = parseLine(hard, hard.rows.map((r) => `${r.shape.join('x')} ${r.counts.total}`).join('; '));
    expect(parsed.ok && gradeTable(hard, parsed.value).rows.every((g) => g.params.kind === 'right' && g.shape?.kind === 'right')).toBe(true);
  });
  it('at the hard level under PyTorch conventions reads shapes as torchinfo writes them, C×H×W', () => {
    const torch = exercise(`${SMALL} --framework pytorch`, 'hard');
    const torchShape = (s: readonly (number | null)[]) => `[1, ${(s.length === 3 ? [s[2], s[0], s[1]] : s).join(', ')}]`;
    const parsed = parseLine(torch, torch.rows.map((r) => `${torchShape(r.shape)} ${r.counts.total}`).join('; '));
    expect(parsed.ok && gradeTable(torch, parsed.value).rows.every((g) => g.shape?.kind === 'right')).toBe(true);
  });
  it('takes one field per row, blanks left blank', () => {
    const parsed = parseFields(
      ex,
      ex.rows.map((r, i) => (i === 1 ? '' : String(r.counts.total))),
    );
    expect(parsed.ok && gradeTable(ex, parsed.value).rows.map((g) => g.params.kind)).toEqual(ex.rows.map((_, i) => (i === 1 ? 'blank' : 'right')));
  });
});

describe('a pasted table', () => {
  const lecture = exercise('vgg16-lecture');
  it("grades the lecture's table read from a photo: θ as 0, split rows, repeats, a missing row and an unknown one named", () => {
    const read = parsePasted(lecture, LECTURE_PASTE);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const { answer, unmatched, conflicting, missing } = read.value;
    expect(unmatched).toEqual(['dense_4']);
    expect(conflicting).toEqual([]);
    expect(missing).toEqual(['conv2d_10']);
    expect(answer.totals).toEqual({ total: 134268738n, trainable: 134268738n, nonTrainable: 0n });
    const g = gradeTable(lecture, answer);
    expect(g.rows.map((r) => r.params.kind)).toEqual(lecture.rows.map((r) => (r.name === 'conv2d_10' ? 'blank' : 'right')));
    expect(answer.rows[5]!.shape).toEqual([56, 56, 128]);
  });
  it('names a layer given twice with two numbers, and does not grade it', () => {
    const read = parsePasted(lecture, `${LECTURE_PASTE}\nconv2d_2 (Conv2D) (None, 224, 224, 64) 36864`);
    expect(read.ok && read.value.conflicting).toEqual(['conv2d_2']);
    expect(read.ok && read.value.answer.rows[1]!.params).toBeUndefined();
  });
  it('names the mistake of a wrong row', () => {
    const read = parsePasted(lecture, LECTURE_PASTE.replaceAll('36928', '36864'));
    const g = read.ok ? gradeTable(lecture, read.value.answer) : undefined;
    const row = g?.rows[1]?.params;
    expect(row?.kind).toBe('wrong');
    if (row?.kind === 'wrong') expect(row.diagnosis.kind).toBe('named');
  });
  it('reads torchinfo rows in order', () => {
    const torch = exercise(`${SMALL} --framework pytorch`);
    const text = [
      'Layer (type:depth-idx)   Output Shape   Param #',
      ...torch.rows.map((r) => `├─${r.typeName}: 1-${r.index + 1}   [1, 8, 26, 26]   ${r.counts.total.toLocaleString('en-US')}`),
      'Total params: 13,626',
    ].join('\n');
    const read = parsePasted(torch, text);
    expect(read.ok && gradeTable(torch, read.value.answer).rows.every((r) => r.params.kind === 'right')).toBe(true);
  });
  it('reads a column of numbers only when there is one per row', () => {
    const ex = exercise(SMALL);
    const ok = parsePasted(ex, ex.rows.map((r) => String(r.counts.total)).join('\n'));
    expect(ok.ok).toBe(true);
    const short = parsePasted(
      ex,
      ex.rows
        .slice(1)
        .map((r) => String(r.counts.total))
        .join('\n'),
    );
    expect(short.ok).toBe(false);
  });
  it('refuses a paste past its size with one message', () => {
    const read = parsePasted(lecture, 'x'.repeat(MAX_PASTE_CHARS + 1));
    expect(read.ok).toBe(false);
  });
});
