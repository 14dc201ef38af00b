/**
 * T5 (transformers' models/t5/modeling_t5.py): the shared token embedding, an encoder and a decoder
 * stack (the first block of each learns the relative position bias), final RMSNorms, and
 * T5ForConditionalGeneration's lm_head, the shared embedding when tie_word_embeddings (T5 v1.0), its
 * own matrix otherwise (v1.1). Heads are d_kv wide whatever d_model/num_heads is; feed_forward_proj
 * `gated-gelu` makes the feed-forward a gated one (wi_0, wi_1, wo).
 */
import { fail } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import { item, type Built, type ConfigFamily } from './family.js';
import type { ConfigReader } from './reader.js';

/** feed_forward_proj's activations, as T5's ACT2FN names them, in the /count language's words. */
const ACTIVATIONS: Readonly<Record<string, string>> = { relu: 'relu', gelu: 'gelu', gelu_new: 'gelu', gelu_pytorch_tanh: 'gelu', silu: 'silu', swish: 'silu' };

const COUNT_FREE = ['relative_attention_max_distance', 'dropout_rate', 'layer_norm_epsilon', 'n_positions', 'is_gated_act', 'dense_act_fn', 'output_past', 'classifier_dropout'];

function feedForward(c: ConfigReader): { gated: boolean; act: string } {
  const proj = c.string('feed_forward_proj', 'relu');
  const parts = proj.split('-');
  const gated = parts.length === 2 && parts[0] === 'gated';
  const act = ACTIVATIONS[parts[parts.length - 1]!];
  if (act === undefined || (parts.length === 2 && !gated) || parts.length > 2)
    fail('err.configUnsupportedValue', { field: 'feed_forward_proj', value: proj, allowed: 'relu | gelu | gated-gelu | gated-silu' });
  return { gated, act };
}

/** A stack: block 0 with the position bias, the others numbered on. */
function stack(label: string, def: string, layers: number, args: string, buckets: number): string {
  const rest = layers > 1 ? `\n  { ${def} ${args.replace('BUCKETS', '0')} } x${layers - 1} start=1` : '';
  return item(label, `{\n  0: ${def} ${args.replace('BUCKETS', String(buckets))}${rest}\n}`);
}

export const t5: ConfigFamily = {
  modelTypes: ['t5'],
  architectures: () => ['T5ForConditionalGeneration', 'T5Model', 'T5EncoderModel'],
  build(c, _modelType, architecture): Built {
    const vocab = c.int('vocab_size', 32128);
    const d = c.int('d_model', 512);
    const dkv = c.int('d_kv', 64);
    const ff = c.int('d_ff', 2048);
    const heads = c.int('num_heads', 8);
    const layers = c.int('num_layers', 6);
    const decoderLayers = c.intOrNull('num_decoder_layers', null) ?? layers;
    if (Math.max(layers, decoderLayers) > LIMITS.layers) fail('err.tooLarge', { token: String(Math.max(layers, decoderLayers)), what: 'num_layers', max: LIMITS.layers.toLocaleString('en-US') });
    const buckets = c.int('relative_attention_num_buckets', 32);
    const { gated, act } = feedForward(c);
    const tied = c.bool('tie_word_embeddings', true);
    const args = `${d} ${heads} ${dkv} ${ff} BUCKETS ${gated} ${act}`;
    const body = [item('shared', `embedding ${vocab} ${d}`), stack('encoder.block', 't5_encoder_layer', layers, args, buckets), item('encoder.final_layer_norm', 'rmsnorm')];
    if (architecture !== 'T5EncoderModel') body.push(stack('decoder.block', 't5_decoder_layer', decoderLayers, args, buckets), item('decoder.final_layer_norm', 'rmsnorm'));
    if (architecture === 'T5ForConditionalGeneration') body.push(item('lm_head', `lmhead ${vocab}${tied ? ' tie=shared' : ''}`));
    c.countFree(COUNT_FREE);
    // T5 has no maximum length (relative positions): 512 tokens, the length it was trained on, for the MACs.
    return { input: '512', body, source: `transformers ${architecture} (models/t5/modeling_t5.py)` };
  },
};
