/**
 * Worked formulas as small expression trees. One tree renders both ways a student reads it,
 * symbolically `(k_h×k_w×C_in + 1)×C_out` and with the numbers `(3×3×3 + 1)×64`, and evaluates to
 * an exact bigint, so a formula can never disagree with the count it explains (a property test
 * checks exactly that).
 */
import { formatInt, Pieces } from './format.js';

export type Expr =
  | { readonly op: 'lit'; readonly value: number; readonly symbol: string }
  | { readonly op: 'sum'; readonly terms: readonly Expr[] }
  | { readonly op: 'product'; readonly terms: readonly Expr[] }
  | { readonly op: 'quotient'; readonly dividend: Expr; readonly divisor: Expr };

/**
 * Small numbers, by their symbol, made once: a formula is built for every row a table shows, and
 * most of its small numbers (a kernel's 3, a bias's 1) are the same few (Exprs are never changed).
 */
const SMALL = new Map<string, Expr[]>();
const SMALL_KEPT = 16;

/** A number in a formula, with the symbol it stands for (`lit(64, 'C_out')`). */
export function lit(value: number, symbol?: string): Expr {
  const small = Number.isInteger(value) && value >= 0 && value < SMALL_KEPT;
  if (!small) return { op: 'lit', value, symbol: symbol ?? String(value) };
  const name = symbol ?? String(value);
  let kept = SMALL.get(name);
  if (kept === undefined) SMALL.set(name, (kept = []));
  return (kept[value] ??= { op: 'lit', value, symbol: name });
}

/** A constant whose symbol is itself (the 4 gates of an LSTM, the 2 of γ and β). */
export const constant = (value: number): Expr => lit(value);

/** The worked formula of a layer without weights, for a record's `formula`. */
export const noWeights = (): Expr => constant(0);

export function sum(...terms: Expr[]): Expr {
  return terms.length === 1 ? terms[0]! : { op: 'sum', terms };
}

export function product(...terms: Expr[]): Expr {
  return terms.length === 1 ? terms[0]! : { op: 'product', terms };
}

export function quotient(dividend: Expr, divisor: Expr): Expr {
  return { op: 'quotient', dividend, divisor };
}

export function evaluate(e: Expr): bigint {
  switch (e.op) {
    case 'lit':
      return BigInt(e.value);
    case 'sum':
      return e.terms.reduce((acc, t) => acc + evaluate(t), 0n);
    case 'product':
      return e.terms.reduce((acc, t) => acc * evaluate(t), 1n);
    case 'quotient':
      return evaluate(e.dividend) / evaluate(e.divisor);
  }
}

type Leaf = (e: Extract<Expr, { op: 'lit' }>) => string;

/** The formula being rendered, joined once (see Pieces): about 250 B a row of a model's worked formulas written with `+=`. */
const pieces = new Pieces();

/** Operator precedence decides parentheses: a sum inside a product needs them, nothing else does. */
function render(e: Expr, leaf: Leaf): string {
  if (e.op === 'lit') return leaf(e);
  write(e, leaf);
  return pieces.text();
}

function write(e: Expr, leaf: Leaf): void {
  switch (e.op) {
    case 'lit':
      pieces.put(leaf(e));
      return;
    case 'sum':
    case 'product': {
      const product = e.op === 'product';
      for (let i = 0; i < e.terms.length; i++) {
        const term = e.terms[i]!;
        if (i > 0) pieces.put(product ? '×' : ' + ');
        if (product && term.op === 'sum') wrapped(term, leaf);
        else write(term, leaf);
      }
      return;
    }
    case 'quotient':
      // A quotient's side is in parentheses unless it is a number.
      if (e.dividend.op === 'lit') write(e.dividend, leaf);
      else wrapped(e.dividend, leaf);
      pieces.put('/');
      if (e.divisor.op === 'lit') write(e.divisor, leaf);
      else wrapped(e.divisor, leaf);
      return;
  }
}

function wrapped(e: Expr, leaf: Leaf): void {
  pieces.put('(');
  write(e, leaf);
  pieces.put(')');
}

const numberOf: Leaf = (l) => formatInt(l.value);
const symbolOf: Leaf = (l) => l.symbol;

/** `(3×3×3 + 1)×64` */
export const renderNumbers = (e: Expr): string => render(e, numberOf);

/** `(k_h×k_w×C_in + 1)×C_out` */
export const renderSymbols = (e: Expr): string => render(e, symbolOf);
