/**
 * A published architecture: one data file per framework that publishes it, written in the /count
 * language. A file opens with a header of `# key: value` comments:
 *
 *   # preset: resnet34                         the canonical name
 *   # aliases: resnet-34                       other spellings (case, - and _ never matter)
 *   # source: torchvision.models.resnet34      where the framework publishes it
 *   # paper: He et al. 2015 (arXiv:1512.03385)
 *   # config: ...                              the numbers it is built from (shown by explain-preset)
 *   # options: top=true classes=1000           the options it takes, with their defaults
 *   # expect: 21,797,672                       the total it must reproduce (and with options,
 *   # expect top=false: 21,284,672             `(non-trainable N)` when some are not trained)
 *
 * then `input SHAPE` and the model. Options are the body's parameters (`dense classes`, `if top`);
 * every preset also takes `in=` (another input size) and `trainable=false` (a frozen backbone).
 */
import { Lru } from '../../lru.js';
import { parseBool, parseDims, parseSize } from '../args.js';
import { fail } from '../errors.js';
import type { Item, Param } from '../lang/ast.js';
import { checkBounds, Defs, expand, measure, type Vocabulary } from '../lang/expand.js';
import { parseProgram } from '../lang/parser.js';
import type { Node } from '../model.js';
import type { Framework } from '../types.js';
import type { ConfigOrigin } from './configs/index.js';
import type { DataFile } from './files.js';

/** What a request gives a preset: option values by canonical name, `in=`, `trainable=false`. */
export interface PresetOptions {
  readonly values: ReadonlyMap<string, string>;
  readonly input: readonly number[] | undefined;
  readonly frozen: boolean;
}

export interface Expectation {
  /** The options of the line, as typed after `expect` (`top=false`). */
  readonly options: string;
  readonly total: bigint;
  readonly nonTrainable: bigint;
}

/** Options every preset takes besides its own. */
const UNIVERSAL = ['in', 'trainable'];
/** Spellings of the frameworks' own argument names. */
const OPTION_ALIASES: Readonly<Record<string, string>> = { num_classes: 'classes', include_top: 'top', include_preprocessing: 'preprocessing' };

const HEADER = /^#\s*(preset|aliases|source|paper|config|options|expect)(\s+[^:]*)?:\s*(.*)$/;
const EXPECT = /^([\d,_]+)(?:\s*\(non-trainable\s+([\d,_]+)\))?$/;

const digits = (s: string) => BigInt(s.replace(/[,_]/g, ''));

/**
 * Bodies already expanded, by file and option values. Every request builds its preset (twice when
 * the other framework's count is compared), and expansion is a pure function of the options: the
 * nodes, which nothing modifies, are shared between requests. Bounded like any cache of what users
 * ask for (`classes=N` takes any N): an expanded body costs about 64 bytes a layer or group.
 */
const EXPANDED = new Lru<string, { readonly vocabulary: Vocabulary; readonly nodes: readonly Node[] }>({
  maxEntries: 256,
  maxBytes: 16 * 1024 * 1024,
  sizeOf: (entry) => 64 * measure(entry.nodes).units,
  dropWhenQuiet: true,
});

interface Parsed {
  /** The length of the text it was parsed from, for its size. */
  readonly chars: number;
  readonly input: readonly number[];
  readonly items: readonly Item[];
  readonly defs: Defs;
}

/**
 * Files' parsed bodies, by path (a config.json's names its text's fingerprint, as for EXPANDED:
 * the same config read again is parsed once). A parsed body takes about four bytes a character of
 * its text (every preset's, 2.8 MB for 0.73 MB of text): kept while presets are asked for, given
 * back when quiet.
 */
const PARSED = new Lru<string, Parsed>({ maxEntries: 256, maxBytes: 8 * 1024 * 1024, sizeOf: (parsed) => 4 * parsed.chars, dropWhenQuiet: true });

export class PresetFile {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly source: string;
  readonly paper: string | undefined;
  readonly params: readonly Param[];
  readonly expectations: readonly Expectation[];

  constructor(
    readonly file: DataFile,
    readonly framework: Framework,
    private readonly library: Defs,
    /** A data file states the totals it reproduces; a model read from a config.json has none to state. */
    private readonly rules: { readonly expectations: boolean } = { expectations: true },
  ) {
    const header = new Map<string, string[]>();
    const expectations: Expectation[] = [];
    for (const line of file.head().split('\n')) {
      const trimmed = line.trim();
      if (trimmed === '') continue;
      if (!trimmed.startsWith('#')) break;
      const m = HEADER.exec(trimmed);
      if (!m) continue;
      const [, key, qualifier = '', value = ''] = m;
      if (key === 'expect') {
        const e = EXPECT.exec(value.trim()) ?? this.bad(`expect line "${trimmed}"`);
        expectations.push({ options: qualifier.trim(), total: digits(e[1]!), nonTrainable: e[2] === undefined ? 0n : digits(e[2]) });
      } else {
        header.set(key!, [...(header.get(key!) ?? []), value.trim()]);
      }
    }
    this.name = header.get('preset')?.[0] ?? this.bad('no "# preset:" line');
    this.source = header.get('source')?.join(' ') ?? this.bad('no "# source:" line');
    this.paper = header.get('paper')?.join(' ');
    this.aliases = (header.get('aliases') ?? [])
      .flatMap((a) => a.split(','))
      .map((a) => a.trim())
      .filter((a) => a !== '');
    this.params = (header.get('options') ?? [])
      .flatMap((o) => o.split(/\s+/))
      .filter((o) => o !== '')
      .map((o) => {
        const [name = '', fallback = ''] = o.split('=');
        if (fallback === '') this.bad(`option ${o} has no default`);
        return { name, fallback };
      });
    if (expectations.length === 0 && this.rules.expectations) this.bad('no "# expect:" line');
    this.expectations = expectations;
  }

  private bad(what: string): never {
    throw new Error(`preset file ${this.file.path}: ${what}`);
  }

  /** The parsed body: `input SHAPE` first, then the model. */
  private parsed(): Parsed {
    let parsed = PARSED.get(this.file.path);
    if (parsed === undefined) {
      const text = this.file.read();
      const program = parseProgram(text);
      const [head, ...items] = program.items;
      if (head?.term.t !== 'words' || head.term.words[0] !== 'input') this.bad('the model must start with `input SHAPE`');
      parsed = { chars: text.length, input: parseDims(head.term.words.slice(1).join('x'), 'input'), items, defs: Defs.of(program.defs, this.library) };
      PARSED.set(this.file.path, parsed);
    }
    return parsed;
  }

  build(options: PresetOptions, presetName: string, vocabulary: Vocabulary): { input: readonly number[]; nodes: Node[] } {
    const { input, items, defs } = this.parsed();
    const params = new Map<string, string>();
    for (const p of this.params) params.set(p.name, p.fallback!);
    for (const [key, value] of options.values) {
      const declared = this.params.find((p) => p.name === key);
      if (declared === undefined) fail('err.unknownOption', { kind: presetName, key, allowed: [...this.params.map((p) => p.name), ...UNIVERSAL].join(', ') });
      params.set(key, typed(value, declared));
    }
    const key = [this.file.path, ...params.values()].join('\u0000');
    let expanded = EXPANDED.get(key);
    if (expanded?.vocabulary !== vocabulary) {
      const nodes = expand(items, defs, vocabulary, params);
      checkBounds(nodes);
      expanded = { vocabulary, nodes };
      EXPANDED.set(key, expanded);
    }
    const nodes = options.frozen ? expanded.nodes.map((n) => ({ ...n, frozen: true })) : [...expanded.nodes];
    return { input: resize(input, options.input, presetName), nodes };
  }
}

/** An option's value in the type of its default: `false`, `10`. */
function typed(value: string, declared: Param): string {
  const fallback = declared.fallback!;
  if (fallback === 'true' || fallback === 'false') return String(parseBool(value, declared.name));
  // An option whose default is 0 means "none" (representation_size=0): 0 may be given back.
  if (/^\d+$/.test(fallback)) return String(parseSize(value, declared.name, fallback === '0' ? 0 : 1));
  return value;
}

/** `in=`: another input size of the same rank (an image's channels may be left out). */
function resize(declared: readonly number[], given: readonly number[] | undefined, name: string): readonly number[] {
  if (given === undefined) return declared;
  if (given.length === declared.length) return given;
  if (declared.length === 3 && given.length === 2) return [...given, declared[2]!];
  return fail('err.inRank', { kind: name, token: `in=${given.join('x')}`, expected: declared.length === 3 ? 'HxW' : declared.length === 1 ? 'T' : 'TxD' });
}

export class Preset {
  constructor(
    readonly name: string,
    readonly aliases: readonly string[],
    readonly files: Readonly<Partial<Record<Framework, PresetFile>>>,
    /** Set for a model read from a pasted config.json: what was read, assumed and ignored. */
    readonly config?: ConfigOrigin,
  ) {}

  /** The framework a preset is counted in when the user did not say: Keras where Keras publishes it. */
  get native(): Framework {
    return this.files.keras !== undefined ? 'keras' : 'pytorch';
  }

  /** The file for a framework: its own, or the other framework's architecture under these conventions. */
  fileFor(framework: Framework): PresetFile {
    return this.files[framework] ?? this.files[framework === 'keras' ? 'pytorch' : 'keras']!;
  }

  /** Every option any of its files takes, in declaration order. */
  get params(): Param[] {
    const out: Param[] = [];
    for (const file of [this.files.keras, this.files.pytorch]) {
      for (const p of file?.params ?? []) if (!out.some((o) => o.name === p.name)) out.push(p);
    }
    return out;
  }

  parseOptions(options: ReadonlyMap<string, string>): PresetOptions {
    const params = this.params;
    const values = new Map<string, string>();
    let input: number[] | undefined;
    let frozen = false;
    for (const [raw, value] of options) {
      const key = OPTION_ALIASES[raw] ?? raw;
      if (key === 'in') {
        input = parseDims(value, 'in');
      } else if (key === 'trainable') {
        frozen = !parseBool(value, 'trainable');
      } else {
        const declared = params.find((p) => p.name === key);
        if (declared === undefined) fail('err.unknownOption', { kind: this.name, key: raw, allowed: [...params.map((p) => p.name), ...UNIVERSAL].join(', ') });
        if (values.has(key)) fail('err.duplicateOption', { key, kind: this.name });
        values.set(key, typed(value, declared));
      }
    }
    return { values, input, frozen };
  }

  /** The options as canonical text: only those that differ from the default, in declaration order. */
  printOptions(o: PresetOptions): string[] {
    return [
      ...this.params.filter((p) => o.values.has(p.name) && o.values.get(p.name) !== p.fallback).map((p) => `${p.name}=${o.values.get(p.name)}`),
      ...(o.input ? [`in=${o.input.join('x')}`] : []),
      ...(o.frozen ? ['trainable=false'] : []),
    ];
  }

  build(options: PresetOptions, framework: Framework, vocabulary: Vocabulary): { input: readonly number[]; nodes: Node[] } {
    return this.fileFor(framework).build(options, this.name, vocabulary);
  }
}
