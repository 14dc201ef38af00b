/**
 * Text to the AST of ast.ts. A hand-written scanner: words are runs of anything but spaces and
 * the few characters with a meaning of their own (`> → ; newline { } | #`), so every spec that
 * was valid before groups and defs existed reads exactly as it did. Conditions and def headers
 * are read raw up to their `{` (a condition may compare with `>`). Nesting is bounded.
 */
import { fail } from '../errors.js';
import { LIMITS } from '../limits.js';
import { isClassName, MERGE_WORDS, type Def, type Item, type MergeWord, type Param, type Program, type Term } from './ast.js';

/** Deepest nesting of braces (groups, branches, defs, ifs) accepted. */
export const MAX_DEPTH = LIMITS.nesting;

const SEPARATORS = new Set(['>', '→', ';', '\n']);
const STRUCTURAL = new Set(['{', '}', '|', '#']);
/**
 * Whether a character ends a word: a space, a separator or a structural character. The scanner
 * reads words and blanks by character codes: sticky regexes made a match array for each of the
 * thousands of words a long spec has, and took half of parsing it.
 */
function endsWord(c: number): boolean {
  // space \t \r > → ; \n { } | #
  return c === 32 || c === 9 || c === 13 || c === 62 || c === 0x2192 || c === 59 || c === 10 || c === 123 || c === 125 || c === 124 || c === 35;
}
/** A name, or a dotted path of names standing for nested modules as PyTorch prints them (`features.1:`). */
/** A name before a colon; `-` and `$` within a part (RegNet's `block1-$`, see Node's repeat). */
const LABEL = /^([A-Za-z0-9_][A-Za-z0-9_$-]*(?:\.[A-Za-z0-9_$-]+)*):$/;
const NAME = /^[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*$/;

class Scanner {
  private at = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  program(): Program {
    const defs: Def[] = [];
    const items = this.chain(new Set(), defs);
    return { defs, items };
  }

  /** Items up to (not including) one of `closers`, or the end. Defs are collected where allowed. */
  private chain(closers: ReadonlySet<string>, defs: Def[] | undefined): Item[] {
    const items: Item[] = [];
    for (;;) {
      this.blank();
      const c = this.peek();
      if (c === undefined || closers.has(c)) return items;
      if (SEPARATORS.has(c)) {
        this.at++;
        continue;
      }
      if (c === '}' || c === '|') fail('err.langStray', { token: c });
      const start = this.at;
      const first = this.word();
      if (first === 'def') {
        if (defs === undefined) fail('err.defPlace');
        defs.push(this.def(start));
      } else {
        items.push(this.item(first));
      }
      this.blank();
      const next = this.peek();
      if (next !== undefined && !SEPARATORS.has(next) && !closers.has(next)) {
        if (next === '}' || next === '|' || next === '{') fail('err.langStray', { token: next });
        fail('err.langExpectedSeparator', { token: this.peekWord() || next });
      }
    }
  }

  private item(first: string): Item {
    let label: string | undefined;
    let word = first;
    // Only a word ending in a colon can be a label: most words are tested no further.
    const m = word.endsWith(':') ? LABEL.exec(word) : null;
    if (m) {
      label = m[1]!;
      this.blank();
      word = this.word();
      if (word === '' && this.peek() !== '{') fail('err.labelAlone', { label });
    } else if (word.endsWith(':')) {
      fail('err.labelBad', { token: word });
    }
    const term = this.term(word);
    // A layer's words run to the separator, so only braces and references can carry `xN`.
    if (term.t === 'words') return { label, term, repeat: undefined, options: [] };
    const repeat = this.repeat();
    const options = this.postfixOptions();
    // A name, a copy or an option would make a section a module: it only heads rows of the table.
    if (term.t === 'section' && (label !== undefined || repeat !== undefined || options.length > 0)) fail('err.sectionBare', { title: term.title });
    return { label, term, repeat, options };
  }

  private term(word: string): Term {
    if (word === '') {
      if (this.peek() === '{') return { t: 'group', body: this.braced(() => this.chain(new Set(['}']), undefined)) };
      fail('err.langStray', { token: this.peek() ?? '' });
    }
    if (word.startsWith('@')) {
      const name = word.slice(1);
      if (!NAME.test(name)) fail('err.refBad', { token: word });
      return { t: 'ref', name };
    }
    const lower = word.toLowerCase();
    if ((MERGE_WORDS as readonly string[]).includes(lower)) {
      this.blank();
      if (this.peek() !== '{') fail('err.mergeBrace', { word: lower });
      return { t: 'merge', word: lower as MergeWord, branches: this.braced(() => this.branches()) };
    }
    if (lower === 'side') {
      this.blank();
      if (this.peek() !== '{') fail('err.mergeBrace', { word: lower });
      return { t: 'side', body: this.braced(() => this.chain(new Set(['}']), undefined)) };
    }
    if (lower === 'if') return this.conditional();
    if (lower === 'section') return this.section();
    if (lower === 'else') fail('err.elseAlone');
    const words = [word];
    for (;;) {
      this.blank();
      const c = this.peek();
      if (c === undefined || SEPARATORS.has(c) || STRUCTURAL.has(c)) break;
      words.push(this.word());
    }
    if (this.peek() === '{') fail('err.langStray', { token: `${words.join(' ')} {` });
    return { t: 'words', words };
  }

  private branches(): Item[][] {
    const out: Item[][] = [this.chain(new Set(['}', '|']), undefined)];
    while (this.peek() === '|') {
      this.at++;
      out.push(this.chain(new Set(['}', '|']), undefined));
    }
    return out;
  }

  private conditional(): Term {
    const condition = this.rawUntilBrace('if');
    const then = this.braced(() => this.chain(new Set(['}']), undefined));
    // `else` may follow on the next line.
    const save = this.at;
    this.blankLines();
    let otherwise: Item[] = [];
    if (this.text.startsWith('else', this.at) && !/[\w-]/.test(this.text[this.at + 4] ?? '')) {
      this.at += 4;
      this.blank();
      if (this.peek() !== '{') fail('err.mergeBrace', { word: 'else' });
      otherwise = this.braced(() => this.chain(new Set(['}']), undefined));
    } else {
      this.at = save;
    }
    return { t: 'if', condition, then, otherwise };
  }

  /** `section TITLE { chain }`: the title is read raw up to its brace, so it may hold spaces (`normal cell 1`). */
  private section(): Term {
    const title = this.rawUntilBrace('section').replace(/\s+/g, ' ');
    if (title === '') fail('err.sectionTitle');
    return { t: 'section', title, body: this.braced(() => this.chain(new Set(['}']), undefined)) };
  }

  private def(start: number): Def {
    const header = this.rawUntilBrace('def');
    // A default may hold parentheses (`n=(c+4)//8*8`); expressions have no commas, so commas split the parameters.
    const m = /^([A-Za-z_][A-Za-z0-9_-]*)\s*\((.*)\)(?:\s+class=(\S*))?$/.exec(header);
    if (!m) fail('err.defSyntax', { token: `def ${header}` });
    const params: Param[] = [];
    for (const part of m[2]!
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== '')) {
      const eq = part.indexOf('=');
      const name = (eq < 0 ? part : part.slice(0, eq)).trim();
      if (!/^[A-Za-z_]\w*$/.test(name)) fail('err.defParam', { token: part, def: m[1]! });
      if (params.some((p) => p.name === name)) fail('err.defParamTwice', { name, def: m[1]! });
      params.push({ name, fallback: eq < 0 ? undefined : part.slice(eq + 1).trim() });
    }
    const body = this.braced(() => this.chain(new Set(['}']), undefined));
    if (m[3] !== undefined && !isClassName(m[3])) fail('err.className', { token: m[3] });
    const className = m[3];
    return { name: m[1]!.toLowerCase(), className, params, body, text: this.text.slice(this.commentsBefore(start), this.at).trim() };
  }

  /** Where the comment lines right above `at` begin: a def's text includes what is written about it. */
  private commentsBefore(at: number): number {
    let start = this.text.lastIndexOf('\n', at - 1) + 1;
    for (;;) {
      const end = start - 1;
      if (end <= 0) return start;
      const lineStart = this.text.lastIndexOf('\n', end - 1) + 1;
      if (!this.text.slice(lineStart, end).trimStart().startsWith('#')) return start;
      start = lineStart;
    }
  }

  /** `{ ... }` around `inner`, with the nesting bound. */
  private braced<T>(inner: () => T): T {
    this.blank();
    if (this.peek() !== '{') fail('err.mergeBrace', { word: this.peekWord() || '?' });
    this.at++;
    if (++this.depth > MAX_DEPTH) fail('err.langDepth', { max: String(MAX_DEPTH) });
    const result = inner();
    this.blank();
    if (this.peek() !== '}') fail('err.langUnclosed');
    this.at++;
    this.depth--;
    return result;
  }

  /** `x12`, `×12`, `*12`, `x n-1` after a closing brace or a reference. */
  private repeat(): string | undefined {
    this.blank();
    const c = this.peek();
    if (c !== 'x' && c !== '×' && c !== '*') return undefined;
    this.at++;
    this.blank();
    const count = this.word();
    if (count === '') fail('err.repeatBad', { token: c });
    return count;
  }

  private postfixOptions(): string[] {
    const out: string[] = [];
    for (;;) {
      this.blank();
      const w = this.peekWord();
      if (w === '' || !w.includes('=')) return out;
      out.push(this.word());
    }
  }

  private rawUntilBrace(what: string): string {
    const start = this.at;
    let parens = 0;
    while (this.at < this.text.length) {
      const c = this.text[this.at]!;
      if (c === '(') parens++;
      if (c === ')') parens--;
      if (c === '{' && parens <= 0) return this.text.slice(start, this.at).trim();
      if (c === '}' || c === '\n' || c === '#') break;
      this.at++;
    }
    return fail('err.mergeBrace', { word: `${what} ${this.text.slice(start, this.at).trim()}`.trim() });
  }

  private peek(): string | undefined {
    return this.text[this.at];
  }

  /** Spaces and comments, not newlines (they separate items). */
  private blank(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.at);
      if (c === 32 || c === 9 || c === 13) {
        this.at++;
      } else if (c === 35) {
        const end = this.text.indexOf('\n', this.at);
        this.at = end < 0 ? this.text.length : end;
      } else {
        return;
      }
    }
  }

  private blankLines(): void {
    for (;;) {
      this.blank();
      if (this.peek() !== '\n') return;
      this.at++;
    }
  }

  /** The word where the scanner is ('' when none starts there). */
  private word(): string {
    const start = this.at;
    while (this.at < this.text.length && !endsWord(this.text.charCodeAt(this.at))) this.at++;
    return this.text.slice(start, this.at);
  }

  private peekWord(): string {
    const save = this.at;
    const w = this.word();
    this.at = save;
    return w;
  }
}

export function parseProgram(text: string): Program {
  return new Scanner(text).program();
}
