/**
 * Depthwise and separable convolutions: one k×k filter per channel, then (separable) a 1×1
 * pointwise convolution; what they save against a standard convolution; MobileNet's block.
 */
import { msg } from '../../i18n/messages.js';
import { bn, conv, dwconv, sepconv, type Model } from '../describe.js';
import { layerDraft, modelDraft } from '../forms.js';
import type { Template, TopicTemplates } from '../question.js';
import { range } from '../random.js';
import { n, square } from './common.js';

const HINT = msg('hint.separable');
const CHANNELS = range(8, 512, 4);
const SIDES = range(4, 128);

const depthwise: Template = {
  id: 'depthwise',
  draft(rng) {
    const c = rng.pick(CHANNELS);
    const k = rng.pick([3, 5, 7]);
    const mult = rng.pick([1, 1, 1, 2]);
    const side = rng.pick(SIDES);
    return layerDraft(rng, { piece: dwconv({ c, k, mult }), input: [side, side, c], ask: 'ask.params', quantity: 'params', hint: HINT });
  },
};

const separableLayer: Template = {
  id: 'separable',
  draft(rng) {
    const cin = rng.pick(CHANNELS);
    const cout = rng.pick(CHANNELS);
    const k = rng.pick([3, 5]);
    const mult = rng.pick([1, 1, 1, 2]);
    const side = rng.pick(SIDES);
    return layerDraft(rng, { piece: sepconv({ cin, cout, k, mult }), input: [side, side, cin], ask: 'ask.params', code: 'keras', quantity: 'params', hint: HINT });
  },
};

/** PyTorch has no separable layer: a depthwise nn.Conv2d(groups=C) then a 1×1 nn.Conv2d. */
const torchSeparable: Template = {
  id: 'torchSeparable',
  draft(rng) {
    const c = rng.pick(CHANNELS);
    const side = rng.pick(SIDES);
    const model: Model = { input: [side, side, c], layers: [dwconv({ c, k: rng.pick([3, 5]), bias: rng.next() < 0.5 }), conv({ cin: c, cout: rng.pick(CHANNELS), k: 1 })] };
    return modelDraft(rng, { model, lead: msg('lead.block'), ask: 'ask.torchParams', quantity: 'params', hint: HINT, forms: ['torch'] });
  },
};

/** How many parameters a SeparableConv2D saves against the Conv2D it replaces. */
const saving: Template = {
  id: 'saving',
  draft(rng) {
    const cin = rng.pick(CHANNELS);
    const cout = rng.pick(CHANNELS);
    const k = rng.pick([3, 5]);
    const v = String(rng.int(0, 1));
    return {
      prompt: [msg('q.separableSaving', { v, cin: n(cin), cout: n(cout), k: square(k) })],
      variant: v,
      spec: `sepconv ${cin} ${cout} ${k}`,
      ask: { kind: 'saving', versus: `conv ${cin} ${cout} ${k}` },
      hint: HINT,
    };
  },
};

/** MobileNet's block: DepthwiseConv2D → BatchNorm → 1×1 Conv2D → BatchNorm. */
const mobileBlock: Template = {
  id: 'mobileBlock',
  draft(rng) {
    const side = rng.pick(SIDES);
    const model: Model = { input: [side, side, rng.pick(CHANNELS)], layers: [dwconv({ k: 3, pad: 'same', bias: false }), bn({}), conv({ cout: rng.pick(CHANNELS), k: 1, bias: false }), bn({})] };
    const trainable = rng.next() < 0.5;
    return modelDraft(rng, { model, lead: msg('lead.block'), ask: trainable ? 'ask.trainable' : 'ask.summary', quantity: trainable ? 'trainable' : 'params', hint: HINT });
  },
};

export const separable: TopicTemplates = {
  easy: [depthwise, separableLayer],
  medium: [separableLayer, depthwise, torchSeparable],
  hard: [saving, mobileBlock, torchSeparable],
};
