/**
 * Channel operations with no parameters, from ShuffleNet V2 (Ma et al. 2018; torchvision
 * shufflenetv2.py): a unit splits its channels in two (`x.chunk(2, dim=1)`) and, after the
 * concatenation, shuffles them across the two groups (`channel_shuffle(x, 2)`, nn.ChannelShuffle).
 * Neither has weights, but the chunk halves what the next layer sees: `concat { chunk 2 | chunk 2 >
 * conv 58 1 }` on 116 channels has a 58→58 convolution, not a 116→58 one.
 */
import { fail } from '../errors.js';
import { msg } from '../../i18n/messages.js';
import { expectMinRank } from './common.js';
import { defineKind, type Kind } from './kind.js';
import { shapeOnly } from './shape.js';
import type { Dim, Shape } from '../types.js';

interface PartsConfig {
  readonly n: number;
}

/** The channels, checked to split into n equal parts (null when unknown). */
function channelsIn(input: Shape, n: number, kind: string): Dim {
  expectMinRank(input, 1, kind, 'H×W×C');
  const channels = input[input.length - 1] ?? null;
  if (channels !== null && channels % n !== 0) fail('err.chunk', { kind, channels: String(channels), n: String(n) });
  return channels;
}

export const chunk = defineKind<PartsConfig>({
  name: 'chunk',
  family: 'shape',
  summary: msg('kind.chunk'),
  mistake: msg('mistake.chunk'),
  args: [{ name: 'N' }],
  options: [],
  example: 'chunk 2 in=28x28x116',
  input: { rank: 'any', form: 'HxWxC' },
  parse: (a) => ({ n: a.size('N') }),
  print: (c) => `chunk ${c.n}`,
  evaluate(c, input) {
    const channels = channelsIn(input, c.n, 'chunk');
    return shapeOnly(c, 'Chunk', [...input.slice(0, -1), channels === null ? null : channels / c.n]);
  },
});

export const shuffle = defineKind<PartsConfig>({
  name: 'shuffle',
  aliases: ['channelshuffle'],
  family: 'shape',
  summary: msg('kind.shuffle'),
  mistake: msg('mistake.shuffle'),
  args: [{ name: 'G' }],
  options: [],
  example: 'shuffle 2 in=28x28x116',
  input: { rank: 'any', form: 'HxWxC' },
  parse: (a) => ({ n: a.size('G') }),
  print: (c) => `shuffle ${c.n}`,
  evaluate(c, input) {
    channelsIn(input, c.n, 'shuffle');
    return shapeOnly(c, 'ChannelShuffle', input);
  },
});

export const channelKinds: readonly Kind[] = [chunk, shuffle];
