/**
 * The Python the reader runs, checked through the layer sizes it computes: each case builds
 * nn.Linear(IN, 1) where IN is the value of a Python expression, so the count is IN + 1 and
 * Python's own answer is the expected one (run with CPython 3 where noted).
 */
import { describe, expect, it } from 'vitest';
import { read, refusal, total } from './helpers.js';

/** The value Python gives `expr` after `setup`, read back as a layer size. */
function value(setup: string, expr: string): bigint {
  return total(read(`import torch.nn as nn\n${setup}\nm = nn.Linear(${expr}, 1)\n`)) - 1n;
}

describe('expressions', () => {
  it.each([
    ['', '7 // 2', 3n],
    ['', '-7 // 2 + 10', 6n], // floor division rounds down: -4 + 10
    ['', '-7 % 3 + 10', 12n], // the sign of the divisor: 2 + 10
    ['', '2 ** 10', 1024n],
    ['', 'int(28 / 2)', 14n],
    ['', 'True + True + 1', 3n],
    ['', 'round(2.5) + round(3.5)', 6n], // round half to even: 2 + 4
    ['', 'int(math.ceil(28 / 3))', 10n],
    ['', '3 if 2 > 1 else 9', 3n],
    ['', '1 if 1 < 2 < 3 < 2 else 5', 5n],
    ['', '(1 << 4) | 1', 17n],
    ['', 'len("conv2d")', 6n],
    ['', 'abs(-5) + max(1, 2, 3) + min([4, 5])', 12n],
    ['', 'sum(x * x for x in range(4))', 14n],
    ['', 'math.prod([2, 3, 4])', 24n],
    ['', 'divmod(17, 5)[0] * 10 + divmod(17, 5)[1]', 32n],
    ['', 'int("12") + int(3.9)', 15n],
  ])('%s %s', (setup, expr, expected) => {
    expect(value(`import math\n${setup}`, expr)).toBe(expected);
  });
});

describe('statements and data structures', () => {
  it.each([
    ['xs = [1, 2, 3]\nxs.append(4)\nxs += [5]\nxs.extend([6])', 'len(xs) + xs[-1]', 12n],
    ['a, *rest = [1, 2, 3, 4]', 'a + len(rest)', 4n],
    ['(a, b), c = (1, 2), 3', 'a * 100 + b * 10 + c', 123n],
    ['d = {"a": 1}\nd["b"] = 2\nd.update(c=3)', 'sum(d.values()) + len(d)', 9n],
    ['d = {k: v for k, v in zip("abc", [1, 2, 3]) if v > 1}', 'd["c"] * 10 + len(d)', 32n],
    ['s = {x % 3 for x in range(10)}', 'len(s)', 3n],
    ['xs = [i for i in range(10) if i % 2 if i > 2]', 'len(xs)', 4n],
    ['xs = [[i * j for j in range(3)] for i in range(3)]', 'xs[2][2]', 4n],
    ['xs = list(range(10))[2:8:2]', 'xs[-1] + len(xs)', 9n],
    ['n = 0\nfor i in range(5):\n    if i == 3:\n        break\n    n += i\nelse:\n    n = 100', 'n', 3n],
    ['n = 0\nwhile n < 10:\n    n += 3', 'n', 12n],
    ['n = 0\nfor i, x in enumerate([5, 6, 7], start=1):\n    n += i * x', 'n', 38n],
    ['xs = sorted([3, 1, 2], reverse=True)', 'xs[0] * 100 + xs[1] * 10 + xs[2]', 321n],
    ['name = "layer"\ns = f"{name}{3 * 4}-{2.5:.1f}"', 'len(s)', 11n],
    ['s = "{}x{}".format(3, 5)\nparts = s.split("x")', 'int(parts[0]) * int(parts[1])', 15n],
    ['try:\n    x = {}["missing"]\nexcept KeyError:\n    x = 7\nfinally:\n    y = 1', 'x + y', 8n],
    ['try:\n    x = 1 // 0\nexcept (ValueError, ZeroDivisionError) as e:\n    x = 2', 'x', 2n],
    // raised while a call's arguments are read: the calls after it get theirs intact
    ['def f(a, b):\n    return a * 10 + b\ntry:\n    x = f(4, f(5, 1 // 0))\nexcept ZeroDivisionError:\n    x = f(2, 3)', 'x', 23n],
    ['x = 5\ndel x\nx = 6', 'x', 6n],
    ['xs = [3, 1, 2]\nxs.sort()\nxs.reverse()', 'xs[0]', 3n],
  ])('%s', (setup, expr, expected) => {
    expect(value(setup, expr)).toBe(expected);
  });
});

describe('functions and classes', () => {
  it.each([
    ['def f(a, b=2, *args, c=3, **kw):\n    return a + b + len(args) + c + len(kw)', 'f(1, 10, 5, 6, c=100, x=1)', 114n],
    ['def f(xs=[]):\n    xs.append(1)\n    return len(xs)\nf()', 'f()', 2n], // defaults are evaluated once, as in Python
    ['def outer():\n    n = 3\n    def inner():\n        return n * 2\n    return inner', 'outer()()', 6n],
    ['def counter():\n    n = 0\n    def up():\n        nonlocal n\n        n += 1\n        return n\n    up()\n    return up()', 'counter()', 2n],
    ['N = 1\ndef bump():\n    global N\n    N = 5', '(bump() or N)', 5n],
    ['sq = lambda x: x * x', 'sq(7)', 49n],
    ['from functools import partial\ndef mul(a, b):\n    return a * b\ndouble = partial(mul, 2)', 'double(21)', 42n],
    ['class A:\n    k = 3\n    def __init__(self, n):\n        self.n = n\n    def size(self):\n        return self.n * self.k', 'A(4).size()', 12n],
    ['class A:\n    def f(self):\n        return 1\nclass B(A):\n    def f(self):\n        return super().f() + 10', 'B().f()', 11n],
    ['class A:\n    def f(self):\n        return 1\nclass B(A):\n    def f(self):\n        return super(B, self).f() + 20', 'B().f()', 21n],
    [
      'class A:\n    @staticmethod\n    def s():\n        return 5\n    @classmethod\n    def c(cls):\n        return cls.s() + 1\n    @property\n    def p(self):\n        return 10',
      'A.s() + A.c() + A().p',
      21n,
    ],
    ['class Cfg:\n    width = 16\n    depth = 2\ncfg = Cfg()\ncfg.depth = 3', 'cfg.width * cfg.depth', 48n],
    ['class A:\n    pass\na = A()\nsetattr(a, "x", 9)', 'getattr(a, "x") + getattr(a, "y", 1) + hasattr(a, "x")', 11n],
    ['x = [1, (2,), {"a": 3}]', 'isinstance(x, list) + isinstance(x[1], (list, tuple)) + isinstance(3, int) + isinstance(True, int)', 4n],
  ])('%s', (setup, expr, expected) => {
    expect(value(setup, expr)).toBe(expected);
  });

  it('reading a local before it is assigned is an UnboundLocalError, as in Python', () => {
    expect(refusal('x = 1\ndef f():\n    y = x\n    x = 2\n    return y\nf()\n')).toMatch(/^Line 3 .*UnboundLocalError: local variable 'x' referenced before assignment/);
  });

  it('an uncaught exception names its line and type', () => {
    expect(refusal('cfg = {"a": 1}\nwidth = cfg["b"]\n')).toMatch(/^Line 2 \(`width = cfg\["b"\]`\): Python would stop here with KeyError: 'b' \(no such key\)/);
    expect(refusal('def f(a):\n    return a\nf(1, 2)\n')).toMatch(/^Line 3 .*TypeError: f\(\) takes 1 positional argument\(s\) but 2 were given/);
  });
});
