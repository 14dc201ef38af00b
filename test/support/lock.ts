/**
 * Another process holding a SQLite file's write lock, as a backup, the sqlite3 shell or a second
 * bot would: BEGIN IMMEDIATE in a child process, kept until `release()`.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { onCleanup } from './quiz.js';
import { watch } from './watch.js';

const root = resolve(import.meta.dirname, '../..');

const HOLDER = `
const Database = require('better-sqlite3');
const db = new Database(process.env.LOCKED_DB);
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
process.stdin.once('data', () => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); process.exit(0); });
`;

export interface Lock {
  /** Whether the other process still holds the lock. */
  readonly held: () => boolean;
  release(): Promise<void>;
}

export async function holdWriteLock(path: string): Promise<Lock> {
  const child = spawn(process.execPath, ['-e', HOLDER], { cwd: root, env: { ...process.env, LOCKED_DB: path }, stdio: ['pipe', 'pipe', 'inherit'] });
  onCleanup(() => void child.kill('SIGKILL'));
  const out = watch(child.stdout);
  const exited = once(child, 'exit');
  await Promise.race([out.waitFor(/^locked$/m), exited.then(() => Promise.reject(new Error('the lock holder exited before locking')))]);
  return {
    held: () => child.exitCode === null && !out.text().includes('released'),
    async release() {
      child.stdin.write('go\n');
      await exited;
    },
  };
}
