/**
 * The table exercise in words: the model drawn the way the lecture draws it (`3x3 conv, 64`,
 * `pool/2`, `dense 4096`), its summary with the blanks to fill, the graded rows, and the reveal:
 * the table as Keras prints it (torchinfo's layout under PyTorch conventions) with each row's
 * formula. The cells are laid out by the engine's own table layout (render.ts's `table`).
 */
import { formatInt, formatKerasShape } from '../../engine/format.js';
import { table } from '../../engine/render.js';
import type { Framework, Shape } from '../../engine/types.js';
import { msg, t, type Lang } from '../../i18n/messages.js';
import { diagnosisText } from '../text.js';
import { TOTALS, type RowGrade, type TableGrade, type TotalName, type Verdict } from './grade.js';
import type { TableExercise, TableRow } from './model.js';

const BLANK = '____';

/**
 * A convolution's padding, always said: the output shapes a harder table asks for depend on it, and
 * the figure is all the student has (the lecture's VGG16 draws none because all of its are 'same').
 */
const padding = (o: ReadonlyMap<string, string>): string => {
  const pad = o.get('pad') ?? 'valid';
  return pad === 'same' || pad === 'valid' ? pad : `pad ${pad}`;
};

/** How a kind is drawn in the lecture's figure, from its canonical /count words. */
const DRAWN: Readonly<Record<string, (words: readonly string[], options: ReadonlyMap<string, string>) => string>> = {
  conv: (w, o) => `${w[3]!.includes('x') ? w[3] : `${w[3]}x${w[3]}`} conv, ${w[2]}, ${padding(o)}${o.has('stride') ? `, /${o.get('stride')}` : ''}`,
  maxpool: (w, o) => `pool/${o.get('stride') ?? w[1]}`,
  avgpool: (w, o) => `avg pool/${o.get('stride') ?? w[1]}`,
  gap: () => 'global avg pool',
  dense: (w) => `dense ${w[2]}`,
  bn: () => 'batch norm',
  dropout: (w) => `dropout ${w[1]}`,
  flatten: () => 'flatten',
};

/** One layer as the lecture's figure draws it. */
export function drawnLayer(row: TableRow): string {
  const words = row.spec.split(/\s+/).filter((w) => !w.includes('='));
  const options = new Map(
    row.spec
      .split(/\s+/)
      .filter((w) => w.includes('='))
      .map((w) => w.split('=') as [string, string]),
  );
  return DRAWN[row.kind]?.(words, options) ?? row.typeName;
}

/** The figure: the input's size, then a layer a line. */
export function drawing(exercise: TableExercise): string {
  const input = exercise.input.length === 3 ? `Size: ${exercise.input[0]}x${exercise.input[1]}, ${exercise.input[2]} ch` : `Input: ${exercise.input.join('x')}`;
  return [input, ...exercise.rows.map((r) => `  ${drawnLayer(r)}`)].join('\n');
}

/** A shape as the framework's table prints it: Keras `(None, 26, 26, 8)`, torchinfo `[1, 8, 26, 26]`. */
const SHAPES: Readonly<Record<Framework, (s: Shape) => string>> = {
  keras: formatKerasShape,
  pytorch: (s) => `[1, ${(s.length === 3 ? [s[2], s[0], s[1]] : s).map((d) => (d === null ? '?' : String(d))).join(', ')}]`,
};

/** A row's first cell: Keras `conv2d_1 (Conv2D)`, torchinfo `Conv2d: 1-1`. */
const NAMES: Readonly<Record<Framework, (r: TableRow) => string>> = {
  keras: (r) => `${r.name} (${r.typeName})`,
  pytorch: (r) => `${r.typeName}: 1-${r.index + 1}`,
};

const HEADERS: Readonly<Record<Framework, readonly string[]>> = {
  keras: ['Layer (type)', 'Output Shape', 'Param #'],
  pytorch: ['Layer (type:depth-idx)', 'Output Shape', 'Param #'],
};

/** Keras's and torchinfo's footers say the same three lines. */
export const FOOTER: Readonly<Record<TotalName, string>> = { total: 'Total params', trainable: 'Trainable params', nonTrainable: 'Non-trainable params' };

/** The summary with the blanks a student fills: the Param # column, and the shapes at the hard level. Rows are numbered for the answer. */
export function blankTable(exercise: TableExercise): string {
  const fw = exercise.framework;
  const rows = exercise.rows.map((r) => [String(r.index + 1), NAMES[fw](r), exercise.blanks.shapes ? BLANK : SHAPES[fw](r.shape), BLANK]);
  return [...table(['#', ...HEADERS[fw]], rows, new Set([0, 3])), ...TOTALS.map((n) => `${FOOTER[n]}: ${BLANK}`)].join('\n');
}

/** The table filled in as the framework prints it, and each row's formula under it. */
export function revealTable(exercise: TableExercise): string {
  const fw = exercise.framework;
  const rows = exercise.rows.map((r) => [NAMES[fw](r), SHAPES[fw](r.shape), formatInt(r.counts.total)]);
  const width = exercise.rows.reduce((w, r) => Math.max(w, r.name.length), 0);
  const formulas = exercise.rows.filter((r) => r.counts.total > 0n).map((r) => `  ${r.name.padEnd(width)}  ${r.formula}`);
  return [...table(HEADERS[fw], rows, new Set([2])), ...TOTALS.map((n) => `${FOOTER[n]}: ${formatInt(exercise.totals[n])}`), '', ...formulas].join('\n');
}

const MARKS: Readonly<Record<Verdict['kind'], string>> = { right: '✓', summed: '✓', carried: '↪', blank: '·', wrong: '✗' };

const HINT = { hint: msg('hint.modelChain') };

/** What one verdict says: nothing for a right cell, the mistake for a wrong one, where a carried one came from. */
function verdictText(lang: Lang, v: Verdict): string {
  switch (v.kind) {
    case 'right':
      return t(lang, msg('table.right'));
    case 'blank':
      return t(lang, msg('table.blank'));
    case 'summed':
      return t(lang, msg('table.summed'));
    case 'carried':
      return t(lang, msg(v.from.what === 'shape' ? 'table.carriedShape' : 'table.carriedValue', { row: String(v.from.row + 1) }));
    case 'wrong':
      return t(lang, msg('table.wrong', { value: typeof v.value === 'bigint' ? formatInt(v.value) : v.value.join('x'), why: diagnosisText(lang, HINT, v.diagnosis) }));
  }
}

/** `✓ Param #: right`, with each language's colon. */
const cellText = (lang: Lang, v: Verdict, cell: string): string => t(lang, msg('table.cell', { mark: MARKS[v.kind], cell, verdict: verdictText(lang, v) }));

function rowLine(lang: Lang, g: RowGrade): string {
  const params = cellText(lang, g.params, t(lang, msg('table.paramCell')));
  const cells = g.shape ? t(lang, msg('table.cells', { first: params, second: cellText(lang, g.shape, t(lang, msg('table.shapeCell'))) })) : params;
  return t(lang, msg('table.rowLine', { index: String(g.row.index + 1), name: g.row.name, cells }));
}

/** The graded table: a line per row, then the totals. */
export function gradeLines(lang: Lang, grade: TableGrade): string[] {
  return [...grade.rows.map((g) => rowLine(lang, g)), ...TOTALS.map((n) => cellText(lang, grade.totals[n], FOOTER[n]))];
}
