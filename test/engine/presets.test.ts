/**
 * Published architectures, checked against the counts their frameworks print:
 * Keras: keras.applications.X(weights=None).count_params() (the table at keras.io/api/applications
 * lists them in millions); torchvision: sum(p.numel() for p in model.parameters()), as in
 * torchvision's model docs ("num_params").
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { blockTable } from '../../src/engine/model.js';
import { renderCount } from '../../src/engine/render.js';

const PUBLISHED: ReadonlyArray<readonly [spec: string, total: number, nonTrainable: number]> = [
  // [spec, total, non-trainable (Keras BatchNorm moving statistics)]
  ['vgg16', 138_357_544, 0],
  ['vgg16 top=false', 14_714_688, 0],
  ['vgg19', 143_667_240, 0],
  ['vgg19 top=false', 20_024_384, 0],
  ['resnet50', 25_636_712, 53_120],
  ['resnet50 top=false', 23_587_712, 53_120],
  ['mobilenet', 4_253_864, 21_888],
  ['mobilenet top=false', 3_228_864, 21_888],
  ['mobilenetv2', 3_538_984, 34_112],
  ['mobilenetv2 top=false', 2_257_984, 34_112],
  ['resnet18 --framework pytorch', 11_689_512, 0],
  ['resnet50 --framework pytorch', 25_557_032, 0],
  ['alexnet --framework pytorch', 61_100_840, 0],
  ['vgg16 --framework pytorch', 138_357_544, 0],
  ['vgg19 --framework pytorch', 143_667_240, 0],
  // torchvision.models.mobilenet_v2 is Keras's MobileNetV2 without the BatchNorm statistics.
  ['mobilenetv2 --framework pytorch', 3_504_872, 0],
];

describe.each(PUBLISHED)('%s', (spec, total, nonTrainable) => {
  it(`has ${total.toLocaleString('en-US')} parameters`, () => {
    const { counts } = count(spec).report;
    expect(counts.total).toBe(BigInt(total));
    expect(counts.nonTrainable).toBe(BigInt(nonTrainable));
  });
});

describe('classes=N replaces the classifier only', () => {
  it('VGG16 with 10 classes: 138,357,544 - 4,097,000 + (4096 + 1)·10', () => {
    expect(count('vgg16 classes=10').report.counts.total).toBe(138_357_544n - 4_097_000n + 40_970n);
  });
  it('ResNet50 with 2 classes: 23,587,712 + (2048 + 1)·2', () => {
    expect(count('resnet50 classes=2').report.counts.total).toBe(23_587_712n + 4_098n);
  });
  it('MobileNet head is a 1×1 convolution: (1024 + 1)·classes', () => {
    expect(count('mobilenet classes=5').report.counts.total).toBe(3_228_864n + 5_125n);
  });
});

describe('presets pick their framework', () => {
  it('torchvision-only architectures default to PyTorch', () => {
    expect(count('resnet18').framework).toBe('pytorch');
    expect(count('alexnet').report.counts.total).toBe(61_100_840n);
  });
  it('resnet18 under Keras conventions adds the BatchNorm statistics as non-trainable', () => {
    const { counts } = count('resnet18 --framework keras').report;
    expect(counts.trainable).toBe(11_689_512n);
    expect(counts.nonTrainable).toBe(9_600n); // 2 × (sum of BatchNorm channels = 4,800)
  });
  it('a preset can head a chain (transfer learning)', () => {
    expect(count('vgg16 top=false > flatten > dense 256 > dense 2').report.counts.total).toBe(14_714_688n + 25_088n * 256n + 256n + 514n);
  });
  it('takes another input size where the architecture allows', () => {
    expect(count('resnet50 top=false in=96x96').report.output).toEqual([3, 3, 2048]);
  });
});

describe('the per-block table shows where the parameters are', () => {
  it('VGG16: the first dense layer holds 74% of them', () => {
    const result = count('vgg16');
    const fc1 = blockTable(result.report).find((b) => b.name === 'fc1')!;
    expect(fc1.counts.total).toBe(102_764_544n);
    expect(renderCount(result, 'en')).toMatch(/fc1\s+\(None, 4096\)\s+102,764,544\s+74\.3%/);
  });
  it('ResNet50 by stage, with --layers for every layer', () => {
    const result = count('resnet50 --layers');
    const names = blockTable(result.report).map((b) => b.name);
    expect(names).toEqual(['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'global_average_pooling2d_1', 'predictions']);
    const text = renderCount(result, 'en');
    expect(text).toContain('keras.applications.ResNet50');
    expect(text).toMatch(/conv2d_53 \(Conv2D\)/);
  });
});
