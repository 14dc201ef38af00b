/**
 * `section TITLE { ... }`: one row of the per-block table and nothing else. A model written a layer
 * a line (Keras numbers unnamed layers by global counters: conv2d_93, activation_187) is grouped
 * into its cells and blocks without a single name, path, shape or count changing.
 * Hand-worked numbers: a 3×3 conv from 16 to 16 channels with bias is (3·3·16 + 1)·16 = 2,320;
 * Keras's BatchNorm of 16 channels keeps 4·16 = 64 weights.
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { toJson } from '../../src/engine/json.js';
import { blockTable, type Report } from '../../src/engine/model.js';
import { PRESETS } from '../../src/engine/presets/index.js';
import { parseBody, printBody } from '../../src/engine/spec.js';
import type { Framework } from '../../src/engine/types.js';
import { errorOf } from '../support/count.js';

const CONV16 = 2_320n;
const BN16 = 64n;

/** The same model with and without its sections: a cell that reads the stem's output with `from`, then `@` a layer of the cell. */
const BARE = 'input 8x8x16 > a: conv 16 3 pad=same > bn > relu > conv 16 3 pad=same > from a > b: conv 16 3 pad=same > bn > @b > gap > dense 10';
const SECTIONED = 'input 8x8x16 > section stem { a: conv 16 3 pad=same > bn > relu } > section cell 1 { conv 16 3 pad=same > from a > b: conv 16 3 pad=same > bn } > @b > gap > dense 10';

const rowsOf = (report: Report) => report.rows.map((r) => [r.name, r.module, r.record.outputShape, r.counts, r.record.macs, r.shared]);

describe('a section', () => {
  it.each<Framework>(['keras', 'pytorch'])('changes no name, module path, shape, count or MACs (%s)', (framework) => {
    const bare = count(`${BARE} --framework ${framework}`).report;
    const sectioned = count(`${SECTIONED} --framework ${framework}`).report;
    expect(rowsOf(sectioned)).toEqual(rowsOf(bare));
    expect([sectioned.counts, sectioned.macs, sectioned.output]).toEqual([bare.counts, bare.macs, bare.output]);
    // Keras's own counters run on through the sections: nothing is prefixed with `stem_`.
    if (framework === 'keras') expect(sectioned.rows.map((r) => r.name).slice(0, 4)).toEqual(['a', 'batch_normalization_1', 'activation_1', 'conv2d_2']);
  });

  it('is one row of the block table, its counts the exact sum of its layers', () => {
    const { report } = count(SECTIONED);
    const blocks = blockTable(report);
    expect(blocks.map((b) => [b.name, b.counts.total])).toEqual([
      ['stem', CONV16 + BN16],
      ['cell 1', 2n * CONV16 + BN16],
      ['shared_1', 0n],
      ['global_average_pooling2d_1', 0n],
      ['dense_1', 170n],
    ]);
    expect(blocks[1]!.output).toEqual([8, 8, 16]);
    // summed from the rows, trainable and not: the table adds up to the total
    const sum = blocks.reduce((a, b) => ({ total: a.total + b.counts.total, trainable: a.trainable + b.counts.trainable, nonTrainable: a.nonTrainable + b.counts.nonTrainable }), {
      total: 0n,
      trainable: 0n,
      nonTrainable: 0n,
    });
    expect(sum).toEqual(report.counts);
    expect(blocks[0]!.counts.nonTrainable).toBe(32n); // the moving mean and variance of 16 channels
  });

  it('keeps the layers in the JSON and the layer table; only the blocks are grouped', () => {
    const doc = JSON.parse(toJson(count('nasnetmobile'))) as { layers: { name: string }[]; blocks: { name: string; params: string | number }[] };
    expect(doc.layers.some((l) => l.name === 'separable_conv_1_normal_left1_0')).toBe(true);
    expect(doc.layers.some((l) => l.name === 'activation_187')).toBe(true);
    expect(doc.blocks.map((b) => b.name)).toContain('normal_0');
    expect(doc.blocks.length).toBeLessThan(30);
  });

  it('may nest and sit in a group: only one at the top level heads a row', () => {
    const { report } = count('input 8x8x16 > section outer { section inner { conv 16 3 pad=same } > g: { section deep { bn } } }');
    expect(blockTable(report).map((b) => [b.name, b.counts.total])).toEqual([['outer', CONV16 + BN16]]);
    expect(report.rows.map((r) => r.module)).toEqual(['conv2d_1', 'g.batch_normalization_1']);
  });

  it('a frozen preset freezes what its sections hold', () => {
    const c = count('nasnetmobile trainable=false').report.counts;
    expect([c.total, c.trainable]).toEqual([5_326_716n, 0n]);
  });

  it('prints back to text that counts the same', () => {
    const body = parseBody(SECTIONED);
    const printed = printBody(body);
    expect(printed).toContain('section cell 1 {');
    expect(printBody(parseBody(printed))).toBe(printed);
    expect(count(printed).report.counts).toEqual(count(SECTIONED).report.counts);
  });

  it('takes a title, and no name, repeat or option (they would make it a module)', () => {
    expect(errorOf('input 8x8x16 > section { conv 16 3 }')).toMatch(/needs a title/);
    for (const spec of ['input 8x8x16 > s: section x { conv 16 3 }', 'input 8x8x16 > section x { conv 16 3 } x2', 'input 8x8x16 > section x { conv 16 3 } trainable=false']) {
      expect(errorOf(spec)).toMatch(/`section x` takes no name, repeat or option/);
    }
  });

  it('a repetition named with `$` is one row named by its first and last copies', () => {
    const { report } = count('input 8x8x16 > block$: { conv 16 3 pad=same } x3 start=5');
    expect(blockTable(report).map((b) => [b.name, b.repeat, b.counts.total])).toEqual([['block5 … block7', 3, 3n * CONV16]]);
    expect(report.rows.map((r) => r.name)).toEqual(['block5', 'block6', 'block7']);
  });

  it('is a reserved word: no def may take it', () => {
    expect(errorOf('def section(c) { conv c 3 } > input 8x8x16 > section 16')).toMatch(/section/);
  });
});

/**
 * The block table is the short answer: a preset written a layer a line (Keras's counter-named
 * layers) groups its lines into sections, so no preset's table runs to hundreds of rows
 * (NASNetLarge was 864). The lecture's VGG16 is its 24 layers on purpose.
 */
const MAX_BLOCK_ROWS = 40;

describe('every preset has a short block table', () => {
  it.each(PRESETS.flatMap((p) => (Object.keys(p.files) as Framework[]).map((fw) => [p.name, fw] as const)))(`%s (%s): at most ${MAX_BLOCK_ROWS} rows`, (name, framework) => {
    expect(blockTable(count(`${name} --framework ${framework}`).report).length).toBeLessThanOrEqual(MAX_BLOCK_ROWS);
  });

  it('NASNet by its cells, InceptionResNetV2 by its runs of blocks, MobileNet by its depthwise-separable blocks', () => {
    const names = (preset: string) => blockTable(count(preset).report).map((b) => b.name);
    expect(names('nasnetmobile')).toEqual([
      'stem_conv1',
      'stem_bn1',
      'stem_1',
      'stem_2',
      ...['normal_0', 'normal_1', 'normal_2', 'normal_3', 'reduce_4', 'normal_5', 'normal_6', 'normal_7', 'normal_8', 'reduce_8'],
      ...['normal_9', 'normal_10', 'normal_11', 'normal_12', 'activation_187', 'global_average_pooling2d', 'predictions'],
    ]);
    expect(names('inceptionresnetv2')).toEqual([
      'stem',
      'mixed_5b',
      'block35_1 … block35_10',
      'mixed_6a',
      'block17_1 … block17_20',
      'mixed_7a',
      'block8_1 … block8_10',
      'conv_7b',
      'avg_pool',
      'predictions',
    ]);
    expect(names('mobilenet').slice(0, 3)).toEqual(['conv1', 'conv_dw_1 + conv_pw_1', 'conv_dw_2 + conv_pw_2']);
  });
});
