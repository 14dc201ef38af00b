/**
 * Normalization: BatchNorm's γ and β are trained, its moving mean and variance are not (Keras lists
 * them as non-trainable weights, PyTorch keeps them as buffers); LayerNorm and GroupNorm keep no
 * statistics. Asked on a layer alone and after a convolution or a Dense layer.
 */
import { msg } from '../../i18n/messages.js';
import { bn, conv, dense, gn, ln, type Model, type Piece } from '../describe.js';
import { layerDraft, modelDraft, type AskKey } from '../forms.js';
import type { Quantity, Template, TopicTemplates } from '../question.js';
import { range, type Rng } from '../random.js';

const HINT = msg('hint.batchnorm');
const CHANNELS = range(4, 1024, 2);
const SIDES = range(2, 128);

type Asked = 'trainable' | 'nonTrainable' | 'summary' | 'torch';
const ASKS: Readonly<Record<Asked, readonly [AskKey, Quantity]>> = {
  trainable: ['ask.trainable', 'trainable'],
  nonTrainable: ['ask.nonTrainable', 'nonTrainable'],
  summary: ['ask.summary', 'params'],
  torch: ['ask.torchParams', 'params'],
};

/** A normalization layer alone on a feature map, counted under the framework the question names. */
function alone(id: string, asked: Asked, make: (rng: Rng, c: number) => Piece): Template {
  return {
    id,
    draft(rng) {
      const c = rng.pick(CHANNELS);
      const side = rng.pick(SIDES);
      const [ask, quantity] = ASKS[asked];
      return layerDraft(rng, { piece: make(rng, c), input: [side, side, c], ask, quantity, hint: HINT });
    },
  };
}

const kerasAlone = (asked: Asked) => alone(`bnKeras.${asked}`, asked, (_rng, c) => bn({ c, framework: 'keras' }));
const torchAlone = alone('bnTorch', 'torch', (_rng, c) => bn({ c, framework: 'pytorch' }));

/** BatchNorm without γ or without β (Keras scale=False / center=False). */
function partial(asked: Asked): Template {
  return alone(`bnPartial.${asked}`, asked, (rng, c) => {
    const scale = rng.next() < 0.5;
    return bn({ c, scale, center: !scale, framework: 'keras' });
  });
}

const layerNorm: Template = {
  id: 'layerNorm',
  draft(rng) {
    const d = rng.pick(range(8, 2048, 4));
    const steps = rng.pick(range(4, 512));
    return layerDraft(rng, { piece: ln({ c: d }), input: [steps, d], ask: 'ask.params', quantity: 'params', hint: HINT });
  },
};

const groupNorm: Template = {
  id: 'groupNorm',
  draft(rng) {
    const groups = rng.pick([2, 4, 8, 16, 32]);
    const c = groups * rng.pick(range(2, 32));
    const side = rng.pick(SIDES);
    return layerDraft(rng, { piece: gn({ groups, c }), input: [side, side, c], ask: 'ask.params', quantity: 'params', hint: HINT });
  },
};

/** Conv2D → BatchNormalization (or Dense → BatchNormalization), every size written out as PyTorch needs it. */
function block(id: string, asked: 'trainable' | 'summary' | 'torch', first: 'conv' | 'dense'): Template {
  return {
    id,
    draft(rng) {
      const framework = asked === 'torch' ? 'pytorch' : 'keras';
      let model: Model;
      if (first === 'conv') {
        const side = rng.pick(SIDES.filter((s) => s >= 8));
        const cin = rng.pick(range(1, 8));
        const cout = rng.pick(range(4, 256, 2));
        model = { input: [side, side, cin], layers: [conv({ cin, cout, k: rng.pick([1, 3, 5]), bias: rng.next() < 0.7 }), bn({ c: cout, framework })] };
      } else {
        const inputs = rng.pick(range(8, 1024, 4));
        const units = rng.pick(range(4, 512, 2));
        model = { input: [inputs], layers: [dense({ in: inputs, out: units }), bn({ c: units, rank: 1, framework })] };
      }
      const [ask, quantity] = ASKS[asked];
      return modelDraft(rng, { model, lead: msg('lead.block'), ask, quantity, hint: HINT, forms: framework === 'pytorch' ? ['torch'] : ['arrows', 'keras'] });
    },
  };
}

export const batchnorm: TopicTemplates = {
  easy: [block('convBnTrainable', 'trainable', 'conv'), block('convBnSummary', 'summary', 'conv'), block('denseBnTrainable', 'trainable', 'dense'), block('convBnTorch', 'torch', 'conv')],
  medium: [kerasAlone('trainable'), kerasAlone('nonTrainable'), kerasAlone('summary'), torchAlone, layerNorm, groupNorm],
  hard: [partial('trainable'), partial('summary'), block('denseBnTorch', 'torch', 'dense'), block('denseBnSummary', 'summary', 'dense'), groupNorm, layerNorm],
};
