/**
 * MACs: every output position × the multiply-accumulates at each (bias left out, the fvcore/thop
 * convention). Convolutions with stride and padding, depthwise and separable ones, Dense layers on
 * sequences, and a small model's total.
 */
import { msg } from '../../i18n/messages.js';
import { conv, dense, dwconv, pool, sepconv, type Model } from '../describe.js';
import { layerDraft, modelDraft } from '../forms.js';
import type { Template, TopicTemplates } from '../question.js';
import { range } from '../random.js';

const HINT = msg('hint.macs');
const SIDES = range(8, 256);
const CHANNELS = range(1, 64);
const FILTERS = range(4, 256, 4);

function convMacs(id: string, kind: 'valid' | 'strided' | 'same' | 'pointwise' | 'grouped'): Template {
  return {
    id,
    draft(rng) {
      const k = kind === 'pointwise' ? 1 : rng.pick([3, 5]);
      const groups = kind === 'grouped' ? rng.pick([2, 4]) : 1;
      const o = {
        cin: groups * rng.pick(CHANNELS.filter((c) => c >= (groups > 1 ? 4 : 1))),
        cout: groups * rng.pick(FILTERS),
        k,
        stride: kind === 'strided' ? 2 : 1,
        pad: kind === 'valid' || kind === 'grouped' ? undefined : ('same' as const),
        groups,
      };
      const side = rng.pick(SIDES.filter((s) => s > k + 2));
      return layerDraft(rng, { piece: conv(o), input: [side, side, o.cin], ask: 'ask.macs', quantity: 'macs', hint: HINT });
    },
  };
}

const depthwise: Template = {
  id: 'depthwiseMacs',
  draft(rng) {
    const c = rng.pick(range(8, 512, 8));
    const k = rng.pick([3, 5]);
    const side = rng.pick(SIDES.filter((s) => s >= 14));
    const stride = rng.pick([1, 2]);
    return layerDraft(rng, { piece: dwconv({ c, k, stride, pad: 'same' }), input: [side, side, c], ask: 'ask.macs', code: 'keras', quantity: 'macs', hint: HINT });
  },
};

const separable: Template = {
  id: 'separableMacs',
  draft(rng) {
    const cin = rng.pick(range(8, 256, 8));
    const cout = rng.pick(range(8, 512, 8));
    const side = rng.pick(SIDES.filter((s) => s >= 14));
    return layerDraft(rng, { piece: sepconv({ cin, cout, k: 3, pad: 'same' }), input: [side, side, cin], ask: 'ask.macs', code: 'keras', quantity: 'macs', hint: HINT });
  },
};

const denseSequence: Template = {
  id: 'denseMacs',
  draft(rng) {
    const steps = rng.pick(range(4, 256));
    const inputs = rng.pick(range(8, 1024, 8));
    const units = rng.pick(range(4, 512, 4));
    return layerDraft(rng, { piece: dense({ in: inputs, out: units }), input: [steps, inputs], ask: 'ask.macs', code: 'keras', quantity: 'macs', hint: HINT });
  },
};

const modelMacs: Template = {
  id: 'modelMacs',
  draft(rng) {
    const side = rng.pick(range(12, 128));
    const model: Model = {
      input: [side, side, rng.pick([1, 3, 4])],
      layers: [conv({ cout: rng.pick(range(4, 64, 2)), k: 3, pad: 'same' }), pool({ k: 2 }), conv({ cout: rng.pick(range(4, 128, 4)), k: 3 })],
    };
    return modelDraft(rng, { model, lead: msg('lead.model'), ask: 'ask.macs', quantity: 'macs', hint: HINT });
  },
};

export const macs: TopicTemplates = {
  easy: [convMacs('validMacs', 'valid'), convMacs('stridedMacs', 'strided')],
  medium: [convMacs('sameMacs', 'same'), convMacs('pointwiseMacs', 'pointwise'), depthwise, denseSequence, convMacs('stridedMacs', 'strided')],
  hard: [separable, modelMacs, convMacs('groupedMacs', 'grouped'), depthwise],
};
