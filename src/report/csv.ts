/**
 * CSV as spreadsheets open it (RFC 4180): fields with a comma, a quote or a line break quoted,
 * quotes doubled, lines ended CRLF, and a UTF-8 byte-order mark first so Excel reads Chinese names
 * as UTF-8 rather than in the machine's code page. A text cell that a spreadsheet would run as a
 * formula (a display name `=HYPERLINK(...)`, `+1`, `-x`, `@x`) is written with a leading apostrophe,
 * OWASP's advice against CSV injection: Excel shows the text, and runs nothing.
 */

export const BOM = '\uFEFF';

/** A cell: text (a name, an id) is guarded against formulas; numbers are written as they are. */
export type Cell = string | number | bigint | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell !== 'string') return cell.toString();
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvCell).join(',')}\r\n`;
