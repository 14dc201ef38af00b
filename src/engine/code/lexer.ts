/**
 * Python tokens with indentation (INDENT/DEDENT), implicit line joining inside brackets and
 * backslash continuations, as the Python reference describes lexical analysis. Every token keeps
 * its line, so every refusal can name the line the student sees.
 *
 * `scan` is the tolerant twin used to tell code from prose: it never fails, marks what Python
 * could not read as `error` tokens, and groups tokens by logical line.
 */
import { CodeError, excerpt } from './errors.js';
import { LIMITS, limitMessage } from './limits.js';
import { msg, type MessageRef } from '../../i18n/messages.js';

export type TokenKind = 'name' | 'number' | 'string' | 'fstring' | 'op' | 'newline' | 'indent' | 'dedent' | 'end' | 'error';

/** A piece of an f-string: literal text, or an expression with its (ignored) format spec. */
/** A piece of an f-string: literal text, or `{code!conv:spec}` (conv and spec as written, '' when absent). */
export type FPart = string | { readonly code: string; readonly line: number; readonly conv: '' | 'r' | 's' | 'a'; readonly spec: string };

export interface Token {
  readonly k: TokenKind;
  /** Names and operators as written; numbers as written; strings decoded. */
  readonly v: string;
  readonly line: number;
  /** f-strings only. */
  readonly parts?: readonly FPart[];
}

export const KEYWORDS: ReadonlySet<string> = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

const NAME = /[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*/uy;
const NUMBER = /(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?)[jJ]?/y;
const STRING_START = /([rRbBuUfF]{0,2})('''|"""|'|")/y;
const OPERATORS: ReadonlySet<string> = new Set(['**=', '//=', '>>=', '<<=', '...', '->', '**', '//', '<<', '>>', '<=', '>=', '==', '!=', ':=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=']);
/** Characters that may start an operator of two or three characters. */
const OPERATOR_START = new Set('*/<>.-=!:+%&|^@'.split(''));

/** Characters that may follow the first of such an operator. */
const OPERATOR_NEXT = new Set('*/<>.=-'.split(''));

/** The longest operator of two or three characters at `i`, if any. */
function operatorAt(src: string, i: number): string | undefined {
  if (!OPERATOR_START.has(src[i]!) || !OPERATOR_NEXT.has(src[i + 1] ?? '')) return undefined;
  const three = src.substr(i, 3);
  if (OPERATORS.has(three)) return three;
  const two = three.slice(0, 2);
  return OPERATORS.has(two) ? two : undefined;
}
const STRING_PREFIX = /^(r|u|f|b|rb|br|fr|rf)$/i;
const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAsciiWord = (c: number) => isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 95;
const SINGLE = new Set('+-*/%@&|^~<>()[]{},:;.='.split(''));
const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set([')', ']', '}']);

class Lexer {
  private pos = 0;
  private line = 1;
  private out: Token[] = [];
  private readonly brackets: Array<{ readonly char: string; readonly line: number }> = [];
  private readonly indents: number[] = [0];
  private atLineStart = true;
  /** Set when a logical line's newline is pushed (pull() stops there). */
  private lineDone = false;
  private finished = false;

  constructor(
    private readonly src: string,
    private readonly lines: readonly string[],
    private readonly tolerant: boolean,
    /** Given each logical line's tokens (its newline last) as it ends, instead of keeping them all; `false` stops the lexer. */
    private readonly onLine?: (tokens: readonly Token[]) => boolean,
  ) {}

  /** Set when onLine asked to stop: run() reads no further. */
  private stopped = false;

  private fail(ref: MessageRef, line = this.line): never {
    throw new CodeError(line, ref, excerpt(this.lines[line - 1] ?? ''));
  }

  /**
   * The operator tokens of the current line, made once each: tokens are read-only, and a long
   * logical line (a Sequential of a thousand layers) repeats `(`, `,`, `.` and `)` thousands of
   * times. One map for the whole text, a token replaced when met on another line: a map cleared
   * at every line allocated a new table each time.
   */
  private readonly operators = new Map<string, Token>();

  private operator(v: string): Token {
    let t = this.operators.get(v);
    if (t === undefined || t.line !== this.line) {
      t = { k: 'op', v, line: this.line };
      this.operators.set(v, t);
    }
    return t;
  }

  private push(k: TokenKind, v: string, line = this.line, parts?: readonly FPart[]): void {
    this.out.push(parts ? { k, v, line, parts } : k === 'op' && line === this.line ? this.operator(v) : { k, v, line });
    if (k === 'newline') this.lineDone = true;
    if (this.onLine !== undefined && (k === 'newline' || k === 'end')) {
      if (this.onLine(this.out) === false) this.stopped = true;
      this.out = []; // the line's tokens die young: a 100 KB paste is not held twice
    }
  }

  run(): Token[] {
    while (!this.stopped && this.pos < this.src.length) this.advance();
    if (!this.stopped) this.finish();
    return this.out;
  }

  /**
   * The tokens up to the end of the next logical line (its newline included; at the end of the
   * text, the closing dedents and `end`), then nothing: the parser reads a paste a line at a
   * time, so the tokens of a 100 KB paste are never all alive at once.
   */
  pull(): Token[] {
    this.lineDone = false;
    while (!this.lineDone && this.pos < this.src.length) this.advance();
    if (!this.lineDone && !this.finished) this.finish();
    const out = this.out;
    this.out = [];
    return out;
  }

  /** One step: a line's indentation, a newline, blanks, a comment, a continuation or a token. */
  private advance(): void {
    const src = this.src;
    if (this.atLineStart && this.brackets.length === 0) {
      if (this.indentation()) return;
    }
    const c = src[this.pos]!;
    if (c === '\n') {
      // The prose filter reads a line at column 0 as a new statement even inside an unclosed
      // bracket, so a stray `(` in a sentence cannot swallow the code after it.
      if (this.tolerant && this.brackets.length > 0 && /[^\s)\]}]/.test(src[this.pos + 1] ?? ' ')) this.brackets.length = 0;
      if (this.brackets.length === 0 && !this.atLineStart) this.push('newline', '');
      this.atLineStart = this.brackets.length === 0;
      this.pos++;
      this.line++;
      return;
    }
    if (c === ' ' || c === '\t' || c === '\f' || c === '\r') {
      this.pos++;
      return;
    }
    if (c === '#') {
      const end = src.indexOf('\n', this.pos);
      this.pos = end < 0 ? src.length : end;
      return;
    }
    if (c === '\\' && (src[this.pos + 1] === '\n' || (src[this.pos + 1] === '\r' && src[this.pos + 2] === '\n'))) {
      this.pos += src[this.pos + 1] === '\n' ? 2 : 3;
      this.line++;
      return;
    }
    this.token();
  }

  private finish(): void {
    this.finished = true;
    if (!this.tolerant) {
      const open = this.brackets[this.brackets.length - 1];
      if (open) this.fail(msg('code.unclosed', { bracket: open.char, line: String(open.line) }), open.line);
    }
    if (!this.atLineStart) this.push('newline', '');
    if (!this.tolerant) for (let i = this.indents.length; i > 1; i--) this.push('dedent', '');
    this.push('end', '');
  }

  /** At the start of a logical line: measures its indentation; true when the line was blank. */
  private indentation(): boolean {
    const src = this.src;
    let col = 0;
    let p = this.pos;
    for (;;) {
      const c = src[p];
      if (c === ' ') col++;
      else if (c === '\t') col = (Math.floor(col / 8) + 1) * 8;
      else if (c === '\f' || c === '\r') col = 0;
      else break;
      p++;
    }
    const c = src[p];
    if (c === undefined || c === '\n' || c === '#') {
      // blank or comment-only lines do not change the indentation
      const end = src.indexOf('\n', p);
      this.pos = end < 0 ? src.length : end + 1;
      if (end >= 0) this.line++;
      return true;
    }
    if (c === '\\' && src[p + 1] === '\n') {
      this.pos = p;
      this.atLineStart = false;
      return false;
    }
    this.pos = p;
    this.atLineStart = false;
    if (this.tolerant) return false;
    const top = this.indents[this.indents.length - 1]!;
    if (col > top) {
      if (this.indents.length > LIMITS.blocks) this.fail(limitMessage('blocks'));
      this.indents.push(col);
      this.push('indent', '');
    } else if (col < top) {
      while (col < this.indents[this.indents.length - 1]!) {
        this.indents.pop();
        this.push('dedent', '');
      }
      if (col !== this.indents[this.indents.length - 1]) this.fail(msg('code.dedent'));
    }
    return false;
  }

  private token(): void {
    const src = this.src;
    const start = this.pos;
    const c = src[start]!;
    const code = src.charCodeAt(start);

    if (code === 39 || code === 34) {
      // ' or "
      const triple = src.startsWith(c.repeat(3), start);
      this.string('', triple ? c.repeat(3) : c, start + (triple ? 3 : 1));
      return;
    }
    if (isAsciiLetter(code) || code === 95 || code > 127) {
      let end = start + 1;
      while (end < src.length && isAsciiWord(src.charCodeAt(end))) end++;
      if (code > 127 || (end < src.length && src.charCodeAt(end) > 127)) {
        // a name with letters beyond ASCII (中文 names are Python identifiers too)
        NAME.lastIndex = start;
        const name = NAME.exec(src);
        if (!name) return this.tolerant ? this.errorToken(c) : this.fail(msg('code.badChar', { char: c }));
        end = start + name[0].length;
      }
      const word = src.slice(start, end);
      const next = src.charCodeAt(end);
      if ((next === 39 || next === 34) && end - start <= 2 && STRING_PREFIX.test(word)) {
        STRING_START.lastIndex = start;
        const quote = STRING_START.exec(src)!;
        this.string(word.toLowerCase(), quote[2]!, start + quote[0].length);
        return;
      }
      this.push('name', word);
      this.pos = end;
      return;
    }
    if (code >= 48 && code <= 57) {
      // the common case, a plain decimal integer (`64`, `0`), without the regular expression
      let end = start + 1;
      while (end < src.length && isDigit(src.charCodeAt(end))) end++;
      const after = src.charCodeAt(end);
      if (!isAsciiWord(after) && after !== 46 && (end - start === 1 || code !== 48)) {
        this.push('number', src.slice(start, end));
        this.pos = end;
        return;
      }
    }
    if ((code >= 48 && code <= 57) || (code === 46 && isDigit(src.charCodeAt(start + 1)))) {
      NUMBER.lastIndex = start;
      const m = NUMBER.exec(src)!;
      this.push('number', m[0]);
      this.pos += m[0].length;
      return;
    }
    const op = operatorAt(src, start);
    if (op !== undefined) {
      this.push('op', op);
      this.pos += op.length;
      return;
    }
    if (SINGLE.has(c)) {
      if (c in OPENERS) {
        // the prose filter keeps counting (it does not recurse); the parser refuses the depth by name
        if (this.brackets.length >= LIMITS.nesting && !this.tolerant) this.fail(limitMessage('nesting'));
        this.brackets.push({ char: c, line: this.line });
      } else if (CLOSERS.has(c)) {
        const open = this.brackets.pop();
        if (!this.tolerant && (open === undefined || OPENERS[open.char] !== c)) {
          this.fail(open === undefined ? msg('code.unopened', { bracket: c }) : msg('code.mismatched', { bracket: c, open: open.char, line: String(open.line) }));
        }
      }
      this.push('op', c);
      this.pos++;
      return;
    }
    if (this.tolerant) return this.errorToken(c);
    this.fail(msg('code.badChar', { char: c }));
  }

  private errorToken(c: string): void {
    this.push('error', c);
    this.pos += c.length > 0 ? c.length : 1;
  }

  /** A string literal from after its opening quote; f-strings keep their pieces for the parser. */
  private string(prefix: string, quote: string, from: number): void {
    const src = this.src;
    const triple = quote.length === 3;
    const raw = prefix.includes('r');
    const startLine = this.line;
    let p = from;
    let body = '';
    for (;;) {
      const ch = src[p];
      if (ch === undefined || (!triple && ch === '\n')) {
        if (this.tolerant) {
          this.pos = p;
          this.push('error', quote, startLine);
          return;
        }
        this.fail(msg('code.unterminated'), startLine);
      }
      if (ch === '\\') {
        const next = src[p + 1] ?? '';
        if (next === '\n') this.line++;
        body += src.slice(p, p + 2);
        p += 2;
        continue;
      }
      if (src.startsWith(quote, p)) break;
      if (ch === '\n') this.line++;
      body += ch;
      p++;
    }
    this.pos = p + quote.length;
    if (body.length > LIMITS.items && !this.tolerant) this.fail(limitMessage('items'), startLine);
    if (prefix.includes('f')) {
      this.push('fstring', '', startLine, this.fparts(body, raw, startLine));
      return;
    }
    this.push('string', raw ? body : unescapePython(body), startLine);
  }

  /** Splits an f-string body into literal text and `{expression}` pieces. */
  private fparts(body: string, raw: boolean, line: number): FPart[] {
    const parts: FPart[] = [];
    let text = '';
    let i = 0;
    while (i < body.length) {
      const ch = body[i]!;
      if (ch === '{' && body[i + 1] === '{') {
        text += '{';
        i += 2;
      } else if (ch === '}' && body[i + 1] === '}') {
        text += '}';
        i += 2;
      } else if (ch === '{') {
        if (text) parts.push(raw ? text : unescapePython(text));
        text = '';
        let depth = 0;
        let j = i + 1;
        let end = -1;
        let inString: string | null = null;
        for (; j < body.length; j++) {
          const d = body[j]!;
          if (inString) {
            if (d === inString) inString = null;
            continue;
          }
          if (d === "'" || d === '"') inString = d;
          else if (d === '(' || d === '[' || d === '{') depth++;
          else if (d === ')' || d === ']' || (d === '}' && depth > 0)) depth--;
          else if (depth === 0 && (d === '}' || d === ':' || (d === '!' && body[j + 1] !== '='))) {
            end = j;
            break;
          }
        }
        if (end < 0) {
          if (this.tolerant) return parts;
          this.fail(msg('code.fstring'), line);
        }
        const close = body.indexOf('}', end);
        if (close < 0) {
          if (this.tolerant) return parts;
          this.fail(msg('code.fstring'), line);
        }
        // `{x!r:>8}`: a conversion, then a format spec (a spec with fields of its own is refused where it is used)
        const conv = body[end] === '!' ? (body[end + 1] ?? '') : '';
        const colon = body[end] === ':' ? end : body.indexOf(':', end);
        const spec = colon >= 0 && colon < close ? body.slice(colon + 1, close) : '';
        if (conv !== '' && conv !== 'r' && conv !== 's' && conv !== 'a') {
          if (this.tolerant) return parts;
          this.fail(msg('code.fstring'), line);
        }
        parts.push({ code: body.slice(i + 1, end), line, conv: conv as '' | 'r' | 's' | 'a', spec });
        i = close + 1;
      } else {
        text += ch;
        i++;
      }
    }
    if (text) parts.push(raw ? text : unescapePython(text));
    return parts;
  }
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };

function unescapePython(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[\s\S])/g, (all, e: string) => {
    if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? all;
  });
}

/** Tokens of a whole paste; refuses (naming the line) what Python could not tokenize. */
export function tokenize(src: string, lines: readonly string[] = src.split('\n')): Token[] {
  return new Lexer(src, lines, false).run();
}

/** The same tokens a logical line at a time (each call the next line's; [] after `end`). */
export function tokenStream(src: string, lines: readonly string[] = src.split('\n')): () => Token[] {
  const lexer = new Lexer(src, lines, false);
  return () => lexer.pull();
}

/** One logical line as the prose filter sees it. */
export interface LogicalLine {
  readonly first: number;
  readonly last: number;
  /** Column of the first token: 0 for a top-level statement. */
  readonly indented: boolean;
  readonly tokens: readonly Token[];
}

/** Tolerant tokens, one logical line at a time: never fails. `visit` returns false to stop the scan there. */
export function scanLines(src: string, visit: (line: LogicalLine) => boolean): void {
  const lines = src.split('\n');
  const lexer = new Lexer(src, lines, true, (tokens) => {
    const end = tokens[tokens.length - 1]!;
    if (tokens.length === 1) return true;
    const current = tokens.slice(0, -1);
    const first = current[0]!.line;
    const text = lines[first - 1] ?? '';
    const last = end.k === 'newline' ? Math.max(end.line, current[current.length - 1]!.line) : current[current.length - 1]!.line;
    return visit({ first, last, indented: text.charCodeAt(0) === 32 || text.charCodeAt(0) === 9, tokens: current });
  });
  lexer.run();
}
