/**
 * The /count language (shared/DESIGN.md): `KIND ARGS... [key=value ...]`, layers chained with `>`,
 * an optional `input HxWxC` or preset at the head, and flags (--framework, --json, --lang,
 * --layers). Pasted framework code is first translated to this language (code.ts).
 */
import { parseDims } from './args.js';
import { LIMITS } from './code/limits.js';
import { extractSource, type Source } from './code/source.js';
import { fail, SpecError } from './errors.js';
import { findKind, KIND_WORDS, type Layer } from './layers/index.js';
import { parseWithKind, tokenize } from './layer-text.js';
import type { Node } from './model.js';
import { askedPreset, findPreset, parsePresetOptions, PRESET_WORDS, printPresetOptions, type Preset, type PresetOptions } from './presets/index.js';
import { closest } from './suggest.js';
import type { Framework } from './types.js';
import { parseLang, type Lang } from '../i18n/messages.js';

/** Longest spec accepted, in characters: far beyond any real model, far below a 10 MB paste. */
export const MAX_SPEC_LENGTH = 20_000;
/** Longest pasted code (a Discord attachment or a Slack form). */
export const MAX_CODE_LENGTH = LIMITS.text;
export const MAX_LAYERS = 1_000;

export type Head =
  | { readonly t: 'none' }
  | { readonly t: 'input'; readonly shape: readonly number[] }
  | { readonly t: 'preset'; readonly preset: Preset; readonly options: PresetOptions };

export interface Body {
  readonly head: Head;
  /** The layers after the head, in order (flat: the language has no branches). */
  readonly layers: readonly Layer[];
}

interface RequestFlags {
  /** Set by --framework; pasted code is read in its own framework (nn.* is PyTorch, layers.* is Keras). */
  readonly framework: Framework | undefined;
  readonly lang: Lang | undefined;
  readonly json: boolean;
  /** Show every layer of a preset, not only the per-block table. */
  readonly layers: boolean;
}

/** A /count spec, or pasted PyTorch/Keras code (read by code/read.ts). */
export type Request = RequestFlags & ({ readonly t: 'spec'; readonly body: Body } | { readonly t: 'code'; readonly source: Source });

interface Flags {
  framework: Framework | undefined;
  lang: Lang | undefined;
  json: boolean;
  layers: boolean;
}

const FRAMEWORK_WORDS: Readonly<Record<string, Framework>> = { keras: 'keras', tf: 'keras', tensorflow: 'keras', pytorch: 'pytorch', torch: 'pytorch' };

function frameworkOf(token: string): Framework {
  return FRAMEWORK_WORDS[token.toLowerCase()] ?? fail('err.notAChoice', { token, what: '--framework', choices: 'keras|pytorch' });
}

/** Takes the flags out of the text wherever they stand, leaving the spec (or code) itself. */
function extractFlags(text: string): { flags: Flags; rest: string } {
  const flags: Flags = { framework: undefined, lang: undefined, json: false, layers: false };
  const withValues = text.replace(/(^|\s)--(framework|fw|lang)(?:=|[ \t]+)([^\s-]\S*)/gi, (_all, lead: string, name: string, value: string) => {
    if (name.toLowerCase() === 'lang') {
      flags.lang = parseLang(value) ?? fail('err.notAChoice', { token: value, what: '--lang', choices: 'en|zh-TW' });
    } else {
      flags.framework = frameworkOf(value);
    }
    return lead;
  });
  const rest = withValues.replace(/(^|\s)--([A-Za-z-]+)(?=\s|$)/g, (_all, lead: string, name: string) => {
    const key = name.toLowerCase();
    if (key === 'json') flags.json = true;
    else if (key === 'layers') flags.layers = true;
    else if (key === 'keras' || key === 'pytorch' || key === 'torch') flags.framework = frameworkOf(key);
    else if (key === 'zh' || key === 'zh-tw') flags.lang = 'zh-TW';
    else if (key === 'en') flags.lang = 'en';
    else if (key === 'framework' || key === 'fw') fail('err.flagValue', { flag: `--${name}`, expected: 'keras|pytorch' });
    else if (key === 'lang') fail('err.flagValue', { flag: '--lang', expected: 'en|zh-TW' });
    else fail('err.unknownFlag', { flag: `--${name}` });
    return lead;
  });
  const stray = /(?:^|\s)(--\S*)/.exec(rest);
  if (stray) fail('err.unknownFlag', { flag: stray[1]! });
  return { flags, rest };
}

/**
 * Code, not a spec: a Markdown fence, a call, a line that starts a Python statement, or an
 * assignment written with spaces (`x = 1`; a spec's options are `key=value`).
 */
const CODE = /```|~~~|[()]|^\s*(class|def|import|from|for|while|if|with|try|async|return|raise|assert|@)\b|^\s*[A-Za-z_][\w.]*(\[[^\]]*\])?\s+(=|\+=|-=|\*=)\s/m;
/** Characters one of which every paste has and a one-line spec (`conv 3 64 3 pad=same`) has not: a quick no first. */
const CODE_HINT = /[()`~\n:@]|\s[=+*-]?=\s|^\s*(class|def|import|from|for|while|if|with|try|async|return|raise|assert)\b/;
const looksLikeCode = (text: string) => CODE_HINT.test(text) && CODE.test(text);

export function parseRequest(text: string): Request {
  const code = looksLikeCode(text.slice(0, MAX_CODE_LENGTH + 1));
  if (text.length > (code ? MAX_CODE_LENGTH : MAX_SPEC_LENGTH)) {
    fail(code ? 'err.codeTooLong' : 'err.tooLong', { max: (code ? MAX_CODE_LENGTH : MAX_SPEC_LENGTH).toLocaleString('en-US') });
  }
  if (code) {
    const source = extractSource(text);
    if (source.hasCode) return { ...extractFlags(source.outside).flags, t: 'code', source };
  }
  if (text.length > MAX_SPEC_LENGTH) fail('err.tooLong', { max: MAX_SPEC_LENGTH.toLocaleString('en-US') });
  const { flags, rest } = extractFlags(text);
  try {
    return { ...flags, t: 'spec', body: parseBody(rest) };
  } catch (e) {
    // "how many parameters does resnet18 have?": a sentence naming a published model
    const asked = e instanceof SpecError && !rest.includes('>') ? askedPreset(rest) : undefined;
    if (!asked) throw e;
    return { ...flags, framework: flags.framework ?? asked.framework, t: 'spec', body: { head: { t: 'preset', preset: asked.preset, options: parsePresetOptions(asked.preset, new Map()) }, layers: [] } };
  }
}

/** Parses the language proper (no flags): what print() gives back. */
export function parseBody(text: string): Body {
  const segments = text
    .split(/[>→;\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (segments.length === 0) fail('err.empty');
  if (segments.length > MAX_LAYERS + 1) fail('err.tooManyLayers', { max: String(MAX_LAYERS) });

  let head: Head = { t: 'none' };
  const layers: Layer[] = [];
  segments.forEach((segment, index) => {
    const tokens = tokenize(segment);
    const { word: lower, args, options } = tokens;
    if (lower === 'input') {
      if (index !== 0) fail('err.inputFirst');
      if (options.size > 0) fail('err.unknownOption', { kind: 'input', key: [...options.keys()][0]!, allowed: '-' });
      if (args.length === 0) fail('err.argCount', { kind: 'input', usage: 'input HxWxC', example: 'input 224x224x3', got: '0', expected: '1+' });
      head = { t: 'input', shape: parseDims(args.join('x'), 'input') };
      return;
    }
    const preset = findPreset(lower);
    if (preset) {
      if (index !== 0) fail('err.presetFirst', { preset: preset.name });
      if (args.length > 0) fail('err.argCount', { kind: preset.name, usage: `${preset.name} [top=false] [classes=N] [in=HxW]`, example: `${preset.name} classes=10`, got: String(args.length), expected: '0' });
      head = { t: 'preset', preset, options: parsePresetOptions(preset, options) };
      return;
    }
    const kind = findKind(lower);
    if (!kind) {
      // suggest words of the same script: `if` is not a misspelled `卷積`
      const ascii = /^[\x20-\x7e]*$/.test(lower);
      const suggestion = closest(lower, [...KIND_WORDS, ...PRESET_WORDS, 'input'].filter((w) => /^[\x20-\x7e]*$/.test(w) === ascii));
      const token = segment.split(/\s+/)[0]!;
      if (suggestion) fail('err.unknownKindSuggest', { token, suggestion });
      fail('err.unknownKind', { token });
    }
    layers.push(parseWithKind(kind, tokens));
  });
  return { head, layers };
}

/** Canonical text of a body: parsing it gives back an equal body. */
export function printBody(body: Body): string {
  const head =
    body.head.t === 'input'
      ? [`input ${body.head.shape.join('x')}`]
      : body.head.t === 'preset'
        ? [[body.head.preset.name, ...printPresetOptions(body.head.options)].join(' ')]
        : [];
  return [...head, ...body.layers.map((l) => l.print())].join(' > ');
}

/** The model a body describes, ready for evaluateModel. */
export function bodyNodes(body: Body, framework: Framework): { input: readonly number[] | undefined; nodes: Node[] } {
  const tail: Node[] = body.layers.map((layer) => ({ t: 'layer', layer }));
  if (body.head.t === 'preset') {
    const built = body.head.preset.build(body.head.options, framework);
    return { input: built.input, nodes: [...built.nodes, ...tail] };
  }
  return { input: body.head.t === 'input' ? body.head.shape : undefined, nodes: tail };
}
