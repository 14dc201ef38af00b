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
import { defineKind, mistake, type Kind, type MistakeDef, type MistakeInput } from './kind.js';

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
    const body = sum(product(input, h), product(p ?? h, h), ...(biases === 0 ? [] : [biases === 1 ? h : product(constant(biases), h)]));
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

type ResolvedRecurrent = RecurrentConfig & { readonly inFeatures: number };

/** What a recurrent layer counts as, with any part of it changed: the gates, the bias vectors, the recurrent kernel, the stacking. */
interface Reading {
  readonly gates: number;
  readonly biases: number;
  readonly recurrent: boolean;
  readonly directions: number;
  readonly layers: number;
  /** Stacked layers read IN (not H or 2H) as their input. */
  readonly stackedReadIn: boolean;
  /** Stacked layers of a bidirectional stack read H, one direction's output, not the 2H both give them. */
  readonly stackedReadH?: boolean;
}

function readingCount(c: ResolvedRecurrent, r: Reading): bigint {
  const h = BigInt(c.hidden);
  let total = 0n;
  for (let layer = 0; layer < r.layers; layer++) {
    const input = BigInt(layer === 0 || r.stackedReadIn ? c.inFeatures : (r.stackedReadH ? 1 : r.directions) * c.hidden);
    total += BigInt(r.directions * r.gates) * (input * h + (r.recurrent ? h * h : 0n) + BigInt(r.biases) * h);
  }
  return total;
}

/** The recurrent mistakes of one cell: gate counts, the H×H kernel, bias conventions, directions and stacking. */
function recurrentMistakes(cell: Cell): MistakeDef<ResolvedRecurrent>[] {
  const right = (m: MistakeInput<ResolvedRecurrent>): Reading => ({
    gates: GATES[cell],
    biases: biasVectors(cell, m.config, m.framework),
    recurrent: true,
    directions: m.config.bidirectional ? 2 : 1,
    layers: m.config.layers,
    stackedReadIn: false,
  });
  const reading = (
    id: string,
    family: 'bias' | 'gates' | 'convention' | 'structure',
    change: (r: Reading, m: MistakeInput<ResolvedRecurrent>) => Partial<Reading> | undefined,
    why: MistakeDef<ResolvedRecurrent>['why'],
  ) =>
    mistake<ResolvedRecurrent>(
      id,
      family,
      (m) => {
        if (m.config.proj !== undefined) return undefined; // readings are of H-sized states; a projection changes them
        const r = right(m);
        const changed = change(r, m);
        return changed && readingCount(m.config, { ...r, ...changed });
      },
      why,
    );
  const type = (m: MistakeInput<ResolvedRecurrent>) => TYPE_NAMES[cell][m.framework];
  // a GRU's reset and update gates are often taken for all of it, the candidate state's weights forgotten
  const otherGates: readonly number[] = { rnn: [4], lstm: [3, 1], gru: [4, 2] }[cell];
  return [
    reading(
      'forgotBias',
      'bias',
      (r) => (r.biases > 0 ? { biases: 0 } : undefined),
      (m) => msg('why.forgotBias', { n: formatInt(readingCount(m.config, right(m)) - readingCount(m.config, { ...right(m), biases: 0 })) }),
    ),
    reading(
      'forgotRecurrent',
      'gates',
      () => ({ recurrent: false }),
      ({ config: c }) => msg(cell === 'rnn' ? 'why.forgotRecurrentRnn' : 'why.forgotRecurrent', { h: formatInt(c.hidden) }),
    ),
    ...otherGates.map((gates) =>
      reading(
        `gates${gates}`,
        'gates',
        () => ({ gates }),
        (m) => (cell === 'rnn' ? msg('why.rnnNoGates') : msg('why.gateCount', { cell: type(m), gates: String(GATES[cell]) })),
      ),
    ),
    reading(
      'otherBiases',
      'convention',
      (r) => (r.biases > 0 ? { biases: 3 - r.biases } : undefined),
      (m) => {
        if (m.framework === 'pytorch') return msg('why.kerasBiases');
        return msg(cell === 'gru' && m.config.resetAfter !== false ? 'why.resetAfterBiases' : 'why.torchBiases');
      },
    ),
    mistake<ResolvedRecurrent>(
      'biasOnce',
      'bias',
      (m) => {
        const r = right(m);
        if (r.biases === 0 || r.gates === 1 || m.config.proj !== undefined) return undefined;
        // one bias vector of H for the whole layer, not one per gate
        return readingCount(m.config, { ...r, biases: 0 }) + BigInt(r.biases * r.directions * r.layers * m.config.hidden);
      },
      (m) => msg('why.biasPerGate', { cell: type(m) }),
    ),
    mistake<ResolvedRecurrent>(
      'timesSteps',
      'structure',
      (m) => {
        const steps = m.input[0];
        return steps === null || steps === undefined || steps < 2 ? undefined : m.counts.total * BigInt(steps);
      },
      () => msg('why.recurrentShared'),
    ),
    ...(cell === 'lstm'
      ? [
          // a second H×H per gate, for the cell state c, which has none
          mistake<ResolvedRecurrent>(
            'cellStateKernel',
            'gates',
            (m) => {
              if (m.config.proj !== undefined) return undefined;
              const r = right(m);
              return m.counts.total + BigInt(r.gates * r.directions * r.layers) * BigInt(m.config.hidden) ** 2n;
            },
            () => msg('why.lstmCellState'),
          ),
        ]
      : []),
    reading(
      'forgotDirections',
      'structure',
      (r) => (r.directions === 2 ? { directions: 1 } : undefined),
      () => msg('why.forgotDirections'),
    ),
    reading(
      'stackedReadIn',
      'structure',
      (r) => (r.layers > 1 ? { stackedReadIn: true } : undefined),
      (m) => msg('why.stackedInput', { h: formatInt((m.config.bidirectional ? 2 : 1) * m.config.hidden) }),
    ),
    reading(
      'onlyFirstLayer',
      'structure',
      (r) => (r.layers > 1 ? { layers: 1 } : undefined),
      ({ config: c }) => msg('why.stackedLayers', { layers: String(c.layers) }),
    ),
    reading(
      'stackedReadH',
      'structure',
      (r) => (r.layers > 1 && r.directions === 2 ? { stackedReadH: true } : undefined),
      ({ config: c }) => msg('why.stackedReadsBoth', { h: formatInt(c.hidden), both: formatInt(2 * c.hidden) }),
    ),
  ];
}

function recurrentKind(cell: Cell): Kind {
  return defineKind<RecurrentConfig, ResolvedRecurrent>({
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
        formula: () => formula(cell, c, inFeatures, framework),
        outputShape: sequences ? [steps, width] : [width],
        macs: steps === null ? null : BigInt(steps) * perStep,
        conventionSensitive: c.bias && otherCount !== undefined,
        notes:
          c.bias && otherCount !== undefined
            ? [framework === 'keras' ? msg(cell === 'gru' ? 'note.gruKeras' : 'note.rnnKeras', { torch: formatInt(otherCount) }) : msg('note.rnnTorch', { keras: formatInt(otherCount) })]
            : [],
      };
    },
    mistakes: recurrentMistakes(cell),
  });
}

export const recurrentKinds: readonly Kind[] = [recurrentKind('rnn'), recurrentKind('lstm'), recurrentKind('gru')];
