/**
 * What a student pastes is rarely only code: a Markdown fence (```python ... ```), a sentence
 * before it ("here is my model, why 61706?"), REPL prompts, and the reader's own settings in front
 * (`num_classes=10 in=1x28x28`). This keeps the code lines where they were (so a refusal names the
 * line the student sees), blanks everything else, and hands the settings over as bindings.
 */
import { KEYWORDS, scanLines, type LogicalLine, type Token } from './lexer.js';

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
}

/** Languages of fenced blocks that are code to read; other fences (```text, ```console) are output. */
const PYTHON_FENCES = new Set(['', 'python', 'py', 'python3', 'py3', 'pytorch', 'torch', 'keras', 'ipython', 'pycon', 'tensorflow', 'tf']);
const FENCE = /^\s*(```+|~~~+)\s*([\w+-]*)\s*$/;
/** `key=value` as typed before the code: no spaces around `=`, a value of sizes, a tuple, a bool or a name. */
const BINDING = /^([A-Za-z_]\w*)=(\d+(?:[xX×*]\d+)*|\d+\.\d*|\.\d+|\(\s*\d+(?:\s*,\s*\d+)*\s*,?\s*\)|\[\s*\d+(?:\s*,\s*\d+)*\s*\]|[Tt]rue|[Ff]alse|[A-Za-z_]\w*)$/;
const FLAG = /^--[A-Za-z-]+(?:=\S+)?$/;

export function extractSource(text: string): Source {
  const physical = text.replace(/\r\n?/g, '\n').split('\n');
  const keep: boolean[] = physical.map(() => false);
  const fenced = physical.some((l) => FENCE.test(l));
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
  } else {
    physical.forEach((_, i) => (keep[i] = true));
  }

  // REPL prompts: `>>> x = 1` and `... y`, as copied from a Python session
  const lines = physical.map((l, i) => (keep[i] && /^(>>>|\.\.\.)( |$)/.test(l) ? l.slice(4) : l));
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

  const code = lines.map((l, i) => (keep[i] ? l : '')).join('\n');
  const prose = new Set<number>();
  for (const logical of scanLines(code)) if (!logical.indented && isProse(logical)) for (let l = logical.first; l <= logical.last; l++) prose.add(l);
  const finalLines = lines.map((l, i) => (keep[i] && !prose.has(i + 1) ? l : ''));
  physical.forEach((l, i) => {
    if (finalLines[i] === '' && l.trim() !== '') {
      outsideParts.push(l);
      for (const token of l.trim().split(/\s+/)) {
        const b = parseBinding(token);
        if (b && !bindings.some((x) => x.name === b.name)) bindings.push(b);
      }
    }
  });
  const start = Math.max(0, finalLines.findIndex((l) => l.trim() !== ''));
  const codeLines = finalLines.slice(start);
  return { code: codeLines.join('\n'), lines: codeLines, bindings, outside: outsideParts.join('\n'), hasCode: codeLines.some((l) => l.trim() !== '') };
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
  return { rest: taken.length === 0 ? line : ' '.repeat(line.length - rest.length) + rest, taken: taken.join(' ') };
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
