/**
 * Counting-engine benchmarks. Both figures should be far below a millisecond per request: the
 * engine is pure arithmetic. The baseline, measured in the same run, is the cheapest possible
 * "parse": splitting a spec on whitespace and reading its numbers.
 *
 * engine_llama7b_summary_us: parse `llama-2-7b`, build it from its data file (defs expanded,
 * layers parsed: nothing of it is cached between requests), evaluate and render the summary.
 * engine_preset_all_ms: the same for every preset once, summed (one request each).
 */
import { count } from '../src/engine/count.js';
import { PRESETS } from '../src/engine/presets/index.js';
import { LECTURE_VGG16 } from '../src/engine/presets/lecture.js';
import { renderCount } from '../src/engine/render.js';
import { median, medianMicros, opsPerSecond, round, type Figures } from './lib.js';

const SINGLE_LAYERS = [
  'conv 3 64 3',
  'conv 64 128 3 stride=2 pad=same in=56x56',
  'dense 25088 4096',
  'bn 64',
  'lstm 128 256 layers=2 bidirectional=true',
  'dwconv 32 3 mult=2',
  'sepconv 32 64 3',
  'mha 8 512',
  'gru 128 256 --framework pytorch',
  'maxpool 2 in=224x224x64',
];


export function benchEngine(): Figures {
  let sink = 0n;
  const counts = opsPerSecond((i) => {
    sink += count(SINGLE_LAYERS[i % SINGLE_LAYERS.length]!).report.counts.total;
  });
  const baseline = opsPerSecond((i) => {
    for (const token of SINGLE_LAYERS[i % SINGLE_LAYERS.length]!.split(/\s+/)) sink += BigInt(Number.isNaN(Number(token)) ? 0 : 1);
  });
  let length = 0;
  const vgg16 = medianMicros(() => {
    length += renderCount(count(LECTURE_VGG16), 'en').length;
  });
  const llama = medianMicros(() => {
    length += renderCount(count('llama-2-7b'), 'en').length;
  });
  const all = PRESETS.map((p) => p.name);
  const everyPreset = median(
    Array.from({ length: 21 }, () => {
      const start = performance.now();
      for (const name of all) length += renderCount(count(name), 'en').length;
      return performance.now() - start;
    }),
  );
  if (sink < 0n || length < 0) throw new Error('unreachable: keeps the work observable');
  return {
    engine_counts_per_s: Math.round(counts),
    engine_baseline_tokenize_per_s: Math.round(baseline),
    engine_counts_vs_tokenize_ratio: round(counts / baseline, 4),
    engine_vgg16_summary_us: round(vgg16, 1),
    engine_llama7b_summary_us: round(llama, 1),
    engine_preset_all_ms: round(everyPreset, 2),
    engine_preset_count: all.length,
  };
}
