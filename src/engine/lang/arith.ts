/**
 * Integer and boolean expressions inside `def` bodies and `if` conditions: `c*4`, `(c+n*32)/2`,
 * `s != 1`, `top and not aux`. Values are exact (bigint) and bounded: a result beyond 2^53 is
 * refused, so nested defs cannot grow numbers without limit. Names are a def's parameters, whose
 * values are the text given at the call (`64`, `true`).
 */
import { fail } from '../errors.js';

export type Value = bigint | boolean;

/** Largest magnitude an expression may reach: sizes are int32 anyway, so this only stops runaway growth. */
const LIMIT = 2n ** 53n;

const TOKEN = /\s*(?:(\d+)|([A-Za-z_]\w*)|(\/\/|==|!=|<=|>=|[-+*/%()<>!]))/y;

type Tok = { readonly k: 'num'; readonly v: bigint } | { readonly k: 'name' | 'op'; readonly v: string };

function lex(text: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < text.length && text.slice(at).trim() !== '') {
    TOKEN.lastIndex = at;
    const m = TOKEN.exec(text);
    if (m === null) fail('err.exprBad', { expr: text, near: text.slice(at).trim().slice(0, 12) });
    at = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ k: 'num', v: BigInt(m[1]) });
    else if (m[2] !== undefined) out.push(m[2] === 'and' || m[2] === 'or' || m[2] === 'not' ? { k: 'op', v: m[2] } : { k: 'name', v: m[2] });
    else out.push({ k: 'op', v: m[3]! });
  }
  return out;
}

/** A parameter's text as a value: a whole number or true/false. */
export function paramValue(text: string): Value | undefined {
  const v = text.trim().toLowerCase();
  if (/^\d+$/.test(v)) return BigInt(v);
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

const BINARY: ReadonlyArray<readonly string[]> = [['or'], ['and'], ['==', '!=', '<', '<=', '>', '>='], ['+', '-'], ['*', '/', '//', '%']];

class ExprParser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly tokens: readonly Tok[],
    private readonly lookup: (name: string) => string | undefined,
  ) {}

  parse(): Value {
    const v = this.binary(0);
    if (this.i < this.tokens.length) this.bad();
    return v;
  }

  private bad(): never {
    const tok = this.tokens[this.i];
    return fail('err.exprBad', { expr: this.text, near: tok === undefined ? 'end' : String(tok.v) });
  }

  private binary(level: number): Value {
    if (level === BINARY.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const tok = this.tokens[this.i];
      if (tok?.k !== 'op' || !BINARY[level]!.includes(tok.v)) return left;
      this.i++;
      left = this.apply(tok.v, left, this.binary(level + 1));
    }
  }

  private unary(): Value {
    const tok = this.tokens[this.i];
    if (tok?.k === 'op' && (tok.v === 'not' || tok.v === '!')) {
      this.i++;
      return !this.bool(this.unary());
    }
    if (tok?.k === 'op' && tok.v === '-') {
      this.i++;
      return this.checked(-this.int(this.unary()));
    }
    return this.atom();
  }

  private atom(): Value {
    const tok = this.tokens[this.i++];
    if (tok === undefined) return this.bad();
    if (tok.k === 'num') return this.checked(tok.v);
    if (tok.k === 'name') {
      if (tok.v === 'true') return true;
      if (tok.v === 'false') return false;
      const text = this.lookup(tok.v);
      if (text === undefined) fail('err.exprName', { name: tok.v, expr: this.text });
      const v = paramValue(text);
      if (v === undefined) fail('err.exprValue', { name: tok.v, value: text, expr: this.text });
      return v;
    }
    if (tok.v === '(') {
      const v = this.binary(0);
      if (this.tokens[this.i]?.v !== ')') this.bad();
      this.i++;
      return v;
    }
    this.i--;
    return this.bad();
  }

  private int(v: Value): bigint {
    if (typeof v !== 'bigint') fail('err.exprType', { expr: this.text, expected: 'number' });
    return v;
  }

  private bool(v: Value): boolean {
    if (typeof v !== 'boolean') fail('err.exprType', { expr: this.text, expected: 'true/false' });
    return v;
  }

  private checked(v: bigint): bigint {
    if (v > LIMIT || v < -LIMIT) fail('err.exprLarge', { expr: this.text });
    return v;
  }

  private apply(op: string, a: Value, b: Value): Value {
    switch (op) {
      case 'or':
        return this.bool(a) || this.bool(b);
      case 'and':
        return this.bool(a) && this.bool(b);
      case '==':
        return a === b;
      case '!=':
        return a !== b;
    }
    const x = this.int(a);
    const y = this.int(b);
    switch (op) {
      case '<':
        return x < y;
      case '<=':
        return x <= y;
      case '>':
        return x > y;
      case '>=':
        return x >= y;
      case '+':
        return this.checked(x + y);
      case '-':
        return this.checked(x - y);
      case '*':
        return this.checked(x * y);
    }
    if (y === 0n) fail('err.exprDivision', { expr: this.text });
    if (op === '/' && x % y !== 0n) fail('err.exprInexact', { expr: this.text, a: String(x), b: String(y) });
    if (op === '%') return x % y;
    // `//` floors as Python does (bigint division truncates toward zero).
    const q = x / y;
    return q * y !== x && x < 0n !== y < 0n ? q - 1n : q;
  }
}

/** Evaluates `text` with names looked up among the def's parameters. */
export function evaluateExpr(text: string, lookup: (name: string) => string | undefined): Value {
  return new ExprParser(text, lex(text), lookup).parse();
}

/** Names that stand as whole identifiers in `text` (`c` in `c*4`, not the `x3` of `3x3`). */
export function namesIn(text: string): string[] {
  return text.match(/(?<![\w.])[A-Za-z_]\w*/g) ?? [];
}
