/**
 * --depth N under Keras: the table of Keras 3's model.summary(expand_nested=True)
 * (keras/src/utils/summary_utils.py: a rich table, show_lines=True, 88 columns cut to an
 * 80-column terminal less 4), its rows checked against the layers real Keras builds
 * (test/fixtures/truths/keras-layers.json, Keras 3.15).
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { kerasMemory } from '../../src/engine/keras-summary.js';
import { renderCount } from '../../src/engine/render.js';
import { kerasTruths } from '../support/framework-truths.js';

const text = (spec: string) => renderCount(count(spec), 'en');

/** The table's rows as [name, class, Param #], a nested layer's name with its `└ ` prefix. */
const rows = (out: string) =>
  out
    .split('\n')
    .map((l) => /^│ (.+?) \((\w+)\)\s+│ .+? │\s+([\d,]+) │$/.exec(l))
    .filter((m) => m !== null)
    .map((m) => [m[1]!.trimEnd(), m[2]!, Number(m[3]!.replaceAll(',', ''))]);

/** Keras 3's table head, as keras.io's summaries print it in an 80-column terminal. */
const HEAD = [
  '┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓',
  '┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃',
  '┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩',
];

describe("--depth under Keras, as Keras's summary(expand_nested=True) prints it", () => {
  it("VGG16 alone: its Functional model's layers, InputLayer first, each by Keras's name, class and count", () => {
    const out = text('vgg16 --depth');
    expect(out).toContain(['Model: "vgg16"', ...HEAD].join('\n'));
    expect(rows(out)).toEqual(kerasTruths().vgg16!.layers.map(([name, type, params]) => [name, type, params]));
    expect(out).toContain('│ block1_conv1 (Conv2D)           │ (None, 224, 224, 64)   │         1,792 │\n├─────');
    expect(out).toContain(' Total params: 138,357,544 (527.79 MB)\n Trainable params: 138,357,544 (527.79 MB)\n Non-trainable params: 0 (0.00 B)');
  });

  it("the lecture's transfer learning: the frozen base one Functional row, its layers nested under it, the head after", () => {
    const out = text('vgg16 top=false frozen > flatten > dense 256 > dense 2 --depth');
    expect(out).toContain('Model: "sequential"');
    const found = rows(out);
    expect(found[0]).toEqual(['vgg16', 'Functional', 14_714_688]);
    // the base without its top: Keras's VGG16 layers up to block5_pool
    const truth = kerasTruths().vgg16!.layers.map(([name, type, params]) => [`   └ ${name}`, type, params]);
    expect(found.slice(1, -3)).toEqual(
      truth.slice(
        0,
        truth.findIndex((l) => l[0] === '   └ flatten'),
      ),
    );
    expect(found.slice(-3).map((r) => [r[1], r[2]])).toEqual([
      ['Flatten', 0],
      ['Dense', 6_422_784],
      ['Dense', 514],
    ]);
    expect(out).toContain('│ vgg16 (Functional)              │ (None, 7, 7, 512)      │    14,714,688 │');
    expect(out).toContain(' Total params: 21,137,986 (80.64 MB)\n Trainable params: 6,423,298 (24.50 MB)\n Non-trainable params: 14,714,688 (56.13 MB)');
  });

  it('--depth 1 is summary() without expand_nested: the base one row', () => {
    expect(rows(text('vgg16 top=false > flatten > dense 2 --depth 1'))).toEqual([
      ['vgg16', 'Functional', 14_714_688],
      ['flatten_1', 'Flatten', 0],
      ['dense_1', 'Dense', 50_178],
    ]);
  });

  it('a model of your own is a Sequential: no InputLayer row; a cell too long for its column wraps as rich wraps it; every line 76 wide', () => {
    const out = text('input 28x28x1 > conv 32 3 > gap > dense 10 --depth');
    expect(out).toContain('│ global_average_pooling2d_1      │ (None, 32)             │             0 │\n│ (GlobalAveragePooling2D)        │                        │               │');
    expect(out).not.toContain('InputLayer');
    const table = out.split('\n').filter((l) => /^[┏┃┡│├└]/.test(l));
    expect(table.every((l) => [...l].length === 76)).toBe(true);
  });

  it("writes sizes as Keras's readable_memory_size: steps of 1,024, two decimals", () => {
    expect([0n, 2_600n, 58_858_752n].map(kerasMemory)).toEqual(['0.00 B', '2.54 KB', '56.13 MB']);
  });
});
