/**
 * Every question is answerable from its own text. Each generated question is rendered in each
 * language, and its text is read back without the record it was made from: the code block is
 * counted by the engine's code reader (as a pasted model is), the sentences are read by the
 * catalogue's own wording (test/support/prompt-reader.ts) into what they state, which this file
 * writes as a /count spec by its own rules; the engine counts it, and the quantity the question's
 * last sentence asks is read off. It must be the question's answer: a number the answer depends
 * on that the text does not show (the input of a pooling layer, the key/value heads of a LoRA
 * question), or a convention it leaves to be guessed (padding), makes it fail.
 *
 * Every topic × level, over SEEDS seeds each (ANSWERABLE_SEEDS=2000 for a longer run), in English
 * and Chinese; every form a template draws (words, Keras code, PyTorch code, a model as arrows) is
 * met: at 150 seeds the same template × form pairs as at 2,000.
 */
import { afterAll, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { memoryOf, memoryValue, type MemoryQuantity } from '../../src/engine/memory.js';
import type { Report } from '../../src/engine/model.js';
import { LANGS, type Lang } from '../../src/i18n/messages.js';
import { generate } from '../../src/quiz/generator.js';
import type { Question } from '../../src/quiz/question.js';
import { promptText } from '../../src/quiz/text.js';
import { LEVELS, type Topic } from '../../src/domain/index.js';
import { readPrompt, type Part } from '../support/prompt-reader.js';

const SEEDS = Number(process.env.ANSWERABLE_SEEDS ?? 150);

type Values = Readonly<Record<string, string>>;

/** `3×3` → `3`, `1×7` → `1x7`; `56×56` → `56x56`. */
const dims = (text: string) => text.replace(/×/g, 'x');
const squareKernel = (k: string) => (/^(\d+)×\1$/.test(k) ? k.split('×')[0]! : dims(k));
/** The channels of a feature map's shape: its last axis. */
const channels = (shape: string) => shape.split('×').pop()!;

/** What a layer's words state, as the /count spec of the layer on its input. */
const LAYER_WORDS: Readonly<Record<string, (v: Values) => string>> = {
  'd.dense': (v) => `dense ${v.in} ${v.out}${v.bias === 'no' ? ' bias=false' : ''}`,
  'd.denseSequence': (v) => `dense ${v.in} ${v.out}${v.bias === 'no' ? ' bias=false' : ''} in=${v.t}`,
  'd.embedding': (v) => `embedding ${v.vocab} ${v.d} in=${v.t}`,
  'd.conv': (v) => `conv ${v.cin} ${v.cout} ${squareKernel(v.k!)} ${convOptions(v)} in=${dims(v.size!)}`,
  'd.conv1d': (v) => `conv1d ${v.cin} ${v.cout} ${v.k} ${convOptions(v)} in=${v.size}`,
  'd.deconv': (v) => `deconv ${v.cin} ${v.cout} ${squareKernel(v.k!)} stride=${v.stride} in=${dims(v.size!)}`,
  'd.bn': (v) => `bn ${channels(v.shape!)} in=${dims(v.shape!)}${v.framework === 'PyTorch' ? ' --framework pytorch' : ''}`,
  'd.bnPartial': (v) => `bn ${channels(v.shape!)} ${v.off}=false in=${dims(v.shape!)}`,
  'd.ln': (v) => `ln ${v.d} in=${v.t}`,
  'd.gn': (v) => `gn ${v.g} ${channels(v.shape!)} in=${dims(v.shape!)}`,
  'd.pool': (v) => `${v.avg === 'yes' ? 'avgpool' : 'maxpool'} ${squareKernel(v.k!)} stride=${v.stride} in=${dims(v.shape!)}`,
  'd.dwconv': (v) => `dwconv ${v.c} ${squareKernel(v.k!)} mult=${v.mult} ${convOptions(v)} in=${dims(v.size!)}`,
  'd.sepconv': (v) => `sepconv ${v.cin} ${v.cout} ${squareKernel(v.k!)} mult=${v.mult} ${convOptions({ ...v, bias: 'yes' })} in=${dims(v.size!)}`,
  'd.recurrent': (v) =>
    `${{ SimpleRNN: 'rnn', 'nn.RNN': 'rnn', LSTM: 'lstm', 'nn.LSTM': 'lstm', GRU: 'gru', 'nn.GRU': 'gru' }[v.type!]} ${v.in} ${v.h}` +
    `${v.layers ? ` layers=${v.layers}` : ''}${v.bidirectional ? ' bidirectional=true' : ''}${v.resetAfter === 'no' ? ' reset_after=false' : ''} in=${v.t}${v.framework === 'PyTorch' ? ' --framework pytorch' : ''}`,
  'd.mha': (v) => `mha ${v.heads} ${v.d} key_dim=${v.key} in=${v.t}`,
  'd.torchMha': (v) => `mha ${v.heads} ${v.d}${v.bias === 'no' ? ' bias=false' : ''} in=${v.t} --framework pytorch`,
  'd.kerasMha': (v) => `mha ${v.heads} ${v.d} key_dim=${v.key}${v.value ? ` value_dim=${v.value}` : ''}${v.bias === 'no' ? ' bias=false' : ''} in=${v.t}`,
  'd.gqa': (v) => `attention ${v.heads} ${v.d} kv_heads=${v.kv} head_dim=${v.dh} ${{ none: 'bias=false', qkv: 'qkv_bias=true out_bias=false', all: '' }[v.bias!]} in=${v.t}`,
  'd.ffn': (v) => `mlp ${v.d} ${v.f}${v.bias === 'no' ? ' bias=false' : ''} in=${v.t}`,
  'd.gated': (v) => `${v.kind!.toLowerCase()} ${v.d} ${v.f}${v.bias === 'no' ? ' bias=false' : ''} in=${v.t}`,
};

/** A convolution's options as its words state them: padding always, the rest when said. */
function convOptions(v: Values): string {
  return [v.stride && `stride=${v.stride}`, `pad=${v.pad}`, v.dilation && `dilation=${v.dilation}`, v.groups && `groups=${v.groups}`, v.bias === 'no' && 'bias=false'].filter(Boolean).join(' ');
}

/** A LLaMA decoder layer as the words state it. */
const llamaLayer = (v: Values) => `rmsnorm > attention ${v.heads} kv_heads=${v.kv} head_dim=${v.dh} bias=false > rmsnorm > swiglu ${v.f} bias=false`;

/** What a block's words state, as a model spec. */
const BLOCK_WORDS: Readonly<Record<string, (v: Values) => string>> = {
  'd.encoderTorch': (v) => encoder(v, 'pytorch'),
  'd.encoderKeras': (v) => encoder(v, 'keras'),
  'd.gpt2Block': (v) => `input ${v.t}x${v.d} > ln > attention ${v.heads} > ln > mlp ${v.f}`,
  'd.llamaBlock': (v) => `input ${v.t}x${v.d} > ${llamaLayer(v)}`,
  'd.lmEmbeddings': (v) => `input ${v.t} > wte: embedding ${v.vocab} ${v.d} > posembed ${v.p} > lmhead ${v.vocab}${v.tied === 'yes' ? ' tie=wte' : ''}`,
};

function encoder(v: Values, framework: 'keras' | 'pytorch'): string {
  const bias = v.bias === 'no' ? ' bias=false' : '';
  return `input ${v.t}x${v.d} > mha ${v.heads}${bias} > ln${bias} > mlp ${v.f}${bias} > ln${bias}${framework === 'pytorch' ? ' --framework pytorch' : ''}`;
}

/** The quantity a question's last sentence asks, read off a count. */
function quantityOf(ask: Part, report: Report): bigint | undefined {
  switch (ask.key) {
    case 'ask.params':
    case 'ask.summary':
    case 'ask.torchParams':
    case 'ask.embeddings':
      return report.counts.total;
    case 'ask.trainable':
    case 'ask.loraTrainable':
      return report.counts.trainable;
    case 'ask.nonTrainable':
      return report.counts.nonTrainable;
    case 'ask.macs':
      return report.macs ?? undefined;
    case 'ask.height': {
      const h = report.output[0];
      return h === null || h === undefined || report.output.length < 2 ? undefined : BigInt(h);
    }
    case 'ask.size':
      return report.output.every((d): d is number => d !== null) ? report.output.reduce((a, d) => a * BigInt(d), 1n) : undefined;
    case 'ask.largest': {
      const rows = report.rows;
      return BigInt(rows.reduce((b, r, i) => (r.counts.total > rows[b]!.counts.total ? i : b), 0) + 1);
    }
    default:
      return undefined;
  }
}

/** A report with `total` parameters (`trainable` of them trained): what a question that states a count gives. */
function stated(total: bigint, trainable = total): Report {
  return { ...count('dense 1 1').report, counts: { total, trainable, nonTrainable: total - trainable } };
}

/** The bytes a memory question asks of `report`. */
function bytes(ask: Part, report: Report, batch = 1): bigint | undefined {
  const v = ask.values;
  const q: MemoryQuantity | undefined =
    ask.key === 'ask.weightBytes'
      ? { of: 'weights', precision: v.precision as 'fp32' }
      : ask.key === 'ask.trainingBytes' || ask.key === 'ask.loraTrainingBytes'
        ? { of: 'training', mode: v.mode as 'fp32' | 'mixed' }
        : ask.key === 'ask.kvPerToken' || ask.key === 'ask.kvCache'
          ? { of: 'kv' }
          : undefined;
  return q === undefined ? undefined : memoryValue(memoryOf(report, batch), q);
}

/** The x that gives `spec(x)` `target` parameters: counts are linear in a layer's units, filters or channels. */
function solve(spec: (x: number) => string, target: bigint): bigint {
  const at1 = count(spec(1)).report.counts.total;
  const slope = count(spec(2)).report.counts.total - at1;
  return (target - at1) / slope + 1n;
}

const part = (parts: readonly Part[], key: string) => parts.find((p) => p.key === key)?.values;

/** The code reader's count of a code block; both languages show the same code, read once. */
const codeCounts = new Map<string, Report>();
function counted(code: string): Report {
  let report = codeCounts.get(code);
  if (!report) codeCounts.set(code, (report = count(code).report));
  if (codeCounts.size > 64) codeCounts.delete(codeCounts.keys().next().value!);
  return report;
}

/** The answer the text gives, worked out by the engine from what the text states; undefined when it states too little. */
function answerOf(lang: Lang, text: string): bigint | undefined {
  const { code, parts } = readPrompt(lang, text);
  const ask = parts.find((p) => p.key.startsWith('ask.'));
  const has = (key: string) => part(parts, key);
  let v: Values | undefined;
  if ((v = has('q.inverseUnits'))) return solve((x) => `dense ${v!.in} ${x}`, BigInt(v.target!));
  if ((v = has('q.inverseInputs'))) return solve((x) => `dense ${x} ${v!.out}`, BigInt(v.target!));
  if ((v = has('q.inverseFilters'))) return solve((x) => `conv ${v!.cin} ${x} ${squareKernel(v!.k!)}`, BigInt(v.target!));
  if ((v = has('q.inverseChannels'))) return solve((x) => `conv ${x} ${v!.cout} ${squareKernel(v!.k!)}`, BigInt(v.target!));
  if ((v = has('q.separableSaving'))) {
    const k = squareKernel(v.k!);
    return count(`conv ${v.cin} ${v.cout} ${k}`).report.counts.total - count(`sepconv ${v.cin} ${v.cout} ${k}`).report.counts.total;
  }
  if (!ask) return undefined;
  if (code !== undefined) return quantityOf(ask, counted(code));
  const layer = parts.find((p) => LAYER_WORDS[p.key]);
  if (layer) return quantityOf(ask, count(LAYER_WORDS[layer.key]!(layer.values)).report);
  const block = parts.find((p) => BLOCK_WORDS[p.key]);
  if (block && !has('d.loraOn') && !ask.key.endsWith('Bytes')) return quantityOf(ask, count(BLOCK_WORDS[block.key]!(block.values)).report);
  const modern = modernAnswer(ask, has);
  if (modern !== undefined) return modern;
  const lora = has('d.loraOn');
  const decoder = has('d.decoder');
  const llama = has('d.llamaBlock');
  const adapters = (spec: string) => count(`${spec} > lora r=${lora!.r} targets=${JSON.parse(lora!.targets!).join(',')}`).report.counts.trainable;
  if (ask.key === 'ask.loraTrainable' && lora) {
    if (llama) return adapters(`input ${llama.t}x${llama.d} > ${llamaLayer(llama)}`);
    if (decoder) return adapters(`input 1x${decoder.d} > { ${llamaLayer(decoder)} } x${decoder.layers}`);
    return undefined;
  }
  if (ask.key === 'ask.kvPerToken' && decoder) return bytes(ask, count(`input 1x${decoder.d} > { ${llamaLayer(decoder)} } x${decoder.layers}`).report);
  if (ask.key === 'ask.kvCache' && decoder) {
    const batch = Number(ask.values.batch ?? '1');
    return bytes(ask, count(`input ${ask.values.t}x${decoder.d} > { ${llamaLayer(decoder)} } x${decoder.layers}`).report, batch);
  }
  if (ask.key === 'ask.weightBytes') {
    if (llama) return bytes(ask, count(`input ${llama.t}x${llama.d} > ${llamaLayer(llama)}`).report);
    const total = has('d.modelParameters')?.n ?? has('d.parametersStated')?.n;
    return total === undefined ? undefined : bytes(ask, stated(BigInt(total)));
  }
  if (ask.key === 'ask.trainingBytes') {
    const total = has('d.modelParameters')?.n ?? has('d.parametersStated')?.n;
    return total === undefined ? undefined : bytes(ask, stated(BigInt(total)));
  }
  if (ask.key === 'ask.loraTrainingBytes' && lora && decoder) {
    const base = BigInt(has('d.parametersStated')?.n ?? has('d.modelParameters')?.n ?? '-1');
    if (base < 0n) return undefined;
    const trained = adapters(`input 1x${decoder.d} > { ${llamaLayer(decoder)} } x${decoder.layers}`);
    return bytes(ask, stated(base + trained, trained));
  }
  return undefined;
}

/** A mixture of experts' MLP as its words state it: E experts of width F, top_k, and shared experts (DeepSeek's plain, Qwen's gated). */
function moeSpec(v: Values): string {
  const shared = v.shared === 'plain' ? ` shared_ff=${v.fs}` : v.shared === 'gated' ? ` shared_ff=${v.fs} shared_name=shared_expert shared_gate=true` : '';
  return `moe ${v.e} ${v.fe} top_k=${v.k}${shared}`;
}

/** A language model as its words state it: the token embedding, L layers (attention and `mlp`), a final RMSNorm, an untied head. */
const languageModel = (v: Values, mlp: string, t = '1') =>
  `input ${t} > embed_tokens: embedding ${v.vocab} ${v.d} > { rmsnorm > attention ${v.heads} kv_heads=${v.kv} head_dim=${v.dh} bias=false > rmsnorm > ${mlp} } x${v.layers} > rmsnorm > lm_head: lmhead ${v.vocab}`;

/** A question of the modern topic answered from its words; undefined for any other. */
function modernAnswer(ask: Part, has: (key: string) => Values | undefined): bigint | undefined {
  const figure = (spec: string, q: MemoryQuantity, batch = 1) => memoryValue(memoryOf(count(spec).report, batch), q);
  let v: Values | undefined;
  if (ask.key === 'ask.params' && (v = has('d.moeLayer'))) return count(`input ${v.t}x${v.d} > ${moeSpec(v)}`).report.counts.total;
  if (ask.key === 'ask.moeActive' && (v = has('d.moeModel'))) return figure(languageModel(v, moeSpec(v)), { of: 'active' });
  if (ask.key === 'ask.weightBytes' && (v = has('d.moeCounts'))) return bytes(ask, stated(BigInt(v.n!)));
  if (ask.key === 'ask.quantBytes') {
    const q: MemoryQuantity = { of: 'quantized', format: ask.values.format as 'nf4' };
    if ((v = has('d.lmDecoder'))) return figure(languageModel(v, `swiglu ${v.f} bias=false`), q);
    if ((v = has('d.llamaBlock'))) return figure(`input ${v.t}x${v.d} > ${llamaLayer(v)}`, q);
    return undefined;
  }
  if ((ask.key === 'ask.kvLatentToken' || ask.key === 'ask.kvLatentCache') && (v = has('d.mlaDecoder'))) {
    const t = ask.key === 'ask.kvLatentToken' ? '1' : ask.values.t!;
    const batch = ask.key === 'ask.kvLatentToken' ? 1 : Number(ask.values.batch ?? '1');
    const mla = `mla ${v.heads} kv_rank=${v.rank}${v.qRank ? ` q_rank=${v.qRank}` : ''} nope_dim=${v.nope} rope_dim=${v.rope} v_dim=${v.vd}`;
    return figure(`input ${t}x${v.d} > { rmsnorm > ${mla} > rmsnorm > swiglu ${v.f} bias=false } x${v.layers}`, { of: 'kv' }, batch);
  }
  if (ask.key === 'ask.flopsToken') {
    const t = ask.values.t!;
    if ((v = has('d.moeModel'))) return figure(languageModel(v, moeSpec(v), t), { of: 'flops' });
    if ((v = has('d.lmDecoder'))) return figure(languageModel(v, `swiglu ${v.f} bias=false`, t), { of: 'flops' });
  }
  return undefined;
}

/** The form a question was drawn in (its identity's variant), for the coverage count. */
const formOf = (q: Question) => {
  const variant = q.key.split('|')[3]!;
  return variant.startsWith('prose') || /^\d$/.test(variant) ? 'words' : variant.split('.')[0]!;
};

/** Reads every question of `topics` back: the topics are split over two files, which run in parallel. */
export function answerableTest(topics: readonly Topic[]): void {
  const checked = new Map<Topic, { texts: number; forms: Set<string> }>();
  afterAll(() => {
    const lines = [...checked].map(([topic, c]) => `${topic.padEnd(10)} ${String(c.texts).padStart(6)} texts, 0 failures, ${c.forms.size} template × form pairs`);
    console.log(['Prompts read back and answered, per topic:', ...lines].join('\n'));
  });
  for (const topic of topics) {
    it(`${topic}: ${SEEDS} seeds × ${LEVELS.length} levels × ${LANGS.length} languages, every form`, () => {
      const tally = { texts: 0, forms: new Set<string>() };
      const failures: string[] = [];
      for (const level of LEVELS) {
        for (let i = 0; i < SEEDS; i++) {
          const q = generate(i * 2_654_435 + 11, level, topic);
          tally.forms.add(`${q.template}/${formOf(q)}`);
          for (const lang of LANGS) {
            const text = promptText(lang, q);
            let got: bigint | undefined;
            try {
              got = answerOf(lang, text);
            } catch (e) {
              failures.push(`${level} ${q.template} seed ${q.seed} (${lang}): ${(e as Error).message.split('\n')[0]}\n${text}`);
              continue;
            }
            tally.texts++;
            if (got !== q.answer) failures.push(`${level} ${q.template} seed ${q.seed} (${lang}): the text gives ${got ?? 'nothing'}, the answer is ${q.answer}\n${text}`);
          }
        }
      }
      expect(failures.length, failures.slice(0, 3).join('\n\n')).toBe(0);
      expect(tally.texts).toBe(SEEDS * LEVELS.length * LANGS.length);
      checked.set(topic, tally);
    }, 120_000); // seconds on a quiet machine, more on a busy one
  }
}
