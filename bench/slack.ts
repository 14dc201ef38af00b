/**
 * Slack over HTTP under a loopback load: correctly signed `/count conv 3 64 3` requests (timestamp
 * inside Slack's five-minute window) posted by autocannon to the bot's Bolt HTTP receiver.
 * - slack_http_rps, slack_http_p50_ms, slack_http_p99_ms: the whole bot (src/app.ts, a real SQLite
 *   file) answering: signature check, context (users.info, cached), the count, Block Kit, and the
 *   private answer as the body of the ack (checked before the load starts).
 * - bare_bolt_rps, slack_vs_bare_bolt_ratio: the same load against a bare Bolt App whose listener
 *   only acks, measured in the same run; runs interleaved, the median of each.
 * - ..._distinct_specs: the same, with every request asking a spec drawn from 100,000 different
 *   ones, so the bot's cache of recent answers practically never hits: the counting engine runs
 *   for every request.
 * autocannon runs in a worker thread, so the bot's event loop serves only the bot.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { App as BoltApp, LogLevel } from '@slack/bolt';
import { App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { SlackPlatform } from '../src/platforms/slack/platform.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, commandBody, postToBot, signatureHeaders, slashCommand } from '../test/support/fake-slack.js';
import { median, round, type Figures } from './lib.js';
import { BENCH_STUDENT } from './slack-distinct-request.js';
import { fileURLToPath } from 'node:url';

const STUDENT = BENCH_STUDENT;
/** The setupRequest module autocannon's worker requires for the distinct-specs load (bench/autocannon-setup.cjs). */
const DISTINCT = fileURLToPath(new URL('../../bench/autocannon-setup.cjs', import.meta.url));
const RUNS = 5;
const SECONDS = 4;
const CONNECTIONS = 20;

/** What of autocannon's result is used here (it ships no types). */
interface LoadResult {
  readonly duration: number;
  readonly '2xx': number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly latency: { readonly p50: number; readonly p99: number };
}
const autocannon = createRequire(import.meta.url)('autocannon') as (options: Record<string, unknown>) => Promise<LoadResult>;

interface Run {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
}

export async function benchSlack(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'paramquiz-bench-slack-'));
  const fake = await FakeSlack.start();
  fake.addUser(STUDENT);
  const bot = await App.open(
    loadConfig({ DATABASE_PATH: join(dir, 'bench.db'), SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0' }),
    createLogger('warn'),
    { input: new PassThrough(), output: new PassThrough() },
  );
  const bare = new BoltApp({ token: BOT_TOKEN, signingSecret: SIGNING_SECRET, clientOptions: { slackApiUrl: fake.apiUrl }, logLevel: LogLevel.WARN, deferInitialization: true });
  bare.command('/count', async ({ ack }) => ack());
  try {
    await bot.start();
    await bare.init();
    const ours = eventsUrl((bot.platforms.find((p) => p instanceof SlackPlatform) as SlackPlatform).address!.port);
    const theirs = eventsUrl(((await bare.start(0)).address() as AddressInfo).port);
    const body = commandBody(slashCommand(STUDENT, '/count', 'conv 3 64 3', { channel: 'C0BENCH', responseUrl: fake.responseUrl() }));
    process.env.PARAMQUIZ_BENCH_RESPONSE_URL = fake.responseUrl(); // read by the distinct-specs setupRequest

    const answer = await postToBot(ours, body);
    if (answer.status !== 200 || !answer.text.includes('1,792 parameters')) throw new Error(`the bot did not answer /count in its ack: ${answer.status} ${answer.text}`);

    const same: Requests = [signed(body)];
    const varied: Requests = [{ setupRequest: DISTINCT }];
    await load(ours, same, 2); // warm up both
    await load(theirs, same, 2);
    const repeated = await compare(ours, theirs, same);
    const distinct = await compare(ours, theirs, varied);
    return {
      slack_http_rps: Math.round(repeated.ours.rps),
      slack_http_p50_ms: repeated.ours.p50,
      slack_http_p99_ms: repeated.ours.p99,
      bare_bolt_rps: Math.round(repeated.bare.rps),
      bare_bolt_p99_ms: repeated.bare.p99,
      slack_vs_bare_bolt_ratio: round(repeated.ours.rps / repeated.bare.rps, 3),
      slack_http_rps_distinct_specs: Math.round(distinct.ours.rps),
      slack_http_p99_ms_distinct_specs: distinct.ours.p99,
      bare_bolt_rps_distinct_specs: Math.round(distinct.bare.rps),
      slack_vs_bare_bolt_ratio_distinct_specs: round(distinct.ours.rps / distinct.bare.rps, 3),
    };
  } finally {
    await bare.stop().catch(() => {});
    await bot.stop();
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const eventsUrl = (port: number) => `http://127.0.0.1:${port}/slack/events`;

/** The medians of interleaved runs against both apps, alternating which goes first, so drift on a shared machine hits both alike. */
async function compare(ours: string, theirs: string, requests: Requests): Promise<Record<'ours' | 'bare', Run>> {
  const runs: Record<'ours' | 'bare', Run[]> = { ours: [], bare: [] };
  for (let r = 0; r < RUNS; r++) {
    const order = r % 2 === 0 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const);
    for (const which of order) runs[which].push(await load(which === 'ours' ? ours : theirs, requests, SECONDS));
  }
  const summary = (list: Run[]): Run => ({ rps: median(list.map((r) => r.rps)), p50: median(list.map((r) => r.p50)), p99: median(list.map((r) => r.p99)) });
  return { ours: summary(runs.ours), bare: summary(runs.bare) };
}

/** autocannon's request list: fixed requests, or a module that makes each one. */
type Requests = ReadonlyArray<Record<string, unknown>>;

/** A fixed request, signed now (a run lasts seconds, well inside Slack's five-minute window). */
const signed = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...signatureHeaders(body, SIGNING_SECRET) }, body });

/** One timed run. */
async function load(url: string, requests: Requests, seconds: number): Promise<Run> {
  const result = await autocannon({
    url,
    method: 'POST',
    requests,
    connections: CONNECTIONS,
    duration: seconds,
    workers: 1,
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
  }
  return { rps: result['2xx'] / result.duration, p50: result.latency.p50, p99: result.latency.p99 };
}
