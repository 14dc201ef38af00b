/**
 * Integer and boolean expressions inside `def` bodies and `if` conditions: `c*4`, `(c+n*32)/2`,
 * `s != 1`, `top and not aux`. Values are exact (bigint) and bounded: a result beyond 2^53 is
 * refused, so nested defs cannot grow numbers without limit. Names are a def's parameters, whose
 * values are the text given at the call (`64`, `true`).
 */
import { isDigits } from '../args.js';
import { fail } from '../errors.js';

export type Value = bigint | boolean;

/** The parameters in scope, as text by name (a def's as called, a preset's options). */
export interface Params {
  readonly size: number;
  get(name: string): string | undefined;
}

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
  // A number as a call gives it (`64`): no copy to trim and lower first.
  if (isDigits(text)) return BigInt(text);
  const v = text.trim().toLowerCase();
  if (/^\d+$/.test(v)) return BigInt(v);
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

const BINARY: ReadonlyArray<readonly string[]> = [['or'], ['and'], ['==', '!=', '<', '<=', '>', '>='], ['+', '-'], ['*', '/', '//', '%']];

/**
 * One step of an expression, in the order the expression is worked out: the operands of an
 * operator come before it (postfix). `bad` is where the text stops being an expression.
 */
type Step =
  | { readonly k: 'num'; readonly v: bigint }
  | { readonly k: 'name'; readonly v: string }
  | { readonly k: 'not' | 'neg' }
  | { readonly k: 'op'; readonly v: string }
  | { readonly k: 'bad'; readonly near: string };

/**
 * Reads the tokens into steps. It stops at the first token out of place with a `bad` step rather
 * than refusing: what comes before it is still worked out first, so a text that both divides by
 * zero and ends badly is refused for what it meets first, left to right.
 */
class Compiler {
  private i = 0;
  readonly steps: Step[] = [];
  constructor(private readonly tokens: readonly Tok[]) {}

  compile(): readonly Step[] {
    try {
      this.binary(0);
      if (this.i < this.tokens.length) this.bad();
    } catch (e) {
      if (e !== STOP) throw e;
    }
    return this.steps;
  }

  private bad(): never {
    const tok = this.tokens[this.i];
    this.steps.push({ k: 'bad', near: tok === undefined ? 'end' : String(tok.v) });
    throw STOP;
  }

  private binary(level: number): void {
    if (level === BINARY.length) return this.unary();
    this.binary(level + 1);
    for (;;) {
      const tok = this.tokens[this.i];
      if (tok?.k !== 'op' || !BINARY[level]!.includes(tok.v)) return;
      this.i++;
      this.binary(level + 1);
      this.steps.push(tok);
    }
  }

  private unary(): void {
    const tok = this.tokens[this.i];
    if (tok?.k === 'op' && (tok.v === 'not' || tok.v === '!' || tok.v === '-')) {
      this.i++;
      this.unary();
      this.steps.push(tok.v === '-' ? NEG : NOT);
      return;
    }
    this.atom();
  }

  private atom(): void {
    const tok = this.tokens[this.i++];
    if (tok === undefined) return this.bad();
    if (tok.k !== 'op') {
      this.steps.push(tok);
      return;
    }
    if (tok.v === '(') {
      this.binary(0);
      if (this.tokens[this.i]?.v !== ')') this.bad();
      this.i++;
      return;
    }
    this.i--;
    this.bad();
  }
}

/** The operands of an evaluation: one array for all, as no evaluation starts inside another. */
const OPERANDS: Value[] = [];

/** Thrown by the compiler at its `bad` step, caught by it: not an error of the text yet. */
const STOP = Symbol('stop');
const NOT: Step = { k: 'not' };
const NEG: Step = { k: 'neg' };

/**
 * An expression read once and worked out for any parameters: a def's body meets the same `c*4` at
 * every call (600 calls of one block in a model at the layer bound), and lexing and parsing it each
 * time was a tenth of expanding the model.
 */
export class Expression {
  private constructor(
    readonly text: string,
    private readonly steps: readonly Step[],
  ) {}

  /** Refuses a text with a character no expression has (as before anything is worked out). */
  static compile(text: string): Expression {
    return new Expression(text, new Compiler(lex(text)).compile());
  }

  /** The value with names looked up among the def's parameters; refuses as the text meets its first fault. */
  evaluate(params: Params): Value {
    const stack = OPERANDS;
    let top = 0;
    for (const step of this.steps) {
      switch (step.k) {
        case 'num':
          stack[top++] = this.checked(step.v);
          break;
        case 'name':
          stack[top++] = this.name(step.v, params);
          break;
        case 'not':
          stack[top - 1] = !this.bool(stack[top - 1]!);
          break;
        case 'neg':
          stack[top - 1] = this.checked(-this.int(stack[top - 1]!));
          break;
        case 'op':
          top--;
          stack[top - 1] = this.apply(step.v, stack[top - 1]!, stack[top]!);
          break;
        case 'bad':
          return fail('err.exprBad', { expr: this.text, near: step.near });
      }
    }
    return stack[0]!;
  }

  private name(name: string, params: Params): Value {
    if (name === 'true') return true;
    if (name === 'false') return false;
    const text = params.get(name);
    if (text === undefined) fail('err.exprName', { name, expr: this.text });
    const v = paramValue(text);
    if (v === undefined) fail('err.exprValue', { name, value: text, expr: this.text });
    return v;
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
export function evaluateExpr(text: string, params: Params): Value {
  return Expression.compile(text).evaluate(params);
}

/** Names that stand as whole identifiers in `text` (`c` in `c*4`, not the `x3` of `3x3`). */
export function namesIn(text: string): string[] {
  return text.match(/(?<![\w.])[A-Za-z_]\w*/g) ?? [];
}
