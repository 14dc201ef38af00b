/**
 * Large language models: feed-forward widths (4·D) and gated MLPs (SwiGLU/GeGLU: three matrices),
 * token and position embeddings with a tied or untied head (where GPT-2 small keeps about a third
 * of its parameters), RMSNorm against LayerNorm in a LLaMA-style block, LoRA's trainable
 * parameters (r×(IN + OUT) per adapted matrix), and memory in bytes: weights by precision, Adam
 * training (16 bytes per trainable parameter) and the KV cache of decoding.
 */
import { count } from '../../engine/count.js';
import type { MemoryQuantity, Precision } from '../../engine/memory.js';
import { msg, type MessageKey, type MessageRef } from '../../i18n/messages.js';
import { attention, feedForward, lmHead, modelSpec, positions, repeated, rmsnorm, tokens, type Model, type Piece } from '../describe.js';
import { layerDraft } from '../forms.js';
import type { Draft, Template, TopicTemplates } from '../question.js';
import { range, type Rng } from '../random.js';
import { nounLabels } from '../labels.js';
import { block, n } from './common.js';

export const STEPS = range(16, 4096, 16);
export const VOCABULARIES = [...range(1000, 64000, 500), 30522, 32000, 50257, 128256];
const yes = (b: boolean) => (b ? 'yes' : 'no');

/** A model width and heads: h heads of d_h. */
export function widths(rng: Rng) {
  const h = rng.pick([4, 8, 12, 16, 32]);
  const dh = rng.pick([32, 64, 96, 128]);
  return { h, dh, d: h * dh };
}

/** The hidden width of a gated MLP: about 8/3·D (LLaMA rounds it up to a multiple of 256), or another. */
export const gatedWidth = (rng: Rng, d: number) => (rng.next() < 0.5 ? Math.ceil((8 * d) / 3 / 256) * 256 : rng.pick(range(2 * d, 4 * d, 64)));

/** GPT-2's MLP (c_fc D → F, GELU, c_proj F → D, biases), applied at every token. */
function ffn(id: string, o: { freeWidth: boolean }): Template {
  return {
    id,
    draft(rng) {
      const d = rng.pick(range(64, 2048, 32));
      const f = o.freeWidth && rng.next() < 0.6 ? rng.pick(range(d, 8 * d, 32).filter((x) => x !== 4 * d)) : 4 * d;
      const t = rng.pick(STEPS);
      const bias = !o.freeWidth || rng.next() < 0.7;
      return layerDraft(rng, { piece: feedForward({ d, f, bias, kind: 'mlp' }), input: [t, d], ask: 'ask.params', quantity: 'params', hint: msg('hint.ffn') });
    },
  };
}

/** LLaMA's SwiGLU (gate_proj, up_proj, down_proj) or T5 v1.1's GeGLU: three matrices. */
function gated(id: string, o: { bias: 'no' | 'either' }): Template {
  return {
    id,
    draft(rng) {
      const { d } = widths(rng);
      const f = gatedWidth(rng, d);
      const t = rng.pick(STEPS);
      const kind = rng.pick(['swiglu', 'geglu'] as const);
      const bias = o.bias === 'either' && rng.next() < 0.4;
      return layerDraft(rng, { piece: feedForward({ d, f, bias, kind }), input: [t, d], ask: 'ask.params', quantity: 'params', hint: msg('hint.gated') });
    },
  };
}

/** A question about a block or a model in prose only: its words, the spec it means and what is asked. */
export function prose(id: string, make: (rng: Rng) => Omit<Draft, 'variant' | 'prompt'> & { readonly words: (v: number) => readonly MessageRef[] }): Template {
  return {
    id,
    draft(rng) {
      const { words, ...rest } = make(rng);
      const v = rng.int(0, 1);
      return { ...rest, prompt: words(v), variant: `prose${v}` };
    },
  };
}

/** The token embedding, the learned positions and the LM head, tied to the embedding (GPT-2) or not. */
function embeddingsHead(id: string, o: { tied: 'yes' | 'either' }): Template {
  return prose(id, (rng) => {
    const vocab = rng.pick(VOCABULARIES);
    const d = rng.pick(range(64, 1600, 32));
    const p = rng.pick([128, 256, 512, 1024, 2048, 4096]);
    const t = rng.pick(STEPS.filter((x) => x <= p));
    const tied = o.tied === 'yes' || rng.next() < 0.5;
    const model: Model = { input: [t], layers: [tokens({ name: 'wte', v: vocab, d }), positions(p), lmHead({ v: vocab, ...(tied && { tie: 'wte' }) })] };
    const words = (v: number) => [msg('d.lmEmbeddings', { v: String(v), vocab: n(vocab), d: n(d), p: n(p), t: n(t), tied: yes(tied) }), msg('ask.embeddings', { v: String(v) })];
    return { words, spec: modelSpec(model), ask: { kind: 'read', quantity: 'params' }, hint: msg('hint.embeddings'), labels: nounLabels(model.layers) };
  });
}

/** One LLaMA-style decoder block: RMSNorm, grouped-query attention without biases, RMSNorm, SwiGLU. */
export interface Decoder {
  readonly d: number;
  readonly h: number;
  readonly kv: number;
  readonly dh: number;
  readonly f: number;
}

/** `grouped`: fewer K/V heads than query heads, always. */
export function decoder(rng: Rng, o: { headDim?: boolean; grouped?: boolean } = {}): Decoder {
  const { h, dh, d } = widths(rng);
  const kv = rng.pick(range(1, o.grouped ? h - 1 : h).filter((k) => h % k === 0));
  const own = o.headDim && rng.next() < 0.5 ? rng.pick([64, 128, 256].filter((x) => x !== dh)) : dh;
  return { d, h, kv, dh: own, f: gatedWidth(rng, d) };
}

export const decoderLayers = (x: Decoder): Piece[] => [
  rmsnorm,
  attention({ heads: x.h, kvHeads: x.kv, ...(x.dh * x.h !== x.d && { headDim: x.dh }), bias: 'none' }),
  rmsnorm,
  feedForward({ f: x.f, bias: false, kind: 'swiglu' }),
];
export const decoderWords = (x: Decoder) => ({ d: n(x.d), heads: String(x.h), kv: String(x.kv), dh: String(x.dh), f: n(x.f) });

function llamaBlock(id: string, o: { headDim?: boolean } = {}): Template {
  return block(
    id,
    (rng) => {
      const x = decoder(rng, o);
      const t = rng.pick(STEPS);
      return { model: { input: [t, x.d], layers: decoderLayers(x) }, prose: (v) => msg('d.llamaBlock', { v: String(v), ...decoderWords(x), t: n(t) }) };
    },
    msg('hint.llamaBlock'),
  );
}

/** A LLaMA-style language model: token embedding, L decoder blocks, a final RMSNorm and an untied head. */
export function languageModel(rng: Rng, x: Decoder, layers: number, t: number): Model & { readonly vocab: number } {
  const vocab = rng.pick(VOCABULARIES);
  return { vocab, input: [t], layers: [tokens({ name: 'embed_tokens', v: vocab, d: x.d }), repeated(decoderLayers(x), layers), rmsnorm, lmHead({ v: vocab })] };
}

const PRECISIONS_ASKED: readonly Precision[] = ['fp32', 'fp16', 'int8', 'int4'];

/** The parameters the engine counts for a model: what a question that states them states. */
export const parameters = (spec: string) => n(count(spec).report.counts.total);

/** Bytes of the weights at a precision: of a model whose parameters the question states, or of one block the student counts first. */
function weightBytes(id: string, o: { counted: boolean }): Template {
  return prose(id, (rng) => {
    const x = decoder(rng);
    const precision = rng.pick(PRECISIONS_ASKED);
    const quantity: MemoryQuantity = { of: 'weights', precision };
    const memory = (spec: string) => ({ spec, ask: { kind: 'memory', quantity, counted: o.counted } as const, hint: msg('hint.memory') });
    if (o.counted) {
      const t = rng.pick(STEPS);
      const spec = modelSpec({ input: [t, x.d], layers: decoderLayers(x) });
      return {
        ...memory(spec),
        words: (v) => [msg('d.llamaBlock', { v: String(v), ...decoderWords(x), t: n(t) }), msg('ask.weightBytes', { v: String(v), precision })],
        labels: nounLabels(decoderLayers(x)),
      };
    }
    const layers = rng.int(2, 40);
    const spec = modelSpec(languageModel(rng, x, layers, rng.pick(STEPS)));
    return { ...memory(spec), words: (v) => [msg('d.modelParameters', { v: String(v), n: parameters(spec), layers: String(layers), d: n(x.d) }), msg('ask.weightBytes', { v: String(v), precision })] };
  });
}

/** Training with Adam: every parameter trained (its count stated), or LoRA adapters on a frozen base (the adapters counted). */
function trainingBytes(id: string, o: { lora: boolean }): Template {
  return prose(id, (rng) => {
    const x = decoder(rng);
    const mode = rng.pick(['fp32', 'mixed'] as const);
    const layers = rng.int(2, 32);
    const base = modelSpec(languageModel(rng, x, layers, rng.pick(STEPS)));
    const lora = loraConfig(rng);
    const spec = o.lora ? `${base} > lora r=${lora.r} targets=${lora.targets.join(',')}` : base;
    // LoRA's adapters are r×(IN + OUT) per matrix: the words give every width (grouped-query K and V are
    // narrower than D), then the count the base adds; training everything needs the count alone.
    const words = (v: number) => [
      ...(o.lora
        ? [msg('d.decoder', { v: String(v), layers: String(layers), ...decoderWords(x) }), msg('d.parametersStated', { v: String(v), n: parameters(base) })]
        : [msg('d.modelParameters', { v: String(v), n: parameters(base), layers: String(layers), d: n(x.d) })]),
      ...(o.lora ? [msg('d.loraOn', { v: String(v), r: String(lora.r), targets: targetList(lora.targets) })] : []),
      msg(o.lora ? 'ask.loraTrainingBytes' : 'ask.trainingBytes', { v: String(v), mode }),
    ];
    return { words, spec, ask: { kind: 'memory', quantity: { of: 'training', mode }, counted: o.lora }, hint: msg('hint.training') };
  });
}

/** A decoder whose KV cache a question asks: its width, one layer's pieces and its words for a number of layers. */
export interface CachedDecoder {
  readonly d: number;
  readonly block: readonly Piece[];
  readonly words: (v: number, layers: number) => MessageRef;
}

/** The KV cache of decoding at fp16 of a drawn decoder: per token of one sequence, or for T tokens of a batch. */
export function cacheTemplate(id: string, o: { perToken: boolean }, draw: (rng: Rng) => CachedDecoder, asks: { readonly token: MessageKey; readonly cache: MessageKey }, hint: MessageRef): Template {
  return prose(id, (rng) => {
    const x = draw(rng);
    const layers = rng.int(2, 40);
    const t = o.perToken ? 1 : rng.pick(STEPS);
    const batch = o.perToken ? 1 : rng.int(1, 16);
    const spec = `${modelSpec({ input: [t, x.d], layers: [repeated(x.block, layers)] })}${batch > 1 ? ` --batch ${batch}` : ''}`;
    const words = (v: number) => [x.words(v, layers), msg(o.perToken ? asks.token : asks.cache, { v: String(v), t: n(t), batch: String(batch) })];
    return { words, spec, ask: { kind: 'memory', quantity: { of: 'kv' }, counted: false }, hint };
  });
}

/** The KV cache of a LLaMA-style decoder. */
const kvCache = (id: string, o: { perToken: boolean }): Template =>
  cacheTemplate(
    id,
    o,
    (rng) => {
      const x = decoder(rng);
      return { d: x.d, block: decoderLayers(x), words: (v, layers) => msg('d.decoder', { v: String(v), layers: String(layers), ...decoderWords(x) }) };
    },
    { token: 'ask.kvPerToken', cache: 'ask.kvCache' },
    msg('hint.kv'),
  );

/** PEFT's target_modules: the usual attention pairs, and (harder) every projection of a block, attention and MLP. */
const TARGETS: ReadonlyArray<readonly string[]> = [
  ['q_proj', 'v_proj'],
  ['q_proj', 'k_proj', 'v_proj', 'o_proj'],
  ['q_proj', 'k_proj', 'v_proj'],
  ['gate_proj', 'up_proj', 'down_proj'],
];
const EVERY_PROJECTION: ReadonlyArray<readonly string[]> = [
  ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'],
  ['q_proj', 'v_proj', 'gate_proj', 'up_proj', 'down_proj'],
  ['k_proj', 'v_proj', 'o_proj'],
];
const loraConfig = (rng: Rng, targets = TARGETS) => ({ r: rng.pick([2, 4, 8, 16, 32, 64]), targets: rng.pick(targets) });
/** target_modules as PEFT's LoraConfig writes them. */
const targetList = (targets: readonly string[]) => `[${targets.map((t) => `"${t}"`).join(', ')}]`;

/** LoRA's trainable parameters on the attention (or MLP) matrices of one block or of every block; the hard ones on every projection, with grouped-query K and V. */
function lora(id: string, o: { layers: 'one' | 'many'; targets?: ReadonlyArray<readonly string[]> }): Template {
  return prose(id, (rng) => {
    const x = decoder(rng, { grouped: o.targets === EVERY_PROJECTION });
    const layers = o.layers === 'one' ? 1 : rng.int(2, 40);
    const { r, targets } = loraConfig(rng, o.targets);
    const t = rng.pick(STEPS);
    const spec = `${modelSpec({ input: [t, x.d], layers: [repeated(decoderLayers(x), layers)] })} > lora r=${r} targets=${targets.join(',')}`;
    const words = (v: number) => [
      layers === 1 ? msg('d.llamaBlock', { v: String(v), ...decoderWords(x), t: n(t) }) : msg('d.decoder', { v: String(v), layers: String(layers), ...decoderWords(x) }),
      msg('d.loraOn', { v: String(v), r: String(r), targets: targetList(targets) }),
      msg('ask.loraTrainable', { v: String(v) }),
    ];
    // one block is its four layers, each its own top-level item; several are one repeated item
    return { words, spec, ask: { kind: 'read', quantity: 'trainable' }, hint: msg('hint.lora'), ...(layers === 1 && { labels: nounLabels(decoderLayers(x)) }) };
  });
}

export const llmTopic: TopicTemplates = {
  easy: [
    ffn('ffn', { freeWidth: false }),
    gated('gated', { bias: 'no' }),
    embeddingsHead('embeddingsTied', { tied: 'yes' }),
    weightBytes('weightBytes', { counted: false }),
    kvCache('kvPerToken', { perToken: true }),
    lora('loraBlock', { layers: 'one' }),
  ],
  medium: [
    ffn('ffnWidth', { freeWidth: true }),
    gated('gatedBias', { bias: 'either' }),
    embeddingsHead('embeddings', { tied: 'either' }),
    llamaBlock('llamaBlock'),
    trainingBytes('trainingBytes', { lora: false }),
    kvCache('kvCache', { perToken: false }),
    lora('loraModel', { layers: 'many' }),
  ],
  hard: [
    llamaBlock('llamaHeadDim', { headDim: true }),
    weightBytes('blockBytes', { counted: true }),
    trainingBytes('loraTraining', { lora: true }),
    kvCache('kvBatch', { perToken: false }),
    lora('loraEveryProjection', { layers: 'many', targets: EVERY_PROJECTION }),
  ],
};
