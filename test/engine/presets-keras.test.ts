/**
 * Every model of the Keras Applications table, counted in Keras conventions: Total and
 * Non-trainable params as `keras.applications.X(weights=None).summary()` prints them, without the
 * top, with another number of classes, frozen, and in PyTorch conventions. Each row's source is in
 * keras-applications.ts ([P] published, [T] cross-checked against torchvision 0.14, [C] computed
 * from keras/src/applications at Keras 3.16).
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { findPreset } from '../../src/engine/presets/index.js';
import { KERAS_APPLICATIONS, type KerasRow } from './keras-applications.js';

const counted = (spec: string) => count(spec).report.counts;
const classifier = (row: KerasRow, classes: number) => BigInt(row.head ?? 0) + BigInt(row.features + 1) * BigInt(classes);

describe.each(KERAS_APPLICATIONS.map((row) => [row.name, row] as const))('%s', (name, row) => {
  it(`has ${row.total.toLocaleString('en-US')} parameters, ${row.nonTrainable.toLocaleString('en-US')} non-trainable`, () => {
    const c = counted(name);
    expect([c.total, c.nonTrainable]).toEqual([BigInt(row.total), BigInt(row.nonTrainable)]);
    expect(c.trainable).toBe(BigInt(row.total - row.nonTrainable));
  });

  it('top=false leaves out the classifier, not the statistics', () => {
    const c = counted(`${name} top=false`);
    expect([c.total, c.nonTrainable]).toEqual([BigInt(row.noTop), BigInt(row.nonTrainable)]);
    expect(BigInt(row.total)).toBe(BigInt(row.noTop) + classifier(row, 1000));
    expect(counted(`${name} include_top=False`).total).toBe(BigInt(row.noTop));
  });

  it('classes=N changes only the last layer', () => {
    for (const classes of [2, 10]) {
      const c = counted(`${name} classes=${classes}`);
      expect([c.total, c.nonTrainable]).toEqual([BigInt(row.noTop) + classifier(row, classes), BigInt(row.nonTrainable)]);
    }
  });

  it('trainable=false makes every weight non-trainable', () => {
    const c = counted(`${name} trainable=false`);
    expect([c.total, c.trainable, c.nonTrainable]).toEqual([BigInt(row.total), 0n, BigInt(row.total)]);
  });

  it('PyTorch conventions drop the moving statistics (and the adapted Normalization)', () => {
    const c = counted(`${name} --framework pytorch`);
    expect(c.nonTrainable).toBe(0n);
    if (row.torch !== undefined) expect(c.total).toBe(BigInt(row.torch));
    // A model PyTorch publishes itself (VGG, ResNet50) keeps its own architecture, which may differ.
    if (findPreset(name)?.files.pytorch === undefined) expect(c.total).toBe(BigInt(row.total - row.nonTrainable));
  });
});

describe('the Keras conventions these models need', () => {
  it('EfficientNet keeps 7 non-trainable weights in its adapted Normalization (mean 3, variance 3, count 1)', () => {
    const rows = count('efficientnetb0').report.rows.filter((r) => r.record.kind === 'normalization');
    expect(rows.map((r) => [r.counts.total, r.counts.nonTrainable])).toEqual([[7n, 7n]]);
  });

  it('EfficientNetV2 and ConvNeXt normalize with given numbers: no weights; preprocessing=false leaves the layers out', () => {
    for (const name of ['efficientnetv2b0', 'convnext_tiny']) {
      const rows = count(name).report.rows.filter((r) => r.record.kind === 'normalization');
      expect(rows.map((r) => r.counts.total)).toEqual([0n]);
      const without = count(`${name} preprocessing=false`).report;
      expect(without.rows.some((r) => ['normalization', 'rescaling'].includes(r.record.kind))).toBe(false);
      expect(without.counts.total).toBe(count(name).report.counts.total);
    }
    expect(count('mobilenetv3small include_preprocessing=false').report.rows[0]!.record.kind).toBe('conv');
  });

  it('ConvNeXt has one LayerScale γ per channel in each block', () => {
    const scales = count('convnext_tiny').report.rows.filter((r) => r.record.kind === 'layerscale');
    expect(scales.length).toBe(3 + 3 + 9 + 3);
    expect(scales.reduce((a, r) => a + r.counts.trainable, 0n)).toBe(BigInt(3 * 96 + 3 * 192 + 9 * 384 + 3 * 768));
  });

  it('MobileNetV3 gates its SE blocks with hard-sigmoid and uses hard-swish', () => {
    const kinds = new Set(count('mobilenetv3large').report.rows.map((r) => r.record.kind));
    expect(kinds.has('hardsigmoid') && kinds.has('hardswish')).toBe(true);
  });

  it('NASNet cells read their two inputs by name and keep the published sizes', () => {
    const report = count('nasnetmobile top=false').report;
    expect(report.output).toEqual([7, 7, 1056]);
    expect(report.rows.some((r) => r.record.kind === 'crop')).toBe(true);
    expect(count('nasnetlarge top=false').report.output).toEqual([11, 11, 4032]);
  });

  it('the presets keep Keras output sizes at their default inputs', () => {
    expect(count('xception top=false').report.output).toEqual([10, 10, 2048]);
    expect(count('inceptionv3 top=false').report.output).toEqual([8, 8, 2048]);
    expect(count('inceptionresnetv2 top=false').report.output).toEqual([8, 8, 1536]);
    expect(count('efficientnetb7 top=false').report.output).toEqual([19, 19, 2560]);
    expect(count('efficientnetv2l top=false').report.output).toEqual([15, 15, 1280]);
    expect(count('resnet152v2 top=false in=96x96').report.output).toEqual([3, 3, 2048]);
  });
});
