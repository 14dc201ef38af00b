/**
 * Multi-head latent attention (DeepSeek-V2, arXiv:2405.04434 §2.1; transformers'
 * DeepseekV2Attention/DeepseekV3Attention): keys and values are rebuilt from one compressed vector
 * per token, so the cache keeps that vector and one rotary key, not K and V per head.
 *
 *   q_proj            D → h·(nope + rope)                 (or, with q_rank, the low-rank pair
 *                                                           q_a_proj D → q_rank, q_a_layernorm,
 *                                                           q_b_proj q_rank → h·(nope + rope))
 *   kv_a_proj_with_mqa D → kv_rank + rope                  the latent and the shared rotary key
 *   kv_a_layernorm    kv_rank                              an RMSNorm's weight
 *   kv_b_proj         kv_rank → h·(nope + v)               the heads' keys (no rope part) and values
 *   o_proj            h·v → D
 *
 * attention_bias puts a bias on q_a_proj, kv_a_proj_with_mqa and o_proj only (the others have
 * bias=False in the modeling code).
 */
import { fail } from '../errors.js';
import { lit, product, sum, type Expr } from '../expr.js';
import { formatInt } from '../format.js';
import type { LinearModule, ParamTensor } from '../types.js';
import { msg } from '../../i18n/messages.js';
import { expectRank, resolveFeatures, tensor } from './common.js';
import { defineKind, mistake, type MistakeDef } from './kind.js';
import { linear, linearTensors, printed } from './transformer.js';

interface LatentConfig {
  readonly heads: number;
  readonly model: number | undefined;
  readonly kvRank: number;
  /** 0: no low-rank query (q_proj); else q_lora_rank. */
  readonly qRank: number;
  readonly nope: number;
  readonly rope: number;
  readonly value: number;
  readonly bias: boolean;
}

type ResolvedLatent = LatentConfig & { readonly model: number };

const big = BigInt;

/**
 * The slips of latent attention: the two RMSNorm weights inside it forgotten, the rotary key's
 * columns of kv_a_proj forgotten (the latent alone), and the layer counted as ordinary attention
 * with h heads of v (what the latent replaces).
 */
const LATENT_MISTAKES: readonly MistakeDef<ResolvedLatent>[] = [
  mistake(
    'latentNormsForgotten',
    'structure',
    (m) => m.counts.total - big(m.config.kvRank) - big(m.config.qRank),
    () => msg('why.mlaNorms'),
  ),
  mistake(
    'ropeKeyForgotten',
    'structure',
    (m) => m.counts.total - big(m.config.model) * big(m.config.rope) - (m.config.bias ? big(m.config.rope) : 0n),
    (m) => msg('why.mlaRopeKey', { rope: String(m.config.rope) }),
  ),
  mistake(
    'countedAsMha',
    'structure',
    (m) => 4n * big(m.config.model) * big(m.config.heads * m.config.value),
    (m) => msg('why.mlaNotMha', { heads: String(m.config.heads) }),
  ),
];

export const mla = defineKind<LatentConfig, ResolvedLatent>({
  name: 'mla',
  aliases: ['latentattention'],
  family: 'attention',
  summary: msg('kind.mla'),
  mistake: msg('mistake.mla'),
  args: [{ name: 'HEADS' }, { name: 'DMODEL', inferable: true }],
  options: ['kv_rank', 'q_rank', 'nope_dim', 'rope_dim', 'v_dim', 'bias'],
  example: 'mla 16 2048 kv_rank=512 nope_dim=128 rope_dim=64 v_dim=128',
  input: { rank: 2, form: 'T', features: (c) => c.model },
  parse(a) {
    const need = (key: string) => a.optionalSize(key) ?? fail('err.mlaNeeds', { key });
    return {
      heads: a.size('HEADS'),
      model: a.inferableSize('DMODEL'),
      kvRank: need('kv_rank'),
      qRank: a.optSize('q_rank', 0, 0),
      nope: need('nope_dim'),
      rope: need('rope_dim'),
      value: need('v_dim'),
      bias: a.flag('bias', false),
    };
  },
  print: (c) => printed('mla', c.heads, c.model, `kv_rank=${c.kvRank}`, c.qRank > 0 && `q_rank=${c.qRank}`, `nope_dim=${c.nope}`, `rope_dim=${c.rope}`, `v_dim=${c.value}`, c.bias && 'bias=true'),
  evaluate(c, input, framework) {
    expectRank(input, 2, 'mla', 'T×D');
    const d = resolveFeatures(c.model, input, 'mla', 'DMODEL');
    const h = c.heads;
    const qk = c.nope + c.rope;
    const sep = framework === 'keras' ? '/' : '.';
    const norm = (name: string, size: number): ParamTensor => tensor(`${name}${sep}${framework === 'keras' ? 'scale' : 'weight'}`, [size], 'scale');
    const linears: LinearModule[] = [];
    const tensors: ParamTensor[] = [];
    const add = (name: string, from: number, to: number, bias: boolean, roles: LinearModule['roles']) => {
      linears.push(linear(name, from, to, roles));
      tensors.push(...linearTensors(name, from, to, bias, framework));
    };
    const [D, H, R, NOPE, ROPE, V] = [lit(d, 'D'), lit(h, 'h'), lit(c.kvRank, 'r_kv'), lit(c.nope, 'd_nope'), lit(c.rope, 'd_rope'), lit(c.value, 'd_v')];
    const biased = (weights: Expr, out: Expr, on: boolean): Expr[] => (on ? [weights, out] : [weights]);
    const terms: Expr[] = [];
    if (c.qRank === 0) {
      add('q_proj', d, h * qk, false, ['q']);
      terms.push(product(D, H, sum(NOPE, ROPE)));
    } else {
      const Q = lit(c.qRank, 'r_q');
      add('q_a_proj', d, c.qRank, c.bias, ['q']);
      tensors.push(norm('q_a_layernorm', c.qRank));
      add('q_b_proj', c.qRank, h * qk, false, ['q']);
      terms.push(...biased(product(D, Q), Q, c.bias), Q, product(Q, H, sum(NOPE, ROPE)));
    }
    add('kv_a_proj_with_mqa', d, c.kvRank + c.rope, c.bias, []);
    tensors.push(norm('kv_a_layernorm', c.kvRank));
    // The per-head keys and values come out of kv_b_proj: LoRA's k and v shorthands name it.
    add('kv_b_proj', c.kvRank, h * (c.nope + c.value), false, ['k', 'v']);
    add('o_proj', h * c.value, d, c.bias, ['o']);
    terms.push(...biased(product(D, sum(R, ROPE)), sum(R, ROPE), c.bias), R, product(R, H, sum(NOPE, V)), ...biased(product(H, V, D), D, c.bias));

    const steps = input[0] ?? null;
    const T = steps === null ? null : big(steps);
    const perToken = linears.reduce((a, l) => a + big(l.inFeatures) * big(l.outFeatures), 0n);
    // QKᵀ over heads of nope + rope, A·V over heads of v: the full T×T, as the other attention kinds count it.
    const scoreMacs = T === null ? null : T * T * big(h) * big(qk + c.value);
    return {
      resolved: { ...c, model: d },
      typeName: 'MLA',
      tensors,
      formula: () => sum(...terms),
      outputShape: [steps, d],
      macs: T === null || scoreMacs === null ? null : T * perToken + scoreMacs,
      conventionSensitive: false,
      notes: [msg('note.mla', { rank: String(c.kvRank), rope: String(c.rope), heads: String(h), full: formatInt(h * (qk + c.value)) }), msg('note.scoreMacs')],
      linears,
      attention: { heads: h, kvHeads: h, headDim: c.value, scoreMacs, latent: { rank: c.kvRank, rope: c.rope, qkHeadDim: qk, vHeadDim: c.value } },
    };
  },
  mistakes: LATENT_MISTAKES,
});
