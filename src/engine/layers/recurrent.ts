/**
 * SimpleRNN, LSTM and GRU. Each gate has an input kernel (IN×H) and a recurrent kernel (H×H).
 * The frameworks differ in biases: Keras keeps one bias vector per gate (GRU with the TF2 default
 * reset_after=True keeps two), PyTorch always keeps two (b_ih and b_hh). Stacked layers after the
 * first take the previous layer's output (H, or 2H when bidirectional) as their input.
 */
import { fail } from '../errors.js';
import { constant, lit, product, sum, type Expr } from '../expr.js';
import { countTensors } from '../counts.js';
import { LIMITS } from '../limits.js';
import { formatInt } from '../format.js';
import type { Framework, ParamTensor } from '../types.js';
import { msg } from '../../i18n/messages.js';
import { expectRank, resolveFeatures, tensor } from './common.js';
import { defineKind, type Kind } from './kind.js';

type Cell = 'rnn' | 'lstm' | 'gru';

const GATES: Record<Cell, number> = { rnn: 1, lstm: 4, gru: 3 };
const TYPE_NAMES: Record<Cell, Record<Framework, string>> = {
  rnn: { keras: 'SimpleRNN', pytorch: 'RNN' },
  lstm: { keras: 'LSTM', pytorch: 'LSTM' },
  gru: { keras: 'GRU', pytorch: 'GRU' },
};

interface RecurrentConfig {
  readonly inFeatures: number | undefined;
  readonly hidden: number;
  readonly layers: number;
  readonly bidirectional: boolean;
  readonly bias: boolean;
  /** Output every step (Keras return_sequences). Undefined: the framework's default. */
  readonly sequences: boolean | undefined;
  /** GRU only; undefined means the Keras default (True since TF 2). */
  readonly resetAfter: boolean | undefined;
  /** PyTorch LSTM proj_size: the hidden state is projected to this size (weight_hr, P×H). */
  readonly proj: number | undefined;
}

/** How many bias vectors of gates×H each (layer, direction) has. */
function biasVectors(cell: Cell, c: RecurrentConfig, framework: Framework): number {
  if (!c.bias) return 0;
  if (framework === 'pytorch') return 2;
  return cell === 'gru' && c.resetAfter !== false ? 2 : 1;
}

/** Layers listed one by one up to this many; past it the stacked layers share one tensor per kind with a leading (L-1) axis, so num_layers=5,000,000 costs no more than 5. */
const LISTED_LAYERS = 4;

function tensors(cell: Cell, c: RecurrentConfig, inFeatures: number, framework: Framework): ParamTensor[] {
  const gh = GATES[cell] * c.hidden;
  const directions = c.bidirectional ? 2 : 1;
  const biases = biasVectors(cell, c, framework);
  const state = c.proj ?? c.hidden;
  const out: ParamTensor[] = [];
  const layer = (name: string, input: number, lead: readonly number[]) => {
    for (let d = 0; d < directions; d++) {
      const suffix = (framework === 'pytorch' || c.layers > 1 ? `_l${name}` : '') + (d === 1 ? '_reverse' : '');
      if (framework === 'keras') {
        out.push(tensor(`kernel${suffix}`, [...lead, input, gh], 'weight'), tensor(`recurrent_kernel${suffix}`, [...lead, c.hidden, gh], 'weight'));
        if (biases > 0) out.push(tensor(`bias${suffix}`, biases === 2 ? [...lead, 2, gh] : [...lead, gh], 'bias'));
      } else {
        out.push(tensor(`weight_ih${suffix}`, [...lead, gh, input], 'weight'), tensor(`weight_hh${suffix}`, [...lead, gh, state], 'weight'));
        if (biases > 0) out.push(tensor(`bias_ih${suffix}`, [...lead, gh], 'bias'), tensor(`bias_hh${suffix}`, [...lead, gh], 'bias'));
        if (c.proj !== undefined) out.push(tensor(`weight_hr${suffix}`, [...lead, c.proj, c.hidden], 'weight'));
      }
    }
  };
  const stacked = directions * state;
  if (c.layers <= LISTED_LAYERS) for (let l = 0; l < c.layers; l++) layer(String(l), l === 0 ? inFeatures : stacked, []);
  else {
    layer('0', inFeatures, []);
    layer(`1-${c.layers - 1}`, stacked, [c.layers - 1]);
  }
  return out;
}

/** directions × gates × (IN×H + H×H + b×H), with stacked layers' input 2H or H (P with a projection). */
function formula(cell: Cell, c: RecurrentConfig, inFeatures: number, framework: Framework): Expr {
  const directions = c.bidirectional ? 2 : 1;
  const biases = biasVectors(cell, c, framework);
  const h = lit(c.hidden, 'H');
  const p = c.proj === undefined ? undefined : lit(c.proj, 'P');
  const group = (input: Expr): Expr => {
    const body = sum(
      product(input, h),
      product(p ?? h, h),
      ...(biases === 0 ? [] : [biases === 1 ? h : product(constant(biases), h)]),
    );
    const gated = GATES[cell] > 1 ? product(constant(GATES[cell]), body) : body;
    if (p === undefined) return directions === 2 ? product(constant(2), ...(GATES[cell] > 1 ? [constant(GATES[cell])] : []), body) : gated;
    const perDirection = sum(gated, product(p, h));
    return directions === 2 ? product(constant(2), perDirection) : perDirection;
  };
  const first = group(lit(inFeatures, 'IN'));
  if (c.layers === 1) return first;
  const state = c.proj ?? c.hidden;
  const stackedInput = lit(directions * state, `${directions === 2 ? '2' : ''}${c.proj === undefined ? 'H' : 'P'}`);
  const rest = c.layers === 2 ? group(stackedInput) : product(lit(c.layers - 1, 'L-1'), group(stackedInput));
  return sum(first, rest);
}

/** Weight multiply-accumulates per time step, in closed form over the stacked layers. */
function macsPerStep(cell: Cell, c: RecurrentConfig, inFeatures: number): bigint {
  const directions = BigInt(c.bidirectional ? 2 : 1);
  const h = BigInt(c.hidden);
  const state = BigInt(c.proj ?? c.hidden);
  const layer = (input: bigint) => directions * (BigInt(GATES[cell]) * h * (input + state) + (c.proj === undefined ? 0n : state * h));
  return layer(BigInt(inFeatures)) + BigInt(c.layers - 1) * layer(directions * state);
}

function recurrentKind(cell: Cell): Kind {
  return defineKind<RecurrentConfig>({
    name: cell,
    aliases: cell === 'rnn' ? ['simplernn'] : [],
    family: 'recurrent',
    summary: msg(`kind.${cell}`),
    mistake: msg(`mistake.${cell}`),
    args: [{ name: 'IN', inferable: true }, { name: 'H' }],
    options: ['bias', 'layers', 'bidirectional', 'seq', ...(cell === 'gru' ? ['reset_after'] : []), ...(cell === 'lstm' ? ['proj'] : [])],
    example: { rnn: 'rnn 32 64', lstm: 'lstm 128 256', gru: 'gru 128 256' }[cell],
    input: { rank: 2, form: 'T', features: (c) => c.inFeatures },
    parse: (a) => ({
      inFeatures: a.inferableSize('IN'),
      hidden: a.size('H'),
      layers: a.boundedSize('layers', 1, LIMITS.stackedLayers),
      bidirectional: a.flag('bidirectional', false),
      bias: a.flag('bias', true),
      sequences: a.optionalFlag('seq'),
      resetAfter: a.optionalFlag('reset_after'),
      proj: a.optionalSize('proj'),
    }),
    print: (c) =>
      [
        cell,
        ...(c.inFeatures === undefined ? [] : [String(c.inFeatures)]),
        String(c.hidden),
        ...(c.layers !== 1 ? [`layers=${c.layers}`] : []),
        ...(c.bidirectional ? ['bidirectional=true'] : []),
        ...(c.bias ? [] : ['bias=false']),
        ...(c.sequences === undefined ? [] : [`seq=${c.sequences}`]),
        ...(c.resetAfter === undefined ? [] : [`reset_after=${c.resetAfter}`]),
        ...(c.proj === undefined ? [] : [`proj=${c.proj}`]),
      ].join(' '),
    evaluate(c, input, framework) {
      expectRank(input, 2, cell, 'T×IN');
      if (framework === 'pytorch' && c.resetAfter === false) fail('err.resetAfterTorch');
      if (framework === 'keras' && c.proj !== undefined) fail('err.projKeras');
      if (c.proj !== undefined && c.proj >= c.hidden) fail('err.projSize', { proj: String(c.proj), hidden: String(c.hidden) });
      const inFeatures = resolveFeatures(c.inFeatures, input, cell, 'IN');
      const directions = c.bidirectional ? 2 : 1;
      const steps = input[0] ?? null;
      const sequences = c.sequences ?? framework === 'pytorch'; // nn.LSTM returns every step
      const other: Framework = framework === 'keras' ? 'pytorch' : 'keras';
      const perStep = macsPerStep(cell, c, inFeatures);
      const otherCount = c.proj === undefined ? countTensors(tensors(cell, c, inFeatures, other)).total : undefined;
      const width = directions * (c.proj ?? c.hidden);
      return {
        resolved: { ...c, inFeatures },
        typeName: TYPE_NAMES[cell][framework],
        tensors: tensors(cell, c, inFeatures, framework),
        formula: formula(cell, c, inFeatures, framework),
        outputShape: sequences ? [steps, width] : [width],
        macs: steps === null ? null : BigInt(steps) * perStep,
        conventionSensitive: c.bias && otherCount !== undefined,
        notes: c.bias && otherCount !== undefined
          ? [framework === 'keras' ? msg(cell === 'gru' ? 'note.gruKeras' : 'note.rnnKeras', { torch: formatInt(otherCount) }) : msg('note.rnnTorch', { keras: formatInt(otherCount) })]
          : [],
      };
    },
  });
}

export const recurrentKinds: readonly Kind[] = [recurrentKind('rnn'), recurrentKind('lstm'), recurrentKind('gru')];
