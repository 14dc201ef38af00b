/**
 * One migration history for both engines. Each engine's files from before the store was written
 * once stay as they were applied (db/sqlite/001-006, db/postgres/001-004: the same schema, in two
 * languages); from 007 on a migration is one file, db/NNN_name.sql, for both. Where the engines
 * differ, a file marks sections with a line `--- sqlite` or `--- postgres` (until `--- both`), and
 * writes the few types that differ as `{{id}}` (a generated primary key), `{{int64}}` (epoch ms,
 * ids), `{{bool}}`, and after a CREATE TABLE's columns `{{table}}` (SQLite's STRICT) or `{{keyed}}`
 * (STRICT, WITHOUT ROWID: a table read by its primary key).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';
import type { Engine } from './sql.js';

export const DB_DIR = join(PACKAGE_ROOT, 'db');

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const TYPES: Readonly<Record<Engine, Readonly<Record<string, string>>>> = {
  sqlite: { id: 'INTEGER PRIMARY KEY', int64: 'INTEGER', bool: 'INTEGER', table: 'STRICT', keyed: 'STRICT, WITHOUT ROWID' },
  postgres: { id: 'BIGSERIAL PRIMARY KEY', int64: 'BIGINT', bool: 'BOOLEAN', table: '', keyed: '' },
};

/** The folders an engine's history is read from, in order. */
export const historyOf = (engine: Engine, root = DB_DIR): string[] => [join(root, engine), root];

/** A file's text for `engine`: its sections for the other engine left out, its types written out. */
export function forEngine(text: string, engine: Engine): string {
  let keep = true;
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const marker = /^---\s*(sqlite|postgres|both)\s*$/.exec(line);
    if (marker) keep = marker[1] === 'both' || marker[1] === engine;
    else if (keep) lines.push(line);
  }
  return lines.join('\n').replace(/\{\{(\w+)\}\}/g, (whole, word: string) => {
    const type = TYPES[engine][word];
    if (type === undefined) throw new Error(`unknown migration type ${whole}`);
    return type;
  });
}

/** NNN_name.sql of `dirs`, in version order; a version found twice is an error. */
export function migrations(engine: Engine, dirs = historyOf(engine)): Migration[] {
  const found = new Map<number, Migration>();
  for (const dir of dirs.filter((d) => existsSync(d))) {
    for (const file of readdirSync(dir).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))) {
      const version = Number(file.slice(0, 3));
      const earlier = found.get(version);
      if (earlier) throw new Error(`migration ${version} twice: ${earlier.name} and ${file}`);
      found.set(version, { version, name: file, sql: forEngine(readFileSync(join(dir, file), 'utf8'), engine) });
    }
  }
  return [...found.values()].sort((a, b) => a.version - b.version);
}
