/**
 * A mixture-of-experts feed-forward layer (Shazeer et al. 2017; Mixtral, Jiang et al. 2024,
 * arXiv:2401.04088; DeepSeekMoE, Dai et al. 2024, arXiv:2401.06066): a router (`gate`, D → E
 * scores), E experts that are each a gated MLP (gate, up: D → F; down: F → D), of which every
 * token uses the top_k, and optionally shared experts every token uses (DeepSeek's, Qwen2-MoE's
 * with a one-output gate of its own). No biases anywhere, as in every family that has one.
 *
 * Tensors are named as the checkpoints and transformers 4.x's named_modules() name them
 * (`experts.0.gate_proj.weight`; Mixtral's `experts.0.w1.weight`); transformers 5 keeps the experts
 * as stacked 3-D parameters instead, the same count. The record says its routing, so the model's
 * totals tell the parameters a token touches from those it holds.
 */
import { fail } from '../errors.js';
import { constant, lit, product, sum, type Expr } from '../expr.js';
import { formatInt } from '../format.js';
import { LIMITS } from '../limits.js';
import type { LinearModule, ParamTensor } from '../types.js';
import { msg, type MessageRef } from '../../i18n/messages.js';
import { expectRank, macsOver, resolveFeatures } from './common.js';
import { defineKind, mistake, type MistakeDef } from './kind.js';
import { ffnLinear, linearTensors, parseNames, printed, printNames } from './transformer.js';

interface MoeConfig {
  readonly model: number | undefined;
  readonly experts: number;
  readonly hidden: number;
  readonly topK: number;
  /** The shared experts' width all told (DeepSeek: moe_intermediate_size × n_shared_experts); 0 for none. */
  readonly sharedHidden: number;
  /** The shared experts' module: DeepSeek's `shared_experts`, Qwen2-MoE's `shared_expert`. */
  readonly sharedName: string;
  /** Qwen2-MoE's `shared_expert_gate`: D → 1, a sigmoid weight on the shared expert's output. */
  readonly sharedGate: boolean;
  /** The router is an nn.Linear (Mixtral, Qwen2-MoE) rather than a bare parameter (DeepSeek's MoEGate): PEFT can adapt it. */
  readonly routerLinear: boolean;
  /** DeepSeek-V3's e_score_correction_bias: a buffer in transformers (not a parameter), said in a note. */
  readonly scoreBias: boolean;
  /** The experts' matrices: gate, up, down (`w1,w3,w2` in Mixtral). */
  readonly names: readonly string[] | undefined;
}

type ResolvedMoe = MoeConfig & { readonly model: number };

const DEFAULT_NAMES = ['gate_proj', 'up_proj', 'down_proj'];

const big = BigInt;
/** One gated MLP of width F: three D×F matrices. */
const gated = (d: number, f: number): bigint => 3n * big(d) * big(f);

/** Every part of the layer, in parameters: what the count, the active count and the mistakes share. */
function parts(c: ResolvedMoe) {
  const expert = gated(c.model, c.hidden);
  return {
    router: big(c.experts) * big(c.model),
    expert,
    experts: big(c.experts) * expert,
    shared: c.sharedHidden > 0 ? gated(c.model, c.sharedHidden) : 0n,
    sharedGate: c.sharedGate ? big(c.model) : 0n,
  };
}

/**
 * What students get wrong about a mixture of experts' parameters: the layer taken to hold only the
 * top_k experts a token uses (sizing memory from the active count), the router or the shared
 * experts left out, an expert counted as two matrices instead of a gated MLP's three.
 */
const MOE_MISTAKES: readonly MistakeDef<ResolvedMoe>[] = [
  mistake(
    'expertsAsActive',
    'structure',
    (m) => (m.config.topK < m.config.experts ? m.counts.total - big(m.config.experts - m.config.topK) * parts(m.config).expert : undefined),
    (m) => msg('why.moeAllExpertsStored', { experts: String(m.config.experts), k: String(m.config.topK) }),
  ),
  mistake(
    'routerForgotten',
    'structure',
    (m) => m.counts.total - parts(m.config).router,
    (m) => msg('why.moeRouter', { experts: String(m.config.experts), d: formatInt(m.config.model) }),
  ),
  mistake(
    'sharedForgotten',
    'structure',
    (m) => (m.config.sharedHidden > 0 ? m.counts.total - parts(m.config).shared - parts(m.config).sharedGate : undefined),
    () => msg('why.moeShared'),
  ),
  mistake(
    'expertTwoMatrices',
    'structure',
    (m) => m.counts.total - big(m.config.experts) * big(m.config.model) * big(m.config.hidden) - (m.config.sharedHidden > 0 ? big(m.config.model) * big(m.config.sharedHidden) : 0n),
    () => msg('why.gluThreeMatrices'),
  ),
];

export const moe = defineKind<MoeConfig, ResolvedMoe>({
  name: 'moe',
  aliases: ['mixture', 'sparsemoe'],
  family: 'transformer',
  summary: msg('kind.moe'),
  mistake: msg('mistake.moe'),
  args: [{ name: 'D', inferable: true }, { name: 'EXPERTS' }, { name: 'FF' }],
  options: ['top_k', 'shared_ff', 'shared_name', 'shared_gate', 'router_linear', 'score_bias', 'names'],
  example: 'moe 4096 8 14336 top_k=2',
  input: { rank: 2, form: 'T', features: (c) => c.model },
  parse(a) {
    const experts = a.size('EXPERTS');
    if (experts > LIMITS.experts) fail('err.tooLarge', { token: String(experts), what: 'EXPERTS', max: formatInt(LIMITS.experts) });
    const topK = a.optionalSize('top_k') ?? fail('err.moeTopK');
    if (topK > experts) fail('err.moeTopKExperts', { k: String(topK), experts: String(experts) });
    const sharedName = a.has('shared_name') ? a.text('shared_name') : 'shared_experts';
    if (!/^[A-Za-z_][\w]*$/.test(sharedName)) fail('err.namesCount', { kind: 'moe', token: `shared_name=${sharedName}`, count: '1' });
    return {
      model: a.inferableSize('D'),
      experts,
      hidden: a.size('FF'),
      topK,
      sharedHidden: a.optSize('shared_ff', 0, 0),
      sharedName,
      sharedGate: a.flag('shared_gate', false),
      routerLinear: a.flag('router_linear', true),
      scoreBias: a.flag('score_bias', false),
      names: parseNames(a, 'moe', 3),
    };
  },
  print: (c) =>
    printed(
      'moe',
      c.model,
      c.experts,
      c.hidden,
      `top_k=${c.topK}`,
      c.sharedHidden > 0 && `shared_ff=${c.sharedHidden}`,
      c.sharedName !== 'shared_experts' && `shared_name=${c.sharedName}`,
      c.sharedGate && 'shared_gate=true',
      !c.routerLinear && 'router_linear=false',
      c.scoreBias && 'score_bias=true',
      ...printNames(c.names),
    ),
  evaluate(c, input, framework) {
    expectRank(input, 2, 'moe', 'T×D');
    const d = resolveFeatures(c.model, input, 'moe', 'D');
    const resolved: ResolvedMoe = { ...c, model: d };
    const f = c.hidden;
    const [gate, up, down] = c.names ?? DEFAULT_NAMES;
    const sep = framework === 'keras' ? '/' : '.';
    const tensors: ParamTensor[] = [...linearTensors('gate', d, c.experts, false, framework)];
    const linears: LinearModule[] = c.routerLinear ? [ffnLinear('gate', d, c.experts, 'router')] : [];
    /** One gated MLP (an expert, or the shared experts) under `prefix`, its matrices named `names`. */
    const mlp = (prefix: string, width: number, names: readonly string[], expert: boolean) => {
      const [g, u, dn] = names;
      for (const [name, from, to, part] of [
        [g!, d, width, 'gate'],
        [u!, d, width, 'up'],
        [dn!, width, d, 'down'],
      ] as const) {
        tensors.push(...linearTensors(`${prefix}${sep}${name}`, from, to, false, framework));
        linears.push(ffnLinear(`${prefix}.${name}`, from, to, part, expert));
      }
    };
    for (let i = 0; i < c.experts; i++) mlp(`experts${sep}${i}`, f, [gate!, up!, down!], true);
    if (c.sharedHidden > 0) {
      // Shared experts are plain gated MLPs with the library's own names in every family.
      mlp(c.sharedName, c.sharedHidden, DEFAULT_NAMES, false);
      if (c.sharedGate) {
        tensors.push(...linearTensors('shared_expert_gate', d, 1, false, framework));
        linears.push(ffnLinear('shared_expert_gate', d, 1, 'router'));
      }
    }
    const p = parts(resolved);
    const [D, E, F] = [lit(d, 'D'), lit(c.experts, 'E'), lit(f, 'F')];
    const formula = (): Expr => sum(product(E, D), product(E, constant(3), D, F), ...(c.sharedHidden > 0 ? [product(constant(3), D, lit(c.sharedHidden, 'F_s'))] : []), ...(c.sharedGate ? [D] : []));
    const perToken = p.router + big(c.topK) * p.expert + p.shared + p.sharedGate;
    const notes: MessageRef[] = [
      msg('note.moe', {
        experts: String(c.experts),
        k: String(c.topK),
        expert: formatInt(p.expert),
        active: formatInt(perToken),
        formula: `E×D + k×3×D×F${c.sharedHidden > 0 ? ' + 3×D×F_s' : ''}${c.sharedGate ? ' + D' : ''}`,
      }),
    ];
    if (c.scoreBias) notes.push(msg('note.moeScoreBias', { experts: String(c.experts) }));
    return {
      resolved,
      typeName: 'MoE',
      tensors,
      formula,
      outputShape: input,
      macs: macsOver(input.slice(0, -1), perToken),
      conventionSensitive: false,
      notes,
      linears,
      routing: { experts: c.experts, topK: c.topK, perExpert: p.expert, shared: p.shared + p.sharedGate },
    };
  },
  mistakes: MOE_MISTAKES,
  experts: (c) => c.experts,
});
