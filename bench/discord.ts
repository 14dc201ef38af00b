/**
 * The Discord bot as it runs (`node dist/src/main.js`, its own process) against the fake Discord
 * on 127.0.0.1, in this process:
 * - discord_p50_ms / discord_p99_ms: from an INTERACTION_CREATE dispatch to the bot's callback
 *   arriving at the fake REST, over 2,000 `/count conv 3 64 3` sent one at a time.
 * - discord_gateway_rtt_p50_ms: the baseline, measured in the same run, interleaved: a heartbeat
 *   asked for over the same gateway and answered by discord.js, no REST and no command.
 * - discord_rss_mb_after_login / _after_10k / _after_20k: the bot's resident memory once
 *   connected, after 10,000 interactions from 10,000 different users (count, explain,
 *   leaderboard, stats, an answer each to one open question) and 20,000 message events from
 *   20,000 authors, and after as many again from new people: the same figure after twice the
 *   traffic means the capped caches hold.
 * - discord_interactions_per_s: the rate of the first 10,000, 16 in flight.
 * - discord_rss_vs_bare_active: the bot's RSS after the first 10,000 over that of discord.js alone
 *   (bench/bare-discord.ts: the same client options, a constant reply) after the same 10,000,
 *   measured in the same run right after, against the same fake Discord; its sandboxes (child
 *   processes) are not in it: discord_tree_rss_mb_active is the bot with all its children.
 * - discord_rss_vs_bare_idle / discord_tree_rss_mb_idle: the same once nothing has come for
 *   IDLE_MS (the picture and teacher sandboxes have ended), each process measured after the
 *   same quiet time. discord_bare_shrank_idle_mb: how much discord.js alone gave back in that
 *   time. Under Node's defaults V8's memory reducer does not always start: in some runs the bare
 *   client keeps its active heap (about 150 MB against 77), and the idle ratio is then against a
 *   baseline that never shrank; a figure near 0 here says so, and the run is not a measure.
 * - discord_first_count_after_idle_ms: the first /count after that quiet, a spec not asked before
 *   (the count sandboxes stay up; the bot's heap has been shrunk and is paged in again).
 * - discord_p99_ms_under_abuse: other users' /count (a distinct spec each time, so no cache
 *   answers it) dispatch-to-callback p99 while one user sends the worst accepted specs
 *   (bench/adversarial.ts, distinct variants) 20 times a second; discord_p99_ms_distinct is the
 *   same traffic without the abuse, measured just before, the baseline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FakeDiscord, type FakeUser, type OptionValue } from '../test/support/fake-discord.js';
import { BOT_NODE_FLAGS } from '../src/node-flags.js';
import { ADVERSARIAL, DISCORD_OPTION_CHARS } from './adversarial.js';
import { median, percentile, round, type Figures } from './lib.js';

const MAIN = resolve(import.meta.dirname, '../src/main.js');
const BARE = resolve(import.meta.dirname, 'bare-discord.js');
const LATENCY_RUNS = 2000;
const LOAD_INTERACTIONS = 10_000;
/** 20,000 message events for 10,000 interactions. */
const MESSAGES_PER_INTERACTION = 2;
const IN_FLIGHT = 16;

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb) / 1024;
}

/** The bot's children, their children, ...: its sandboxes. */
function descendants(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
    const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
    return text === '' ? [] : text.split(/\s+/).map(Number);
  });
  return children.flatMap((c) => [c, ...descendants(c)]);
}

/** Resident memory of a process and all its descendants, in MB. */
const treeRssMb = (pid: number): number => [pid, ...descendants(pid)].reduce((sum, p) => sum + (existsSync(`/proc/${p}/status`) ? rssMb(p) : 0), 0);

/** Quiet this long and the sandboxes that idle out have ended (their idleMs is 60 s). */
const IDLE_MS = 65_000;

export async function startBot(discord: FakeDiscord, dir: string, script = MAIN): Promise<ChildProcess> {
  const env = {
    PATH: process.env.PATH,
    DISCORD_TOKEN: discord.token,
    DISCORD_API_URL: discord.apiUrl,
    DATABASE_PATH: join(dir, 'bench.db'),
    QUIZ_TIMEZONE: 'Asia/Taipei',
    LOG_LEVEL: 'warn',
  };
  // The bot as `npm start` runs it; discord.js alone as one runs it, with Node's defaults.
  const flags = script === MAIN ? BOT_NODE_FLAGS : [];
  const bot = spawn(process.execPath, [...flags, script], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  await discord.ready(30_000);
  return bot;
}

/** discord.js alone after the same 10,000 interactions, and after the same quiet time: the RSS baselines, in MB. */
async function bareRss(discord: FakeDiscord, dir: string): Promise<{ active: number; idle: number }> {
  const bare = await startBot(discord, dir, BARE);
  try {
    await load(discord, 2);
    const active = rssMb(bare.pid!);
    await sleep(IDLE_MS);
    return { active, idle: rssMb(bare.pid!) };
  } finally {
    bare.kill('SIGTERM');
    await once(bare, 'exit');
  }
}

/** The n-th interaction of the load: a different user each time, the commands in turn. */
function loadInteraction(n: number): { user: FakeUser; command: string; options: Record<string, OptionValue> } {
  const user: FakeUser = { id: String(700_000_000_000_000_000n + BigInt(n)), username: `student${n}`, nick: `Student ${n}` };
  switch (n % 5) {
    case 0:
      return { user, command: 'count', options: { spec: `conv ${1 + (n % 64)} 64 3` } };
    case 1:
      return { user, command: 'explain', options: { kind: 'lstm' } };
    case 2:
      return { user, command: 'leaderboard', options: {} };
    case 3:
      return { user, command: 'stats', options: {} };
    default:
      return { user, command: 'answer', options: { value: String(1000 + n) } };
  }
}

/**
 * The `batch`-th 10,000 interactions, 16 in flight, with two message events each from authors
 * never seen before, in both channels; resolves with the interactions per second.
 */
async function load(discord: FakeDiscord, batch: number): Promise<number> {
  const first = batch * LOAD_INTERACTIONS;
  let next = first;
  const started = performance.now();
  const worker = async () => {
    while (next < first + LOAD_INTERACTIONS) {
      const n = next++;
      const { user, command, options } = loadInteraction(n);
      await discord.slash(user, command, options, discord.here, 10_000);
      for (let k = 0; k < MESSAGES_PER_INTERACTION; k++) {
        const m = n * MESSAGES_PER_INTERACTION + k;
        const where = { guild: discord.guilds[0]!, channel: discord.guilds[0]!.channels[m % 2]! };
        discord.messageCreate(where, { id: String(800_000_000_000_000_000n + BigInt(m)), username: `lurker${m}` }, `message ${m}`);
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const rate = (LOAD_INTERACTIONS * 1000) / (performance.now() - started);
  await discord.heartbeatRoundTrip(); // every event read by the bot before its memory is measured
  return rate;
}

const ABUSE_RUNS = 1000;
const ABUSE_EVERY_MS = 50;

/** `runs` /count of specs never asked before, one at a time; their latencies. */
export async function distinctCounts(discord: FakeDiscord, user: FakeUser, offset: number, runs = ABUSE_RUNS): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ex = await discord.slash(user, 'count', { spec: `conv 3 ${offset + i + 1} 3` }, discord.here, 10_000);
    latencies.push(ex.latencyMs);
  }
  return latencies;
}

/** Runs `measure` while `send(n)` is called 20 times a second (n = 0, 1, ...); waits for every send. */
export async function whileSending<T>(send: (n: number) => Promise<unknown>, measure: () => Promise<T>): Promise<T> {
  let n = 0;
  const sent: Array<Promise<unknown>> = [];
  const timer = setInterval(() => sent.push(send(n++).catch(() => undefined)), ABUSE_EVERY_MS);
  try {
    return await measure();
  } finally {
    clearInterval(timer);
    await Promise.all(sent);
  }
}

/** Runs `measure` while one user sends the worst accepted specs, distinct each time, 20 a second. */
function abused<T>(discord: FakeDiscord, measure: () => Promise<T>): Promise<T> {
  const mallory = discord.user('mallory');
  return whileSending((n) => discord.slash(mallory, 'count', { spec: ADVERSARIAL[n % ADVERSARIAL.length]!.spec(n, DISCORD_OPTION_CHARS) }, discord.here, 30_000), measure);
}

export async function benchDiscord(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'paramquiz-bench-'));
  const discord = await FakeDiscord.start();
  const bot = await startBot(discord, dir);
  try {
    const loggedIn = rssMb(bot.pid!);
    const alice = discord.user('alice');
    const teacher = discord.user('teacher', { admin: true });
    for (let i = 0; i < 200; i++) await discord.slash(alice, 'count', { spec: 'conv 3 64 3' }); // warm up

    const latencies: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < LATENCY_RUNS; i++) {
      baseline.push(await discord.heartbeatRoundTrip());
      const ex = await discord.slash(alice, 'count', { spec: 'conv 3 64 3' });
      if (!ex.reply || !JSON.stringify(ex.reply.embeds).includes('1,792')) throw new Error('the bot answered something else than 1,792');
      latencies.push(ex.latencyMs);
    }

    const distinct = await distinctCounts(discord, alice, 0);
    const underAbuse = await abused(discord, () => distinctCounts(discord, alice, ABUSE_RUNS));

    await discord.slash(teacher, 'quiz', { topic: 'dense', level: 'medium', seconds: 86_400 });
    const rate = await load(discord, 0);
    const after10k = rssMb(bot.pid!);
    const tree10k = treeRssMb(bot.pid!);
    await load(discord, 1);
    const after20k = rssMb(bot.pid!);
    await sleep(IDLE_MS);
    const idle = rssMb(bot.pid!);
    const treeIdle = treeRssMb(bot.pid!);
    // The first /count after the quiet: a spec not asked before, so no cache answers it.
    const afterIdle = (await discord.slash(alice, 'count', { spec: 'conv 3 777 5' }, discord.here, 10_000)).latencyMs;
    bot.kill('SIGTERM');
    await once(bot, 'exit');
    const bare = await bareRss(discord, dir);

    return {
      discord_p50_ms: round(percentile(latencies, 50), 3),
      discord_p99_ms: round(percentile(latencies, 99), 3),
      discord_gateway_rtt_p50_ms: round(median(baseline), 3),
      discord_p99_ms_distinct: round(percentile(distinct, 99), 3),
      discord_p99_ms_under_abuse: round(percentile(underAbuse, 99), 3),
      discord_rss_mb_after_login: round(loggedIn, 1),
      discord_rss_mb_after_10k: round(after10k, 1),
      discord_rss_mb_after_20k: round(after20k, 1),
      discord_interactions_per_s: Math.round(rate),
      discord_bare_rss_mb_after_10k: round(bare.active, 1),
      discord_rss_vs_bare_active: round(after10k / bare.active, 3),
      discord_tree_rss_mb_active: round(tree10k, 1),
      discord_rss_mb_idle: round(idle, 1),
      discord_bare_rss_mb_idle: round(bare.idle, 1),
      discord_rss_vs_bare_idle: round(idle / bare.idle, 3),
      discord_bare_shrank_idle_mb: round(bare.active - bare.idle, 1),
      discord_tree_rss_mb_idle: round(treeIdle, 1),
      discord_first_count_after_idle_ms: round(afterIdle, 1),
    };
  } finally {
    if (bot.exitCode === null) {
      bot.kill('SIGTERM');
      await once(bot, 'exit');
    }
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
