/**
 * Parsers for the values that appear in a /count spec: sizes, kernel tuples, booleans, rates and
 * padding. Each names the offending token when it refuses.
 */
import { fail } from './errors.js';
import { LIMITS } from './limits.js';

/** Largest size accepted for any single dimension or count argument (int32, as the frameworks). */
export const MAX_SIZE = 2_147_483_647;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A whole number >= min (1 by default). `what` names the argument in the error, e.g. `K`. */
export function parseSize(token: string, what: string, min = 1): number {
  const clean = token.includes('_') ? token.replace(/_/g, '') : token;
  if (!isDigits(clean)) {
    if (NUMBER.test(clean)) {
      const n = Number(clean);
      if (!Number.isInteger(n)) fail('err.fractional', { token, what });
      if (n < min) fail('err.tooSmall', { token, what, min: String(min) });
    }
    fail('err.notANumber', { token, what });
  }
  const n = Number(clean);
  if (n > MAX_SIZE || clean.length > 10) fail('err.tooLarge', { token, what, max: '2,147,483,647' });
  if (n < min) fail('err.tooSmall', { token, what, min: String(min) });
  return n;
}

/** Whether `text` is one or more decimal digits: every size of a model is read, so no regex. */
export function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * A size per spatial axis: `3` (same on every axis) or `3x5` (one per axis). `x`, `X`, `×` and `*`
 * all separate; Python tuples `(3, 5)` are handled by the code translator before this.
 */
export function parseTuple(token: string, what: string, rank: number, min = 1): number[] {
  if (!TUPLE_SEPARATOR.test(token)) return filled(rank, parseSize(token, what, min));
  const parts = token.split(TUPLE_SEPARATOR);
  if (parts.length !== rank) fail('err.tupleRank', { token, what, rank: String(rank) });
  return parts.map((p) => parseSize(p, what, min));
}

const TUPLE_SEPARATOR = /[xX×*]/;

/** `value` on each of `rank` axes (a list of its own length: one pushed to from empty reserves 16). */
function filled(rank: number, value: number): number[] {
  const out = new Array<number>(rank);
  for (let i = 0; i < rank; i++) out[i] = value;
  return out;
}

/** The uniform tuples already made, by `value * 16 + rank`: one key a pair, as values are whole and ranks at most LIMITS.axes. */
const UNIFORM = new Map<number, readonly number[]>();

/**
 * `value` on each of `rank` axes, one frozen list for each pair: what a kind takes when an option
 * is left out, the same for every layer. Kinds pass their defaults, so the pairs are a handful.
 */
export function uniformTuple(rank: number, value: number): readonly number[] {
  const key = value * 16 + rank;
  let tuple = UNIFORM.get(key);
  if (tuple === undefined) {
    tuple = Object.freeze(filled(rank, value));
    UNIFORM.set(key, tuple);
  }
  return tuple;
}

/** A shape such as `224x224x3`, of at most LIMITS.axes axes. */
export function parseDims(token: string, what: string): number[] {
  if (token.trim() === '') fail('err.notANumber', { token, what });
  const parts = token.split(/[xX×*,]/, LIMITS.axes + 1);
  if (parts.length > LIMITS.axes) fail('err.tooManyAxes', { what, max: String(LIMITS.axes) });
  return parts.map((p) => parseSize(p, what));
}

const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

export function parseBool(token: string, what: string): boolean {
  const v = token.toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return fail('err.notABool', { token, what });
}

/** A dropout rate: 0 <= p < 1 (Keras refuses 1; a rate of 1 drops everything). */
export function parseRate(token: string, what: string): number {
  if (!NUMBER.test(token)) fail('err.notARate', { token, what });
  const p = Number(token);
  if (!(p >= 0 && p < 1)) fail('err.notARate', { token, what });
  return p;
}

export function parseChoice<T extends string>(token: string, what: string, choices: readonly T[]): T {
  const v = token.toLowerCase();
  const hit = choices.find((c) => c === v);
  if (hit === undefined) fail('err.notAChoice', { token, what, choices: choices.join('|') });
  return hit;
}

/** Prints a per-axis tuple back the way a user would type it: `3` when all equal, else `3x5`. */
export function printTuple(values: readonly number[]): string {
  return values.every((v) => v === values[0]) ? String(values[0]) : values.join('x');
}
