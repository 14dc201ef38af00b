/** The published architectures /count knows by name. */
import { parseBool, parseDims, parseSize } from '../args.js';
import { fail } from '../errors.js';
import { alexnet } from './alexnet.js';
import { mobilenet, mobilenetv2 } from './mobilenet.js';
import type { Preset, PresetOptions } from './preset.js';
import type { Framework } from '../types.js';
import { resnet18, resnet50 } from './resnet.js';
import { vgg16, vgg19 } from './vgg.js';

export const PRESETS: readonly Preset[] = [vgg16, vgg19, resnet18, resnet50, mobilenet, mobilenetv2, alexnet];

const byWord = new Map<string, Preset>(PRESETS.flatMap((p) => [p.name, ...p.aliases].map((w) => [w, p] as const)));

export const PRESET_WORDS: readonly string[] = [...byWord.keys()];

export function findPreset(word: string): Preset | undefined {
  return byWord.get(word.toLowerCase());
}

const PRESET_OPTIONS = ['top', 'classes', 'in'];

export function parsePresetOptions(preset: Preset, options: ReadonlyMap<string, string>): PresetOptions {
  for (const key of options.keys()) {
    if (!PRESET_OPTIONS.includes(key)) fail('err.unknownOption', { kind: preset.name, key, allowed: PRESET_OPTIONS.join(', ') });
  }
  const top = options.get('top');
  const classes = options.get('classes');
  const input = options.get('in');
  const dims = input === undefined ? undefined : parseDims(input, 'in');
  if (dims !== undefined && dims.length !== 2 && dims.length !== 3) fail('err.inRank', { kind: preset.name, token: `in=${input}`, expected: 'HxW' });
  return {
    top: top === undefined ? true : parseBool(top, 'top'),
    classes: classes === undefined ? 1000 : parseSize(classes, 'classes'),
    input: dims,
  };
}

export function printPresetOptions(o: PresetOptions): string[] {
  return [
    ...(o.top ? [] : ['top=false']),
    ...(o.classes !== 1000 ? [`classes=${o.classes}`] : []),
    ...(o.input ? [`in=${o.input.join('x')}`] : []),
  ];
}

export { nativeFramework, type Preset, type PresetOptions } from './preset.js';

const FRAMEWORK_HINTS: ReadonlyArray<readonly [RegExp, Framework]> = [
  [/\b(pytorch|torch|torchvision)\b/i, 'pytorch'],
  [/\b(keras|tensorflow|tf)\b/i, 'keras'],
];

/**
 * The published model a question names ("how many parameters does resnet18 have", "ResNet-50 有幾個參數"):
 * a preset's name among the sentence's words, spaces and hyphens inside a name forgiven, and the
 * framework if the sentence names one.
 */
export function askedPreset(sentence: string): { preset: Preset; framework: Framework | undefined } | undefined {
  const words = sentence.toLowerCase().replace(/([a-z])[\s_-]+(\d)/g, '$1$2').match(/[a-z][a-z0-9]*/g) ?? [];
  const preset = words.map((w) => findPreset(w)).find((p): p is Preset => p !== undefined);
  if (!preset) return undefined;
  return { preset, framework: FRAMEWORK_HINTS.find(([re]) => re.test(sentence))?.[1] };
}
