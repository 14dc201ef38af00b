/**
 * Runs the real bot in shell mode on a temp database: as `npm start` does (`node dist/src/main.js`),
 * or assembled in this process the same way (App.open) with a clock the test sets.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { App } from '../../src/app.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { SqlStore } from '../../src/store/store.js';
import { silentLog } from './context.js';
import { freshDatabase } from './postgres.js';
import { ENGINE, onCleanup, openTestStore, tempDir, type Engine } from './quiz.js';
import { watch, type Watched } from './watch.js';

const root = resolve(import.meta.dirname, '../..');
export const MAIN = resolve(root, 'dist/src/main.js');

/** How the machine's clock is faked for a run at another date (libfaketime): the bots a test starts read the same clock. */
const CLOCK_VARIABLES = ['LD_PRELOAD', 'FAKETIME', 'FAKETIME_DONT_FAKE_MONOTONIC'] as const;

export function shellEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const clock = Object.fromEntries(CLOCK_VARIABLES.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]]));
  const clean: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...clock };
  return { ...clean, DATABASE_PATH: join(tempDir(), 'shell.db'), QUIZ_TIMEZONE: 'Asia/Taipei', PARAMQUIZ_USER: 'teacher', ...extra };
}

/** Feeds `lines` on standard input and waits for the bot to exit at end of input. */
export function runShell(lines: readonly string[], env: NodeJS.ProcessEnv) {
  // A bound for a bot that never exits; a loaded machine takes 20 s for a long script.
  const r = spawnSync(process.execPath, [MAIN], { cwd: tempDir(), env, input: `${lines.join('\n')}\n`, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Feeds `lines` to the bot assembled here, on `clock`, and waits for it to finish them; what it printed. */
export async function runShellAt(clock: Clock, lines: readonly string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string }> {
  const output = new PassThrough();
  let stdout = '';
  output.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const app = await App.open(loadConfig(env), silentLog, { input: Readable.from([`${lines.join('\n')}\n`]), output }, clock);
  await app.start();
  await app.done;
  await app.stop();
  return { stdout };
}

/** A running bot whose output can be waited on line by line. */
export function startShell(env: NodeJS.ProcessEnv): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  waitFor: Watched['waitFor'];
  waitForCount: Watched['waitForCount'];
} {
  const child = spawn(process.execPath, [MAIN], { cwd: tempDir(), env });
  onCleanup(() => void child.kill('SIGKILL'));
  const stdout = watch(child.stdout);
  return { child, output: stdout.text, waitFor: stdout.waitFor, waitForCount: stdout.waitForCount };
}

/** shellEnv on this project's engine (vitest.config.ts): a fresh PostgreSQL database when the suite runs there. */
export async function botEnv(extra: NodeJS.ProcessEnv = {}, engine: Engine = ENGINE): Promise<NodeJS.ProcessEnv> {
  return shellEnv({ ...(engine === 'postgres' ? { DATABASE_URL: await freshDatabase() } : {}), ...extra });
}

/** The store a bot run with `env` kept its data in, opened to read it (closed after the test). */
export async function storeOf(env: NodeJS.ProcessEnv): Promise<SqlStore> {
  return env.DATABASE_URL ? (await openTestStore('postgres', env.DATABASE_URL)).store : (await openTestStore('sqlite', env.DATABASE_PATH!)).store;
}
