/**
 * Configuration from the environment (and a .env file, if present), validated once at start-up:
 * a bad value stops the bot with one line naming the variable, before anything connects.
 */
// Zod's own v3 API, which the zod package keeps: its v4 entry points load every locale's messages
// (95 modules, 3.4 MB of the bot's heap, for a schema read once at start-up); v3 loads 0.9 MB.
import { z } from 'zod/v3';
import { parseLang, type Lang } from './i18n/messages.js';
import { machineZoneName } from './quiz/zones/database.js';
import { isValidTimeZone } from './quiz/zones/offsets.js';

/**
 * The zone the machine runs in (TZ, else the system's), UTC when it cannot tell. Read from TZ and
 * /etc/localtime first: asking Intl costs the process ICU's memory, so only when those name no zone.
 */
function machineTimeZone(): string {
  const named = machineZoneName();
  if (named !== undefined) return named;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

const optional = z
  .string()
  .transform((v) => v.trim())
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const schema = z.object({
  DATABASE_PATH: z.string().trim().min(1).default('./data/paramquiz.db'),
  /** PostgreSQL instead of the SQLite file: several bot processes share one database. */
  DATABASE_URL: optional.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), { message: 'must be a postgres:// or postgresql:// URL' }),
  // The machine's own zone unless set: a terminal shell shows the local time (a server is usually on UTC).
  QUIZ_TIMEZONE: z.string().trim().default(machineTimeZone).refine(isValidTimeZone, { message: 'must be an IANA time zone such as Asia/Taipei' }),
  QUIZ_LANGUAGE: z
    .string()
    .default('en')
    .transform((v, ctx) => parseLang(v) ?? (ctx.addIssue({ code: 'custom', message: 'must be en or zh-TW' }), z.NEVER)),
  QUIZ_ROUND_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  PARAMQUIZ_USER: optional,
  PARAMQUIZ_LANG: optional,
  PARAMQUIZ_SEED: z.coerce.number().int().min(0).optional(),
  ADMIN_USER_IDS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: optional,
  DISCORD_GUILD_ID: optional,
  DISCORD_API_URL: optional,
  /** Run Discord as this many shard processes (`auto`: as many as Discord recommends). */
  DISCORD_SHARDS: optional.transform((v, ctx) => {
    if (v === undefined || v === 'auto') return v;
    const n = Number(v);
    if (Number.isInteger(n) && n >= 1 && n <= 1024) return n;
    ctx.addIssue({ code: 'custom', message: 'must be auto or a whole number of shards (1 to 1024)' });
    return z.NEVER;
  }),
  /** Set by discord.js in the shard processes it starts. */
  SHARDING_MANAGER: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_API_URL: optional,
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** The class pages: an HTTP server in this process on this port (0 picks a free one). */
  WEB_PORT: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  /** Where it listens: this machine only by default; 0.0.0.0 for every interface (behind an HTTPS proxy). */
  WEB_HOST: z.string().trim().min(1).default('127.0.0.1'),
  /** The address the links the bot hands out start with (https://quiz.example.edu); default http://WEB_HOST:WEB_PORT. */
  WEB_BASE_URL: optional.refine((v) => v === undefined || /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/.test(v), {
    message: 'must be an http:// or https:// address without a query, e.g. https://quiz.example.edu',
  }),
  /** The key links are signed with; unset, the bot makes one and keeps it in its database. */
  WEB_SECRET: optional.refine((v) => v === undefined || v.length >= 32, { message: 'must be at least 32 characters (e.g. the output of `openssl rand -base64 32`)' }),
});

export type Env = z.infer<typeof schema>;

export interface Config extends Env {
  readonly QUIZ_LANGUAGE: Lang;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'configuration');
    throw new ConfigError(`${name}=${JSON.stringify(env[name] ?? '')} is not valid: ${issue.message}`);
  }
  const c = parsed.data;
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
