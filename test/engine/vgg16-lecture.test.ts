/**
 * The lecture the bot teaches from (shared/seeds/lecture-param-count.zh-TW.txt) prints a Keras
 * model.summary() of VGG16 with a 2-class head. Its table is the engine's first truth.
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { LECTURE_VGG16 } from '../../src/engine/presets/lecture.js';
import { renderCount } from '../../src/engine/render.js';

// [name (type), output shape without batch, Param #] as the lecture's table prints them.
// Rows the extracted lecture text lost (conv2d_5..10, pools 3-4) follow the same blocks; their
// numbers are Keras's own for VGG16 (keras.applications.VGG16().summary()).
const TABLE: ReadonlyArray<readonly [string, readonly number[], number]> = [
  ['conv2d_1 (Conv2D)', [224, 224, 64], 1792],
  ['conv2d_2 (Conv2D)', [224, 224, 64], 36928],
  ['max_pooling2d_1 (MaxPooling2D)', [112, 112, 64], 0],
  ['conv2d_3 (Conv2D)', [112, 112, 128], 73856],
  ['conv2d_4 (Conv2D)', [112, 112, 128], 147584],
  ['max_pooling2d_2 (MaxPooling2D)', [56, 56, 128], 0],
  ['conv2d_5 (Conv2D)', [56, 56, 256], 295168],
  ['conv2d_6 (Conv2D)', [56, 56, 256], 590080],
  ['conv2d_7 (Conv2D)', [56, 56, 256], 590080],
  ['max_pooling2d_3 (MaxPooling2D)', [28, 28, 256], 0],
  ['conv2d_8 (Conv2D)', [28, 28, 512], 1180160],
  ['conv2d_9 (Conv2D)', [28, 28, 512], 2359808],
  ['conv2d_10 (Conv2D)', [28, 28, 512], 2359808],
  ['max_pooling2d_4 (MaxPooling2D)', [14, 14, 512], 0],
  ['conv2d_11 (Conv2D)', [14, 14, 512], 2359808],
  ['conv2d_12 (Conv2D)', [14, 14, 512], 2359808],
  ['conv2d_13 (Conv2D)', [14, 14, 512], 2359808],
  ['max_pooling2d_5 (MaxPooling2D)', [7, 7, 512], 0],
  ['flatten_1 (Flatten)', [25088], 0],
  ['dense_1 (Dense)', [4096], 102764544],
  ['dropout_1 (Dropout)', [4096], 0],
  ['dense_2 (Dense)', [4096], 16781312],
  ['dropout_2 (Dropout)', [4096], 0],
  ['dense_3 (Dense)', [2], 8194],
];

describe('the lecture VGG16 table', () => {
  const result = count(LECTURE_VGG16);
  const rows = result.report.rows;

  it('has one row per layer, in order', () => {
    expect(rows.map((r) => `${r.name} (${r.record.typeName})`)).toEqual(TABLE.map(([name]) => name));
  });

  it.each(TABLE.map((row, i) => [i, ...row] as const))('row %i: %s', (i, _name, shape, params) => {
    expect(rows[i]!.record.outputShape).toEqual(shape);
    expect(rows[i]!.counts.total).toBe(BigInt(params));
  });

  it('totals 134,268,738, all trainable', () => {
    expect(result.report.counts).toEqual({ total: 134_268_738n, trainable: 134_268_738n, nonTrainable: 0n });
  });

  it('prints the Keras-style summary with the lecture numbers and worked formulas', () => {
    const text = renderCount(result, 'en');
    expect(text).toMatch(/conv2d_1 \(Conv2D\)\s+\(None, 224, 224, 64\)\s+1,792/);
    expect(text).toMatch(/dense_1 \(Dense\)\s+\(None, 4096\)\s+102,764,544/);
    expect(text).toContain('Total params: 134,268,738');
    expect(text).toContain('Trainable params: 134,268,738');
    expect(text).toContain('Non-trainable params: 0');
    expect(text).toContain('(3×3×3 + 1)×64 = 1,792');
    expect(text).toContain('(25,088 + 1)×4,096 = 102,764,544');
    // 134,268,738 × 4 bytes = 537,074,952 B = 512.19 MiB, as Keras prints it
    expect(text).toContain('512.19 MiB');
  });

  it('is the Keras VGG16 preset with a 2-class head', () => {
    expect(count('vgg16 classes=2').report.counts.total).toBe(134_268_738n);
  });
});

describe('vgg16-lecture --layers', () => {
  it('prints its one table once: its blocks are its layers', () => {
    const text = renderCount(count('vgg16-lecture --layers'), 'en');
    expect(text.match(/^Layer \(type\)/gm)).toHaveLength(1);
    expect(text).not.toMatch(/^Block\s/m);
    expect(text.match(/^dense_3 \(Dense\)/gm)).toHaveLength(1);
  });
  it('still shows a preset with blocks of several layers by block, then by layer', () => {
    const text = renderCount(count('vgg16 --layers'), 'en');
    expect(text).toMatch(/^Block\s/m);
    expect(text).toMatch(/^Layer \(type\)/m);
  });
});
