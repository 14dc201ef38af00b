/**
 * A config.json's quantization_config: the format its checkpoint stores the weights in (GPTQ, AWQ,
 * bitsandbytes 4-bit, FP8 blocks). It changes the bytes, not the parameters: the count is the
 * architecture's, and --memory names the checkpoint's own format among the quantized figures.
 */
import type { ConfigReader } from './reader.js';

export type CheckpointQuantization =
  | { readonly method: 'gptq'; readonly bits: number; readonly groupSize: number }
  | { readonly method: 'awq'; readonly bits: number; readonly groupSize: number }
  | { readonly method: 'nf4'; readonly doubleQuant: boolean }
  | { readonly method: 'other'; readonly name: string };

export function readQuantization(c: ConfigReader): CheckpointQuantization | undefined {
  const q = c.sub('quantization_config');
  if (q === undefined) return undefined;
  const method = q.string('quant_method', 'unknown');
  let read: CheckpointQuantization;
  if (method === 'gptq') read = { method, bits: q.int('bits', 4), groupSize: q.int('group_size', 128, 0) };
  else if (method === 'awq') read = { method, bits: q.has('w_bit') ? q.int('w_bit') : q.int('bits', 4), groupSize: q.has('q_group_size') ? q.int('q_group_size') : q.int('group_size', 128) };
  else if (method === 'bitsandbytes' && q.has('load_in_4bit') && q.bool('load_in_4bit', false) && q.string('bnb_4bit_quant_type', 'fp4') === 'nf4') {
    read = { method: 'nf4', doubleQuant: q.bool('bnb_4bit_use_double_quant', false) };
  } else read = { method: 'other', name: method };
  // Every other field (desc_act, sym, zero_point, modules_to_not_convert, ...) leaves the parameters as they are.
  q.ignoreAll();
  return read;
}
