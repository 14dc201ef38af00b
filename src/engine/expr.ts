/**
 * Worked formulas as small expression trees. One tree renders both ways a student reads it,
 * symbolically `(k_h×k_w×C_in + 1)×C_out` and with the numbers `(3×3×3 + 1)×64`, and evaluates to
 * an exact bigint, so a formula can never disagree with the count it explains (a property test
 * checks exactly that).
 */
import { formatInt } from './format.js';

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
  return productOf(terms);
}

/** The product of a list the caller made for it, taken as it is (spread into product, it was copied). */
export function productOf(terms: Expr[]): Expr {
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

/** Operator precedence decides parentheses: a sum inside a product needs them, nothing else does. */
function render(e: Expr, leaf: Leaf): string {
  switch (e.op) {
    case 'lit':
      return leaf(e);
    case 'sum':
    case 'product':
      return joined(e, leaf);
    case 'quotient':
      return `${wrapped(e.dividend, leaf)}/${wrapped(e.divisor, leaf)}`;
  }
}

/**
 * Terms rendered one after the other, a sum among a product's in parentheses. Written into one
 * string, not mapped and joined: a layer table renders a formula a row.
 */
function joined(e: Extract<Expr, { op: 'sum' | 'product' }>, leaf: Leaf): string {
  const product = e.op === 'product';
  let out = '';
  for (let i = 0; i < e.terms.length; i++) {
    const term = e.terms[i]!;
    if (i > 0) out += product ? '×' : ' + ';
    out += product && term.op === 'sum' ? `(${render(term, leaf)})` : render(term, leaf);
  }
  return out;
}

/** A quotient's side: in parentheses unless it is a number. */
const wrapped = (x: Expr, leaf: Leaf): string => (x.op === 'lit' ? render(x, leaf) : `(${render(x, leaf)})`);

const numberOf: Leaf = (l) => formatInt(l.value);
const symbolOf: Leaf = (l) => l.symbol;

/** `(3×3×3 + 1)×64` */
export const renderNumbers = (e: Expr): string => render(e, numberOf);

/** `(k_h×k_w×C_in + 1)×C_out` */
export const renderSymbols = (e: Expr): string => render(e, symbolOf);
