/**
 * How long `npm start` takes to the shell's prompt, in a terminal: the first thing a student sees.
 * Each figure is the median of several starts, beside a bare `node` writing the same prompt through
 * the same terminal (what any Node program costs on this machine now), and their ratio.
 * start_to_prompt_ms is `npm start` (npm, the build check, the bot); start_main_to_prompt_ms the bot alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, round, type Figures } from './lib.js';
import { PROMPT, spawnInTerminal } from './terminal.js';

const ROOT = resolve(import.meta.dirname, '../..');
const RUNS = 7;

/** Milliseconds from spawning `argv` in a terminal to the prompt on its screen; then it is told to /quit. */
function toPrompt(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePrompt, reject) => {
    const start = performance.now();
    const child = spawnInTerminal(argv, { cwd: ROOT, env });
    let screen = '';
    let at: number | undefined;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      screen += chunk;
      if (at === undefined && PROMPT.test(screen)) {
        at = performance.now() - start;
        child.stdin.write('/quit\n');
      }
    });
    child.on('exit', () => (at === undefined ? reject(new Error(`no prompt; the screen:\n${screen}`)) : resolvePrompt(at)));
  });
}

async function medianOf(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  await toPrompt(argv, env); // the first start makes the database and warms the disk cache
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await toPrompt(argv, env));
  return median(times);
}

export async function benchStart(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'paramquiz-start-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', DATABASE_PATH: join(dir, 'bench.db'), PARAMQUIZ_USER: 'bench' };
  try {
    const baseline = await medianOf([process.execPath, '-e', `process.stdout.write('ready\\n> ')`], env);
    const npmStart = await medianOf(['npm', 'start', '--silent'], env);
    const main = await medianOf([process.execPath, 'dist/src/main.js'], env);
    return {
      start_to_prompt_ms: round(npmStart, 0),
      start_main_to_prompt_ms: round(main, 0),
      start_baseline_node_ms: round(baseline, 0),
      start_to_prompt_ratio: round(npmStart / baseline, 1),
      // Other work on a shared machine slows every start alike: the load it ran under.
      start_load_1m: round(loadavg()[0]!, 2),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
