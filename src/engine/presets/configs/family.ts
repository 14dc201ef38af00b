/**
 * A family of config.json files (one model_type or a few that build alike): the architectures it
 * builds and how a config of it reads as a model in the /count language, written with the library's
 * defs (data/lib/transformer-hf.pq): the same blocks the presets use, so a pasted config and a preset
 * are counted by one path.
 */
import type { MessageRef } from '../../../i18n/messages.js';
import type { ConfigReader } from './reader.js';

export interface Built {
  /** The model's input, as a preset's `input` line: `131072`, `224x224x3`. */
  readonly input: string;
  /** The model, one item a line. */
  readonly body: readonly string[];
  /** Where the architecture is built: `transformers LlamaForCausalLM (models/llama/modeling_llama.py)`. */
  readonly source: string;
  /** What the count follows that the fields alone do not say. */
  readonly notes?: readonly MessageRef[];
}

export interface ConfigFamily {
  /** The model_type values it reads. */
  readonly modelTypes: readonly string[];
  /** The architectures (transformers classes) it builds for a model_type; the first when config.json names none. */
  architectures(modelType: string): readonly string[];
  /** Reads the fields it needs (each typed, used or assumed) and says what is count-free; the caller refuses the rest. */
  build(c: ConfigReader, modelType: string, architecture: string): Built;
}

/** An item's text: `label: term`. */
export const item = (label: string, term: string): string => `${label}: ${term}`;

/** `{ body } xN`, numbered from `start`, or nothing for no repetitions. */
export function repeated(body: string, times: number, start = 0): string[] {
  if (times === 0) return [];
  return [`{ ${body} } x${times}${start > 0 ? ` start=${start}` : ''}`];
}
