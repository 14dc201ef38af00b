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
}

/** How many bias vectors of gates×H each (layer, direction) has. */
function biasVectors(cell: Cell, c: RecurrentConfig, framework: Framework): number {
  if (!c.bias) return 0;
  if (framework === 'pytorch') return 2;
  return cell === 'gru' && c.resetAfter !== false ? 2 : 1;
}

function tensors(cell: Cell, c: RecurrentConfig, inFeatures: number, framework: Framework): ParamTensor[] {
  const gh = GATES[cell] * c.hidden;
  const directions = c.bidirectional ? 2 : 1;
  const biases = biasVectors(cell, c, framework);
  const out: ParamTensor[] = [];
  for (let layer = 0; layer < c.layers; layer++) {
    const input = layer === 0 ? inFeatures : directions * c.hidden;
    for (let d = 0; d < directions; d++) {
      const suffix = (framework === 'pytorch' || c.layers > 1 ? `_l${layer}` : '') + (d === 1 ? '_reverse' : '');
      if (framework === 'keras') {
        out.push(tensor(`kernel${suffix}`, [input, gh], 'weight'), tensor(`recurrent_kernel${suffix}`, [c.hidden, gh], 'weight'));
        if (biases > 0) out.push(tensor(`bias${suffix}`, biases === 2 ? [2, gh] : [gh], 'bias'));
      } else {
        out.push(tensor(`weight_ih${suffix}`, [gh, input], 'weight'), tensor(`weight_hh${suffix}`, [gh, c.hidden], 'weight'));
        if (biases > 0) out.push(tensor(`bias_ih${suffix}`, [gh], 'bias'), tensor(`bias_hh${suffix}`, [gh], 'bias'));
      }
    }
  }
  return out;
}

/** directions × gates × (IN×H + H×H + b×H), with stacked layers' input 2H or H. */
function formula(cell: Cell, c: RecurrentConfig, inFeatures: number, framework: Framework): Expr {
  const directions = c.bidirectional ? 2 : 1;
  const biases = biasVectors(cell, c, framework);
  const h = lit(c.hidden, 'H');
  const group = (input: Expr): Expr => {
    const body = sum(
      product(input, h),
      product(h, h),
      ...(biases === 0 ? [] : [biases === 1 ? h : product(constant(biases), h)]),
    );
    const factors = [...(directions === 2 ? [constant(2)] : []), ...(GATES[cell] > 1 ? [constant(GATES[cell])] : [])];
    return factors.length > 0 ? product(...factors, body) : body;
  };
  const first = group(lit(inFeatures, 'IN'));
  if (c.layers === 1) return first;
  const stackedInput = lit(directions * c.hidden, directions === 2 ? '2H' : 'H');
  const rest = c.layers === 2 ? group(stackedInput) : product(lit(c.layers - 1, 'L-1'), group(stackedInput));
  return sum(first, rest);
}

function recurrentKind(cell: Cell): Kind {
  return defineKind<RecurrentConfig>({
    name: cell,
    aliases: cell === 'rnn' ? ['simplernn'] : [],
    family: 'recurrent',
    summary: msg(`kind.${cell}`),
    mistake: msg(`mistake.${cell}`),
    args: [{ name: 'IN', inferable: true }, { name: 'H' }],
    options: ['bias', 'layers', 'bidirectional', 'seq', ...(cell === 'gru' ? ['reset_after'] : [])],
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
      ].join(' '),
    evaluate(c, input, framework) {
      expectRank(input, 2, cell, 'T×IN');
      if (framework === 'pytorch' && c.resetAfter === false) fail('err.resetAfterTorch');
      const inFeatures = resolveFeatures(c.inFeatures, input, cell, 'IN');
      const directions = c.bidirectional ? 2 : 1;
      const steps = input[0] ?? null;
      const sequences = c.sequences ?? framework === 'pytorch'; // nn.LSTM returns every step
      const other: Framework = framework === 'keras' ? 'pytorch' : 'keras';
      let perStep = 0n;
      for (let layer = 0; layer < c.layers; layer++) {
        const layerIn = layer === 0 ? inFeatures : directions * c.hidden;
        perStep += BigInt(directions * GATES[cell]) * (BigInt(layerIn) * BigInt(c.hidden) + BigInt(c.hidden) ** 2n);
      }
      const otherCount = countTensors(tensors(cell, c, inFeatures, other)).total;
      return {
        resolved: { ...c, inFeatures },
        typeName: TYPE_NAMES[cell][framework],
        tensors: tensors(cell, c, inFeatures, framework),
        formula: formula(cell, c, inFeatures, framework),
        outputShape: sequences ? [steps, directions * c.hidden] : [directions * c.hidden],
        macs: steps === null ? null : BigInt(steps) * perStep,
        conventionSensitive: c.bias,
        notes: c.bias
          ? [framework === 'keras' ? msg(cell === 'gru' ? 'note.gruKeras' : 'note.rnnKeras', { torch: formatInt(otherCount) }) : msg('note.rnnTorch', { keras: formatInt(otherCount) })]
          : [],
      };
    },
  });
}

export const recurrentKinds: readonly Kind[] = [recurrentKind('rnn'), recurrentKind('lstm'), recurrentKind('gru')];
