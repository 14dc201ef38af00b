/**
 * The fields every config.json may carry whatever its family: PretrainedConfig's own (transformers'
 * configuration_utils.py: output and generation settings, token ids, labels, bookkeeping), which
 * older versions wrote into every file and sub-config. None has parameters, except that a few would
 * change the architecture when set: those must keep their default, or the config is refused by name.
 */
import type { Json } from './reader.js';

/** [field, 'any' value, or the values that leave the architecture as the family builds it]. */
export const GENERIC_FIELDS: ReadonlyArray<readonly [string, 'any' | readonly Json[]]> = [
  ...[
    '_name_or_path', '_commit_hash', '_attn_implementation', 'attn_implementation', 'architectures', 'auto_map', 'model_type', 'transformers_version',
    'torch_dtype', 'dtype', 'use_bfloat16', 'return_dict', 'output_hidden_states', 'output_attentions', 'torchscript', 'tf_legacy_loss',
    'use_cache', 'chunk_size_feed_forward', 'is_encoder_decoder', 'is_decoder', 'cross_attention_hidden_size', 'gradient_checkpointing',
    'max_length', 'min_length', 'do_sample', 'early_stopping', 'num_beams', 'num_beam_groups', 'diversity_penalty', 'temperature', 'top_k',
    'top_p', 'typical_p', 'repetition_penalty', 'length_penalty', 'no_repeat_ngram_size', 'encoder_no_repeat_ngram_size', 'bad_words_ids',
    'num_return_sequences', 'output_scores', 'return_dict_in_generate', 'forced_bos_token_id', 'forced_eos_token_id', 'remove_invalid_values',
    'exponential_decay_length_penalty', 'suppress_tokens', 'begin_suppress_tokens', 'forced_decoder_ids', 'finetuning_task', 'id2label',
    'label2id', 'num_labels', 'problem_type', 'tokenizer_class', 'prefix', 'bos_token_id', 'pad_token_id', 'eos_token_id', 'sep_token_id',
    'decoder_start_token_id', 'task_specific_params', 'initializer_range', 'initializer_factor',
  ].map((key) => [key, 'any'] as const),
  // Pruned heads remove rows of the attention matrices; cross-attention adds a block to each layer;
  // tying an encoder to its decoder shares their weights: each changes the count.
  ['pruned_heads', [{}]],
  ['add_cross_attention', [false]],
  ['tie_encoder_decoder', [false]],
];
