/**
 * torchvision 0.14's CNN classifiers as presets (data/pytorch/*.pq, their defs in data/lib/), each
 * checked against the count torchvision publishes (test/support/torchvision-cnn.ts: the weights'
 * num_params, and the classifier's arithmetic for classes=N and top=false), and the engine parts
 * they needed: ceil_mode pooling, channel chunks and shuffles, auxiliary heads (`side`), hard
 * sigmoid, defaults with parentheses, presets of two frameworks matched by key, the expansion cache.
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { blockTable } from '../../src/engine/model.js';
import { findPreset, groupPresets, LIBRARY, PresetFile } from '../../src/engine/presets/index.js';
import { textFile } from '../../src/engine/presets/files.js';
import { renderCount } from '../../src/engine/render.js';
import { parseBody, printBody } from '../../src/engine/spec.js';
import { errorOf, only, total } from '../support/count.js';
import { TORCHVISION_AUX, TORCHVISION_CNN } from '../support/torchvision-cnn.js';

const pytorch = (spec: string) => count(`${spec} --framework pytorch`).report;

describe.each(TORCHVISION_CNN)('$name', ({ name, numParams, head, weights }) => {
  it(`has the ${numParams.toLocaleString('en-US')} parameters of ${weights}'s num_params`, () => {
    const { counts } = pytorch(name);
    expect(counts.total).toBe(BigInt(numParams));
    expect(counts.nonTrainable).toBe(0n);
  });
  it('classes=10 changes the last layer only', () => {
    expect(pytorch(`${name} classes=10`).counts.total).toBe(BigInt(numParams - 990 * head.perClass));
  });
  it('top=false leaves out the classifier', () => {
    expect(pytorch(`${name} top=false`).counts.total).toBe(BigInt(numParams - head.fixed - 1_000 * head.perClass));
  });
});

describe('GoogLeNet and Inception-v3 keep their auxiliary classifiers by default', () => {
  it.each(TORCHVISION_AUX)('%s: %i', (spec, expected) => {
    expect(pytorch(spec).counts.total).toBe(BigInt(expected));
  });
  it('the aux heads are blocks of their own, with their own outputs, beside the main path', () => {
    const blocks = blockTable(pytorch('googlenet'));
    const aux1 = blocks.find((b) => b.name === 'aux1')!;
    const aux2 = blocks.find((b) => b.name === 'aux2')!;
    expect([aux1.counts.total, aux1.output]).toEqual([3_188_968n, [1000]]);
    expect([aux2.counts.total, aux2.output]).toEqual([3_191_016n, [1000]]);
    // torchvision's googlenet.py comments the shapes: N x 1024 x 7 x 7 after inception5b
    expect(blocks.find((b) => b.name === 'inception5b')!.output).toEqual([7, 7, 1024]);
    const text = renderCount(count('googlenet --framework pytorch'), 'en');
    expect(text).toMatch(/aux1\s+\[1, 1000\]\s+3,188,968/);
    expect(pytorch('googlenet aux_logits=false').rows.some((r) => r.module.startsWith('aux'))).toBe(false);
  });
  it('Inception-v3: AuxLogits on Mixed_6e, 8×8×2048 at the end (inception.py comments)', () => {
    const blocks = blockTable(pytorch('inception_v3'));
    expect(blocks.find((b) => b.name === 'Mixed_6e')!.output).toEqual([17, 17, 768]);
    expect(blocks.find((b) => b.name === 'AuxLogits')!.counts.total).toBe(3_326_696n);
    expect(blocks.find((b) => b.name === 'Mixed_7c')!.output).toEqual([8, 8, 2048]);
  });
  it('aux_logits is an option of these two only', () => {
    expect(errorOf('resnet101 aux_logits=false')).toMatch(/`aux_logits=` is not an option of `resnet101`; it takes: top, classes, in, trainable/);
    expect(errorOf('googlenet aux_logits=maybe')).toMatch(/`maybe` is not a valid aux_logits/);
  });
});

describe('names', () => {
  it.each([
    ['resnet101', 'ResNet101', 'resnet-101', 'resnet_101', 'RESNET101'],
    ['regnet_y_1_6gf', 'RegNetY-1.6GF', 'regnet_y_1.6gf', 'regnety_1_6gf'],
    ['regnet_y_16gf', 'RegNetY-16GF', 'regnet_y_16gf', 'regnety16gf'],
    ['shufflenet_v2_x0_5', 'ShuffleNet_V2_X0.5', 'shufflenetv2_x0.5', 'shufflenet-v2-x0-5'],
    ['shufflenet_v2_x1_0', 'shufflenet', 'shufflenet_v2'],
    ['googlenet', 'GoogLeNet', 'inception_v1', 'inception-v1'],
    // one preset with Keras's file: named as Keras names it
    ['inceptionv3', 'inception_v3', 'Inception_V3', 'inception3', 'inception-v3'],
    ['efficientnetv2s', 'efficientnet_v2_s', 'EfficientNet_V2_S', 'efficientnetv2-s', 'efficientnet-v2-s'],
    ['wide_resnet50_2', 'Wide_ResNet50_2', 'wrn50-2', 'wide_resnet50'],
    ['resnext50_32x4d', 'ResNeXt50_32X4D', 'resnext50'],
    ['vgg16_bn', 'VGG16_BN', 'vgg16-bn', 'vgg16bn'],
    ['squeezenet1_0', 'SqueezeNet1_0', 'squeezenet1.0', 'squeezenet'],
    ['mnasnet1_0', 'MNASNet1_0', 'mnasnet'],
    ['mobilenetv2', 'mobilenet_v2', 'MobileNet_V2'],
  ])('%s', (name, ...spellings) => {
    for (const s of spellings) expect(findPreset(s)?.name).toBe(name);
  });
  it('a separator between two digits is a decimal point: RegNetX-1.6GF is not RegNetX-16GF', () => {
    expect(findPreset('regnet_x_1_6gf')).not.toBe(findPreset('regnet_x_16gf'));
    // torchvision 0.14 num_params: RegNet_X_1_6GF_Weights 9,190,136, RegNet_X_16GF_Weights 54,278,536
    expect(pytorch('RegNetX-1.6GF').counts.total).toBe(9_190_136n);
    expect(pytorch('regnetx_16gf').counts.total).toBe(54_278_536n);
  });
  it("mobilenet_v2, the torchvision name of the mobilenetv2 preset, is torchvision's count under PyTorch", () => {
    // MobileNet_V2_Weights num_params 3,504,872
    expect(pytorch('mobilenet_v2').counts.total).toBe(3_504_872n);
  });
});

describe("two frameworks' files of one model are one preset, whatever their spellings", () => {
  const file = (path: string, name: string, framework: 'keras' | 'pytorch') =>
    new PresetFile(textFile(path, `# preset: ${name}\n# source: a test\n# expect: 1\ninput 4x4x3\nconv 1 1 bias=false`), framework, LIBRARY);
  it('EfficientNetB0 (Keras) and efficientnet_b0 (torchvision): named as Keras names it, the other an alias', () => {
    const [preset, ...rest] = groupPresets([file('keras/a.pq', 'efficientnetb0', 'keras'), file('pytorch/b.pq', 'efficientnet_b0', 'pytorch')]);
    expect(rest).toEqual([]);
    expect([preset!.name, preset!.aliases, preset!.native]).toEqual(['efficientnetb0', ['efficientnet_b0'], 'keras']);
    expect(preset!.fileFor('pytorch').file.path).toBe('pytorch/b.pq');
  });
  it('two files of one framework for the same model are refused at load', () => {
    expect(() => groupPresets([file('pytorch/a.pq', 'resnet_101', 'pytorch'), file('pytorch/b.pq', 'resnet101', 'pytorch')])).toThrow(/same model/);
  });
});

describe('under Keras conventions the BatchNorm statistics are non-trainable weights', () => {
  it.each([
    // 2 × the BatchNorm channels: the sum of torchvision's running_mean and running_var buffers
    ['googlenet', 13_004_888n, 15_072n],
    ['regnet_y_400mf', 4_344_144n, 27_152n],
    ['shufflenet_v2_x1_0', 2_278_604n, 16_180n],
  ])('%s', (name, trainable, statistics) => {
    const { counts } = count(`${name} --framework keras`).report;
    expect([counts.trainable, counts.nonTrainable]).toEqual([trainable, statistics]);
  });
});

describe('a model both frameworks publish is read from the file of the framework asked for', () => {
  it("efficientnet_b0 under Keras is Keras's EfficientNetB0: the BatchNorm statistics and its Normalization layer's 7", () => {
    // keras.io/api/applications: EfficientNetB0 5,330,571 parameters; torchvision's BN statistics 42,016
    const { counts } = count('efficientnet_b0 --framework keras').report;
    expect([counts.trainable, counts.nonTrainable, counts.total]).toEqual([5_288_548n, 42_023n, 5_330_571n]);
    // torchvision 0.14 EfficientNet_B0_Weights num_params 5,288,548
    expect(pytorch('efficientnet_b0').counts.total).toBe(5_288_548n);
  });
});

describe('per-block and per-layer tables', () => {
  it('RegNetY-400MF by stage, as torchvision names them', () => {
    const blocks = blockTable(pytorch('regnet_y_400mf'));
    expect(blocks.map((b) => b.name)).toEqual(['stem', 'trunk_output.block1', 'trunk_output.block2', 'trunk_output.block3', 'trunk_output.block4', 'avgpool', 'fc']);
    // fc = Linear(440, 1000)
    expect(blocks.at(-1)!.counts.total).toBe(441_000n);
    const layers = renderCount(count('regnet_y_400mf --layers --framework pytorch'), 'en');
    // the first block's squeeze-and-excitation: 48 channels squeezed to a quarter of its input, 32/4 = 8: 48·8 + 8
    expect(layers).toMatch(/trunk_output\.block1\.block1-0\.f\.se\.fc1 \(Conv2d\)\s+\[1, 8, 1, 1\]\s+392/);
    expect(layers).toContain('torchvision.models.regnet_y_400mf');
  });
  it('a function in forward is named as forward calls it, with no module of its own; a name given makes it a module', () => {
    const rows = (spec: string) => count(`input 8x8x3 > conv 4 3 > ${spec} > dense 2 --framework pytorch`).report.rows.map((r) => `${r.name}:${r.call}`);
    expect(rows('gap functional=true')).toEqual(['conv2d_1:module', 'F.adaptive_avg_pool2d:function', 'linear_1:module']);
    expect(rows('gap functional=x.mean')).toEqual(['conv2d_1:module', 'x.mean:function', 'linear_1:module']);
    expect(rows('flatten')).toEqual(['conv2d_1:module', 'torch.flatten:function', 'linear_1:module']);
    expect(rows('flat: flatten')).toEqual(['conv2d_1:module', 'flat:module', 'linear_1:module']);
    expect(errorOf('input 8x8x3 > gap functional=x[0]')).toMatch(/`functional=x\[0\]`: expected true, false or the call/);
    // Keras applies no layer as a function: named as a layer
    expect(count('input 8x8x3 > conv 4 3 > flatten > dense 2 --framework keras').report.rows.map((r) => r.name)).toEqual(['conv2d_1', 'flatten_1', 'dense_1']);
  });
  it('ShuffleNet V2: the chunks and the shuffle are rows with no parameters', () => {
    const text = renderCount(count('shufflenet_v2_x1_0 --layers --framework pytorch'), 'en');
    // functions in forward, named as it calls them (x.chunk(2, dim=1), channel_shuffle), not as modules
    expect(text).toMatch(/torch\.chunk \(function\)\s+\[1, 58, 28, 28\]\s+0/);
    expect(text).toMatch(/channel_shuffle \(function\)\s+\[1, 116, 28, 28\]\s+0/);
    expect(blockTable(pytorch('shufflenet_v2_x1_0')).map((b) => b.name)).toEqual(['conv1', 'maxpool', 'stage2', 'stage3', 'stage4', 'conv5', 'x.mean', 'fc']); // x.mean([2, 3]) in forward
  });
  it('EfficientNet-B0 by stage: features.6 (4 MBConv blocks, 192 channels) holds the most', () => {
    const blocks = blockTable(pytorch('efficientnet_b0'));
    const biggest = blocks.reduce((a, b) => (b.counts.total > a.counts.total ? b : a));
    expect([biggest.name, biggest.output]).toEqual(['features.6', [7, 7, 192]]);
  });
  it('SqueezeNet: the pools round up (ceil_mode), so the features end at 13×13 (torchvision forward)', () => {
    expect(blockTable(pytorch('squeezenet1_0'))[0]!.output).toEqual([13, 13, 512]);
    expect(blockTable(pytorch('squeezenet1_1'))[0]!.output).toEqual([13, 13, 512]);
  });
});

describe('ceil_mode pooling (PyTorch ceil=true)', () => {
  // Output lengths as torch.nn.MaxPool2d(k, s, p, ceil_mode=True) gives them (its docs' formula).
  it.each([
    ['maxpool 3 stride=2 ceil=true in=112x112x64', [56, 56, 64]], // floor: 55
    ['maxpool 3 stride=2 pad=1 ceil=true in=6x6x1', [4, 4, 1]], // floor: 3
    ['maxpool 2 stride=2 pad=1 ceil=true in=5x5x1', [3, 3, 1]], // ⌈5/2⌉ + 1 = 4, but the 4th window would start in the padding
    ['avgpool 3 stride=2 ceil=true in=109x109x96', [54, 54, 96]],
    ['maxpool1d 3 stride=2 ceil=true in=10x4', [5, 4]],
  ])('%s', (spec, shape) => {
    expect(only(`${spec} --framework pytorch`).record.outputShape).toEqual(shape);
  });
  it('works the size out with ⌈ ⌉, and prints back', () => {
    const row = only('maxpool 3 stride=2 ceil=true in=112x112x64 --framework pytorch');
    expect(row.record.shapeWorking()).toEqual(['H_out = W_out = ⌈(112 − 3)/2⌉ + 1 = 56']);
    expect(only('maxpool 2 stride=2 pad=1 ceil=true in=5x5x1').record.shapeWorking()).toEqual(['H_out = W_out = ⌈(5 + 2·1 − 2)/2⌉ = 3']);
    expect(printBody(parseBody('maxpool 3 stride=2 ceil=true'))).toBe('maxpool 3 stride=2 ceil=true');
  });
  it('its size mistake is the rounded-down formula; the rounded-down slips do not apply', () => {
    const ids = only('maxpool 3 stride=2 ceil=true in=112x112x64')
      .record.mistakes()
      .map((m) => m.id);
    expect(ids).toContain('floorNotCeil');
    expect(ids).not.toContain('ceilNotFloor');
    const floor = only('maxpool 3 stride=2 in=112x112x64')
      .record.mistakes()
      .map((m) => m.id);
    expect(floor).not.toContain('floorNotCeil');
  });
  it('refuses ceil=true with pad=same, naming both', () => {
    expect(errorOf('maxpool 3 stride=2 pad=same ceil=true in=8x8x1')).toMatch(/`maxpool`: ceil=true keeps a last, partial window, and pad=same leaves none/);
    expect(errorOf('maxpool 3 ceil=maybe')).toMatch(/`maybe` is not a valid ceil/);
  });
});

describe('channel chunks and shuffles (ShuffleNet)', () => {
  it('chunk N keeps one of N equal parts of the channels; shuffle keeps the shape; neither has parameters', () => {
    expect(only('chunk 2 in=28x28x116').record.outputShape).toEqual([28, 28, 58]);
    expect(only('shuffle 2 in=28x28x116').record.outputShape).toEqual([28, 28, 116]);
    expect(total('chunk 2 in=28x28x116') + total('shuffle 2 in=28x28x116')).toBe(0n);
    // the stride-1 unit of shufflenet_v2_x1_0's stage2: conv 58→58 1×1 (3,364), BN (116), depthwise 3×3 (522), BN, conv 3,364, BN
    expect(total('input 28x28x116 > shufflenet_unit 116 --framework pytorch')).toBe(3_364n + 116n + 522n + 116n + 3_364n + 116n);
  });
  it('refuses channels that do not divide', () => {
    expect(errorOf('chunk 3 in=8x8x16')).toMatch(/`chunk`: 16 channels do not split into 3 equal parts/);
    expect(errorOf('shuffle 3 in=8x8x16')).toMatch(/`shuffle`: 16 channels do not split into 3 equal parts/);
  });
});

describe('side { ... }: an auxiliary head', () => {
  it('counts its parameters and passes the input on', () => {
    const report = count('input 4x4x8 > side { flatten > dense 10 } > conv 8 1').report;
    expect(report.counts.total).toBe(129n * 10n + 72n);
    expect(report.output).toEqual([4, 4, 8]);
    expect(blockTable(report).map((b) => [b.name, b.output])).toEqual([
      ['side_1', [10]],
      ['conv2d_1', [4, 4, 8]],
    ]);
  });
  it('prints back and may be named and nested in defs', () => {
    expect(printBody(parseBody('input 4x4x8 > aux: side { flatten > dense 10 }'))).toBe('input 4x4x8 > aux: side { flatten > dense 10 }');
    expect(count('def head(n) { side { flatten > dense n } } > input 2x2x1 > head 3 > head 3').report.counts.total).toBe(30n);
  });
  it('refuses it without braces or with branches', () => {
    expect(errorOf('input 4x4x8 > side dense 10')).toMatch(/`side` needs its braces/);
    expect(errorOf('input 4x4x8 > side { flatten | dense 10 }')).toMatch(/`\|` is out of place/);
  });
});

describe('the language pieces these presets use', () => {
  it("a def default may hold parentheses (MobileNetV3's _make_divisible)", () => {
    expect(total('def round8(c, n=(c+4)//8*8) { conv n 1 bias=false } > input 1x1x1 > round8 18')).toBe(16n);
  });
  it('MobileNetV3 squeezes to _make_divisible(c//4, 8): 72 → 24 (18 rounds to 16, more than 10% below), 16 → 8', () => {
    // SqueezeExcitation(72, 24): 2·72·24 + 24 + 72
    expect(total('input 7x7x72 > mobilenetv3_se 72')).toBe(2n * 72n * 24n + 24n + 72n);
    expect(total('input 7x7x16 > mobilenetv3_se 16')).toBe(2n * 16n * 8n + 8n + 16n);
  });
  it('hardsigmoid is an activation without parameters', () => {
    expect([only('hardsigmoid in=8 --framework pytorch').record.typeName, total('hardsigmoid in=8')]).toEqual(['Hardsigmoid', 0n]);
  });
});

describe('a preset is expanded once per options and reused', () => {
  it('the same counts every time, frozen or not, whatever was asked before', () => {
    const plain = pytorch('efficientnet_b0');
    const frozen = pytorch('efficientnet_b0 trainable=false');
    expect([frozen.counts.total, frozen.counts.trainable]).toEqual([plain.counts.total, 0n]);
    expect(pytorch('efficientnet_b0').counts.trainable).toBe(5_288_548n);
    expect(pytorch('efficientnet_b0 classes=7').counts.total).toBe(5_288_548n - 993n * 1_281n);
    expect(pytorch('efficientnet_b0 num_classes=007').counts.total).toBe(5_288_548n - 993n * 1_281n);
  });
});
