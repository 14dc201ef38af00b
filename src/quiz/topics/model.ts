/**
 * Small models of 2 to 7 layers from an input shape: the Flatten → Dense step is where the spatial
 * size matters and where most totals go wrong; global pooling, frozen backbones, BatchNorm's
 * trainable share, attention blocks, and which layer holds the most.
 */
import { msg } from '../../i18n/messages.js';
import { bn, conv, dense, dropout, flatten, gap, ln, mha, modelSpec, pool, type Model } from '../describe.js';
import { kindsOf, layerDraft, modelDraft, modelForms, modelHint, type ModelForm } from '../forms.js';
import type { Template, TopicTemplates } from '../question.js';
import { range, type Rng } from '../random.js';

const SIDES = range(10, 64);
const FILTERS = range(2, 64);
const CLASSES = range(2, 100);

/** A model from `make`, asked for its parameters (or its trainable ones). */
function template(id: string, make: (rng: Rng) => Model, o: { trainable?: boolean; frozen?: boolean; forms?: readonly ModelForm[] } = {}): Template {
  return {
    id,
    draft: (rng) => {
      const model = make(rng);
      return modelDraft(rng, {
        model,
        lead: msg(o.frozen ? 'lead.frozenModel' : 'lead.model'),
        ask: o.trainable ? 'ask.trainable' : 'ask.params',
        quantity: o.trainable ? 'trainable' : 'params',
        hint: modelHint(kindsOf(model)),
        ...(o.forms && { forms: o.forms }),
      });
    },
  };
}

const input = (rng: Rng) => {
  const side = rng.pick(SIDES);
  return [side, side, rng.pick([1, 3])];
};

const convDense = template('convDense', (rng) => ({ input: input(rng), layers: [conv({ cout: rng.pick(FILTERS), k: rng.pick([3, 5]) }), flatten, dense({ out: rng.pick(CLASSES) })] }));
const convPoolDense = template('convPoolDense', (rng) => ({
  input: input(rng),
  layers: [conv({ cout: rng.pick(FILTERS), k: 3, pad: rng.pick([undefined, 'same'] as const) }), pool({ k: 2 }), flatten, dense({ out: rng.pick(CLASSES) })],
}));

const twoBlocks = template('twoBlocks', (rng) => {
  const f = rng.pick(FILTERS);
  return {
    input: input(rng),
    layers: [
      conv({ cout: f, k: 3, pad: 'same' }),
      pool({ k: 2 }),
      conv({ cout: 2 * f, k: 3, pad: rng.pick([undefined, 'same'] as const) }),
      pool({ k: 2 }),
      flatten,
      dense({ out: rng.pick(CLASSES) }),
    ],
  };
});

const gapHead = template('gapHead', (rng) => {
  const f = rng.pick(FILTERS);
  return { input: input(rng), layers: [conv({ cout: f, k: 3 }), conv({ cout: 2 * f, k: 3 }), gap, dense({ out: rng.pick(CLASSES) })] };
});

const dropoutMlp = template('dropoutMlp', (rng) => ({
  input: [rng.pick(range(16, 1024, 4))],
  layers: [dense({ out: rng.pick(range(16, 512, 4)) }), dropout(rng.pick([0.1, 0.2, 0.25, 0.3, 0.4, 0.5])), dense({ out: rng.pick(CLASSES) })],
}));

/** A frozen convolutional backbone and a new head: what training still changes. */
const frozenBackbone = template(
  'frozenBackbone',
  (rng) => {
    const f = rng.pick(FILTERS);
    return { input: input(rng), layers: [conv({ cout: f, k: 3, pad: 'same', frozen: true }), pool({ k: 2 }), conv({ cout: 2 * f, k: 3, frozen: true }), flatten, dense({ out: rng.pick(CLASSES) })] };
  },
  { trainable: true, frozen: true },
);

/** Conv → BN → pool → conv → BN → GAP → Dense, Keras: the trainable parameters. */
const bnModel = template(
  'bnModel',
  (rng) => {
    const f = rng.pick(FILTERS);
    return { input: input(rng), layers: [conv({ cout: f, k: 3, pad: 'same' }), bn({}), pool({ k: 2 }), conv({ cout: 2 * f, k: 3 }), bn({}), gap, dense({ out: rng.pick(CLASSES) })] };
  },
  { trainable: true },
);

/** A self-attention layer on its own, Keras or PyTorch. */
const attention: Template = {
  id: 'attention',
  draft(rng) {
    const heads = rng.pick([2, 3, 4, 6, 8, 12, 16]);
    const d = heads * rng.pick(range(4, 64, 4));
    const steps = rng.pick(range(8, 512, 8));
    return layerDraft(rng, { piece: mha({ heads, d, selfCall: true }), input: [steps, d], ask: 'ask.params', quantity: 'params', hint: msg('hint.attention') });
  },
};

/** Self-attention → LayerNorm → Dense(4D) → Dense(D) → LayerNorm: a transformer encoder block (as a chain: no residuals). */
const transformer = template(
  'transformer',
  (rng) => {
    const heads = rng.pick([2, 4, 8]);
    const d = heads * rng.pick(range(4, 64, 4));
    return { input: [rng.pick(range(8, 256, 8)), d], layers: [mha({ heads, d }), ln({}), dense({ out: 4 * d }), dense({ out: d }), ln({})] };
  },
  { forms: ['arrows'] },
);

/** Which layer holds the most parameters? (1 is the first layer after the input.) */
const largest: Template = {
  id: 'largest',
  draft(rng) {
    const f = rng.pick(FILTERS);
    const model: Model = {
      input: input(rng),
      layers: [conv({ cout: f, k: 3 }), pool({ k: 2 }), conv({ cout: 2 * f, k: 3 }), flatten, dense({ out: rng.pick(range(8, 256, 4)) }), dense({ out: rng.pick(CLASSES) })],
    };
    const base = modelForms(rng, { model, lead: msg('lead.model'), ask: 'ask.params' });
    return {
      prompt: [...base.prompt.slice(0, -1), msg('ask.largest')],
      variant: base.variant,
      spec: modelSpec(model),
      ask: { kind: 'largest' },
      hint: modelHint(kindsOf(model)),
      ...(base.labels && { labels: base.labels }),
    };
  },
};

export const model: TopicTemplates = {
  easy: [convDense, convPoolDense],
  medium: [twoBlocks, gapHead, dropoutMlp, frozenBackbone, largest],
  hard: [bnModel, attention, transformer, frozenBackbone, twoBlocks],
};
