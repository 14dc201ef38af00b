/**
 * What a teacher's question file costs (/questions action:import), read in the import worker as
 * the bot reads it, each run a distinct file so that no cache answers:
 * - import_worst_ms: for each layout within FILE_LIMITS (src/imports/read.ts), the median time
 *   from asking to the rows; the slowest layout's median.
 * - import_worst_file: which layout that was.
 * - import_loop_p99_ms: the event loop's delay, p99, while those files were read: what everyone
 *   else's requests waited meanwhile.
 * - import_refused_worst_ms: the slowest refusal among files built to be slow (50,000 keys,
 *   100,000 values, lists nested 399,000 deep), median of runs.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Lexer } from 'yaml';
import { QuestionFilePool } from '../src/imports/pool.js';
import { FILE_LIMITS } from '../src/imports/read.js';
import { median, round, type Figures } from './lib.js';

const SIZE = 399_000;
const ROWS = Array.from({ length: 100 }, (_, i) => `- spec: dense 3 ${i + 1}\n  ask: total\n  level: easy\n  wording: How many?\n`).join('');
const lexemes = (text: string): number => [...new Lexer().lex(text)].length;
/** `head`, then `unit` as often as 399 KB and, for YAML, the bound on pieces of syntax allow. */
const fill = (head: string, unit: string, yaml = true) => {
  const bySize = Math.floor((SIZE - head.length) / unit.length);
  const bySyntax = yaml ? Math.floor((FILE_LIMITS.tokens - lexemes(head)) / lexemes(unit)) : bySize;
  return head + unit.repeat(Math.min(bySize, bySyntax));
};

/** Files within the bounds, each laid out to cost the reader most in its own way; `i` makes each run distinct. */
const ACCEPTED: Readonly<Record<string, (i: number) => { name: string; text: string }>> = {
  'blank lines': (i) => ({ name: 'q.yaml', text: fill(`# ${i}\n${ROWS}`, '\n') }),
  'long comment lines': (i) => ({ name: 'q.yaml', text: fill(`# ${i}\n${ROWS}`, `# ${'c'.repeat(16)}\n`) }),
  'most values': (i) => ({ name: 'q.yaml', text: `# ${i}\n${'- {spec: a, ask: b, level: c}\n'.repeat(Math.floor(FILE_LIMITS.values / 8))}` }),
  'long wordings': (i) => ({ name: 'q.yaml', text: `# ${i}\n${Array.from({ length: 100 }, () => `- spec: conv 3 16 3\n  wording: "${'x '.repeat(1_950)}"\n`).join('')}` }),
  'flow style': (i) => ({
    name: 'q.yaml',
    text: `# ${i}\n[${Array.from({ length: 100 }, (_, r) => `{spec: dense 3 ${r + 1}, ask: total, level: easy, wording: "${'w'.repeat(3_900)}"}`).join(',\n')}]`,
  }),
  'csv, quoted': (i) => ({ name: 'q.csv', text: `spec,ask,level,wording\n${Array.from({ length: 100 }, (_, r) => `"dense 3 ${r + 1 + i}",total,easy,"${'""'.repeat(1_950)}"`).join('\n')}` }),
  'csv, empty fields': (i) => ({ name: 'q.csv', text: `spec,ask,level,wording\n${Array.from({ length: 100 }, (_, r) => `dense 3 ${r + 1 + i}${','.repeat(3_900)}`).join('\n')}` }),
};

const REFUSED: ReadonlyArray<(i: number) => { name: string; text: string }> = [
  (i) => ({ name: 'keys.yaml', text: `# ${i}\n${Array.from({ length: 50_000 }, (_, k) => `k${k}: v\n`).join('')}`.slice(0, SIZE) }),
  (i) => ({ name: 'list.yaml', text: fill(`# ${i}\n`, '- a\n', false) }),
  (i) => ({ name: 'deep.yaml', text: fill(`# ${i}\n`, '[', false) }),
];

const RUNS = 9;

export async function benchImports(): Promise<Figures> {
  const pool = new QuestionFilePool();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let worst = { name: '', ms: 0 };
  let refusedWorst = 0;
  try {
    await pool.read(ACCEPTED['blank lines']!(-1)); // the worker started and its code compiled
    const timed = async (file: { name: string; text: string }, accepted: boolean) => {
      const started = performance.now();
      const read = await pool.read(file);
      const ms = performance.now() - started;
      if (read.ok !== accepted) throw new Error(`${file.name} was ${read.ok ? 'accepted' : 'refused'}: ${JSON.stringify(read).slice(0, 300)}`);
      return ms;
    };
    delay.enable();
    for (const [name, make] of Object.entries(ACCEPTED)) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push(await timed(make(i), true));
      if (median(times) > worst.ms) worst = { name, ms: median(times) };
    }
    delay.disable();
    for (const make of REFUSED) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push(await timed(make(i), false));
      refusedWorst = Math.max(refusedWorst, median(times));
    }
  } finally {
    await pool.close();
  }
  return {
    import_worst_ms: round(worst.ms),
    import_worst_file: worst.name,
    import_loop_p99_ms: round(delay.percentile(99) / 1e6),
    import_refused_worst_ms: round(refusedWorst),
  };
}
