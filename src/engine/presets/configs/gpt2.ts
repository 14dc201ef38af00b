/**
 * GPT-2 (transformers' models/gpt2/modeling_gpt2.py): token and learned position embeddings, blocks
 * of fused-QKV attention and a 4·n_embd (or n_inner) MLP, a final LayerNorm, and the head of the
 * architecture: GPT2LMHeadModel's lm_head is the token embedding (tie_word_embeddings, true by
 * default), GPT2ForSequenceClassification's score has no bias.
 */
import { fail } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import { item, type Built, type ConfigFamily } from './family.js';

const COUNT_FREE = [
  'activation_function',
  'resid_pdrop',
  'embd_pdrop',
  'attn_pdrop',
  'layer_norm_epsilon',
  'scale_attn_weights',
  'scale_attn_by_inverse_layer_idx',
  'reorder_and_upcast_attn',
  'n_ctx',
  'summary_type',
  'summary_use_proj',
  'summary_activation',
  'summary_proj_to_labels',
  'summary_first_dropout',
];

export const gpt2: ConfigFamily = {
  modelTypes: ['gpt2'],
  architectures: () => ['GPT2LMHeadModel', 'GPT2Model', 'GPT2ForSequenceClassification'],
  build(c, _modelType, architecture): Built {
    const d = c.int('n_embd', 768);
    const heads = c.int('n_head', 12);
    const layers = c.int('n_layer', 12);
    if (layers > LIMITS.layers) fail('err.tooLarge', { token: String(layers), what: 'n_layer', max: LIMITS.layers.toLocaleString('en-US') });
    const positions = c.int('n_positions', 1024);
    const vocab = c.int('vocab_size', 50257);
    const inner = c.intOrNull('n_inner', null) ?? 4 * d;
    const base = architecture === 'GPT2Model' ? '' : 'transformer.';
    const tied = c.bool('tie_word_embeddings', true);
    const body = [
      item(`${base}wte`, `embedding ${vocab} ${d}`),
      item(`${base}wpe`, `posembed ${positions}`),
      item(`${base}h`, `{ gpt2_hf_block ${d} ${heads} ${inner} } x${layers}`),
      item(`${base}ln_f`, 'ln'),
    ];
    if (architecture === 'GPT2LMHeadModel') body.push(item('lm_head', `lmhead ${vocab}${tied ? ` tie=${base}wte` : ''}`));
    if (architecture === 'GPT2ForSequenceClassification') body.push(item('score', `dense ${c.labels()} bias=false`));
    c.countFree(COUNT_FREE);
    return { input: String(positions), body, source: `transformers ${architecture} (models/gpt2/modeling_gpt2.py)` };
  },
};
