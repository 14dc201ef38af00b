/**
 * The standard library and object model that model files use, each with what Python does
 * (checked with CPython 3.11): dataclasses, enum, namedtuple, NamedTuple, SimpleNamespace,
 * __dict__, vars, __setattr__; and a refusal that names the reader's gap, never a Python error
 * Python would not raise.
 */
import { describe, expect, test } from 'vitest';
import { read, refusal, total } from './helpers.js';

const linear = (expr: string, setup: string) => `import torch.nn as nn\n${setup}\nmodel = nn.Linear(${expr}, 1, bias=False)\n`;

describe('values computed the way Python computes them (the Linear has that many inputs)', () => {
  test.each([
    ['dataclass defaults and keywords', 'from dataclasses import dataclass\n@dataclass\nclass C:\n    a: int\n    b: int = 5\nc = C(2, b=7)', 'c.a + c.b', 9],
    [
      'dataclass field(default_factory) and __post_init__',
      'from dataclasses import dataclass, field\n@dataclass\nclass C:\n    xs: list = field(default_factory=lambda: [1, 2, 3])\n    n: int = 0\n    def __post_init__(self):\n        self.n = len(self.xs) * 2\nc = C()',
      'c.n',
      6,
    ],
    [
      'dataclass inheritance orders fields base first',
      'from dataclasses import dataclass, astuple\n@dataclass\nclass A:\n    x: int = 1\n@dataclass\nclass B(A):\n    y: int = 10\nb = B(3, 4)',
      'sum(astuple(b))',
      7,
    ],
    [
      'ClassVar is not a field',
      'from dataclasses import dataclass, fields\nfrom typing import ClassVar\n@dataclass\nclass C:\n    k: ClassVar[int] = 100\n    a: int = 2\n',
      'len(fields(C)) + C.k',
      101,
    ],
    [
      'dataclass(frozen=True) with object.__setattr__',
      'from dataclasses import dataclass\n@dataclass(frozen=True)\nclass C:\n    a: int = 1\n    def __post_init__(self):\n        object.__setattr__(self, "b", self.a * 3)\nc = C(4)',
      'c.b',
      12,
    ],
    ['replace and asdict', 'from dataclasses import dataclass, replace, asdict\n@dataclass\nclass C:\n    a: int = 1\n    b: int = 2\nc = replace(C(), b=40)', 'asdict(c)["b"] + c.a', 41],
    ['kw_only fields', 'from dataclasses import dataclass, field\n@dataclass\nclass C:\n    a: int = 1\n    b: int = field(default=2, kw_only=True)\nc = C(5, b=6)', 'c.a + c.b', 11],
    ['self.__dict__.update(kwargs)', 'class Cfg:\n    def __init__(self, **kw):\n        self.__dict__.update(kw)\nc = Cfg(d=8)', 'c.d', 8],
    ['vars(obj) is its __dict__', 'class Cfg:\n    pass\nc = Cfg()\nvars(c)["d"] = 3\nc.e = 4', 'c.d + len(vars(c))', 5],
    ['getattr and hasattr with defaults', 'class C:\n    a = 1\nc = C()\nsetattr(c, "b", 6)', 'getattr(c, "b") + getattr(c, "z", 10) + hasattr(c, "a")', 17],
    ['enum values, auto, lookup by name and value', 'import enum\nclass K(enum.Enum):\n    A = enum.auto()\n    B = enum.auto()\n    C = 10', 'K.B.value + K["C"].value + K(1).value', 13],
    [
      'namedtuple with defaults, unpacking and _replace',
      'from collections import namedtuple\nP = namedtuple("P", ["a", "b", "c"], defaults=[3])\np = P(1, 2)._replace(a=5)\nx, y, z = p',
      'x + y + z + p[1] + len(p)',
      15,
    ],
    ['typing.NamedTuple', 'from typing import NamedTuple\nclass S(NamedTuple):\n    width: int\n    depth: int = 2\ns = S(8)', 's.width * s.depth', 16],
    ['types.SimpleNamespace and argparse.Namespace', 'from types import SimpleNamespace\nimport argparse\na = SimpleNamespace(n=3)\nb = argparse.Namespace(m=4)', 'a.n * b.m', 12],
    [
      'a user __init_subclass__ runs on each subclass',
      'class Base:\n    registry = []\n    def __init_subclass__(cls, **kw):\n        Base.registry.append(cls.__name__)\nclass X(Base):\n    pass\nclass Y(Base):\n    pass',
      'len(Base.registry) * 3',
      6,
    ],
  ])('%s', (_name, setup, expr, inputs) => {
    expect(total(read(linear(expr, setup)))).toBe(BigInt(inputs));
  });
});

describe('a refusal says what the reader lacks', () => {
  test('a str method the reader lacks is its gap, not an AttributeError', () => {
    const text = refusal(linear('len(parts)', 'parts = "a.b.c".rsplit(".", 1)'));
    expect(text).toContain('`str.rsplit` is a method of Python');
    expect(text).not.toContain('AttributeError');
  });
  test('a method Python does not have is still its AttributeError', () => {
    expect(refusal(linear('x', 'x = "abc".shout()'))).toContain("AttributeError: 'str' object has no attribute 'shout'");
  });
  test('a Module put in __dict__ directly is not registered, as in PyTorch', () => {
    const code =
      'import torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.__dict__["hidden"] = nn.Linear(3, 3)\n        self.seen = nn.Linear(2, 1)\nmodel = M()\n';
    expect(total(read(code))).toBe(3n);
  });
});
