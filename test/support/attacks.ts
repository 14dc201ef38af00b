/**
 * Pastes that once made one step do unbounded work, or one value take unbounded memory: one of
 * each class, written as an attacker would, with the refusal each must now get. The trust tests
 * check each one; the bench sends them at the bot to measure what everyone else then sees.
 */
export const ITEMS = /items in one list, tuple, dict or string \(at most 100,000\)/;
export const STEPS = /steps of evaluation .* \(at most 200,000\)/;
export const INT_BITS = /bits in one integer \(at most 4,096\)/;
export const python = (type: string, text: string) => new RegExp(`Python would stop here with ${type}: ${text.replace(/[()]/g, '\\$&')}`);
/** The paste is read to its end: it builds no model, so the reader says so (nothing refused on the way). */
export const READ = /^No model found in the code/;

const many = (body: string) => `for i in range(100_000):\n    ${body}\n`;

/** One value, unbounded: made only once it is paid for. */
export const MEMORY_ATTACKS: ReadonlyArray<readonly [string, string, RegExp]> = [
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
];

/** One step, unbounded work: paid for by what it goes over, so the step budget ends it. */
export const WORK_ATTACKS: ReadonlyArray<readonly [string, string]> = [
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
];

/** Once unbounded, now answered at once (the work done the way Python does it, not refused). */
export const ANSWERED: ReadonlyArray<readonly [string, string]> = [
  ['a shared nested tuple hashed as a key (its key interned, not 2^100 long)', 't = ()\nfor i in range(100):\n    t = (t, t)\nd = {t: 1}\nx = d[t]\ns = {t}\n'],
  ['a shared nested tuple deep-copied (memoized, as Python does)', 'import copy\nt = ()\nfor i in range(100):\n    t = (t, t)\nx = copy.deepcopy(t)\n'],
  ['math.isqrt of a big int (it once never returned)', 'import math\nx = math.isqrt(3**200)\nassert x * x <= 3**200 < (x + 1) * (x + 1)\n'],
];

/** Every attack's code, for the bench. */
export const ATTACK_PASTES: ReadonlyArray<{ readonly name: string; readonly code: string }> = [...MEMORY_ATTACKS, ...WORK_ATTACKS].map(([name, code]) => ({ name, code }));
