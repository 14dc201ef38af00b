/**
 * A teacher's question file, read into rows: CSV with a header (spec or model, ask, level,
 * wording) or YAML (a list of the same, or `questions:` holding one). Run in the import worker
 * (pool.ts), never on the event loop: the YAML library costs about 2 ms per kilobyte even for a
 * good file, and checks a mapping's keys against each other, so one 400 KB mapping of 50,000 keys
 * took 23 s.
 *
 * The file is bounded before any JavaScript object is built from it: YAML is first read into its
 * syntax tree, stopping once it has more pieces of syntax than a question file needs, and that
 * tree is measured (values, keys per mapping, nesting, aliases, documents); only a tree within
 * FILE_LIMITS is turned into rows. CSV stops reading after
 * the rows a file may hold, and refuses a header wider than a question. A file past a bound gets
 * one message naming it, and nothing is imported.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { Composer, Lexer, Parser, type CST } from 'yaml';
import { formatInt } from '../engine/format.js';
import { msg, type MessageRef } from '../i18n/messages.js';
import { MAX_IMPORT_ROWS, type Field, type FileRead, type FileRequest, type Row } from './rows.js';

export const FILE_LIMITS = {
  /** Pieces of YAML syntax (a value, a colon, a line break, a comment): 100 questions of four fields have about 3,300. */
  tokens: 40_000,
  /** Values of every kind (mappings, lists, scalars): 100 questions of five fields need about 1,100. */
  values: 4_000,
  /** Keys of one mapping: a question has at most five. */
  keys: 16,
  /** Nesting: `questions:`, its list, a question, a value is 4. */
  depth: 8,
  /** CSV columns: spec, ask, level, wording and a few a spreadsheet adds. */
  columns: 16,
} as const;

const FIELDS = ['spec', 'model', 'ask', 'level', 'wording'] as const;

const refused = (error: MessageRef): FileRead => ({ ok: false, error });
const unreadable = (name: string, e: unknown): FileRead => refused(msg('teacher.fileUnreadable', { name, why: (e instanceof Error ? e.message : String(e)).split('\n')[0]!.slice(0, 200) }));

export function readQuestionFile({ name, text }: FileRequest): FileRead {
  const lower = name.toLowerCase();
  try {
    // A CSV's first row is its header: the questions are rows 2, 3, ...; a YAML list counts from 1.
    if (lower.endsWith('.csv')) return csvRows(name, text);
    if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return yamlRows(name, text);
  } catch (e) {
    return unreadable(name, e);
  }
  return refused(msg('teacher.fileKind', { name }));
}

/** A header wider than a question is refused before any row is built from it. */
class TooManyColumns extends Error {}

function csvRows(name: string, text: string): FileRead {
  let rows: Array<Record<string, unknown>>;
  try {
    rows = parseCsv(text, {
      bom: true,
      columns: (header: string[]) => {
        if (header.length > FILE_LIMITS.columns) throw new TooManyColumns();
        return header.map((h) => h.trim().toLowerCase());
      },
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      to: MAX_IMPORT_ROWS + 1,
    }) as Array<Record<string, unknown>>;
  } catch (e) {
    if (e instanceof TooManyColumns) return refused(msg('import.columns', { name, max: String(FILE_LIMITS.columns) }));
    throw e;
  }
  return { ok: true, rows: rows.map(rowOf), first: 2 };
}

type Over = { readonly what: 'tokens' | 'values' | 'keys' | 'depth' | 'alias' | 'documents'; readonly offset: number };

function yamlRows(name: string, text: string): FileRead {
  const tree = syntaxTree(text);
  if (!Array.isArray(tree)) return overBound(name, text, tree);
  const over = measure(tree);
  if (over) return overBound(name, text, over);
  const [doc] = [...new Composer().compose(tree)];
  if (!doc) return refused(msg('teacher.fileEmpty'));
  const error = doc.errors[0];
  if (error) return unreadable(name, error);
  const value = doc.toJS({ maxAliasCount: 0 }) as unknown;
  const list = Array.isArray(value) ? value : isRecord(value) && Object.hasOwn(value, 'questions') && Array.isArray(value.questions) ? value.questions : undefined;
  if (!list) return refused(msg('teacher.fileEmpty'));
  return { ok: true, rows: (list as unknown[]).slice(0, MAX_IMPORT_ROWS + 1).map((item) => (isRecord(item) ? rowOf(item) : { spec: field(item) })), first: 1 };
}

/** One line naming the bound a file passed, and where. */
function overBound(name: string, text: string, over: Over): FileRead {
  const line = String(lineAt(text, over.offset));
  if (over.what === 'documents') return unreadable(name, 'a question file is one YAML document, and this one has several (---)');
  if (over.what === 'alias') return refused(msg('import.alias', { name, line }));
  if (over.what === 'tokens' || over.what === 'values') return refused(msg(`import.${over.what}`, { name, max: formatInt(FILE_LIMITS[over.what]) }));
  return refused(msg(`import.${over.what}`, { name, line, max: String(FILE_LIMITS[over.what]) }));
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A row's known fields, its own properties only (a `__proto__` column is no field). */
function rowOf(record: Record<string, unknown>): Row {
  const row: Record<string, Field> = {};
  for (const key of FIELDS) if (Object.hasOwn(record, key) && record[key] !== undefined) row[key] = field(record[key]);
  return row;
}

function field(value: unknown): Field {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return (JSON.stringify(value) ?? String(value)).slice(0, 1_000);
}

/** The file's syntax tree, read no further than FILE_LIMITS.tokens pieces of syntax (as Parser.parse reads it, with a count). */
function syntaxTree(text: string): CST.Token[] | Over {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  let lexemes = 0;
  for (const lexeme of new Lexer().lex(text)) {
    if (++lexemes > FILE_LIMITS.tokens) return { what: 'tokens', offset: parser.offset };
    tokens.push(...parser.next(lexeme));
  }
  tokens.push(...parser.end());
  return tokens;
}

/** The first bound a syntax tree passes, and where; undefined if it is within FILE_LIMITS. */
function measure(tokens: readonly CST.Token[]): Over | undefined {
  // Walked with a stack of its own: a file nested 100,000 deep must not overflow the call stack.
  const stack: Array<{ readonly token: CST.Token; readonly depth: number }> = [];
  let documents = 0;
  for (const token of tokens) {
    if (token.type !== 'document') continue;
    if (++documents > 1) return { what: 'documents', offset: token.offset };
    if (token.value) stack.push({ token: token.value, depth: 1 });
  }
  let values = 0;
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { token, depth } = top;
    if (++values > FILE_LIMITS.values) return { what: 'values', offset: token.offset };
    if (depth > FILE_LIMITS.depth) return { what: 'depth', offset: token.offset };
    if (token.type === 'alias') return { what: 'alias', offset: token.offset };
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    const mapping = token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
    if (mapping && token.items.length > FILE_LIMITS.keys) return { what: 'keys', offset: token.offset };
    for (const item of token.items) {
      const pair = item as { key?: CST.Token | null; value?: CST.Token };
      if (pair.key) stack.push({ token: pair.key, depth: depth + 1 });
      if (pair.value) stack.push({ token: pair.value, depth: depth + 1 });
    }
  }
  return undefined;
}

/** The line (from 1) of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
