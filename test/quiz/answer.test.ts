/** The answer forms students type, and the ones refused (nothing is recorded for those). */
import { describe, expect, it } from 'vitest';
import { parseAnswer } from '../../src/quiz/answer.js';
import { t } from '../../src/i18n/messages.js';

describe('accepted answers', () => {
  it.each([
    ['1792', 1792n],
    ['1,792', 1792n],
    ['1 792', 1792n],
    ['1_792', 1792n],
    ["1'792", 1792n],
    ['１７９２', 1792n],
    ['１，７９２', 1792n],
    ['1.792k', 1792n],
    ['1.792K', 1792n],
    ['1.8M', 1_800_000n],
    ['138.357544M', 138_357_544n],
    ['2G', 2_000_000_000n],
    ['1792 params', 1792n],
    ['1,792 parameters', 1792n],
    ['1792個', 1792n],
    ['1792 個參數', 1792n],
    ['  0  ', 0n],
    ['1792。', 1792n],
    ['1792.', 1792n],
    ['約1792', 1792n],
    ['约 1,792 个参数', 1792n],
    ['about 1792 params', 1792n],
    ['~1.8M', 1_800_000n],
    ['1.792e3', 1792n],
    ['1E6', 1_000_000n],
    ['17920e-1', 1792n],
    ['1792 个参数', 1792n],
    ['1792個參數。', 1792n],
    ['(3*3*3+1)*64', 1792n],
    ['(3×3×3 + 1)×64', 1792n],
    ['（３×３×３＋１）×６４', 1792n],
    ['(3x3x3+1)x64', 1792n],
    ['4*(128*256 + 256^2 + 256)', 394_240n],
    ['(25,088 + 1)*4,096', 102_764_544n],
    ['2**10', 1024n],
    ['1000/8', 125n],
    ['4000000002000000000', 4_000_000_002_000_000_000n],
  ])('%j is %s', (text, value) => {
    expect(parseAnswer(text)).toEqual({ ok: true, value });
  });

  it('reads letters only for multiple choice', () => {
    expect(parseAnswer('b', 4)).toEqual({ ok: true, choice: 1 });
    expect(parseAnswer('Ｃ', 4)).toEqual({ ok: true, choice: 2 });
  });
});

describe('refused answers, one line each', () => {
  it.each([
    ['', /is not a count/],
    ['abc', /`abc` is not a count: answer with a whole number/],
    ['1.2345k', /`1.2345k` is not a whole number of parameters/],
    ['1.5', /`1.5` is not a whole number/],
    ['-5', /`-5` is not a count/],
    ['12,34,5,,6', /is not a count/],
    ['1e6.5', /is not a count/],
    ['(3*3', /is not a count/],
    ['3*3*3+1)*64', /is not a count/],
    ['10/3', /`10\/3` is not a whole number/],
    ['5-9', /`5-9` is not a count/],
    ['1/0', /is not a count/],
    ['9^9^9', /is not a count/],
    ['1792 1793', /is not a count/],
    ['b', /is not a count/],
  ])('%j', (text, message) => {
    const parsed = parseAnswer(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(t('en', parsed.error)).toMatch(message);
  });

  it('refuses a letter beyond the choices', () => {
    const parsed = parseAnswer('E', 4);
    expect(parsed.ok || t('en', parsed.error)).toBe('`E` is not one of the choices: answer A to D, or the number itself.');
  });
});
