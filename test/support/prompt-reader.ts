/**
 * Reads a question's rendered text back, knowing nothing of the record it was made from: its code
 * block (to be counted by the engine's code reader) and its sentences, each recognized as one of
 * the catalogue's messages with the values it states.
 *
 * A sentence is recognized by the message's own text: every message a prompt may hold is rendered
 * with a sentinel in place of each value, the rendering turned into a pattern (a sentinel becomes a
 * capture), and the text matched against the patterns. A value with its own wording (a single
 * channel, a depth multiplier of 1 left unsaid, a multi-query head) is rendered both ways, so a
 * value the text leaves out is read only where the message's wording says what leaving it out
 * means. The values are read from the text: a number the text does not show cannot be read.
 */
import { t, type Lang, type MessageKey, type MessageRef } from '../../src/i18n/messages.js';

/** What a message parameter may hold: a number (some with a wording of their own), one of a few words, or a free form. */
type Domain = { readonly t: 'number'; readonly special?: readonly string[] } | { readonly t: 'enum'; readonly values: readonly string[] } | { readonly t: 'kernel' | 'dims' | 'list' };

const num = (...special: string[]): Domain => ({ t: 'number', special });
const oneOf = (...values: string[]): Domain => ({ t: 'enum', values });
const KERNEL: Domain = { t: 'kernel' };
const DIMS: Domain = { t: 'dims' };
const LIST: Domain = { t: 'list' };
const V2 = oneOf('0', '1');
const YES_NO = oneOf('yes', 'no');
const OF = oneOf('layer', 'model', 'block');
const askOf = (wordings: number) => ({ v: oneOf(...Array.from({ length: wordings }, (_, i) => String(i))), of: OF });

/** Every message a prompt may hold, with what each of its parameters may be. */
export const DOMAINS: Readonly<Partial<Record<MessageKey, Readonly<Record<string, Domain>>>>> = {
  'lead.keras': {},
  'lead.torch': {},
  'lead.model': {},
  'lead.frozenModel': {},
  'lead.block': {},
  'lead.kerasModel': {},
  'lead.torchModel': {},
  'lead.kernelNote': {},
  'ask.params': askOf(3),
  'ask.trainable': askOf(2),
  'ask.nonTrainable': askOf(2),
  'ask.macs': askOf(2),
  'ask.height': askOf(2),
  'ask.size': askOf(2),
  'ask.summary': askOf(1),
  'ask.torchParams': askOf(1),
  'ask.largest': {},
  'ask.embeddings': { v: V2 },
  'ask.weightBytes': { v: V2, precision: oneOf('fp32', 'fp16', 'bf16', 'int8', 'int4') },
  'ask.trainingBytes': { v: V2, mode: oneOf('fp32', 'mixed') },
  'ask.loraTrainingBytes': { v: V2, mode: oneOf('fp32', 'mixed') },
  'ask.kvPerToken': { v: V2, t: num(), batch: num() },
  'ask.kvCache': { v: V2, t: num(), batch: num('1') },
  'ask.loraTrainable': { v: V2 },
  'd.dense': { v: V2, in: num(), out: num('1'), bias: YES_NO },
  'd.denseSequence': { v: V2, t: num(), in: num(), out: num(), bias: YES_NO },
  'd.embedding': { v: V2, vocab: num(), d: num(), t: num() },
  'd.conv': { v: V2, cin: num('1'), cout: num(), k: KERNEL, size: DIMS, stride: num(''), pad: num('valid', 'same'), dilation: num(''), groups: num(''), bias: YES_NO },
  'd.conv1d': { v: V2, cin: num('1'), cout: num(), k: KERNEL, size: DIMS, stride: num(''), pad: num('valid', 'same'), dilation: num(''), groups: num(''), bias: YES_NO },
  'd.deconv': { v: V2, cin: num('1'), cout: num(), k: KERNEL, stride: num(), size: DIMS },
  'd.bn': { v: V2, shape: DIMS, framework: oneOf('Keras', 'PyTorch') },
  'd.bnPartial': { v: V2, shape: DIMS, off: oneOf('center', 'scale') },
  'd.ln': { v: V2, t: num(), d: num() },
  'd.gn': { v: V2, g: num(), shape: DIMS },
  'd.pool': { v: V2, k: KERNEL, stride: num(), shape: DIMS, avg: YES_NO },
  'd.dwconv': { v: V2, c: num('1'), k: KERNEL, mult: num('1'), size: DIMS, stride: num(''), pad: num('valid', 'same'), bias: YES_NO },
  'd.sepconv': { v: V2, cin: num('1'), cout: num(), k: KERNEL, mult: num('1'), size: DIMS, stride: num(''), pad: num('valid', 'same') },
  'd.recurrent': {
    v: V2,
    type: oneOf('SimpleRNN', 'LSTM', 'GRU', 'nn.RNN', 'nn.LSTM', 'nn.GRU'),
    in: num(),
    h: num(),
    t: num(),
    framework: oneOf('Keras', 'PyTorch'),
    layers: num(''),
    bidirectional: oneOf('', 'yes'),
    resetAfter: oneOf('', 'no'),
  },
  'd.mha': { v: V2, heads: num(), d: num(), t: num(), key: num() },
  'd.torchMha': { v: V2, d: num(), heads: num(), t: num(), bias: YES_NO },
  'd.kerasMha': { v: V2, d: num(), heads: num(), key: num(), value: num(''), t: num(), bias: YES_NO },
  'd.gqa': { v: V2, d: num(), heads: num(), kv: num('1'), dh: num(), t: num(), bias: oneOf('none', 'qkv', 'all') },
  'd.encoderTorch': { v: V2, d: num(), heads: num(), f: num(), t: num(), key: num(), bias: YES_NO },
  'd.encoderKeras': { v: V2, d: num(), heads: num(), f: num(), t: num(), key: num(), bias: YES_NO },
  'd.gpt2Block': { v: V2, d: num(), heads: num(), t: num(), f: num() },
  'd.ffn': { v: V2, d: num(), f: num(), t: num(), bias: YES_NO },
  'd.gated': { v: V2, kind: oneOf('SwiGLU', 'GeGLU'), d: num(), f: num(), t: num(), bias: YES_NO },
  'd.lmEmbeddings': { v: V2, vocab: num(), d: num(), p: num(), t: num(), tied: YES_NO },
  'd.llamaBlock': { v: V2, d: num(), heads: num(), kv: num('1'), dh: num(), f: num(), t: num() },
  'd.decoder': { v: V2, layers: num(), d: num(), heads: num(), kv: num('1'), dh: num(), f: num() },
  'd.modelParameters': { v: V2, n: num(), layers: num(), d: num() },
  'd.parametersStated': { v: V2, n: num() },
  'd.loraOn': { v: V2, r: num(), targets: LIST },
  'q.inverseUnits': { v: V2, in: num(), target: num() },
  'q.inverseInputs': { v: V2, out: num(), target: num() },
  'q.inverseFilters': { v: V2, cin: num('1'), k: KERNEL, target: num() },
  'q.inverseChannels': { v: V2, cout: num(), k: KERNEL, target: num() },
  'q.separableSaving': { v: V2, cin: num('1'), cout: num(), k: KERNEL },
  // modern LLMs: mixtures of experts, quantized checkpoints, latent attention, FLOPs per token
  'd.moeLayer': { v: V2, d: num(), t: num(), e: num(), k: num(), fe: num(), shared: oneOf('none', 'plain', 'gated'), fs: num('') },
  'd.moeModel': { v: V2, layers: num(), vocab: num(), d: num(), heads: num(), kv: num('1'), dh: num(), e: num(), k: num(), fe: num(), shared: oneOf('none', 'plain', 'gated'), fs: num('') },
  'd.moeCounts': { v: V2, layers: num(), d: num(), e: num(), k: num(), n: num(), active: num() },
  'ask.moeActive': { v: V2 },
  'd.lmDecoder': { v: V2, layers: num(), vocab: num(), d: num(), heads: num(), kv: num('1'), dh: num(), f: num() },
  'd.quantLayout': { v: V2, format: oneOf('gptq-int4', 'awq-int4', 'nf4') },
  'ask.quantBytes': { v: V2, format: oneOf('gptq-int4', 'awq-int4', 'nf4'), of: oneOf('block', 'model') },
  'd.mlaDecoder': { v: V2, layers: num(), d: num(), heads: num(), rank: num(), qRank: num(''), nope: num(), rope: num(), vd: num(), f: num() },
  'ask.kvLatentToken': { v: V2, t: num(), batch: num() },
  'ask.kvLatentCache': { v: V2, t: num(), batch: num('1') },
  'ask.flopsToken': { v: V2, t: num() },
};

/** A sentence read: the message it is and the values it states (numbers without separators). */
export interface Part {
  readonly key: MessageKey;
  readonly values: Readonly<Record<string, string>>;
}

export interface Reading {
  /** The code block, as shown. */
  readonly code: string | undefined;
  readonly parts: readonly Part[];
}

const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)`;
const CAPTURE: Readonly<Record<Exclude<Domain['t'], 'enum'>, string>> = { number: NUMBER, kernel: String.raw`(\d+(?:×\d+)?)`, dims: String.raw`(\d+(?:×\d+)*)`, list: String.raw`(\[[^\]]*\])` };
const sentinel = (name: string) => `\u0001${name}\u0002`;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters mark a sentinel, which no prompt holds
const SENTINEL = /\u0001(\w+)\u0002/g;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Pattern {
  readonly key: MessageKey;
  readonly regex: RegExp;
  /** The literal text every match holds: a quick test before the pattern. */
  readonly anchor: string;
  /** Capture group i holds parameter names[i]. */
  readonly names: readonly string[];
  /** The values the rendering fixed (words, and numbers said in their own wording). */
  readonly fixed: Readonly<Record<string, string>>;
  /** The parameters that are numbers (read without their thousands separators). */
  readonly numbers: ReadonlySet<string>;
}

/** Every way to fill a message's parameters: each word, each number as a sentinel or in its own wording. */
function fillings(domains: Readonly<Record<string, Domain>>): Array<Record<string, string>> {
  let out: Array<Record<string, string>> = [{}];
  for (const [name, d] of Object.entries(domains)) {
    const choices = d.t === 'enum' ? d.values : [sentinel(name), ...(d.t === 'number' ? (d.special ?? []) : [])];
    out = out.flatMap((f) => choices.map((c) => ({ ...f, [name]: c })));
  }
  return out;
}

function patternsOf(lang: Lang): Pattern[] {
  const out: Pattern[] = [];
  for (const [key, domains] of Object.entries(DOMAINS) as Array<[MessageKey, Readonly<Record<string, Domain>>]>) {
    const seen = new Set<string>();
    for (const params of fillings(domains)) {
      const ref = (Object.keys(params).length === 0 ? { key } : { key, params }) as MessageRef;
      const rendered = t(lang, ref);
      if (seen.has(rendered)) continue; // a parameter the wording does not use
      seen.add(rendered);
      const names: string[] = [];
      let source = '';
      let last = 0;
      for (const m of rendered.matchAll(SENTINEL)) {
        source += escapeRegex(rendered.slice(last, m.index));
        const name = m[1]!;
        names.push(name);
        source += CAPTURE[(domains[name] as Exclude<Domain, { t: 'enum' }>).t];
        last = m.index + m[0].length;
      }
      source += escapeRegex(rendered.slice(last));
      const literals = rendered.split(SENTINEL).filter((_, i) => i % 2 === 0);
      const anchor = literals.reduce((a, b) => (b.length > a.length ? b : a), '');
      const fixed = Object.fromEntries(Object.entries(params).filter(([, v]) => !v.startsWith('\u0001')));
      const numbers = new Set(
        Object.entries(domains)
          .filter(([, d]) => d.t === 'number')
          .map(([name]) => name),
      );
      out.push({ key, regex: new RegExp(source), anchor, names, fixed, numbers });
    }
  }
  return out;
}

const PATTERNS: Record<Lang, Pattern[] | undefined> = { en: undefined, 'zh-TW': undefined };

/** A read failed: the text cannot be read (a number missing, two readings). */
export class Unreadable extends Error {}

/**
 * The sentences of a prompt's text, each as the message it is. A sentence that matches two
 * messages, or one message read with two different sets of values, is unreadable: the student
 * could read it either way.
 */
export function readPrompt(lang: Lang, text: string): Reading {
  const block = /```python\n([\s\S]*?)\n```/.exec(text);
  const code = block?.[1];
  const prose = block ? text.replace(block[0], '\n') : text;
  const patterns = (PATTERNS[lang] ??= patternsOf(lang));
  const found = new Map<MessageKey, Map<string, Part & { at: number; length: number }>>();
  for (const p of patterns) {
    if (!prose.includes(p.anchor)) continue;
    const m = p.regex.exec(prose);
    if (!m) continue;
    const values: Record<string, string> = { ...p.fixed };
    let consistent = true;
    p.names.forEach((name, i) => {
      const value = p.numbers.has(name) ? m[i + 1]!.replace(/,/g, '') : m[i + 1]!;
      if (values[name] !== undefined && values[name] !== value) consistent = false; // the same value written twice must agree
      values[name] = value;
    });
    if (!consistent) continue;
    const byValues = found.get(p.key) ?? new Map();
    byValues.set(JSON.stringify(Object.entries(values).sort()), { key: p.key, values, at: m.index, length: m[0].length });
    found.set(p.key, byValues);
  }
  const parts: Array<Part & { at: number; length: number }> = [];
  for (const [key, readings] of found) {
    const all = [...readings.values()];
    // a shorter match inside a longer one of the same message is the same sentence read in part
    const whole = all.filter((a) => !all.some((b) => b !== a && b.at <= a.at && b.at + b.length >= a.at + a.length && b.length > a.length));
    const distinct = new Set(
      whole.map((w) =>
        JSON.stringify(
          Object.entries(w.values)
            .filter(([k]) => k !== 'v')
            .sort(),
        ),
      ),
    );
    if (distinct.size > 1) throw new Unreadable(`"${prose}" reads as ${key} in ${distinct.size} ways: ${[...distinct].join(' | ')}`);
    parts.push(whole[0]!);
  }
  // a message whose whole text is inside another's is not a sentence of its own
  const sentences = parts.filter((a) => !parts.some((b) => b !== a && b.at <= a.at && b.at + b.length >= a.at + a.length && b.length > a.length));
  return { code, parts: sentences.sort((a, b) => a.at - b.at).map(({ key, values }) => ({ key, values })) };
}
