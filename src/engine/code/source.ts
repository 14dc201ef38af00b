/**
 * What a student pastes is rarely only code: a Markdown fence (```python ... ```), a sentence
 * before it ("here is my model, why 61706?"), REPL prompts, and the reader's own settings in front
 * (`num_classes=10 in=1x28x28`). This keeps the code lines where they were (so a refusal names the
 * line the student sees), blanks everything else, and hands the settings over as bindings.
 */
import type { Module, Stmt } from './ast.js';
import { KEYWORDS, scanLines, type LogicalLine, type Token } from './lexer.js';
import { parse } from './parser.js';
import { SpecError } from '../errors.js';
import { BARE_FLAGS, NUMBER_FLAGS, WORD_FLAGS } from '../flags.js';

export interface Binding {
  readonly name: string;
  /** As typed: `10`, `28x28x1`, `(1, 1, 28, 28)`, `true`, `Discriminator`. */
  readonly text: string;
}

export interface Source {
  /**
   * The code, from its first line (so line 1 is the first line of the student's code, whatever
   * prose, fence or settings came before it); non-code lines in between are left blank.
   */
  readonly code: string;
  readonly lines: readonly string[];
  /** Settings given outside the code. */
  readonly bindings: readonly Binding[];
  /** Everything that is not code (prose, settings, flags), for the flags parser. */
  readonly outside: string;
  /** Whether any line is code. */
  readonly hasCode: boolean;
  /** The code already parsed, when it was read whole (see parsedWhole). */
  readonly module?: Module;
}

/** Languages of fenced blocks that are code to read; other fences (```text, ```console) are output. */
const PYTHON_FENCES = new Set(['', 'python', 'py', 'python3', 'py3', 'pytorch', 'torch', 'keras', 'ipython', 'pycon', 'tensorflow', 'tf']);
const FENCE = /^\s*(```+|~~~+)\s*([\w+-]*)\s*$/;
/** `key=value` as typed before the code: no spaces around `=`, a value of sizes, a tuple, a bool or a name. */
const BINDING = /^([A-Za-z_]\w*)=(\d+(?:[xX×*]\d+)*|\d+\.\d*|\.\d+|\(\s*\d+(?:\s*,\s*\d+)*\s*,?\s*\)|\[\s*\d+(?:\s*,\s*\d+)*\s*\]|[Tt]rue|[Ff]alse|[A-Za-z_]\w*)$/;
const FLAG = /^--[A-Za-z-]+(?:=\S+)?$/;

/**
 * A line of /count's own flags and nothing else (`--memory`, `--framework pytorch --depth 2`),
 * typed after the code or between its parts: flags, wherever it stands. As Python it would be a
 * name negated twice (`- -memory`) or no Python at all, so no model means it; only the flags'
 * own names count, so `--b` on a continuation line of someone's arithmetic stays code.
 */
const ONE_FLAG = String.raw`--(?:(?:${WORD_FLAGS.join('|')})(?:=|[ \t]+)[\w-]+|(?:${NUMBER_FLAGS.join('|')})(?:=|[ \t]+)\d+|(?:${BARE_FLAGS.join('|')})(?=\s|$))`;
const FLAG_LINE = new RegExp(String.raw`^\s*${ONE_FLAG}(?:[ \t]+${ONE_FLAG})*\s*$`, 'i');

export function extractSource(text: string): Source {
  const physical = (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n');
  // (the regular expressions below run per line only when the text has what they look for: a
  // 100 KB paste of short lines is read in a few milliseconds)
  const fenced = /```|~~~/.test(text) && physical.some((l) => FENCE.test(l));
  const keep: boolean[] = new Array<boolean>(physical.length).fill(!fenced);
  if (fenced) {
    let inside: { readonly marker: string; readonly code: boolean } | null = null;
    physical.forEach((l, i) => {
      const m = FENCE.exec(l);
      if (m && (inside === null || m[1]!.startsWith(inside.marker))) {
        inside = inside === null ? { marker: m[1]!, code: PYTHON_FENCES.has(m[2]!.toLowerCase()) } : null;
        return;
      }
      if (inside?.code) keep[i] = true;
    });
  }

  // REPL prompts: `>>> x = 1` and `... y`, as copied from a Python session
  const prompts = /^(>>>|\.\.\.)( |$)/m.test(text);
  const lines = prompts ? physical.map((l, i) => (keep[i] && /^(>>>|\.\.\.)( |$)/.test(l) ? l.slice(4) : l)) : physical.slice();
  if (text.includes('--')) {
    for (let i = 0; i < lines.length; i++) {
      if (keep[i] && FLAG_LINE.test(lines[i]!)) {
        keep[i] = false;
        lines[i] = '';
      }
    }
  }
  if (text.includes('→') || /^\s*->/m.test(text)) chains(lines, keep);
  const bindings: Binding[] = [];
  const outsideParts: string[] = [];

  // settings and flags at the start of the first code line: `num_classes=10 in=1x28x28 class Net...`
  const first = lines.findIndex((l, i) => keep[i] && l.trim() !== '');
  if (first >= 0) {
    const { rest, taken } = takeSettings(lines[first]!, bindings);
    if (taken !== '') {
      outsideParts.push(taken);
      lines[first] = rest;
    }
  }

  const kept = fenced ? lines.map((l, i) => (keep[i] ? l : '')) : lines;
  /** All of it Python from line `from` on: nothing more to strip, and the parse is kept for the reader. */
  const whole = (from: number, parsed: { module: Module; words: number[] }): Source => {
    const codeLines = kept.slice(from);
    for (const line of parsed.words) {
      keep[from + line - 1] = false;
      codeLines[line - 1] = '';
    }
    for (const [i, l] of physical.entries()) if (!keep[i] && l.trim() !== '') outsideLine(l, outsideParts, bindings);
    return { code: codeLines.join('\n'), lines: codeLines, bindings, outside: outsideParts.join('\n'), hasCode: true, module: parsed.module };
  };
  const from = kept.findIndex((l) => l.trim() !== '');
  const parsed = from >= 0 ? parsedWhole(kept.slice(from)) : undefined;
  if (parsed !== undefined) return whole(from, parsed);
  const code = kept.join('\n');
  // The usual paste: a sentence or two, then the code. The prose filter strips the leading prose
  // lines; when all that follows them parses, the filter would strip nothing more there (see
  // parsedWhole), so the rest is read once, not lexed by the filter and then again by the parser.
  const lead = leadingProse(code);
  if (lead > 0) {
    const rest = kept.findIndex((l, i) => i >= lead && l.trim() !== '');
    const parsedRest = rest >= 0 ? parsedWhole(kept.slice(rest)) : undefined;
    if (parsedRest !== undefined) {
      for (let i = 0; i < lead; i++) keep[i] = false;
      return whole(rest, parsedRest);
    }
  }
  scanLines(code, (logical) => {
    if (!logical.indented && isProse(logical)) for (let l = logical.first; l <= logical.last; l++) keep[l - 1] = false;
    return true;
  });
  const finalLines = lines.map((l, i) => (keep[i] ? l : ''));
  physical.forEach((l, i) => {
    if (!keep[i] && l.trim() !== '') outsideLine(l, outsideParts, bindings);
  });
  const start = Math.max(
    0,
    finalLines.findIndex((l) => l.trim() !== ''),
  );
  const codeLines = finalLines.slice(start);
  return { code: codeLines.join('\n'), lines: codeLines, bindings, outside: outsideParts.join('\n'), hasCode: codeLines.some((l) => l.trim() !== '') };
}

/** The variable an arrow chain is read into (see chains). */
export const CHAIN = '_chain';
const ARROW = /^(\s*)(?:→|->)\s*(.*)$/;

/**
 * A model written as the quiz writes one, a layer a line joined by arrows:
 *
 *     Input(shape=(35,))
 *     → Dense(800)
 *     → Dense(73)
 *
 * Each arrow applies its layer to what the line before gives; the lines become
 * `_chain = Input(...)` and `_chain = Dense(800)(_chain)`, each on its own line, so a refusal
 * still names the line the student sees. The reader then builds the model from its Input.
 */
function chains(lines: string[], keep: readonly boolean[]): void {
  for (let i = 0; i < lines.length; i++) {
    const arrow = keep[i] ? ARROW.exec(lines[i]!) : null;
    if (arrow === null) continue;
    // what the arrow continues: the nearest code line above (a line already of the chain, after the first)
    let head = i - 1;
    while (head >= 0 && keep[head] && lines[head]!.trim() === '') head--;
    if (head < 0 || !keep[head]) continue; // an arrow after nothing: left for the reader to refuse
    const indent = /^\s*/.exec(lines[head]!)![0];
    if (!lines[head]!.trimStart().startsWith(`${CHAIN} = `)) lines[head] = `${indent}${CHAIN} = ${lines[head]!.trim()}`;
    const [call, comment] = splitComment(arrow[2]!);
    lines[i] = `${indent}${CHAIN} = ${call}(${CHAIN})${comment}`;
  }
}

/** A line's code and its trailing `# comment` (a `#` inside a string is not one). */
function splitComment(line: string): [string, string] {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return [line.slice(0, i).trimEnd(), `  ${line.slice(i)}`];
  }
  return [line.trimEnd(), ''];
}

/** A line that is not code: kept for the flags, and its settings taken. */
function outsideLine(line: string, outside: string[], bindings: Binding[]): void {
  outside.push(line);
  for (const token of line.trim().split(/\s+/)) {
    const b = parseBinding(token);
    if (b && !bindings.some((x) => x.name === b.name)) bindings.push(b);
  }
}

/**
 * How many lines at the start of `code` are prose, blank lines among them: the prose filter's
 * verdict on the first logical lines, up to the first that is not prose (0 when that is the first).
 */
function leadingProse(code: string): number {
  let lead = 0;
  scanLines(code, (logical) => {
    if (logical.indented || !isProse(logical)) return false;
    lead = logical.last;
    return true;
  });
  return lead;
}

/** A top-level statement that is one bare word (`Thanks`, `Model`): prose, though Python would read a name. */
const isWord = (s: Stmt): boolean => s.t === 'expr' && s.value.t === 'name' && s.value.line === s.line;

/**
 * The code parsed, when all of it is Python: then the prose filter would strip nothing but the
 * lone words between statements (every other line it strips is a syntax error), which are taken
 * out of the module here (their lines given back to be blanked); a large paste is then read once
 * instead of lexed twice. Undefined when it does not parse, or starts with a lone word.
 */
function parsedWhole(lines: readonly string[]): { module: Module; words: number[] } | undefined {
  let module: Module;
  try {
    module = parse(lines.join('\n'));
  } catch (e) {
    if (e instanceof SpecError) return undefined;
    throw e;
  }
  if (!module.body.some(isWord)) return { module, words: [] };
  if (isWord(module.body[0]!) || module.body.some((s) => isWord(s) && lines[s.line - 1]!.trim() !== (s as { value: { id: string } }).value.id)) return undefined;
  return { module: { body: module.body.filter((s) => !isWord(s)) }, words: module.body.filter(isWord).map((s) => s.line) };
}

/** A setting typed outside the code: sizes, a tuple or a bool; a bare name only for `model=`. */
function parseBinding(piece: string): Binding | undefined {
  const m = BINDING.exec(piece);
  if (!m) return undefined;
  const [, name, text] = m as unknown as [string, string, string];
  if (/^[A-Za-z_]\w*$/.test(text) && !/^(true|false)$/i.test(text) && name !== 'model') return undefined;
  return { name, text };
}

/** Leading `key=value` settings and `--flags` of a line, and the code after them. */
function takeSettings(line: string, into: Binding[]): { rest: string; taken: string } {
  let rest = line;
  const taken: string[] = [];
  for (;;) {
    const m = /^\s*(\S+)(?=\s|$)/.exec(rest);
    if (!m) break;
    // a tuple value may hold spaces: input_size=(1, 1, 28, 28)
    const tuple = /^\s*([A-Za-z_]\w*=\([^)]*\))/.exec(rest);
    const spaced = tuple !== null && parseBinding(m[1]!) === undefined;
    const piece = spaced ? tuple[1]!.replace(/\s+/g, '') : m[1]!;
    const binding = parseBinding(piece);
    if (binding) into.push(binding);
    else if (!FLAG.test(piece) && !(/^--(framework|fw|lang)$/i.test(taken[taken.length - 1] ?? '') && /^[\w-]+$/.test(piece))) break;
    taken.push(piece);
    rest = rest.slice(spaced ? tuple[0].length : m[0].length);
  }
  // the code after them starts the line (`in=4 import torch` is `import torch`, not indented)
  return { rest: taken.length === 0 ? line : rest.trimStart(), taken: taken.join(' ') };
}

/**
 * A top-level logical line that cannot be Python: two values side by side with no operator
 * (`Here is my model`, `1. Conv layer`), characters Python has no use for outside strings
 * (`?`, `!`, full-width punctuation), or a bare word (no effect in Python either).
 */
function isProse(line: LogicalLine): boolean {
  const tokens = line.tokens;
  if (tokens.some((t) => t.k === 'error')) return true;
  if (tokens.length === 1 && tokens[0]!.k === 'name' && !KEYWORDS.has(tokens[0]!.v)) return true;
  const first = tokens[0]!;
  if (first.k === 'op' && (first.v === '*' || first.v === '**') && tokens.length > 1) return true;
  if (first.k === 'op' && first.v === ':') return true;
  for (let i = 0; i + 1 < tokens.length; i++) if (endsValue(tokens[i]!) && startsValue(tokens[i + 1]!)) return true;
  const last = tokens[tokens.length - 1]!;
  if (last.k === 'op' && last.v === ':' && !(first.k === 'name' && KEYWORDS.has(first.v))) return true;
  return false;
}

const SOFT = new Set(['print', 'match', 'case', 'type', 'exec']);
const endsValue = (t: Token) => (t.k === 'name' && !KEYWORDS.has(t.v) && !SOFT.has(t.v)) || t.k === 'number' || t.k === 'string' || (t.k === 'op' && (t.v === ')' || t.v === ']' || t.v === '}'));
const startsValue = (t: Token) => (t.k === 'name' && !KEYWORDS.has(t.v)) || t.k === 'number';
