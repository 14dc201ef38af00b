/**
 * The whole bot (App: store, quiz, scheduler, the real discord.js Client) against a fake Discord
 * on 127.0.0.1, on a real SQLite file in a temp dir, with a clock the test moves. Everything is
 * closed after each test: client, gateway, HTTP server, database.
 */
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach } from 'vitest';
import type { Services } from '../../commands/types.js';
import { App } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { DiscordPlatform, type DiscordOptions } from '../../src/platforms/discord/platform.js';
import { FakeDiscord, isEphemeral, shown, type Exchange, type FakeDiscordOptions, type FakeMessage } from '../support/fake-discord.js';
import { captureLog, type LogLine } from '../support/log.js';
import { MONDAY_10_TAIPEI, openConfiguredStore, tempDir } from '../support/quiz.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

/** Runs after the test, last registered first, awaited (a client, a server). */
export function onClose(close: () => Promise<void>): void {
  closers.push(close);
}

export { captureLog, type LogLine } from '../support/log.js';

export async function startFake(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const discord = await FakeDiscord.start(options);
  // What a user sees, however long the bot takes: a deferred reply is waited for.
  discord.awaitDeferred = true;
  onClose(() => discord.close());
  return discord;
}

/** Configuration as `npm start` would read it, pointed at the fake. */
export function discordEnv(discord: FakeDiscord, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiUrl,
    DATABASE_PATH: join(tempDir(), 'discord.db'),
    QUIZ_TIMEZONE: 'Asia/Taipei',
    QUIZ_LANGUAGE: 'en',
    ...extra,
  };
}

export interface Bot {
  readonly discord: FakeDiscord;
  readonly app: App;
  readonly clock: ManualClock;
  readonly logs: LogLine[];
}

export interface BotOptions {
  readonly env?: Record<string, string>;
  readonly fake?: FakeDiscordOptions;
  /** The services the Discord platform sees (ones that fail or stall). */
  readonly services?: (real: Services) => Services;
  readonly platform?: DiscordOptions;
}

/** The assembled bot, logged in to a fresh fake Discord. */
export async function startBot(options: BotOptions = {}): Promise<Bot> {
  const discord = await startFake(options.fake);
  const clock = new ManualClock(MONDAY_10_TAIPEI);
  const { log, lines } = captureLog();
  const config = loadConfig(discordEnv(discord, options.env));
  // The configured database, else one of this project's engine (vitest.config.ts runs the suite on each).
  const store = await openConfiguredStore(config);
  const app = await App.open(config, log, { input: Readable.from([]), output: new PassThrough() }, clock, store);
  if (options.services || options.platform) {
    // Rebuild the platform App made, from the services and options the test asks for.
    const services = options.services?.(app.services) ?? app.services;
    const index = app.platforms.findIndex((p) => p.name === 'discord');
    await app.platforms[index]!.stop();
    app.platforms[index] = new DiscordPlatform({ ...app.deps, services }, options.platform);
  }
  await app.start();
  // The bot counts in sandboxes that load the engine at start: a test's first /count must not time their start.
  await app.counter.loaded();
  onClose(() => app.stop());
  // Counting up, as in a bot that has been running: a sandbox's first start (a new process) is not
  // what a test of a reply's timing is about, and takes seconds on a loaded machine.
  await app.counter.answer('dense 1 1', 'en');
  return { discord, app, clock, logs: lines };
}

/** `target` with some members replaced (a service that throws, one that takes its time). */
export function override<T extends object>(target: T, members: Partial<T>): T {
  return new Proxy(target, { get: (t, key, receiver) => (key in members ? members[key as keyof T] : Reflect.get(t, key, receiver)) });
}

/** What the user sees in answer to an interaction; the test fails if there is nothing. */
export function visible(exchange: Exchange): FakeMessage {
  if (!exchange.reply) throw new Error(`interaction ${exchange.id} has no visible reply`);
  return exchange.reply;
}

/** Channel messages (not private replies) whose text contains `text`, oldest first. */
export const postsWith = (bot: Bot, text: string): FakeMessage[] => [...bot.discord.messages.values()].filter((m) => !isEphemeral(m) && !m.deleted && shown(m).includes(text));

/** Waits for `count` channel messages containing `text`, and returns them all. */
export async function waitPosts(bot: Bot, text: string, count = 1): Promise<FakeMessage[]> {
  await bot.discord.until(() => (postsWith(bot, text).length >= count ? true : undefined), `${count} message(s) with "${text}"`);
  return postsWith(bot, text);
}
