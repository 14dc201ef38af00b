/**
 * English messages: quiz questions (a layer described in one of several wordings, then the
 * question in one of several), hints, the worked solution, and reading answers. `v` picks the
 * wording; '' stands for an option left at its default.
 */
import type { P } from '../params.js';

const channels = (n: string) => `${n} ${n === '1' ? 'channel' : 'channels'}`;
const pick = (v: string, ...wordings: string[]) => wordings[Number(v)] ?? wordings[0]!;
/** A number inside Python code: 1024, never the 1,024 words show. */
const py = (n: string) => n.replace(/,/g, '');
/** `padding 'valid'`, `padding 'same'`, `padding 1`: always said, so no question leaves its convention to be guessed. */
const padding = (pad: string) => (pad === 'valid' || pad === 'same' ? `padding '${pad}'` : `padding ${pad}`);
/** `, stride 2, padding 'valid', dilation 2, groups=2`: the padding always, the rest only when not the default. */
const convOptions = (p: P<'stride' | 'pad' | 'dilation' | 'groups'>) =>
  [p.stride && `stride ${p.stride}`, padding(p.pad), p.dilation && `dilation ${p.dilation}`, p.groups && `groups=${p.groups}`]
    .filter(Boolean)
    .map((s) => `, ${s}`)
    .join('');
const it = (of: string) => (of === 'model' ? 'the model' : of === 'block' ? 'the block' : 'it');
const its = (of: string) => (of === 'model' ? "the model's" : of === 'block' ? "the block's" : 'its');

type Conv = P<'v' | 'cin' | 'cout' | 'k' | 'size' | 'stride' | 'pad' | 'dilation' | 'groups' | 'bias'>;
const withBias = (b: string) => (b === 'no' ? 'no bias' : 'with bias');
type Ask = P<'v' | 'of'>;

export const quiz = {
  // ── layers, described ──
  'd.dense': (p: P<'v' | 'in' | 'out' | 'bias'>) =>
    pick(
      p.v,
      `A Dense layer takes ${p.in} inputs and has ${p.out} ${p.out === '1' ? 'unit' : 'units'}, ${withBias(p.bias)}.`,
      `${p.in} inputs feed a fully connected layer of ${p.out} ${p.out === '1' ? 'unit' : 'units'} (${withBias(p.bias)}).`,
    ),
  'd.denseSequence': (p: P<'v' | 't' | 'in' | 'out' | 'bias'>) =>
    pick(
      p.v,
      `A Keras Dense(${py(p.out)}${p.bias === 'no' ? ', use_bias=False' : ''}) layer (${withBias(p.bias)}) is applied to a sequence of shape (${py(p.t)}, ${py(p.in)}).`,
      `Each of ${p.t} time steps has ${p.in} features, and a Dense layer of ${p.out} units (${withBias(p.bias)}) is applied to the sequence.`,
    ),
  'd.embedding': (p: P<'v' | 'vocab' | 'd' | 't'>) =>
    pick(
      p.v,
      `An Embedding layer maps a vocabulary of ${p.vocab} tokens to vectors of ${p.d}; it reads sequences of ${p.t} tokens.`,
      `Sequences of ${p.t} token ids (vocabulary ${p.vocab}) go through an embedding of dimension ${p.d}.`,
    ),
  'd.conv': (p: Conv) =>
    pick(
      p.v,
      `A Conv2D layer: ${p.cout} filters of ${p.k}${convOptions(p)}, ${withBias(p.bias)}, on a ${p.size} input with ${channels(p.cin)}.`,
      `On a ${p.size} input with ${channels(p.cin)}, a convolution applies ${p.cout} filters of ${p.k}${convOptions(p)} (${withBias(p.bias)}).`,
    ),
  'd.conv1d': (p: Conv) =>
    pick(
      p.v,
      `A Conv1D layer: ${p.cout} filters of size ${p.k}${convOptions(p)}, ${withBias(p.bias)}, on a sequence of ${p.size} steps with ${channels(p.cin)}.`,
      `A sequence of ${p.size} steps with ${channels(p.cin)} goes through a 1-D convolution of ${p.cout} filters, kernel size ${p.k}${convOptions(p)} (${withBias(p.bias)}).`,
    ),
  'd.deconv': (p: P<'v' | 'cin' | 'cout' | 'k' | 'stride' | 'size'>) =>
    pick(
      p.v,
      `A Conv2DTranspose layer: ${p.cout} filters of ${p.k}, stride ${p.stride}, with bias, on a ${p.size} input with ${channels(p.cin)}.`,
      `A transposed convolution upsamples a ${p.size}×${p.cin} input with ${p.cout} filters of ${p.k} and stride ${p.stride} (with bias).`,
    ),
  'd.bn': (p: P<'v' | 'shape' | 'framework'>) =>
    pick(
      p.v,
      `BatchNormalization (${p.framework}) is applied to a feature map of shape ${p.shape}.`,
      `In ${p.framework}, a batch normalization layer follows a convolution whose output is ${p.shape}.`,
    ),
  'd.bnPartial': (p: P<'v' | 'shape' | 'off'>) =>
    pick(p.v, `A Keras BatchNormalization(${p.off}=False) is applied to a feature map of shape ${p.shape}.`, `Batch normalization with ${p.off}=False (Keras) normalizes a ${p.shape} feature map.`),
  'd.ln': (p: P<'v' | 't' | 'd'>) => pick(p.v, `LayerNormalization over the last axis of a (${py(p.t)}, ${py(p.d)}) sequence.`, `A layer norm normalizes each of ${p.t} tokens, vectors of ${p.d}.`),
  'd.gn': (p: P<'v' | 'g' | 'shape'>) =>
    pick(p.v, `GroupNormalization with ${p.g} groups on a feature map of shape ${p.shape}.`, `A group norm splits the channels of a ${p.shape} feature map into ${p.g} groups.`),
  'd.pool': (p: P<'v' | 'k' | 'stride' | 'shape' | 'avg'>) =>
    pick(
      p.v,
      `${p.avg === 'yes' ? 'An AveragePooling2D' : 'A MaxPooling2D'} with a ${p.k} window and stride ${p.stride} (padding 'valid') is applied to a ${p.shape} input.`,
      `A ${p.shape} feature map goes through ${p.avg === 'yes' ? 'average' : 'max'} pooling: window ${p.k}, stride ${p.stride}, no padding.`,
    ),
  'd.dwconv': (p: P<'v' | 'c' | 'k' | 'mult' | 'size' | 'stride' | 'pad' | 'bias'>) =>
    pick(
      p.v,
      `A DepthwiseConv2D with a ${p.k} kernel${p.mult === '1' ? '' : ` and depth multiplier ${p.mult}`}${p.stride ? `, stride ${p.stride}` : ''}, ${padding(p.pad)}, ${withBias(p.bias)}, on a ${p.size}×${p.c} input.`,
      `A depthwise convolution (${p.k}${p.mult === '1' ? '' : `, depth_multiplier=${p.mult}`}${p.stride ? `, stride ${p.stride}` : ''}, ${padding(p.pad)}, ${withBias(p.bias)}) runs over a ${p.size} input with ${channels(p.c)}.`,
    ),
  'd.sepconv': (p: P<'v' | 'cin' | 'cout' | 'k' | 'mult' | 'size' | 'stride' | 'pad'>) =>
    pick(
      p.v,
      `A Keras SeparableConv2D(${py(p.cout)}, ${p.k}${p.mult === '1' ? '' : `, depth_multiplier=${p.mult}`}) (with bias${p.stride ? `, stride ${p.stride}` : ''}, ${padding(p.pad)}) on a ${p.size} input with ${channels(p.cin)}.`,
      `A separable convolution with ${p.cout} output channels and a ${p.k} depthwise kernel${p.mult === '1' ? '' : ` (depth multiplier ${p.mult})`}${p.stride ? `, stride ${p.stride}` : ''}, ${padding(p.pad)}, runs over a ${p.size}×${p.cin} input, with bias.`,
    ),
  'd.recurrent': (p: P<'v' | 'type' | 'in' | 'h' | 't' | 'framework' | 'layers' | 'bidirectional' | 'resetAfter'>) => {
    const extra = [p.layers && `${p.layers} stacked layers`, p.bidirectional && 'bidirectional', p.resetAfter === 'no' && 'reset_after=False'].filter(Boolean).join(', ');
    return pick(
      p.v,
      `A ${p.framework} ${p.type} layer with ${p.h} hidden units${extra ? ` (${extra})` : ''} reads sequences of ${p.t} steps with ${p.in} features each.`,
      `Sequences of ${p.t} steps, ${p.in} features per step, go into ${p.framework}'s ${p.type} with hidden size ${p.h}${extra ? `, ${extra}` : ''}.`,
    );
  },
  'd.mha': (p: P<'v' | 'heads' | 'd' | 't' | 'key'>) =>
    pick(
      p.v,
      `Self-attention over a (${py(p.t)}, ${py(p.d)}) sequence: MultiHeadAttention with ${p.heads} heads of size ${p.key} (key_dim=${p.key}), with biases.`,
      `A multi-head attention layer attends over ${p.t} tokens of dimension ${p.d}, with ${p.heads} heads (each ${p.key} wide, biases included).`,
    ),

  // ── the question itself ──
  'ask.params': (p: Ask) =>
    pick(
      p.v,
      `How many parameters does ${it(p.of)} have?`,
      `How many parameters does ${p.of === 'layer' ? 'it hold' : `${it(p.of)} hold`}, weights and biases together?`,
      `What is ${its(p.of)} parameter count?`,
    ),
  'ask.trainable': (p: Ask) => pick(p.v, `How many TRAINABLE parameters does ${it(p.of)} have?`, `How many of ${its(p.of)} parameters are trainable?`),
  'ask.nonTrainable': (p: Ask) => pick(p.v, `How many NON-TRAINABLE parameters does ${it(p.of)} have?`, `How many of ${its(p.of)} weights are non-trainable?`),
  'ask.summary': (p: Ask) => pick(p.v, `What does the Keras summary print as ${its(p.of)} parameter count (trainable and non-trainable together)?`),
  'ask.torchParams': (p: Ask) => pick(p.v, `What does sum(p.numel() for p in ${p.of === 'layer' ? 'layer' : 'model'}.parameters()) give?`),
  'ask.macs': (p: Ask) =>
    pick(
      p.v,
      `How many MACs (multiply-accumulates, bias not counted) does ${it(p.of)} take?`,
      `How many multiply-accumulate operations does one forward pass through ${it(p.of)} take (bias additions not counted)?`,
    ),
  'ask.height': (p: Ask) => pick(p.v, `What is the height of ${p.of === 'layer' ? 'its' : 'the last layer’s'} output?`, `How tall is the output feature map at the end (H_out)?`),
  'ask.size': (p: Ask) => pick(p.v, `How many values per example come out of the last layer?`, `What is the size of the last layer's output, all its values per example?`),
  'ask.largest': () => `Which layer holds the most parameters? Answer with its number: 1 for the first layer after the input.`,

  // ── whole questions ──
  'q.code': (p: P<'code'>) => `\`\`\`python\n${p.code}\n\`\`\``,
  'q.inverseUnits': (p: P<'v' | 'in' | 'target'>) =>
    pick(
      p.v,
      `A Dense layer (with bias) on ${p.in} inputs has ${p.target} parameters. How many units does it have?`,
      `How many units must a Dense layer on ${p.in} inputs have, with bias, to hold exactly ${p.target} parameters?`,
    ),
  'q.inverseInputs': (p: P<'v' | 'out' | 'target'>) =>
    pick(
      p.v,
      `A Dense layer of ${p.out} units (with bias) has ${p.target} parameters. How many inputs does it take?`,
      `How many inputs does a Dense(${p.out}) layer with bias read if it holds ${p.target} parameters?`,
    ),
  'q.inverseFilters': (p: P<'v' | 'cin' | 'k' | 'target'>) =>
    pick(
      p.v,
      `A Conv2D layer with ${p.k} filters (with bias) on ${channels(p.cin)} has ${p.target} parameters. How many filters does it have?`,
      `How many ${p.k} filters give a convolution on ${channels(p.cin)}, with bias, exactly ${p.target} parameters?`,
    ),
  'q.inverseChannels': (p: P<'v' | 'cout' | 'k' | 'target'>) =>
    pick(
      p.v,
      `A Conv2D layer with ${p.cout} filters of ${p.k} (with bias) has ${p.target} parameters. How many input channels does it take?`,
      `How many input channels does a convolution of ${p.cout} filters of ${p.k}, with bias, read if it has ${p.target} parameters?`,
    ),
  'q.separableSaving': (p: P<'v' | 'cin' | 'cout' | 'k'>) =>
    pick(
      p.v,
      `How many parameters does a SeparableConv2D(${py(p.cout)}, ${py(p.k)}) save compared with a standard Conv2D(${py(p.cout)}, ${py(p.k)}), both on ${channels(p.cin)} and with bias?`,
      `Replacing a Conv2D with ${p.cout} filters of ${p.k} on ${channels(p.cin)} by a SeparableConv2D of the same sizes (both with bias): how many parameters fewer?`,
    ),
  'lead.keras': () => `This Keras code builds one layer:`,
  'lead.torch': () => `This PyTorch code builds one layer:`,
  'lead.model': () => `A Keras model, layer by layer:`,
  'lead.frozenModel': () => `A Keras model whose first layers are frozen (trainable=False), with a new head:`,
  'lead.block': () => `A block of layers:`,
  'lead.kerasModel': () => `This Keras code builds a model:`,
  'lead.torchModel': () => `This PyTorch code builds a model:`,
  'lead.kernelNote': () => `(Conv2D(16, 3) means 16 filters of 3×3; padding is 'valid' unless it says "same"; every layer has its bias unless it says use_bias=False.)`,

  // ── hints: where to look again when a wrong answer matches no known mistake ──
  'hint.dense': () => `a Dense layer has IN×OUT weights and OUT biases: (IN + 1)×OUT.`,
  'hint.embedding': () => `an embedding is a V×D table and nothing else.`,
  'hint.conv': () => `each filter has k×k×C_in weights and one bias: (k×k×C_in + 1)×C_out.`,
  'hint.inverse': () => `write the count with the unknown as x, set it equal to the target, and solve for x.`,
  'hint.batchnorm': () => `per channel, BatchNorm learns γ and β and keeps a moving mean and variance (Keras lists them as non-trainable, PyTorch keeps them as buffers).`,
  'hint.height': () => `work out each side with H_out = ⌊(H + 2p − k)/s⌋ + 1 (a pool's stride is its size unless given), layer after layer.`,
  'hint.separable': () => `a depthwise filter covers one channel (k×k per channel); a separable layer adds a 1×1 pointwise convolution (C_in×C_out) and its biases.`,
  'hint.recurrent': () => `each gate has IN×H input weights, H×H recurrent weights and its bias vectors; an LSTM has 4 gates, a GRU 3, a SimpleRNN none.`,
  'hint.model': () => `count layer by layer and work out every output shape: the Flatten size decides the Dense after it.`,
  'hint.attention': () => `four D×D projections (query, key, value, output), each with D biases: 4·(D×D + D).`,
  'hint.macs': () => `MACs = output positions (H_out×W_out) × the multiply-accumulates at each (k×k×C_in×C_out); biases are not counted.`,

  // ── the worked solution ──
  'work.part': (p: P<'size' | 'role'>) => `${p.size} ${p.role}`,
  'work.weight': () => `weights`,
  'work.bias': () => `biases`,
  'work.scale': () => `γ`,
  'work.shift': () => `β`,
  'work.statistic': () => `moving statistics`,
  'work.trainableTag': () => `(trainable)`,
  'work.nonTrainableTag': () => `(non-trainable)`,
  'work.total': () => `total`,
  'work.trainable': (p: P<'total' | 'nonTrainable' | 'result'>) => `trainable = total − non-trainable = ${p.total} − ${p.nonTrainable} = ${p.result}`,
  'work.nonTrainable': (p: P<'total' | 'nonTrainable' | 'result'>) => `non-trainable = ${p.result} (of ${p.total})`,
  'work.difference': (p: P<'from' | 'minus' | 'result'>) => `saved = ${p.from} − ${p.minus} = ${p.result}`,
  'work.solve': (p: P<'slope' | 'offset' | 'target' | 'result'>) => `${p.slope}·x + ${p.offset} = ${p.target}, so x = (${p.target} − ${p.offset}) / ${p.slope} = ${p.result}`,
  'work.solveLinear': (p: P<'slope' | 'target' | 'result'>) => `${p.slope}·x = ${p.target}, so x = ${p.target} / ${p.slope} = ${p.result}`,
  'work.largest': (p: P<'layer' | 'index'>) => `the most parameters: layer ${p.index}, ${p.layer}`,

  // ── answers ──
  'answer.notANumber': (p: P<'token'>) => `\`${p.token}\` is not a count: answer with a whole number such as 1792, 1,792, 1.792k or (3×3×3 + 1)×64.`,
  'answer.notWhole': (p: P<'token'>) => `\`${p.token}\` is not a whole number of parameters: give the exact count.`,
  'answer.badChoice': (p: P<'token' | 'last'>) => `\`${p.token}\` is not one of the choices: answer A to ${p.last}, or the number itself.`,
  'answer.hint': (p: P<'hint'>) => `no common mistake gives that number; check: ${p.hint}`,
};
