/**
 * Reading a student's answer. Accepted: 1792, 1,792, 1 792, 1_792, full-width １７９２, 1.792k,
 * 1.8M and 1.792e3 (scaled forms only when they name a whole number), a leading "about" (約, ~),
 * trailing punctuation (1792。), a trailing unit word (params, 個, 个参数), a formula that works out
 * to a whole number ((3*3*3+1)*64, (3×3×3 + 1)×64), and for multiple choice a letter A-D. Anything
 * else is refused with one line saying what was expected, and nothing is recorded.
 */
import { msg, type MessageRef } from '../i18n/messages.js';

export type ParsedAnswer = { readonly ok: true; readonly value: bigint } | { readonly ok: true; readonly choice: number } | { readonly ok: false; readonly error: MessageRef };

const SCALES: Readonly<Record<string, bigint>> = { k: 10n ** 3n, m: 10n ** 6n, g: 10n ** 9n, b: 10n ** 9n, t: 10n ** 12n };
const UNIT_WORDS = /\s*(parameters?|params?|weights?|個參數|个参数|個参数|个參數|參數|参数|個|个)\s*$/iu;
const LEADING = /^\s*(about|approx\.?|approximately|大約|大约|約|约|共|~|≈|=)\s*/iu;
const TRAILING_PUNCTUATION = /[\s.。!！?？]+$/u;
/** Digits of the largest count read (and of any number inside a formula). */
const MAX_DIGITS = 40;

/** Full-width digits and punctuation (from CJK keyboards) to ASCII. */
function toAscii(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Longest answer read, trimmed: a 40-digit count with separators and a unit word fits. Anything
 * longer is refused before any pattern sees it, so an answer costs the same microseconds at the
 * longest text a platform lets through (the patterns below only ever see this many characters).
 */
export const MAX_ANSWER_CHARS = 100;

const notANumber = (token: string): ParsedAnswer => ({ ok: false, error: msg('answer.notANumber', { token: token.slice(0, 40) }) });
const notWhole = (token: string): ParsedAnswer => ({ ok: false, error: msg('answer.notWhole', { token }) });

export function parseAnswer(raw: string, choices = 0): ParsedAnswer {
  const trimmed = raw.trim();
  if (trimmed.length > MAX_ANSWER_CHARS) return notANumber(`${trimmed.slice(0, 40)}…`);
  let text = toAscii(trimmed).trim().replace(LEADING, '').replace(TRAILING_PUNCTUATION, '');
  for (let previous = ''; previous !== text; ) {
    previous = text;
    text = text.replace(UNIT_WORDS, '').replace(TRAILING_PUNCTUATION, '');
  }
  if (choices > 0 && /^[a-z]$/i.test(text)) {
    const index = text.toUpperCase().charCodeAt(0) - 65;
    if (index < choices) return { ok: true, choice: index };
    return { ok: false, error: msg('answer.badChoice', { token: trimmed, last: String.fromCharCode(64 + choices) }) };
  }
  const number = parseNumber(text);
  if (number !== undefined) return number === 'fraction' ? notWhole(trimmed) : { ok: true, value: number };
  const formula = parseFormula(text);
  if (formula === 'fraction') return notWhole(trimmed);
  if (formula === undefined || formula < 0n) return notANumber(trimmed);
  return { ok: true, value: formula };
}

/** A number with separators, a scale letter or an exponent; 'fraction' when it names no whole number. */
function parseNumber(text: string): bigint | 'fraction' | undefined {
  // Thousands separators (comma, space, underscore, apostrophe, thin space) only between groups of
  // three digits, so "1 792" is 1792 but "1792 1793" is two numbers, not one.
  const grouped = /^(\d{1,3})((?:[,_'\s\u2009\u202f]\d{3})+)(.*)$/.exec(text);
  const compact = grouped ? grouped[1]! + grouped[2]!.replace(/[^\d]/g, '') + grouped[3]! : text;
  const m = /^(\d+)(?:\.(\d+))?\s*(?:([kmgbt])|e([+-]?\d{1,2}))?$/i.exec(compact);
  if (m === null || compact.length > MAX_DIGITS) return undefined;
  const [, whole, fraction = '', unit, exponent] = m;
  let numerator = BigInt(whole!) * 10n ** BigInt(fraction.length) + BigInt(fraction || '0');
  let denominator = 10n ** BigInt(fraction.length);
  if (unit) numerator *= SCALES[unit.toLowerCase()]!;
  if (exponent !== undefined) {
    const e = Number(exponent);
    if (e >= 0) numerator *= 10n ** BigInt(e);
    else denominator *= 10n ** BigInt(-e);
  }
  if (numerator % denominator !== 0n) return 'fraction';
  const value = numerator / denominator;
  return value.toString().length > MAX_DIGITS ? undefined : value;
}

/**
 * A formula of whole numbers: + − × ÷ (also * x · /), powers (^ or **) and brackets, worked out
 * exactly. Undefined when it is not one (or a number grows past MAX_DIGITS); 'fraction' when a
 * division does not come out whole. The text is at most MAX_ANSWER_CHARS long, so the recursion is
 * too.
 */
function parseFormula(text: string): bigint | 'fraction' | undefined {
  const source = text
    .replace(/(\d),(?=\d{3}(?!\d))/g, '$1')
    .replace(/\*\*/g, '^')
    .replace(/[×xX·*]/g, '*')
    .replace(/÷/g, '/')
    .replace(/[−–]/g, '-');
  if (!/^[\d\s()+\-*/^]+$/.test(source) || !/[+\-*/^]/.test(source)) return undefined;
  const tokens = source.match(/\d+|[()+\-*/^]/g) ?? [];
  let i = 0;
  let fraction = false;
  const big = (v: bigint | undefined) => v !== undefined && (v < 0n ? -v : v).toString().length > MAX_DIGITS;
  const expression = (): bigint | undefined => {
    let left = term();
    while (left !== undefined && (tokens[i] === '+' || tokens[i] === '-')) {
      const op = tokens[i++];
      const right = term();
      left = right === undefined ? undefined : op === '+' ? left + right : left - right;
    }
    return left;
  };
  const term = (): bigint | undefined => {
    let left = power();
    while (left !== undefined && (tokens[i] === '*' || tokens[i] === '/')) {
      const op = tokens[i++];
      const right = power();
      if (right === undefined || (op === '/' && right === 0n)) return undefined;
      if (op === '/' && left % right !== 0n) fraction = true;
      left = op === '*' ? left * right : left / right;
      if (big(left)) return undefined;
    }
    return left;
  };
  const power = (): bigint | undefined => {
    const base = atom();
    if (base === undefined || tokens[i] !== '^') return base;
    i++;
    const exponent = power();
    if (exponent === undefined || exponent < 0n || exponent > 128n) return undefined;
    const value = base ** exponent;
    return big(value) ? undefined : value;
  };
  const atom = (): bigint | undefined => {
    const tok = tokens[i++];
    if (tok === undefined) return undefined;
    if (tok === '-') {
      const v = atom();
      return v === undefined ? undefined : -v;
    }
    if (tok === '(') {
      const v = expression();
      return tokens[i++] === ')' ? v : undefined;
    }
    return /^\d+$/.test(tok) && tok.length <= MAX_DIGITS ? BigInt(tok) : undefined;
  };
  const value = expression();
  if (value === undefined || i !== tokens.length) return undefined;
  return fraction ? 'fraction' : value;
}
