/**
 * Configuration from the environment (and a .env file, if present), validated once at start-up:
 * a bad value stops the bot with one line naming the variable, before anything connects.
 */
import { parseLang, type Lang } from './i18n/messages.js';
import { isValidTimeZone } from './quiz/week.js';

/** The zone the machine runs in (TZ, else the system's), UTC when it cannot tell. */
function machineTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface Config {
  readonly DATABASE_PATH: string;
  /** PostgreSQL instead of the SQLite file: several bot processes share one database. */
  readonly DATABASE_URL: string | undefined;
  // The machine's own zone unless set: a terminal shell shows the local time (a server is usually on UTC).
  readonly QUIZ_TIMEZONE: string;
  readonly QUIZ_LANGUAGE: Lang;
  readonly QUIZ_ROUND_SECONDS: number;
  readonly LOG_LEVEL: (typeof LOG_LEVELS)[number] | undefined;
  readonly PARAMQUIZ_USER: string | undefined;
  readonly PARAMQUIZ_LANG: string | undefined;
  readonly PARAMQUIZ_SEED: number | undefined;
  readonly ADMIN_USER_IDS: string[];
  readonly DISCORD_TOKEN: string | undefined;
  readonly DISCORD_APPLICATION_ID: string | undefined;
  readonly DISCORD_GUILD_ID: string | undefined;
  readonly DISCORD_API_URL: string | undefined;
  /** Run Discord as this many shard processes (`auto`: as many as Discord recommends). */
  readonly DISCORD_SHARDS: number | 'auto' | undefined;
  /** Set by discord.js in the shard processes it starts. */
  readonly SHARDING_MANAGER: string | undefined;
  readonly SLACK_BOT_TOKEN: string | undefined;
  readonly SLACK_APP_TOKEN: string | undefined;
  readonly SLACK_SIGNING_SECRET: string | undefined;
  readonly SLACK_API_URL: string | undefined;
  readonly PORT: number | undefined;
  /** The class pages: an HTTP server in this process on this port (0 picks a free one). */
  readonly WEB_PORT: number | undefined;
  /** Where it listens: this machine only by default; 0.0.0.0 for every interface (behind an HTTPS proxy). */
  readonly WEB_HOST: string;
  /** The address the links the bot hands out start with (https://quiz.example.edu); default http://WEB_HOST:WEB_PORT. */
  readonly WEB_BASE_URL: string | undefined;
  /** The key links are signed with; unset, the bot makes one and keeps it in its database. */
  readonly WEB_SECRET: string | undefined;
}

/** A variable's value refused: the message says what it must be. */
class Invalid extends Error {}

/**
 * Reads one variable: `undefined` when it is not set. The readers below turn the text into the
 * value or throw Invalid; the first refused variable (in the order Config lists them) is the one
 * the error names.
 */
type Reader<T> = (value: string | undefined) => T;

/** Set and not blank, trimmed; else undefined. */
const optional: Reader<string | undefined> = (v) => {
  const t = v?.trim();
  return t === '' ? undefined : t;
};

/** `optional`, and refused unless it passes `ok`. */
const optionalIf =
  (ok: (v: string) => boolean, message: string): Reader<string | undefined> =>
  (v) => {
    const t = optional(v);
    if (t !== undefined && !ok(t)) throw new Invalid(message);
    return t;
  };

/** Trimmed text that may not be empty, `fallback` when unset. */
const text =
  (fallback: () => string): Reader<string> =>
  (v) => {
    if (v === undefined) return fallback();
    const t = v.trim();
    if (t === '') throw new Invalid('must not be empty');
    return t;
  };

/** A whole number from `min` to `max` as Number() reads the text; `fallback` when unset. */
function wholeNumber(min: number, max: number): Reader<number | undefined>;
function wholeNumber(min: number, max: number, fallback: number): Reader<number>;
function wholeNumber(min: number, max: number, fallback?: number): Reader<number | undefined> {
  return (v) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new Invalid(max === Number.MAX_SAFE_INTEGER ? `must be a whole number of at least ${min}` : `must be a whole number from ${min} to ${max}`);
    return n;
  };
}

const READERS: { readonly [K in keyof Config]: Reader<Config[K]> } = {
  DATABASE_PATH: text(() => './data/paramquiz.db'),
  DATABASE_URL: optionalIf((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL'),
  QUIZ_TIMEZONE: (v) => {
    const zone = v === undefined ? machineTimeZone() : v.trim();
    if (!isValidTimeZone(zone)) throw new Invalid('must be an IANA time zone such as Asia/Taipei');
    return zone;
  },
  QUIZ_LANGUAGE: (v) => {
    const lang = parseLang(v ?? 'en');
    if (lang === null) throw new Invalid('must be en or zh-TW');
    return lang;
  },
  QUIZ_ROUND_SECONDS: wholeNumber(1, 86_400, 60),
  LOG_LEVEL: (v) => {
    if (v === undefined) return undefined;
    const level = LOG_LEVELS.find((l) => l === v);
    if (level === undefined) throw new Invalid(`must be one of ${LOG_LEVELS.join(', ')}`);
    return level;
  },
  PARAMQUIZ_USER: optional,
  PARAMQUIZ_LANG: optional,
  PARAMQUIZ_SEED: wholeNumber(0, Number.MAX_SAFE_INTEGER),
  ADMIN_USER_IDS: (v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional,
  DISCORD_GUILD_ID: optional,
  DISCORD_API_URL: optional,
  DISCORD_SHARDS: (v) => {
    const t = optional(v);
    if (t === undefined || t === 'auto') return t;
    const n = Number(t);
    if (Number.isInteger(n) && n >= 1 && n <= 1024) return n;
    throw new Invalid('must be auto or a whole number of shards (1 to 1024)');
  },
  SHARDING_MANAGER: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: optional,
  PORT: wholeNumber(0, 65_535),
  WEB_PORT: (v) => wholeNumber(0, 65_535)(v?.trim() === '' ? undefined : v),
  WEB_HOST: text(() => '127.0.0.1'),
  WEB_BASE_URL: optionalIf((v) => /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(v), 'must be an http:// or https:// address without a query, e.g. https://quiz.example.edu'),
  WEB_SECRET: optionalIf((v) => v.length >= 32, 'must be at least 32 characters (e.g. the output of `openssl rand -base64 32`)'),
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const read: Record<string, unknown> = {};
  for (const [name, reader] of Object.entries(READERS)) {
    try {
      read[name] = (reader as Reader<unknown>)(env[name]);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      throw new ConfigError(`${name}=${JSON.stringify(env[name] ?? '')} is not valid: ${e.message}`);
    }
  }
  const c = read as unknown as Config;
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET) {
    throw new ConfigError('SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is.');
  }
  return c;
}

/** Reads ./.env into process.env if it exists; variables already set win. */
export function loadDotEnv(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
