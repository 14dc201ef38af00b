/**
 * The assembled bot: the store, the quiz and the platforms the configuration asks for. Discord
 * and Slack run side by side when both are configured; with neither, the terminal shell runs.
 */
import type { Reply, Services, View } from '../commands/types.js';
import { questionReply, revealReply, standingsReply } from '../commands/replies.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import { parseLang } from './i18n/messages.js';
import type { Logger } from './log.js';
import { DiscordPlatform } from './platforms/discord/platform.js';
import { platformOf, type Platform, type PlatformDeps } from './platforms/platform.js';
import { ShellPlatform } from './platforms/shell/shell.js';
import { SlackPlatform } from './platforms/slack/platform.js';
import { Practice } from './quiz/practice.js';
import { randomSeed, rng } from './quiz/random.js';
import { Scheduler } from './quiz/scheduler.js';
import { QuizService, type Reveal } from './quiz/service.js';
import { CountPool } from './counting/pool.js';
import { PostgresStore } from './store/postgres.js';
import { SqliteStore } from './store/sqlite.js';
import type { Store } from './store/store.js';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';

export interface AppIO {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream & { isTTY?: boolean };
}

/** A start-up failure: one line naming the cause and the variable to fix. */
export class StartupError extends Error {}

const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The embedded SQLite file, or one line saying why it cannot be opened (a bad path, a corrupted file, a failed migration). */
function openSqlite(config: Config): SqliteStore {
  try {
    return new SqliteStore(config.DATABASE_PATH);
  } catch (e) {
    throw new StartupError(`DATABASE_PATH=${config.DATABASE_PATH}: cannot open the database (${reasonOf(e)}).`);
  }
}

/** The configured store: PostgreSQL when DATABASE_URL is set (several processes share it), else the SQLite file. */
export async function openStore(config: Config): Promise<Store> {
  if (!config.DATABASE_URL) return openSqlite(config);
  try {
    return await PostgresStore.open(config.DATABASE_URL);
  } catch (e) {
    throw new StartupError(`DATABASE_URL=${redact(config.DATABASE_URL)}: cannot open the database (${reasonOf(e)}).`);
  }
}

/** A connection URL fit for a log line: the password left out. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export class App {
  readonly store: Store;
  readonly counter: CountPool;
  readonly quiz: QuizService;
  readonly scheduler: Scheduler;
  readonly services: Services;
  readonly platforms: Platform[] = [];
  /** What the chat platforms were built from (a test rebuilds one with other services). */
  readonly deps: PlatformDeps;
  /** Resolves when the app has nothing left to do (the shell's input ended). */
  readonly done: Promise<void>;
  private failWith!: (error: Error) => void;
  /** Resolves with the reason when a platform fails for good; the bot then stops and exits non-zero. */
  readonly failure = new Promise<Error>((resolve) => (this.failWith = resolve));

  constructor(
    readonly config: Config,
    readonly log: Logger,
    io: AppIO,
    readonly clock: Clock = systemClock,
    /** Opened by App.open (PostgreSQL); the SQLite file is opened here when none is given. */
    store?: Store,
  ) {
    this.store = store ?? openSqlite(config);
    this.counter = new CountPool({ log });
    const seeded = config.PARAMQUIZ_SEED === undefined ? undefined : rng(config.PARAMQUIZ_SEED);
    const seeds = seeded ? () => Math.floor(seeded.next() * 0x7fffffff) : randomSeed;
    this.quiz = new QuizService({
      store: this.store,
      clock,
      settings: { roundSeconds: config.QUIZ_ROUND_SECONDS, timezone: config.QUIZ_TIMEZONE, language: config.QUIZ_LANGUAGE },
      events: { roundClosed: (reveal) => this.postReveal(reveal) },
      seeds,
      onError: (err, roundId, retryInMs) => log.warn({ err, roundId, retryInMs }, retryInMs > 0 ? 'reveal not posted; trying again' : 'round timer failed'),
    });
    const post: Services['post'] = (target, compose) => this.platformFor(target.scopeId).post(target, compose);
    this.scheduler = new Scheduler({
      store: this.store,
      quiz: this.quiz,
      clock,
      post,
      log,
      replies: {
        question: (view, scope, round, question) => questionReply({ view, lang: scope.language, round, question, quiz: this.quiz }),
        standings: (view, scope, week, board) => standingsReply(scope.language, view, week, board),
      },
    });
    const channelFor: Services['channelFor'] = (scopeId, channelId) => this.platformFor(scopeId).channelFor(scopeId, channelId);
    this.services = { counter: this.counter, channelFor, quiz: this.quiz, practice: new Practice(this.store, this.quiz.scopes, clock, seeds), scheduler: this.scheduler, post };
    // Chat platforms are built from these; each adapter adds its line below.
    const deps: PlatformDeps = { config, log, services: this.services, clock, fatal: (error) => this.failWith(error), seen: this.store };
    this.deps = deps;
    if (config.DISCORD_TOKEN) this.platforms.push(new DiscordPlatform(deps));
    if (config.SLACK_BOT_TOKEN) this.platforms.push(new SlackPlatform(deps));

    const chat = config.DISCORD_TOKEN !== undefined || config.SLACK_BOT_TOKEN !== undefined;
    if (!chat) {
      const shell = new ShellPlatform({
        ...io,
        services: this.services,
        log,
        lang: parseLang(config.PARAMQUIZ_LANG) ?? config.QUIZ_LANGUAGE,
        user: config.PARAMQUIZ_USER ?? safeUserName(),
        now: () => clock.now(),
        pictures: join(dirname(config.DATABASE_PATH), 'pictures'),
      });
      this.platforms.push(shell);
      this.done = shell.done;
    } else {
      this.done = new Promise<void>(() => {}); // chat bots run until a signal stops them
    }
  }

  /** The app on the configured store (PostgreSQL is opened asynchronously). */
  static async open(config: Config, log: Logger, io: AppIO, clock: Clock = systemClock): Promise<App> {
    return new App(config, log, io, clock, await openStore(config));
  }

  async start(): Promise<void> {
    this.counter.warm();
    for (const platform of this.platforms) await platform.start();
    await this.quiz.resume();
    await this.scheduler.start();
    this.log.info({ platforms: this.platforms.map((p) => p.name), database: this.config.DATABASE_PATH }, 'paramquiz started');
  }

  async stop(): Promise<void> {
    await this.scheduler.stop();
    await this.quiz.stop();
    for (const platform of this.platforms) await platform.stop().catch((err: unknown) => this.log.error({ err, platform: platform.name }, 'stop failed'));
    await this.counter.close();
    await this.store.close();
  }

  /** The running platform that owns a scope; throws if it is not running (the post is retried later). */
  platformFor(scopeId: string): Platform {
    const name = platformOf(scopeId);
    const platform = this.platforms.find((p) => p.name === name);
    if (!platform) throw new Error(`${name} is not running`);
    return platform;
  }

  private async postReveal(reveal: Reveal): Promise<void> {
    const { round, question } = reveal;
    const asked = (view: View): Reply => ({ ...questionReply({ view, lang: round.lang, round, question, quiz: this.quiz }), buttons: [], onPosted: undefined });
    await this.platformFor(round.scopeId).post(
      { scopeId: round.scopeId, channelId: round.channelId, replyTo: round.messageRef ?? undefined, closed: asked, once: `reveal-${round.id}` },
      (view) => revealReply(reveal, round.lang, view.mention),
    );
  }
}

function safeUserName(): string {
  try {
    return userInfo().username.replace(/[^\w.-]/g, '') || 'student';
  } catch {
    return 'student';
  }
}
