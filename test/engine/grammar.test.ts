/**
 * The /count language's constructs, one by one: what each means, that shared and tied weights
 * are counted once, that errors name the bad token, and that every bound is refused by name.
 * Hand-worked numbers: a 3×3 conv from 16 to 16 channels with bias is (3·3·16 + 1)·16 = 2,320.
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { blockTable } from '../../src/engine/model.js';
import { parseBody, printBody } from '../../src/engine/spec.js';
import { renderCount } from '../../src/engine/render.js';
import { toJson } from '../../src/engine/json.js';
import { errorOf, total } from '../support/count.js';
import { cpuMs } from '../support/cpu.js';

const CONV16 = 2_320n; // conv 16 16 3: (3·3·16 + 1)·16

describe('groups and names', () => {
  it('a group counts what is inside it', () => {
    expect(total('input 8x8x16 > { conv 16 3 pad=same > bn > relu }')).toBe(CONV16 + 64n);
  });
  it('a name labels a layer in the table and a group in the per-block table', () => {
    const result = count('input 8x8x16 > stem: conv 16 3 pad=same > body: { conv 16 3 pad=same > conv 16 3 pad=same } > head: dense 10');
    expect(result.report.rows.map((r) => r.name)).toEqual(['stem', 'conv2d_2', 'conv2d_3', 'head']);
    expect(blockTable(result.report).map((b) => [b.name, b.counts.total])).toEqual([
      ['stem', CONV16],
      ['body', 2n * CONV16],
      ['head', 170n],
    ]);
    expect(result.report.rows[1]!.module).toBe('body.conv2d_2');
  });
  it('old specs mean what they meant: separators > → ; and new lines', () => {
    const a = total('input 8x8x3 > conv 16 3 > flatten > dense 10');
    expect(total('input 8x8x3 → conv 16 3 ; flatten\ndense 10')).toBe(a);
    expect(total('vgg16 top=false > flatten > dense 2')).toBe(14_714_688n + 25_088n * 2n + 2n);
  });
  it('comments run to the end of the line', () => {
    expect(total('input 8x8x16 # the input\nconv 16 3 pad=same # one conv')).toBe(CONV16);
  });
});

describe('repetition', () => {
  it.each(['x3', '×3', '*3', 'x 3'])('{ ... } %s repeats with new weights each time', (times) => {
    expect(total(`input 8x8x16 > { conv 16 3 pad=same } ${times}`)).toBe(3n * CONV16);
  });
  it('names the repetitions name.0, name.1 (as PyTorch module paths; Keras joins the parts with _)', () => {
    const result = count('input 8x8x16 > layers: { c: conv 16 3 pad=same } x2 --framework pytorch');
    expect(result.report.rows.map((r) => r.name)).toEqual(['layers.0.c', 'layers.1.c']);
    const keras = count('input 8x8x16 > layers: { c: conv 16 3 pad=same } x2');
    expect(keras.report.rows.map((r) => [r.name, r.module])).toEqual([
      ['layers_0_c', 'layers.0.c'],
      ['layers_1_c', 'layers.1.c'],
    ]);
    expect(result.report.blocks[0]).toMatchObject({ name: 'layers', repeat: 2 });
    expect(renderCount(keras, 'en')).toContain('layers_1_c (Conv2D)');
  });
  it('a block of several layers repeated is shown once in full, each further copy in one line; --layers shows every layer', () => {
    const spec = 'input 1x768 > { rmsnorm > attention 12 kv_heads=2 bias=false > rmsnorm > swiglu 2048 bias=false } x25 > lora r=8 targets=q_proj,v_proj';
    const text = renderCount(count(spec), 'en');
    // 25 decoder layers with their adapters: about 50 lines, not the 370 every layer and formula take
    expect(text.split('\n').length).toBeLessThan(60);
    expect(text).toContain('attention_1 (Attention)');
    expect(text).not.toContain('attention_2 (Attention)');
    expect(text.match(/: the same 6 layers again/g)).toHaveLength(24);
    expect(text).toContain('Total params:');
    const every = renderCount(count(`${spec} --layers`), 'en');
    expect(every).toContain('attention_25 (Attention)');
    expect(every.split('\n').length).toBeGreaterThan(300);
  });
  it('x0 is nothing', () => {
    expect(total('input 8x8x16 > { conv 16 3 pad=same } x0 > flatten > dense 1')).toBe(8n * 8n * 16n + 1n);
  });
});

describe('branches', () => {
  it('residual { main } adds the input; residual { main | shortcut } adds the shortcut', () => {
    expect(total('input 8x8x16 > residual { conv 16 3 pad=same > bn }')).toBe(CONV16 + 64n);
    expect(total('input 8x8x16 > residual { conv 32 3 stride=2 pad=same | conv 32 1 stride=2 }')).toBe(BigInt((9 * 16 + 1) * 32 + (16 + 1) * 32));
  });
  it('concat puts branches side by side; an empty branch is the input (DenseNet)', () => {
    const result = count('input 8x8x16 > concat { | conv 8 3 pad=same | conv 4 1 }');
    expect(result.report.output).toEqual([8, 8, 28]);
    expect(result.report.counts.total).toBe(BigInt((9 * 16 + 1) * 8 + 17 * 4));
  });
  it('mul broadcasts: squeeze-and-excitation scales H×W×C by a 1×1×C gate', () => {
    const se = count('input 8x8x16 > mul { | gap keepdims=true > conv 4 1 > relu > conv 16 1 > sigmoid }');
    expect(se.report.output).toEqual([8, 8, 16]);
    expect(se.report.counts.total).toBe(BigInt(17 * 4 + 5 * 16));
    expect(count('input 8x8x16 > mul { | gap > dense 4 > dense 16 }').report.output).toEqual([8, 8, 16]);
  });
  it('add sums any number of branches of one shape', () => {
    expect(total('input 4x4x8 > add { conv 8 1 | conv 8 1 | }')).toBe(2n * 72n);
  });
  it('refuses branches that cannot be merged, with their shapes', () => {
    expect(errorOf('input 8x8x16 > residual { conv 32 3 pad=same }')).toMatch(/a residual branch gives 8×8×32 but its shortcut gives 8×8×16/);
    expect(errorOf('input 8x8x16 > concat { | conv 8 3 }')).toMatch(/`concat` cannot merge 8×8×16, 6×6×8/);
    expect(errorOf('input 8x8x16 > add { conv 8 1 }')).toMatch(/`add` needs at least two branches/);
  });
});

describe('shared and tied weights are counted once', () => {
  it('@name applies a layer again with the same weights (a Siamese network)', () => {
    const result = count('input 8x8x16 > enc: conv 16 3 pad=same > @enc > @enc');
    expect(result.report.counts.total).toBe(CONV16);
    expect(result.report.rows.map((r) => r.counts.total)).toEqual([CONV16, 0n, 0n]);
    expect(result.report.rows[1]!.shared).toBe('enc');
    expect(result.report.reused).toBe(2n * CONV16);
    const text = renderCount(result, 'en');
    expect(text).toContain('[shares enc]');
    expect(text).toContain(`counting them twice would give ${(3n * CONV16).toLocaleString('en-US')}`);
  });
  it('@name of a group shares the whole group, repeated too (ALBERT-style sharing across layers)', () => {
    const shared = count('input 8x8x16 > block: { conv 16 3 pad=same > bn } > { @block } x5');
    expect(shared.report.counts.total).toBe(CONV16 + 64n);
    expect(shared.report.rows).toHaveLength(12);
  });
  it("tie=name makes a weight the named layer's: a tied LM head adds only its own bias", () => {
    const tied = count('input 16 > wte: embedding 100 8 > lm_head: dense 100 tie=wte');
    expect(tied.report.counts.total).toBe(800n + 100n);
    expect(tied.report.rows[1]).toMatchObject({ tied: 'wte' });
    expect(count('input 16 > wte: embedding 100 8 > lmhead 100 tie=wte').report.counts.total).toBe(800n);
    const json = JSON.parse(toJson(tied)) as { total: number; layers: Array<{ params: number; tiedTo?: string; ownParams?: number }> };
    expect(json.layers[1]).toMatchObject({ params: 100, tiedTo: 'wte', ownParams: 900 });
    expect(json.layers.reduce((a, l) => a + l.params, 0)).toBe(json.total);
  });
  it('a tie follows Keras layouts too (a dense kernel is the embedding transposed)', () => {
    expect(count('input 16 > wte: embedding 100 8 > lmhead 100 tie=wte --framework keras').report.counts.total).toBe(800n);
  });
  it('refuses a tie of another shape, to a group, or before its target', () => {
    expect(errorOf('input 16 > wte: embedding 100 8 > lmhead 99 tie=wte')).toMatch(/`tie=wte`: the weights differ in shape \(8×99 here, 100×8 in wte\)/);
    expect(errorOf('input 16 > g: { embedding 100 8 } > lmhead 100 tie=g')).toMatch(/`tie=g`: g is a group/);
    expect(errorOf('input 16 > embedding 100 8 > lmhead 100 tie=wte')).toMatch(/`wte` names nothing before it here/);
  });
  it('names are scoped by group: visible after them and inside later groups', () => {
    expect(total('input 8x8x16 > a: conv 16 3 pad=same > { @a }')).toBe(CONV16);
    expect(errorOf('input 8x8x16 > { a: conv 16 3 pad=same } > @a')).toMatch(/`a` names nothing before it here/);
    expect(errorOf('input 8x8x16 > a: conv 16 1 > a: conv 16 1')).toMatch(/The name `a` is given twice/);
  });
});

describe('freezing', () => {
  it('trainable=false on a group freezes everything in it', () => {
    const c = count('input 8x8x16 > { conv 16 3 pad=same } trainable=false > flatten > dense 2').report.counts;
    expect(c.nonTrainable).toBe(CONV16);
    expect(c.trainable).toBe(8n * 8n * 16n * 2n + 2n);
  });
  it("a frozen preset backbone with a new head: the lecture's transfer learning", () => {
    const c = count('vgg16 top=false trainable=false > flatten > dense 256 > dense 2').report.counts;
    expect(c.nonTrainable).toBe(14_714_688n);
    expect(c.trainable).toBe(25_088n * 256n + 256n + 257n * 2n);
  });
});

describe('defs', () => {
  it('a def is used like a kind, with positional and named arguments and defaults', () => {
    const spec = 'def block(c, s=1) { conv c 3 stride=s pad=same > bn > relu }\ninput 8x8x16 > block 16 > block 32 s=2';
    const result = count(spec);
    expect(result.report.counts.total).toBe(CONV16 + 64n + BigInt((9 * 16 + 1) * 32) + 128n);
    expect(result.report.output).toEqual([4, 4, 32]);
  });
  it('integer arithmetic on parameters: * + - / // % and parentheses', () => {
    expect(total('def b(c) { conv c*4 1 > conv (c+4)/2 1 > conv c//3 1 } > input 2x2x8 > b 8')).toBe(BigInt(9 * 32 + 33 * 6 + 7 * 2));
  });
  it('a body read once is worked out anew at every call', () => {
    expect(total('def b(c) { dense c*2 } > input 2 > b 1 > b 2 > b 3 > b 2')).toBe(total('input 2 > dense 2 > dense 4 > dense 6 > dense 4'));
  });
  it('arithmetic is refused for the first fault met, left to right', () => {
    expect(errorOf('def b(c) { conv c/0) 1 } > input 2x2x2 > b 4')).toMatch(/`c\/0\)` divides by zero/);
    expect(errorOf('def b(c) { conv (c 1 } > input 2x2x2 > b 4')).toMatch(/`\(c` is not a valid expression \(near `end`\)/);
  });
  it('if and else inside a def', () => {
    const spec = 'def head(top=true, n=10) { if top { flatten > dense n } else { gap } }\ninput 4x4x2 > head';
    expect(total(spec)).toBe(33n * 10n);
    expect(count('def head(top=true) { if top { flatten > dense 3 } else { gap } }\ninput 4x4x2 > head top=false').report.output).toEqual([2]);
    expect(total('def f(s) { if s != 1 and not false { conv 2 1 } } > input 2x2x2 > f 2')).toBe(6n);
  });
  it('a def can take another def as an argument (a ResNet stage of any block)', () => {
    const spec = 'def stage(block, c, n) { { block c } xn }\ndef plain(c) { conv c 3 pad=same }\ninput 8x8x16 > stage plain 16 3';
    expect(total(spec)).toBe(3n * CONV16);
  });
  it("a student writes a ResNet basic block the way the library does, and gets torchvision's count", () => {
    const mine = 'def basic(c, s=1) {\n  residual {\n    conv c 3 stride=s pad=1 bias=false > bn > relu > conv c 3 pad=1 bias=false > bn\n  }\n  relu\n}\ninput 56x56x64 > { basic 64 } x2';
    expect(total(`${mine} --framework pytorch`)).toBe(total('input 56x56x64 > basic_block 64 > basic_block 64 --framework pytorch'));
    expect(total(`${mine} --framework pytorch`)).toBe(2n * (2n * 36_864n + 256n)); // torchvision resnet18 layer1: 147,968
  });
  it("the library is open to everyone: PyTorch's encoder layer and nn.Transformer", () => {
    // torch 1.13: sum(p.numel() for p in nn.TransformerEncoderLayer(512, 8).parameters()) = 3,152,384,
    // nn.TransformerDecoderLayer(512, 8): 4,204,032, nn.Transformer(): 44,140,544.
    expect(total('encoder_layer 512 8 --framework pytorch')).toBe(3_152_384n);
    expect(total('decoder_layer 512 8 --framework pytorch')).toBe(4_204_032n);
    expect(total('transformer --framework pytorch')).toBe(44_140_544n);
    // norm_first moves the norms, not the count; bias=false (PyTorch 2.1+) drops 3·512 + 512 + 2048 + 512 + 2·512 biases.
    expect(total('encoder_layer 512 8 norm_first=true --framework pytorch')).toBe(3_152_384n);
    expect(total('encoder_layer 512 8 bias=false --framework pytorch')).toBe(3_152_384n - (4n * 512n + 2048n + 512n + 2n * 512n));
    expect(total('encoder_layer 512 8 dim_feedforward=1024 --framework pytorch')).toBe(3_152_384n - 2n * 512n * 1024n - 1024n);
  });
  it('refuses a def that is called wrongly or clashes with a kind', () => {
    expect(errorOf('def b(c) { conv c 1 } > input 2x2x2 > b')).toMatch(/`b` needs its `c`: expected `b c`/);
    expect(errorOf('def b(c) { conv c 1 } > input 2x2x2 > b 1 2')).toMatch(/`b` takes at most 1 argument\(s\), got 2/);
    expect(errorOf('def b(c) { conv c 1 } > input 2x2x2 > b k=2')).toMatch(/`k=` is not an option of `b`; it takes: c/);
    expect(errorOf('def conv(c) { dense c }')).toMatch(/`conv` is already a layer kind, preset or keyword/);
    expect(errorOf('def b(c) { conv d*2 1 } > input 2x2x2 > b 1')).toMatch(/`d` in `d\*2` is not a parameter of this def/);
    expect(errorOf('def b(c) { conv c/3 1 } > input 2x2x2 > b 4')).toMatch(/`c\/3`: 4 \/ 3 is not a whole number; use \/\/ to round down/);
    expect(errorOf('def b c { conv 1 1 }')).toMatch(/`def b c` is not a def header/);
    expect(errorOf('{ def b(c) { conv c 1 } }')).toMatch(/`def` must stand at the top level/);
  });
  it('a def cannot call itself (only defs before it are visible): expansion always ends', () => {
    expect(errorOf('def f(c) { f c } > input 2x2x2 > f 1')).toMatch(/`f` is not a layer kind/);
  });
});

describe('syntax errors name the bad token', () => {
  it.each([
    ['input 8x8x3 > { conv 8 3', /A `\{` is never closed/],
    ['input 8x8x3 > conv 8 3 }', /`\}` is out of place/],
    ['input 8x8x3 > conv 8 3 | conv 8 3', /`\|` is out of place/],
    ['input 8x8x3 > { conv 8 3 } xq', /`xq` is not a valid repeat count|`q` in `q` is not a parameter/],
    ['input 8x8x3 > residual conv 8 3', /`residual` needs its braces/],
    ['input 8x8x3 > else { relu }', /`else` must follow the `\}` of an `if`/],
    ['input 8x8x3 > c: conv 8 3 > @no-such', /`@no-such` is not a valid reference/],
    ['input 8x8x3 > c:: conv 8 3', /`c::` is not a valid name/],
    ['input 8x8x3 > name: ', /`name:` names nothing/],
    ['input 8x8x3 > @nothing', /`nothing` names nothing before it here/],
    ['input 8x8x3 > { conv 8 3 } oops', /`oops` must be separated from what comes before it/],
    ['input 8x8x3 > { conv 8 3 } colour=red', /`colour=` is not an option of `\{ \}`; it takes: trainable/],
    ['input 8x8x3 > conv 8 3 > lora r=8 > relu', /`lora` adapts the model before it: put it last/],
  ])('%s', (spec, message) => {
    const text = errorOf(spec);
    expect(text).toMatch(message);
    expect(text.split('\n')).toHaveLength(1);
  });
});

describe('bounds, each refused by name', () => {
  it('nesting deeper than 32 braces', () => {
    expect(errorOf(`input 4 > ${'{ '.repeat(40)}dense 4${' }'.repeat(40)}`)).toMatch(/nested too deeply: at most 32 levels/);
    expect(total(`input 4 > ${'{ '.repeat(30)}dense 4${' }'.repeat(30)}`)).toBe(20n);
  });
  it('more than 2,000 layers once expanded, by nested repetition', () => {
    expect(errorOf('input 4 > { { { dense 4 } x20 } x20 } x6')).toMatch(/at most 2,000 once expanded/);
  });
  it('more than 8,000 layers and groups once expanded, even with no layers at all', () => {
    const { result, ms } = cpuMs(() => errorOf('input 4 > { { { { } x100 } x100 } x100 } x100'));
    expect(result).toMatch(/at most 8,000 layers and groups/);
    expect(ms).toBeLessThan(1_000);
  });
  it('def expansion is charged as it happens: a def calling defs calling defs cannot blow up', () => {
    const defs = ['def d0() { { } }', ...Array.from({ length: 10 }, (_, i) => `def d${i + 1}() { ${Array.from({ length: 10 }, () => `d${i}`).join(' > ')} }`)];
    const { result, ms } = cpuMs(() => errorOf(`${defs.join('\n')}\ninput 4 > d10`));
    expect(result).toMatch(/at most 8,000 layers and groups/);
    expect(ms).toBeLessThan(1_000);
  });
  it('numbers in expressions cannot grow without bound', () => {
    expect(errorOf('def b(c) { conv c*c*c*c*c 1 } > input 2x2x2 > b 100000')).toMatch(/grows too large to be a size/);
  });
  it('a LLaMA-2-70B-sized model (80 layers) is well inside the bounds', () => {
    // config.json of meta-llama/Llama-2-70b-hf: hidden 8192, 80 layers, 64 heads, 8 KV heads, FF 28672, vocab 32000, untied.
    // 2·32000·8192 + 80·(8192·(8192 + 2·1024 + 8192) + 3·8192·28672 + 2·8192) + 8192 = 68,976,648,192
    const result = count('input 4096 > embedding 32000 8192 > { llama_layer 8192 64 8 28672 } x80 > rmsnorm > lmhead 32000');
    expect(result.report.counts.total).toBe(68_976_648_192n);
    expect(result.report.rows.length).toBeLessThan(1_000);
  });
});

describe('print round-trips what parse reads', () => {
  it.each([
    'input 8x8x16 > enc: conv 16 3 pad=same > @enc > { @enc } x2',
    'input 8x8x16 > residual { conv 16 3 pad=same > bn | } > concat { | conv 8 1 } > mul { | gap keepdims=true > conv 24 1 }',
    'input 16 > wte: embedding 100 8 > h: { residual { ln > attention 2 kv_heads=1 } } x3 > lmhead 100 tie=wte',
    'def b(c) { conv c 1 > bn } > input 4x4x4 > s: { b 8 > b 16 } trainable=false',
    'resnet34 classes=10 trainable=false > dense 5',
    'gpt2 > lora r=4 targets=c_attn',
  ])('%s', (spec) => {
    const printed = printBody(parseBody(spec));
    expect(printBody(parseBody(printed))).toBe(printed);
    expect(count(printed).report.counts).toEqual(count(spec).report.counts);
  });
});
