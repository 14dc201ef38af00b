/**
 * Reading a student's answer. Accepted: 1792, 1,792, 1 792, 1_792, full-width １７９２, 1.792k,
 * 1.8M (scaled forms only when they name a whole number), a trailing unit word (params, 個),
 * and for multiple choice a letter A-D. Anything else is refused with one line saying what was
 * expected, and nothing is recorded.
 */
import { msg, type MessageRef } from '../i18n/messages.js';

export type ParsedAnswer =
  | { readonly ok: true; readonly value: bigint }
  | { readonly ok: true; readonly choice: number }
  | { readonly ok: false; readonly error: MessageRef };

const SCALES: Readonly<Record<string, bigint>> = { k: 10n ** 3n, m: 10n ** 6n, g: 10n ** 9n, b: 10n ** 9n, t: 10n ** 12n };
const UNIT_WORDS = /\s*(parameters?|params?|個參數|参数|參數|個|个)\s*$/iu;
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

export function parseAnswer(raw: string, choices = 0): ParsedAnswer {
  const trimmed = raw.trim();
  if (trimmed.length > MAX_ANSWER_CHARS) return { ok: false, error: msg('answer.notANumber', { token: `${trimmed.slice(0, 40)}…` }) };
  const text = toAscii(trimmed).trim().replace(UNIT_WORDS, '');
  if (choices > 0 && /^[a-z]$/i.test(text)) {
    const index = text.toUpperCase().charCodeAt(0) - 65;
    if (index < choices) return { ok: true, choice: index };
    return { ok: false, error: msg('answer.badChoice', { token: trimmed, last: String.fromCharCode(64 + choices) }) };
  }
  // Thousands separators (comma, space, underscore, apostrophe, thin space) only between groups of
  // three digits, so "1 792" is 1792 but "1792 1793" is two numbers, not one.
  const grouped = /^(\d{1,3})((?:[,_'\s\u2009\u202f]\d{3})+)(.*)$/.exec(text);
  const compact = grouped ? grouped[1]! + grouped[2]!.replace(/[^\d]/g, '') + grouped[3]! : text;
  const m = /^(\d+)(?:\.(\d+))?\s*([kmgbt])?$/i.exec(compact);
  if (m === null || compact.length > MAX_DIGITS) return { ok: false, error: msg('answer.notANumber', { token: trimmed.slice(0, 40) }) };
  const [, whole, fraction = '', unit] = m;
  const scale = unit ? SCALES[unit.toLowerCase()]! : 1n;
  const denominator = 10n ** BigInt(fraction.length);
  const numerator = (BigInt(whole!) * denominator + BigInt(fraction || '0')) * scale;
  if (numerator % denominator !== 0n) return { ok: false, error: msg('answer.notWhole', { token: trimmed }) };
  return { ok: true, value: numerator / denominator };
}
