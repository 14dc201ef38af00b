/**
 * The published architectures /count knows by name: every file of data/keras and data/pytorch.
 * Names are looked up leniently (`BERT-base`, `bert_base`, `google-bert/bert-base-uncased` are all
 * bert-base): case, `-`, `_`, `.` and an `organization/` prefix do not matter, except between two
 * digits, where any of them is a decimal point: regnet_y_1_6gf is RegNetY-1.6GF, not regnet_y_16gf.
 */
import { fail } from '../errors.js';
import type { Vocabulary } from '../lang/expand.js';
import { RESERVED } from '../lang/ast.js';
import { findKind, KIND_WORDS } from '../layers/index.js';
import { editDistance } from '../suggest.js';
import type { Framework } from '../types.js';
import { readFolder } from './files.js';
import { LIBRARY, LIBRARY_DEFS } from './library.js';
import { Preset, PresetFile } from './preset.js';

const FRAMEWORK_HINTS: ReadonlyArray<readonly [RegExp, Framework]> = [
  [/\b(pytorch|torch|torchvision)\b/i, 'pytorch'],
  [/\b(keras|tensorflow|tf)\b/i, 'keras'],
];

/** The longest run of words a preset name is looked for in (`llama 2 7b`, `bert base uncased`). */
const NAME_WORDS = 4;

/**
 * The published model a question names ("how many parameters does resnet18 have", "ResNet-50 有幾個參數"):
 * a preset's name among the sentence's words (a name may be spread over a few words: `bert base`,
 * `llama 2 7b`), the earliest and then longest match, and the framework if the sentence names one.
 * A word is a whole run of name characters (`clip-vit-b-16`), never a part of one: a name that is
 * not a preset is refused, not read as the preset its tail spells (`vit_b_16`).
 */
export function askedPreset(sentence: string): { preset: Preset; framework: Framework | undefined; name: readonly string[] } | undefined {
  const words = sentence.toLowerCase().match(/[a-z0-9][\w.+/-]*/g) ?? [];
  for (let start = 0; start < words.length; start++) {
    if (!/^[a-z]/.test(words[start]!)) continue;
    for (let length = Math.min(NAME_WORDS, words.length - start); length >= 1; length--) {
      const name = words.slice(start, start + length);
      const preset = findPreset(name.join(' '));
      if (preset !== undefined) return { preset, framework: frameworkNamed(sentence), name };
    }
  }
  return undefined;
}

/** The framework a text names (`in PyTorch`, `keras.applications`), if it names one. */
export const frameworkNamed = (text: string): Framework | undefined => FRAMEWORK_HINTS.find(([re]) => re.test(text))?.[1];

/** Words that name a framework, read as such wherever they stand. */
export const isFrameworkWord = (word: string): boolean => FRAMEWORK_HINTS.some(([re]) => re.test(word));

/** The key a preset name is found by: `meta-llama/Llama-2-7b` -> `llama2.7b`, `RegNetY-1.6GF` -> `regnety1.6gf`. */
export function presetKey(word: string): string {
  if (isPlainKey(word)) return word;
  return (
    word
      .toLowerCase()
      .replace(/^[\w.-]+\//, '')
      .replace(/(\d)[-_.\s]+(?=\d)/g, '$1\u0000')
      .replace(/[-_.\s]/g, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL marks a kept separator, a character no name holds
      .replace(/\u0000/g, '.')
  );
}

/**
 * A word of lower-case letters and digits only is its own key: no prefix, separator or capital to
 * take out. Most words looked up are such (every layer's kind and def is checked against the
 * presets), and the four replacements below were a twentieth of expanding a model.
 */
function isPlainKey(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/**
 * One preset per name, with the file of each framework that publishes it. Files are matched by
 * their names' keys, so Keras's EfficientNetB0 and torchvision's efficientnet_b0 are one preset
 * (named as its native framework, Keras, names it; the other spelling becomes an alias).
 */
export function groupPresets(files: readonly PresetFile[]): Preset[] {
  const byKey = new Map<string, PresetFile[]>();
  for (const file of files) {
    const key = presetKey(file.name);
    const group = byKey.get(key) ?? [];
    const twin = group.find((f) => f.framework === file.framework);
    if (twin !== undefined) throw new Error(`preset files ${twin.file.path} and ${file.file.path} are the same model`);
    byKey.set(key, [...group, file]);
  }
  return [...byKey.values()].map((group) => {
    const keras = group.find((f) => f.framework === 'keras');
    const pytorch = group.find((f) => f.framework === 'pytorch');
    const name = (keras ?? pytorch)!.name;
    const aliases = [...new Set(group.flatMap((f) => [f.name, ...f.aliases]))].filter((a) => a !== name);
    return new Preset(name, aliases, { ...(keras ? { keras } : {}), ...(pytorch ? { pytorch } : {}) });
  });
}

const load = (): Preset[] => groupPresets((['keras', 'pytorch'] as const).flatMap((framework: Framework) => readFolder(framework).map((f) => new PresetFile(f, framework, LIBRARY))));

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

/** The presets whose names are nearest a word that names none (`clip-vit-b-16`: clip-vit-b-32, vit_b_16, ...), nearest first. */
export function nearestPresets(word: string, count = 3): Preset[] {
  const key = presetKey(word).slice(0, 64);
  const scored = PRESETS.map((preset) => ({ preset, d: Math.min(...[preset.name, ...preset.aliases].map((n) => editDistance(key, presetKey(n)))) }));
  return scored
    .sort((a, b) => a.d - b.d || (a.preset.name < b.preset.name ? -1 : 1))
    .slice(0, count)
    .map((s) => s.preset);
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
