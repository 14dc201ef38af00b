/**
 * The published architectures /count knows by name: every file of data/keras and data/pytorch.
 * Names are looked up leniently (`BERT-base`, `bert_base`, `google-bert/bert-base-uncased` are all
 * bert-base): case, `-`, `_`, `.` and an `organization/` prefix do not matter.
 */
import { fail } from '../errors.js';
import type { Vocabulary } from '../lang/expand.js';
import { RESERVED } from '../lang/ast.js';
import { findKind, KIND_WORDS } from '../layers/index.js';
import type { Framework } from '../types.js';
import { readFolder } from './files.js';
import { LIBRARY, LIBRARY_DEFS } from './library.js';
import { Preset, PresetFile } from './preset.js';

/** The key a preset name is found by: `meta-llama/Llama-2-7b` -> `llama27b`. */
export function presetKey(word: string): string {
  return word.toLowerCase().replace(/^[\w.-]+\//, '').replace(/[-_.\s]/g, '');
}

function load(): Preset[] {
  const files = (['keras', 'pytorch'] as const).flatMap((framework: Framework) => readFolder(framework).map((f) => new PresetFile(f, framework, LIBRARY)));
  // Files are one preset when their names are looked up alike (Keras's `efficientnetb0`, torchvision's
  // `efficientnet_b0`); the native framework's spelling is the name, the other's an alias.
  const byKey = new Map<string, PresetFile[]>();
  for (const file of files) byKey.set(presetKey(file.name), [...(byKey.get(presetKey(file.name)) ?? []), file]);
  return [...byKey.values()].map((group) => {
    const keras = group.find((f) => f.framework === 'keras');
    const pytorch = group.find((f) => f.framework === 'pytorch');
    if (group.length > Number(keras !== undefined) + Number(pytorch !== undefined)) throw new Error(`preset files ${group.map((f) => f.file.path).join(', ')} are one preset twice`);
    const name = (keras ?? pytorch)!.name;
    const aliases = [...new Set(group.flatMap((f) => [f.name, ...f.aliases]))].filter((a) => a !== name);
    return new Preset(name, aliases, { ...(keras ? { keras } : {}), ...(pytorch ? { pytorch } : {}) });
  });
}

export const PRESETS: readonly Preset[] = load();

const byKey = new Map<string, Preset>();
for (const preset of PRESETS) {
  for (const word of [preset.name, ...preset.aliases]) {
    const key = presetKey(word);
    const other = byKey.get(key);
    if (other !== undefined && other !== preset) throw new Error(`presets ${other.name} and ${preset.name} both answer to ${word}`);
    if (findKind(key) || RESERVED.has(key)) throw new Error(`preset ${preset.name}: ${word} is a layer kind or a keyword`);
    byKey.set(key, preset);
  }
}
for (const def of LIBRARY_DEFS) {
  if (findKind(def.name) || RESERVED.has(def.name) || byKey.has(presetKey(def.name))) throw new Error(`library def ${def.name} takes the name of a kind, keyword or preset`);
}

export const PRESET_WORDS: readonly string[] = PRESETS.map((p) => p.name);

export function findPreset(word: string): Preset | undefined {
  return byKey.get(presetKey(word));
}

/** The framework a preset is counted in when the user does not say (Preset.native). */
export const nativeFramework = (preset: Preset): Framework => preset.native;

/**
 * What a word that has a place of its own means elsewhere: `input` and presets start a model,
 * `lora` ends one. Shared by requests and preset bodies.
 */
export const VOCABULARY: Vocabulary = {
  refuseMisplaced(word) {
    if (word === 'input') fail('err.inputFirst');
    if (word === 'lora') fail('err.loraLast');
    if (findKind(word) !== undefined) return;
    const preset = findPreset(word);
    if (preset !== undefined) fail('err.presetFirst', { preset: preset.name });
  },
  words: () => [...KIND_WORDS, ...PRESET_WORDS, 'input'],
};

export { Preset, PresetFile, type PresetOptions, type Expectation } from './preset.js';
export { LIBRARY, LIBRARY_DEFS, libraryFile } from './library.js';
