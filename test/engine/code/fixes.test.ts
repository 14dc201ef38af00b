/**
 * Found by an independent check against real PyTorch (issue, "Fix along the way"). Every figure is
 * PyTorch 1.13's, run locally, or the layer formula of the PyTorch docs (cited per case).
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../../src/engine/count.js';
import { errorOf } from '../../support/count.js';
import { notes, read, refusal, row, total } from './helpers.js';
import { t } from '../../../src/i18n/messages.js';

const nn = (body: string, settings = '') => read(`import torch\nimport torch.nn as nn\n${body}`, settings);

describe('ConvTranspose2d output_padding', () => {
  it('keeps output_padding=1: 7×7 becomes 14×14, as torch gives', () => {
    // torch: nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1)(torch.zeros(1, 16, 7, 7)).shape == (1, 8, 14, 14)
    const result = nn('m = nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1)', 'in=16x7x7');
    expect(row(result, 'convtranspose2d').shape).toEqual([1, 8, 14, 14]);
    expect(result.report.rows[0]!.record.spec()).toBe('deconv 16 8 3 stride=2 pad=1 outpad=1');
    expect(total(result)).toBe(16n * 8n * 9n + 8n);
  });
  it('refuses an output padding not smaller than the stride or the dilation, as torch does', () => {
    // torch: "output padding must be smaller than either stride or dilation"
    expect(refusal('import torch.nn as nn\nm = nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=2)')).toMatch(/outpad=2 must be smaller than the stride \(2\)/);
  });
});

describe('ZeroPad2d', () => {
  it.each([
    // torch: nn.ZeroPad2d((1, 1))(torch.zeros(1, 3, 4, 4)).shape == (1, 3, 4, 6): the last axis only
    ['(1, 1)', [1, 3, 4, 6]],
    // torch: (left, right, top, bottom) = (1, 2, 3, 4) gives (1, 3, 11, 7)
    ['(1, 2, 3, 4)', [1, 3, 11, 7]],
    ['2', [1, 3, 8, 8]],
    ['0', [1, 3, 4, 4]],
  ])('ZeroPad2d(%s) on (1, 3, 4, 4)', (padding, shape) => {
    expect(row(nn(`m = nn.ZeroPad2d(${padding})`, 'in=3x4x4'), 'zeropad2d').shape).toEqual(shape);
  });
  it('the /count kind takes N, HxW or T:BxL:R', () => {
    expect(count('zeropad 0:0x1:1 in=4x4x3').report.rows[0]!.record.outputShape).toEqual([4, 6, 3]);
    expect(count('zeropad 1x2 in=4x4x3').report.rows[0]!.record.outputShape).toEqual([6, 8, 3]);
  });
});

describe('AvgPool3d refuses a kernel larger than its unpadded input', () => {
  it('avgpool3d 2 pad=1 in=1x4x4x3 under PyTorch (torch: "input image (T: 1 H: 4 W: 4) smaller than kernel size")', () => {
    expect(errorOf('avgpool3d 2 pad=1 in=1x4x4x3 --framework pytorch')).toMatch(/PyTorch's AvgPool3d refuses an input smaller than its kernel/);
    // MaxPool3d accepts it: (1, 3, 1, 3, 3)
    expect(count('maxpool3d 2 pad=1 in=1x4x4x3 --framework pytorch').report.rows[0]!.record.outputShape).toEqual([1, 3, 3, 3]);
  });
});

describe('arguments that do not change the count are accepted, by position too (torch.nn signatures)', () => {
  it.each([
    // RNN(10, 20, 2): 20·10 + 20·20 + 2·20 + 20·20 + 20·20 + 2·20 = 1,480 (nonlinearity changes no weight)
    ["nn.RNN(10, 20, 2, nonlinearity='relu')", 1_480n],
    ['nn.Flatten(1)', 0n],
    ['nn.Embedding(100, 8, 0)', 800n],
    ['nn.PReLU(1, 0.1)', 1n],
    ['nn.BatchNorm2d(8, 1e-5, 0.1, False, True)', 0n],
    ['nn.BatchNorm2d(8, 1e-3, 0.01, True, False)', 16n],
    ["nn.Conv2d(3, 8, 3, 1, 1, 1, 1, True, 'reflect')", 224n],
    ['nn.MultiheadAttention(16, 4, 0.0, True, False, False, None, None, True)', 1_088n],
    ['nn.ZeroPad2d(0)', 0n],
    ['nn.LSTM(10, 20, 1, True, True, 0.0, True)', 5_120n],
  ])('%s', (code, expected) => {
    expect(total(nn(`m = ${code}`))).toBe(expected);
  });
});

describe('kinds students use, counted as torch counts them', () => {
  it.each([
    // InstanceNorm2d(8, affine=True): weight and bias, 8 each; affine=False (the default): none
    ['nn.InstanceNorm2d(8, affine=True)', 16n],
    ['nn.InstanceNorm1d(8)', 0n],
    ['nn.EmbeddingBag(10, 3)', 30n],
    ['nn.LayerNorm((64, 7, 7))', 2n * 64n * 49n],
    // LSTM(10, 20, 2, proj_size=5): layer 0 80·10 + 80·5 + 2·80 + 5·20, layer 1 80·5 + 80·5 + 2·80 + 5·20 = 2,520 (torch 1.13)
    ['nn.LSTM(10, 20, 2, proj_size=5)', 2_520n],
    ['nn.AdaptiveMaxPool2d(1)', 0n],
    ['nn.AdaptiveAvgPool1d(4)', 0n],
    ['nn.Dropout3d(0.2)', 0n],
    ['nn.AlphaDropout(0.1)', 0n],
    ["nn.Upsample(scale_factor=2, mode='nearest')", 0n],
    ['nn.PixelShuffle(2)', 0n],
    ['nn.Identity(54, unused_argument=0.1)', 0n],
    // MultiheadAttention(16, 4, kdim=8, vdim=12, add_bias_kv=True): q 16·16, k 16·8, v 16·12, in_proj_bias 48, bias_k, bias_v 16 each, out_proj 16·16 + 16
    ['nn.MultiheadAttention(16, 4, kdim=8, vdim=12, add_bias_kv=True)', 928n],
    ['nn.MultiheadAttention(16, 4, bias=False, add_bias_kv=True)', 16n * 48n + 32n + 256n],
  ])('%s', (code, expected) => {
    expect(total(nn(`m = ${code}`))).toBe(expected);
  });

  it.each([
    // torch: MaxPool2d(3, 2, ceil_mode=True) on 112×112 gives 56×56; dilation=2 gives 54×54
    ['nn.MaxPool2d(3, 2, ceil_mode=True)', 'in=1x112x112', [1, 1, 56, 56]],
    ['nn.MaxPool2d(3, 2, dilation=2)', 'in=1x112x112', [1, 1, 54, 54]],
    ['nn.PixelShuffle(2)', 'in=8x4x4', [1, 2, 8, 8]],
    ['nn.Upsample(scale_factor=2)', 'in=8x4x4', [1, 8, 8, 8]],
    ['nn.AdaptiveMaxPool2d((2, 3))', 'in=8x9x9', [1, 8, 2, 3]],
    ['nn.AdaptiveAvgPool3d(1)', 'in=4x5x6x7', [1, 4, 1, 1, 1]],
    ['nn.LSTM(10, 20, 1, proj_size=5, batch_first=True)', 'input_size=(2,7,10)', [2, 7, 5]],
  ])('%s %s', (code, settings, shape) => {
    expect(nn(`m = ${code}`, settings).code!.rows[0]!.shape).toEqual(shape);
  });
});

describe('PyTorch`s C×H×W input', () => {
  it('input 3x32x32 > conv 64 3 --framework pytorch reads C=3: 1,792, and says so', () => {
    // torch: sum(p.numel() for p in nn.Conv2d(3, 64, 3).parameters()) == 1,792 on a (1, 3, 32, 32) input
    const result = count('input 3x32x32 > conv 64 3 --framework pytorch');
    expect(result.report.counts.total).toBe(1_792n);
    expect(result.report.rows[0]!.record.outputShape).toEqual([30, 30, 64]);
    expect(result.report.notes.map((n) => t('en', n))).toEqual(["input 3x32x32 is read in PyTorch's order, C×H×W (the shapes here are written channels last: 32x32x3)."]);
  });
  it('H×W×C stays as it was, and an ambiguous first axis of 3 is said aloud', () => {
    expect(count('input 32x32x3 > conv 64 3 --framework pytorch').report.notes).toEqual([]);
    expect(t('en', count('input 3x3x3 > conv 8 3 --framework pytorch').report.notes[0]!)).toMatch(/read as H×W×C \(channels last\); if you meant PyTorch's C×H×W, write input 3x3x3/);
    expect(count('input 3x32x32 > conv 64 3').report.counts.total).toBe(18_496n); // Keras reads channels last
  });
});

describe('plain questions', () => {
  it.each([
    ['how many parameters does resnet18 have', 'resnet18', 'pytorch'],
    ['How many params in ResNet-50 (pytorch)?', 'resnet50', 'pytorch'],
    ['vgg16 有幾個參數？', 'vgg16', 'keras'],
  ])('%s', (question, preset, framework) => {
    const result = count(question);
    expect(result.preset?.name).toBe(preset);
    expect(result.framework).toBe(framework);
  });
  it('a sentence without a model name is still refused by its first word', () => {
    expect(errorOf('how many parameters')).toMatch(/`how` is not a layer kind/);
  });
});

describe('the /count language', () => {
  it('`conv 3 64` says that K is missing, not CIN', () => {
    expect(errorOf('conv 3 64')).toBe('`conv` on its own takes every number of `conv CIN COUT K`; with 2, K (the last) is missing: e.g. `conv 3 64 3` (after an `input`, CIN may be left out).');
  });
  it.each([
    ['卷積 3 64 3', 1_792n],
    ['全連接 512 10', 5_130n],
    ['批次正規化 64', 256n],
    ['input 28x28x1 > 卷積 32 3 > 最大池化 2 > flatten > 全連接 10', 320n + (13n * 13n * 32n + 1n) * 10n],
  ])('Chinese kind names: %s', (spec, expected) => {
    expect(count(spec).report.counts.total).toBe(expected);
  });
});

describe('notes are rendered', () => {
  it('with the model', () => {
    expect(notes(count('input 3x32x32 > conv 64 3 --framework pytorch'))).toHaveLength(1);
  });
});
