/**
 * The assembled bot: the store, the quiz and the platforms the configuration asks for. Discord
 * and Slack run side by side when both are configured; with neither, the terminal shell runs.
 */
import type { Reply, Services, View } from '../commands/types.js';
import { questionReply, revealReply, standingsReply } from '../commands/replies.js';
import type { Clock, Timer } from './clock.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import { parseLang } from './i18n/messages.js';
import type { Logger } from './log.js';
import { platformOf, type Platform, type PlatformDeps } from './platforms/platform.js';
import type { ShellPlatform } from './platforms/shell/shell.js';
import { randomSeed, rng } from './quiz/random.js';
import { Scheduler } from './quiz/scheduler.js';
import { QuizService, type Reveal } from './quiz/service.js';
import { PicturePool } from './charts/pool.js';
import { CountPool } from './counting/pool.js';
import { TeacherPool } from './quiz/teacher-pool.js';
import { TableCheckPool } from './quiz/table/check-pool.js';
import { QuestionFilePool } from './imports/pool.js';
import { openPostgres, openSqlite, type Store } from './store/store.js';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import { msg, t } from './i18n/messages.js';
import { Reports } from './report/report.js';
import { dropQuietCaches, QUIET_MS } from './lru.js';
import { LinkSigner, linkKey, WebLinks } from './web/links.js';
import type { WebServer } from './web/server.js';

export interface AppIO {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream & { isTTY?: boolean };
}

/** A start-up failure: one line naming the cause and the variable to fix. */
export class StartupError extends Error {}

const reasonOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The embedded SQLite file, or one line saying why it cannot be opened (a bad path, a corrupted file, a failed migration). */
function openSqliteFile(config: Config): Store {
  try {
    return openSqlite(config.DATABASE_PATH);
  } catch (e) {
    throw new StartupError(`DATABASE_PATH=${config.DATABASE_PATH}: cannot open the database (${reasonOf(e)}).`);
  }
}

/** The configured store: PostgreSQL when DATABASE_URL is set (several processes share it), else the SQLite file. */
export async function openStore(config: Config): Promise<Store> {
  if (!config.DATABASE_URL) return openSqliteFile(config);
  try {
    return await openPostgres(config.DATABASE_URL);
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

/**
 * The platforms a configuration runs, loaded only when configured (discord.js and Bolt weigh tens
 * of MB each): the chat platforms, or the terminal shell when there is none.
 */
export interface PlatformModules {
  readonly discord?: new (deps: PlatformDeps) => Platform;
  readonly slack?: new (deps: PlatformDeps) => Platform;
  readonly shell?: typeof ShellPlatform;
}

/** Whether this process is a Discord shard its manager started (it runs Discord only). */
const isShardProcess = (config: Config): boolean => config.SHARDING_MANAGER !== undefined;

export async function loadPlatforms(config: Config): Promise<PlatformModules> {
  const chat: PlatformModules = {
    ...(config.DISCORD_TOKEN ? { discord: (await import('./platforms/discord/platform.js')).DiscordPlatform } : {}),
    ...(config.SLACK_BOT_TOKEN && !isShardProcess(config) ? { slack: (await import('./platforms/slack/platform.js')).SlackPlatform } : {}),
  };
  return chat.discord || chat.slack ? chat : { shell: (await import('./platforms/shell/shell.js')).ShellPlatform };
}

export class App {
  readonly store: Store;
  readonly counter: CountPool;
  readonly pictures: PicturePool;
  readonly teacher: TeacherPool;
  readonly questionFiles: QuestionFilePool;
  readonly tableChecks: TableCheckPool;
  readonly quiz: QuizService;
  readonly scheduler: Scheduler;
  readonly reports: Reports;
  readonly services: Services;
  /** The class pages, when WEB_PORT is set; started with the app. */
  readonly web: WebServer | undefined;
  /** Where the web server listens once started (WEB_PORT=0 picks a free port). */
  webAddress: { readonly host: string; readonly port: number } | undefined;
  private readonly io: AppIO;
  private readonly shell: boolean;
  readonly platforms: Platform[] = [];
  /** What the chat platforms were built from (a test rebuilds one with other services). */
  readonly deps: PlatformDeps;
  /** Resolves when the app has nothing left to do (the shell's input ended). */
  readonly done: Promise<void>;
  private failWith!: (error: Error) => void;
  /** The next look at the caches that drop when quiet (lru.ts). */
  private quietSweep: Timer | undefined;
  /** Resolves with the reason when a platform fails for good; the bot then stops and exits non-zero. */
  readonly failure = new Promise<Error>((resolve) => (this.failWith = resolve));

  /** Use App.open: it opens the store and loads the configured platforms first. */
  private constructor(
    readonly config: Config,
    readonly log: Logger,
    io: AppIO,
    readonly clock: Clock,
    store: Store,
    modules: PlatformModules,
    web: { readonly signer: LinkSigner | undefined; readonly server: typeof WebServer | undefined },
  ) {
    this.store = store;
    this.io = io;
    this.counter = new CountPool({ log });
    this.pictures = new PicturePool({ log });
    this.teacher = new TeacherPool({ log });
    this.questionFiles = new QuestionFilePool({ log });
    this.tableChecks = new TableCheckPool({ log });
    const seeded = config.PARAMQUIZ_SEED === undefined ? undefined : rng(config.PARAMQUIZ_SEED);
    const seeds = seeded ? () => Math.floor(seeded.next() * 0x7fffffff) : randomSeed;
    this.quiz = new QuizService({
      store: this.store,
      clock,
      settings: { roundSeconds: config.QUIZ_ROUND_SECONDS, timezone: config.QUIZ_TIMEZONE, language: config.QUIZ_LANGUAGE },
      events: { roundClosed: (reveal) => this.postReveal(reveal) },
      seeds,
      teacher: this.teacher,
      tableGrader: this.tableChecks,
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
        standings: (view, scope, week, board) => standingsReply(scope.language, view, week, board, this.pictures),
      },
    });
    const channelFor: Services['channelFor'] = (scopeId, channelId) => this.platformFor(scopeId).channelFor(scopeId, channelId);
    this.reports = new Reports(this.store, this.quiz, clock);
    const links = web.signer && new WebLinks(web.signer, () => this.baseUrl());
    this.services = {
      counter: this.counter,
      pictures: this.pictures,
      questionFiles: this.questionFiles,
      tableChecks: this.tableChecks,
      channelFor,
      quiz: this.quiz,
      practice: this.quiz.practice,
      scheduler: this.scheduler,
      post,
      reports: this.reports,
      web: links,
    };
    this.web =
      web.signer && web.server && config.WEB_PORT !== undefined
        ? new web.server({ store: this.store, quiz: this.quiz, reports: this.reports, pictures: this.pictures, signer: web.signer, clock, log })
        : undefined;
    // Chat platforms are built from these; each adapter adds its line below.
    const deps: PlatformDeps = { config, log, services: this.services, clock, fatal: (error) => this.failWith(error), seen: this.store.keys };
    this.deps = deps;
    if (modules.discord) this.platforms.push(new modules.discord(deps));
    if (modules.slack) this.platforms.push(new modules.slack(deps));

    const chat = this.platforms.length > 0;
    this.shell = !chat;
    if (!chat) {
      if (!modules.shell) throw new Error('no platform to run: neither a chat platform nor the shell was loaded');
      const shell = new modules.shell({
        ...io,
        services: this.services,
        log,
        lang: parseLang(config.PARAMQUIZ_LANG) ?? undefined,
        user: config.PARAMQUIZ_USER ?? safeUserName(),
        now: () => clock.now(),
        dataDir: dirname(config.DATABASE_PATH),
      });
      this.platforms.push(shell);
      this.done = shell.done;
    } else {
      this.done = new Promise<void>(() => {}); // chat bots run until a signal stops them
    }
  }

  /** The app on the configured store, with the configured platforms (loaded only when configured). */
  static async open(config: Config, log: Logger, io: AppIO, clock: Clock = systemClock, store?: Store): Promise<App> {
    const opened = store ?? (await openStore(config));
    // Links are signed wherever pages exist (WEB_PORT) or are linked to (WEB_BASE_URL); a Discord
    // shard process hands out links to the pages another process serves.
    const pages = config.WEB_PORT !== undefined || config.WEB_BASE_URL !== undefined;
    const signer = pages ? new LinkSigner(await linkKey(config.WEB_SECRET, opened.keys), () => clock.now()) : undefined;
    // fastify is loaded only when this process serves the pages.
    const server = config.WEB_PORT !== undefined && !isShardProcess(config) ? (await import('./web/server.js')).WebServer : undefined;
    return new App(config, log, io, clock, opened, await loadPlatforms(config), { signer, server });
  }

  /** The start of every link: WEB_BASE_URL, else the address the pages are served on. */
  private baseUrl(): string {
    if (this.config.WEB_BASE_URL) return this.config.WEB_BASE_URL;
    const at = this.webAddress ?? { host: this.config.WEB_HOST, port: this.config.WEB_PORT ?? 0 };
    const host = at.host === '0.0.0.0' || at.host === '::' ? '127.0.0.1' : at.host.includes(':') ? `[${at.host}]` : at.host;
    return `http://${host}:${at.port}`;
  }

  async start(): Promise<void> {
    this.counter.warm();
    if (this.web) {
      // The first page's chart should not wait for ECharts and resvg to load.
      this.pictures.warm();
      try {
        this.webAddress = await this.web.listen(this.config.WEB_PORT ?? 0, this.config.WEB_HOST);
      } catch (e) {
        throw new StartupError(`WEB_PORT=${this.config.WEB_PORT}: cannot serve the web pages on ${this.config.WEB_HOST} (${reasonOf(e)}).`);
      }
      this.log.info({ url: this.baseUrl(), host: this.webAddress.host, port: this.webAddress.port }, 'web pages listening');
      // In a terminal the log is quiet: the address is said where the teacher is looking.
      if (this.shell) this.io.output.write(`${t(this.config.QUIZ_LANGUAGE, msg('web.listening', { url: this.baseUrl() }))}\n`);
    }
    for (const platform of this.platforms) await platform.start();
    await this.quiz.resume();
    await this.scheduler.start();
    this.sweepQuietCaches();
    const database = this.config.DATABASE_URL ? { engine: 'postgres' } : { engine: 'sqlite', path: this.config.DATABASE_PATH };
    this.log.info({ platforms: this.platforms.map((p) => p.name), database }, 'paramquiz started');
  }

  /** Every QUIET_MS on the app's clock, empties the caches nobody used in that time. */
  private sweepQuietCaches(): void {
    this.quietSweep = this.clock.at(this.clock.now() + QUIET_MS, () => {
      dropQuietCaches();
      this.sweepQuietCaches();
    });
  }

  async stop(): Promise<void> {
    this.quietSweep?.cancel();
    await this.web?.close();
    await this.scheduler.stop();
    await this.quiz.stop();
    for (const platform of this.platforms) await platform.stop().catch((err: unknown) => this.log.error({ err, platform: platform.name }, 'stop failed'));
    await this.counter.close();
    await this.pictures.close();
    await this.teacher.close();
    await this.questionFiles.close();
    await this.tableChecks.close();
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
    await this.platformFor(round.scopeId).post({ scopeId: round.scopeId, channelId: round.channelId, replyTo: round.messageRef ?? undefined, closed: asked, once: `reveal-${round.id}` }, (view) =>
      revealReply(reveal, round.lang, view.mention, this.pictures),
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
