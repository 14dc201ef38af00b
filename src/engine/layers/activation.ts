/**
 * Activations. All are parameter-free except PReLU, whose learned slope is where the frameworks
 * disagree most: Keras PReLU() learns one alpha per input element (200,704 of them after a
 * 56×56×64 conv), PyTorch nn.PReLU() learns a single one unless given num_parameters=C.
 */
import { fail } from '../errors.js';
import { constant, lit, noWeights, product } from '../expr.js';
import type { Framework } from '../types.js';
import { msg } from '../../i18n/messages.js';
import { expectMinRank, NO_TENSORS, tensor, volume } from './common.js';
import { defineKind, type Kind } from './kind.js';

type AlphaSharing = 'element' | 'channel' | 'one';
const SHARING: readonly AlphaSharing[] = ['element', 'channel', 'one'];
const DEFAULT_SHARING: Record<Framework, AlphaSharing> = { keras: 'element', pytorch: 'one' };
const AXIS_SYMBOLS: Record<number, readonly string[]> = { 1: ['N'], 2: ['T', 'C'], 3: ['H', 'W', 'C'], 4: ['D', 'H', 'W', 'C'] };

interface PReLUConfig {
  /** Undefined: the framework's default (see DEFAULT_SHARING). */
  readonly per: AlphaSharing | undefined;
}

export const prelu = defineKind<PReLUConfig>({
  name: 'prelu',
  family: 'activation',
  summary: msg('kind.prelu'),
  mistake: msg('mistake.prelu'),
  args: [],
  options: ['per'],
  example: 'prelu in=56x56x64',
  input: { rank: 'any', form: 'HxWxC' },
  parse: (a) => ({ per: a.optChoice('per', SHARING) }),
  print: (c) => (c.per === undefined ? 'prelu' : `prelu per=${c.per}`),
  evaluate(c, input, framework) {
    expectMinRank(input, 1, 'prelu', 'N');
    const per = c.per ?? DEFAULT_SHARING[framework];
    const channels = input[input.length - 1] ?? null;
    let shape: number[];
    if (per === 'one') shape = [1];
    else if (per === 'channel') shape = channels === null ? fail('err.needsIn', { kind: 'prelu', form: 'HxWxC' }) : [channels];
    else shape = input.every((d): d is number => d !== null) ? [...input] : fail('err.needsIn', { kind: 'prelu', form: 'HxWxC' });
    const symbols = AXIS_SYMBOLS[shape.length] ?? [];
    return {
      resolved: c,
      typeName: 'PReLU',
      tensors: [tensor(framework === 'keras' ? 'alpha' : 'weight', shape, 'weight')],
      formula: () => (per === 'one' ? constant(1) : per === 'channel' ? lit(shape[0]!, 'C') : product(...shape.map((d, i) => lit(d, symbols[i] ?? `d${i}`)))),
      outputShape: input,
      macs: volume(input),
      conventionSensitive: c.per === undefined,
      notes: c.per === undefined ? [msg(framework === 'keras' ? 'note.preluKeras' : 'note.preluTorch')] : [],
    };
  },
});

/** Parameter-free activations, by their /count name and PyTorch class name. */
const ACTIVATIONS: Readonly<Record<string, string>> = {
  relu: 'ReLU',
  relu6: 'ReLU6',
  leakyrelu: 'LeakyReLU',
  elu: 'ELU',
  selu: 'SELU',
  gelu: 'GELU',
  silu: 'SiLU',
  swish: 'SiLU',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  softmax: 'Softmax',
  softplus: 'Softplus',
  hardswish: 'Hardswish',
  hardsigmoid: 'Hardsigmoid',
  hardtanh: 'Hardtanh',
  mish: 'Mish',
  celu: 'CELU',
  logsoftmax: 'LogSoftmax',
  softmin: 'Softmin',
  softsign: 'Softsign',
  logsigmoid: 'LogSigmoid',
  tanhshrink: 'Tanhshrink',
  hardshrink: 'Hardshrink',
  softshrink: 'Softshrink',
  threshold: 'Threshold',
};

interface ActivationConfig {
  readonly fn: string;
}

function activationEvaluation(c: ActivationConfig, input: readonly (number | null)[], framework: Framework) {
  return {
    resolved: c,
    typeName: framework === 'keras' ? 'Activation' : ACTIVATIONS[c.fn]!,
    tensors: NO_TENSORS,
    formula: noWeights,
    outputShape: input,
    macs: 0n,
    conventionSensitive: false,
  };
}

/** A parameter-free activation: no weights, its input handed on, refused by neither framework (the framework names its class alone). */
const weightless = (): boolean => true;

function activationKind(fn: string): Kind {
  return defineKind<ActivationConfig>({
    name: fn,
    family: 'activation',
    summary: msg('kind.activation'),
    mistake: msg('mistake.activation'),
    args: [],
    options: [],
    example: fn,
    input: { rank: 'any', form: 'HxWxC' },
    parse: () => ({ fn }),
    print: (c) => c.fn,
    evaluate: activationEvaluation,
    neutral: weightless,
  });
}

/** `act relu`: the generic spelling, printed back as the bare name. */
export const act = defineKind<ActivationConfig>({
  name: 'act',
  aliases: ['activation'],
  family: 'activation',
  summary: msg('kind.activation'),
  mistake: msg('mistake.activation'),
  args: [{ name: 'NAME' }],
  options: [],
  example: 'act relu',
  input: { rank: 'any', form: 'HxWxC' },
  parse(a) {
    const fn = a.word('NAME');
    if (!(fn in ACTIVATIONS)) fail('err.notAChoice', { token: fn, what: 'NAME', choices: Object.keys(ACTIVATIONS).join('|') });
    return { fn };
  },
  print: (c) => c.fn,
  evaluate: activationEvaluation,
  neutral: weightless,
});

export const activationKinds: readonly Kind[] = [prelu, act, ...Object.keys(ACTIVATIONS).map(activationKind)];
