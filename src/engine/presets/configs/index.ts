/**
 * A pasted Hugging Face config.json, counted offline as its architecture family builds it: the
 * family (one registry entry per model_type) reads the fields and writes the model in the /count
 * language with the library's defs; the result is a preset made on the spot, rendered and counted
 * like any other. A config.json is recognized by its shape (a JSON object with model_type or
 * architectures) before the pasted-code reader or the spec parser sees the text.
 */
import { fail } from '../../errors.js';
import type { MessageRef } from '../../../i18n/messages.js';
import { LIBRARY } from '../library.js';
import { textFile } from '../files.js';
import { Preset, PresetFile } from '../preset.js';
import { bert } from './bert.js';
import { decoders } from './decoders.js';
import { deepseek } from './deepseek.js';
import type { ConfigFamily } from './family.js';
import { gpt2 } from './gpt2.js';
import { readQuantization, type CheckpointQuantization } from './quantization.js';
import { ConfigReader, isObject, type Json, type JsonObject, type Reading } from './reader.js';
import { t5 } from './t5.js';
import { clip, vit } from './vision.js';

const FAMILIES: readonly ConfigFamily[] = [decoders, deepseek, gpt2, bert, t5, vit, clip];

const BY_TYPE = new Map<string, ConfigFamily>(FAMILIES.flatMap((f) => f.modelTypes.map((t) => [t, f] as const)));

/** Every model_type a config.json may have, for the refusal of any other. */
export const SUPPORTED_MODEL_TYPES: readonly string[] = [...BY_TYPE.keys()];

/** model_type by architecture, for a config.json that names only its architectures. */
const TYPE_BY_ARCHITECTURE = new Map<string, string>(FAMILIES.flatMap((f) => f.modelTypes.flatMap((t) => f.architectures(t).map((a) => [a, t] as const))));

/** What a config.json was read as, beside the count: shown with it, and in --json. */
export interface ConfigOrigin {
  readonly modelType: string;
  readonly architecture: string;
  /** Whether config.json named the architecture (else the family's first was built). */
  readonly architectureGiven: boolean;
  readonly reading: Reading;
  readonly notes: readonly MessageRef[];
  /** quantization_config: the format the checkpoint's weights are stored in. */
  readonly quantization: CheckpointQuantization | undefined;
}

/** A Markdown fence around the JSON (```json ... ```) is fine; so are flags before or after it. */
const FENCE = /```(?:json)?\s*([\s\S]*?)```/;

/**
 * The JSON object a text holds, when the text is one (with flags around it: `--memory`, `--seq 4096`),
 * and the text left outside it; undefined for a text that is no JSON object. A text that starts like
 * one (`{"`) but does not parse is refused with the parser's reason, not read as a spec.
 */
export function jsonObjectIn(text: string): { json: JsonObject; outside: string } | undefined {
  if (!text.includes('"')) return undefined;
  const fenced = FENCE.exec(text);
  const inner = fenced ? fenced[1]! : text;
  const open = inner.indexOf('{');
  const close = inner.lastIndexOf('}');
  if (open < 0 || close < open || !/^\{\s*"/.test(inner.slice(open))) return undefined;
  const outside = fenced ? text.replace(FENCE, ' ') : `${inner.slice(0, open)} ${inner.slice(close + 1)}`;
  if (!onlyFlags(outside)) return undefined;
  let parsed: Json;
  try {
    parsed = JSON.parse(inner.slice(open, close + 1)) as Json;
  } catch (e) {
    return fail('err.configJson', { reason: (e instanceof Error ? e.message : String(e)).slice(0, 120) });
  }
  return isObject(parsed) ? { json: parsed, outside } : undefined;
}

/** Flags that take a value (`--seq 4096`): the one word after them is theirs. */
const VALUED = new Set(['--seq', '--batch', '--lang', '--framework', '--fw']);

/** Only flags may stand outside a config (`--memory`, `--seq 4096`): with anything else the text is not a config.json. */
function onlyFlags(outside: string): boolean {
  const words = outside.split(/\s+/).filter((w) => w !== '');
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('--')) return false;
    if (VALUED.has(word.toLowerCase())) i++;
  }
  return true;
}

/** Whether a JSON object is a config.json: it says its model_type or its architectures. */
export const isConfig = (json: JsonObject): boolean => json.model_type !== undefined || json.architectures !== undefined;

function modelTypeOf(json: JsonObject): string {
  const given = json.model_type;
  if (typeof given === 'string') {
    if (!BY_TYPE.has(given)) fail('err.configModelType', { modelType: given.slice(0, 40), supported: SUPPORTED_MODEL_TYPES.join(', ') });
    return given;
  }
  if (given !== undefined) fail('err.configField', { field: 'model_type', value: JSON.stringify(given).slice(0, 40), expected: 'a string' });
  const [first] = Array.isArray(json.architectures) ? json.architectures : [];
  const inferred = typeof first === 'string' ? TYPE_BY_ARCHITECTURE.get(first) : undefined;
  return inferred ?? fail('err.configModelType', { modelType: typeof first === 'string' ? first.slice(0, 40) : '-', supported: SUPPORTED_MODEL_TYPES.join(', ') });
}

function architectureOf(json: JsonObject, family: ConfigFamily, modelType: string): { architecture: string; given: boolean } {
  const built = family.architectures(modelType);
  const listed = json.architectures;
  if (listed === undefined || listed === null || (Array.isArray(listed) && listed.length === 0)) return { architecture: built[0]!, given: false };
  const [first] = Array.isArray(listed) ? listed : [listed];
  if (typeof first !== 'string' || !built.includes(first)) {
    return fail('err.configArchitecture', { architecture: String(first).slice(0, 60), modelType, supported: built.join(', ') });
  }
  return { architecture: first, given: true };
}

/** A short stable name for a config's program, so equal configs share the expanded model. */
function fingerprint(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    h1 = Math.imul(h1 ^ text.charCodeAt(i), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ text.charCodeAt(i), 0x5bd1e995) >>> 0;
  }
  return `${h1.toString(16)}${h2.toString(16)}`;
}

/** The config.json as a preset: its family's model in the /count language, and what was read. */
export function configPreset(json: JsonObject): Preset {
  const modelType = modelTypeOf(json);
  const family = BY_TYPE.get(modelType)!;
  const { architecture, given } = architectureOf(json, family, modelType);
  const reader = new ConfigReader(json);
  reader.mark('model_type', modelType);
  if (given) reader.mark('architectures', architecture);
  const quantization = readQuantization(reader);
  const built = family.build(reader, modelType, architecture);
  const reading = reader.finish(modelType);
  const text = [`# preset: ${architecture}`, `# source: ${built.source}`, `input ${built.input}`, ...built.body, ''].join('\n');
  const file = new PresetFile(textFile(`config.json#${fingerprint(text)}`, text), 'pytorch', LIBRARY, { expectations: false });
  const origin: ConfigOrigin = { modelType, architecture, architectureGiven: given, reading, notes: built.notes ?? [], quantization };
  return new Preset(architecture, [], { pytorch: file }, origin);
}
