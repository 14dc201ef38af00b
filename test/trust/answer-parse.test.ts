/**
 * Trust: an answer is read in time independent of its length (the patterns only ever see the
 * first 100 characters; answer_parse_worst_us in `npm run bench` measures it at 100,000).
 */
import { describe, expect, it } from 'vitest';
import { MAX_ANSWER_CHARS, parseAnswer } from '../../src/quiz/answer.js';

describe('answers at the longest a platform lets through', () => {
  it('refuses a number followed by 80,000 spaces and a letter, naming its start', () => {
    const parsed = parseAnswer(`1${' '.repeat(80_000)}x`);
    expect(parsed).toMatchObject({ ok: false, error: { key: 'answer.notANumber' } });
  });

  it('accepts surrounding whitespace of any length around a real answer', () => {
    expect(parseAnswer(`${' '.repeat(50_000)}1,792 params${' '.repeat(50_000)}`)).toEqual({ ok: true, value: 1792n });
  });

  it('refuses anything longer than the limit without reading it', () => {
    expect(parseAnswer('9'.repeat(MAX_ANSWER_CHARS + 1))).toMatchObject({ ok: false });
    expect(parseAnswer(` ${'1'.repeat(40)} `)).toMatchObject({ ok: true });
  });
});
