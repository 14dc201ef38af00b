/**
 * The whole bot with its web pages (App, WEB_PORT=0, on a real SQLite file or PostgreSQL database),
 * listening on 127.0.0.1, with a clock the test moves: a class is played through the quiz service
 * and the commands, and the pages are read over HTTP as a browser reads them.
 */
import { PassThrough } from 'node:stream';
import { join } from 'node:path';
import type { Context } from '../../commands/types.js';
import { App } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import type { Player } from '../../src/quiz/service.js';
import type { Level, Topic } from '../../src/quiz/types.js';
import { runNamedCommand } from '../../src/platforms/dispatch.js';
import { silentLog } from './context.js';
import { MONDAY_10_TAIPEI, onCleanup, tempDir, type Engine } from './quiz.js';
import { freshDatabase } from './postgres.js';

export interface WebApp {
  readonly app: App;
  readonly clock: ManualClock;
  /** http://127.0.0.1:PORT */
  readonly base: string;
  readonly scopeId: string;
  /** A command run as `player` in the class's channel (admins unless said otherwise). */
  run(player: Player, line: string, o?: { isAdmin?: boolean; lang?: 'en' | 'zh-TW' }): ReturnType<typeof runNamedCommand>;
  /** A round of a generated question at `level` on `topic`, answered as given, then closed. */
  play(answers: ReadonlyArray<readonly [Player, 'right' | 'wrong']>, o?: { level?: Level; topic?: Topic }): Promise<void>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
}

export async function startWebApp(o: { engine?: Engine; scopeId?: string; env?: Record<string, string> } = {}): Promise<WebApp> {
  const clock = new ManualClock(MONDAY_10_TAIPEI);
  const database = o.engine === 'postgres' ? { DATABASE_URL: await freshDatabase() } : { DATABASE_PATH: join(tempDir(), 'web.db') };
  const config = loadConfig({ ...database, WEB_PORT: '0', QUIZ_TIMEZONE: 'Asia/Taipei', QUIZ_LANGUAGE: 'en', ...o.env });
  // A terminal whose input never ends: the app runs until the test stops it.
  const app = await App.open(config, silentLog, { input: new PassThrough(), output: new PassThrough() }, clock);
  await app.start();
  onCleanup(() => app.stop());
  const base = `http://127.0.0.1:${app.webAddress!.port}`;
  const scopeId = o.scopeId ?? 'discord:G1';
  const context = (player: Player, opts: { isAdmin?: boolean; lang?: 'en' | 'zh-TW' }): Context => ({
    platform: 'shell',
    scopeId,
    channelId: 'C1',
    player,
    lang: opts.lang ?? 'en',
    isAdmin: opts.isAdmin ?? true,
    services: app.services,
    mention: (_id, name) => `@${name}`,
    time: (ms) => new Date(ms).toISOString(),
    channel: (id) => `#${id}`,
  });
  return {
    app,
    clock,
    base,
    scopeId,
    run: (player, line, opts = {}) => {
      const [, name = '', rest = ''] = /^\/?(\S+)\s*([\s\S]*)$/.exec(line) ?? [];
      return runNamedCommand(name, context(player, opts), rest, silentLog);
    },
    play: async (answers, opts = {}) => {
      const started = await app.quiz.start({ scopeId, channelId: 'C1', opener: { kind: 'schedule' }, lang: 'en', level: opts.level ?? 'hard', topics: [opts.topic ?? 'conv'] });
      if (!started.ok) throw new Error('no round');
      const wrong = started.question.mistakes[0]!.value;
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
