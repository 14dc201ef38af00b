/** English messages: convolutional-network parts of torchvision's classifiers (channel shuffle and chunks, ceil_mode pooling). */
import type { P } from '../params.js';

export const cnn = {
  'err.ceilSame': (p: P<'kind'>) => `\`${p.kind}\`: ceil=true keeps a last, partial window, and pad=same leaves none: give pad=N (PyTorch's ceil_mode=True) or leave ceil out.`,
  'err.chunk': (p: P<'kind' | 'channels' | 'n'>) => `\`${p.kind}\`: ${p.channels} channels do not split into ${p.n} equal parts: the channels must be a multiple of ${p.n}.`,

  'kind.chunk': () => `One of N equal parts of the channels (torch.chunk(x, N, dim=1)): C becomes C/N; no parameters.`,
  'kind.shuffle': () => `Channel shuffle (ShuffleNet; nn.ChannelShuffle(G)): the channels interleaved across G groups; no parameters, shape unchanged.`,

  'mistake.chunk': () => `a chunk is a slice of the channels: no parameters, but the layer after it sees C/N channels, not C.`,
  'mistake.shuffle': () => `a channel shuffle only reorders the channels: no parameters, and the next layer sees as many channels as before.`,

  'why.floorNotCeil': (_p: P<'k' | 's' | 'p' | 'd'>) => `with ceil_mode=True the formula rounds up: ⌈(H + 2p − k)/s⌉ + 1; the last, partial window is kept.`,

  'opt.aux_logits': () => `aux_logits=false GoogLeNet and Inception-v3 without their auxiliary classifiers (torchvision's aux_logits; true by default)`,
  'opt.ceil': () => `ceil=true pooling rounds the output size up (PyTorch ceil_mode=True): a last, partial window is kept`,
};
