/**
 * A published model asked for as the lecture says it, or as the framework's constructor call: every
 * word is read into an option, or the request is refused naming the words that were not.
 *
 * The truth: Keras 3.x (KERAS_BACKEND=jax, PYTHONPATH=/opt/keras3),
 *   keras.applications.VGG16(weights=None, classes=2).count_params()                        134,268,738
 *   keras.applications.VGG16(weights=None, include_top=False, input_shape=(224, 224, 3))     14,714,688
 *   the same with input_shape=(64, 64, 3)                                                   14,714,688
 *   VGG16(weights=None, classes=2) after model.trainable = False: trainable weights          0
 * and PyTorch 1.13 with torchvision (/usr/bin/python3), sum(p.numel() for p in m.parameters()):
 *   torchvision.models.resnet18(num_classes=10)                                             11,181,642
 *   torchvision.models.resnet18()                                                           11,689,512
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { errorOf } from '../support/count.js';

const numbers = (spec: string) => {
  const r = count(spec);
  return { framework: r.framework, total: r.report.counts.total, trainable: r.report.counts.trainable };
};

describe('a model asked for in words', () => {
  it.each([
    ['vgg16 with 2 classes', 134_268_738n, 134_268_738n],
    ['VGG16 with 2 classes', 134_268_738n, 134_268_738n],
    ['how many parameters does vgg16 with 2 classes have?', 134_268_738n, 134_268_738n],
    ['vgg16 2 類', 134_268_738n, 134_268_738n],
    ['vgg16 分成 2 類有幾個參數？', 134_268_738n, 134_268_738n],
    ['vgg16 without the top', 14_714_688n, 14_714_688n],
    ['vgg16 no top', 14_714_688n, 14_714_688n],
    ['vgg16 不含頂層', 14_714_688n, 14_714_688n],
    ['vgg16 frozen', 138_357_544n, 0n],
    ['vgg16 frozen with 2 classes', 134_268_738n, 0n],
    ['凍結的 vgg16 有幾個參數？', 138_357_544n, 0n],
  ])('%s', (spec, total, trainable) => {
    expect(numbers(spec)).toMatchObject({ total, trainable });
  });

  it('still counts a plain question about a model', () => {
    expect(numbers('how many parameters does resnet18 have in pytorch?')).toEqual({ framework: 'pytorch', total: 11_689_512n, trainable: 11_689_512n });
  });

  it('refuses naming exactly the words it could not read', () => {
    expect(errorOf('vgg16 with 2 classes and a banana')).toMatch(/^Read `vgg16`, but not `banana`:/);
    expect(errorOf('vgg16 with lots of everything')).toMatch(/^Read `vgg16`, but not `lots`, `everything`:/);
    expect(errorOf('vgg16 香蕉 2 類')).toMatch(/^Read `vgg16`, but not `香蕉`:/);
  });
});

describe("a model asked for as its framework's constructor call", () => {
  const KERAS = { framework: 'keras' } as const;
  const TORCH = { framework: 'pytorch' } as const;
  it.each([
    { call: 'VGG16(weights=None, classes=2)', ...KERAS, total: 134_268_738n },
    { call: 'keras.applications.VGG16(weights=None, classes=2)', ...KERAS, total: 134_268_738n },
    { call: 'VGG16(include_top=False, input_shape=(224, 224, 3))', ...KERAS, total: 14_714_688n },
    { call: "VGG16(weights='imagenet', include_top=False, input_shape=(64, 64, 3))", ...KERAS, total: 14_714_688n },
    { call: 'resnet18(num_classes=10)', ...TORCH, total: 11_181_642n },
    { call: 'torchvision.models.resnet18(weights=None, num_classes=10)', ...TORCH, total: 11_181_642n },
  ])('$call', ({ call, framework, total }) => {
    expect(numbers(call)).toMatchObject({ framework, total });
  });

  it('refuses a keyword that would change the model and is not read, naming it', () => {
    expect(errorOf('VGG16(weights=None, classes=2, foo=3)')).toMatch(/^Read `vgg16`, but not `foo=3`:/);
    expect(errorOf('VGG16(include_top=False, input_shape=(224, 224, 1))')).toMatch(/but not `input_shape=\(224, 224, 1\)`/);
  });
});

describe("the lecture's phrases after a preset's name in a spec", () => {
  // VGG16 without its top (Keras 3: 14,714,688), frozen, then Flatten and Dense(256), Dense(2):
  // 7·7·512·256 + 256 = 6,422,784 and 256·2 + 2 = 514 trainable.
  it.each([
    'vgg16 top=false frozen > flatten > dense 256 > dense 2',
    'vgg16 top=false trainable=false > flatten > dense 256 > dense 2',
    'vgg16 without the top frozen > flatten > dense 256 > dense 2',
    'vgg16 frozen top=false > flatten > dense 256 > dense 2',
    'vgg16 不含頂層 凍結 > flatten > dense 256 > dense 2',
  ])('%s: the same model as its options say', (spec) => {
    expect(numbers(spec)).toMatchObject({ total: 14_714_688n + 6_422_784n + 514n, trainable: 6_422_784n + 514n });
  });

  it('reads "with N classes" there too', () => {
    expect(numbers('resnet18 with 10 classes > relu --framework pytorch')).toMatchObject({ total: 11_181_642n });
  });

  it('refuses any other word by name, and an option said twice', () => {
    expect(errorOf('vgg16 top=false frozen banana > dense 10')).toMatch(/^Read `vgg16`, but not `banana`:/);
    expect(errorOf('vgg16 the > dense 10')).toMatch(/^Read `vgg16`, but not `the`:/);
    expect(errorOf('vgg16 trainable=true frozen > dense 2')).toMatch(/`trainable=` is given twice in `vgg16`/);
    expect(errorOf('vgg16 classes=2 classes=3')).toMatch(/`classes=` is given twice in `vgg16`/);
  });
});
