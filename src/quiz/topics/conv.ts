/**
 * Convolutions: (k_h×k_w×C_in/g + 1)×C_out, in 1D and 2D, with strides, padding and dilation
 * (which change the output, not the weights), without bias, grouped, asymmetric, transposed, and
 * solved for the number of filters or input channels.
 */
import { msg } from '../../i18n/messages.js';
import { conv as convLayer, deconv, type ConvOptions, type Model } from '../describe.js';
import { layerDraft, modelDraft } from '../forms.js';
import type { Template, TopicTemplates } from '../question.js';
import { range, type Rng } from '../random.js';
import { n, square } from './common.js';

const HINT = msg('hint.conv');
const SIDES = range(8, 256);
const FEW_CHANNELS = range(1, 8);
const CHANNELS = range(8, 512, 8);
const FILTERS = range(2, 128);

/** A single convolution asked for its parameters, in prose or code; the input size is given (using the output size is a named mistake). */
function single(id: string, choose: (rng: Rng) => ConvOptions & { readonly cin: number; readonly side: number }): Template {
  return {
    id,
    draft(rng) {
      const c = choose(rng);
      const input = (c.rank ?? 2) === 1 ? [c.side, c.cin] : [c.side, c.side, c.cin];
      return layerDraft(rng, { piece: convLayer(c), input, ask: 'ask.params', quantity: 'params', hint: HINT });
    },
  };
}

const basic = single('conv2d', (rng) => ({ cin: rng.pick(FEW_CHANNELS), cout: rng.pick(FILTERS), k: rng.pick([1, 3, 5, 7]), side: rng.pick(SIDES) }));
const conv1d = single('conv1d', (rng) => ({ cin: rng.pick(range(1, 16)), cout: rng.pick(FILTERS), k: rng.pick([3, 5, 7, 9]), side: rng.pick(range(16, 512)), rank: 1 }));
const strided = single('strided', (rng) => ({ cin: rng.pick(CHANNELS), cout: rng.pick(CHANNELS), k: rng.pick([3, 5, 7]), stride: 2, pad: 'same', side: rng.pick(SIDES) }));
const padded = single('padded', (rng) => {
  const k = rng.pick([3, 5, 7]);
  return { cin: rng.pick(CHANNELS), cout: rng.pick(CHANNELS), k, stride: rng.pick([1, 2]), pad: (k - 1) / 2, side: rng.pick(SIDES) };
});
const dilated = single('dilated', (rng) => ({ cin: rng.pick(CHANNELS), cout: rng.pick(CHANNELS), k: 3, dilation: rng.pick([2, 3]), side: rng.pick(SIDES.filter((s) => s >= 28)) }));
const noBias = single('noBias', (rng) => ({ cin: rng.pick(CHANNELS), cout: rng.pick(CHANNELS), k: rng.pick([1, 3]), bias: false, side: rng.pick(SIDES) }));
const asymmetric = single('asymmetric', (rng) => ({
  cin: rng.pick(CHANNELS),
  cout: rng.pick(CHANNELS),
  k: rng.pick([
    [1, 7],
    [7, 1],
    [1, 3],
    [3, 1],
    [3, 5],
    [5, 3],
  ] as const),
  side: rng.pick(SIDES),
}));
const grouped = single('grouped', (rng) => {
  const g = rng.pick([2, 4, 8]);
  return { cin: g * rng.pick([4, 8, 16, 32]), cout: g * rng.pick([4, 8, 16, 32, 64]), k: rng.pick([1, 3, 5]), groups: g, side: rng.pick(SIDES) };
});

const transposed: Template = {
  id: 'transposed',
  draft(rng) {
    const cin = rng.pick(CHANNELS);
    const cout = rng.pick(CHANNELS);
    const k = rng.pick([2, 3, 4]);
    const side = rng.pick(range(4, 64));
    return layerDraft(rng, { piece: deconv({ cin, cout, k, stride: 2 }), input: [side, side, cin], ask: 'ask.params', quantity: 'params', hint: HINT });
  },
};

/** Two convolutions in a row: the second one's C_in is the first one's filters. */
const stacked: Template = {
  id: 'stacked',
  draft(rng) {
    const side = rng.pick(SIDES.filter((s) => s >= 16));
    const model: Model = {
      input: [side, side, rng.pick(FEW_CHANNELS)],
      layers: [convLayer({ cout: rng.pick(FILTERS), k: 3, pad: 'same' }), convLayer({ cout: rng.pick(FILTERS), k: rng.pick([3, 5]) })],
    };
    return modelDraft(rng, { model, lead: msg('lead.model'), ask: 'ask.params', quantity: 'params', hint: HINT });
  },
};

/** How many filters (or input channels) give a convolution this many parameters? */
function inverse(id: string, unknown: 'filters' | 'channels'): Template {
  return {
    id,
    draft(rng) {
      const cin = rng.pick(unknown === 'channels' ? CHANNELS : [...FEW_CHANNELS, ...CHANNELS]);
      const cout = rng.pick([...FILTERS, ...CHANNELS]);
      const k = rng.pick([1, 3, 5]);
      const template = unknown === 'filters' ? `conv ${cin} {x} ${k}` : `conv {x} ${cout} ${k}`;
      const x = unknown === 'filters' ? cout : cin;
      const target = n((BigInt(k * k * cin) + 1n) * BigInt(cout));
      const v = String(rng.int(0, 1));
      const prompt = unknown === 'filters' ? msg('q.inverseFilters', { v, cin: n(cin), k: square(k), target }) : msg('q.inverseChannels', { v, cout: n(cout), k: square(k), target });
      return { prompt: [prompt], variant: v, spec: template.replace('{x}', String(x)), ask: { kind: 'inverse', template, unknown: x }, hint: msg('hint.inverse') };
    },
  };
}

export const conv: TopicTemplates = {
  easy: [basic, conv1d],
  medium: [strided, padded, dilated, noBias, asymmetric, conv1d, inverse('inverseFilters', 'filters')],
  hard: [grouped, transposed, stacked, asymmetric, inverse('inverseChannels', 'channels'), dilated],
};
