/**
 * Reading a student's filled-in table. Three forms:
 *  - a line of numbers (the shell, the CLI, an answer message): `1792, 36928, 0, …`, one per row,
 *    then optionally the total, trainable and non-trainable; at the hard level each row is
 *    `shape params` and rows are separated by `;` or new lines (`26x26x8 80; 13x13x8 0; …`);
 *  - one field per row (the Discord and Slack forms), then the three totals' fields;
 *  - a table pasted as Keras's `model.summary()` or torchinfo prints it, or a column of numbers:
 *    `/check`. Pastes are messy (a photo of the slides read by OCR): lines split, `θ`/`Θ` for 0,
 *    thousands separators, rows missing, rows twice. A row is matched to a layer by its name;
 *    what matches no layer is named back, never guessed, and a layer named twice with two
 *    different numbers is left ungraded and said so.
 * Every form is bounded before it is read (the product's rule for untrusted text): too long is one
 * clear message and nothing is graded.
 */
import { formatInt } from '../../engine/format.js';
import type { Framework, Shape } from '../../engine/types.js';
import { msg, type MessageRef } from '../../i18n/messages.js';
import { parseAnswer } from '../answer.js';
import { TOTALS, type RowAnswer, type TableAnswer, type TotalName } from './grade.js';
import type { TableExercise } from './model.js';

/** The longest pasted table read (a 40-row summary with its borders is about 5,000 characters). */
export const MAX_PASTE_CHARS = 20_000;
export const MAX_PASTE_LINES = 1_000;
/** The longest answer line (40 rows of a shape and a 12-digit count, with separators). */
export const MAX_LINE_CHARS = 2_000;

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: MessageRef };

/** OCR of the slides writes 0 as θ or Θ; CJK keyboards write full-width digits. */
function normalize(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[θΘϴ]/g, '0')
    .replace(/\r\n?/g, '\n');
}

/** A count as a table writes it: 1792, 1,792, 2 359 808 is not one (a space separates cells). */
const COUNT = /\d{1,3}(?:,\d{3})+(?!\d)|\d+/g;
const toCount = (token: string): bigint => BigInt(token.replace(/,/g, ''));
/** A count longer than this is no layer's (the engine's largest presets have 13 digits). */
const MAX_DIGITS = 20;

/** `26x26x8`, `26×26×8`, `(None, 26, 26, 8)`, `(26, 26, 8)`, `[1, 8, 26, 26]`: the dimensions as written (see inEngineOrder). */
export function parseShape(text: string): Shape | undefined {
  const inner = text.trim().replace(/^[([]|[)\]]$/g, '');
  const parts = inner.split(/\s*[x×,]\s*/i).filter((p) => p !== '');
  const dims = (parts[0]?.toLowerCase() === 'none' ? parts.slice(1) : parts).map((p) => p.replace(/\s+/g, ''));
  if (dims.length === 0 || dims.length > 4 || !dims.every((d) => /^\d{1,7}$/.test(d))) return undefined;
  return dims.map(Number);
}

/**
 * A shape as the student wrote it, in the engine's order (channels last, no batch axis): under
 * PyTorch conventions an image is written C×H×W, torchinfo's `[1, 8, 26, 26]` with its batch.
 */
export function inEngineOrder(shape: Shape, framework: Framework): Shape {
  if (framework !== 'pytorch') return shape;
  // torchinfo's batch of 1 in front of an image (4 axes) or a vector (2 axes)
  const dims = (shape.length === 4 || shape.length === 2) && shape[0] === 1 ? shape.slice(1) : shape;
  return dims.length === 3 ? [dims[1]!, dims[2]!, dims[0]!] : dims;
}

/** One cell of a form or one entry of a line: a count (any form /answer takes), or `shape count` at the hard level. */
export function parseCell(text: string, shapes: boolean, row: number, framework: Framework = 'keras'): Parsed<RowAnswer> {
  const cell = normalize(text).trim();
  if (cell === '') return { ok: true, value: { params: undefined } };
  if (!shapes) {
    const n = parseAnswer(cell);
    return n.ok && 'value' in n ? { ok: true, value: { params: n.value } } : { ok: false, error: msg('table.badCell', { row: String(row + 1), cell: cell.slice(0, 40) }) };
  }
  // The shape is everything up to the last word; the count is the last word.
  const m = /^(.*?)[\s]+(\S+)$/.exec(cell);
  const shape = m ? parseShape(m[1]!) : undefined;
  const params = m ? parseAnswer(m[2]!) : undefined;
  if (!shape || !params?.ok || !('value' in params)) return { ok: false, error: msg('table.badShapeCell', { row: String(row + 1), cell: cell.slice(0, 40) }) };
  return { ok: true, value: { params: params.value, shape: inEngineOrder(shape, framework) } };
}

/** The three totals' cells (any of them blank). */
function totalsOf(cells: readonly string[]): Parsed<TableAnswer['totals']> {
  const totals: Partial<Record<TotalName, bigint>> = {};
  for (const [i, name] of TOTALS.entries()) {
    const cell = normalize(cells[i] ?? '').trim();
    if (cell === '') continue;
    const n = parseAnswer(cell);
    if (!n.ok || !('value' in n)) return { ok: false, error: msg('table.badTotal', { cell: cell.slice(0, 40) }) };
    totals[name] = n.value;
  }
  return { ok: true, value: totals };
}

/** The forms' fields: one per row, then the totals. */
export function parseFields(exercise: TableExercise, cells: readonly string[]): Parsed<TableAnswer> {
  const rows: RowAnswer[] = [];
  for (const row of exercise.rows) {
    const cell = parseCell(cells[row.index] ?? '', exercise.blanks.shapes, row.index, exercise.framework);
    if (!cell.ok) return cell;
    rows.push(cell.value);
  }
  const totals = totalsOf(cells.slice(exercise.rows.length));
  return totals.ok ? { ok: true, value: { rows, totals: totals.value } } : totals;
}

/** One page of a paged form (cells `from`… of the rows-then-totals): its first unreadable cell's message, or undefined. */
export function checkPage(exercise: TableExercise, from: number, cells: readonly string[]): MessageRef | undefined {
  const n = exercise.rows.length;
  for (const [k, text] of cells.entries()) {
    const i = from + k;
    const read = i < n ? parseCell(text, exercise.blanks.shapes, i, exercise.framework) : totalsOf([text]);
    if (!read.ok) return read.error;
  }
  return undefined;
}

/**
 * Whether an answer's text is a table's line rather than one count or formula (`/answer 1,792` and
 * `/answer (3×3×3+1)×64` stay a question's answer): counts only, two or more of them, or entries
 * separated by `;` or new lines.
 */
export function isTableLine(text: string): boolean {
  const clean = normalize(text).trim();
  if (/[;\n]/.test(clean)) return true;
  return !/[^\d,\s]/.test(clean) && (clean.match(COUNT) ?? []).length >= 2;
}

/**
 * A line (or a few) of answers. Without shapes, every count in order: a comma and a space (or a
 * space, `;`, a new line) between rows, `1,792` being one count. With shapes, entries separated
 * by `;` or new lines. Either way the row count must be the table's, with or without the three
 * totals: a line one short is not guessed at.
 */
export function parseLine(exercise: TableExercise, text: string): Parsed<TableAnswer> {
  if (text.length > MAX_LINE_CHARS) return { ok: false, error: msg('table.tooLong', { max: formatInt(MAX_LINE_CHARS) }) };
  const clean = normalize(text).trim();
  const n = exercise.rows.length;
  let cells: string[];
  if (exercise.blanks.shapes) {
    cells = clean.split(/\s*[;\n]\s*/).filter((c) => c !== '');
  } else {
    if (/[^\d,;\s]/.test(clean)) return { ok: false, error: msg('table.badLine') };
    cells = clean.match(COUNT) ?? [];
  }
  if (cells.length !== n && cells.length !== n + TOTALS.length) return { ok: false, error: msg('table.wrongCount', { given: String(cells.length), rows: String(n), all: String(n + TOTALS.length) }) };
  return parseFields(exercise, cells);
}

/** What a pasted table says beside the rows it matched: what it could not match, and rows left ungraded. */
export interface PasteReading {
  readonly answer: TableAnswer;
  /** Names in the paste that are no layer of the model (as written). */
  readonly unmatched: readonly string[];
  /** Layers the paste names twice with different numbers: not graded. */
  readonly conflicting: readonly string[];
  /** Layers of the model the paste has no row for. */
  readonly missing: readonly string[];
}

/** A Keras layer name where a row of a summary starts: `conv2d_1 (Conv2D)`, `max_pooling2d_1 (MaxPooling2`. */
const KERAS_ROW = /(?:^|\s)([a-z][a-z0-9_]*?(?:_\d+)?)\s*\([A-Z]\w*\)?/g;
/** The Keras footer: `Total params: 134,268,738`. */
const FOOTERS: ReadonlyArray<readonly [TotalName, RegExp]> = [
  ['nonTrainable', /non-trainable\s+params:\s*([\d,]+)/i],
  ['trainable', /(?<!non-)trainable\s+params:\s*([\d,]+)/i],
  ['total', /total\s+params:\s*([\d,]+)/i],
];

/**
 * A pasted table, read against the model's rows. Keras rows are found by their layer names
 * (the lecture's `conv2d_1 (Conv2D)   (None, 224, 224, 64)   1792`, even when OCR split a row
 * over two lines); the count of a row is the first number after its shape; torchinfo rows
 * (`├─Conv2d: 1-1   [1, 64, 224, 224]   1,792`) and a bare column of numbers are read in order.
 */
export function parsePasted(exercise: TableExercise, text: string): Parsed<PasteReading> {
  if (text.length > MAX_PASTE_CHARS) return { ok: false, error: msg('table.pasteTooLong', { max: formatInt(MAX_PASTE_CHARS) }) };
  const clean = normalize(text);
  if (clean.split('\n').length > MAX_PASTE_LINES) return { ok: false, error: msg('table.pasteTooLong', { max: formatInt(MAX_PASTE_CHARS) }) };
  const totals: Partial<Record<TotalName, bigint>> = {};
  let body = clean;
  for (const [name, pattern] of FOOTERS) {
    const m = pattern.exec(body);
    if (m) {
      totals[name] = toCount(m[1]!);
      body = body.slice(0, m.index) + ' '.repeat(m[0].length) + body.slice(m.index + m[0].length);
    }
  }
  const named = [...body.matchAll(KERAS_ROW)];
  if (named.length > 0) return { ok: true, value: byName(exercise, body, named, totals) };
  const torch = [...body.matchAll(/[├└│─\s]*([A-Za-z]\w*):\s*\d+-\d+/g)];
  if (torch.length > 0)
    return inOrder(
      exercise,
      torch.map((m, i) => [m[1]!, body.slice(m.index + m[0].length, torch[i + 1]?.index ?? body.length)] as const),
      totals,
    );
  // A column of numbers: one per line (or per comma), in the table's order.
  const column = body.match(COUNT) ?? [];
  if (column.length === 0) return { ok: false, error: msg('table.nothingRead') };
  return inOrder(
    exercise,
    column.map((c) => ['', c] as const),
    totals,
  );
}

/**
 * A row's cells after its name: the shape in parentheses (Keras) or brackets (torchinfo; its digits,
 * OCR's split `1 28` joined), then the first count.
 */
function readRowText(rest: string): { shape: Shape | undefined; params: bigint | undefined } {
  const open = rest.search(/[([]/);
  const close = open >= 0 ? rest.indexOf(rest[open] === '(' ? ')' : ']', open) : -1;
  const shape = open >= 0 && close > open ? parseShape(rest.slice(open, close + 1)) : undefined;
  const after = close > open ? rest.slice(close + 1) : rest;
  const first = after.match(COUNT)?.[0];
  return { shape, params: first !== undefined && first.replace(/,/g, '').length <= MAX_DIGITS ? toCount(first) : undefined };
}

function byName(exercise: TableExercise, body: string, named: readonly RegExpMatchArray[], totals: TableAnswer['totals']): PasteReading {
  const byLayer = new Map<string, Array<ReturnType<typeof readRowText>>>();
  const unmatched: string[] = [];
  const layers = new Set(exercise.rows.map((r) => r.name));
  named.forEach((m, i) => {
    const name = m[1]!;
    // The row's text runs to the next row's name (a row OCR split over two lines stays one row).
    const rest = body.slice(m.index! + m[0].length, named[i + 1]?.index ?? body.length);
    if (!layers.has(name)) {
      if (!unmatched.includes(name)) unmatched.push(name);
      return;
    }
    const read = readRowText(rest);
    if (read.params !== undefined || read.shape !== undefined) byLayer.set(name, [...(byLayer.get(name) ?? []), read]);
  });
  const conflicting: string[] = [];
  const missing: string[] = [];
  const rows: RowAnswer[] = exercise.rows.map((row) => {
    const reads = byLayer.get(row.name) ?? [];
    const withCount = reads.filter((r) => r.params !== undefined);
    if (withCount.length === 0) {
      missing.push(row.name);
      return { params: undefined };
    }
    // The same table pasted twice (the lecture's slides repeat the first rows) agrees with itself.
    if (new Set(withCount.map((r) => r.params)).size > 1) {
      conflicting.push(row.name);
      return { params: undefined };
    }
    return { params: withCount[0]!.params, shape: withCount[0]!.shape };
  });
  return { answer: { rows, totals }, unmatched, conflicting, missing };
}

/**
 * Rows without Keras names, matched to the model's rows by their order: only when there are
 * exactly as many as the model has (a missing row would shift every later one onto the wrong
 * layer, so it is not guessed where).
 */
function inOrder(exercise: TableExercise, entries: ReadonlyArray<readonly [string, string]>, totals: TableAnswer['totals']): Parsed<PasteReading> {
  const n = exercise.rows.length;
  const withTotals = entries.length === n + TOTALS.length && Object.keys(totals).length === 0;
  if (entries.length !== n && !withTotals) return { ok: false, error: msg('table.pasteCount', { given: String(entries.length), rows: String(n) }) };
  const rows = exercise.rows.map((_, i) => ({ params: readRowText(entries[i]![1]).params }));
  const footer = withTotals ? Object.fromEntries(TOTALS.map((name, k) => [name, readRowText(entries[n + k]![1]).params])) : totals;
  return { ok: true, value: { answer: { rows, totals: footer }, unmatched: [], conflicting: [], missing: exercise.rows.filter((_, i) => rows[i]!.params === undefined).map((r) => r.name) } };
}
