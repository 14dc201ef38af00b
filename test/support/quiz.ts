/** A real QuizService on a real SQLite file in a temporary directory, with a clock the test moves. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, inject } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { QuizService, type Reveal } from '../../src/quiz/service.js';
import { Scheduler } from '../../src/quiz/scheduler.js';
import { SqliteDriver, type Db } from '../../src/store/sqlite.js';
import { openPostgres, openSqlite, type SqlStore, type Store } from '../../src/store/store.js';
import { freshDatabase } from './postgres.js';
import { recording } from './store-calls.js';
import { directCounter } from '../../src/counting/answer.js';
import { picturesHere } from '../../src/charts/drawn.js';
import { questionFilesHere } from '../../src/imports/pool.js';
import { tableChecksHere } from '../../src/quiz/table/check-pool.js';
import { questionReply, standingsReply } from '../../commands/replies.js';
import type { Reply, Services, View } from '../../commands/types.js';
import { Reports } from '../../src/report/report.js';
import { LinkSigner, WebLinks } from '../../src/web/links.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** Runs `fn` after the current test (kill a child process, close a server). */
export function onCleanup(fn: () => void | Promise<void>): void {
  cleanups.push(fn);
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'paramquiz-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** 2026-11-23 is a Monday; 10:00 in Taipei is 02:00 UTC. */
export const MONDAY_10_TAIPEI = Date.UTC(2026, 10, 23, 2, 0, 0);

/** A post the scheduler or a command made, with the view a test platform rendered it with. */
export interface Posted {
  readonly scopeId: string;
  readonly channelId: string;
  readonly reply: Reply;
  readonly at: number;
}

export interface Harness {
  readonly store: Store;
  readonly quiz: QuizService;
  readonly scheduler: Scheduler;
  readonly services: Services;
  readonly reports: Reports;
  /** Signs the harness's links (a fixed key). */
  readonly signer: LinkSigner;
  readonly clock: ManualClock;
  readonly reveals: Reveal[];
  readonly posts: Posted[];
  readonly engine: Engine;
  /** Where the data is: the SQLite file's path or the PostgreSQL database's URL. */
  readonly location: string;
  /** A second service on the same database, as after a restart (in-flight work finishes first). */
  restart(): Promise<Harness>;
  /** Lets the work the clock's timers started (closing, revealing, posting) finish, whatever the store's latency. */
  settle(): Promise<void>;
}

/** The two store engines; suites that hold for both run once per engine. */
export type Engine = 'sqlite' | 'postgres';
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

declare module 'vitest' {
  export interface ProvidedContext {
    /** The engine the app-level suites run on in this project of the run (vitest.config.ts). */
    engine: Engine;
  }
}

/** The engine of this project of the run: the app-level suites run once on each (vitest.config.ts). */
export const ENGINE: Engine = inject('engine') ?? 'sqlite';

/**
 * A store of `engine` at `location` (a fresh one when none is given), closed after the test. A
 * PostgreSQL store's calls are noted for the run's check that every Store method ran there.
 */
export async function openTestStore(engine: Engine = ENGINE, location?: string): Promise<{ store: SqlStore; location: string }> {
  const where = location ?? (engine === 'sqlite' ? join(tempDir(), 'quiz.db') : await freshDatabase());
  const store: SqlStore = engine === 'sqlite' ? openSqlite(where) : recording(await openPostgres(where, { max: 4 }));
  cleanups.unshift(() => store.close());
  return { store, location: where };
}

export async function harness(options: { engine?: Engine; location?: string; clock?: ManualClock; timezone?: string; seed?: number } = {}): Promise<Harness> {
  const engine = options.engine ?? ENGINE;
  const { store, location } = await openTestStore(engine, options.location);
  const clock = options.clock ?? new ManualClock(MONDAY_10_TAIPEI);
  const reveals: Reveal[] = [];
  let next = options.seed ?? 1;
  const quiz = new QuizService({
    store,
    clock,
    settings: { roundSeconds: 60, timezone: options.timezone ?? 'Asia/Taipei', language: 'en' },
    events: {
      roundClosed: async (reveal) => {
        reveals.push(reveal);
      },
    },
    seeds: () => next++,
  });
  cleanups.unshift(() => quiz.stop());
  const posts: Posted[] = [];
  const view: View = { mention: (_id, name) => name, time: (ms) => new Date(ms).toISOString(), channel: (id) => `#${id}` };
  const post: Services['post'] = async (target, compose) => {
    const reply = compose(view);
    posts.push({ scopeId: target.scopeId, channelId: target.channelId, reply, at: clock.now() });
    await reply.onPosted?.(`message-${posts.length}`);
  };
  const scheduler = new Scheduler({
    store,
    quiz,
    clock,
    post,
    log: { warn: () => {} },
    replies: {
      question: (v, scope, round, question) => questionReply({ view: v, lang: scope.language, round, question, quiz }),
      standings: (v, scope, week, board) => standingsReply(scope.language, v, week, board, picturesHere),
    },
  });
  cleanups.unshift(() => scheduler.stop());
  const signer = new LinkSigner(Buffer.alloc(32, 7), () => clock.now());
  const reports = new Reports(store, quiz, clock);
  const services: Services = {
    counter: directCounter,
    pictures: picturesHere,
    questionFiles: questionFilesHere,
    tableChecks: tableChecksHere,
    channelFor: async () => ({ ok: true }),
    quiz,
    practice: quiz.practice,
    scheduler,
    post,
    reports,
    web: new WebLinks(signer, () => 'http://pages.test'),
  };
  return {
    store,
    quiz,
    scheduler,
    services,
    reports,
    signer,
    clock,
    reveals,
    posts,
    engine,
    location,
    settle: async () => {
      // A job may start another (a close that reveals, a run that posts): loop until all is still.
      for (let i = 0; i < 5; i++) {
        await settle();
        await quiz.idle();
        await scheduler.idle();
      }
    },
    restart: async () => {
      await scheduler.stop();
      await quiz.stop();
      await store.close();
      return harness({ ...options, engine, location, clock });
    },
  };
}

/** Lets the async work that fired timers started (starting rounds, posting) run to completion. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

export const alice = { userId: 'U_ALICE', name: 'alice' };
export const bob = { userId: 'U_BOB', name: 'bob' };
export const carol = { userId: 'U_CAROL', name: 'carol' };

/** The SQLite connection of a store the test knows is SQLite, to read its file directly. */
export function sqliteOf(store: Store): Db {
  const driver = (store as SqlStore).db;
  if (!(driver instanceof SqliteDriver)) throw new Error('this test reads the SQLite file directly: run it on the SQLite store');
  return driver.db;
}

/**
 * The store an app-level harness runs on: the database its configuration names (a test that
 * takes its own PostgreSQL server down), else one of this project's engine (on SQLite, the
 * configured file, so a lock held on it is the store's).
 */
export async function openConfiguredStore(config: { readonly DATABASE_URL?: string | undefined; readonly DATABASE_PATH: string }): Promise<SqlStore> {
  if (config.DATABASE_URL) return (await openTestStore('postgres', config.DATABASE_URL)).store;
  return (await openTestStore(ENGINE, ENGINE === 'sqlite' ? config.DATABASE_PATH : undefined)).store;
}

/** Polls `read` until it gives a value (work the store does after a post, seen from outside), for at most `ms`. */
export async function eventually<T>(read: () => Promise<T | undefined>, what: string, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await read();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A round's message id, once the post that made it has been recorded. */
export const messageRefOf = (store: Store, roundId: number): Promise<string> =>
  eventually(async () => (await store.rounds.get(roundId))?.messageRef ?? undefined, `round ${roundId} to know its message`);
