/**
 * Pastes that once made one step do unbounded work or one value take unbounded memory. Each class
 * is now paid for before the work is done: refused by name (the limit it reaches, or the error
 * Python itself would raise), in one line, and without the process growing past its sandbox's heap
 * (these run in the test's own process: an unpaid 100 MB string would be seen here as a crash).
 */
import { describe, expect, it } from 'vitest';
import { refusal } from '../engine/code/helpers.js';

const ITEMS = /items in one list, tuple, dict or string \(at most 100,000\)/;
const STEPS = /steps of evaluation .* \(at most 200,000\)/;
const INT_BITS = /bits in one integer \(at most 4,096\)/;
const python = (type: string, text: string) => new RegExp(`Python would stop here with ${type}: ${text.replace(/[()]/g, '\\$&')}`);
/** The paste is read to its end: it builds no model, so the reader says so (nothing refused on the way). */
const READ = /^No model found in the code/;

const many = (body: string) => `for i in range(100_000):\n    ${body}\n`;

describe('one value, unbounded: made only once it is paid for', () => {
  it.each([
    ['zfill, then upper', "s = 'a'.zfill(100_000_000)\nt = s.upper()\n", ITEMS],
    ['ljust', "s = 'a'.ljust(100_000_000)\n", ITEMS],
    ['rjust with a fill', "s = 'a'.rjust(100_000_000, '-')\n", ITEMS],
    ['center', "s = 'a'.center(100_000_000)\n", ITEMS],
    ['upper then split, over and over', "s = 'ab' * 50_000\nfor i in range(1000):\n    t = s.upper().split('A')\n", ITEMS],
    ['join of a shared long string', "l = ['x' * 100_000] * 1000\ns = ''.join(l)\n", ITEMS],
    ['repr of a list holding one long string 100,000 times', "l = ['x' * 100_000] * 100_000\nr = repr(l)\n", ITEMS],
    ['repr of a dict of long strings', "s = 'x' * 100_000\nd = {i: s for i in range(5300)}\nr = repr(d)\n", ITEMS],
    ['a dict of fresh long strings', "d = {i: 'x' * 100_000 for i in range(5300)}\nr = repr(d)\n", STEPS],
    ['str of a list', "s = 'x' * 100_000\nr = str([s, s, s, s])\n", ITEMS],
    ['an f-string width', "s = f'{1:100000000}'\n", ITEMS],
    ['format() width', "s = format(1, '>100000000')\n", ITEMS],
    ['str.format width', "s = '{:>100000000}'.format(1)\n", ITEMS],
    ['str.format of many long strings', "s = 'x' * 100_000\nt = ('{}' * 1000).format(*([s] * 1000))\n", ITEMS],
    ['%-formatting of many long strings', "s = 'x' * 100_000\nt = ('%s' * 1000) % tuple([s] * 1000)\n", ITEMS],
    ['an f-string of two long strings', "s = 'x' * 60_000\nt = f'{s}{s}'\n", ITEMS],
    ['replace that multiplies', "s = ('x' * 100_000).replace('x', 'yy' * 1000)\n", ITEMS],
    ['itertools.product', 'import itertools\nl = list(itertools.product(range(1000), repeat=5))\n', ITEMS],
    ['itertools.chain of one list many times', 'import itertools\nl = list(range(100_000))\nc = list(itertools.chain(*[l] * 1000))\n', ITEMS],
    ['enumerate, listed', 'l = [0] * 100_000\nfor i in range(100):\n    e = list(enumerate(l))\n', ITEMS],
    ['torch split into a billion pieces', 'import torch\nx = torch.zeros(10**9).split(1)\n', ITEMS],
    ['torch unbind of a billion', 'import torch\nx = torch.zeros(10**9).unbind(0)\n', ITEMS],
  ])('%s', (_what, code, reason) => {
    const text = refusal(code);
    expect(text).toMatch(reason);
    expect(text.split('\n')).toHaveLength(1);
  });
});

describe('one step, unbounded work: paid for by what it goes over', () => {
  it.each([
    ['list.count', `l = [0] * 100_000\n${many('l.count(1)')}`],
    ['x in list', `l = [0] * 100_000\n${many('x = 1 in l')}`],
    ['list.index', `l = [0] * 99_999 + [1]\n${many('l.index(1)')}`],
    ['list.remove', `l = [0] * 99_999\n${many('l.append(1)\n    l.remove(1)')}`],
    ['reversed', `l = [0] * 100_000\n${many('r = reversed(l)')}`],
    ['copy.copy', `import copy\nl = [0] * 100_000\n${many('r = copy.copy(l)')}`],
    ['str.count', `s = 'ab' * 50_000\n${many("s.count('b')")}`],
    ['sorted', `l = list(range(100_000))\n${many('sorted(l)')}`],
    ['str indexing', `s = 'x' * 100_000\n${many('c = s[i]')}`],
    ['hashing a long string as a key', `s = 'x' * 100_000\nd = {}\n${many('d[s] = i')}`],
    ['== of two shared nested tuples (exponential)', 't = ()\nu = ()\nfor i in range(100):\n    t = (t, t)\n    u = (u, u)\nx = t == u\n'],
    ['< of two shared nested tuples (exponential)', 't = ()\nu = ()\nfor i in range(100):\n    t = (t, t)\n    u = (u, u)\nx = t < u\n'],
  ])('%s', (_what, code) => {
    const text = refusal(code);
    expect(text).toMatch(STEPS);
    expect(text.split('\n')).toHaveLength(1);
  });

  it.each([
    ['a shared nested tuple hashed as a key (its key interned, not 2^100 long)', 't = ()\nfor i in range(100):\n    t = (t, t)\nd = {t: 1}\nx = d[t]\ns = {t}\n'],
    ['a shared nested tuple deep-copied (memoized, as Python does)', 'import copy\nt = ()\nfor i in range(100):\n    t = (t, t)\nx = copy.deepcopy(t)\n'],
    ['math.isqrt of a big int (it once never returned)', 'import math\nx = math.isqrt(3**200)\nassert x * x <= 3**200 < (x + 1) * (x + 1)\n'],
  ])('%s: answered at once', (_what, code) => {
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
    expect(refusal("try:\n    x = chr(0x110000)\nexcept ValueError:\n    x = 'ok'\nassert x == 'ok'\ntry:\n    y = round(float('inf'))\nexcept ArithmeticError:\n    y = 1\nassert y == 1\n")).toMatch(READ);
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
    ["f'{7:>4}|{\"x\"!r}|{2.5:.2f}'", "'   7|\\'x\\'|2.50'"],
  ])('%s is %s', (expr, value) => {
    expect(refusal(`assert ${expr} == ${value}, repr(${expr})\n`)).toMatch(READ);
  });
});
