/**
 * One worked example per layer kind, in both conventions, checked against hand-worked numbers.
 * Where a number comes from a framework, the comment says how to reproduce it there.
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { SpecError } from '../../src/engine/errors.js';
import { evaluate, renderNumbers } from '../../src/engine/expr.js';
import { counts, only } from '../support/count.js';

/** [spec, Keras [total, trainable], PyTorch [total, trainable] or 'refused', formula under Keras, where the number comes from] */
type Case = readonly [string, readonly [number, number], readonly [number, number] | 'refused', string, string];

const CASES: readonly Case[] = [
  // Conv2D: (k·k·C_in + 1)·C_out — the lecture's conv2d_1.
  ['conv 3 64 3', [1792, 1792], [1792, 1792], '(3×3×3 + 1)×64', 'lecture table; nn.Conv2d(3, 64, 3)'],
  ['conv 3 64 3 bias=false', [1728, 1728], [1728, 1728], '3×3×3×64', 'nn.Conv2d(3, 64, 3, bias=False): 3·3·3·64'],
  ['conv 3 64 3x5', [2944, 2944], [2944, 2944], '(3×5×3 + 1)×64', 'nn.Conv2d(3, 64, (3, 5)): 15·3·64 + 64'],
  ['conv 64 128 3 groups=2', [36992, 36992], [36992, 36992], '(3×3×64/2 + 1)×128', 'nn.Conv2d(64, 128, 3, groups=2): 3·3·32·128 + 128'],
  ['conv1d 16 32 5', [2592, 2592], [2592, 2592], '(5×16 + 1)×32', 'nn.Conv1d(16, 32, 5): 5·16·32 + 32'],
  ['conv3d 3 64 3', [5248, 5248], [5248, 5248], '(3×3×3×3 + 1)×64', 'nn.Conv3d(3, 64, 3): 27·3·64 + 64'],
  ['deconv 64 32 4 stride=2 pad=1', [32800, 32800], [32800, 32800], '(4×4×64 + 1)×32', 'nn.ConvTranspose2d(64, 32, 4, 2, 1): 4·4·64·32 + 32'],
  ['dwconv 32 3', [320, 320], [320, 320], '(3×3 + 1)×32', 'layers.DepthwiseConv2D(3) on 32 channels: 3·3·32 + 32'],
  ['dwconv 32 3 mult=2', [640, 640], [640, 640], '(3×3 + 1)×32×2', 'DepthwiseConv2D(3, depth_multiplier=2): 3·3·32·2 + 64'],
  ['sepconv 32 64 3', [2400, 2400], [2400, 2400], '3×3×32 + 32×64 + 64', 'layers.SeparableConv2D(64, 3) on 32 channels: 288 + 2,048 + 64'],
  ['dense 512 10', [5130, 5130], [5130, 5130], '(512 + 1)×10', 'nn.Linear(512, 10): 512·10 + 10'],
  ['dense 25088 4096', [102764544, 102764544], [102764544, 102764544], '(25,088 + 1)×4,096', 'lecture dense_1'],
  ['embedding 10000 128', [1280000, 1280000], [1280000, 1280000], '10,000×128', 'nn.Embedding(10000, 128)'],
  // BatchNorm: Keras summary shows 4·C with 2·C non-trainable; PyTorch parameters() has 2·C.
  ['bn 64', [256, 128], [128, 128], '2×64 + 2×64', 'layers.BatchNormalization() on 64 ch: 256 (128 non-trainable); nn.BatchNorm2d(64): 128'],
  ['bn 64 affine=false', [128, 0], [0, 0], '2×64', 'BatchNormalization(center=False, scale=False); nn.BatchNorm2d(64, affine=False)'],
  ['ln 768', [1536, 1536], [1536, 1536], '2×768', 'nn.LayerNorm(768); layers.LayerNormalization() on 768'],
  ['gn 32 256', [512, 512], [512, 512], '2×256', 'nn.GroupNorm(32, 256)'],
  // Recurrent: Keras one bias per gate (GRU reset_after=True: two), PyTorch two.
  ['rnn 32 64', [6208, 6208], [6272, 6272], '32×64 + 64×64 + 64', 'layers.SimpleRNN(64) on 32 features; nn.RNN(32, 64): + 64 more'],
  ['lstm 128 256', [394240, 394240], [395264, 395264], '4×(128×256 + 256×256 + 256)', 'layers.LSTM(256) on 128; nn.LSTM(128, 256)'],
  ['gru 128 256', [296448, 296448], [296448, 296448], '3×(128×256 + 256×256 + 2×256)', 'layers.GRU(256) (reset_after=True) = nn.GRU(128, 256)'],
  ['gru 128 256 reset_after=false', [295680, 295680], 'refused', '3×(128×256 + 256×256 + 256)', 'layers.GRU(256, reset_after=False)'],
  // Attention: with key_dim = D/h both frameworks give 4·D² + 4·D.
  ['mha 8 512', [1050624, 1050624], [1050624, 1050624], '3×(512×8×64 + 8×64) + 8×64×512 + 512', 'layers.MultiHeadAttention(8, 64) on 512; nn.MultiheadAttention(512, 8)'],
  ['mha 8 512 key_dim=32', [525568, 525568], 'refused', '3×(512×8×32 + 8×32) + 8×32×512 + 512', 'layers.MultiHeadAttention(num_heads=8, key_dim=32) on 512'],
  // Keras 3.15.1: MultiHeadAttention(num_heads=2, key_dim=8, output_shape=16) on (10, 48) has 2,624; the same formula here
  ['mha 8 512 output_shape=256', [919296, 919296], 'refused', '3×(512×8×64 + 8×64) + 8×64×256 + 256', 'layers.MultiHeadAttention(8, 64, output_shape=256) on 512'],
  // PReLU: Keras one alpha per element, PyTorch one in total.
  ['prelu in=56x56x64', [200704, 200704], [1, 1], '56×56×64', 'layers.PReLU() after a 56×56×64 conv; nn.PReLU()'],
  ['prelu per=channel in=56x56x64', [64, 64], [64, 64], '64', 'layers.PReLU(shared_axes=[1, 2]); nn.PReLU(64)'],
  ['maxpool 2 in=224x224x64', [0, 0], [0, 0], '0', 'pooling has no weights'],
  ['flatten in=7x7x512', [0, 0], [0, 0], '0', 'flatten has no weights'],
];

describe.each(CASES)('%s', (spec, keras, pytorch, formula, source) => {
  it(`Keras: ${keras[0]} (${source})`, () => {
    const c = counts(spec);
    expect([c.total, c.trainable]).toEqual([BigInt(keras[0]), BigInt(keras[1])]);
    expect(renderNumbers(only(spec).record.formula())).toBe(formula);
  });
  it(`PyTorch: ${pytorch === 'refused' ? 'refused' : pytorch[0]}`, () => {
    if (pytorch === 'refused') {
      expect(() => count(`${spec} --framework pytorch`)).toThrow(SpecError);
      return;
    }
    const c = counts(`${spec} --framework pytorch`);
    expect([c.total, c.trainable]).toEqual([BigInt(pytorch[0]), BigInt(pytorch[1])]);
  });
  it('formula evaluates to the count', () => {
    for (const fw of pytorch === 'refused' ? (['keras'] as const) : (['keras', 'pytorch'] as const)) {
      const row = only(`${spec} --framework ${fw}`);
      expect(evaluate(row.record.formula())).toBe(row.counts.total);
    }
  });
});

describe('frameworks that cannot express a layer refuse it', () => {
  it('PyTorch GRU has no reset_after=false', () => {
    expect(() => count('gru 128 256 reset_after=false --framework pytorch')).toThrow(/reset_after=false is a Keras GRU option/);
  });
  it('PyTorch attention splits DMODEL evenly across heads', () => {
    expect(() => count('mha 8 512 key_dim=32 --framework pytorch')).toThrow(/DMODEL\/HEADS = 64/);
  });
  // PyTorch 1.13: sum(p.numel() for p in nn.Bilinear(64, 64, 1).parameters()) = 4,097
  it('Keras has no Bilinear; PyTorch counts OUT×IN1×IN2 + OUT', () => {
    expect(() => count('bilinear 64 64 1')).toThrow(/Keras has no such layer: use --framework pytorch/);
    const row = only('bilinear 64 64 1 --framework pytorch');
    expect(row.counts.total).toBe(4_097n);
    expect(evaluate(row.record.formula())).toBe(4_097n);
  });
  it("PyTorch attention returns DMODEL: output_shape= is Keras's", () => {
    expect(() => count('mha 8 512 output_shape=256 --framework pytorch')).toThrow(/output_shape= is Keras's MultiHeadAttention option/);
  });
});

describe('stacked and bidirectional recurrent layers', () => {
  // nn.LSTM(128, 256, num_layers=2, bidirectional=True):
  // layer 0: 2·4·(128·256 + 256·256 + 2·256) = 790,528; layer 1 takes 2·256: 2·4·(512·256 + 256·256 + 2·256) = 1,576,960
  it('PyTorch nn.LSTM(128, 256, num_layers=2, bidirectional=True) has 2,367,488', () => {
    expect(counts('lstm 128 256 layers=2 bidirectional=true --framework pytorch').total).toBe(2_367_488n);
  });
  it('Keras stacks one bias per gate: 8·256 fewer per (layer, direction)', () => {
    expect(counts('lstm 128 256 layers=2 bidirectional=true').total).toBe(2_367_488n - 4n * 1024n);
  });
  it('outputs every step in PyTorch, the last in Keras unless seq=true', () => {
    expect(only('lstm 32 64 in=20 --framework pytorch').record.outputShape).toEqual([20, 64]);
    expect(only('lstm 64 in=20x32').record.outputShape).toEqual([64]);
    expect(only('lstm 32 64 bidirectional=true seq=true in=20').record.outputShape).toEqual([20, 128]);
  });
});

describe('frozen layers', () => {
  it('trainable=false moves every weight to non-trainable, as Keras does', () => {
    expect(counts('conv 3 64 3 trainable=false')).toEqual({ total: 1792n, trainable: 0n, nonTrainable: 1792n });
    expect(counts('input 32x32x3 > conv 16 3 trainable=false > flatten > dense 10')).toEqual({
      total: 448n + 14400n * 10n + 10n,
      trainable: 144010n,
      nonTrainable: 448n,
    });
  });
});

describe('output shapes', () => {
  const shape = (spec: string) => only(spec).record.outputShape;
  it('valid and same padding, stride, dilation (Keras conv_output_length)', () => {
    expect(shape('conv 3 64 3 in=224x224')).toEqual([222, 222, 64]);
    expect(shape('conv 3 64 3 pad=same in=224x224')).toEqual([224, 224, 64]);
    expect(shape('conv 3 64 7 stride=2 pad=same in=224x224')).toEqual([112, 112, 64]);
    expect(shape('conv 3 64 7 stride=2 pad=3 in=224x224')).toEqual([112, 112, 64]); // torchvision resnet conv1
    expect(shape('conv 3 8 3 dilation=2 in=32x32')).toEqual([28, 28, 8]); // effective kernel 5
    expect(shape('conv 3 8 3x1 in=32x32')).toEqual([30, 32, 8]);
  });
  it('transposed convolutions in each framework', () => {
    // PyTorch: (16 - 1)·2 - 2·1 + 4 = 32
    expect(shape('deconv 64 32 4 stride=2 pad=1 in=16x16 --framework pytorch')).toEqual([32, 32, 32]);
    // Keras valid: 16·2 + max(4 - 2, 0) = 34; same: 16·2 = 32
    expect(shape('deconv 64 32 4 stride=2 in=16x16')).toEqual([34, 34, 32]);
    expect(shape('deconv 64 32 4 stride=2 pad=same in=16x16')).toEqual([32, 32, 32]);
    expect(shape('deconv 64 32 3 stride=2 pad=1 outpad=1 in=16x16 --framework pytorch')).toEqual([32, 32, 32]);
  });
  it('pooling defaults its stride to the pool size', () => {
    expect(shape('maxpool 2 in=224x224x64')).toEqual([112, 112, 64]);
    expect(shape('maxpool 3 stride=2 pad=1 in=112x112x64')).toEqual([56, 56, 64]);
    expect(shape('avgpool 2 pad=same in=7x7x8')).toEqual([4, 4, 8]);
    expect(shape('gap in=7x7x2048')).toEqual([2048]);
    expect(shape('gap keepdims=true in=7x7x2048')).toEqual([1, 1, 2048]);
  });
  it('dense acts on the last axis', () => {
    expect(shape('dense 64 10 in=20')).toEqual([20, 10]);
  });
});

describe('MACs (weights only, bias excluded: fvcore/thop)', () => {
  const macs = (spec: string) => count(spec).report.macs;
  it('conv: H_out·W_out·k·k·C_in·C_out', () => {
    expect(macs('conv 3 64 3 pad=same in=224x224')).toBe(224n * 224n * 27n * 64n);
  });
  it('dense: IN·OUT', () => {
    expect(macs('dense 512 10')).toBe(5120n);
  });
  it('depthwise: H_out·W_out·k·k·C', () => {
    expect(macs('dwconv 32 3 pad=same in=112x112')).toBe(112n * 112n * 9n * 32n);
  });
  it('LSTM: T·4·(IN·H + H·H)', () => {
    expect(macs('lstm 128 256 in=10')).toBe(10n * 4n * (128n * 256n + 256n * 256n));
  });
  it('unknown without the input size', () => {
    expect(macs('conv 3 64 3')).toBeNull();
  });
  it('the lecture VGG16 needs 15.47 G MACs (the published 15.5 GFLOPs are MACs)', () => {
    expect(macs('vgg16')).toBe(15_470_264_320n);
  });
});

describe('exactness past 2^53', () => {
  it('counts with BigInt, never rounding', () => {
    // (2,000,000,000 + 1) × 2,000,000,000 = 4,000,000,002,000,000,000 > 2^53
    expect(counts('dense 2000000000 2000000000').total).toBe(4_000_000_002_000_000_000n);
  });
});
