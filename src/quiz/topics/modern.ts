/**
 * Modern LLMs: a mixture of experts' parameters, all it holds against what one token touches (and
 * the memory its weights need: all of them); the exact bytes of a quantized checkpoint (GPTQ, AWQ,
 * bitsandbytes NF4, with their scales, zero points and g_idx); the KV cache of multi-head latent
 * attention; forward FLOPs per token with the attention over the context. Every number an answer
 * depends on is in the prompt, in each wording and language: the layouts and conventions too.
 */
import { count } from '../../engine/count.js';
import { ASKED_FORMATS, type AskedFormat, type MemoryQuantity, type Precision } from '../../engine/memory.js';
import { msg, type MessageRef } from '../../i18n/messages.js';
import { feedForward, lmHead, modelSpec, repeated, rmsnorm, tokens, type Model, type Piece } from '../describe.js';
import { layerDraft } from '../forms.js';
import type { Template, TopicTemplates } from '../question.js';
import { range, type Rng } from '../random.js';
import { n } from './common.js';
import { cacheTemplate, decoder, decoderLayers, decoderWords, languageModel, parameters, prose, STEPS, VOCABULARIES, type Decoder } from './llm.js';

/** A mixture of experts' feed-forward: E experts of width F (a gated MLP each), top_k a token, and shared experts every token uses. */
interface Experts {
  readonly e: number;
  readonly k: number;
  readonly f: number;
  /** DeepSeek's shared experts (width F_s, no gate) or Qwen2-MoE's shared expert with its one-output sigmoid gate. */
  readonly shared: { readonly f: number; readonly gate: boolean } | null;
}

type Shared = 'no' | 'either' | 'yes';

/** Experts for a model of `layers` layers: at most 512 in all, so a question is counted in milliseconds. */
function experts(rng: Rng, d: number, shared: Shared, layers = 1): Experts {
  const e = rng.pick([4, 8, 16, 32, 64].filter((x) => x * layers <= 512));
  const k = rng.pick([1, 2, 4, 6, 8].filter((x) => x < e));
  // Mixtral's experts are wide (3.5·D), DeepSeek's and Qwen's fine-grained ones narrow (D/2 or less)
  const f = rng.pick(range(128, 4 * d, 64));
  const hasShared = shared === 'yes' || (shared === 'either' && rng.next() < 0.5);
  return { e, k, f, shared: hasShared ? { f: f * rng.pick([1, 2, 4]), gate: rng.next() < 0.5 } : null };
}

/** A mixture-of-experts layer: its spec (D read off its input), and its words on a T×D input. */
const moePiece = (x: Experts): Piece => ({
  spec: ['moe', String(x.e), String(x.f), `top_k=${x.k}`, ...(x.shared ? [`shared_ff=${x.shared.f}`, ...(x.shared.gate ? ['shared_name=shared_expert', 'shared_gate=true'] : [])] : [])].join(' '),
  features: false,
  torchInput: 'asIs',
  noun: msg('noun.moe'),
  words: (v, input) => msg('d.moeLayer', { v: String(v), d: n(input[input.length - 1]!), t: n(input[0]!), ...expertWords(x) }),
});

/** One decoder layer with a mixture of experts for its MLP (Mixtral, Qwen2-MoE, DeepSeek's MoE layers with grouped-query attention). */
const moeLayers = (x: Decoder, m: Experts): Piece[] => [...decoderLayers(x).slice(0, 3), moePiece(m)];

function moeModel(rng: Rng, x: Decoder, m: Experts, layers: number, t: number): Model & { readonly vocab: number } {
  const vocab = rng.pick(VOCABULARIES);
  return { vocab, input: [t], layers: [tokens({ name: 'embed_tokens', v: vocab, d: x.d }), repeated(moeLayers(x, m), layers), rmsnorm, lmHead({ v: vocab })] };
}

/** The words of the experts, shared by every question that describes them. */
const expertWords = (m: Experts) => ({
  e: String(m.e),
  k: String(m.k),
  fe: n(m.f),
  shared: m.shared === null ? 'none' : m.shared.gate ? 'gated' : 'plain',
  fs: m.shared === null ? '' : n(m.shared.f),
});

/** A MoE feed-forward layer on its own: the router, every expert, the shared ones. */
function moeLayer(id: string, o: { shared: Shared }): Template {
  return {
    id,
    draft(rng) {
      const x = decoder(rng);
      const m = experts(rng, x.d, o.shared);
      return layerDraft(rng, { piece: moePiece(m), input: [rng.pick(STEPS), x.d], ask: 'ask.params', quantity: 'params', hint: msg('hint.moeLayer') });
    },
  };
}

/** A whole MoE language model, its total stated: the parameters one token touches. */
function moeActive(id: string, o: { shared: Shared }): Template {
  return prose(id, (rng) => {
    const x = decoder(rng);
    const layers = rng.int(2, 32);
    const m = experts(rng, x.d, o.shared, layers);
    const model = moeModel(rng, x, m, layers, rng.pick(STEPS));
    const spec = modelSpec(model);
    const total = parameters(spec);
    const words = (v: number) => [
      msg('d.moeModel', { v: String(v), layers: String(layers), vocab: n(model.vocab), ...decoderWords(x), ...expertWords(m) }),
      msg('d.parametersStated', { v: String(v), n: total }),
      msg('ask.moeActive', { v: String(v) }),
    ];
    return { words, spec, ask: { kind: 'memory', quantity: { of: 'active' }, counted: false }, hint: msg('hint.moeActive') };
  });
}

const WEIGHT_PRECISIONS: readonly Precision[] = ['fp16', 'bf16', 'int8', 'int4'];

/** The memory a MoE's weights need, its total and its active count both stated: memory holds every expert. */
function moeWeights(id: string): Template {
  return prose(id, (rng) => {
    const x = decoder(rng);
    const layers = rng.int(2, 32);
    const m = experts(rng, x.d, 'either', layers);
    const spec = modelSpec(moeModel(rng, x, m, layers, rng.pick(STEPS)));
    // both figures stated: the question is which one memory is sized from
    const { report } = count(spec);
    const precision = rng.pick(WEIGHT_PRECISIONS);
    const words = (v: number) => [
      msg('d.moeCounts', { v: String(v), layers: String(layers), d: n(x.d), e: String(m.e), k: String(m.k), n: n(report.counts.total), active: n(report.active!) }),
      msg('ask.weightBytes', { v: String(v), precision }),
    ];
    return { words, spec, ask: { kind: 'memory', quantity: { of: 'weights', precision }, counted: false }, hint: msg('hint.moeWeights') };
  });
}

/** A LLaMA-style decoder whose matrices a group-wise quantizer of group 128 takes: every in_features a multiple of 128. */
function quantizable(rng: Rng): Decoder {
  const x = decoder(rng);
  return { ...x, f: Math.ceil(x.f / 128) * 128 };
}

/** A checkpoint's exact bytes in GPTQ, AWQ or NF4: of one block (every matrix quantized, its norms at 16 bits) or of a model (the embeddings and the head at 16 bits too). */
function quantBytes(id: string, o: { of: 'block' | 'model'; formats: readonly AskedFormat[] }): Template {
  return prose(id, (rng) => {
    const x = quantizable(rng);
    const t = rng.pick(STEPS);
    const format = rng.pick(o.formats);
    const quantity: MemoryQuantity = { of: 'quantized', format };
    const layers = rng.int(2, 32);
    const model = o.of === 'block' ? { input: [t, x.d], layers: decoderLayers(x) } : languageModel(rng, x, layers, t);
    const words = (v: number) => [
      'vocab' in model ? msg('d.lmDecoder', { v: String(v), layers: String(layers), vocab: n(model.vocab), ...decoderWords(x) }) : msg('d.llamaBlock', { v: String(v), ...decoderWords(x), t: n(t) }),
      msg('d.quantLayout', { v: String(v), format }),
      msg('ask.quantBytes', { v: String(v), format, of: o.of }),
    ];
    return { words, spec: modelSpec(model), ask: { kind: 'memory', quantity, counted: false }, hint: msg('hint.quant', { format }) };
  });
}

/** Multi-head latent attention's sizes (DeepSeek-V2: kv_lora_rank 512, qk_rope_head_dim 64, qk_nope_head_dim 128, v_head_dim 128, q_lora_rank 1,536). */
interface Latent {
  readonly d: number;
  readonly h: number;
  readonly rank: number;
  readonly qRank: number;
  readonly nope: number;
  readonly rope: number;
  readonly v: number;
  readonly f: number;
}

function latent(rng: Rng): Latent {
  const h = rng.pick([8, 16, 32, 64, 128]);
  const d = rng.pick(range(512, 7168, 256));
  const nope = rng.pick([64, 96, 128]);
  return {
    d,
    h,
    rank: rng.pick([128, 256, 384, 512]),
    qRank: rng.next() < 0.5 ? 0 : rng.pick([384, 768, 1536]),
    nope,
    rope: rng.pick([32, 64]),
    v: rng.next() < 0.7 ? nope : rng.pick([64, 128]),
    f: Math.ceil((8 * d) / 3 / 256) * 256,
  };
}

/** Latent attention inside a decoder layer: the decoder's words say it, so it has none of its own. */
const mlaPiece = (x: Latent): Piece => ({
  spec: ['mla', String(x.h), `kv_rank=${x.rank}`, ...(x.qRank > 0 ? [`q_rank=${x.qRank}`] : []), `nope_dim=${x.nope}`, `rope_dim=${x.rope}`, `v_dim=${x.v}`].join(' '),
  features: false,
  torchInput: 'asIs',
  noun: msg('noun.mla'),
});
const latentWords = (x: Latent) => ({
  d: n(x.d),
  heads: String(x.h),
  rank: String(x.rank),
  qRank: x.qRank > 0 ? n(x.qRank) : '',
  nope: String(x.nope),
  rope: String(x.rope),
  vd: String(x.v),
  f: n(x.f),
});

/** The KV cache of a decoder with latent attention: per token of one sequence, or for T tokens of a batch. */
const kvLatent = (id: string, o: { perToken: boolean }): Template =>
  cacheTemplate(
    id,
    o,
    (rng) => {
      const x = latent(rng);
      return {
        d: x.d,
        block: [rmsnorm, mlaPiece(x), rmsnorm, feedForward({ f: x.f, bias: false, kind: 'swiglu' })],
        words: (v, layers) => msg('d.mlaDecoder', { v: String(v), layers: String(layers), ...latentWords(x) }),
      };
    },
    { token: 'ask.kvLatentToken', cache: 'ask.kvLatentCache' },
    msg('hint.kvLatent'),
  );

/** Forward FLOPs per token at a context of T: of a dense decoder, or of a MoE (its active weights), the parameter count stated. */
function flopsToken(id: string, o: { moe: boolean; long: boolean }): Template {
  return prose(id, (rng) => {
    const x = decoder(rng);
    const layers = rng.int(2, 32);
    const t = o.long ? rng.pick(range(4096, 131072, 1024)) : rng.pick(STEPS);
    const m = o.moe ? experts(rng, x.d, 'either', layers) : null;
    const model = m ? moeModel(rng, x, m, layers, t) : languageModel(rng, x, layers, t);
    const spec = modelSpec(model);
    const total = parameters(spec);
    const words = (v: number): MessageRef[] => {
      const described = { v: String(v), layers: String(layers), vocab: n(model.vocab), ...decoderWords(x) };
      return [
        m ? msg('d.moeModel', { ...described, ...expertWords(m) }) : msg('d.lmDecoder', described),
        msg('d.parametersStated', { v: String(v), n: total }),
        msg('ask.flopsToken', { v: String(v), t: n(t) }),
      ];
    };
    return { words, spec, ask: { kind: 'memory', quantity: { of: 'flops' }, counted: false }, hint: msg('hint.flops') };
  });
}

const GROUP_WISE: readonly AskedFormat[] = ['gptq-int4', 'awq-int4'];

export const modernTopic: TopicTemplates = {
  easy: [moeWeights('moeWeights'), kvLatent('kvLatentToken', { perToken: true }), flopsToken('flopsToken', { moe: false, long: false })],
  medium: [
    moeLayer('moeLayer', { shared: 'no' }),
    moeActive('moeActive', { shared: 'no' }),
    quantBytes('quantBlock', { of: 'block', formats: GROUP_WISE }),
    kvLatent('kvLatent', { perToken: false }),
    flopsToken('flopsMoe', { moe: true, long: false }),
  ],
  hard: [
    moeLayer('moeShared', { shared: 'yes' }),
    moeActive('moeActiveShared', { shared: 'yes' }),
    quantBytes('quantModel', { of: 'model', formats: ASKED_FORMATS }),
    flopsToken('flopsLong', { moe: false, long: true }),
  ],
};
