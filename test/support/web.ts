/**
 * The whole bot with its web pages (App, WEB_PORT=0, on a real SQLite file or PostgreSQL database),
 * listening on 127.0.0.1, with a clock the test moves: a class is played through the quiz service
 * and the commands, and the pages are read over HTTP as a browser reads them.
 */
import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { Level, Player, Topic } from '../../src/domain/index.js';
import type { Logger } from '../../src/log.js';
import { context, run, silentLog } from './context.js';
import { ENGINE, MONDAY_10_TAIPEI, onCleanup, tempDir, type Engine } from './quiz.js';
import { recording } from './store-calls.js';
import { openPostgres, openSqlite } from '../../src/store/store.js';
import { freshDatabase } from './postgres.js';

export interface WebApp {
  readonly app: App;
  readonly stop: () => Promise<void>;
  readonly clock: ManualClock;
  /** http://127.0.0.1:PORT */
  readonly base: string;
  readonly scopeId: string;
  /** A command run as `player` in the class's channel (admins unless said otherwise). */
  run(player: Player, line: string, o?: { isAdmin?: boolean; lang?: 'en' | 'zh-TW' }): ReturnType<typeof run>;
  /** A round of a generated question at `level` on `topic`, answered as given, then closed. */
  play(answers: ReadonlyArray<readonly [Player, 'right' | 'wrong']>, o?: { level?: Level; topic?: Topic }): Promise<void>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
}

/**
 * `shared`: the app serves every test of a file (started in beforeAll) and is stopped by the
 * returned `stop` in afterAll; otherwise it is stopped after the current test.
 */
export async function startWebApp(o: { engine?: Engine; scopeId?: string; env?: Record<string, string>; shared?: boolean; log?: Logger } = {}): Promise<WebApp> {
  const clock = new ManualClock(MONDAY_10_TAIPEI);
  const dir = o.shared ? mkdtempSync(join(tmpdir(), 'paramquiz-web-')) : tempDir();
  const engine = o.engine ?? ENGINE;
  // A file's shared app outlives each test: its database is dropped when the app stops.
  const drops: Array<() => Promise<void>> = [];
  const database = engine === 'postgres' ? { DATABASE_URL: await freshDatabase(o.shared ? (drop) => drops.push(drop) : undefined) } : { DATABASE_PATH: join(dir, 'web.db') };
  // a fixed seed: the same questions every run, so a failure can be replayed
  const config = loadConfig({ ...database, WEB_PORT: '0', QUIZ_TIMEZONE: 'Asia/Taipei', QUIZ_LANGUAGE: 'en', PARAMQUIZ_SEED: '1', ...o.env });
  // A terminal whose input never ends: the app runs until the test stops it.
  const store = engine === 'postgres' ? recording(await openPostgres(database.DATABASE_URL!, { max: 4 })) : openSqlite(database.DATABASE_PATH!);
  const app = await App.open(config, o.log ?? silentLog, { input: new PassThrough(), output: new PassThrough() }, clock, store);
  await app.start();
  // The picture worker loaded (a page waits 2 s for its chart; a cold worker on a busy machine may take longer).
  await app.pictures.svg({ kind: 'mastery', input: { topics: [{ label: 'conv', correct: 1, answered: 2 }], lang: 'en' } });
  const stop = async () => {
    await app.stop();
    for (const drop of drops) await drop();
    if (o.shared) rmSync(dir, { recursive: true, force: true });
  };
  if (!o.shared) onCleanup(stop);
  const base = `http://127.0.0.1:${app.webAddress!.port}`;
  const scopeId = o.scopeId ?? 'discord:G1';
  return {
    app,
    stop,
    clock,
    base,
    scopeId,
    run: (player, line, opts = {}) => run(context(app, player, { scopeId, ...opts, isAdmin: opts.isAdmin ?? true }), line.replace(/^\//, '')),
    play: async (answers, opts = {}) => {
      const started = await app.quiz.start({ scopeId, channelId: 'C1', opener: { kind: 'schedule' }, lang: 'en', level: opts.level ?? 'hard', topics: [opts.topic ?? 'conv'] });
      if (!started.ok) throw new Error('no round');
      // a named mistake when the question has one (it has none when no common slip gives a new number)
      const wrong = started.question.mistakes[0]?.value ?? started.question.answer + 1n;
      for (const [player, how] of answers) await app.quiz.answer({ scopeId, channelId: 'C1', player, text: (how === 'right' ? started.question.answer : wrong).toString() });
      await app.quiz.close(started.round.id, 'admin');
    },
    get: (path, headers = {}) => fetch(`${base}${path}`, { headers, redirect: 'manual' }),
  };
}

/** The first link of a kind in a reply's text. */
export function linkIn(text: string | undefined, kind: 'report' | 'me' | 'board'): string {
  const found = new RegExp(`http://[^\\s]+/${kind}/[A-Za-z0-9_.-]+(\\?[^\\s]*)?`).exec(text ?? '');
  if (!found) throw new Error(`no ${kind} link in: ${text}`);
  return new URL(found[0]).pathname + new URL(found[0]).search;
}
