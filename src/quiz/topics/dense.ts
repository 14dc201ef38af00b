/** Dense layers: (IN + 1)×OUT on its own, after a Flatten, on a sequence, in a stack; embeddings; solving for a size. */
import { msg } from '../../i18n/messages.js';
import { dense as denseLayer, embedding, flatten, modelSpec, type Model } from '../describe.js';
import { layerDraft, modelDraft, modelForms } from '../forms.js';
import type { Template, TopicTemplates } from '../question.js';
import { range } from '../random.js';
import { n } from './common.js';

// Wide ranges: a class asked a question a day for a semester meets few numbers twice.
const INPUTS = [...range(2, 128), ...range(136, 1024, 8)];
const UNITS = range(1, 256);
const WIDE = [...range(8, 256, 4), ...range(264, 1024, 8)];
const CLASSES = range(2, 100);
const HINT = msg('hint.dense');

const layer: Template = {
  id: 'dense',
  draft(rng) {
    const inputs = rng.pick(INPUTS);
    const units = rng.pick(UNITS);
    return layerDraft(rng, { piece: denseLayer({ in: inputs, out: units }), input: [inputs], ask: 'ask.params', quantity: 'params', hint: HINT });
  },
};

/** Input(N) → Dense → … → Dense: every layer's IN is the previous layer's OUT. */
function stack(rng: Parameters<Template['draft']>[0], depth: number, o: { bias?: boolean; frozenFirst?: boolean } = {}): Model {
  const input = rng.pick(INPUTS);
  const sizes = Array.from({ length: depth }, (_, i) => (i === depth - 1 ? rng.pick(CLASSES) : rng.pick(WIDE)));
  // Each layer says its IN too, so the PyTorch spelling (which needs it) exists.
  return { input: [input], layers: sizes.map((out, i) => denseLayer({ in: i === 0 ? input : sizes[i - 1]!, out, bias: o.bias ?? true, frozen: o.frozenFirst === true && i === 0 })) };
}

function mlp(id: string, depth: number, o: { bias?: boolean; frozenFirst?: boolean } = {}): Template {
  return {
    id,
    draft(rng) {
      const model = stack(rng, depth, o);
      return o.frozenFirst
        ? modelDraft(rng, { model, lead: msg('lead.frozenModel'), ask: 'ask.trainable', quantity: 'trainable', hint: HINT })
        : modelDraft(rng, { model, lead: msg('lead.model'), ask: 'ask.params', quantity: 'params', hint: HINT, forms: ['arrows', 'keras', 'torch'] });
    },
  };
}

const afterFlatten: Template = {
  id: 'afterFlatten',
  draft(rng) {
    const side = rng.pick(range(2, 16));
    const model: Model = { input: [side, side, rng.pick(range(4, 512, 4))], layers: [flatten, denseLayer({ out: rng.pick(CLASSES) })] };
    return modelDraft(rng, { model, lead: msg('lead.model'), ask: 'ask.params', quantity: 'params', hint: HINT });
  },
};

const onSequence: Template = {
  id: 'sequence',
  draft(rng) {
    const steps = rng.pick(range(2, 200));
    const inputs = rng.pick(INPUTS.filter((i) => i >= 8));
    const units = rng.pick(UNITS.filter((u) => u >= 2));
    return layerDraft(rng, { piece: denseLayer({ in: inputs, out: units }), input: [steps, inputs], ask: 'ask.params', code: 'keras', quantity: 'params', hint: HINT });
  },
};

const embeddingTable: Template = {
  id: 'embedding',
  draft(rng) {
    const vocabulary = rng.pick([...range(100, 1000, 50), ...range(1000, 50000, 500)]);
    const dim = rng.pick(range(8, 512, 4));
    const steps = rng.pick(range(10, 500, 10));
    return layerDraft(rng, { piece: embedding({ v: vocabulary, d: dim }), input: [steps], ask: 'ask.params', quantity: 'params', hint: msg('hint.embedding') });
  },
};

/** How many units (or inputs) give a layer this many parameters? */
function inverse(id: string, unknown: 'units' | 'inputs'): Template {
  return {
    id,
    draft(rng) {
      const inputs = rng.pick(INPUTS);
      const units = rng.pick(UNITS.filter((u) => u >= 2));
      const x = unknown === 'units' ? units : inputs;
      const template = unknown === 'units' ? `dense ${inputs} {x}` : `dense {x} ${units}`;
      const target = n((BigInt(inputs) + 1n) * BigInt(units));
      const v = String(rng.int(0, 1));
      const prompt = unknown === 'units' ? msg('q.inverseUnits', { v, in: n(inputs), target }) : msg('q.inverseInputs', { v, out: n(units), target });
      return { prompt: [prompt], variant: v, spec: template.replace('{x}', String(x)), ask: { kind: 'inverse', template, unknown: x }, hint: msg('hint.inverse') };
    },
  };
}

const largest: Template = {
  id: 'largest',
  draft(rng) {
    const model = stack(rng, 3);
    const base = modelForms(rng, { model, lead: msg('lead.model'), ask: 'ask.params' });
    return {
      prompt: [...base.prompt.slice(0, -1), msg('ask.largest')],
      variant: base.variant,
      spec: modelSpec(model),
      ask: { kind: 'largest' },
      hint: HINT,
      ...(base.labels && { labels: base.labels }),
    };
  },
};

export const dense: TopicTemplates = {
  easy: [layer, mlp('mlp2', 2)],
  medium: [afterFlatten, onSequence, embeddingTable, mlp('mlp3', 3), inverse('inverseUnits', 'units')],
  hard: [mlp('mlpNoBias', 3, { bias: false }), mlp('mlpFrozen', 3, { frozenFirst: true }), inverse('inverseInputs', 'inputs'), largest, onSequence],
};
