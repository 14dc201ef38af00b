/**
 * SimpleRNN, LSTM and GRU: gates × (IN×H + H×H + biases), where Keras keeps one bias vector per gate
 * (GRU two, by default) and PyTorch two; bidirectional and stacked layers; a text model.
 */
import { msg } from '../../i18n/messages.js';
import { dense, embedding, recurrent as cellLayer, type Cell, type Model } from '../describe.js';
import { layerDraft, modelDraft } from '../forms.js';
import type { Template, TopicTemplates } from '../question.js';
import { range } from '../random.js';

const HINT = msg('hint.recurrent');
const FEATURES = range(2, 300);
const HIDDEN = range(4, 512, 4);
const STEPS = range(5, 200);

function single(id: string, framework: 'keras' | 'pytorch', o: { cells: readonly Cell[]; bidirectional?: boolean; resetAfter?: false; layers?: readonly number[] }): Template {
  return {
    id,
    draft(rng) {
      const cell = rng.pick(o.cells);
      const inputs = rng.pick(FEATURES);
      const h = rng.pick(HIDDEN);
      const steps = rng.pick(STEPS);
      const layers = o.layers ? rng.pick(o.layers) : 1;
      const piece = cellLayer({ cell, in: inputs, h, layers, framework, ...(o.bidirectional && { bidirectional: true }), ...(o.resetAfter === false && { resetAfter: false }) });
      return layerDraft(rng, { piece, input: [steps, inputs], ask: framework === 'pytorch' ? 'ask.torchParams' : 'ask.params', quantity: 'params', hint: HINT });
    },
  };
}

/** Embedding → LSTM/GRU/SimpleRNN → Dense: a text classifier. */
const textModel: Template = {
  id: 'textModel',
  draft(rng) {
    const model: Model = {
      input: [rng.pick(STEPS)],
      layers: [
        embedding({ v: rng.pick(range(1000, 30000, 500)), d: rng.pick(range(8, 256, 4)) }),
        cellLayer({ cell: rng.pick(['lstm', 'gru', 'rnn'] as const), h: rng.pick(HIDDEN) }),
        dense({ out: rng.pick(range(1, 20)) }),
      ],
    };
    return modelDraft(rng, { model, lead: msg('lead.model'), ask: 'ask.params', quantity: 'params', hint: HINT });
  },
};

export const recurrent: TopicTemplates = {
  easy: [single('keras', 'keras', { cells: ['rnn', 'lstm', 'gru'] })],
  medium: [
    single('torch', 'pytorch', { cells: ['rnn', 'lstm', 'gru'] }),
    single('gruResetAfter', 'keras', { cells: ['gru'], resetAfter: false }),
    single('bidirectional', 'keras', { cells: ['lstm', 'gru'], bidirectional: true }),
  ],
  hard: [
    single('stacked', 'pytorch', { cells: ['lstm', 'gru', 'rnn'], layers: [2, 3] }),
    single('stackedBidirectional', 'pytorch', { cells: ['lstm', 'gru'], layers: [2, 3], bidirectional: true }),
    textModel,
  ],
};
