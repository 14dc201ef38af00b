/** The SQLite file: created on first start, WAL, foreign keys, migrations applied in order and recorded once. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/store/migrations.js';
import { migrate, openDatabase } from '../../src/store/sqlite.js';
import { openSqlite } from '../../src/store/store.js';
import { tempDir } from '../support/quiz.js';

/** A migrations folder with nothing in it: opens a file without touching its schema. */
function emptyDir(): string {
  const dir = join(tempDir(), 'db');
  mkdirSync(dir);
  return dir;
}

describe('the database file', () => {
  it('is created with its folder, in WAL mode, with foreign keys on and every migration recorded', async () => {
    const path = join(tempDir(), 'nested', 'dir', 'paramquiz.db');
    const store = openSqlite(path);
    const db = store.db.db;
    expect(existsSync(path)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    const recorded = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(migrations('sqlite').map((m) => ({ version: m.version, name: m.name })));
    expect(() => db.prepare("INSERT INTO members (scope_id, user_id, display_name) VALUES ('nowhere', 'u', 'u')").run()).toThrow(/FOREIGN KEY/);
    await store.close();
  });

  it('applies only new migrations, in order, each once', () => {
    const dir = tempDir();
    const sql = join(dir, 'db');
    mkdirSync(sql);
    writeFileSync(join(sql, '001_a.sql'), 'CREATE TABLE a (x INTEGER);');
    const db = openDatabase(join(dir, 'm.db'), [sql]);
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
    writeFileSync(join(sql, '002_b.sql'), 'ALTER TABLE a ADD COLUMN y INTEGER;');
    writeFileSync(join(sql, '010_c.sql'), 'INSERT INTO a VALUES (1, 2);');
    expect(migrate(db, [sql])).toEqual([2, 10]);
    expect(migrate(db, [sql])).toEqual([]);
    expect(db.prepare('SELECT * FROM a').all()).toEqual([{ x: 1, y: 2 }]);
    db.close();
  });

  it('leaves nothing half-applied when a migration fails', () => {
    const dir = tempDir();
    const sql = join(dir, 'db');
    mkdirSync(sql);
    writeFileSync(join(sql, '001_ok.sql'), 'CREATE TABLE ok (x INTEGER);');
    writeFileSync(join(sql, '002_bad.sql'), 'CREATE TABLE t (x INTEGER); INSERT INTO nope VALUES (1);');
    const path = join(dir, 'm.db');
    expect(() => openDatabase(path, [sql])).toThrow(/no such table: nope/);
    const db = openDatabase(path, [emptyDir()]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('ok', 't')").pluck().all()).toEqual(['ok']);
    expect(db.prepare('SELECT version FROM schema_migrations').pluck().all()).toEqual([1]);
    db.close();
  });
});
