/**
 * Trust II on the bot as it runs (`node dist/src/main.js`, its own process, with its sandboxes),
 * against the fake Discord on 127.0.0.1:
 * - abuse_other_users_p99_ms: other users' /count (a distinct spec each time, so no cache answers
 *   it), dispatch to reply, p99 over ABUSE_RUNS, while 3 accounts send the worst pastes
 *   (test/support/attacks.ts: every class of unpaid work and memory, and the padding) as files,
 *   20 a second in all; abuse_baseline_p99_ms: the same traffic just before, without the abuse.
 * - worst_paste_peak_rss_mb: the peak RSS of the bot's process and its sandboxes together during
 *   the abuse (sampled every 10 ms), beside idle_rss_mb (the same, before); the largest one
 *   sandbox reached, worst_paste_sandbox_peak_mb, against its stated bound (64 MB of heap).
 * - sandbox_{process,thread}_*: the pool alone, in this process, both isolations side by side:
 *   the first answer after start (a fresh sandbox loading the engine), the p50 of a small count,
 *   the memory two warm sandboxes add, and a small count's p99 while another asker floods the
 *   pool with the worst pastes.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CountPool } from '../src/counting/pool.js';
import type { Isolation } from '../src/workers/sandbox.js';
import { ATTACK_PASTES } from '../test/support/attacks.js';
import { FakeDiscord } from '../test/support/fake-discord.js';
import { distinctCounts, rssMb, startBot, whileSending } from './discord.js';
import { median, percentile, round, type Figures } from './lib.js';

const ABUSE_RUNS = 500;
const ABUSERS = 3;

/** The sandboxes of a process (its children), from Linux's /proc. */
function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const treeRss = (pid: number): { total: number; largestChild: number } => {
  const kids = children(pid).map((c) => {
    try {
      return rssMb(c);
    } catch {
      return 0; // it exited between the listing and the reading
    }
  });
  return { total: rssMb(pid) + kids.reduce((a, b) => a + b, 0), largestChild: Math.max(0, ...kids) };
};

/** Samples a process tree's RSS every 10 ms until stopped; resolves with the peaks. */
function sampleRss(pid: number): () => { total: number; largestChild: number } {
  const peak = { total: 0, largestChild: 0 };
  const timer = setInterval(() => {
    const now = treeRss(pid);
    peak.total = Math.max(peak.total, now.total);
    peak.largestChild = Math.max(peak.largestChild, now.largestChild);
  }, 10);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

/** Runs `measure` while ABUSERS accounts send every attack paste in turn, as files, 20 a second in all. */
function abused<T>(discord: FakeDiscord, measure: () => Promise<T>): Promise<T> {
  const abusers = Array.from({ length: ABUSERS }, (_, i) => discord.user(`mallory${i}`));
  return whileSending((n) => {
    const attack = ATTACK_PASTES[n % ATTACK_PASTES.length]!;
    const content = `import torch.nn as nn\n${attack.code}\nnet = nn.Linear(${n + 1}, 2)\n`; // distinct: no cache answers it
    return discord.slash(abusers[n % ABUSERS]!, 'count', { file: { file: { name: `attack${n}.py`, content } } }, discord.here, 30_000);
  }, measure);
}

async function onTheBot(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'paramquiz-bench-'));
  const discord = await FakeDiscord.start();
  const bot = await startBot(discord, dir);
  try {
    const alice = discord.user('alice');
    for (let i = 0; i < 100; i++) await discord.slash(alice, 'count', { spec: 'conv 3 64 3' }); // warm up
    const idle = treeRss(bot.pid!).total;
    const baseline = await distinctCounts(discord, alice, 0, ABUSE_RUNS);
    const stop = sampleRss(bot.pid!);
    const underAbuse = await abused(discord, () => distinctCounts(discord, alice, ABUSE_RUNS, ABUSE_RUNS));
    const peak = stop();
    return {
      abuse_baseline_p99_ms: round(percentile(baseline, 99), 2),
      abuse_other_users_p99_ms: round(percentile(underAbuse, 99), 2),
      abuse_other_users_p50_ms: round(median(underAbuse), 2),
      idle_rss_mb: round(idle, 1),
      worst_paste_peak_rss_mb: round(peak.total, 1),
      worst_paste_sandbox_peak_mb: round(peak.largestChild, 1),
    };
  } finally {
    bot.kill('SIGTERM');
    await once(bot, 'exit');
    await discord.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One isolation's figures, the pool alone in this process. */
async function sandboxFigures(isolation: Isolation): Promise<Figures> {
  const started = performance.now();
  const pool = new CountPool({ isolation });
  try {
    await pool.answer('dense 3 2', 'en');
    const first = performance.now() - started;
    await Promise.all([pool.answer('dense 3 3', 'en', 'a'), pool.answer('dense 3 4', 'en', 'b')]); // both sandboxes up
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await pool.answer(`dense 4 ${i + 10}`, 'en', 'alice');
      times.push(performance.now() - t0);
    }
    const warm = await freshProcessRss(isolation);
    // Two other askers keep the sandboxes busy with the worst pastes; alice's small counts meanwhile.
    let flooding = true;
    const flood = (async () => {
      for (let n = 0; flooding; n++) await pool.answer(`${ATTACK_PASTES[n % ATTACK_PASTES.length]!.code}\n# ${n}\n`, 'en', `mallory${n % 2}`);
    })();
    const abused: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      await pool.answer(`dense 5 ${i + 10}`, 'en', 'alice');
      abused.push(performance.now() - t0);
    }
    flooding = false;
    await flood;
    return {
      [`sandbox_${isolation}_first_answer_ms`]: round(first, 1),
      [`sandbox_${isolation}_count_p50_ms`]: round(median(times), 3),
      [`sandbox_${isolation}_rss_mb`]: round(warm, 1),
      [`sandbox_${isolation}_p99_ms_under_abuse`]: round(percentile(abused, 99), 2),
    };
  } finally {
    await pool.close();
  }
}

/**
 * What two warm sandboxes add to a process's memory, threads or children alike: a fresh Node
 * process that loads the pool and answers one count in each sandbox, its tree's RSS less that of
 * the same process before the pool started (this process's own heap would blur a difference).
 */
async function freshProcessRss(isolation: Isolation): Promise<number> {
  const pool = JSON.stringify(new URL('../src/counting/pool.js', import.meta.url).href);
  const program = `
    import { readFileSync } from 'node:fs';
    const rss = (pid) => Number(/VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/' + pid + '/status', 'utf8'))[1]) / 1024;
    const kids = () => { try { return readFileSync('/proc/' + process.pid + '/task/' + process.pid + '/children', 'utf8').trim().split(/\\s+/).filter(Boolean).map(Number); } catch { return []; } };
    const { CountPool } = await import(${pool});
    const before = rss(process.pid);
    const p = new CountPool({ isolation: '${isolation}' });
    await Promise.all([p.answer('dense 3 3', 'en', 'a'), p.answer('dense 3 4', 'en', 'b')]);
    console.log(rss(process.pid) + kids().reduce((n, k) => n + rss(k), 0) - before);
    await p.close();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', program], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  await once(child, 'exit');
  return Number(out.trim());
}

export async function benchAbuse(): Promise<Figures> {
  // The thread pool is only ever given pastes that are refused before they can abort anything.
  const thread = await sandboxFigures('thread');
  const child = await sandboxFigures('process');
  return { ...(await onTheBot()), ...child, ...thread };
}
