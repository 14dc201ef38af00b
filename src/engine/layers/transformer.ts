/**
 * Transformer building blocks on `T×D` sequences: attention with separate Q/K/V/O projections
 * (grouped-query when kv_heads < heads), feed-forward MLPs (plain, and gated SwiGLU/GeGLU with
 * three matrices), ViT's patch embedding with its class token and position table, taking the
 * class token, BERT's pooler, and the language-model head.
 *
 * Keras and PyTorch count all of these the same way; they differ only in layout (a PyTorch Linear
 * keeps its weight as (out, in), a Keras Dense as (in, out)), so each tensor is shown in the layout
 * of the framework followed. Every matrix is listed with the name its library gives it (q_proj,
 * c_attn, ...): LoRA targets are matched against those names, as PEFT does.
 */
import { fail } from '../errors.js';
import { constant, type Expr, lit, noWeights, product, sum } from '../expr.js';
import type { FeedForwardPart, Framework, LinearModule, ParamTensor, ProjectionRole } from '../types.js';
import { msg, type MessageRef } from '../../i18n/messages.js';
import { formatInt } from '../format.js';
import { expectRank, macsOver, resolveFeatures, tensor, volume } from './common.js';
import { attentionMistakes } from './attention-mistakes.js';
import { defineKind, mistake, type Args, type Kind, type MistakeDef, type MistakeInput } from './kind.js';

/** (IN + 1)×OUT..., or IN×OUT... without a bias: how one projection's count reads. */
function projection(input: Expr, outputs: readonly Expr[], bias: boolean): Expr {
  return product(bias ? sum(input, lit(1)) : input, ...outputs);
}

/** A matrix in the framework's layout, with its bias: `q_proj.weight` (out, in) or `q_proj/kernel` (in, out). */
export function linearTensors(name: string, inFeatures: number, outFeatures: number, bias: boolean, framework: Framework): ParamTensor[] {
  const keras = framework === 'keras';
  const sep = keras ? '/' : '.';
  const prefix = name === '' ? '' : `${name}${sep}`;
  return [
    tensor(`${prefix}${keras ? 'kernel' : 'weight'}`, keras ? [inFeatures, outFeatures] : [outFeatures, inFeatures], 'weight'),
    ...(bias ? [tensor(`${prefix}bias`, [outFeatures], 'bias')] : []),
  ];
}

export const linear = (name: string, inFeatures: number, outFeatures: number, roles: readonly ProjectionRole[] = []): LinearModule => ({ name, inFeatures, outFeatures, roles });

/** A feed-forward block's matrix, saying which it is (gate, up, down, a router), and whether it is an expert's. */
export const ffnLinear = (name: string, inFeatures: number, outFeatures: number, part: FeedForwardPart, expert = false): LinearModule => ({
  name,
  inFeatures,
  outFeatures,
  roles: [],
  part,
  ...(expert && { expert }),
});

/** `names=a,b,c`: the sub-module names a layer's matrices carry, `count` of them. */
export function parseNames(a: Args, kind: string, count: number): readonly string[] | undefined {
  if (!a.has('names')) return undefined;
  const names = a.text('names').split(',');
  if (names.length !== count || names.some((n) => !/^[A-Za-z0-9_.]+$/.test(n))) {
    fail('err.namesCount', { kind, token: `names=${a.text('names')}`, count: String(count) });
  }
  return names;
}

export const printNames = (names: readonly string[] | undefined) => (names === undefined ? [] : [`names=${names.join(',')}`]);
export const printed = (...parts: ReadonlyArray<string | number | false | undefined>) => parts.filter((p) => p !== false && p !== undefined && p !== '').join(' ');

interface AttentionConfig {
  readonly heads: number;
  readonly model: number | undefined;
  readonly kvHeads: number | undefined;
  readonly headDim: number | undefined;
  readonly qkvBias: boolean;
  readonly outBias: boolean;
  /** GPT-2: Q, K and V in one matrix (c_attn). */
  readonly fused: boolean;
  readonly names: readonly string[] | undefined;
  /** T5's learned relative position bias: buckets × heads, 0 for none. */
  readonly buckets: number;
  readonly rope: boolean;
  /**
   * Cross-attention: K and V read a context of this width (Stable Diffusion's text states, 768)
   * rather than the layer's input; `kvLen` is that context's length, for MACs.
   */
  readonly kvDim: number | undefined;
  readonly kvLen: number | undefined;
  /** diffusers' Attention(norm_num_groups=G): a GroupNorm of the input inside the module (γ, β per channel); 0 for none. */
  readonly groupNorm: number;
}

const SEPARATE_NAMES = ['q_proj', 'k_proj', 'v_proj', 'o_proj'];
const FUSED_NAMES = ['c_attn', 'c_proj'];

type ResolvedAttention = AttentionConfig & { readonly model: number };

/** Q with h heads, K and V with kv_heads, all of head_dim; the biases as the flags say. */
const ATTENTION_MISTAKES = attentionMistakes<ResolvedAttention>(({ config: c }) => {
  const headDim = c.headDim ?? c.model / c.heads;
  return { model: c.model, kvModel: c.kvDim, heads: c.heads, kvHeads: c.kvHeads ?? c.heads, keyDim: headDim, valueDim: headDim, qkvBias: c.qkvBias, outBias: c.outBias };
});

export const attention = defineKind<AttentionConfig, ResolvedAttention>({
  name: 'attention',
  aliases: ['attn', 'selfattention'],
  family: 'attention',
  summary: msg('kind.attention'),
  mistake: msg('mistake.attention'),
  args: [{ name: 'HEADS' }, { name: 'DMODEL', inferable: true }],
  options: ['kv_heads', 'head_dim', 'bias', 'qkv_bias', 'out_bias', 'fused', 'names', 'rel_buckets', 'rope', 'kv_dim', 'kv_len', 'group_norm'],
  example: 'attention 32 4096 kv_heads=8 bias=false',
  input: { rank: 2, form: 'T', features: (c) => c.model },
  parse(a) {
    const heads = a.size('HEADS');
    const kvHeads = a.optionalSize('kv_heads');
    if (kvHeads !== undefined && heads % kvHeads !== 0) fail('err.kvHeads', { heads: String(heads), kv: String(kvHeads) });
    const bias = a.flag('bias', true);
    const fused = a.flag('fused', false);
    const kvDim = a.optionalSize('kv_dim');
    if (fused && kvDim !== undefined) fail('err.fusedCross');
    return {
      heads,
      model: a.inferableSize('DMODEL'),
      kvHeads,
      headDim: a.optionalSize('head_dim'),
      qkvBias: a.optionalFlag('qkv_bias') ?? bias,
      outBias: a.optionalFlag('out_bias') ?? bias,
      fused,
      names: parseNames(a, 'attention', fused ? 2 : 4),
      buckets: a.optSize('rel_buckets', 0, 0),
      rope: a.flag('rope', false),
      kvDim,
      kvLen: a.optionalSize('kv_len'),
      groupNorm: a.optSize('group_norm', 0, 0),
    };
  },
  print: (c) =>
    printed(
      'attention',
      c.heads,
      c.model,
      c.kvHeads !== undefined && `kv_heads=${c.kvHeads}`,
      c.headDim !== undefined && `head_dim=${c.headDim}`,
      ...(c.qkvBias === c.outBias ? [!c.qkvBias && 'bias=false'] : [`qkv_bias=${c.qkvBias}`, `out_bias=${c.outBias}`]),
      c.fused && 'fused=true',
      ...printNames(c.names),
      c.buckets > 0 && `rel_buckets=${c.buckets}`,
      c.rope && 'rope=true',
      c.kvDim !== undefined && `kv_dim=${c.kvDim}`,
      c.kvLen !== undefined && `kv_len=${c.kvLen}`,
      c.groupNorm > 0 && `group_norm=${c.groupNorm}`,
    ),
  evaluate(c, input, framework) {
    expectRank(input, 2, 'attention', 'T×D');
    const d = resolveFeatures(c.model, input, 'attention', 'DMODEL');
    const h = c.heads;
    const kv = c.kvHeads ?? h;
    const dh = c.headDim ?? (d % h === 0 ? d / h : fail('err.attentionHeadDim', { d: String(d), heads: String(h) }));
    const qOut = h * dh;
    const kvOut = kv * dh;
    const context = c.kvDim ?? d;
    const names = c.names ?? (c.fused ? FUSED_NAMES : SEPARATE_NAMES);
    const linears = c.fused
      ? [linear(names[0]!, d, qOut + 2 * kvOut, ['q', 'k', 'v']), linear(names[1]!, qOut, d, ['o'])]
      : [linear(names[0]!, d, qOut, ['q']), linear(names[1]!, context, kvOut, ['k']), linear(names[2]!, context, kvOut, ['v']), linear(names[3]!, qOut, d, ['o'])];
    const tensors = linears.flatMap((l) => linearTensors(l.name, l.inFeatures, l.outFeatures, l.roles.includes('o') ? c.outBias : c.qkvBias, framework));
    if (c.buckets > 0) tensors.push(tensor(framework === 'keras' ? 'relative_attention_bias/embeddings' : 'relative_attention_bias.weight', [c.buckets, h], 'weight'));
    if (c.groupNorm > 0) {
      if (d % c.groupNorm !== 0) fail('err.groupNorm', { c: String(d), groups: String(c.groupNorm) });
      const sep = framework === 'keras' ? '/' : '.';
      tensors.unshift(tensor(`group_norm${sep}${framework === 'keras' ? 'gamma' : 'weight'}`, [d], 'scale'), tensor(`group_norm${sep}${framework === 'keras' ? 'beta' : 'bias'}`, [d], 'shift'));
    }

    const [D, H, KV, Dh] = [lit(d, 'D'), lit(h, 'h'), lit(kv, 'kv'), lit(dh, 'd_h')];
    const formula = (): Expr => {
      const query = projection(D, [H, Dh], c.qkvBias);
      const source = c.kvDim === undefined ? D : lit(c.kvDim, 'D_kv');
      const keyValue =
        kv === h && c.kvDim === undefined ? [product(constant(3), ...termsOf(query))] : [query, product(constant(2), ...termsOf(projection(source, [kv === h ? H : KV, Dh], c.qkvBias)))];
      return sum(...(c.groupNorm > 0 ? [product(constant(2), D)] : []), ...keyValue, projection(product(H, Dh), [D], c.outBias), ...(c.buckets > 0 ? [product(lit(c.buckets, 'buckets'), H)] : []));
    };

    const steps = input[0] ?? null;
    const T = steps === null ? null : BigInt(steps);
    // Self-attention: K and V over the same T tokens; cross-attention: over the context's.
    const S = c.kvDim === undefined ? T : c.kvLen === undefined ? null : BigInt(c.kvLen);
    const queries = BigInt(d) * BigInt(qOut) + BigInt(qOut) * BigInt(d);
    const keysValues = BigInt(context) * BigInt(2 * kvOut);
    const scoreMacs = T === null || S === null ? null : 2n * T * S * BigInt(qOut);
    const notes: MessageRef[] = [];
    if (kv < h) notes.push(msg(kv === 1 ? 'note.mqa' : 'note.gqa', { heads: String(h), kv: String(kv), group: String(h / kv), width: String(kvOut) }));
    if (c.fused) notes.push(msg('note.fusedQkv', { name: names[0]!, d: String(d), out: String(qOut + 2 * kvOut) }));
    if (c.rope) notes.push(msg('note.rope'));
    if (c.buckets > 0) notes.push(msg('note.relativeBias', { buckets: String(c.buckets), heads: String(h) }));
    if (c.kvDim !== undefined) notes.push(msg('note.crossAttention', { kv: String(c.kvDim), d: String(d), len: c.kvLen === undefined ? '?' : String(c.kvLen) }));
    notes.push(msg('note.scoreMacs'));
    return {
      resolved: { ...c, model: d },
      typeName: 'Attention',
      tensors,
      formula,
      outputShape: [steps, d],
      macs: T === null || S === null || scoreMacs === null ? null : T * queries + S * keysValues + scoreMacs,
      conventionSensitive: false,
      notes,
      linears,
      attention: { heads: h, kvHeads: kv, headDim: dh, scoreMacs },
    };
  },
  mistakes: ATTENTION_MISTAKES,
});

/** The factors of a product (to put a constant in front: 3×(D + 1)×h×d_h). */
function termsOf(e: Expr): Expr[] {
  return e.op === 'product' ? [...e.terms] : [e];
}

const ACTIVATIONS = ['relu', 'gelu', 'silu', 'tanh', 'sigmoid'] as const;
type Activation = (typeof ACTIVATIONS)[number];

/** A feed-forward block: D → FF (one matrix, or gate and up), activation, FF → D. */
interface FeedForwardConfig {
  readonly model: number | undefined;
  readonly hidden: number;
  readonly bias: boolean;
  readonly act: Activation;
  readonly names: readonly string[] | undefined;
  /** A gated MLP whose gate and up are one D → 2·FF matrix (Phi-3's gate_up_proj, diffusers' GEGLU proj): the same count. */
  readonly fused: boolean;
}

type ResolvedFeedForward = FeedForwardConfig & { readonly model: number };

/** A feed-forward block's parameters: two matrices (three when gated) and their biases. */
function feedForwardParams(d: number, f: number, bias: boolean, gated: boolean): bigint {
  const [D, F] = [BigInt(d), BigInt(f)];
  return (gated ? 3n : 2n) * D * F + (bias ? (gated ? 2n : 1n) * F + D : 0n);
}

/**
 * What students get wrong about a feed-forward block: its width (taken as D, or as 4·D when it is
 * not), its biases (left out, added where there are none, all of one width), the number of
 * matrices (a gate counted in a plain MLP, a gated one counted with two), and the weights taken to
 * be repeated at every token.
 */
function feedForwardMistakes(gated: boolean): MistakeDef<ResolvedFeedForward>[] {
  const params = (m: MistakeInput<ResolvedFeedForward>, o: { f?: number; bias?: boolean; gated?: boolean } = {}) =>
    feedForwardParams(m.config.model, o.f ?? m.config.hidden, o.bias ?? m.config.bias, o.gated ?? gated);
  const weights = (m: MistakeInput<ResolvedFeedForward>) => params(m, { bias: false });
  const sizes = (m: MistakeInput<ResolvedFeedForward>) => ({ f: formatInt(m.config.hidden), d: formatInt(m.config.model) });
  const tokens = (m: MistakeInput<ResolvedFeedForward>) => volume(m.input.slice(0, -1));
  return [
    mistake(
      'forgotBias',
      'bias',
      (m) => (m.config.bias ? weights(m) : undefined),
      (m) => msg('why.ffnBiases', sizes(m)),
    ),
    mistake(
      'addedBias',
      'bias',
      (m) => (m.config.bias ? undefined : params(m, { bias: true })),
      () => msg('why.ffnNoBias'),
    ),
    mistake(
      'biasesAllD',
      'bias',
      (m) => (m.config.bias ? weights(m) + BigInt(gated ? 3 : 2) * BigInt(m.config.model) : undefined),
      (m) => msg('why.ffnBiasSizes', sizes(m)),
    ),
    mistake(
      'biasesAllF',
      'bias',
      (m) => (m.config.bias ? weights(m) + BigInt(gated ? 3 : 2) * BigInt(m.config.hidden) : undefined),
      (m) => msg('why.ffnBiasSizes', sizes(m)),
    ),
    gated
      ? mistake(
          'twoMatrices',
          'structure',
          (m) => params(m, { gated: false }),
          () => msg('why.gluThreeMatrices'),
        )
      : mistake(
          'countedGate',
          'structure',
          (m) => params(m, { gated: true }),
          () => msg('why.ffnNoGate'),
        ),
    ...(gated
      ? []
      : [
          mistake<ResolvedFeedForward>(
            'oneMatrix',
            'structure',
            (m) => BigInt(m.config.model) * BigInt(m.config.hidden) + (m.config.bias ? BigInt(m.config.hidden) : 0n),
            () => msg('why.ffnTwoMatrices'),
          ),
        ]),
    mistake(
      'widthAsModel',
      'channels',
      (m) => (m.config.hidden !== m.config.model ? params(m, { f: m.config.model }) : undefined),
      (m) => msg('why.ffnWidth', sizes(m)),
    ),
    mistake(
      'assumedFourD',
      'channels',
      (m) => (m.config.hidden !== 4 * m.config.model ? params(m, { f: 4 * m.config.model }) : undefined),
      (m) => msg('why.ffnNotFourD', sizes(m)),
    ),
    mistake(
      'timesSteps',
      'shape',
      (m) => {
        const t = tokens(m);
        return t !== null && t > 1n ? m.counts.total * t : undefined;
      },
      () => msg('why.perToken'),
    ),
  ];
}

function parseFeedForward(a: Args, kind: string, act: Activation, matrices: number): FeedForwardConfig {
  const fused = kind === 'glu' && a.flag('fused', false);
  return { model: a.inferableSize('D'), hidden: a.size('FF'), bias: a.flag('bias', true), act: a.optChoice('act', ACTIVATIONS) ?? act, names: parseNames(a, kind, fused ? 2 : matrices), fused };
}

/** Position-wise feed-forward: D → F, activation, F → D (the activation has no parameters). */
export const mlp = defineKind<FeedForwardConfig, ResolvedFeedForward>({
  name: 'mlp',
  aliases: ['ffn', 'feedforward'],
  family: 'transformer',
  summary: msg('kind.mlp'),
  mistake: msg('mistake.mlp'),
  args: [{ name: 'D', inferable: true }, { name: 'FF' }],
  options: ['bias', 'act', 'names'],
  example: 'mlp 768 3072',
  input: { rank: 2, form: 'T', features: (c) => c.model },
  parse: (a) => parseFeedForward(a, 'mlp', 'gelu', 2),
  print: (c) => printed('mlp', c.model, c.hidden, !c.bias && 'bias=false', c.act !== 'gelu' && `act=${c.act}`, ...printNames(c.names)),
  evaluate(c, input, framework) {
    expectRank(input, 2, 'mlp', 'T×D');
    const d = resolveFeatures(c.model, input, 'mlp', 'D');
    const f = c.hidden;
    const [up, down] = c.names ?? ['fc1', 'fc2'];
    const [D, F] = [lit(d, 'D'), lit(f, 'F')];
    return {
      resolved: { ...c, model: d },
      typeName: 'MLP',
      tensors: [...linearTensors(up!, d, f, c.bias, framework), ...linearTensors(down!, f, d, c.bias, framework)],
      formula: () => (c.bias ? sum(projection(D, [F], true), projection(F, [D], true)) : product(constant(2), D, F)),
      outputShape: input,
      macs: macsOver(input.slice(0, -1), 2n * BigInt(d) * BigInt(f)),
      conventionSensitive: false,
      linears: [ffnLinear(up!, d, f, 'up'), ffnLinear(down!, f, d, 'down')],
    };
  },
  mistakes: feedForwardMistakes(false),
});

/** The word a gated MLP is written with: SwiGLU gates with SiLU, GeGLU with GELU. */
const GLU_WORDS: Readonly<Record<string, Activation>> = { swiglu: 'silu', geglu: 'gelu', reglu: 'relu' };

/** Gated feed-forward (Shazeer 2020): down(act(gate(x)) ⊙ up(x)): three matrices, not two. */
export const glu = defineKind<FeedForwardConfig, ResolvedFeedForward>({
  name: 'glu',
  aliases: Object.keys(GLU_WORDS),
  family: 'transformer',
  summary: msg('kind.glu'),
  mistake: msg('mistake.glu'),
  args: [{ name: 'D', inferable: true }, { name: 'FF' }],
  options: ['bias', 'act', 'names', 'fused'],
  example: 'swiglu 4096 11008 bias=false',
  input: { rank: 2, form: 'T', features: (c) => c.model },
  parse: (a, word) => parseFeedForward(a, 'glu', GLU_WORDS[word] ?? 'silu', 3),
  print(c) {
    const word = Object.entries(GLU_WORDS).find(([, act]) => act === c.act)?.[0];
    return printed(word ?? 'glu', c.model, c.hidden, !c.bias && 'bias=false', word === undefined && `act=${c.act}`, c.fused && 'fused=true', ...printNames(c.names));
  },
  evaluate(c, input, framework) {
    expectRank(input, 2, 'glu', 'T×D');
    const d = resolveFeatures(c.model, input, 'glu', 'D');
    const f = c.hidden;
    const [D, F] = [lit(d, 'D'), lit(f, 'F')];
    const [gateUp, fusedDown] = c.names ?? ['gate_up_proj', 'down_proj'];
    const [gate, up, down] = c.names ?? ['gate_proj', 'up_proj', 'down_proj'];
    const linears = c.fused ? [ffnLinear(gateUp!, d, 2 * f, 'up'), ffnLinear(fusedDown!, f, d, 'down')] : [ffnLinear(gate!, d, f, 'gate'), ffnLinear(up!, d, f, 'up'), ffnLinear(down!, f, d, 'down')];
    return {
      resolved: { ...c, model: d },
      typeName: 'GatedMLP',
      tensors: linears.flatMap((l) => linearTensors(l.name, l.inFeatures, l.outFeatures, c.bias, framework)),
      formula: () => (c.bias ? sum(product(constant(2), ...termsOf(projection(D, [F], true))), projection(F, [D], true)) : product(constant(3), D, F)),
      outputShape: input,
      macs: macsOver(input.slice(0, -1), 3n * BigInt(d) * BigInt(f)),
      conventionSensitive: false,
      linears,
      notes: [c.fused ? msg('note.gluFused', { f: String(f), d: String(d), name: gateUp! }) : msg('note.glu', { f: String(f), d: String(d) })],
    };
  },
  mistakes: feedForwardMistakes(true),
});

interface PatchConfig {
  readonly channels: number | undefined;
  readonly patch: number;
  readonly dim: number;
  readonly cls: boolean;
  readonly pos: boolean;
  readonly bias: boolean;
  /**
   * The tensors' names under PyTorch: the convolution's module, the class token, the position
   * table (torchvision's conv_proj, class_token, pos_embedding; Hugging Face ViT's
   * patch_embeddings.projection, cls_token, position_embeddings; CLIP's patch_embedding,
   * class_embedding, position_embedding.weight).
   */
  readonly names: readonly string[] | undefined;
}

/** ViT (Dosovitskiy et al. 2020): a P×P stride-P convolution to D, a class token, a learned position per patch and for the class token. */
export const patchembed = defineKind<PatchConfig>({
  name: 'patchembed',
  aliases: ['patches', 'patchembedding'],
  family: 'transformer',
  summary: msg('kind.patchembed'),
  mistake: msg('mistake.patchembed'),
  args: [{ name: 'C', inferable: true }, { name: 'P' }, { name: 'D' }],
  options: ['cls', 'pos', 'bias', 'names'],
  example: 'patchembed 16 768 in=224x224x3',
  input: { rank: 3, form: 'HxW', features: (c) => c.channels },
  parse: (a) => ({
    channels: a.inferableSize('C'),
    patch: a.size('P'),
    dim: a.size('D'),
    cls: a.flag('cls', true),
    pos: a.flag('pos', true),
    bias: a.flag('bias', true),
    names: parseNames(a, 'patchembed', 3),
  }),
  print: (c) => printed('patchembed', c.channels, c.patch, c.dim, !c.cls && 'cls=false', !c.pos && 'pos=false', !c.bias && 'bias=false', ...printNames(c.names)),
  evaluate(c, input, framework) {
    expectRank(input, 3, 'patchembed', 'H×W×C');
    const channels = resolveFeatures(c.channels, input, 'patchembed', 'C');
    const [height, width] = [input[0] ?? null, input[1] ?? null];
    for (const side of [height, width]) {
      if (side !== null && side % c.patch !== 0) fail('err.patchSize', { size: String(side), patch: String(c.patch) });
    }
    const patches = height === null || width === null ? null : (height / c.patch) * (width / c.patch);
    if (patches === null && c.pos) fail('err.needsIn', { kind: 'patchembed', form: 'HxWxC' });
    const tokens = patches === null ? null : patches + (c.cls ? 1 : 0);
    const keras = framework === 'keras';
    const [conv, cls, pos] = c.names ?? ['conv_proj', 'class_token', 'pos_embedding'];
    const [P, C, D] = [lit(c.patch, 'P'), lit(channels, 'C'), lit(c.dim, 'D')];
    const terms: Expr[] = [projection(product(P, P, C), [D], c.bias)];
    if (c.cls) terms.push(D);
    if (c.pos && patches !== null) terms.push(product(c.cls ? sum(lit(patches, 'N'), lit(1)) : lit(patches, 'N'), D));
    return {
      resolved: { ...c, channels },
      typeName: 'PatchEmbedding',
      tensors: [
        tensor(keras ? 'kernel' : `${conv}.weight`, keras ? [c.patch, c.patch, channels, c.dim] : [c.dim, channels, c.patch, c.patch], 'weight'),
        ...(c.bias ? [tensor(keras ? 'bias' : `${conv}.bias`, [c.dim], 'bias')] : []),
        ...(c.cls ? [tensor(cls!, [1, 1, c.dim], 'weight')] : []),
        ...(c.pos && tokens !== null ? [tensor(pos!, [1, tokens, c.dim], 'weight')] : []),
      ],
      formula: () => sum(...terms),
      outputShape: [tokens, c.dim],
      macs: patches === null ? null : BigInt(patches) * BigInt(c.patch * c.patch) * BigInt(channels) * BigInt(c.dim),
      conventionSensitive: false,
    };
  },
});

/** What takes the first token of a sequence: nothing, or BERT's pooler (dense D → D, tanh). */
interface FirstTokenConfig {
  readonly model: number | undefined;
}

export const clspool = defineKind<FirstTokenConfig>({
  name: 'clspool',
  aliases: ['clstoken', 'firsttoken'],
  family: 'transformer',
  summary: msg('kind.clspool'),
  mistake: msg('mistake.clspool'),
  args: [],
  options: [],
  example: 'clspool in=197x768',
  input: { rank: 2, form: 'TxD' },
  parse: () => ({ model: undefined }),
  print: () => 'clspool',
  evaluate(c, input) {
    expectRank(input, 2, 'clspool', 'T×D');
    return { resolved: c, typeName: 'ClassToken', tensors: [], formula: noWeights, outputShape: [input[1] ?? null], macs: 0n, conventionSensitive: false };
  },
});

export const pooler = defineKind<FirstTokenConfig>({
  name: 'pooler',
  aliases: ['bertpooler'],
  family: 'transformer',
  summary: msg('kind.pooler'),
  mistake: msg('mistake.pooler'),
  args: [{ name: 'D', inferable: true }],
  options: [],
  example: 'pooler 768',
  input: { rank: 2, form: 'T', features: (c) => c.model },
  parse: (a) => ({ model: a.inferableSize('D') }),
  print: (c) => printed('pooler', c.model),
  evaluate(c, input, framework) {
    expectRank(input, 2, 'pooler', 'T×D');
    const d = resolveFeatures(c.model, input, 'pooler', 'D');
    return {
      resolved: { ...c, model: d },
      typeName: 'Pooler',
      tensors: linearTensors('dense', d, d, true, framework),
      formula: () => projection(lit(d, 'D'), [lit(d, 'D')], true),
      outputShape: [d],
      macs: BigInt(d) * BigInt(d),
      conventionSensitive: false,
      linears: [linear('dense', d, d)],
    };
  },
});

interface HeadConfig {
  readonly model: number | undefined;
  readonly vocabulary: number;
  readonly bias: boolean;
}

type ResolvedHead = HeadConfig & { readonly model: number };

/** A head whose weight is not tied counts its own D×V; one without a bias has no V biases. (A tied head's slip, counting the shared matrix again, is the model's: mistakes.ts.) */
const HEAD_MISTAKES: readonly MistakeDef<ResolvedHead>[] = [
  mistake(
    'untiedCountedOnce',
    'structure',
    ({ config: c }) => (c.bias ? BigInt(c.vocabulary) : 0n),
    () => msg('why.untiedHead'),
  ),
  mistake(
    'addedBias',
    'bias',
    ({ config: c }) => (c.bias ? undefined : (BigInt(c.model) + 1n) * BigInt(c.vocabulary)),
    ({ config: c }) => msg('why.headNoBias', { v: formatInt(c.vocabulary) }),
  ),
];

/** The language-model head: D → V logits at every position, usually without a bias (and often tied). */
export const lmhead = defineKind<HeadConfig, ResolvedHead>({
  name: 'lmhead',
  aliases: ['lm_head'],
  family: 'transformer',
  summary: msg('kind.lmhead'),
  mistake: msg('mistake.lmhead'),
  args: [{ name: 'D', inferable: true }, { name: 'V' }],
  options: ['bias'],
  example: 'lmhead 768 50257',
  input: { rank: 'any', form: 'T', features: (c) => c.model },
  parse: (a) => ({ model: a.inferableSize('D'), vocabulary: a.size('V'), bias: a.flag('bias', false) }),
  print: (c) => printed('lmhead', c.model, c.vocabulary, c.bias && 'bias=true'),
  evaluate(c, input, framework) {
    const d = resolveFeatures(c.model, input, 'lmhead', 'D');
    const leading = input.slice(0, -1);
    return {
      resolved: { ...c, model: d },
      typeName: framework === 'keras' ? 'Dense' : 'Linear',
      tensors: linearTensors('', d, c.vocabulary, c.bias, framework),
      formula: () => projection(lit(d, 'D'), [lit(c.vocabulary, 'V')], c.bias),
      outputShape: [...leading, c.vocabulary],
      macs: macsOver(leading, BigInt(d) * BigInt(c.vocabulary)),
      conventionSensitive: false,
      linears: [linear('', d, c.vocabulary)],
      notes: [msg('note.lmhead')],
    };
  },
  mistakes: HEAD_MISTAKES,
});

export const transformerKinds: readonly Kind[] = [attention, mlp, glu, patchembed, clspool, pooler, lmhead];
