/**
 * Recursive-descent parser for the Python subset, following the precedence of Python's grammar.
 * Nesting is bounded (brackets by the lexer, LIMITS.nesting; the parser's own recursion by
 * LIMITS.depth) so no paste can exhaust the stack: 2,500 nested brackets are one clear refusal, not a crash. Constructs the reader does not run (async, yield, :=, match) are
 * refused here, with their line, before anything is evaluated.
 */
import type { Arg, BinOp, CompareOp, DictItem, Expr, FunctionDef, Generator, Handler, Module, Param, Params, Stmt, FormattedValue } from './ast.js';
import { CodeError, excerpt } from './errors.js';
import { KEYWORDS, tokenize, tokenStream, type FPart, type Token } from './lexer.js';
import { LIMITS, limitMessage } from './limits.js';
import { collectLocals } from './scope.js';
import { msg, type MessageRef } from '../../i18n/messages.js';

const AUGMENTED: Readonly<Record<string, BinOp>> = {
  '+=': '+',
  '-=': '-',
  '*=': '*',
  '/=': '/',
  '//=': '//',
  '%=': '%',
  '**=': '**',
  '@=': '@',
  '<<=': '<<',
  '>>=': '>>',
  '&=': '&',
  '|=': '|',
  '^=': '^',
};
/** Binary operators by precedence, loosest first (Python's grammar: bitwise or ... term). */
const BINARY: ReadonlyMap<string, number> = new Map([
  ['|', 1],
  ['^', 2],
  ['&', 3],
  ['<<', 4],
  ['>>', 4],
  ['+', 5],
  ['-', 5],
  ['*', 6],
  ['/', 6],
  ['//', 6],
  ['%', 6],
  ['@', 6],
]);
/** Tokens after which an expression cannot go on. */
const EXPRESSION_ENDS: ReadonlySet<string> = new Set([',', ')', ']', '}', '=', ':', ';', '->']);
const COMPARE = new Set(['<', '>', '<=', '>=', '==', '!=']);
const UNSUPPORTED = new Set(['async', 'await', 'yield']);

/** The integers below 1,000 as shared bigints: a paste's numbers are mostly these. */
const SMALL_INTS = new Map<string, bigint>();
function smallInt(text: string): bigint {
  let n = SMALL_INTS.get(text);
  if (n === undefined) SMALL_INTS.set(text, (n = BigInt(text)));
  return n;
}

/**
 * A decimal integer without underscores, made once: a regular expression literal is a new object
 * each time it is evaluated, one per number read (2,000 for a thousand pasted nn.Linear(16, 16)).
 */
const PLAIN_INT = /^[1-9]\d*$|^0$/;

/** The nodes shared on one line (Parser.leaf): names by their text, constants by their value. */
/** What a name (its id) or a constant (its value) is found by among the leaves already made. */
type LeafKey = string | bigint | number | boolean | null;

class Parser {
  private i = 0;
  private depth = 0;
  /** The tokens read and not yet released; window[0] is token number `base`. */
  private window: Token[];
  private base = 0;

  constructor(
    tokens: readonly Token[],
    private readonly lines: readonly string[],
    /** False for the prelude: its nodes carry line 0, so errors name the student's line instead. */
    private readonly located: boolean,
    /** More tokens, a logical line at a time ([] at the end); none when `tokens` are all. */
    private readonly more: (() => Token[]) | null = null,
  ) {
    this.window = [...tokens];
  }

  // ── tokens ──
  /** Token number `i`; past the end, the last (`end`). */
  private at(i: number): Token {
    while (i - this.base >= this.window.length) {
      const more = this.more?.() ?? [];
      if (more.length === 0) return this.window[this.window.length - 1]!;
      if (this.i - this.base >= this.window.length) {
        // every token held is behind the current one (the parser never goes back): the new line
        // replaces them uncopied; a copy of a long logical line (a Sequential of a thousand
        // layers) cost 76 KB
        this.base += this.window.length;
        this.window = more;
      } else {
        // joined in one exactly sized copy: pushed one by one, a long logical line grew the
        // window again and again
        this.window = this.window.concat(more);
      }
    }
    return this.window[i - this.base]!;
  }
  /** Forgets the tokens before the current one, at a statement's start (the parser never goes back). */
  private release(): void {
    const k = this.i - this.base;
    if (k < 1024) return;
    this.window = this.window.slice(k);
    this.base = this.i;
  }
  private get tok(): Token {
    return this.at(this.i);
  }
  /** The current token's kind, read afresh (a call is not narrowed by earlier checks). */
  private kind(): Token['k'] {
    return this.at(this.i).k;
  }
  private peek(n = 1): Token {
    return this.at(this.i + n);
  }
  private line(tok: Token = this.tok): number {
    return this.located ? tok.line : 0;
  }
  private is(v: string): boolean {
    const t = this.tok;
    return (t.k === 'op' || t.k === 'name') && t.v === v;
  }
  private accept(v: string): boolean {
    if (this.is(v)) {
      this.i++;
      return true;
    }
    return false;
  }
  private fail(ref: MessageRef, tok: Token = this.tok): never {
    throw new CodeError(tok.line, ref, excerpt(this.lines[tok.line - 1] ?? ''));
  }
  private syntax(expected: string | MessageRef): never {
    const t = this.tok;
    const near =
      t.k === 'newline'
        ? msg('code.endOfLine')
        : t.k === 'end' || t.k === 'dedent'
          ? msg('code.endOfInput')
          : t.k === 'indent'
            ? msg('code.indent')
            : t.k === 'string'
              ? JSON.stringify(t.v).slice(0, 20)
              : t.v;
    if (t.k === 'name' && UNSUPPORTED.has(t.v)) this.fail(msg('code.unsupported', { what: t.v }));
    if (t.k === 'op' && t.v === ':=') this.fail(msg('code.unsupported', { what: ':=' }));
    this.fail(msg('code.syntax', { near, expected }));
  }
  private expect(v: string): void {
    if (!this.accept(v)) this.syntax(`\`${v}\``);
  }
  private name(): string {
    const t = this.tok;
    if (t.k !== 'name' || KEYWORDS.has(t.v)) this.syntax(msg('code.expectName'));
    this.i++;
    return t.v;
  }
  private enter(): void {
    if (++this.depth > LIMITS.depth) this.fail(limitMessage('depth'));
  }
  private leave(): void {
    this.depth--;
  }

  // ── statements ──
  module(): Module {
    const body: Stmt[] = [];
    while (this.kind() !== 'end') {
      this.release();
      if (this.kind() === 'newline') {
        this.i++;
        continue;
      }
      if (this.kind() === 'indent') this.fail(msg('code.unexpectedIndent'));
      body.push(...this.statement());
    }
    return { body };
  }

  private statement(): Stmt[] {
    const t = this.tok;
    if (t.k === 'name') {
      switch (t.v) {
        case 'if':
          return [this.ifStatement()];
        case 'for':
          return [this.forStatement()];
        case 'while':
          return [this.whileStatement()];
        case 'def':
          return [this.defStatement([])];
        case 'class':
          return [this.classStatement([])];
        case 'try':
          return [this.tryStatement()];
        case 'with':
          return [this.withStatement()];
        case 'async':
          this.fail(msg('code.unsupported', { what: 'async' }));
      }
    }
    if (t.k === 'op' && t.v === '@') return [this.decorated()];
    return this.simpleStatements();
  }

  private block(): Stmt[] {
    this.expect(':');
    if (this.kind() !== 'newline') return this.simpleStatements();
    this.i++;
    if (this.kind() !== 'indent') this.syntax(msg('code.expectBlock'));
    this.i++;
    const body: Stmt[] = [];
    while (this.kind() !== 'dedent' && this.kind() !== 'end') {
      this.release();
      if (this.kind() === 'newline') {
        this.i++;
        continue;
      }
      body.push(...this.statement());
    }
    if (this.kind() === 'dedent') this.i++;
    return body;
  }

  private ifStatement(): Stmt {
    const line = this.line();
    this.i++; // if / elif
    const test = this.namedExpression();
    const body = this.block();
    let orelse: Stmt[] = [];
    if (this.is('elif')) orelse = [this.ifStatement()];
    else if (this.accept('else')) orelse = this.block();
    return { t: 'if', line, test, body, orelse };
  }

  private forStatement(): Stmt {
    const line = this.line();
    this.i++;
    const target = this.targetList();
    this.expect('in');
    const iter = this.expressionList();
    const body = this.block();
    const orelse = this.accept('else') ? this.block() : [];
    return { t: 'for', line, target, iter, body, orelse };
  }

  private whileStatement(): Stmt {
    const line = this.line();
    this.i++;
    const test = this.namedExpression();
    const body = this.block();
    const orelse = this.accept('else') ? this.block() : [];
    return { t: 'while', line, test, body, orelse };
  }

  private decorated(): Stmt {
    const decorators: Expr[] = [];
    while (this.accept('@')) {
      decorators.push(this.namedExpression());
      if (this.kind() !== 'newline') this.syntax(msg('code.endOfLine'));
      this.i++;
    }
    if (this.is('def')) return this.defStatement(decorators);
    if (this.is('class')) return this.classStatement(decorators);
    if (this.is('async')) this.fail(msg('code.unsupported', { what: 'async' }));
    return this.syntax('`def` / `class`');
  }

  private defStatement(decorators: Expr[]): Stmt {
    const line = this.line();
    this.i++;
    const name = this.name();
    this.expect('(');
    const params = this.parameters(')');
    this.expect(')');
    if (this.accept('->')) this.expression();
    const body = this.block();
    return { t: 'def', line, fn: this.functionDef(name, line, params, body, decorators) };
  }

  private functionDef(name: string, line: number, params: Params, body: readonly Stmt[] | Expr, decorators: readonly Expr[]): FunctionDef {
    const { locals, globals } = collectLocals(params, body);
    return { name, line, params, body, decorators, locals, globals };
  }

  private parameters(close: string): Params {
    const positional: Param[] = [];
    const keywordOnly: Param[] = [];
    let vararg: string | null = null;
    let kwarg: string | null = null;
    let star = false;
    while (!this.is(close)) {
      if (this.accept('/')) {
        // positional-only marker: the reader binds those parameters the same way
      } else if (this.accept('**')) {
        kwarg = this.name();
        this.annotation(close);
      } else if (this.accept('*')) {
        star = true;
        if (!this.is(',') && !this.is(close)) {
          vararg = this.name();
          this.annotation(close);
        }
      } else {
        const name = this.name();
        this.annotation(close);
        const def = this.accept('=') ? this.expression() : null;
        (star ? keywordOnly : positional).push({ name, default: def });
      }
      if (!this.accept(',')) break;
    }
    return { positional, vararg, keywordOnly, kwarg };
  }

  /** `: type` after a parameter (def only; a lambda's `:` ends its parameters). */
  private annotation(close: string): void {
    if (close === ')' && this.accept(':')) this.expression();
  }

  private classStatement(decorators: Expr[]): Stmt {
    const line = this.line();
    this.i++;
    const name = this.name();
    let bases: Arg[] = [];
    if (this.accept('(')) {
      bases = this.callArguments();
      this.expect(')');
    }
    const body = this.block();
    return { t: 'class', line, name, bases, body, decorators };
  }

  private tryStatement(): Stmt {
    const line = this.line();
    this.i++;
    const body = this.block();
    const handlers: Handler[] = [];
    while (this.is('except')) {
      this.i++;
      let type: Expr | null = null;
      let name: string | null = null;
      if (!this.is(':')) {
        type = this.expression();
        if (this.accept('as')) name = this.name();
      }
      handlers.push({ type, name, body: this.block() });
    }
    const orelse = this.accept('else') ? this.block() : [];
    const final = this.accept('finally') ? this.block() : [];
    if (handlers.length === 0 && final.length === 0) this.syntax('`except` / `finally`');
    return { t: 'try', line, body, handlers, orelse, final };
  }

  private withStatement(): Stmt {
    const line = this.line();
    this.i++;
    const items: Array<{ expr: Expr; as: Expr | null }> = [];
    const paren = this.is('(') && this.parenthesizedWithItems();
    if (paren) this.i++;
    do {
      if (paren && this.is(')')) break;
      const expr = this.expression();
      items.push({ expr, as: this.accept('as') ? this.target() : null });
    } while (this.accept(','));
    if (paren) this.expect(')');
    return { t: 'with', line, items, body: this.block() };
  }

  /** `with (a as b, c):` — told apart from `with (a):` by an `as` inside the parentheses. */
  private parenthesizedWithItems(): boolean {
    let depth = 0;
    let as = false;
    for (let j = this.i; ; j++) {
      const t = this.at(j);
      if (t.k === 'end') return false;
      if (t.k === 'op' && (t.v === '(' || t.v === '[' || t.v === '{')) depth++;
      else if (t.k === 'op' && (t.v === ')' || t.v === ']' || t.v === '}')) {
        depth--;
        if (depth === 0) return as && this.at(j + 1).v === ':';
      } else if (t.k === 'newline') return false;
      else if (t.k === 'name' && t.v === 'as') as = true;
    }
  }

  private simpleStatements(): Stmt[] {
    const out: Stmt[] = [this.simpleStatement()];
    while (this.accept(';')) {
      if (this.kind() === 'newline') break;
      out.push(this.simpleStatement());
    }
    if (this.kind() !== 'newline' && this.kind() !== 'end') this.syntax(msg('code.endOfLine'));
    if (this.kind() === 'newline') this.i++;
    return out;
  }

  private simpleStatement(): Stmt {
    const t = this.tok;
    const line = this.line();
    if (t.k === 'name') {
      switch (t.v) {
        case 'pass':
        case 'break':
        case 'continue':
          this.i++;
          return { t: t.v, line };
        case 'return': {
          this.i++;
          const value = this.endOfSimple() ? null : this.expressionList();
          return { t: 'return', line, value };
        }
        case 'import':
          return this.importStatement();
        case 'from':
          return this.fromStatement();
        case 'raise': {
          this.i++;
          const exc = this.endOfSimple() ? null : this.expression();
          if (this.accept('from')) this.expression();
          return { t: 'raise', line, exc };
        }
        case 'assert': {
          this.i++;
          const test = this.expression();
          const m = this.accept(',') ? this.expression() : null;
          return { t: 'assert', line, test, msg: m };
        }
        case 'del': {
          this.i++;
          const targets: Expr[] = [this.target()];
          while (this.accept(',')) if (!this.endOfSimple()) targets.push(this.target());
          return { t: 'del', line, targets };
        }
        case 'global':
        case 'nonlocal': {
          this.i++;
          const names = [this.name()];
          while (this.accept(',')) names.push(this.name());
          return { t: t.v, line, names };
        }
      }
    }
    const first = this.starExpressions();
    if (this.kind() === 'op') {
      const op = this.tok.v;
      if (op === '=') {
        this.i++;
        this.checkTarget(first);
        let value = this.starExpressions();
        // (arrays built exactly: one grown by push keeps room for 16, in every node of a long paste)
        if (!this.is('=')) return { t: 'assign', line, targets: [first], value };
        const more: Expr[] = [first];
        while (this.accept('=')) {
          this.checkTarget(value);
          more.push(value);
          value = this.starExpressions();
        }
        return { t: 'assign', line, targets: more.slice(), value };
      }
      const aug = AUGMENTED[op];
      if (aug !== undefined) {
        this.i++;
        this.checkTarget(first);
        return { t: 'augassign', line, target: first, op: aug, value: this.starExpressions() };
      }
      if (op === ':') {
        this.i++;
        this.checkTarget(first);
        const annotation = this.expression();
        const value = this.accept('=') ? this.starExpressions() : null;
        return { t: 'annassign', line, target: first, annotation, value };
      }
    }
    return { t: 'expr', line, value: first };
  }

  private endOfSimple(): boolean {
    return this.kind() === 'newline' || this.kind() === 'end' || this.is(';');
  }

  private checkTarget(e: Expr): void {
    switch (e.t) {
      case 'name':
      case 'attr':
      case 'index':
        return;
      case 'tuple':
      case 'list':
        e.items.forEach((x) => this.checkTarget(x.t === 'starred' ? x.value : x));
        return;
      default:
        this.fail(msg('code.badTarget'));
    }
  }

  private dotted(): string {
    let name = this.name();
    while (this.accept('.')) name += `.${this.name()}`;
    return name;
  }

  private importStatement(): Stmt {
    const line = this.line();
    this.i++;
    const names: Array<{ module: string; as: string | null }> = [];
    do {
      const module = this.dotted();
      names.push({ module, as: this.accept('as') ? this.name() : null });
    } while (this.accept(','));
    return { t: 'import', line, names };
  }

  private fromStatement(): Stmt {
    const line = this.line();
    this.i++;
    let module = '';
    while (this.is('.') || this.is('...')) {
      module += this.tok.v;
      this.i++;
    }
    if (!this.is('import')) module += this.dotted();
    this.expect('import');
    if (this.accept('*')) return { t: 'from', line, module, names: '*' };
    const paren = this.accept('(');
    const names: Array<{ name: string; as: string | null }> = [];
    do {
      if (paren && this.is(')')) break;
      const name = this.name();
      names.push({ name, as: this.accept('as') ? this.name() : null });
    } while (this.accept(','));
    if (paren) this.expect(')');
    return { t: 'from', line, module, names };
  }

  // ── expressions ──

  /** An expression list as a tuple when it has a comma (`return a, b`, `for x in a, b`). */
  private expressionList(): Expr {
    return this.starExpressions();
  }

  private starExpressions(): Expr {
    const line = this.line();
    const first = this.starExpression();
    if (!this.is(',')) {
      if (first.t === 'starred') this.fail(msg('code.badStar'));
      return first;
    }
    const items = [first];
    while (this.accept(',')) {
      if (this.endsExpressionList()) break;
      items.push(this.starExpression());
    }
    return { t: 'tuple', line, items: items.slice() };
  }

  private endsExpressionList(): boolean {
    const t = this.tok;
    return t.k === 'newline' || t.k === 'end' || (t.k === 'op' && ['=', ')', ']', '}', ';', ':'].includes(t.v)) || AUGMENTED[t.v] !== undefined || (t.k === 'name' && t.v === 'in');
  }

  private starExpression(): Expr {
    if (this.is('*')) {
      const line = this.line();
      this.i++;
      return { t: 'starred', line, value: this.bitOr() };
    }
    return this.namedExpression();
  }

  /** Target lists of `for` and comprehensions: no `in` comparison inside. */
  private targetList(): Expr {
    const line = this.line();
    const first = this.target();
    if (!this.is(',')) return first;
    const items = [first];
    while (this.accept(',')) {
      if (this.is('in') || this.is('=')) break;
      items.push(this.target());
    }
    return { t: 'tuple', line, items };
  }

  private target(): Expr {
    if (this.is('*')) {
      const line = this.line();
      this.i++;
      return { t: 'starred', line, value: this.target() };
    }
    const e = this.bitOr();
    this.checkTarget(e);
    return e;
  }

  private namedExpression(): Expr {
    const e = this.expression();
    if (this.is(':=')) this.fail(msg('code.unsupported', { what: ':=' }));
    return e;
  }

  /**
   * A lone name or number that nothing can continue (`64` in `nn.Conv2d(3, 64, 3)`, `x` in
   * `return x`): most expressions in a paste. Read as an atom without descending the dozen
   * precedence levels above it.
   */
  private loneAtom(ends: ReadonlySet<string>): boolean {
    const t = this.tok;
    if (t.k !== 'number' && (t.k !== 'name' || KEYWORDS.has(t.v))) return false;
    const next = this.peek();
    return next.k === 'newline' || next.k === 'end' || (next.k === 'op' && ends.has(next.v));
  }

  expression(): Expr {
    if (this.loneAtom(EXPRESSION_ENDS)) return this.atom();
    this.enter();
    try {
      if (this.is('lambda')) return this.lambda();
      const line = this.line();
      const body = this.disjunction();
      if (this.is('if')) {
        this.i++;
        const test = this.disjunction();
        this.expect('else');
        return { t: 'ifexp', line, test, body, orelse: this.expression() };
      }
      return body;
    } finally {
      this.leave();
    }
  }

  private lambda(): Expr {
    const line = this.line();
    this.i++;
    const params = this.parameters(':');
    this.expect(':');
    const body = this.expression();
    return { t: 'lambda', line, fn: this.functionDef('<lambda>', line, params, body, []) };
  }

  private disjunction(): Expr {
    const depth = this.depth;
    try {
      let left = this.conjunction();
      while (this.is('or')) {
        const line = this.line();
        this.i++;
        this.enter(); // a left-deep chain is as deep as it is long, for whatever walks it
        left = { t: 'bool', line, op: 'or', left, right: this.conjunction() };
      }
      return left;
    } finally {
      this.depth = depth;
    }
  }

  private conjunction(): Expr {
    const depth = this.depth;
    try {
      let left = this.inversion();
      while (this.is('and')) {
        const line = this.line();
        this.i++;
        this.enter();
        left = { t: 'bool', line, op: 'and', left, right: this.inversion() };
      }
      return left;
    } finally {
      this.depth = depth;
    }
  }

  private inversion(): Expr {
    if (this.is('not')) {
      const line = this.line();
      this.i++;
      this.enter();
      try {
        return { t: 'unary', line, op: 'not', operand: this.inversion() };
      } finally {
        this.leave();
      }
    }
    return this.comparison();
  }

  private comparison(): Expr {
    const line = this.line();
    const first = this.bitOr();
    const ops: CompareOp[] = [];
    const rest: Expr[] = [];
    for (;;) {
      const t = this.tok;
      let op: CompareOp | null = null;
      if (t.k === 'op' && COMPARE.has(t.v)) op = t.v as CompareOp;
      else if (t.k === 'name' && t.v === 'in') op = 'in';
      else if (t.k === 'name' && t.v === 'not' && this.peek().v === 'in') {
        op = 'not in';
        this.i++;
      } else if (t.k === 'name' && t.v === 'is') {
        op = this.peek().v === 'not' ? 'is not' : 'is';
        if (op === 'is not') this.i++;
      }
      if (op === null) break;
      this.i++;
      ops.push(op);
      rest.push(this.bitOr());
    }
    return ops.length === 0 ? first : { t: 'compare', line, first, ops, rest };
  }

  /**
   * The binary operators from `|` to `*` (all left-associative), by precedence climbing: one call
   * per operand instead of one per precedence level, which is most of the parser's work on a long list.
   */
  private binary(min: number): Expr {
    const depth = this.depth;
    try {
      let left = this.factor();
      for (;;) {
        const t = this.tok;
        const precedence = t.k === 'op' ? BINARY.get(t.v) : undefined;
        if (precedence === undefined || precedence < min) return left;
        const line = this.line();
        this.i++;
        this.enter(); // `1+1+1+...` builds a tree as deep as the chain is long
        left = { t: 'bin', line, op: t.v as BinOp, left, right: this.binary(precedence + 1) };
      }
    } finally {
      this.depth = depth;
    }
  }

  private bitOr(): Expr {
    if (this.loneAtom(EXPRESSION_ENDS)) return this.atom();
    return this.binary(1);
  }

  private factor = (): Expr => {
    const t = this.tok;
    if (t.k === 'op' && (t.v === '-' || t.v === '+' || t.v === '~')) {
      const line = this.line();
      this.i++;
      this.enter();
      try {
        return { t: 'unary', line, op: t.v, operand: this.factor() };
      } finally {
        this.leave();
      }
    }
    return this.power();
  };

  private power(): Expr {
    const base = this.primary();
    if (this.is('**')) {
      const line = this.line();
      this.i++;
      this.enter();
      try {
        return { t: 'bin', line, op: '**', left: base, right: this.factor() };
      } finally {
        this.leave();
      }
    }
    return base;
  }

  /** An atom and its trailers (`.name`, `(args)`, `[index]`): each trailer one level deeper in the tree. */
  private primary(): Expr {
    const depth = this.depth;
    try {
      let e = this.atom();
      for (;;) {
        const line = this.line();
        if (this.accept('.')) {
          this.enter();
          e = { t: 'attr', line, obj: e, name: this.name() };
        } else if (this.is('(')) {
          this.i++;
          this.enter();
          const args = this.callArguments();
          this.expect(')');
          e = { t: 'call', line, fn: e, args };
        } else if (this.is('[')) {
          this.i++;
          this.enter();
          const index = this.subscript();
          this.expect(']');
          e = { t: 'index', line, obj: e, index };
        } else {
          return e;
        }
      }
    } finally {
      this.depth = depth;
    }
  }

  private callArguments(): Arg[] {
    // gathered on one stack, which the calls nested in them use above these, then copied out
    // exactly sized (see simpleStatement): a list of its own grown for each call was garbage
    const args = this.gathered;
    const start = args.length;
    while (!this.is(')')) {
      if (this.accept('**')) args.push({ kind: 'dstar', value: this.expression() });
      else if (this.accept('*')) args.push({ kind: 'star', value: this.expression() });
      else if (this.kind() === 'name' && this.peek().v === '=' && this.peek().k === 'op') {
        const name = this.name();
        this.i++;
        args.push({ kind: 'kw', name, value: this.expression() });
      } else {
        const line = this.line();
        const value = this.namedExpression();
        if (this.is('for')) {
          args.push({ kind: 'pos', value: this.comprehension('gen', value, null, line) });
          break;
        }
        args.push(this.positional(value));
      }
      if (!this.accept(',')) break;
    }
    const own = args.slice(start);
    args.length = start;
    return own;
  }

  /** The arguments of the calls being read (callArguments). */
  private readonly gathered: Arg[] = [];

  private subscript(): Expr {
    const line = this.line();
    const first = this.sliceItem();
    if (!this.is(',')) return first;
    const items = [first];
    while (this.accept(',')) {
      if (this.is(']')) break;
      items.push(this.sliceItem());
    }
    return { t: 'tuple', line, items };
  }

  private sliceItem(): Expr {
    const line = this.line();
    const bound = () => (this.is(':') || this.is(']') || this.is(',') ? null : this.expression());
    const lower = this.is(':') ? null : this.starExpression();
    if (!this.is(':')) return lower!;
    this.i++;
    const upper = bound();
    const step = this.accept(':') ? bound() : null;
    return { t: 'slice', line, lower, upper, step };
  }

  private atom(): Expr {
    const t = this.tok;
    const line = this.line();
    switch (t.k) {
      case 'name':
        if (t.v === 'True' || t.v === 'False') {
          this.i++;
          return this.leaf(line, t.v === 'True');
        }
        if (t.v === 'None') {
          this.i++;
          return this.leaf(line, null);
        }
        if (KEYWORDS.has(t.v)) return this.syntax(msg('code.expectExpression'));
        this.i++;
        return this.leaf(line, t.v);
      case 'number':
        this.i++;
        return this.leaf(line, this.number(t));
      case 'string':
      case 'fstring':
        return this.strings();
      case 'op':
        if (t.v === '(') return this.parenthesized();
        if (t.v === '[') return this.listDisplay();
        if (t.v === '{') return this.braceDisplay();
        if (t.v === '...') {
          this.i++;
          return { t: 'ellipsis', line };
        }
    }
    return this.syntax(msg('code.expectExpression'));
  }

  /**
   * A name (`id`) or a constant (a number, True, False, None) on `line`, made once per line, and
   * a positional argument made once per value: nodes are read-only, and a long logical line (a
   * Sequential of a thousand layers) repeats `nn`, `16` and `(16, 16)`'s arguments thousands of times.
   */
  private leaf(line: number, value: LeafKey): Expr {
    let e = this.leaves.get(value);
    if (e === undefined || e.line !== line) {
      e = typeof value === 'string' ? { t: 'name', line, id: value } : { t: 'const', line, value };
      this.leaves.set(value, e);
    }
    return e;
  }

  private positional(value: Expr): Arg {
    if (value.t !== 'name' && value.t !== 'const') return { kind: 'pos', value };
    const key = value.t === 'name' ? value.id : value.value;
    let a = this.args.get(key);
    if (a === undefined || a.value !== value) {
      a = { kind: 'pos', value };
      this.args.set(key, a);
    }
    return a;
  }

  /**
   * The leaves made, by value, and their positional arguments: one map each for the whole text, an
   * entry replaced when its value is met on another line. Two new maps a line were most of what a
   * paste of 25,000 short lines allocated (32 MB a reading became 42).
   */
  private readonly leaves = new Map<LeafKey, Expr>();
  private readonly args = new Map<LeafKey, Arg>();

  private number(t: Token): bigint | number {
    if (t.v.length <= 15 && PLAIN_INT.test(t.v)) return t.v.length <= 3 ? smallInt(t.v) : BigInt(t.v);
    const text = t.v.replace(/_/g, '');
    if (/[jJ]$/.test(text)) this.fail(msg('code.unsupported', { what: t.v }), t);
    if (/^0[xXoObB]/.test(text)) return BigInt(text);
    if (/^\d+$/.test(text)) {
      if (text.length > 1 && text.startsWith('0') && /[1-9]/.test(text)) this.fail(msg('code.syntax', { near: t.v, expected: msg('code.expectExpression') }), t);
      if (text.length > LIMITS.intBits / 3) this.fail(limitMessage('intBits'), t);
      return BigInt(text);
    }
    return Number(text);
  }

  /** Adjacent literals concatenate: `"a" "b"`, and f-strings with plain ones. */
  private strings(): Expr {
    const line = this.line();
    const parts: Array<string | FormattedValue> = [];
    let formatted = false;
    while (this.kind() === 'string' || this.kind() === 'fstring') {
      const t = this.tok;
      this.i++;
      if (t.k === 'string') parts.push(t.v);
      else {
        formatted = true;
        for (const p of t.parts ?? []) parts.push(typeof p === 'string' ? p : { value: this.fexpression(p), conv: p.conv, spec: p.spec });
      }
    }
    if (!formatted) return { t: 'const', line, value: (parts as string[]).join('') };
    return { t: 'fstring', line, parts };
  }

  private fexpression(p: Exclude<FPart, string>): Expr {
    const inner = new Parser(
      tokenize(`(${p.code})`, this.lines).map((x) => ({ ...x, line: p.line })),
      this.lines,
      this.located,
    );
    inner.depth = this.depth;
    const e = inner.expression();
    if (inner.tok.k !== 'newline' && inner.tok.k !== 'end') inner.syntax('`}`');
    return e;
  }

  private parenthesized(): Expr {
    const line = this.line();
    this.i++;
    this.enter();
    try {
      if (this.accept(')')) return { t: 'tuple', line, items: [] };
      const first = this.starExpression();
      if (this.is('for')) {
        const gen = this.comprehension('gen', first, null, line);
        this.expect(')');
        return gen;
      }
      if (this.accept(')')) {
        if (first.t === 'starred') this.fail(msg('code.badStar'));
        return first;
      }
      const items = [first];
      while (this.accept(',')) {
        if (this.is(')')) break;
        items.push(this.starExpression());
      }
      this.expect(')');
      return { t: 'tuple', line, items };
    } finally {
      this.leave();
    }
  }

  private listDisplay(): Expr {
    const line = this.line();
    this.i++;
    this.enter();
    try {
      const items: Expr[] = [];
      while (!this.is(']')) {
        const item = this.starExpression();
        if (items.length === 0 && this.is('for')) {
          const comp = this.comprehension('list', item, null, line);
          this.expect(']');
          return comp;
        }
        items.push(item);
        if (!this.accept(',')) break;
      }
      this.expect(']');
      return { t: 'list', line, items };
    } finally {
      this.leave();
    }
  }

  private braceDisplay(): Expr {
    const line = this.line();
    this.i++;
    this.enter();
    try {
      if (this.accept('}')) return { t: 'dict', line, items: [] };
      if (this.accept('**')) return this.dictRest(line, [{ spread: this.bitOr() }]);
      const first = this.starExpression();
      if (this.accept(':')) {
        const value = this.expression();
        if (this.is('for')) {
          const comp = this.comprehension('dict', first, value, line);
          this.expect('}');
          return comp;
        }
        return this.dictRest(line, [{ key: first, value }]);
      }
      if (this.is('for')) {
        const comp = this.comprehension('set', first, null, line);
        this.expect('}');
        return comp;
      }
      const items = [first];
      while (this.accept(',')) {
        if (this.is('}')) break;
        items.push(this.starExpression());
      }
      this.expect('}');
      return { t: 'set', line, items };
    } finally {
      this.leave();
    }
  }

  private dictRest(line: number, items: DictItem[]): Expr {
    while (this.accept(',')) {
      if (this.is('}')) break;
      if (this.accept('**')) items.push({ spread: this.bitOr() });
      else {
        const key = this.expression();
        this.expect(':');
        items.push({ key, value: this.expression() });
      }
    }
    this.expect('}');
    return { t: 'dict', line, items };
  }

  private comprehension(kind: 'list' | 'set' | 'gen' | 'dict', elt: Expr, value: Expr | null, line: number): Expr {
    const generators: Generator[] = [];
    while (this.is('for')) {
      this.i++;
      const target = this.targetList();
      this.expect('in');
      // Python's grammar: `for TARGET in DISJUNCTION (if DISJUNCTION)*`, so a bare `if` starts a clause.
      const iter = this.disjunction();
      const ifs: Expr[] = [];
      while (this.accept('if')) ifs.push(this.disjunction());
      generators.push({ target, iter, ifs });
    }
    return { t: 'comp', line, kind, elt, value, generators };
  }
}

/** Parses a whole paste (located: lines are the student's) or the prelude (lines shown as 0). */
export function parse(src: string, located = true): Module {
  const lines = src.split('\n');
  return new Parser([], lines, located, tokenStream(src, lines)).module();
}
