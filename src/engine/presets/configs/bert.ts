/**
 * BERT (transformers' models/bert/modeling_bert.py): word, position and token-type embeddings with a
 * LayerNorm, the encoder layers, and per architecture: BertModel's pooler; BertForMaskedLM's
 * prediction head (a dense layer, a LayerNorm, the decoder tied to the word embeddings with a bias
 * of its own; no pooler); BertForSequenceClassification's pooler and classifier; BertForPreTraining's
 * pooler, prediction head and next-sentence classifier. The heads' models keep the encoder under `bert.`.
 */
import { fail } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import { item, type Built, type ConfigFamily } from './family.js';

const ARCHITECTURES = ['BertModel', 'BertForMaskedLM', 'BertForSequenceClassification', 'BertForPreTraining'];

const COUNT_FREE = ['hidden_act', 'hidden_dropout_prob', 'attention_probs_dropout_prob', 'layer_norm_eps', 'classifier_dropout'];

export const bert: ConfigFamily = {
  modelTypes: ['bert'],
  architectures: () => ARCHITECTURES,
  build(c, _modelType, architecture): Built {
    const vocab = c.int('vocab_size', 30522);
    const d = c.int('hidden_size', 768);
    const layers = c.int('num_hidden_layers', 12);
    if (layers > LIMITS.layers) fail('err.tooLarge', { token: String(layers), what: 'num_hidden_layers', max: LIMITS.layers.toLocaleString('en-US') });
    const heads = c.int('num_attention_heads', 12);
    const intermediate = c.int('intermediate_size', 3072);
    const positions = c.int('max_position_embeddings', 512);
    const types = c.int('type_vocab_size', 2);
    // relative_key(_query) adds a distance embedding to every layer: not what this builds.
    c.require('position_embedding_type', ['absolute']);
    const tied = c.bool('tie_word_embeddings', true);
    const base = architecture === 'BertModel' ? '' : 'bert.';
    const pooler = architecture !== 'BertForMaskedLM';
    const body = [
      item(`${base}embeddings.word_embeddings`, `embedding ${vocab} ${d}`),
      item(`${base}embeddings.position_embeddings`, `posembed ${positions}`),
      item(`${base}embeddings.token_type_embeddings`, `typeembed ${types}`),
      item(`${base}embeddings.LayerNorm`, 'ln'),
      item(`${base}encoder.layer`, `{ bert_hf_layer ${d} ${heads} ${intermediate} } x${layers}`),
      ...(pooler ? [item(`${base}pooler`, 'pooler')] : []),
    ];
    if (architecture === 'BertForSequenceClassification') body.push(item('classifier', `dense ${c.labels()}`));
    if (architecture === 'BertForMaskedLM' || architecture === 'BertForPreTraining') {
      body.push(
        item('cls.predictions.transform.dense', `dense ${d}`),
        'gelu',
        item('cls.predictions.transform.LayerNorm', 'ln'),
        item('cls.predictions.decoder', `lmhead ${vocab} bias=true${tied ? ` tie=${base}embeddings.word_embeddings` : ''}`),
      );
    }
    // The next-sentence classifier reads the pooled [CLS] state, beside the prediction head.
    if (architecture === 'BertForPreTraining') body.push(`side { from ${base}pooler > ${item('cls.seq_relationship', 'dense 2')} }`);
    c.countFree(COUNT_FREE);
    return { input: String(positions), body, source: `transformers ${architecture} (models/bert/modeling_bert.py)` };
  },
};
