/**
 * SQL written once for both engines. A statement is plain SQL with named parameters (`:round`)
 * and, where SQLite and PostgreSQL really differ, a fragment the dialect fills in: a row lock
 * (`FOR UPDATE`, nothing in SQLite, whose write transactions hold the whole file), a JSON array
 * read as rows, a bytewise text order. Everything else (upserts, RETURNING, window functions,
 * FILTER, row values, TRUE/FALSE) is written the one way both engines read it.
 *
 * Parameter values are bound the same way on both: booleans as the engine's booleans (1/0 in
 * SQLite), bigints as decimal text (exact counts are TEXT columns), arrays as JSON text.
 */

export type Engine = 'sqlite' | 'postgres';

/** What differs between the engines, each a piece of SQL text. */
export interface Dialect {
  readonly engine: Engine;
  /** Locks the rows a SELECT reads until the transaction ends. */
  readonly forUpdate: string;
  /** The elements of a JSON array parameter as rows (`value`, and `key`: their order). */
  each(param: string, alias: string): string;
  /** A text column compared byte by byte (a board's name in key order). */
  bytewise(column: string): string;
}

export const SQLITE: Dialect = {
  engine: 'sqlite',
  forUpdate: '',
  each: (param, alias) => `json_each(:${param}) AS ${alias}`,
  bytewise: (column) => column, // BINARY is SQLite's default collation
};

export const POSTGRES: Dialect = {
  engine: 'postgres',
  forUpdate: 'FOR UPDATE',
  each: (param, alias) => `json_array_elements_text(CAST(:${param} AS json)) WITH ORDINALITY AS ${alias}(value, key)`,
  bytewise: (column) => `${column} COLLATE "C"`,
};

/** A piece of a statement that depends on the dialect. */
export type Fragment = (d: Dialect) => string;

export const forUpdate: Fragment = (d) => d.forUpdate;
export const each =
  (param: string, alias: string): Fragment =>
  (d) =>
    d.each(param, alias);
export const bytewise =
  (column: string): Fragment =>
  (d) =>
    d.bytewise(column);

/** One statement, compiled once per dialect: PostgreSQL's `$1` placeholders, SQLite's own `:name`. */
export interface Sql {
  /** Unique per statement: PostgreSQL prepares it under this name on each connection. */
  readonly name: string;
  /** The text for `d`, with the parameter names in PostgreSQL's `$n` order (none for SQLite). */
  readonly compiled: (d: Dialect) => { readonly text: string; readonly params: readonly string[] };
}

let statements = 0;

/** A parameter or a quoted literal: only the former is rewritten (`::` casts and `'week:'` are left be). */
const TOKENS = /'(?:[^']|'')*'|"(?:[^"]|"")*"|::|:([A-Za-z_]\w*)/g;

function positional(text: string): { text: string; params: string[] } {
  const params: string[] = [];
  const out = text.replace(TOKENS, (token, name: string | undefined) => {
    if (name === undefined) return token;
    const at = params.indexOf(name);
    if (at >= 0) return `$${at + 1}`;
    params.push(name);
    return `$${params.length}`;
  });
  return { text: out, params };
}

/** `sql\`SELECT ... WHERE id = :id ${forUpdate}\``: a statement for both engines. */
export function sql(strings: TemplateStringsArray, ...fragments: Fragment[]): Sql {
  const name = `pq${++statements}`;
  const cache = new Map<Engine, { text: string; params: string[] }>();
  const compiled = (d: Dialect) => {
    let hit = cache.get(d.engine);
    if (!hit) {
      const raw = strings.reduce((text, s, i) => text + s + (i < fragments.length ? fragments[i]!(d) : ''), '');
      hit = d.engine === 'postgres' ? positional(raw) : { text: raw, params: [] };
      cache.set(d.engine, hit);
    }
    return hit;
  };
  return { name, compiled };
}

/** A parameter's value as both engines bind it. */
export type Value = string | number | bigint | boolean | null | readonly (string | number)[];
export type Params = Readonly<Record<string, Value>>;
