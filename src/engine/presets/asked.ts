/**
 * A published model asked for in the words a lecture uses, or as the framework's own constructor
 * call, read into the preset and its options, every word accounted for:
 *   `vgg16 with 2 classes`, `vgg16 2 類`                       classes=2
 *   `vgg16 without the top`, `vgg16 no top`, `vgg16 不含頂層`    top=false
 *   `vgg16 frozen`, `凍結的 vgg16`                              trainable=false: the whole published
 *       model frozen, as Keras's `base_model.trainable = False` (a head of your own after it trains:
 *       `vgg16 top=false trainable=false > flatten > dense 2`)
 *   `VGG16(weights=None, classes=2)`, `resnet18(num_classes=10)`,
 *   `VGG16(include_top=False, input_shape=(224, 224, 3))`      the same options, by their keyword
 * A word that is neither the model's name, one of these phrases, a framework's name nor the
 * wording of a question ("how many parameters does … have", "有幾個參數") is not dropped: the
 * request is refused naming exactly those words, since a count that ignored them would be a count
 * of another model than the one asked about. The same phrases after a preset's name in a spec
 * (`vgg16 top=false frozen > dense 10`) mean the same.
 */
import { fail } from '../errors.js';
import type { Framework } from '../types.js';
import { askedPreset, findPreset, frameworkNamed, isFrameworkWord } from './index.js';
import type { Preset } from './preset.js';

export interface AskedModel {
  readonly preset: Preset;
  readonly framework: Framework | undefined;
  /** Options as the spec language writes them (`classes` → `2`). */
  readonly options: ReadonlyMap<string, string>;
}

/** A phrase that sets an option: what it matches, and the option and value it means. */
interface Phrase {
  readonly pattern: RegExp;
  readonly option: string;
  readonly value: (match: RegExpExecArray) => string;
}

const PHRASES: readonly Phrase[] = [
  // "with 2 classes", "for 10 output classes", "a 2-class head"; "2 類", "2 個類別", "分成 2 類", "2 分類"
  { pattern: /\b(?:with\s+|for\s+)?(\d+)[\s-]*(?:output\s+)?(?:classes|class|categories|labels)\b/gi, option: 'classes', value: (m) => m[1]! },
  { pattern: /(?:分成?|輸出)?\s*(\d+)\s*(?:個)?\s*(?:類別|分類|類)/g, option: 'classes', value: (m) => m[1]! },
  // "without the top", "w/o the classifier", "no top", "headless"; "不含頂層", "去掉分類層"
  { pattern: /\b(?:without|w\/o|no|minus)\s+(?:the\s+|its\s+|a\s+)?(?:top|head|classifier|fc\s+layers?|dense\s+layers?)\b|\bheadless\b/gi, option: 'top', value: () => 'false' },
  { pattern: /(?:不含|不包含|沒有|去掉|拿掉|不要|移除)\s*(?:頂層|頂部|分類頭|分類器|分類層|全連接層)/g, option: 'top', value: () => 'false' },
  // "frozen", "freeze the backbone"; "凍結"
  { pattern: /\b(?:frozen|freeze|freezing)(?:\s+(?:the\s+)?(?:backbone|base|weights|model))?\b/gi, option: 'trainable', value: () => 'false' },
  { pattern: /凍結(?:骨幹|主幹|權重|的)?/g, option: 'trainable', value: () => 'false' },
];

/** The wording of a question about a model, which says nothing about which model. */
const FILLER = new Set(
  `how many much number count counts total parameters parameter params param does do did is are was were be the a an of in on for to by has have had there
   what what's whats which trainable model models network net architecture please tell me and with its it`.split(/\s+/),
);
/** The same in Chinese, longest first (they are cut out of runs of characters that have no spaces). */
const FILLER_ZH = [
  '有幾個參數',
  '有多少參數',
  '多少個參數',
  '參數量',
  '參數',
  '幾個',
  '多少',
  '總共',
  '一共',
  '請問',
  '模型',
  '網路',
  '可訓練',
  '計算',
  '的',
  '是',
  '嗎',
  '呢',
  '有',
  '共',
  '個',
  '用',
  '時',
];

const PUNCTUATION = /^[\s?!.,;:()[\]'"`，。？！、：；（）「」]+$/;

/** The options the phrases of `text` set, and what is left of it once they are cut out. */
function readPhrases(text: string): { options: Map<string, string>; rest: string } {
  const options = new Map<string, string>();
  let rest = text;
  for (const phrase of PHRASES) {
    rest = rest.replace(phrase.pattern, (...args: unknown[]) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      options.set(phrase.option, phrase.value(match));
      return ' ';
    });
  }
  return { options, rest };
}

/**
 * The words after a preset's name in a spec that are not key=value (`vgg16 top=false frozen >
 * dense 10`, `resnet18 with 10 classes > ...`): the same phrases a sentence is read by, with the
 * same meaning. Here no question is worded around them, so every other word is refused by name.
 */
export function readPresetWords(preset: Preset, words: readonly string[]): ReadonlyMap<string, string> {
  const { options, rest } = readPhrases(words.join(' '));
  const unread = rest.split(/\s+/).filter((w) => w !== '');
  if (unread.length > 0) refuseUnread(preset, unread);
  return options;
}

/**
 * The model a sentence names, with the options its phrases set; undefined when it names no
 * preset. Fails naming the words it could not read.
 */
export function readAskedModel(sentence: string): AskedModel | undefined {
  const asked = askedPreset(sentence);
  if (!asked) return undefined;
  const { options, rest } = readPhrases(sentence);
  const name = [...asked.name];
  const unread: string[] = [];
  for (const token of rest.match(/[A-Za-z0-9][\w.+/'-]*|[^\p{ASCII}\s]+|\S/gu) ?? []) {
    const word = token.toLowerCase();
    if (name[0] === word) {
      name.shift();
      continue;
    }
    if (PUNCTUATION.test(token) || FILLER.has(word) || isFrameworkWord(word)) continue;
    const left = FILLER_ZH.reduce((text, filler) => text.replaceAll(filler, ' '), token)
      .split(/\s+/)
      .filter((part) => part !== '' && !PUNCTUATION.test(part));
    unread.push(...left);
  }
  if (unread.length > 0) refuseUnread(asked.preset, unread);
  return { preset: asked.preset, framework: asked.framework, options };
}

/** What a keyword of a constructor means here: an option of the preset, or nothing the count depends on. */
type Keyword = { readonly t: 'option'; readonly option: string; readonly value: (text: string) => string | undefined } | { readonly t: 'noCount' };

const bool = (text: string): string | undefined => ({ true: 'true', false: 'false' })[text.toLowerCase()];
const whole = (text: string): string | undefined => (/^\d+$/.test(text) ? text : undefined);
/** `(224, 224, 3)` → `224x224`: a preset takes the image's size; its 3 colour channels are fixed. */
const imageSize = (text: string): string | undefined => {
  const m = /^[([]\s*(\d+)\s*,\s*(\d+)\s*,\s*3\s*,?\s*[)\]]$/.exec(text);
  return m ? `${m[1]}x${m[2]}` : undefined;
};

/** Keras applications' and torchvision's keywords. */
const KEYWORDS: Readonly<Record<string, Keyword>> = {
  classes: { t: 'option', option: 'classes', value: whole },
  num_classes: { t: 'option', option: 'classes', value: whole },
  include_top: { t: 'option', option: 'top', value: bool },
  input_shape: { t: 'option', option: 'in', value: imageSize },
  // Which weights are loaded, and how the output is activated or pooled, add no parameters.
  weights: { t: 'noCount' },
  pretrained: { t: 'noCount' },
  progress: { t: 'noCount' },
  classifier_activation: { t: 'noCount' },
  pooling: { t: 'noCount' },
  input_tensor: { t: 'noCount' },
  name: { t: 'noCount' },
};

/** `a=1, b=(2, 3)` split at its top-level commas. */
function splitArguments(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if ('([{'.includes(c)) depth++;
    if (')]}'.includes(c)) depth--;
    if (c === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim() !== '') out.push(current.trim());
  return out;
}

const CALL = /^\s*((?:[A-Za-z_]\w*\.)*)([A-Za-z_]\w*)\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*;?\s*$/;

/**
 * A preset's constructor called on its own (`keras.applications.VGG16(weights=None, classes=2)`,
 * `models.resnet18(num_classes=10)`): the model and its options; undefined for any other text.
 * A keyword that changes the model and is not read here is refused by name.
 */
export function readConstructorCall(text: string): AskedModel | undefined {
  const m = CALL.exec(text);
  if (!m) return undefined;
  const [, path = '', called = '', args = ''] = m;
  const preset = findPreset(called);
  if (!preset) return undefined;
  const options = new Map<string, string>();
  const unread: string[] = [];
  for (const arg of splitArguments(args)) {
    const kv = /^([A-Za-z_]\w*)\s*=\s*([\s\S]+)$/.exec(arg);
    const key = kv?.[1] ?? '';
    const raw = (kv?.[2] ?? '').trim().replace(/^(['"])(.*)\1$/, '$2');
    const keyword = KEYWORDS[key] ?? (preset.params.some((p) => p.name === key) ? { t: 'option', option: key, value: (v: string) => bool(v) ?? v } : undefined);
    if (keyword?.t === 'noCount') continue;
    const value = keyword?.value(raw);
    if (keyword === undefined || value === undefined) unread.push(arg);
    else options.set(keyword.option, value);
  }
  if (unread.length > 0) refuseUnread(preset, unread);
  // torchvision's builders are lower case (`resnet18`), Keras's capitalized (`VGG16`), unless the path says.
  const framework = frameworkNamed(path) ?? (called === called.toLowerCase() ? 'pytorch' : 'keras');
  return { preset, framework, options };
}

function refuseUnread(preset: Preset, words: readonly string[]): never {
  const options = preset.params.map((p) => `${p.name}=`).join(' ');
  fail('err.unreadWords', { model: preset.name, words: words.map((w) => `\`${w}\``).join(', '), options: `${options} in= trainable=`.trim() });
}
