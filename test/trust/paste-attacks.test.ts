/**
 * Pastes that once made one step do unbounded work or one value take unbounded memory
 * (test/support/attacks.ts). Each class is now paid for before the work is done: refused by name
 * (the limit it reaches, or the error Python itself would raise), in one line, and without the
 * process growing past its sandbox's heap (these run in the test's own process: an unpaid 100 MB
 * string would be seen here as a crash).
 */
import { describe, expect, it } from 'vitest';
import { refusal } from '../engine/code/helpers.js';
import { ANSWERED, INT_BITS, MEMORY_ATTACKS, python, READ, STEPS, WORK_ATTACKS } from '../support/attacks.js';

describe('one value, unbounded: made only once it is paid for', () => {
  it.each(MEMORY_ATTACKS)('%s', (_what, code, reason) => {
    const text = refusal(code);
    expect(text).toMatch(reason);
    expect(text.split('\n')).toHaveLength(1);
  });
});

describe('one step, unbounded work: paid for by what it goes over', () => {
  it.each(WORK_ATTACKS)('%s', (_what, code) => {
    const text = refusal(code);
    expect(text).toMatch(STEPS);
    expect(text.split('\n')).toHaveLength(1);
  });

  it.each(ANSWERED)('%s: answered at once', (_what, code) => {
    expect(refusal(code)).toMatch(READ);
  });

  it('parses no integer past the size limit (the digits are counted before the work)', () => {
    expect(refusal("x = int('9' * 99_000)\n")).toMatch(INT_BITS);
  });
});

describe("Python's errors are Python's", () => {
  it.each([
    ['chr past the last code point', 'x = chr(0x110000)\n', python('ValueError', 'chr() arg not in range(0x110000)')],
    ['int with base 1', "x = int('10', 1)\n", python('ValueError', 'int() base must be >= 2 and <= 36, or 0')],
    ['int of a bad literal', "x = int('12a')\n", python('ValueError', "invalid literal for int() with base 10: '12a'")],
    ['round of infinity', "x = round(float('inf'))\n", python('OverflowError', 'cannot convert float infinity to integer')],
    ['math.ceil of nan', "import math\nx = math.ceil(float('nan'))\n", python('ValueError', 'cannot convert float NaN to integer')],
    ['math.floor of infinity', "import math\nx = math.floor(float('-inf'))\n", python('OverflowError', 'cannot convert float infinity to integer')],
    ['ord of two characters', "x = ord('ab')\n", python('TypeError', 'ord() expected a character, but string of length 2 found')],
    ['split on an empty separator', "x = 'ab'.split('')\n", python('ValueError', 'empty separator')],
  ])('%s', (_what, code, reason) => {
    const text = refusal(code);
    expect(text).toMatch(reason);
    expect(text.split('\n')).toHaveLength(1);
  });

  it('except catches them as Python would', () => {
    expect(refusal("try:\n    x = chr(0x110000)\nexcept ValueError:\n    x = 'ok'\nassert x == 'ok'\ntry:\n    y = round(float('inf'))\nexcept ArithmeticError:\n    y = 1\nassert y == 1\n")).toMatch(
      READ,
    );
  });
});

describe('string methods as Python has them', () => {
  it.each([
    ["'ab'.replace('', '-')", "'-a-b-'"],
    ["'a.b.c'.replace('.', '/', 1)", "'a/b.c'"],
    ["'a b  c'.split(None, 1)", "['a', 'b  c']"],
    ["'a,b,c'.split(',', maxsplit=1)", "['a', 'b,c']"],
    ["'-5'.zfill(4)", "'-005'"],
    ["'ab'.center(5, '*')", "'**ab*'"],
    ["'abc'.center(6)", "' abc  '"],
    ['f\'{7:>4}|{"x"!r}|{2.5:.2f}\'', "'   7|\\'x\\'|2.50'"],
  ])('%s is %s', (expr, value) => {
    expect(refusal(`assert ${expr} == ${value}, repr(${expr})\n`)).toMatch(READ);
  });
});
