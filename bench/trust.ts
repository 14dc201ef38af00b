/**
 * What the worst accepted input costs (the trust issue's budget):
 * - engine_worst_accepted_ms: for each adversarial spec (bench/adversarial.ts), the median over
 *   runs of parse + evaluate + render, each run a distinct variant; the slowest spec's median.
 * - engine_worst_accepted_spec: which one that was.
 * - answer_parse_worst_us: the slowest of a set of answer texts 100,000 characters long (more than
 *   any platform lets through: Discord options take 6,000, Slack commands 4,000), median of runs.
 * - answer_parse_typical_us: a plain "1,792" in the same run, the baseline.
 */
import { count } from '../src/engine/count.js';
import { renderCount } from '../src/engine/render.js';
import { parseAnswer } from '../src/quiz/answer.js';
import { ADVERSARIAL } from './adversarial.js';
import { median, medianMicros, round, type Figures } from './lib.js';
import { performance } from 'node:perf_hooks';

const LONGEST = 100_000;
const ANSWERS = [
  `1${' '.repeat(LONGEST - 2)}x`,
  `${' '.repeat(LONGEST / 2)}1,792 params${' '.repeat(LONGEST / 2)}`,
  '9'.repeat(LONGEST),
  `1${',000'.repeat(LONGEST / 4)}`,
  '１'.repeat(LONGEST),
  `${'1 '.repeat(LONGEST / 2)}個`,
];

export function benchTrust(): Figures {
  let worst = { name: '', ms: 0 };
  let sink = 0;
  for (const a of ADVERSARIAL) {
    for (let i = 0; i < 5; i++) sink += renderCount(count(a.spec(1000 + i)), 'en').length; // warm up
    const times: number[] = [];
    for (let i = 0; i < 15; i++) {
      const spec = a.spec(i);
      const t0 = performance.now();
      sink += renderCount(count(spec), 'en').length;
      times.push(performance.now() - t0);
    }
    const ms = median(times);
    if (ms > worst.ms) worst = { name: a.name, ms };
  }
  const parses = ANSWERS.map((text) => medianMicros(() => void (sink += parseAnswer(text).ok ? 1 : 0), 400));
  const typical = medianMicros(() => void (sink += parseAnswer('1,792').ok ? 1 : 0), 4000);
  if (sink < 0) throw new Error('unreachable: keeps the work observable');
  return {
    engine_worst_accepted_ms: round(worst.ms, 2),
    engine_worst_accepted_spec: worst.name,
    answer_parse_worst_us: round(Math.max(...parses), 2),
    answer_parse_typical_us: round(typical, 2),
  };
}
