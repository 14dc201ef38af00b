/** Runs the real bot (`node dist/src/main.js`, as `npm start` does) in shell mode on a temp database. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { SqlStore } from '../../src/store/store.js';
import { freshDatabase } from './postgres.js';
import { ENGINE, onCleanup, openTestStore, tempDir, type Engine } from './quiz.js';

const root = resolve(import.meta.dirname, '../..');
export const MAIN = resolve(root, 'dist/src/main.js');

export function shellEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' };
  return { ...clean, DATABASE_PATH: join(tempDir(), 'shell.db'), QUIZ_TIMEZONE: 'Asia/Taipei', PARAMQUIZ_USER: 'teacher', ...extra };
}

/** Feeds `lines` on standard input and waits for the bot to exit at end of input. */
export function runShell(lines: readonly string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [MAIN], { cwd: tempDir(), env, input: `${lines.join('\n')}\n`, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A running bot whose output can be waited on line by line. */
export function startShell(env: NodeJS.ProcessEnv): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  waitFor: (pattern: RegExp, ms?: number) => Promise<string>;
  waitForCount: (pattern: RegExp, count: number, ms?: number) => Promise<void>;
} {
  const child = spawn(process.execPath, [MAIN], { cwd: tempDir(), env });
  onCleanup(() => void child.kill('SIGKILL'));
  let out = '';
  const waiters: Array<() => void> = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const w of waiters.splice(0)) w();
  });
  const until = <T>(test: () => T | undefined, what: string, ms: number) =>
    new Promise<T>((resolvePromise, reject) => {
      const deadline = setTimeout(() => reject(new Error(`timed out waiting for ${what}; output so far:\n${out.slice(-2000)}`)), ms);
      const check = () => {
        const found = test();
        if (found !== undefined) {
          clearTimeout(deadline);
          resolvePromise(found);
        } else waiters.push(check);
      };
      check();
    });
  const waitFor = (pattern: RegExp, ms = 15_000) => until(() => pattern.exec(out)?.[0], String(pattern), ms);
  const waitForCount = (pattern: RegExp, count: number, ms = 15_000) =>
    until(() => ((out.match(new RegExp(pattern.source, 'g'))?.length ?? 0) >= count ? true : undefined), `${count}× ${pattern}`, ms).then(() => {});
  return { child, output: () => out, waitFor, waitForCount };
}

/** shellEnv on this project's engine (vitest.config.ts): a fresh PostgreSQL database when the suite runs there. */
export async function botEnv(extra: NodeJS.ProcessEnv = {}, engine: Engine = ENGINE): Promise<NodeJS.ProcessEnv> {
  return shellEnv({ ...(engine === 'postgres' ? { DATABASE_URL: await freshDatabase() } : {}), ...extra });
}

/** The store a bot run with `env` kept its data in, opened to read it (closed after the test). */
export async function storeOf(env: NodeJS.ProcessEnv): Promise<SqlStore> {
  return env.DATABASE_URL ? (await openTestStore('postgres', env.DATABASE_URL)).store : (await openTestStore('sqlite', env.DATABASE_PATH!)).store;
}
