/**
 * Counting-engine benchmarks. Both figures should be far below a millisecond per request: the
 * engine is pure arithmetic. The baseline, measured in the same run, is the cheapest possible
 * "parse": splitting a spec on whitespace and reading its numbers.
 *
 * engine_llama7b_summary_us: parse `llama-2-7b`, build it from its data file (defs expanded,
 * layers parsed: nothing of it is cached between requests), evaluate and render the summary.
 * engine_preset_all_ms: the same for every preset once, summed (one request each).
 * engine_config_json_ms: the largest config.json a class pastes, DeepSeek-V3's (61 layers, 256
 * experts in 58 of them, 671B parameters): read, built, counted and rendered with --memory (the
 * quantized checkpoints' bytes and the activations too); engine_config_json_llama_ms the same for
 * Llama-3.1-8B's; engine_preset_llama31_memory_ms the Llama-3.1-8B preset with --memory, the same
 * model from its data file (the baseline the config's reading adds to); engine_config_json_worst_ms the
 * largest config accepted, DeepSeek-V3's with 255 mixture-of-experts layers (65,280 experts, just under
 * LIMITS.expertModules).
 * engine_paste_gpt_dataclass_ms: a nanoGPT written with a dataclass config, at GPT-2 small's size (12
 * layers of 12 heads, 768 wide, a 50,304-token vocabulary, 124M parameters), counted with its forward
 * followed on a (1, 1024) batch of token ids (median of runs); engine_paste_gpt_tokenize_ms, the
 * baseline in the same run, only tokenizes the same text, and engine_paste_gpt_vs_tokenize_ratio is
 * how many tokenizations one whole reading costs.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { tokenize } from '../src/engine/code/lexer.js';
import { count } from '../src/engine/count.js';
import { PRESETS } from '../src/engine/presets/index.js';
import { LECTURE_VGG16 } from '../src/engine/presets/lecture.js';
import { renderCount } from '../src/engine/render.js';
import { median, medianMicros, opsPerSecond, round, type Figures } from './lib.js';
import { DEEPSEEK_V3, LLAMA_31_8B } from '../test/support/hf-configs.js';

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

/** nanoGPT with its dataclass config, at GPT-2 small's size, its forward followed (see engine_paste_gpt_dataclass_ms). */
const GPT_DATACLASS = readFileSync(new URL('../../test/engine/code/pastes/corpus/nanogpt_dataclass_tied.py', import.meta.url), 'utf8').replace(
  /^model_args = [\s\S]*$/m,
  'model = GPT(GPTConfig(block_size=1024, vocab_size=50304, n_layer=12, n_head=12, n_embd=768))\nlogits = model(torch.randint(0, 50304, (1, 1024)))\n',
);

/** A large realistic paste: torchvision's ResNet-50 written as classes (~7,000 steps, 160 modules). */
const RESNET50 = readFileSync(new URL('../../test/engine/code/pastes/resnet50_classes.py', import.meta.url), 'utf8');

/**
 * The worst accepted paste: just under the module limit, each module a different layer (so no
 * layer is made once and reused), and forward followed through every one of them.
 */
const WORST = ['in=4x16x16', 'import torch.nn as nn', 'net = nn.Sequential(*[nn.Conv2d(4, 4, 3, padding=1, dilation=1 + i % 7, groups=1 + i % 2) for i in range(1_990)])'].join('\n');

/**
 * The largest paste: 100,000 characters of the shortest statements, the most tokens, AST nodes
 * and lines the reader is given, after a sentence (so the prose filter lexes it all once more
 * before the parser: the slower of the two ways a paste is read).
 */
const LARGEST = `Here is my homework, why does it not count?\nimport torch.nn as nn\n${'a=1\n'.repeat(24_970)}net = nn.Linear(2, 2)\n`;

/** DeepSeek-V3's config.json, written from its published architecture (test/support/hf-configs.ts). */
const DEEPSEEK_V3_JSON = JSON.stringify(DEEPSEEK_V3, null, 2);

/** Llama-3.1-8B's config.json (test/support/hf-configs.ts). */
const LLAMA31 = JSON.stringify(LLAMA_31_8B, null, 2);

/** The most steps a paste may take: a loop that stops just under the step budget. */
const LOOP = 'n = 0\nwhile n < 28_000:\n    n += 1\nimport torch.nn as nn\nnet = nn.Linear(2, 2)\n';

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
  /** Median milliseconds of counting a paste, after a few warm-up runs. */
  const paste = (text: string, iterations: number) => {
    for (let i = 0; i < 5; i++) sink += count(text).report.counts.total;
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const start = performance.now();
      sink += count(text).report.counts.total;
      times.push(performance.now() - start);
    }
    return median(times);
  };
  const resnet50 = paste(RESNET50, 60);
  const resnet50Forward = paste(`in=3x224x224\n${RESNET50}`, 60);
  const worst = paste(WORST, 15);
  const loop = paste(LOOP, 15);
  const largest = paste(LARGEST, 15);
  const gpt = paste(GPT_DATACLASS, 31);
  const gptTokenize = median(
    Array.from({ length: 31 }, () => {
      const start = performance.now();
      length += tokenize(GPT_DATACLASS).length;
      return performance.now() - start;
    }),
  );
  /** Median milliseconds of counting and rendering a request with --memory, after warm-up runs. */
  const rendered = (text: string, iterations: number) => {
    for (let i = 0; i < 3; i++) length += renderCount(count(text), 'en').length;
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const start = performance.now();
      length += renderCount(count(text), 'en').length;
      times.push(performance.now() - start);
    }
    return median(times);
  };
  const deepseek = rendered(`--memory\n${DEEPSEEK_V3_JSON}`, 21);
  const llamaConfig = rendered(`--memory\n${LLAMA31}`, 41);
  const llamaPreset = rendered('llama-3.1-8b --memory', 41);
  const worstConfig = rendered(`--memory\n${JSON.stringify({ ...DEEPSEEK_V3, num_hidden_layers: 255, first_k_dense_replace: 0 })}`, 7);
  if (sink < 0n || length < 0) throw new Error('unreachable: keeps the work observable');
  return {
    engine_counts_per_s: Math.round(counts),
    engine_baseline_tokenize_per_s: Math.round(baseline),
    engine_counts_vs_tokenize_ratio: round(counts / baseline, 4),
    engine_vgg16_summary_us: round(vgg16, 1),
    engine_llama7b_summary_us: round(llama, 1),
    engine_preset_all_ms: round(everyPreset, 2),
    engine_preset_count: all.length,
    engine_paste_resnet50_classes_ms: round(resnet50, 2),
    engine_paste_resnet50_classes_forward_ms: round(resnet50Forward, 2),
    engine_paste_worst_modules_forward_ms: round(worst, 2),
    engine_paste_worst_steps_ms: round(loop, 2),
    engine_paste_largest_ms: round(largest, 2),
    engine_paste_gpt_dataclass_ms: round(gpt, 2),
    engine_paste_gpt_tokenize_ms: round(gptTokenize, 3),
    engine_paste_gpt_vs_tokenize_ratio: round(gpt / gptTokenize, 1),
    engine_config_json_ms: round(deepseek, 2),
    engine_config_json_llama_ms: round(llamaConfig, 2),
    engine_preset_llama31_memory_ms: round(llamaPreset, 2),
    engine_config_json_worst_ms: round(worstConfig, 2),
  };
}
