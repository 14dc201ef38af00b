/**
 * A bad paste names its line; every size that multiplies the reader's work is bounded and refused
 * by name with its limit. None of these may throw anything but a SpecError, or take long.
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../../src/engine/count.js';
import { SpecError } from '../../../src/engine/errors.js';
import { read, reason, refusal, total } from './helpers.js';
import { cpuMs } from '../../support/cpu.js';

const header = 'import torch\nimport torch.nn as nn\n';

function timed(code: string): string {
  const { result: text, ms } = cpuMs(() => refusal(code));
  expect(ms).toBeLessThan(1_000); // a guard against runaway work, not a benchmark
  return text;
}

describe('a bad paste names its line', () => {
  it.each([
    [
      'an unknown layer',
      `${header}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linera(3, 2)\n`,
      /^Line 6 \(`self.fc = nn.Linera\(3, 2\)`\): `torch.nn.Linera` is not something the reader knows/,
    ],
    ['a misspelled name', `${header}net = nn.Sequential(nn.Linear(3, 2), nn.ReLU())\nnet.add_modul("x", nn.ReLU())\n`, /^Line 4 .*AttributeError: 'Sequential' object has no attribute 'add_modul'/],
    ['a syntax error', `${header}class Net(nn.Module)\n    pass\n`, /^Line 3 \(`class Net\(nn.Module\)`\): could not read the code near `the end of the line`: expected `:`/],
    ['a bad indentation', `${header}def f():\n        x = 1\n    return x\n`, /^Line 5 .*the indentation does not match any block above it/],
    ['yield', `${header}def gen():\n    yield nn.Linear(2, 2)\n`, /^Line 4 .*`yield` is Python the reader does not run/],
    ['async', `async def f():\n    pass\n`, /^Line 1 .*`async` is Python the reader does not run/],
    ['the walrus', `${header}if (n := 3) > 2:\n    pass\n`, /^Line 3 .*`:=` is Python the reader does not run/],
    [
      'a layer from a library the reader does not run',
      `${header}from timm.layers import DropPath\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.drop = DropPath(0.1)\nnet = Net()\n`,
      /^Line 7 .*the model holds `timm.layers.DropPath\(…\)` \(line 7\), from a library the reader does not run/,
    ],
    [
      'a size that is data',
      `${header}x = torch.load("x.pt")\nnet = nn.Linear(x.shape[1], 10)\n`,
      /^Line 4 .*this needs the value of `x`, which line 3 computes with `torch.load\(…\).shape\[…\]`.*`\/count x=1000x28x28x1 <code>`/,
    ],
    ['a float size', `${header}net = nn.Linear(784 / 2, 10)\n`, /^Line 3 .*`Linear`'s `in_features` must be an int \(or a tuple of ints\), not float/],
    ['a raise', `${header}raise ValueError("bad config")\n`, /^Line 3 .*the code raises ValueError: bad config/],
    ['a failed assert', `${header}d, h = 10, 3\nassert d % h == 0, "d_model must divide into heads"\n`, /^Line 4 .*an assert failed: d_model must divide into heads/],
    ['eval', `x = eval("3")\n`, /^Line 1 .*`eval\(\)` reads files, asks for input or runs text as code/],
    ['a missing argument', `${header}net = nn.Conv2d(3, 64)\n`, /^Line 3 .*Conv2d\(\) missing required argument\(s\): 'kernel_size'/],
    ['an unknown keyword', `${header}net = nn.Linear(10, 5, bogus=1)\n`, /^Line 3 .*Linear\(\) got an unexpected keyword argument 'bogus'/],
    ['a refusal of the engine', `${header}net = nn.Conv2d(3, 0, 3)\n`, /^Line 3 .*`0` is not a valid COUT: it must be at least 1/],
    ['mixed frameworks', `import torch.nn as nn\nfrom keras import layers\nnn.Linear(3, 2)\nlayers.Dense(4)\n`, /mixes PyTorch .* and Keras/],
    ['nothing to count', `x = 3\nprint(x)\n`, /^No model found in the code/],
  ])('%s', (_what, code, message) => {
    const text = timed(code);
    expect(text).toMatch(message);
    expect(text.split('\n')).toHaveLength(1);
  });
});

describe('limits, each refused by name', () => {
  it.each([
    ['steps: an endless loop', 'while True:\n    pass\n', /steps of evaluation .* \(at most 200,000\)/],
    ['calls: runaway recursion', 'def f(n):\n    return f(n + 1)\nf(0)\n', /function calls in progress at once \(recursion\) \(at most 64\)/],
    ['nesting: 2,500 nested parentheses', `x = ${'('.repeat(2_500)}1${')'.repeat(2_500)}\n`, /brackets nested in each other \(at most 100\)/],
    ['nesting: 10,000 unary minus signs', `x = ${'-'.repeat(10_000)}1\n`, /expressions nested in each other \(brackets, operators, conditionals\) \(at most 300\)/],
    ['nesting: not not not ...', `x = ${'not '.repeat(5_000)}True\n`, /expressions nested in each other/],
    ['nesting: a chain of conditionals', `x = ${'1 if True else '.repeat(3_000)}1\n`, /expressions nested in each other/],
    ['nesting: lambdas in lambdas', `f = ${'lambda: '.repeat(3_000)}1\n`, /expressions nested in each other/],
    ['nesting: an attribute chain 20,000 long', `x = ${'a.'.repeat(20_000)}b\n`, /expressions nested in each other .* \(at most 300\)/],
    ['nesting: a sum 30,000 terms long', `x = ${'1+'.repeat(30_000)}1\n`, /expressions nested in each other .* \(at most 300\)/],
    ['nesting: 20,000 calls in a row', `x = f${'()'.repeat(20_000)}\n`, /expressions nested in each other .* \(at most 300\)/],
    [
      'recursion: deep expressions in recursive calls',
      `def f(n):\n    return ${'- '.repeat(60)}f(n - 1) if n else 0\nf(60)\n`,
      /evaluations in progress at once \(calls within expressions within calls\) \(at most 1,200\)/,
    ],
    ['blocks: 60 nested ifs', `${Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}if True:`).join('\n')}\n${'  '.repeat(60)}pass\n`, /indented blocks nested in each other \(at most 50\)/],
    ['items: a list of a million', 'x = [0] * 1_000_000\n', /items in one list, tuple, dict or string \(at most 100,000\)/],
    ['items: a string of a million', 'x = "a" * 1_000_000\n', /items in one list, tuple, dict or string/],
    ['items: range(10**9) in a loop', 'for i in range(10 ** 9):\n    pass\n', /items in one list, tuple, dict or string/],
    ['integers: 10 ** 10 ** 6', 'x = 10 ** 10 ** 6\n', /bits in one integer \(at most 4,096\)/],
    ['modules: 2,500 layers', `${header}m = nn.ModuleList([nn.ReLU() for _ in range(2_500)])\n`, /modules \(layers\) created \(at most 2,000\)/],
    ['parameters: 7,000 tensors', `${header}m = nn.ParameterList([nn.Parameter(torch.zeros(1)) for _ in range(7_000)])\n`, /parameter tensors created \(at most 6,000\)/],
    ['tensor rank', `${header}x = torch.zeros(*([1] * 40))\n`, /axes of one tensor \(at most 32\)/],
  ])('%s', (_what, code, message) => {
    const text = timed(code);
    expect(text).toMatch(message);
    expect(text).toMatch(/^Line \d+ /);
  });

  it('pasted text is at most 100,000 characters', () => {
    expect(refusal('x = 1\n'.repeat(20_000))).toBe('The pasted code is too long: the limit is 100,000 characters.');
  });

  it("num_layers=5,000,000 is refused by the engine's bound on stacked layers, never looped", () => {
    const { ms } = cpuMs(() => {
      expect(refusal(`${header}m = nn.LSTM(1, 1, num_layers=5_000_000)\n`)).toBe(
        'Line 3 (`m = nn.LSTM(1, 1, num_layers=5_000_000)`): `layers=5000000` is too large for layers: the largest size accepted is 1,000.',
      );
      // at the bound, counted in closed form: 4 gates × (1·1 + 1·1 + 2·1) = 16 per layer
      expect(total(read(`${header}m = nn.LSTM(1, 1, num_layers=1_000)\n`))).toBe(16_000n);
    });
    expect(ms).toBeLessThan(500);
  });

  it('accepts brackets right up to the nesting bound (the bench adversary)', () => {
    expect(total(read(`${header}m = nn.Linear(${'('.repeat(99)}3${')'.repeat(99)}, 2)\n`))).toBe(8n);
  });

  it('a forward that never ends leaves the count and says why shapes are missing', () => {
    const code = `${header}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n    def forward(self, x):\n        while True:\n            x = self.fc(x)\n        return x\n`;
    const result = read(code, 'in=4');
    expect(total(result)).toBe(20n);
    expect(reason(result)).toMatch(/forward takes more than 100,000 steps to follow/);
  });

  it('random Python-looking text never crashes: counted or one SpecError', () => {
    const pieces = [
      'nn.Linear(',
      'class A(nn.Module):',
      '\n    ',
      'def f(x):',
      'return',
      'for i in range(3):',
      '[',
      ']',
      '(',
      ')',
      ',',
      '=',
      'x',
      '3',
      '"s"',
      'import torch.nn as nn',
      '\n',
      ':',
      '*',
      '**',
      'lambda',
      'if',
      'else',
      'self.',
      'super().__init__()',
      'nn.Sequential(',
      '{',
      '}',
      '@',
      'yield',
    ];
    let seed = 1;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 400; run++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 20) }, () => pieces[Math.floor(random() * pieces.length)]).join(' ');
      try {
        count(text);
      } catch (e) {
        if (!(e instanceof SpecError)) throw new Error(`${String(e)} for ${JSON.stringify(text)}`);
      }
    }
  });
});
