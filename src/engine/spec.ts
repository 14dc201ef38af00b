/**
 * A /count request: flags (--framework, --json, --lang, --layers, --memory, --seq, --batch)
 * anywhere in the text, then the language of lang/ (shared/DESIGN.md; README's cheat sheet): an
 * optional head (`input HxWxC` or a preset with its options), layers, groups and defs, and an
 * optional `lora` at the end. `explain-preset NAME` asks for a preset's text. Pasted framework
 * code is not this language: it is read by code/ (a bounded interpreter of model definitions).
 */
import { DEFAULT_DEPTH } from './tree.js';
import { parseDims, parseSize } from './args.js';
import { LIMITS as CODE_LIMITS } from './code/limits.js';
import { extractSource, type Source } from './code/source.js';
import { fail, SpecError } from './errors.js';
import type { Def, Item } from './lang/ast.js';
import { RESERVED } from './lang/ast.js';
import { checkBounds, Defs, expand } from './lang/expand.js';
import { parseProgram } from './lang/parser.js';
import { printNodes } from './lang/print.js';
import { findKind, KIND_WORDS } from './layers/index.js';
import { LIMITS } from './limits.js';
import { parseLora, printLora, type LoraSpec } from './lora.js';
import type { Node } from './model.js';
import { configPreset, isConfig, jsonObjectIn } from './presets/configs/index.js';
import { readAskedModel, readConstructorCall, readPresetWords, type AskedModel } from './presets/asked.js';
import { findPreset, LIBRARY, nearestPresets, VOCABULARY, type Preset, type PresetOptions } from './presets/index.js';
import { closest } from './suggest.js';
import type { Framework } from './types.js';
import { parseLang, type Lang } from '../i18n/messages.js';
import { NUMBER_FLAGS, WORD_FLAGS } from './flags.js';

/** Longest spec accepted, in characters: far beyond any real model, far below a 10 MB paste. */
export const MAX_SPEC_LENGTH = LIMITS.specChars;
/** Longest pasted code (a Discord attachment or a Slack form). */
export const MAX_CODE_LENGTH = CODE_LIMITS.text;

export type Head = { readonly t: 'none' } | { readonly t: 'input'; readonly shape: readonly number[] } | { readonly t: 'preset'; readonly preset: Preset; readonly options: PresetOptions };

export interface Body {
  readonly head: Head;
  /** The model after the head: layers, groups, branches, def instances (expanded). */
  readonly nodes: readonly Node[];
  /** `lora ...` at the end: adapters on the model before it. */
  readonly lora: LoraSpec | undefined;
}

interface RequestFields {
  /** Set by --framework; pasted code is read in its own framework (nn.* is PyTorch, layers.* is Keras). */
  readonly framework: Framework | undefined;
  readonly lang: Lang | undefined;
  readonly json: boolean;
  /** Show every layer of a preset, not only the per-block table. */
  readonly layers: boolean;
  /** Show the memory figures (weights by precision, training with Adam, KV cache). */
  readonly memory: boolean;
  /** --seq N: the sequence length of a sequence model (its input's first axis). */
  readonly seq: number | undefined;
  /** --batch N: sequences at once, for the KV cache. */
  readonly batch: number | undefined;
  /** `explain-preset NAME`: show a preset's data file (with its count) or a library def's text. */
  readonly explain: Explain | undefined;
  /** Draw the parameter chart on a log scale. */
  readonly log: boolean;
  /** --depth N: the nested module tree to depth N (torchinfo's summary(depth=N)). */
  readonly depth: number | undefined;
}

/** A /count spec, or pasted PyTorch/Keras code (read by code/read.ts). */
export type Request = RequestFields & ({ readonly t: 'spec'; readonly body: Body } | { readonly t: 'code'; readonly source: Source });

export type Explain = { readonly t: 'preset' } | { readonly t: 'def'; readonly def: Def };

interface Flags {
  framework: Framework | undefined;
  lang: Lang | undefined;
  json: boolean;
  layers: boolean;
  memory: boolean;
  seq: number | undefined;
  batch: number | undefined;
  log: boolean;
  depth: number | undefined;
}

const FRAMEWORK_WORDS: Readonly<Record<string, Framework>> = { keras: 'keras', tf: 'keras', tensorflow: 'keras', pytorch: 'pytorch', torch: 'pytorch' };

function frameworkOf(token: string): Framework {
  return FRAMEWORK_WORDS[token.toLowerCase()] ?? fail('err.notAChoice', { token, what: '--framework', choices: 'keras|pytorch' });
}

/** A flag with its value: `--framework keras`, `--seq=128` (a value never starts with `-`). */
const VALUED_FLAG = new RegExp(String.raw`(^|\s)--(${[...WORD_FLAGS, ...NUMBER_FLAGS].join('|')})(?:=|[ \t]+)([^\s-]\S*)`, 'gi');

/** Takes the flags out of the text wherever they stand, leaving the spec (or code) itself. */
function extractFlags(text: string): { flags: Flags; rest: string } {
  const flags: Flags = { framework: undefined, lang: undefined, json: false, layers: false, log: false, memory: false, seq: undefined, batch: undefined, depth: undefined };
  // Every flag starts with `--`: a text without one (most specs) is not scanned three times over.
  if (!text.includes('--')) return { flags, rest: text };
  const withValues = text.replace(VALUED_FLAG, (_all, lead: string, name: string, value: string) => {
    const key = name.toLowerCase();
    if (key === 'lang') flags.lang = parseLang(value) ?? fail('err.notAChoice', { token: value, what: '--lang', choices: 'en|zh-TW' });
    else if (key === 'seq') flags.seq = parseSize(value, '--seq');
    else if (key === 'batch') flags.batch = parseSize(value, '--batch');
    else if (key === 'depth') flags.depth = parseSize(value, '--depth');
    else flags.framework = frameworkOf(value);
    return lead;
  });
  const rest = withValues.replace(/(^|\s)--([A-Za-z-]+)(?=\s|$)/g, (_all, lead: string, name: string) => {
    const key = name.toLowerCase();
    if (key === 'json') flags.json = true;
    else if (key === 'layers') flags.layers = true;
    else if (key === 'memory') flags.memory = true;
    else if (key === 'log') flags.log = true;
    else if (key === 'keras' || key === 'pytorch' || key === 'torch') flags.framework = frameworkOf(key);
    else if (key === 'zh' || key === 'zh-tw') flags.lang = 'zh-TW';
    else if (key === 'en') flags.lang = 'en';
    else if (key === 'framework' || key === 'fw') fail('err.flagValue', { flag: `--${name}`, expected: 'keras|pytorch' });
    else if (key === 'lang') fail('err.flagValue', { flag: '--lang', expected: 'en|zh-TW' });
    else if (key === 'seq' || key === 'batch') fail('err.flagValue', { flag: `--${key}`, expected: 'N' });
    else if (key === 'depth')
      flags.depth = DEFAULT_DEPTH; // torchinfo's default
    else fail('err.unknownFlag', { flag: `--${name}` });
    return lead;
  });
  const stray = /(?:^|\s)(--\S*)/.exec(rest);
  if (stray) fail('err.unknownFlag', { flag: stray[1]! });
  return { flags, rest };
}

/** Characters one of which every paste has and a one-line spec (`conv 3 64 3 pad=same`) has not: a quick no first. */
const CODE_HINT = /[()`~\n:@]|\s[=+*-]?=\s/;
/** A line that starts a Python statement, or an assignment written with spaces (a spec's options are `key=value`). */
const PYTHON_LINE = /^\s*(class|def|import|from|for|while|if|with|try|async|return|raise|assert|@)\b|^\s*[A-Za-z_][\w.]*(\[[^\]]*\])?\s+(=|\+=|-=|\*=)\s/m;

/**
 * Pasted Python: a Markdown fence, a constructor call (`nn.Conv2d(`, `layers.Dense(`), or a line
 * that starts a Python statement. The /count language has parentheses only in def headers (their
 * defaults too: `n=(c+4)//8*8`), repeat counts (`x(n-1)`) and expressions after an operator.
 */
export function looksLikeCode(text: string): boolean {
  if (!CODE_HINT.test(text) && !/^\s*(class|def|import|from|for|while|if|with|try)\b/.test(text)) return false;
  if (/```|~~~/.test(text)) return true;
  const language = text
    .replace(/#[^\n]*/g, '')
    .replace(/\bdef\s+[A-Za-z_][\w-]*\s*\((?:[^()]|\([^()]*\))*\)\s*\{/g, '')
    .replace(/\}\s*[x×*]\s*\(/g, '');
  return hasCall(language) || PYTHON_LINE.test(language);
}

const NAME_CHAR = /[\w.]/;

/**
 * A name (dotted, starting with a letter or `_`) right before a `(`: `nn.Conv2d(`. Written as a
 * scan, not as /[A-Za-z_][\w.]*\(/, which backtracks quadratically along a long run of name
 * characters with no `(` after it (40,000 characters of `a.a.a.` took a second).
 */
function hasCall(text: string): boolean {
  for (let open = text.indexOf('('); open !== -1; open = text.indexOf('(', open + 1)) {
    for (let i = open - 1; i >= 0 && NAME_CHAR.test(text[i]!); i--) {
      if (/[A-Za-z_]/.test(text[i]!)) return true;
    }
  }
  return false;
}

/**
 * A pasted config.json (a JSON object with model_type or architectures, flags around it allowed):
 * the model its family builds, as a preset made on the spot. Undefined for any other text.
 */
function configRequest(text: string): Request | undefined {
  if (!text.includes('{') || !text.includes('"')) return undefined;
  if (text.length > MAX_CODE_LENGTH) {
    if (/^\s*(```\w*\s*)?\{\s*"/.test(text)) fail('err.configTooLong', { max: MAX_CODE_LENGTH.toLocaleString('en-US') });
    return undefined;
  }
  const found = jsonObjectIn(text);
  if (found === undefined) return undefined;
  if (!isConfig(found.json)) fail('err.notAConfig');
  const preset = configPreset(found.json);
  const { framework, lang, json, layers, log, memory, seq, batch, depth } = extractFlags(found.outside).flags;
  const head: Head = { t: 'preset', preset, options: preset.parseOptions(new Map()) };
  return { framework, lang, json, layers, log, memory, seq, batch, depth, explain: undefined, t: 'spec', body: { head, ...EMPTY } };
}

/**
 * The published model's call when the text is one (`VGG16(weights=None, classes=2) --json`); code
 * whose own text reads like a flag to the flag scanner (a `# ------` comment, `x = a --b`) is not
 * one, and is left to the code reader, which takes flags only from outside the code.
 */
function constructorCall(text: string): ReturnType<typeof readConstructorCall> {
  let rest: string;
  try {
    rest = extractFlags(text).rest;
  } catch (e) {
    if (e instanceof SpecError) return undefined;
    throw e;
  }
  return readConstructorCall(rest);
}

export function parseRequest(text: string): Request {
  const config = configRequest(text);
  if (config !== undefined) return config;
  const code = looksLikeCode(text.length > MAX_CODE_LENGTH ? text.slice(0, MAX_CODE_LENGTH + 1) : text);
  if (text.length > (code ? MAX_CODE_LENGTH : MAX_SPEC_LENGTH)) {
    fail(code ? 'err.codeTooLong' : 'err.tooLong', { max: (code ? MAX_CODE_LENGTH : MAX_SPEC_LENGTH).toLocaleString('en-US') });
  }
  // `VGG16(weights=None, classes=2)`: the framework's own call of a published model, not code to run.
  const called = code ? constructorCall(text) : undefined;
  if (called) {
    const { framework, lang, json, layers, log, memory, seq, batch, depth } = extractFlags(text).flags;
    return { framework: framework ?? called.framework, lang, json, layers, log, memory, seq, batch, depth, explain: undefined, t: 'spec', body: presetBody(called) };
  }
  if (code) {
    const source = extractSource(text);
    if (source.hasCode) {
      const { framework, lang, json, layers, log, memory, seq, batch, depth } = extractFlags(source.outside).flags;
      return { framework, lang, json, layers, log, memory, seq, batch, depth, explain: undefined, t: 'code', source };
    }
    if (text.length > MAX_SPEC_LENGTH) fail('err.tooLong', { max: MAX_SPEC_LENGTH.toLocaleString('en-US') });
  }
  const { flags, rest } = extractFlags(text);
  const explained = rest.includes('explain-preset') ? /^\s*explain-preset\s+(\S+)\s*$/i.exec(rest) : null;
  // Written out, not spread: spreading the flags object (built up by the replacers) costs more than parsing a layer.
  const { framework, lang, json, layers, log, memory, seq, batch, depth } = flags;
  let parsed: { explain: Explain | undefined; body: Body; framework?: Framework | undefined };
  try {
    parsed = explained ? explain(explained[1]!) : { explain: undefined, body: parseBody(rest) };
  } catch (e) {
    // "how many parameters does resnet18 have?": a sentence naming a published model (not a spec
    // that starts with one, or with a layer, and is wrong: that error stands)
    const sentence = e instanceof SpecError && isSentence(rest);
    const asked = sentence ? readAskedModel(rest) : undefined;
    if (!asked) {
      const named = sentence ? modelWordIn(rest) : undefined;
      if (named !== undefined) refuseUnknownModel(named, LIBRARY);
      throw e;
    }
    parsed = { explain: undefined, body: presetBody(asked), framework: asked.framework };
  }
  return { framework: framework ?? parsed.framework, lang, json, layers, log, memory, seq, batch, depth, explain: parsed.explain, t: 'spec', body: parsed.body };
}

const EMPTY: Omit<Body, 'head'> = { nodes: [], lora: undefined };

/** A published model asked for in words or by its constructor, as the body `NAME option=value ...` would parse to. */
const presetBody = (asked: AskedModel): Body => ({ head: { t: 'preset', preset: asked.preset, options: asked.preset.parseOptions(asked.options) }, ...EMPTY });

/**
 * Text that reads as a question rather than a spec: no `>` or `=`, and it starts with neither a
 * kind nor `input`; starting with a preset, the rest names no kind (`vgg16 有幾個參數？`, not
 * `resnet50 dense 10`).
 */
function isSentence(text: string): boolean {
  const words = text.trim().split(/\s+/);
  const first = words[0]?.toLowerCase();
  if (first === undefined || /[>=]/.test(text) || first === 'input' || findKind(first) !== undefined) return false;
  return findPreset(first) === undefined || words.slice(1).every((w) => findKind(w) === undefined);
}

/** `explain-preset NAME`: a preset (its file is shown with its count) or a library def (its text). */
function explain(name: string): { explain: Explain | undefined; body: Body } {
  const preset = findPreset(name);
  if (preset !== undefined) return { explain: { t: 'preset' }, body: { head: { t: 'preset', preset, options: preset.parseOptions(new Map()) }, ...EMPTY } };
  const def = LIBRARY.find(name.toLowerCase())?.def ?? fail('err.explainUnknown', { name });
  return { explain: { t: 'def', def }, body: { head: { t: 'none' }, ...EMPTY } };
}

/** A word spelled like a model's name (a digit, or parts joined by - _ .): `clip-vit-b-16`, `llama3`. */
const MODEL_LIKE = /^(?=.*[a-z])(?=.*(\d|[-_.]\w))[\w.+/-]+$/i;

/**
 * A first word that names no kind, def or preset but reads like a model's name is refused with the
 * presets nearest it, never counted as another model; a misspelled kind keeps the kind's suggestion.
 */
function refuseUnknownModel(word: string, defs: Defs): void {
  if (!MODEL_LIKE.test(word) || closest(word, [...KIND_WORDS, ...defs.names()]) !== undefined) return;
  fail('err.unknownModel', {
    token: word,
    nearest: nearestPresets(word)
      .map((p) => p.name)
      .join(', '),
  });
}

/** The first word of a sentence that reads like a model's name, for a question naming a model there is no preset of. */
const modelWordIn = (sentence: string): string | undefined => sentence.match(/[A-Za-z0-9][\w.+/-]*/g)?.find((w) => MODEL_LIKE.test(w) && /\d/.test(w));

const wordsOf = (item: Item | undefined) => (item?.term.t === 'words' && item.label === undefined && item.repeat === undefined ? item.term.words : undefined);

/** Parses the language proper (no flags): what printBody gives back. */
export function parseBody(text: string): Body {
  const program = parseProgram(text);
  for (const def of program.defs) {
    if (findKind(def.name) || RESERVED.has(def.name) || findPreset(def.name)) fail('err.defClash', { name: def.name });
  }
  const defs = program.defs.length === 0 ? LIBRARY : Defs.of(program.defs, LIBRARY);
  let items = [...program.items];
  if (items.length === 0) fail('err.empty');

  let head: Head = { t: 'none' };
  const first = wordsOf(items[0]);
  const firstWord = first?.[0]?.toLowerCase();
  if (first !== undefined && firstWord === 'input') {
    const [, ...args] = first;
    const options = args.filter((a) => a.includes('='));
    if (options.length > 0) fail('err.unknownOption', { kind: 'input', key: options[0]!.split('=')[0]!, allowed: '-' });
    if (args.length === 0) fail('err.argCount', { kind: 'input', usage: 'input HxWxC', example: 'input 224x224x3', got: '0', expected: '1+' });
    head = { t: 'input', shape: parseDims(args.join('x'), 'input') };
    items = items.slice(1);
  } else if (first !== undefined && firstWord !== undefined && !defs.find(firstWord) && !findKind(firstWord)) {
    const preset = findPreset(firstWord);
    if (preset !== undefined) {
      // The lecture's phrases (`frozen`, `without the top`, `with 2 classes`) mean their options here
      // too; any other word is refused by name.
      const [pairs, words] = [first.slice(1).filter((a) => a.includes('=')), first.slice(1).filter((a) => !a.includes('='))];
      const options = new Map(readPresetWords(preset, words));
      for (const token of pairs) {
        const [key = '', value = ''] = token.split(/=(.*)/s);
        if (value === '') fail('err.badOptionToken', { token, kind: preset.name });
        const option = key.toLowerCase();
        if (options.has(option)) fail('err.duplicateOption', { key: option, kind: preset.name });
        options.set(option, value);
      }
      head = { t: 'preset', preset, options: preset.parseOptions(options) };
      items = items.slice(1);
    } else {
      refuseUnknownModel(firstWord, defs);
    }
  }

  let lora: LoraSpec | undefined;
  const last = wordsOf(items[items.length - 1]);
  if (last?.[0]?.toLowerCase() === 'lora') {
    lora = parseLora(last);
    items = items.slice(0, -1);
  }
  if (items.length === 0 && head.t === 'none') fail('err.empty');
  const nodes = expand(items, defs, VOCABULARY);
  checkBounds(nodes);
  return { head, nodes, lora };
}

/** Canonical text of a body: parsing it gives back an equal body. */
export function printBody(body: Body): string {
  const head =
    body.head.t === 'input' ? [`input ${body.head.shape.join('x')}`] : body.head.t === 'preset' ? [[body.head.preset.name, ...body.head.preset.printOptions(body.head.options)].join(' ')] : [];
  const tail = body.lora ? [printLora(body.lora)] : [];
  return [...head, ...(body.nodes.length > 0 ? [printNodes(body.nodes)] : []), ...tail].join(' > ');
}

/** The model a body describes, ready for evaluateModel; `seq` replaces a sequence input's length. */
export function bodyNodes(body: Body, framework: Framework, seq?: number): { input: readonly number[] | undefined; nodes: Node[] } {
  let input: readonly number[] | undefined;
  let nodes: Node[] = [...body.nodes];
  if (body.head.t === 'preset') {
    const built = body.head.preset.build(body.head.options, framework, VOCABULARY);
    input = built.input;
    nodes = [...built.nodes, ...nodes];
    checkBounds(nodes);
  } else if (body.head.t === 'input') {
    input = body.head.shape;
  }
  if (seq !== undefined) {
    if (input === undefined || input.length > 2) fail('err.seqNotSequence', { shape: input === undefined ? '-' : input.join('×') });
    input = [seq, ...input.slice(1)];
  }
  return { input, nodes };
}
